// The worker-thread side of `sms-lint`'s parallel analysis (cli/parallel.ts is the other side). The
// CLI bundle is its own worker script: started in a worker thread with `workerData.smsLintWorker`, it
// builds a workspace with the same options as the main thread's and analyses the files it claims from
// a shared counter (read, decode, `Workspace.analyse`), posting each analysis back. Nothing is
// written; the main thread applies the analyses in file order, so output does not depend on timing.
import { readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { DocUri, Workspace, defaultPack, type FileAnalysis } from '../engine';
import { decodeText } from './decode';

export interface WorkerInput {
  readonly smsLintWorker: true;
  readonly today: string;
  readonly locale: string | undefined;
  readonly config: { readonly uri: string; readonly text: string } | undefined;
  readonly files: readonly { readonly path: string; readonly uri: string }[];
  /** [0]: the next file index to claim; [1]: results posted (bumped after each post, then notified). */
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
}

export type WorkerResult =
  | { readonly index: number; readonly text: string; readonly analysis: FileAnalysis }
  | { readonly index: number; readonly readError: string }
  /** The analysis threw: the main thread analyses the file itself. */
  | { readonly index: number; readonly failed: string };

export const NEXT_FILE = 0;
export const POSTED = 1;

export function runWorker(input: WorkerInput): void {
  const counters = new Int32Array(input.shared);
  const post = (result: WorkerResult): void => {
    input.port.postMessage(result);
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
  };
  let workspace: Workspace | undefined;
  try {
    workspace = new Workspace({ pack: defaultPack(), today: input.today, ...(input.locale ? { locale: input.locale } : {}), retainSyntaxTree: () => false });
    if (input.config) workspace.setConfig({ uri: DocUri(input.config.uri), version: 1, text: input.config.text });
    if (input.locale) workspace.setLocale(input.locale);
  } catch {
    // Without a workspace this thread claims nothing; the main thread and the other workers do the work.
    input.port.close();
    return;
  }
  for (;;) {
    const index = Atomics.add(counters, NEXT_FILE, 1);
    const file = input.files[index];
    if (!file) break;
    let text: string;
    try {
      text = decodeText(readFileSync(file.path));
    } catch (error) {
      post({ index, readError: error instanceof Error ? error.message : String(error) });
      continue;
    }
    try {
      post({ index, text, analysis: workspace.analyse(DocUri(file.uri), 1, text) });
    } catch (error) {
      post({ index, failed: error instanceof Error ? error.message : String(error) });
    }
  }
  input.port.close();
}
