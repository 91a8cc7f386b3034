// The conformity report in the editor: a webview panel that shows the HTML the server renders for
// `sms/conformityReport` (the same report as `sms-lint report --format html`), refreshed when
// coverage or SMS documents change, and an export to a file the user picks. The page runs no
// script and loads nothing: its content security policy allows inline styles only.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConformityReportRequest, type ConformityReportParams, type ConformityReportResult } from '../../server/src/shared/protocol';

export const REPORT_VIEW_TYPE = 'sms.conformityReport';
/** Coverage and document changes arrive in bursts while typing; one refresh per pause. */
const REFRESH_DELAY_MS = 1000;

/** No script, no network, no fonts or frames: only the report's own inline `<style>` and inline SVG. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export class ConformityReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The file or folder whose project the panel shows. */
  private scope: vscode.Uri | undefined;
  private report: ConformityReportResult | undefined;
  private stale = false;
  private timer: NodeJS.Timeout | undefined;
  private rendering: Promise<void> | undefined;
  private again = false;
  private readonly rendered = new vscode.EventEmitter<ConformityReportResult>();
  /** Fires after the panel shows a new report (tests wait on it). */
  readonly onDidRender = this.rendered.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly start: () => Promise<void>,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.languageId === 'yaml' && event.contentChanges.length > 0) this.scheduleRefresh();
      }),
      this.rendered,
    );
  }

  /** The report the panel shows (the server's text, before the security policy is added). */
  get current(): ConformityReportResult | undefined {
    return this.panel ? this.report : undefined;
  }

  /** The panel's HTML as the webview has it, or undefined when the panel is closed. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  /** `SMS: Open Conformity Report`: shows (or reveals) the panel for the active file's project. */
  async open(): Promise<void> {
    this.scope = projectScope() ?? this.scope;
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'SMS Conformity Report', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
        enableScripts: false,
        enableCommandUris: false,
        enableFindWidget: true,
        localResourceRoots: [],
      });
      panel.webview.html = page('<p>Building the conformity report…</p>');
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        this.report = undefined;
      });
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.refresh();
      });
      this.panel = panel;
    }
    await this.refresh();
  }

  /** Re-renders the open panel now (the title bar's refresh button). */
  refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.rendering) {
      // A change arrived while the server was building the report: build once more afterwards.
      this.again = true;
      return this.rendering;
    }
    this.rendering = (async () => {
      do {
        this.again = false;
        await this.render();
      } while (this.again);
    })().finally(() => (this.rendering = undefined));
    return this.rendering;
  }

  /** Called on every sms/status and document change: refreshes after a pause, or when next shown. */
  scheduleRefresh(): void {
    if (!this.panel) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /**
   * `SMS: Export Conformity Report…`: asks where to save (HTML or Markdown, by the chosen name) and
   * writes there only. `target` skips the dialog (for keybindings, tasks and tests).
   */
  async export(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const scope = projectScope() ?? this.scope;
    const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            title: 'Export conformity report',
            saveLabel: 'Export',
            ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'conformity-report.html') } : {}),
            filters: { HTML: ['html', 'htm'], Markdown: ['md', 'markdown'] },
          });
    if (!uri) return undefined;
    const format = /\.(md|markdown)$/i.test(uri.path) ? 'markdown' : 'html';
    const result = await this.request(format, scope);
    if (!result) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
    this.output.info(`Conformity report (${format}) written to ${uri.toString(true)}.`);
    if (!(target instanceof vscode.Uri)) {
      void vscode.window.showInformationMessage(`Conformity report saved to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((answer) => {
        if (answer === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
      });
    }
    return uri;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    this.stale = false;
    const result = await this.request('html', this.scope);
    if (!result || this.panel !== panel) return;
    this.report = result;
    panel.webview.html = withPolicy(result.text);
    this.rendered.fire(result);
  }

  private async request(format: 'html' | 'markdown', scope: vscode.Uri | undefined): Promise<ConformityReportResult | undefined> {
    await this.start();
    const client = this.client();
    if (!client) {
      void vscode.window.showWarningMessage('The SMS language server is not running (sms.enable is false?); the conformity report needs it.');
      return undefined;
    }
    const params: ConformityReportParams = { format, ...(scope ? { uri: client.code2ProtocolConverter.asUri(scope) } : {}) };
    try {
      return (await client.sendRequest<ConformityReportResult | null>(ConformityReportRequest, params)) ?? undefined;
    } catch (error) {
      this.output.error(`sms/conformityReport failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('The conformity report could not be built; see the SMS output.');
      return undefined;
    }
  }
}

/** The active editor's file when it belongs to a workspace folder (its project), else undefined. */
function projectScope(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

/** Adds the content security policy to the report's `<head>`. */
export function withPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;
  return html.includes('<head>') ? html.replace('<head>', `<head>\n${meta}`) : page(html);
}

function page(body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">\n<meta charset="utf-8">\n</head>\n<body>${body}</body>\n</html>\n`;
}
