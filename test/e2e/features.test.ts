// Editor features through VS Code's own commands, as the editor calls them: completion of service
// ids at an SLA's service reference, hover on a clause id, go to definition across files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completionLabel, extensionApi, fileUri, hoverText, positionOf, settle } from './helpers';

describe('editor features', () => {
  before(async () => {
    await extensionApi();
  });
  afterEach(async () => {
    // Throw away any edit a test made: revert the active editor, then close everything.
    if (vscode.window.activeTextEditor?.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    await settle();
  });

  it("completes the catalogue's service ids at an SLA's service reference", async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('slas/harbourside.yaml'));
    const editor = await vscode.window.showTextDocument(document);
    // A new block-style target under spec.targets, the cursor after `service: `.
    const targets = positionOf(document, '\n  targets:\n', 1);
    const line = '    - service: \n';
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(targets.line + 1, 0), line)));
    const cursor = new vscode.Position(targets.line + 1, line.length - 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor);
    const labels = list.items.map(completionLabel);
    for (const id of ['SVC-EMAIL', 'SVC-SERVICE-DESK', 'SVC-IDENTITY', 'SVC-NETWORK', 'SVC-HOSTING', 'SVC-BACKUP']) assert.ok(labels.includes(id), `${id} not offered; got: ${labels.slice(0, 40).join(', ')}`);
    const email = list.items.find((item) => completionLabel(item) === 'SVC-EMAIL');
    assert.equal(email?.kind, vscode.CompletionItemKind.Reference, `SVC-EMAIL has kind ${email?.kind}`);
  });

  it("shows a clause's paraphrase when hovering its id in metadata.satisfies", async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('processes/incident-management.yaml'));
    await vscode.window.showTextDocument(document);
    const position = positionOf(document, 'satisfies: ["8.6.1"', 'satisfies: ["'.length + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /8\.6\.1/, text);
    assert.match(text, /Incident management/, text);
    // The paraphrase of each requirement, with its live status and the evidence.
    assert.match(text, /8\.6\.1-a/, text);
    assert.match(text, /PRC-INCIDENT/, text);
  });

  it("jumps from an SLA's service reference to the service in the catalogue", async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('slas/harbourside.yaml'));
    await vscode.window.showTextDocument(document);
    const position = positionOf(document, 'services: [SVC-SERVICE-DESK, SVC-EMAIL', 'services: [SVC-SERVICE-DESK, SVC-'.length);
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
    assert.equal(locations.length, 1, `definitions: ${JSON.stringify(locations)}`);
    const [first] = locations;
    assert.ok(first);
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetRange' in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
    assert.equal(uri.toString(), fileUri('catalogue/service-catalogue.yaml').toString());
    const catalogue = await vscode.workspace.openTextDocument(uri);
    assert.equal(catalogue.getText(range), 'SVC-EMAIL');
    assert.match(catalogue.lineAt(range.start.line).text, /^\s*- id: SVC-EMAIL\b/);
  });

  it('finds the references to a service across files', async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('catalogue/service-catalogue.yaml'));
    await vscode.window.showTextDocument(document);
    const position = positionOf(document, '- id: SVC-EMAIL', '- id: SVC-'.length);
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position);
    const files = new Set(locations.map((l) => vscode.workspace.asRelativePath(l.uri)));
    for (const file of ['sms.yaml', 'slas/harbourside.yaml']) assert.ok(files.has(file), `no reference in ${file}; found in: ${[...files].join(', ')}`);
  });
});
