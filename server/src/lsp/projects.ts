// One engine Workspace per workspace folder (one SMS per folder), plus one for files outside any
// folder. URIs are canonicalised so that the client's spelling and ours name the same file.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DocUri, Workspace, defaultPack } from '../engine';
import { readTextSync } from './disk';

export interface Project {
  /** Canonical folder URI with a trailing slash; undefined for the catch-all project. */
  readonly folderUri: string | undefined;
  readonly folderPath: string | undefined;
  readonly workspace: Workspace;
  configUri: DocUri | undefined;
  /** The baseline of accepted findings named by the config (`baseline:`), if any. */
  baselineUri: DocUri | undefined;
}

/** `file:` URIs are rewritten through the file system path so that encodings agree. */
export function canonicalUri(uri: string): DocUri {
  if (!uri.startsWith('file:')) return DocUri(uri);
  try {
    return DocUri(pathToFileURL(fileURLToPath(uri)).href);
  } catch {
    return DocUri(uri);
  }
}

export function pathOf(uri: DocUri): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class Projects {
  private readonly projects: Project[] = [];
  private readonly fallback: Project;

  constructor(
    folders: readonly { readonly uri: string }[],
    private readonly today: () => string,
    /**
     * Files whose syntax tree and text the engine keeps (the open documents); the others are re-parsed on
     * demand, their texts read again from disk.
     */
    private readonly retainSyntaxTree: (uri: DocUri) => boolean = () => true,
  ) {
    for (const folder of folders) this.add(folder.uri);
    this.fallback = { folderUri: undefined, folderPath: undefined, workspace: this.createWorkspace(undefined), configUri: undefined, baselineUri: undefined };
  }

  add(folderUriText: string): Project {
    const canonical = canonicalUri(folderUriText);
    const folderUri = canonical.endsWith('/') ? canonical : `${canonical}/`;
    const existing = this.projects.find((project) => project.folderUri === folderUri);
    if (existing) return existing;
    const folderPath = pathOf(DocUri(folderUri));
    const project: Project = { folderUri, folderPath, workspace: this.createWorkspace(folderPath), configUri: undefined, baselineUri: undefined };
    this.projects.push(project);
    // Longest folder first, so nested folders win.
    this.projects.sort((a, b) => (b.folderUri?.length ?? 0) - (a.folderUri?.length ?? 0));
    return project;
  }

  remove(folderUriText: string): Project | undefined {
    const canonical = canonicalUri(folderUriText);
    const folderUri = canonical.endsWith('/') ? canonical : `${canonical}/`;
    const index = this.projects.findIndex((project) => project.folderUri === folderUri);
    if (index < 0) return undefined;
    return this.projects.splice(index, 1)[0];
  }

  projectFor(uri: DocUri): Project {
    return this.projects.find((project) => project.folderUri !== undefined && uri.startsWith(project.folderUri)) ?? this.fallback;
  }

  folders(): readonly Project[] {
    return this.projects;
  }

  all(): Project[] {
    return [...this.projects, this.fallback];
  }

  /**
   * A folder's workspace releases the texts of closed files and reads them again from the folder (never
   * from outside it, as when indexing); the catch-all project holds only open documents and keeps texts.
   */
  private createWorkspace(folderPath: string | undefined): Workspace {
    const loadText =
      folderPath === undefined
        ? undefined
        : (uri: DocUri): string | undefined => {
            const path = pathOf(uri);
            return path === undefined ? undefined : readTextSync(path, folderPath);
          };
    return new Workspace({ pack: defaultPack(), today: this.today(), retainSyntaxTree: this.retainSyntaxTree, retainText: this.retainSyntaxTree, loadText });
  }
}
