// The snippets contributed for YAML (package.json contributes.snippets): one starter per document kind
// and the main blocks, offered by the editor's completion in an empty YAML file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, completionLabel, extensionApi, fileUri, readText, settle, writeText } from './helpers';

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
});
