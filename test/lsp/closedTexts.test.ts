// The language server keeps the texts of open documents only: a closed file's text is read again from
// disk when a feature needs it (WorkspaceOptions.loadText). Over stdio, on a copy of examples/.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineIndex } from '../../server/src/engine';
import { REPO_ROOT } from '../support/engine';
import { LspClient } from '../support/lsp';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface RenameEdit {
  documentChanges: { textDocument: { uri: string }; edits: { range: Range; newText: string }[] }[];
}

function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  return new LineIndex(text).positionAt(offset);
}

describe('language server: texts of closed files', function () {
  this.timeout(60000);
  let folder: string;
  let client: LspClient;
  const read = (file: string): string => readFileSync(join(folder, file), 'utf8');
  const sla = 'slas/brightwater.yaml';
  const catalogue = 'catalogue/service-catalogue.yaml';

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sms-lsp-texts-'));
    cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
    client = await LspClient.start(folder);
    await client.waitForIndexed();
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Every edit of a rename of SVC-HOSTING must cover exactly that id in the file's text on disk. */
  function assertRenameRanges(edit: RenameEdit): void {
    assert.ok(edit.documentChanges.length >= 3, `${edit.documentChanges.length} files edited`);
    for (const change of edit.documentChanges) {
      const path = decodeURIComponent(new URL(change.textDocument.uri).pathname);
      const lines = new LineIndex(readFileSync(path, 'utf8'));
      for (const e of change.edits) assert.equal(lines.text.slice(lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)), 'SVC-HOSTING', change.textDocument.uri);
    }
  }

  it('computes edits in closed files from their texts on disk', async () => {
    const uri = client.uri(folder, sla);
    const text = read(sla);
    client.open(uri, text);
    const edit = await client.request<RenameEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, 'SVC-HOSTING'), newName: 'SVC-HOSTING-2' });
    assertRenameRanges(edit);
  });

  it('survives a closed file changed on disk before its notification, and follows the notification', async () => {
    const uri = client.uri(folder, sla);
    const text = read(sla);
    const position = positionOf(text, 'SVC-HOSTING');
    // Three lines more at the top of the catalogue, on disk only.
    writeFileSync(join(folder, catalogue), `# one\n# two\n# three\n${read(catalogue)}`);
    // Requests that read the changed text answer (the file is analysed again), without crashing.
    await client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'SVC-HOSTING-2' });
    const tree = await client.request<{ percent: number }>('sms/coverageTree', {});
    assert.equal(typeof tree.percent, 'number');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(folder, catalogue), type: 2 }] });
    // The definition moves three lines down, and a rename's edits fit the new text.
    const expected = positionOf(read(catalogue), 'id: SVC-HOSTING');
    let line = -1;
    for (let attempt = 0; attempt < 100 && line !== expected.line; attempt++) {
      const definitions = await client.request<{ uri: string; range: Range }[]>('textDocument/definition', { textDocument: { uri }, position });
      line = definitions[0]?.range.start.line ?? -1;
      if (line !== expected.line) await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    }
    assert.equal(line, expected.line);
    assertRenameRanges(await client.request<RenameEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'SVC-HOSTING-2' }));
    assert.doesNotMatch(client.stderr.join(''), /failed/);
    client.close(uri);
  });
});
