// `--cache`: skip the engine when nothing that decides the result has changed since the last run.
//
// ESLint keys its cache per file because its rules see one file at a time. Ours do not: a changed
// manifest or catalogue changes the findings of the files that reference it, and coverage is
// workspace-wide. So the key is one content hash over everything a run depends on (the tool's own
// bundle, the options, the configuration text, the working folder, and the path and bytes of every
// selected file), and the value is the whole run: what it printed and its exit code. An unchanged
// workspace is then read and hashed but not parsed or checked; any change re-runs the engine in full
// (and rewrites the cache). The cache is one JSON file, written only with --cache.
import { createHash, type Hash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAMES, DocUri, Workspace, defaultPack, isConfigFileName } from '../engine';
import type { CliOptions } from './args';
import { findConfigFile, selectFiles } from './files';
import { decodeText } from './decode';

export const DEFAULT_CACHE_LOCATION = '.smslintcache';
const FORMAT_VERSION = 1;

export interface CachedRun {
  readonly exitCode: number;
  /** What the run wrote, in order: standard output, standard error, or the -o file. */
  readonly writes: readonly { readonly to: 'stdout' | 'stderr' | 'output'; readonly text: string }[];
}

interface CacheFile {
  readonly version: number;
  readonly key: string;
  readonly files: number;
  readonly run: CachedRun;
}

/** Builds the key: feed it every input of the run, then `digest()`. */
export class CacheKey {
  private readonly hash: Hash = createHash('sha256');
  private files = 0;

  constructor() {
    this.hash.update(`sms-lint cache v${FORMAT_VERSION}\0`);
    // The bundle itself: a rebuilt tool (rules, schemas, catalogue) never reuses an old result.
    try {
      this.hash.update(readFileSync(__filename));
    } catch {
      this.hash.update(`no-bundle:${__filename}`);
    }
  }

  /** A named setting (options, working folder, configuration text, …). */
  add(name: string, value: unknown): this {
    this.hash.update(`${name}\0${JSON.stringify(value) ?? 'undefined'}\0`);
    return this;
  }

  /** One selected file: its path and its bytes (or the fact that it could not be read). */
  addFile(path: string, bytes: Uint8Array | undefined): this {
    this.files++;
    this.hash.update(`file\0${path}\0${bytes === undefined ? 'unreadable' : bytes.length}\0`);
    if (bytes !== undefined) this.hash.update(bytes);
    return this;
  }

  get fileCount(): number {
    return this.files;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The cached run for `key`, when the cache file holds one (a missing or broken cache is a miss). */
export function readCachedRun(location: string, key: string): CachedRun | undefined {
  try {
    const parsed = JSON.parse(readFileSync(location, 'utf8')) as Partial<CacheFile>;
    if (parsed.version !== FORMAT_VERSION || parsed.key !== key || !parsed.run || !Array.isArray(parsed.run.writes) || typeof parsed.run.exitCode !== 'number') return undefined;
    return parsed.run;
  } catch {
    return undefined;
  }
}

/** Writes the cache file (atomically: a temporary file renamed over it). Failures are not fatal. */
export function writeCachedRun(location: string, key: string, files: number, run: CachedRun): string | undefined {
  const content: CacheFile = { version: FORMAT_VERSION, key, files, run };
  const temporary = `${location}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(location), { recursive: true });
    writeFileSync(temporary, JSON.stringify(content));
    renameSync(temporary, location);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

type Write = (text: string) => void;

/**
 * Runs `lint` through the cache: replays the stored run when the key matches, otherwise runs it,
 * records what it wrote and stores it. `options.today` must be set (the date is part of the key).
 */
export function lintWithCache(options: CliOptions & { readonly today: string }, cwd: string, isTty: boolean, stdout: Write, stderr: Write, lint: (stdout: Write, stderr: Write) => number): number {
  const location = resolve(cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION);
  const key = new CacheKey();
  // Where the report goes (-o) and how the cache is kept do not change what the run finds or prints.
  const { cache: _cache, cacheLocation: _location, debug: _debug, threads: _threads, output: _output, ...decisive } = options;
  key.add('options', decisive).add('toFile', options.output !== undefined).add('cwd', cwd).add('color', options.output === undefined && (options.color ?? (isTty && !process.env['NO_COLOR'])));

  // The same configuration and file selection as the run itself (main.ts), to hash its inputs.
  const firstTarget = resolve(cwd, options.patterns[0] ?? '.');
  const configPath = options.noConfig ? undefined : options.config !== undefined ? resolve(cwd, options.config) : findConfigFile(directoryOf(firstTarget), CONFIG_FILE_NAMES);
  const workspace = new Workspace({ pack: defaultPack(), today: options.today });
  if (configPath !== undefined) {
    let configText: string;
    try {
      configText = decodeText(readFileSync(configPath));
    } catch {
      return lint(stdout, stderr); // reports the unreadable configuration
    }
    key.add('config', [configPath, configText]);
    workspace.setConfig({ uri: DocUri(pathToFileURL(configPath).href), version: 1, text: configText });
  }
  const selection = selectFiles(options.patterns, cwd, workspace.config.ignore, configPath !== undefined ? dirname(configPath) : cwd);
  if (selection.unmatched.length > 0) return lint(stdout, stderr); // a usage error, never cached
  for (const file of selection.files) {
    if (isConfigFileName(file)) continue;
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = undefined;
    }
    key.addFile(file, bytes);
  }
  const digest = key.digest();

  const outputPath = options.output !== undefined ? resolve(cwd, options.output) : undefined;
  const cached = readCachedRun(location, digest);
  if (cached) {
    for (const write of cached.writes) {
      if (write.to === 'stdout') stdout(write.text);
      else if (write.to === 'stderr') stderr(write.text);
      else if (outputPath !== undefined) {
        mkdirSync(dirname(outputPath), { recursive: true });
        writeFileSync(outputPath, write.text);
      }
    }
    return cached.exitCode;
  }

  const writes: { to: 'stdout' | 'stderr' | 'output'; text: string }[] = [];
  const exitCode = lint(
    (text) => {
      writes.push({ to: 'stdout', text });
      stdout(text);
    },
    (text) => {
      writes.push({ to: 'stderr', text });
      stderr(text);
    },
  );
  if (outputPath !== undefined) {
    try {
      writes.unshift({ to: 'output', text: readFileSync(outputPath, 'utf8') });
    } catch {
      return exitCode; // nothing to replay faithfully
    }
  }
  const failure = writeCachedRun(location, digest, key.fileCount, { exitCode, writes });
  if (failure !== undefined) stderr(`sms-lint: cannot write the cache ${location}: ${failure}\n`);
  return exitCode;
}

function directoryOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}
