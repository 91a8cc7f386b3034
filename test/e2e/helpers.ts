// Shared helpers of the e2e suite (bundled into each *.test.js by esbuild; not a test file itself).
// Every wait is on a signal VS Code or the extension gives (diagnostics change events, the tree's
// change event, the API's `ready`), bounded by a timeout that fails with what was last seen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';

export const EXTENSION_ID = 'sms-lint.sms-lint';
/** The `source` of every diagnostic the language server publishes. */
export const SOURCE = 'sms';
const DEFAULT_WAIT_MS = 30_000;

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e workspace (a copy of examples/) is not open');
  return folder.uri;
}

/** A file of the workspace by its path relative to the workspace folder. */
export function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...relativePath.split('/'));
}

let api: Promise<ExtensionApi> | undefined;

/**
 * The extension's API once its language server has indexed the workspace. Activation is what a user
 * triggers by opening an SMS file (`onLanguage:yaml`), so the manifest is opened first.
 */
export function extensionApi(): Promise<ExtensionApi> {
  api ??= (async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('sms.yaml')), { preview: false });
    const exports = await extension.activate();
    await withTimeout(exports.ready, 60_000, 'the language server did not finish indexing the workspace (api.ready)');
    // `ready` can resolve before the closed files are indexed: the server sends an sms/status with
    // `indexing: false` for the opened manifest before its initial indexing starts (server.ts starts
    // with `indexing = false` and awaits settings before indexAll()). So also wait until the status
    // counts every SMS file of the workspace; the tree refreshes on every status notification.
    const expected = await smsFileCount();
    await waitOn(
      exports.tree.onDidChangeTreeData,
      () => exports.status.current && !exports.status.current.indexing && exports.status.current.smsFiles >= expected,
      `an sms/status that counts the ${expected} SMS files of the workspace`,
      () => JSON.stringify(exports.status.current),
      60_000,
    );
    return exports;
  })();
  return api;
}

/** The YAML files of the workspace that carry the SMS header. */
async function smsFileCount(): Promise<number> {
  let count = 0;
  for (const uri of await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**')) {
    if (/^apiVersion:\s*iso20000\.sms\//m.test(await readText(uri))) count++;
  }
  return count;
}

export async function withTimeout<T>(promise: PromiseLike<T>, ms: number, what: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${typeof what === 'function' ? what() : what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves with the first truthy value of `check`, evaluated now and again on every `event`.
 * Rejects after `ms` with `describe()` (what was seen last).
 */
export function waitOn<T>(event: vscode.Event<unknown>, check: () => T | undefined | false | Promise<T | undefined | false>, what: string, describe: () => string = () => '', ms = DEFAULT_WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    const finish = (error: Error | undefined, value?: T): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      if (error) reject(error);
      else resolve(value as T);
    };
    const evaluate = async (): Promise<void> => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value) return finish(undefined, value);
        } while (again && !done);
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      } finally {
        running = false;
      }
    };
    const subscription = event(() => void evaluate());
    const timer = setTimeout(() => {
      const seen = describe();
      finish(new Error(`timed out after ${ms} ms waiting for ${what}${seen ? `; last seen: ${seen}` : ''}`));
    }, ms);
    void evaluate();
  });
}

/** An event that fires when any of `events` fires. */
export function anyEvent(...events: vscode.Event<unknown>[]): vscode.Event<unknown> {
  return (listener, thisArgs, disposables) => {
    const subscriptions = events.map((event) => event(listener, thisArgs));
    const disposable = vscode.Disposable.from(...subscriptions);
    disposables?.push(disposable);
    return disposable;
  };
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function smsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const list = smsDiagnostics(uri);
  return list.length === 0 ? '(no sms diagnostics)' : list.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message.split('\n')[0]}`).join(' | ');
}

/** Waits until the SMS diagnostics of `uri` satisfy `predicate` (checked now and on every change event). */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, ms = DEFAULT_WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitOn(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const list = smsDiagnostics(uri);
      return predicate(list) ? list : undefined;
    },
    `${what} (${vscode.workspace.asRelativePath(uri)})`,
    () => describeDiagnostics(uri),
    ms,
  );
}

/** The SMS301 (uncovered-subclause) diagnostic for `subclauseId` among `diagnostics`. */
export function uncovered(diagnostics: readonly vscode.Diagnostic[], subclauseId: string): vscode.Diagnostic | undefined {
  return diagnostics.find((d) => codeOf(d) === 'SMS301' && d.message.startsWith(`${subclauseId} `));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The position just after the first occurrence of `needle` (plus `delta` characters) in `document`. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found in ${vscode.workspace.asRelativePath(document.uri)}`);
  return document.positionAt(at + delta);
}

/** Saves every dirty document and closes all editors, so that the next test starts from the disk. */
export async function settle(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function completionLabel(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
