// Problems appear for files nobody opened: the server indexes closed files and watches the disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, extensionApi, fileUri, waitForDiagnostics, writeText } from './helpers';

const PLANTED = `apiVersion: iso20000.sms/v1
kind: Policy
metadata:
  id: POL-E2E-PLANTED
  title: Planted errors
  owner: ROLE-SMS-MANAGER
  version: "1"
  status: aproved
  colour: blue
spec:
  type: service-management
`;

describe('diagnostics of unopened files', () => {
  const planted = () => fileUri('policies/e2e-planted.yaml');

  after(async () => {
    try {
      await vscode.workspace.fs.delete(planted());
    } catch {
      // not created
    }
  });

  it('publishes an unknown key and a misspelled enum of a file written to disk, without opening it', async () => {
    await extensionApi();
    await writeText(planted(), PLANTED);
    const diagnostics = await waitForDiagnostics(planted(), (list) => list.some((d) => codeOf(d) === 'SMS101') && list.some((d) => codeOf(d) === 'SMS104'), 'SMS101 and SMS104 on the planted file');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === planted().toString()), 'the planted file was opened');

    const unknownKey = diagnostics.find((d) => codeOf(d) === 'SMS101');
    assert.ok(unknownKey);
    assert.equal(unknownKey.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknownKey.range.start.line, 8, 'SMS101 is not on the line of `colour`');
    assert.equal(unknownKey.range.start.character, 2);
    assert.match(unknownKey.message, /colour/);

    const badEnum = diagnostics.find((d) => codeOf(d) === 'SMS104');
    assert.ok(badEnum);
    assert.equal(badEnum.range.start.line, 7, 'SMS104 is not on the line of `status`');
    assert.equal(badEnum.range.start.character, 10, 'SMS104 does not point at the value `aproved`');
    assert.match(badEnum.message, /aproved/);
    // The code links to the rule's documentation.
    assert.equal(typeof badEnum.code === 'object' && badEnum.code.target.path.endsWith('SMS104.md'), true, `code: ${JSON.stringify(badEnum.code)}`);
  });

  it('clears the problems when the file is fixed on disk, and all of them when it is deleted', async () => {
    await extensionApi();
    await writeText(planted(), PLANTED.replace('aproved', 'draft').replace('  colour: blue\n', ''));
    await waitForDiagnostics(planted(), (list) => list.length > 0 && !list.some((d) => codeOf(d) === 'SMS101' || codeOf(d) === 'SMS104'), 'SMS101 and SMS104 gone from the fixed file');
    await vscode.workspace.fs.delete(planted());
    await waitForDiagnostics(planted(), (list) => list.length === 0, 'no diagnostics left for the deleted file');
  });
});
