// Finding the files to lint: folders are walked (skipping .git and node_modules, never following
// symbolic links to folders), globs are matched, the config's `ignore` globs are honoured.
import { readdirSync, lstatSync, statSync, existsSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep, dirname } from 'node:path';
import { globBase, globToRegExp, isGlob, matchesAny } from './glob';

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const YAML_FILE = /\.ya?ml$/i;

export interface FileSelection {
  readonly files: readonly string[];
  /** Patterns that matched nothing (reported, not fatal). */
  readonly unmatched: readonly string[];
}

export function selectFiles(patterns: readonly string[], cwd: string, ignore: readonly string[], ignoreBase: string): FileSelection {
  const ignoreGlobs = ignore.map(globToRegExp);
  const isIgnored = (file: string): boolean => ignoreGlobs.length > 0 && matchesAny(toPosix(relative(ignoreBase, file)), ignoreGlobs);
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const before = files.size;
    const posixPattern = toPosix(pattern);
    if (isGlob(posixPattern)) {
      const base = resolve(cwd, globBase(posixPattern));
      const matcher = globToRegExp(toPosix(relative(cwd, resolve(cwd, posixPattern))).replace(/^\.\//, ''));
      walk(base, (file) => {
        if (matcher.test(toPosix(relative(cwd, file))) && !isIgnored(file)) files.add(file);
      });
    } else {
      const target = resolve(cwd, pattern);
      if (!existsSync(target)) {
        unmatched.push(pattern);
        continue;
      }
      if (statSync(target).isDirectory()) {
        walk(target, (file) => {
          if (YAML_FILE.test(file) && !isIgnored(file)) files.add(file);
        });
      } else if (!isIgnored(target) || patterns.length > 0) files.add(target);
    }
    if (files.size === before && !unmatched.includes(pattern) && isGlob(posixPattern)) unmatched.push(pattern);
  }
  return { files: [...files].sort(), unmatched };
}

function walk(folder: string, visit: (file: string) => void, root: string = realFolder(folder)): void {
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    const full = join(folder, name);
    let stats;
    try {
      stats = lstatSync(full);
    } catch {
      continue;
    }
    if (stats.isSymbolicLink()) {
      // A link to a file is read (it may be a shared document) when it stays inside the folder being
      // linted: a link to a file elsewhere (`leak.yaml -> ~/.ssh/config`) is not. A link to a folder is
      // not walked.
      try {
        if (statSync(full).isFile() && isInside(realpathSync(full), root)) visit(full);
      } catch {
        /* dangling link */
      }
      continue;
    }
    if (stats.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(name)) walk(full, visit, root);
    } else if (stats.isFile()) visit(full);
  }
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The nearest .smsrc.yaml from `start` upwards (stopping at a folder that holds .git). */
export function findConfigFile(start: string, names: readonly string[]): string | undefined {
  let folder = start;
  for (;;) {
    for (const name of names) {
      const candidate = join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
    if (existsSync(join(folder, '.git'))) return undefined;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
