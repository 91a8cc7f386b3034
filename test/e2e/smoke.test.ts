// Smallest possible check that the suite runs inside a real VS Code with the extension loaded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('e2e smoke', () => {
  it('runs inside VS Code', () => {
    assert.equal(typeof vscode.version, 'string');
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('has the sms-lint extension', () => {
    assert.ok(vscode.extensions.getExtension('sms-lint.sms-lint'), 'extension sms-lint.sms-lint is not installed');
  });
});
