// A real LSP client for tests: starts the built server (dist/server.js --stdio) as a child process
// and speaks JSON-RPC to it over stdio. No mocks of the protocol.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { REPO_ROOT, TODAY } from './engine';

export interface PublishedDiagnostic {
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly severity?: number;
  readonly code?: string | number;
  readonly codeDescription?: { readonly href: string };
  readonly source?: string;
  readonly message: string;
  readonly data?: unknown;
  readonly relatedInformation?: readonly { readonly location: { readonly uri: string }; readonly message: string }[];
}

export interface PublishParams {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: readonly PublishedDiagnostic[];
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, readonly PublishedDiagnostic[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly process: ChildProcess;
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];
  readonly stderr: string[] = [];
  private versions = new Map<string, number>();

  private constructor(serverEnv: NodeJS.ProcessEnv) {
    this.process = spawn(process.execPath, [resolve(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SMS_TODAY: TODAY, ...serverEnv } });
    this.process.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.poke();
    });
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.poke();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** Starts the server and completes `initialize`/`initialized` for one workspace folder. */
  static async start(folder: string, options: { env?: NodeJS.ProcessEnv; capabilities?: Record<string, unknown> } = {}): Promise<LspClient> {
    const client = new LspClient(options.env ?? {});
    const rootUri = pathToFileURL(folder).href;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'sms' }],
      capabilities: options.capabilities ?? {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] }, workspaceFolders: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          rename: { prepareSupport: true },
          hover: { contentFormat: ['markdown'] },
        },
      },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  uri(folder: string, relativePath: string): string {
    return pathToFileURL(resolve(folder, relativePath)).href;
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** Sends one incremental change; returns the new version. */
  change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  replaceAll(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Resolves when `check` holds, re-checked on every notification; rejects after `timeoutMs`. */
  waitFor(check: () => boolean, description: string, timeoutMs = 15000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${description}; stderr: ${this.stderr.join('').slice(-2000)}`)), timeoutMs);
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolvePromise();
        },
      });
    });
  }

  /** Waits for the indexing of the workspace to finish (the server's sms/status notification). */
  waitForIndexed(timeoutMs = 30000): Promise<void> {
    return this.waitFor(() => this.notifications.some((n) => n.method === 'sms/status' && (n.params as { indexing: boolean }).indexing === false), 'the workspace to be indexed', timeoutMs);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}
