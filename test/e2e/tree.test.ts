// The requirement tree (view sms.requirements) as its data provider renders it, and the tree's
// "create document" command on a gap.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../client/src/treeView';
import type { CoverageTree, SubclauseNode } from '../../server/src/shared/protocol';
import { exists, extensionApi, fileUri, readText, settle, uncovered, waitForDiagnostics, waitOn, writeText } from './helpers';

/** Every subclause node under `node`, depth first. */
async function subclauses(tree: vscode.TreeDataProvider<TreeNode>, node: TreeNode): Promise<Extract<TreeNode, { type: 'subclause' }>[]> {
  const out: Extract<TreeNode, { type: 'subclause' }>[] = [];
  for (const child of (await tree.getChildren(node)) ?? []) {
    if (child.type === 'subclause') out.push(child);
    else if (child.type === 'heading') out.push(...(await subclauses(tree, child)));
  }
  return out;
}

describe('requirement tree', () => {
  it('lists clauses 4–10 with the coverage counts of the example (366/366)', async () => {
    const api = await extensionApi();
    const roots = await api.tree.getChildren();
    assert.equal(roots.length, 1);
    const [standard] = roots;
    assert.ok(standard?.type === 'standard', `root is ${standard?.type}`);
    const rootItem = api.tree.getTreeItem(standard);
    assert.match(String(rootItem.label), /ISO\/IEC 20000-1:2018/);
    assert.equal(rootItem.description, '366/366 · 100.0 %');

    const clauses = await api.tree.getChildren(standard);
    assert.deepEqual(
      clauses.map((c) => (c.type === 'heading' ? c.node.id : c.type)),
      ['4', '5', '6', '7', '8', '9', '10'],
    );
    const expected: Record<string, number> = { '4': 11, '5': 22, '6': 37, '7': 40, '8': 210, '9': 28, '10': 18 };
    let total = 0;
    for (const clause of clauses) {
      assert.ok(clause.type === 'heading');
      const item = api.tree.getTreeItem(clause);
      const n = expected[clause.node.id];
      assert.equal(item.description, `${n}/${n}`, `clause ${clause.node.id}`);
      assert.ok(clause.node.status === 'evidenced' || clause.node.status === 'operated', `clause ${clause.node.id} is ${clause.node.status}`);
      total += clause.node.counts.total;
    }
    assert.equal(total, 366);
  });

  it('renders exactly what the server answers to sms/coverageTree', async () => {
    const api = await extensionApi();
    const client = api.client();
    assert.ok(client);
    const fromServer = await client.sendRequest<CoverageTree>('sms/coverageTree', {});
    assert.equal(fromServer.hasManifest, true);
    assert.equal(fromServer.counts.total, 366);
    const [standard] = await api.tree.getChildren();
    assert.ok(standard?.type === 'standard');
    const clauses = await api.tree.getChildren(standard);
    assert.deepEqual(
      clauses.map((c) => (c.type === 'heading' ? [c.node.id, c.node.counts] : [])),
      fromServer.clauses.map((c) => [c.id, c.counts]),
    );
    // 57 subclauses under the headings, each with its requirements.
    const all = (await Promise.all(clauses.map((c) => subclauses(api.tree, c)))).flat();
    assert.equal(all.length, 57);
    assert.equal(all.reduce((sum, s) => sum + s.node.requirements.length, 0), 366);
    const incident = all.find((s) => s.node.id === '8.6.1');
    assert.ok(incident);
    const requirements = await api.tree.getChildren(incident);
    assert.equal(requirements.length, incident.node.counts.total);
    assert.ok(requirements.every((r) => r.type === 'requirement'));
    // A requirement's documents are asked for when it is expanded (sms/requirementEvidence).
    const first = requirements.find((r) => r.type === 'requirement' && r.node.id === '8.6.1-a');
    assert.ok(first?.type === 'requirement' && first.node.evidenceCount > 0);
    const evidence = await api.tree.getChildren(first);
    assert.equal(evidence.length, first.node.evidenceCount);
    assert.ok(evidence.every((e) => e.type === 'evidence'));
    assert.ok(evidence.some((e) => e.type === 'evidence' && e.node.documentId === 'PRC-INCIDENT'), JSON.stringify(evidence.map((e) => (e.type === 'evidence' ? e.node.documentId : e.type))));
  });

  describe('create document on a gap', () => {
    const problemUri = () => fileUri('processes/problem-management.yaml');
    const saved = new Map<string, string>();

    before(async () => {
      await extensionApi();
      for (const path of ['sms.yaml', 'processes/problem-management.yaml']) saved.set(path, await readText(fileUri(path)));
    });

    after(async () => {
      await settle();
      for (const [path, text] of saved) await writeText(fileUri(path), text);
      await waitForDiagnostics(fileUri('sms.yaml'), (list) => !list.some((d) => d.severity === vscode.DiagnosticSeverity.Error) && !uncovered(list, '8.6.3'), 'the manifest clean again after restoring the files');
    });

    it('shows the gap and creates the document from its template with sms.createDocument', async () => {
      const api = await extensionApi();
      await vscode.workspace.fs.delete(problemUri());

      // Wait for the tree to show 8.6.3 as a gap (it re-reads the server's tree on every status change).
      const findGap = async (): Promise<Extract<TreeNode, { type: 'subclause' }> | undefined> => {
        const [standard] = await api.tree.getChildren();
        if (standard?.type !== 'standard') return undefined;
        const clause8 = (await api.tree.getChildren(standard)).find((c) => c.type === 'heading' && c.node.id === '8');
        if (!clause8) return undefined;
        const node = (await subclauses(api.tree, clause8)).find((s) => s.node.id === '8.6.3');
        return node && node.node.status === 'missing' ? node : undefined;
      };
      const gap = await waitOn(api.tree.onDidChangeTreeData, findGap, 'subclause 8.6.3 shown as missing in the tree');
      const item = api.tree.getTreeItem(gap);
      assert.equal(item.contextValue, 'subclause.gap.template', 'the gap has no "create document" action');
      assert.match(String(item.description), /^0\/\d+$/);
      assert.equal((gap.node as SubclauseNode).hasTemplate, true);

      await vscode.commands.executeCommand('sms.createDocument', gap);

      assert.ok(await exists(problemUri()), 'processes/problem-management.yaml was not created');
      const text = await readText(problemUri());
      assert.match(text, /kind: ProcessDefinition/);
      assert.match(text, /8\.6\.3/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), problemUri().toString(), 'the new document is not shown');
      assert.equal(vscode.window.activeTextEditor?.document.isDirty, false, 'the new document is not saved');
      // The manifest registers it and the subclause is no longer missing.
      await waitOn(api.tree.onDidChangeTreeData, async () => !(await findGap()), 'subclause 8.6.3 no longer missing');
      await waitForDiagnostics(fileUri('sms.yaml'), (list) => !uncovered(list, '8.6.3'), 'SMS301 for 8.6.3 gone');
    });
  });
});
