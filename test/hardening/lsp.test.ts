// The language server under abuse, over stdio (dist/server.js --stdio): a thousand rapid
// incremental edits, edits out of range, changes to unknown documents, cancelled requests,
// requests after shutdown, files deleted or renamed while open, and a broken .smsrc.yaml.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT } from '../support/engine';
import { LspClient, type PublishParams, type PublishedDiagnostic } from '../support/lsp';
import { FUZZ_SEED, HEADER } from './support';

interface Position {
  line: number;
  character: number;
}

/** Keeps, besides the client's map, the version of the last publication of each file. */
function trackVersions(client: LspClient): Map<string, number | undefined> {
  const versions = new Map<string, number | undefined>();
  client.connection.onNotification('textDocument/publishDiagnostics', (params: PublishParams) => {
    client.diagnostics.set(params.uri, params.diagnostics);
    versions.set(params.uri, params.version);
    (client as unknown as { poke(): void }).poke();
  });
  return versions;
}

function summary(diagnostics: readonly PublishedDiagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.message}`).sort();
}

function workspaceFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sms-hardening-lsp-'));
  cpSync(join(REPO_ROOT, 'examples', 'sms.yaml'), join(folder, 'sms.yaml'));
  mkdirSync(join(folder, 'policies'));
  cpSync(join(REPO_ROOT, 'examples', 'policies', 'service-management-policy.yaml'), join(folder, 'policies', 'policy.yaml'));
  return folder;
}

/** Waits until the server has caught up: a request (which brings the engine up to date and
 * publishes what changed) and then a second without a publication. */
async function settle(client: LspClient): Promise<void> {
  let last = -1;
  let count = 0;
  for (let round = 0; round < 30; round++) {
    await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere.yaml' } }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    count = [...client.diagnostics.values()].reduce((n, d) => n + d.length, 0) + client.notifications.length;
    if (count === last) return;
    last = count;
  }
}

/** The server still answers: a document symbol request comes back. */
async function answers(client: LspClient, uri: string): Promise<void> {
  const result = await Promise.race([client.request<unknown[] | null>('textDocument/documentSymbol', { textDocument: { uri } }), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer; stderr: ${client.stderr.join('').slice(-2000)}`)), 10000))]);
  assert.ok(result === null || Array.isArray(result));
}

