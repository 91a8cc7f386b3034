// Quick-fixes for a missing requirement (SMS301 uncovered-subclause on the manifest, SMS307
// unclaimed-content in the document that has the content): applying the fix offered through
// vscode.executeCodeActionProvider removes the diagnostic.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { anyEvent, codeOf, describeDiagnostics, exists, extensionApi, fileUri, readText, settle, smsDiagnostics, uncovered, waitForDiagnostics, waitOn, workspaceFolder, writeText } from './helpers';

/** Opens `uri` (the manifest by default) and returns the code actions offered on `diagnostic`. */
async function actionsFor(diagnostic: vscode.Diagnostic, uri: vscode.Uri = fileUri('sms.yaml')): Promise<vscode.CodeAction[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

describe('quick-fixes for a missing requirement', () => {
  const manifestUri = () => fileUri('sms.yaml');
  const saved = new Map<string, string>();

  before(async () => {
    await extensionApi();
    for (const path of ['sms.yaml', 'processes/incident-management.yaml', 'processes/service-request-management.yaml']) saved.set(path, await readText(fileUri(path)));
  });

  after(async () => {
    await settle();
    for (const [path, text] of saved) await writeText(fileUri(path), text);
    await waitForDiagnostics(manifestUri(), (list) => !list.some((d) => d.severity === vscode.DiagnosticSeverity.Error) && !uncovered(list, '8.6.1') && !uncovered(list, '8.6.2'), 'the manifest clean again after restoring the files');
  });

  it('links SMS301 to the document that has the content, whose SMS307 fix claims it there and removes SMS301', async () => {
    const incident = fileUri('processes/incident-management.yaml');
    const original = saved.get('processes/incident-management.yaml') ?? '';
    assert.match(original, /satisfies: \["8\.6\.1", /);
    await writeText(incident, original.replace('satisfies: ["8.6.1", ', 'satisfies: ['));

    const diagnostic = uncovered(await waitForDiagnostics(manifestUri(), (list) => uncovered(list, '8.6.1') !== undefined, 'SMS301 for 8.6.1 on the manifest'), '8.6.1');
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /8\.6\.1-a/);
    assert.ok(diagnostic.relatedInformation?.some((related) => related.location.uri.toString() === incident.toString()), 'SMS301 does not link to the incident process');
    // From the manifest, no action edits the incident process.
    for (const action of await actionsFor(diagnostic)) for (const [uri] of action.edit?.entries() ?? []) assert.equal(uri.toString(), manifestUri().toString(), `"${action.title}" edits ${uri.toString()}`);

    const suggestions = await waitForDiagnostics(incident, (list) => list.some((d) => codeOf(d) === 'SMS307'), 'SMS307 in the incident process');
    const suggestion = suggestions.find((d) => codeOf(d) === 'SMS307')!;
    assert.equal(suggestion.severity, vscode.DiagnosticSeverity.Information);
    const actions = await actionsFor(suggestion, incident);
    const claim = actions.find((a) => /claim 8\.6\.1/i.test(a.title) && a.title.includes('PRC-INCIDENT'));
    assert.ok(claim, `no "Claim 8.6.1 in PRC-INCIDENT" action; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(claim.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(claim.isPreferred, 'the claim is not preferred');
    assert.ok(claim.edit, 'the claim action has no edit');
    assert.ok(await vscode.workspace.applyEdit(claim.edit), 'applyEdit failed');
    await vscode.workspace.saveAll(false);

    await waitForDiagnostics(manifestUri(), (list) => uncovered(list, '8.6.1') === undefined, 'SMS301 for 8.6.1 gone after the claim');
    await waitForDiagnostics(incident, (list) => !list.some((d) => codeOf(d) === 'SMS307'), 'SMS307 gone after the claim');
    assert.match(await readText(incident), /8\.6\.1/);
  });

  it('offers "Create … from template" when no document evidences the subclause, and applying it creates the file and removes SMS301', async () => {
    const requests = fileUri('processes/service-request-management.yaml');
    await vscode.workspace.fs.delete(requests);
    const list = await waitForDiagnostics(manifestUri(), (l) => uncovered(l, '8.6.2') !== undefined, 'SMS301 for 8.6.2 on the manifest');
    const diagnostic = uncovered(list, '8.6.2');
    assert.ok(diagnostic);
    // The finding sits on the manifest's register of documents (spec.documents).
    const manifest = await vscode.workspace.openTextDocument(manifestUri());
    assert.match(manifest.lineAt(diagnostic.range.start.line).text, /documents/, `SMS301 is on line ${diagnostic.range.start.line + 1}: ${manifest.lineAt(diagnostic.range.start.line).text}`);

    const actions = await actionsFor(diagnostic);
    const create = actions.find((a) => /create/i.test(a.title));
    assert.ok(create, `no "Create …" action; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(create.edit, 'the create action has no edit');
    assert.ok(await vscode.workspace.applyEdit(create.edit), 'applyEdit failed');
    assert.ok(await exists(requests), 'the document was not created');
    const created = await vscode.workspace.openTextDocument(requests);
    assert.match(created.getText(), /kind: ProcessDefinition/, `the created document holds: ${JSON.stringify(created.getText().slice(0, 200))} (dirty: ${created.isDirty})`);
    // Saved the way a user does (Ctrl+S in the new editor), as the tree's create command does too.
    // VS Code may already have saved it (refactoring auto-save), so save() can report "nothing to do";
    // what counts is the text on disk, observed through a file watcher.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceFolder(), 'processes/service-request-management.yaml'));
    try {
      const onDisk = waitOn(anyEvent(watcher.onDidChange, watcher.onDidCreate, vscode.workspace.onDidSaveTextDocument), async () => /kind: ProcessDefinition/.test(await readText(requests)), 'the created document on disk with its template text', () => `dirty: ${created.isDirty}`);
      if (created.isDirty) await created.save();
      await vscode.workspace.saveAll(false); // the manifest, where the fix registered the new document
      await onDisk;
    } finally {
      watcher.dispose();
    }
    await waitForDiagnostics(manifestUri(), (l) => uncovered(l, '8.6.2') === undefined, 'SMS301 for 8.6.2 gone after creating the document');
    assert.ok(smsDiagnostics(manifestUri()).every((d) => !d.message.startsWith('8.6.2 ')), describeDiagnostics(manifestUri()));
  });
});
