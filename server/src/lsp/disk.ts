// File-system access of the language server (the engine has none): listing the YAML files of a
// workspace folder and reading them.
import { promises as fs, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { TextDecoder } from 'node:util';

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const YAML_FILE = /\.ya?ml$/i;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Every YAML file under `folder`, without following symbolic links to folders; a symbolic link to a
 * file is read only when it points inside the folder (a workspace must not make us read ~/.ssh).
 */
export async function listYamlFiles(folder: string): Promise<string[]> {
  const root = await fs.realpath(folder).catch(() => folder);
  const out: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(full);
      } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
        out.push(full);
      } else if (entry.isSymbolicLink() && YAML_FILE.test(entry.name)) {
        const target = await fs.realpath(full).catch(() => undefined);
        if (target !== undefined && (target === root || target.startsWith(`${root}${sep}`))) out.push(full);
      }
    }
  }
  return out.sort();
}

/**
 * The text of a file, or undefined when it cannot be read (deleted, a folder, a dangling link) or, given
 * `within`, when its real path (after symbolic links) lies outside that folder.
 */
export async function readText(path: string, within?: string): Promise<string | undefined> {
  try {
    if (within !== undefined) {
      const [root, target] = await Promise.all([fs.realpath(within).catch(() => within), fs.realpath(path)]);
      if (target !== root && !target.startsWith(`${root}${sep}`)) return undefined;
    }
    const stats = await fs.stat(path);
    if (!stats.isFile()) return undefined;
    return decoder.decode(await fs.readFile(path));
  } catch {
    return undefined;
  }
}

/**
 * `readText`, synchronously: the engine asks for the text of a closed file it released when a feature,
 * a fix or a re-parse needs it (see WorkspaceOptions.loadText), in the middle of its work.
 */
export function readTextSync(path: string, within?: string): string | undefined {
  try {
    if (within !== undefined) {
      let root = within;
      try {
        root = realpathSync(within);
      } catch {
        // as readText: the folder as given
      }
      const target = realpathSync(path);
      if (target !== root && !target.startsWith(`${root}${sep}`)) return undefined;
    }
    if (!statSync(path).isFile()) return undefined;
    return decoder.decode(readFileSync(path));
  } catch {
    return undefined;
  }
}
