// Reading and analysing the selected files, on several threads when the workspace is large enough to
// gain from it. The per-file part of the engine's work (parse, schema validation, file and document
// rules, index and coverage facts) needs no other file: worker threads (cli/worker.ts) and the main
// thread claim files from a shared counter and analyse them (`Workspace.analyse`); the main thread then
// hands every analysis to its workspace in the order of the selection (`setAnalysedFile`), so the
// result is the same whatever the number of threads or their timing. The cross-file work (references,
// workspace rules, coverage) runs afterwards in the main thread, in `Workspace.update`.
//
// The main thread stays synchronous: it polls the workers' ports (`receiveMessageOnPort`) between its
// own files and blocks on a shared counter (`Atomics.wait`) once none are left to claim.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { DocUri, type FileAnalysis, type Workspace } from '../engine';
import { decodeText } from './decode';
import { NEXT_FILE, POSTED, type WorkerInput, type WorkerResult } from './worker';

export interface FileToRead {
  readonly path: string;
  readonly uri: DocUri;
}

export interface ParallelOptions {
  /** `--threads`: threads in all, the main thread included; `undefined` decides from the workspace. */
  readonly threads: number | undefined;
  /** The script a worker runs: the CLI bundle itself. */
  readonly workerScript: string;
  readonly today: string;
  readonly locale: string | undefined;
  readonly config: { readonly uri: DocUri; readonly text: string } | undefined;
  readonly cwd: string;
  /** `--debug`: where to say how the work was shared. */
  readonly debug?: (text: string) => void;
}

/**
 * Below this much YAML a worker costs more than it saves: each loads the bundle and warms up its own
 * copy of the engine (≈ 0.4 s of CPU), and two threads allocating hard share caches and memory
 * bandwidth. Measured on 2 cores (docs/performance.md): 7 MB (1,000 documents) take 2.7 s on one
 * thread and 3.0 s on two; 83 MB (10,000) take 21.8 s on one and 18.2 s on two.
 */
const MIN_BYTES_FOR_WORKERS = 16 * 1024 * 1024;
const MIN_FILES_FOR_WORKERS = 32;
const MAX_THREADS = 8;
/** With no result from any worker for this long, the main thread analyses what is left itself. */
const STALL_MS = 120_000;

/** How many threads to use for these files: `--threads`, else one per core for a large workspace. */
export function threadCount(files: readonly FileToRead[], requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files.length));
  if (files.length < MIN_FILES_FOR_WORKERS) return 1;
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(file.path).size;
    } catch {
      // Unreadable files are reported when they are read.
    }
    if (bytes >= MIN_BYTES_FOR_WORKERS) break;
  }
  if (bytes < MIN_BYTES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS, Math.ceil(files.length / MIN_FILES_FOR_WORKERS)));
}

/**
 * Reads `files` into `workspace`, analysed (by worker threads when it pays). Returns the uris of the
 * files read; unreadable files are reported on `stderr` and left out.
 */
export function loadFiles(workspace: Workspace, files: readonly FileToRead[], options: ParallelOptions, stderr: (text: string) => void): DocUri[] {
  const threads = threadCount(files, options.threads);
  const started = performance.now();
  const results = threads > 1 ? analyseInParallel(workspace, files, threads, options) : undefined;
  if (results && options.debug) {
    const here = results.filter((result) => 'analysis' in result && result.here).length;
    options.debug(`sms-lint: ${files.length} files analysed on ${threads} threads in ${Math.round(performance.now() - started)} ms (main thread: ${here})\n`);
  }
  const uris: DocUri[] = [];
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    const result = results?.[index];
    if (result && 'analysis' in result) {
      workspace.setAnalysedFile(file.uri, 1, result.text, result.analysis);
      uris.push(file.uri);
      continue;
    }
    // Sequential reading, a read error, or a file whose analysis failed elsewhere: read it here; the
    // workspace analyses it in `update`.
    let text: string;
    try {
      text = decodeText(readFileSync(file.path));
    } catch (error) {
      stderr(`sms-lint: cannot read ${relative(options.cwd, file.path)}: ${error instanceof Error ? error.message : String(error)}\n`);
      continue;
    }
    workspace.setFile(file.uri, 1, text);
    uris.push(file.uri);
  }
  return uris;
}

type Result = { readonly text: string; readonly analysis: FileAnalysis; readonly here: boolean } | { readonly missing: true };

function analyseInParallel(workspace: Workspace, files: readonly FileToRead[], threads: number, options: ParallelOptions): Result[] {
  const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const counters = new Int32Array(shared);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const plainFiles = files.map((file) => ({ path: file.path, uri: file.uri as string }));
  for (let i = 0; i < threads - 1; i++) {
    const channel = new MessageChannel();
    const input: WorkerInput = {
      smsLintWorker: true,
      today: options.today,
      locale: options.locale,
      config: options.config ? { uri: options.config.uri, text: options.config.text } : undefined,
      files: plainFiles,
      shared,
      port: channel.port2,
    };
    try {
      const worker = new Worker(options.workerScript, { workerData: input, transferList: [channel.port2], stdout: false, stderr: false });
      // A worker that cannot start posts nothing: the main thread claims its share.
      worker.on('error', () => undefined);
      worker.unref();
      workers.push(worker);
      ports.push(channel.port1);
    } catch {
      channel.port1.close();
    }
  }

  const results: (Result | undefined)[] = new Array(files.length);
  let done = 0;
  const take = (result: WorkerResult): void => {
    if (results[result.index] !== undefined) return;
    results[result.index] = 'analysis' in result ? { text: result.text, analysis: result.analysis, here: false } : { missing: true };
    done++;
  };
  const drain = (): void => {
    for (const port of ports) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) take(message.message as WorkerResult);
    }
  };
  const analyseHere = (index: number): void => {
    const file = files[index]!;
    let text: string;
    try {
      text = decodeText(readFileSync(file.path));
    } catch {
      results[index] = { missing: true };
      done++;
      return;
    }
    results[index] = { text, analysis: workspace.analyse(file.uri, 1, text), here: true };
    done++;
  };

  // The main thread's share: claim and analyse until no file is left to claim.
  for (;;) {
    drain();
    const index = Atomics.add(counters, NEXT_FILE, 1);
    if (index >= files.length) break;
    analyseHere(index);
  }
  // Wait for the files the workers claimed.
  let lastProgress = Date.now();
  while (done < files.length) {
    const posted = Atomics.load(counters, POSTED);
    const before = done;
    drain();
    if (done >= files.length) break;
    if (done > before) lastProgress = Date.now();
    else if (Date.now() - lastProgress > STALL_MS) {
      // A worker died or hangs: what it claimed is analysed here (its late results are ignored).
      for (let index = 0; index < files.length; index++) if (results[index] === undefined) analyseHere(index);
      break;
    }
    Atomics.wait(counters, POSTED, posted, 1000);
  }
  for (const worker of workers) void worker.terminate();
  for (const port of ports) port.close();
  return results.map((result) => result ?? { missing: true });
}
