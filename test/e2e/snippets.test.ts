// The snippets contributed for YAML (package.json contributes.snippets): one starter per document kind
// and the main blocks, offered by the editor's completion in an empty YAML file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, completionLabel, describeDiagnostics, extensionApi, fileUri, readText, settle, smsDiagnostics, waitOn, writeText } from './helpers';

interface Snippet {
  readonly prefix: string;
  readonly body: string[];
  readonly description: string;
}

const KIND_SNIPPETS: Record<string, string> = {
  'sms-manifest': 'ServiceManagementSystem',
  'sms-catalogue': 'ServiceCatalogue',
  'sms-sla': 'ServiceLevelAgreement',
  'sms-process': 'ProcessDefinition',
  'sms-policy': 'Policy',
  'sms-plan': 'Plan',
  'sms-agreement': 'Agreement',
  'sms-register': 'Register',
  'sms-record': 'Record',
};
const BLOCK_SNIPPETS = ['sms-metadata', 'sms-sla-target', 'sms-activity', 'sms-service', 'sms-register-entry'];

describe('snippets', () => {
  it('contributes a snippet file for YAML with a starter per kind and the main blocks', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = (extension.packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } }).contributes?.snippets ?? [];
    const yaml = contributed.find((s) => s.language === 'yaml');
    assert.ok(yaml, 'no snippets contributed for yaml');
    const snippets = JSON.parse(await readText(vscode.Uri.joinPath(extension.extensionUri, yaml.path))) as Record<string, Snippet>;
    const byPrefix = new Map(Object.values(snippets).map((s) => [s.prefix, s]));
    for (const [prefix, kind] of Object.entries(KIND_SNIPPETS)) {
      const snippet = byPrefix.get(prefix);
      assert.ok(snippet, `no snippet ${prefix}`);
      const body = snippet.body.join('\n');
      assert.match(body, /^apiVersion: iso20000\.sms\/v1\n/, prefix);
      assert.ok(body.includes(`\nkind: ${kind}\n`), `${prefix} is not a ${kind}`);
      assert.match(body, /\nmetadata:\n {2}id: /, prefix);
      assert.match(body, /\nspec:\n/, prefix);
    }
    for (const prefix of BLOCK_SNIPPETS) assert.ok(byPrefix.has(prefix), `no snippet ${prefix}`);
    assert.ok([...byPrefix.keys()].every((p) => p.startsWith('sms-')), [...byPrefix.keys()].join(', '));
  });

  it('offers the snippets in the completion of an empty YAML file', async () => {
    await extensionApi();
    const empty = fileUri('e2e-empty.yaml');
    await writeText(empty, '');
    try {
      const document = await vscode.workspace.openTextDocument(empty);
      await vscode.window.showTextDocument(document);
      assert.equal(document.languageId, 'yaml');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', empty, new vscode.Position(0, 0));
      const snippets = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet).map(completionLabel);
      for (const prefix of [...Object.keys(KIND_SNIPPETS), ...BLOCK_SNIPPETS]) assert.ok(snippets.includes(prefix), `${prefix} not offered; snippets offered: ${snippets.join(', ')}`);
    } finally {
      await settle();
      await vscode.workspace.fs.delete(empty);
    }
  });

  it('expands every document starter into a document that is valid against its kind\'s schema', async function () {
    this.timeout(150_000);
    await extensionApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const snippets = Object.values(JSON.parse(await readText(vscode.Uri.joinPath(extension.extensionUri, 'snippets', 'sms.code-snippets'))) as Record<string, Snippet>);
    // Outside the workspace folder, so that the starters (a second manifest, duplicate ids) do not touch
    // the example's coverage: the server checks such files on their own.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-snippets-'));
    const files: vscode.Uri[] = [];
    try {
      for (const prefix of Object.keys(KIND_SNIPPETS)) {
        const snippet = snippets.find((s) => s.prefix === prefix);
        assert.ok(snippet);
        const uri = vscode.Uri.file(path.join(dir, `${prefix}.yaml`));
        fs.writeFileSync(uri.fsPath, '');
        files.push(uri);
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        // Expanded as the editor does when the snippet is picked (placeholders take their defaults);
        // not saved: the server checks the editor's buffer, as while a user types.
        assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippet.body.join('\n'))), `${prefix} could not be inserted`);
      }
      // Checked once each has diagnostics: every starter is a draft that claims clauses (document
      // control reports that a draft is not evidence yet) and names ids defined elsewhere.
      const describe = (): string => files.map((uri) => `${path.basename(uri.fsPath)}: ${describeDiagnostics(uri)}`).join('; ');
      await waitOn(vscode.languages.onDidChangeDiagnostics, () => files.every((uri) => smsDiagnostics(uri).length > 0), 'diagnostics for every expanded starter', describe, 60_000);
      for (const uri of files) {
        // Syntax (SMS0xx) and schema (SMS1xx) findings would mean an invalid starter.
        const invalid = smsDiagnostics(uri).filter((d) => /^SMS[01]\d\d$/.test(codeOf(d)));
        assert.deepEqual(invalid.map((d) => `${codeOf(d)} ${d.message}`), [], `${path.basename(uri.fsPath)}: ${describeDiagnostics(uri)}`);
      }
    } finally {
      // Closed without saving, like a user discarding them.
      for (const uri of files) {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
