// A crash of the language server (SIGKILL: no shutdown, no goodbye) is followed by a restart
// (the client's restart policy, client/src/extension.ts) without losing the user's text: the
// unsaved edit is still in the editor, and the new server process publishes its finding again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { ConformityReportResult, ServerInfo } from '../../server/src/shared/protocol';
import { codeOf, describeDiagnostics, extensionApi, fileUri, positionOf, smsDiagnostics, waitForDiagnostics, waitOn } from './helpers';
import { withoutAutoSave } from './editorSettings';

describe('server crash and restart', () => {
  const sla = () => fileUri('slas/harbourside.yaml');
  let restoreAutoSave: () => Promise<void> = async () => undefined;

  before(async () => {
    restoreAutoSave = await withoutAutoSave();
  });

  after(async () => {
    // Throw the unsaved edit away (settle() would save it) and wait until the file is clean again.
    const document = await vscode.workspace.openTextDocument(sla());
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitForDiagnostics(sla(), (list) => !list.some((d) => d.message.includes('`titel`')), 'no SMS101 for `titel` on the SLA after reverting the edit');
    await restoreAutoSave();
  });

  it('restarts a killed server, which publishes the finding of the unsaved edit again; the text stays', async () => {
    const api = await extensionApi();
    const client = api.client();
    assert.ok(client, 'no language client');
    assert.equal(client.state, State.Running);

    // An unsaved edit that introduces a finding: an unknown key (SMS101) in the SLA's metadata.
    const document = await vscode.workspace.openTextDocument(sla());
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const line = positionOf(document, '  status: approved').line + 1;
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '  titel: Harbourside SLA\n')));
    const isTheEdit = (d: vscode.Diagnostic): boolean => codeOf(d) === 'SMS101' && d.range.start.line === line && d.range.start.character === 2;
    await waitForDiagnostics(sla(), (list) => list.some(isTheEdit), 'SMS101 for the unsaved edit');
    const typed = document.getText();
    assert.ok(document.isDirty);

    const before = await client.sendRequest<ServerInfo>('sms/serverInfo', null);
    assert.ok(before.pid > 0 && before.pid !== process.pid, `server pid ${before.pid}`);
    const collectionBefore = client.diagnostics;
    let wentDown = false;
    const states: string[] = [];
    const watch = client.onDidChangeState((event) => {
      states.push(`${State[event.oldState]}→${State[event.newState]}`);
      if (event.newState !== State.Running) wentDown = true;
    });
    try {
      process.kill(before.pid, 'SIGKILL');
      await waitOn(client.onDidChangeState, () => wentDown && client.state === State.Running, 'the client to run again after the crash', () => states.join(', ') || '(no state change)');
    } finally {
      watch.dispose();
    }

    const after = await client.sendRequest<ServerInfo>('sms/serverInfo', null);
    assert.notEqual(after.pid, before.pid, 'the same server process answers');
    // The crashed server's diagnostics were disposed with its collection; these come from the new
    // process, which only knows the unsaved text because the client sent it again (didOpen).
    await waitOn(
      vscode.languages.onDidChangeDiagnostics,
      () => client.diagnostics !== undefined && client.diagnostics !== collectionBefore && (client.diagnostics.get(sla()) ?? []).some(isTheEdit),
      'the new server to publish SMS101 for the unsaved text',
      () => describeDiagnostics(sla()),
    );
    assert.ok(smsDiagnostics(sla()).some(isTheEdit));
    assert.equal(document.isDirty, true, 'the document is no longer dirty');
    assert.equal(document.getText(), typed, 'the text changed');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), sla().toString());

    // The restarted server has the whole workspace again (the report waits for its indexing).
    const report = await client.sendRequest<ConformityReportResult>('sms/conformityReport', { format: 'markdown' });
    assert.match(report.text, /\*\*\d+\*\* of \*\*366\*\* requirements covered/);
    await waitOn(api.tree.onDidChangeTreeData, () => api.status.current && !api.status.current.indexing && api.status.current.smsFiles >= 72, 'an sms/status from the new server', () => JSON.stringify(api.status.current));
  });
});