describe('hardening: the language server under abuse', function () {
  this.timeout(120000);
  const folders: string[] = [];
  const clients: LspClient[] = [];
  after(async () => {
    for (const client of clients) await client.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function start(): Promise<{ folder: string; client: LspClient; versions: Map<string, number | undefined> }> {
    const folder = workspaceFolder();
    folders.push(folder);
    const client = await LspClient.start(folder);
    clients.push(client);
    const versions = trackVersions(client);
    await client.waitForIndexed();
    return { folder, client, versions };
  }

  it('converges after 1,000 rapid incremental edits to the diagnostics of a fresh open', async () => {
    const { folder, client } = await start();
    const uri = client.uri(folder, 'policies/policy.yaml');
    const original = readFileSync(join(folder, 'policies', 'policy.yaml'), 'utf8');
    client.open(uri, original);
    let mirror = TextDocument.create(uri, 'yaml', 1, original);
    const pieces = ['a', ' ', '\n', ':', '- ', '  ', 'status: draft\n', '#', '"', '\t', 'é', '𝔸', '[', '}', ''];
    const edits = fc.sample(fc.record({ from: fc.nat(), length: fc.nat({ max: 12 }), piece: fc.constantFrom(...pieces) }), { numRuns: 1000, seed: FUZZ_SEED });
    let version = 1;
    for (const edit of edits) {
      const text = mirror.getText();
      // Never split a surrogate pair: editors send ranges on code point boundaries.
      let from = edit.from % (text.length + 1);
      if (from > 0 && from < text.length && /[\uDC00-\uDFFF]/.test(text[from]!)) from--;
      let to = Math.min(text.length, from + edit.length);
      if (to > 0 && to < text.length && /[\uDC00-\uDFFF]/.test(text[to]!)) to++;
      const range = { start: mirror.positionAt(from), end: mirror.positionAt(to) };
      version = client.change(uri, range, edit.piece);
      mirror = TextDocument.update(mirror, [{ range, text: edit.piece }], version);
    }
    const finalText = mirror.getText();
    await answers(client, uri);
    await settle(client);
    void version;
    const incremental = summary(client.diagnostics.get(uri));

    // The same final text opened fresh in another server on the same folder.
    const fresh = await LspClient.start(folder);
    clients.push(fresh);
    trackVersions(fresh);
    await fresh.waitForIndexed();
    fresh.open(uri, finalText);
    await answers(fresh, uri);
    await settle(fresh);
    assert.deepEqual(incremental, summary(fresh.diagnostics.get(uri)));
    await answers(client, uri);
  });

  it('survives out-of-range edits, changes to unknown documents and cancelled requests', async () => {
    const { folder, client, versions } = await start();
    const uri = client.uri(folder, 'policies/policy.yaml');
    const text = readFileSync(join(folder, 'policies', 'policy.yaml'), 'utf8');
    client.open(uri, text);
    let mirror = TextDocument.create(uri, 'yaml', 1, text);
    const far = (line: number, character: number): Position => ({ line, character });
    const hostile = [
      { range: { start: far(10000, 0), end: far(10000, 5) }, text: '\nappended: 1\n' },
      { range: { start: far(2, 9999), end: far(3, 99999) }, text: ' ' },
      { range: { start: far(5, 3), end: far(1, 0) }, text: '' }, // end before start
      { range: { start: far(-1, -1), end: far(0, 0) }, text: '# top\n' },
      { range: { start: far(0, 1.5), end: far(0, 2.5) }, text: 'x' },
    ];
    let version = 1;
    for (const change of hostile) {
      version = client.change(uri, change.range, change.text);
      mirror = TextDocument.update(mirror, [change], version);
    }
    // A change and a close for documents the server never saw, and a malformed change.
    const unknown = client.uri(folder, 'policies/never-opened.yaml');
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: unknown, version: 7 }, contentChanges: [{ range: { start: far(0, 0), end: far(0, 0) }, text: HEADER }] });
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(folder, 'nowhere.yaml') } });
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: null });
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'not a uri', languageId: 'yaml', version: 1, text: HEADER } });
    // Requests on unknown documents and at absurd positions.
    await client.request('textDocument/hover', { textDocument: { uri: unknown }, position: far(3, 3) }).catch(() => undefined);
    await client.request('textDocument/hover', { textDocument: { uri }, position: far(99999, 99999) }).catch(() => undefined);
    await client.request('textDocument/completion', { textDocument: { uri }, position: far(-5, 1e9) }).catch(() => undefined);
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: far(500, 0), end: far(0, 0) }, context: { diagnostics: [] } }).catch(() => undefined);
    // Cancelled requests: cancelled at once, and cancelled after being sent.
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: far(i, 2) }, source.token).catch(() => undefined);
      if (i % 2 === 0) source.cancel();
      else setTimeout(() => source.cancel(), 1);
      await pending;
    }
    const pre = new CancellationTokenSource();
    pre.cancel();
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, pre.token).catch(() => undefined);
    await answers(client, uri);
    // The server applied the out-of-range edits the way the protocol library clamps them: its
    // diagnostics are those of the clamped text, opened fresh under another name.
    await settle(client);
    void versions;
    const copyUri = client.uri(folder, 'policies/copy.yaml');
    client.open(copyUri, mirror.getText().replace(/^(\s*id: )POL-[A-Z-]+/m, '$1POL-COPY'));
    await settle(client);
    const strip = (lines: string[]): string[] => lines.filter((line) => !line.includes('SMS201'));
    assert.deepEqual(strip(summary(client.diagnostics.get(uri))).length, strip(summary(client.diagnostics.get(copyUri))).length);
  });

  it('handles a file deleted or renamed while open', async () => {
    const { folder, client, versions } = await start();
    const path = join(folder, 'policies', 'policy.yaml');
    const uri = client.uri(folder, 'policies/policy.yaml');
    const text = readFileSync(path, 'utf8').replace('status: approved', 'status: aproved');
    client.open(uri, text);
    await client.waitFor(() => versions.get(uri) === 1, 'diagnostics of the open file');
    const before = summary(client.diagnostics.get(uri));
    assert.ok(before.some((line) => line.includes('SMS104')), before.join('\n'));

    // Deleted on disk while open: the editor's buffer stays the truth.
    unlinkSync(path);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await answers(client, uri);
    assert.deepEqual(summary(client.diagnostics.get(uri)), before);

    // Renamed: the editor closes the old name and opens the new one; the watcher reports both.
    const renamedUri = client.uri(folder, 'policies/renamed.yaml');
    writeFileSync(join(folder, 'policies', 'renamed.yaml'), text);
    client.close(uri);
    client.open(renamedUri, text);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: renamedUri, type: 1 }] });
    await client.waitFor(() => (client.diagnostics.get(uri) ?? []).length === 0 && summary(client.diagnostics.get(renamedUri)).join() === before.join(), 'diagnostics to move to the new name', 30000);

    // Renamed on disk behind the editor's back while open (no close): no crash, and the old name keeps its buffer.
    renameSync(join(folder, 'policies', 'renamed.yaml'), join(folder, 'policies', 'moved.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: renamedUri, type: 3 },
        { uri: client.uri(folder, 'policies/moved.yaml'), type: 1 },
      ],
    });
    await answers(client, renamedUri);
    // A folder deleted as one event.
    rmSync(join(folder, 'policies'), { recursive: true, force: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(folder, 'policies'), type: 3 }] });
    await answers(client, renamedUri);
  });

  it('reads no file outside the folder through a symbolic link, at indexing nor on watched-file events', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'sms-hardening-outside-'));
    folders.push(outside);
    const broken = readFileSync(join(REPO_ROOT, 'examples', 'policies', 'service-management-policy.yaml'), 'utf8').replace('status: approved', 'status: aproved');
    writeFileSync(join(outside, 'secret.yaml'), broken);
    const folder = workspaceFolder();
    folders.push(folder);
    writeFileSync(join(folder, 'policies', 'inside.yaml'), broken.replace(/POL-SM\b/g, 'POL-INSIDE'));
    symlinkSync(join(outside, 'secret.yaml'), join(folder, 'leak.yaml'));
    symlinkSync(join(folder, 'policies', 'inside.yaml'), join(folder, 'alias.yaml'));
    const client = await LspClient.start(folder);
    clients.push(client);
    await client.waitForIndexed();
    // A link inside the folder is read like any file (its planted error is published) ...
    await client.waitFor(() => (client.diagnostics.get(client.uri(folder, 'alias.yaml')) ?? []).some((d) => d.code === 'SMS104'), 'diagnostics of the inside link');
    // ... a link leading outside is not, at indexing nor when a watched-file event names it.
    symlinkSync(join(outside, 'secret.yaml'), join(folder, 'leak-later.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(folder, 'leak-later.yaml'), type: 1 }, { uri: client.uri(folder, 'leak.yaml'), type: 2 }] });
    await settle(client);
    for (const name of ['leak.yaml', 'leak-later.yaml']) assert.deepEqual(client.diagnostics.get(client.uri(folder, name)) ?? [], [], `${name} was read`);
  });

  it('reports an invalid .smsrc.yaml on that file and keeps the defaults', async () => {
    const { folder, client, versions } = await start();
    const configUri = client.uri(folder, '.smsrc.yaml');
    const policyUri = client.uri(folder, 'policies/policy.yaml');
    const policy = readFileSync(join(folder, 'policies', 'policy.yaml'), 'utf8').replace('status: approved', 'status: aproved');
    client.open(policyUri, policy);
    await client.waitFor(() => versions.get(policyUri) === 1, 'diagnostics of the policy');
    const defaults = summary(client.diagnostics.get(policyUri));

    for (const broken of ['rules: [unclosed\n', 'rules:\n  SMS104: loud\n  not-a-rule: off\nlimits:\n  maxFileSizeKB: -5\n', 'coverage: { minimum: "all" }\n']) {
      writeFileSync(join(folder, '.smsrc.yaml'), broken);
      client.open(configUri, broken);
      await client.waitFor(() => (client.diagnostics.get(configUri) ?? []).length > 0, `a diagnostic on the config for ${JSON.stringify(broken)}`, 30000);
      for (const diagnostic of client.diagnostics.get(configUri) ?? []) assert.ok(diagnostic.range.start.line >= 0);
      await answers(client, policyUri);
      assert.deepEqual(summary(client.diagnostics.get(policyUri)), defaults, 'the defaults stay in force');
      client.close(configUri);
      unlinkSync(join(folder, '.smsrc.yaml'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 3 }] });
      await client.waitFor(() => (client.diagnostics.get(configUri) ?? []).length === 0, 'the config diagnostics to clear', 30000);
    }
  });

  it('answers requests after shutdown with an error, not a crash', async () => {
    const { folder, client } = await start();
    const uri = client.uri(folder, 'policies/policy.yaml');
    client.open(uri, readFileSync(join(folder, 'policies', 'policy.yaml'), 'utf8'));
    await client.connection.sendRequest('shutdown');
    client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# after shutdown\n');
    const outcome = await Promise.race([
      client.request('textDocument/documentSymbol', { textDocument: { uri } }).then(
        () => 'answered',
        (error: { code?: number }) => `error ${error.code}`,
      ),
      new Promise((resolve) => setTimeout(() => resolve('silence'), 5000)),
    ]);
    assert.notEqual(outcome, 'silence', 'a request after shutdown got no answer');
    assert.ok(!client.stderr.join('').includes('Error:'), client.stderr.join(''));
  });
});
