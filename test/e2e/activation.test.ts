// The extension starts on the example SMS workspace, shows its coverage in the language status and
// publishes no problems for the clean example (72 files, 100 % coverage).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, SOURCE, codeOf, extensionApi, fileUri } from './helpers';

describe('activation and status', () => {
  it('activates on the example SMS workspace and starts the language server', async () => {
    const api = await extensionApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'the extension is not active');
    const client = api.client();
    assert.ok(client, 'the language client was not started');
    assert.ok(client.isRunning(), 'the language client is not running');
    // The manifest was opened through the UI and is an SMS YAML document.
    const manifest = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fileUri('sms.yaml').toString());
    assert.equal(manifest?.languageId, 'yaml');
    // Reported, not asserted: speed is judged by benchmarks (docs/performance.md), not by a timed test.
    console.log(`      activation of the extension: ${api.activationMs.toFixed(1)} ms`);
    assert.ok(Number.isFinite(api.activationMs));
  });

  it('shows the coverage in the language status item', async () => {
    const api = await extensionApi();
    assert.match(api.status.text, /%/, `status text: ${api.status.text}`);
    assert.equal(api.status.text, 'SMS 100.0 %');
    const status = api.status.current;
    assert.ok(status, 'no sms/status received');
    assert.equal(status.indexing, false);
    assert.equal(status.total, 366);
    assert.equal(status.covered, 366);
    assert.equal(status.errors, 0);
    assert.equal(status.smsFiles, 72);
  });

  it('reports no errors or warnings for the clean example', async () => {
    await extensionApi();
    const problems = vscode.languages
      .getDiagnostics()
      .flatMap(([uri, list]) => list.filter((d) => d.source === SOURCE && d.severity <= vscode.DiagnosticSeverity.Warning).map((d) => `${vscode.workspace.asRelativePath(uri)} ${codeOf(d)} ${d.message.split('\n')[0]}`));
    assert.deepEqual(problems, []);
  });
});
