// Commands that need the VS Code UI. Anything that computes (coverage, templates, edits) is asked
// of the server; the client applies and shows.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CreateDocumentRequest, RevalidateRequest, ScaffoldRequest } from '../../server/src/shared/protocol';
import type { RequirementTreeProvider, TreeNode } from './treeView';
import type { RequirementDocuments } from './requirementDocuments';
import type { ConformityReportView } from './conformityReport';

export interface CommandContext {
  readonly client: () => LanguageClient | undefined;
  readonly tree: RequirementTreeProvider;
  readonly output: vscode.LogOutputChannel;
  readonly requirementDocuments: RequirementDocuments;
  readonly report: ConformityReportView;
  readonly start: () => Promise<void>;
  readonly restart: () => Promise<void>;
}

export function registerCommands(context: vscode.ExtensionContext, commands: CommandContext): void {
  const register = (id: string, run: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };

  register('sms.newWorkspace', async (folderArgument?: unknown) => {
    const folder = folderArgument instanceof vscode.Uri ? folderArgument : await pickFolder();
    if (!folder) return;
    const entries = await vscode.workspace.fs.readDirectory(folder).then(
      (list) => list.filter(([name]) => !name.startsWith('.')),
      () => [],
    );
    if (entries.length > 0) {
      const answer = await vscode.window.showWarningMessage(`${folder.fsPath} is not empty. Add the SMS starter documents anyway? Existing files are kept.`, { modal: true }, 'Add');
      if (answer !== 'Add') return;
    }
    await commands.start();
    const client = commands.client();
    if (!client) return;
    const edit = await client.sendRequest(ScaffoldRequest, { folderUri: client.code2ProtocolConverter.asUri(folder) });
    if (!edit) return;
    const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
    if (!workspaceEdit || !(await vscode.workspace.applyEdit(workspaceEdit))) {
      void vscode.window.showErrorMessage('The SMS starter documents could not be created.');
      return;
    }
    await vscode.workspace.saveAll(false);
    const manifest = vscode.Uri.joinPath(folder, 'sms.yaml');
    await vscode.window.showTextDocument(manifest);
    void vscode.commands.executeCommand('sms.requirements.focus');
  });

  register('sms.validateWorkspace', async () => {
    await commands.start();
    const client = commands.client();
    if (!client) return;
    await client.sendRequest(RevalidateRequest, {});
    commands.tree.refresh();
    void vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  register('sms.showCoverage', async () => {
    await commands.start();
    commands.tree.refresh();
    await vscode.commands.executeCommand('sms.requirements.focus');
  });

  register('sms.showGapsOnly', () => commands.tree.setGapsOnly(true));
  register('sms.showAll', () => commands.tree.setGapsOnly(false));
  register('sms.refreshTree', () => commands.tree.refresh());

  register('sms.createDocument', async (node?: unknown) => {
    const subclauseId = subclauseIdOf(node as TreeNode | undefined) ?? (await vscode.window.showInputBox({ prompt: 'Subclause of ISO/IEC 20000-1:2018 to create a document for', placeHolder: '8.6.1' }));
    if (!subclauseId) return;
    const client = commands.client();
    if (!client) return;
    const folderUri = folderOf(node as TreeNode | undefined);
    const edit = await client.sendRequest(CreateDocumentRequest, { subclauseId, ...(folderUri ? { folderUri } : {}) });
    if (!edit) {
      void vscode.window.showWarningMessage(`No template is available for ${subclauseId}, or the workspace has no manifest.`);
      return;
    }
    const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
    if (!workspaceEdit || !(await vscode.workspace.applyEdit(workspaceEdit))) return;
    const createdUri = (edit as { documentChanges?: { kind?: string; uri?: string }[] }).documentChanges?.find((change) => change.kind === 'create')?.uri;
    const target = createdUri ? vscode.Uri.parse(createdUri) : undefined;
    if (target) {
      const document = await vscode.workspace.openTextDocument(target);
      await document.save();
      await vscode.window.showTextDocument(document);
    }
  });

  register('sms.showRequirement', async (node?: unknown) => {
    const treeNode = node as TreeNode | undefined;
    if (!treeNode || treeNode.type !== 'requirement') return;
    const uri = commands.requirementDocuments.uriFor(treeNode.node, treeNode.subclause, await commands.tree.evidenceOf(treeNode));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
  });

  register('sms.showRuleDocumentation', async (code?: unknown) => {
    if (typeof code !== 'string' || !/^SMS\d{3}$/.test(code)) return;
    const local = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${code}.md`);
    try {
      await vscode.workspace.fs.stat(local);
      await vscode.commands.executeCommand('markdown.showPreview', local);
    } catch {
      await vscode.env.openExternal(vscode.Uri.parse(`https://github.com/sms-lint/sms-lint/blob/main/docs/rules/${code}.md`));
    }
  });

  register('sms.openConformityReport', () => commands.report.open());
  register('sms.refreshConformityReport', () => commands.report.refresh());
  // With `{ target: Uri }` (keybindings, other extensions, tests) it writes there without asking. A
  // bare Uri (what menus pass: the active editor's resource) is ignored, so a menu never overwrites a file.
  register('sms.exportConformityReport', (options?: unknown) => {
    const target = typeof options === 'object' && options !== null && 'target' in options ? (options as { target: unknown }).target : undefined;
    return commands.report.export(target instanceof vscode.Uri ? target : undefined);
  });

  register('sms.restartServer', () => commands.restart());
  register('sms.showOutput', () => commands.output.show());
}

function subclauseIdOf(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'subclause') return node.node.id;
  if (node.type === 'requirement') return node.subclause.id;
  return undefined;
}

function folderOf(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'subclause' || node.type === 'requirement' || node.type === 'heading') return node.folderUri;
  return undefined;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]?.uri;
  if (folders.length > 1) {
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new SMS' });
    return picked?.uri;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create SMS here' });
  return chosen?.[0];
}
