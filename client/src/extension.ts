// The VS Code client: activation, the language client, the requirement tree view, the language
// status item, commands and settings. No validation or coverage logic lives here: it renders what
// the server computes.
import * as vscode from 'vscode';
import { CloseAction, LanguageClient, State, TransportKind, RevealOutputChannelOn, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { isSmsText, isConfigDocument, SmsDocumentFilter } from './smsDocuments';
import { RequirementTreeProvider } from './treeView';
import { StatusView } from './status';
import { registerCommands } from './commands';
import { RequirementDocuments } from './requirementDocuments';
import { ConformityReportView } from './conformityReport';
import { ServerInfoRequest, StatusNotification, type ServerInfo, type StatusParams } from '../../server/src/shared/protocol';

let client: LanguageClient | undefined;

export interface ExtensionApi {
  /** The language client, once started (for tests and other extensions). */
  readonly client: () => LanguageClient | undefined;
  readonly tree: RequirementTreeProvider;
  readonly status: StatusView;
  /** The conformity report panel (`SMS: Open Conformity Report`). */
  readonly report: ConformityReportView;
  /** Resolves when the server has started and indexed the workspace once. */
  readonly ready: Promise<void>;
  /** How long `activate` took, in milliseconds (the server starts after it returns). */
  readonly activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const activationStarted = performance.now();
  const output = vscode.window.createOutputChannel('SMS', { log: true });
  context.subscriptions.push(output);
  const tree = new RequirementTreeProvider(() => client);
  const status = new StatusView(context);
  const requirementDocuments = new RequirementDocuments();
  context.subscriptions.push(
    vscode.window.createTreeView('sms.requirements', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(RequirementDocuments.scheme, requirementDocuments),
  );
  let resolveReady: () => void = () => undefined;
  let report: ConformityReportView | undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const start = async (): Promise<void> => {
    if (client) return;
    if (!vscode.workspace.getConfiguration('sms').get<boolean>('enable', true)) {
      output.info('sms.enable is false: the language server is not started.');
      return;
    }
    const started = createClient(context, output);
    client = started;
    // Handlers registered here survive restarts of the server (the client re-registers them).
    started.onNotification(StatusNotification, (params: StatusParams) => {
      status.update(params);
      tree.refresh();
      report?.scheduleRefresh();
      if (!params.indexing) resolveReady();
    });
    // Every start and every restart after a crash: say which server process is running.
    started.onDidChangeState((event) => {
      if (event.newState === State.Running) void logServer(started, output);
      else if (event.newState === State.Stopped && client === started) output.warn('SMS language server stopped.');
    });
    await started.start();
  };
  report = new ConformityReportView(() => client, start, output);
  context.subscriptions.push(report);

  registerCommands(context, { client: () => client, tree, output, requirementDocuments, report, start, restart: async () => {
    if (client) {
      await client.stop();
      client = undefined;
    }
    await start();
  } });

  // Start only where SMS documents exist: an open one now, or one found in the workspace.
  // The search runs after activation returns, so activation itself stays cheap.
  const startIfSms = (document: vscode.TextDocument): void => {
    if (!client && (isSmsText(document.getText()) || isConfigDocument(document))) void start();
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startIfSms));
  vscode.workspace.textDocuments.forEach(startIfSms);
  setImmediate(() => {
    void workspaceHasSmsFiles().then((found) => {
      void vscode.commands.executeCommand('setContext', 'sms.workspaceHasSms', found);
      if (found) void start();
      else resolveReady();
    });
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('sms.enable')) {
        const enabled = vscode.workspace.getConfiguration('sms').get<boolean>('enable', true);
        if (enabled) void start();
        else if (client) {
          void client.stop();
          client = undefined;
          status.clear();
        }
      }
    }),
  );
  const activationMs = performance.now() - activationStarted;
  output.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return { client: () => client, tree, status, report, ready, activationMs };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const filter = new SmsDocumentFilter();
  const clientOptions: LanguageClientOptions = {
    // YAML files only; the middleware below narrows that to SMS documents and the config file.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/.smsrc.{yaml,yml}' },
    ],
    synchronize: { configurationSection: 'sms' },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The server follows VS Code's display language unless sms.locale says otherwise.
    initializationOptions: { ...vscode.workspace.getConfiguration('sms'), displayLanguage: vscode.env.language },
    middleware: filter.middleware(() => client),
    // Restart policy (docs/reliability.md): a server that dies is restarted at once, up to
    // MAX_RESTARTS times in 3 minutes; the next crash in that window stops it and says so. The
    // documents open in the editor are sent again (didOpen with the buffers' text, saved or not),
    // so no typed text is lost and diagnostics come back for the unsaved text.
    // test/e2e/restart.test.ts kills the server with SIGKILL and checks exactly that.
    errorHandler: restartPolicy(() => defaults, output),
  };
  const languageClient = new LanguageClient('sms', 'SMS (ISO/IEC 20000)', serverOptions, clientOptions);
  const defaults = languageClient.createDefaultErrorHandler(MAX_RESTARTS);
  return languageClient;
}

const MAX_RESTARTS = 4;

/** vscode-languageclient's default handler (restart up to `MAX_RESTARTS` times in 3 minutes), logged. */
function restartPolicy(defaults: () => ErrorHandler, output: vscode.LogOutputChannel): ErrorHandler {
  return {
    error: (error, message, count) => defaults().error(error, message, count),
    closed: async () => {
      const result = await defaults().closed();
      if (result.action === CloseAction.Restart) output.warn('The SMS language server stopped unexpectedly; restarting it. Open documents are sent again from the editor.');
      else output.error(`The SMS language server stopped unexpectedly and is not restarted again (more than ${MAX_RESTARTS} restarts in 3 minutes). Run "SMS: Restart language server" after looking at this log.`);
      return result;
    },
  };
}

async function logServer(languageClient: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  try {
    const info = await languageClient.sendRequest<ServerInfo>(ServerInfoRequest, null);
    output.info(`SMS language server ${info.version} running (process ${info.pid}).`);
  } catch {
    output.info('SMS language server running.');
  }
}

/** True when some YAML file of the workspace carries the SMS header (or a .smsrc.yaml exists). */
async function workspaceHasSmsFiles(): Promise<boolean> {
  if (!vscode.workspace.workspaceFolders?.length) return false;
  const configs = await vscode.workspace.findFiles('**/.smsrc.{yaml,yml}', '**/node_modules/**', 1);
  if (configs.length > 0) return true;
  const candidates = await vscode.workspace.findFiles('**/*.{yaml,yml}', '{**/node_modules/**,**/.git/**}', 2000);
  for (const uri of candidates) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (isSmsText(new TextDecoder().decode(bytes.subarray(0, 4096)))) return true;
    } catch {
      // unreadable: skip
    }
  }
  return false;
}
