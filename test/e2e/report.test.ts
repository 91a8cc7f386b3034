// The conformity report in the editor: `SMS: Open Conformity Report` opens a webview tab with the
// report the server renders (no script, strict content security policy), it follows an unsaved
// edit, and `SMS: Export Conformity Report…` writes the same report as a file.
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import { extensionApi, fileUri, readText, settle, waitOn } from './helpers';
import { withoutAutoSave } from './editorSettings';

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('sms.conformityReport'));
}

function describeTabs(): string {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => `${tab.label} (${tab.input instanceof vscode.TabInputWebview ? `webview ${tab.input.viewType}` : (tab.input as object | undefined)?.constructor.name ?? 'no input'})`)
    .join(' | ');
}

describe('conformity report', () => {
  let restoreAutoSave: () => Promise<void> = async () => undefined;
  before(async () => {
    restoreAutoSave = await withoutAutoSave();
  });

  after(async () => {
    await settle();
    await restoreAutoSave();
  });

  it('opens in a webview tab with the report of the workspace', async () => {
    const api = await extensionApi();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('sms.yaml')));
    await vscode.commands.executeCommand('sms.openConformityReport');
    // The workbench tells the extension host about the new tab asynchronously.
    const tabs = await waitOn(vscode.window.tabGroups.onDidChangeTabs, () => (reportTabs().length > 0 ? reportTabs() : undefined), 'a webview tab of type sms.conformityReport', describeTabs);
    assert.equal(tabs.length, 1, describeTabs());
    assert.equal(tabs[0]?.label, 'SMS Conformity Report');
    assert.ok(tabs[0]?.isActive, 'the report tab is not active');

    const html = api.report.html ?? '';
    assert.match(html, /<title>Conformity report: ISO\/IEC 20000-1:2018 — Quillmoor IT Services Ltd<\/title>/);
    // One heading per clause 4–10, and the register of 7.5.4.
    for (const [id, title] of [['4', 'Context of the organization'], ['5', 'Leadership'], ['8', 'Operation of the service management system'], ['10', 'Improvement']]) {
      assert.match(html, new RegExp(`<h2 id="clause-${id}">${id} ${title} <span class="muted">100\\.0 % covered</span></h2>`), `clause ${id}`);
    }
    assert.match(html, /<h2>Register of documented information \(7\.5\.4\)<\/h2>/);
    assert.match(html, /<div class="big">100\.0 %<\/div>/);
    // Strict policy: nothing but the inline styles; no script, no network resource.
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    assert.doesNotMatch(html, /<script|<link|<img|@import|url\(/i);
  });

  it('follows an unsaved edit (debounced) and shows the gap it makes', async () => {
    const api = await extensionApi();
    // A file no later test deletes: the document stays known to VS Code (and so open in the server) for a while.
    const control = await vscode.workspace.openTextDocument(fileUri('processes/documented-information-control.yaml'));
    const editor = await vscode.window.showTextDocument(control, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    const at = control.getText().indexOf('satisfies: ["7.5.2", ');
    assert.ok(at >= 0);
    const start = control.positionAt(at + 'satisfies: ['.length);
    assert.ok(await editor.edit((edit) => edit.delete(new vscode.Range(start, start.translate(0, '"7.5.2", '.length)))));
    // The panel is open (in the other column) and visible: it re-renders on its own.
    const heading = (): string => /<h3 id="sub-7\.5\.2">[^\n]*/.exec(api.report.html ?? '')?.[0] ?? '(no 7.5.2 heading)';
    await waitOn(api.report.onDidRender, () => heading().includes('<span class="badge missing">gap</span>'), 'the report to show 7.5.2 as a gap', heading);
    await vscode.window.showTextDocument(control, { preview: false, viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(control.isDirty, false);
    await vscode.commands.executeCommand('sms.refreshConformityReport');
    assert.match(heading(), /<span class="badge evidenced">evidenced<\/span>/);
  });

  it('exports the report the server renders, in the format of the file name', async () => {
    const api = await extensionApi();
    const folder = vscode.Uri.joinPath(vscode.Uri.file(tmpdir()), `sms-e2e-report-${process.pid}`);
    for (const name of ['report.html', 'report.md']) {
      const target = vscode.Uri.joinPath(folder, name);
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('sms.exportConformityReport', { target });
      assert.equal(written?.toString(), target.toString());
      const text = await readText(target);
      if (name.endsWith('.md')) {
        assert.match(text, /^# Conformity report: ISO\/IEC 20000-1:2018\n/);
        assert.match(text, /^### 8 Operation of the service management system \(100\.0 %\)$/m);
      } else {
        // The file is the report as `sms-lint report --format html` writes it: without the webview's policy.
        assert.match(text, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
        assert.equal(text, api.report.current?.text);
      }
    }
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });
});
