// The language server as an editor sees it: dist/server.js started as a child process, spoken to
// over stdio with JSON-RPC (test/support/lsp.ts), on a copy of examples/.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineIndex } from '../../server/src/engine';
import { REPO_ROOT, TODAY, applyEdits } from '../support/engine';
import { LspClient, type PublishedDiagnostic } from '../support/lsp';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface TextEditDto {
  range: Range;
  newText: string;
}
interface WorkspaceEditDto {
  documentChanges?: ({ textDocument: { uri: string; version: number | null }; edits: TextEditDto[] } | { kind: 'create'; uri: string })[];
}
interface CodeActionDto {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: PublishedDiagnostic[];
  edit?: WorkspaceEditDto;
}

function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not found`);
  return new LineIndex(text).positionAt(offset);
}

function applyTextEdits(text: string, edits: readonly TextEditDto[]): string {
  const lines = new LineIndex(text);
  return applyEdits(
    text,
    edits.map((edit) => ({ span: { start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end) }, newText: edit.newText })),
  );
}

describe('language server over stdio', function () {
  this.timeout(60000);
  let folder: string;
  let client: LspClient;
  const read = (file: string): string => readFileSync(join(folder, file), 'utf8');

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sms-lsp-'));
    cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
    // A planted error in a file that is never opened.
    writeFileSync(join(folder, 'policies', 'release-policy.yaml'), read('policies/release-policy.yaml').replace('status: approved', 'status: aproved'));
    client = await LspClient.start(folder);
    await client.waitForIndexed();
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes diagnostics for files that were never opened, at the right range', async () => {
    const uri = client.uri(folder, 'policies/release-policy.yaml');
    await client.waitFor(() => (client.diagnostics.get(uri) ?? []).length > 0, 'diagnostics of release-policy.yaml');
    const diagnostics = client.diagnostics.get(uri)!;
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic!.code, 'SMS104');
    assert.equal(diagnostic!.source, 'sms');
    assert.match(diagnostic!.codeDescription!.href, /SMS104\.md$/);
    assert.match(diagnostic!.message, /Did you mean `approved`/);
    assert.deepEqual(diagnostic!.range.start, positionOf(read('policies/release-policy.yaml'), 'aproved'));
  });

  it('publishes nothing for the clean files', () => {
    const catalogue = client.uri(folder, 'catalogue/service-catalogue.yaml');
    assert.deepEqual(client.diagnostics.get(catalogue) ?? [], []);
  });

  it('re-validates on incremental edits and offers a quick-fix whose edit removes the finding', async () => {
    const file = 'slas/harbourside.yaml';
    const uri = client.uri(folder, file);
    let text = read(file);
    client.open(uri, text);
    const at = positionOf(text, '  status: approved');
    const insert = { start: { line: at.line + 1, character: 0 }, end: { line: at.line + 1, character: 0 } };
    client.change(uri, insert, '  titel: Harbourside SLA\n');
    text = applyTextEdits(text, [{ range: insert, newText: '  titel: Harbourside SLA\n' }]);
    await client.waitFor(() => (client.diagnostics.get(uri) ?? []).some((d) => d.code === 'SMS101'), 'SMS101 after the edit');
    const diagnostic = client.diagnostics.get(uri)!.find((d) => d.code === 'SMS101')!;
    assert.deepEqual(diagnostic.range, { start: { line: at.line + 1, character: 2 }, end: { line: at.line + 1, character: 7 } });
    const actions = await client.request<CodeActionDto[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const removal = actions.find((action) => action.title === 'Remove property titel');
    assert.ok(removal, actions.map((a) => a.title).join(' | '));
    assert.equal(removal.diagnostics?.[0]?.code, 'SMS101');
    const change = removal.edit!.documentChanges![0] as { textDocument: { version: number | null }; edits: TextEditDto[] };
    assert.equal(change.textDocument.version, 2);
    const fixed = applyTextEdits(text, change.edits);
    client.replaceAll(uri, fixed);
    await client.waitFor(() => !(client.diagnostics.get(uri) ?? []).some((d) => d.code === 'SMS101'), 'the finding to disappear');
    assert.deepEqual(client.diagnostics.get(uri), []);
    client.close(uri);
  });

  it('offers "fix all" as source.fixAll.sms', async () => {
    const file = 'policies/release-policy.yaml';
    const uri = client.uri(folder, file);
    const text = read(file);
    client.open(uri, text);
    const actions = await client.request<CodeActionDto[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.sms'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.sms');
    const change = actions[0]!.edit!.documentChanges![0] as { edits: TextEditDto[] };
    assert.match(applyTextEdits(text, change.edits), /status: approved/);
    client.close(uri);
  });

  it('completes service ids from the whole workspace at an SLA service reference', async () => {
    const file = 'slas/brightwater.yaml';
    const uri = client.uri(folder, file);
    const text = read(file);
    client.open(uri, text);
    const position = positionOf(text, 'SVC-ERP');
    const items = await client.request<{ label: string; detail?: string }[]>('textDocument/completion', { textDocument: { uri }, position });
    const labels = items.map((item) => item.label);
    for (const id of ['SVC-ERP', 'SVC-EMAIL', 'SVC-HOSTING', 'SVC-SERVICE-DESK']) assert.ok(labels.includes(id), `${id} missing in ${labels.join(', ')}`);
    assert.ok(!labels.includes('ROLE-MD'), 'roles offered where a service is expected');
    client.close(uri);
  });

  it('completes keys with their descriptions and clause ids in claims', async () => {
    const uri = client.uri(folder, 'policies/new-policy.yaml');
    const text = 'apiVersion: iso20000.sms/v1\nkind: Policy\nmetadata:\n  id: POL-NEW\n  \n  satisfies: ["5.2"]\n';
    client.open(uri, text);
    const keys = await client.request<{ label: string; documentation?: { value: string } }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 2 } });
    const owner = keys.find((item) => item.label === 'owner');
    assert.ok(owner, keys.map((k) => k.label).join(', '));
    assert.ok(!keys.some((item) => item.label === 'id'), 'offers a key that is already there');
    assert.match(owner.documentation?.value ?? '', /role/);
    const claimPosition = positionOf(text, '"5.2"');
    const claims = await client.request<{ label: string; detail?: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: claimPosition.line, character: claimPosition.character + 1 } });
    assert.ok(claims.some((item) => item.label === '8.6.1' && (item.detail ?? '').includes('Incident management')), claims.slice(0, 5).map((c) => c.label).join());
    client.close(uri);
  });

  it('shows the paraphrase, title and live status of a clause on hover', async () => {
    const file = 'processes/problem-management.yaml';
    const uri = client.uri(folder, file);
    const text = read(file);
    client.open(uri, text);
    const claim = positionOf(text, '"8.6.3"');
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: claim.line, character: claim.character + 2 } });
    assert.match(hover.contents.value, /8\.6\.3 Problem management/);
    assert.match(hover.contents.value, /13\/13 requirements evidenced/);
    assert.match(hover.contents.value, /8\.6\.3-a/);
    assert.match(hover.contents.value, /\[PRC-PROBLEM\]\(file:/);
    client.close(uri);
  });

  it('goes to the definition across files and finds every reference', async () => {
    const file = 'slas/brightwater.yaml';
    const uri = client.uri(folder, file);
    const text = read(file);
    client.open(uri, text);
    const position = positionOf(text, 'SVC-HOSTING');
    const definitions = await client.request<{ uri: string; range: Range }[]>('textDocument/definition', { textDocument: { uri }, position });
    assert.equal(definitions.length, 1);
    assert.equal(definitions[0]!.uri, client.uri(folder, 'catalogue/service-catalogue.yaml'));
    const catalogue = read('catalogue/service-catalogue.yaml');
    const idAt = positionOf(catalogue, 'id: SVC-HOSTING');
    assert.deepEqual(definitions[0]!.range.start, { line: idAt.line, character: idAt.character + 4 });
    const references = await client.request<{ uri: string }[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    const files = new Set(references.map((reference) => reference.uri));
    assert.ok(files.has(client.uri(folder, 'sms.yaml')));
    assert.ok(files.has(uri));
    assert.ok(references.length >= 5, `${references.length} references`);
    client.close(uri);
  });

  it('renames an id in every file and refuses to rename anything else', async () => {
    const file = 'catalogue/service-catalogue.yaml';
    const uri = client.uri(folder, file);
    const text = read(file);
    client.open(uri, text);
    const position = positionOf(text, 'SVC-BACKUP');
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared.placeholder, 'SVC-BACKUP');
    const edit = await client.request<WorkspaceEditDto>('textDocument/rename', { textDocument: { uri }, position, newName: 'SVC-BACKUP-RESTORE' });
    const changes = edit.documentChanges as { textDocument: { uri: string }; edits: TextEditDto[] }[];
    const before = spawnSync('grep', ['-rlw', 'SVC-BACKUP', folder], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).length;
    assert.equal(changes.length, before, 'every file naming SVC-BACKUP is edited');
    assert.ok(changes.every((change) => change.edits.every((e) => e.newText === 'SVC-BACKUP-RESTORE')));
    const notAnId = positionOf(text, 'description');
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri }, position: notAnId }), /Only identifiers/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'not an id' }), /not a valid identifier/);
    client.close(uri);
  });

  it('lists document symbols and a code lens per clause claim', async () => {
    const file = 'processes/change-management.yaml';
    const uri = client.uri(folder, file);
    client.open(uri, read(file));
    const symbols = await client.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0]!.name, 'ProcessDefinition PRC-CHANGE');
    assert.deepEqual(symbols[0]!.children?.map((child) => child.name).slice(0, 4), ['apiVersion', 'kind', 'metadata', 'spec']);
    const lenses = await client.request<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.some((lens) => /^8\.5\.1\.2 Change management initiation — \d+\/\d+ requirements evidenced$/.test(lens.command.title)), lenses.map((l) => l.command.title).join(' | '));
    client.close(uri);
  });

  it('answers sms/coverageTree with the same coverage as the CLI', async () => {
    const tree = await client.request<{ percent: number; counts: { total: number; evidenced: number; operated: number }; clauses: { id: string; counts: { total: number } }[] }>('sms/coverageTree', {});
    const cli = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--today', TODAY, '-f', 'json', '.'], { cwd: folder, encoding: 'utf8' });
    const json = JSON.parse(cli.stdout) as { coverage: { percent: number; counts: { total: number; evidenced: number; operated: number }; clauses: { id: string; counts: { total: number } }[] } };
    assert.equal(tree.percent, json.coverage.percent);
    assert.deepEqual(tree.counts, json.coverage.counts);
    assert.deepEqual(tree.clauses.map((c) => [c.id, c.counts.total]), json.coverage.clauses.map((c) => [c.id, c.counts.total]));
  });

  it("gives each requirement's evidence count in the tree and its documents with sms/requirementEvidence, as the CLI's JSON", async () => {
    type Node = { kind?: string; id: string; children?: Node[]; requirements?: { id: string; evidenceCount: number; evidence?: unknown }[] };
    const tree = await client.request<{ clauses: Node[] }>('sms/coverageTree', {});
    const requirements: { id: string; evidenceCount: number; evidence?: unknown }[] = [];
    const collect = (node: Node): void => {
      requirements.push(...(node.requirements ?? []));
      for (const child of node.children ?? []) collect(child);
    };
    tree.clauses.forEach(collect);
    assert.equal(requirements.length, 366);
    assert.ok(requirements.every((requirement) => requirement.evidence === undefined), 'the tree carries counts, not documents');
    const cli = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--today', TODAY, '-f', 'json', '.'], { cwd: folder, encoding: 'utf8' });
    type CliEvidence = { path: string; line: number; column: number; documentId: string; status: string };
    const json = JSON.parse(cli.stdout) as { coverage: { clauses: { subclauses: { requirements: { id: string; evidence: CliEvidence[] }[] }[] }[] } };
    const cliEvidence = new Map(json.coverage.clauses.flatMap((c) => c.subclauses.flatMap((s) => s.requirements.map((r) => [r.id, r.evidence] as const))));
    for (const requirement of requirements) assert.equal(requirement.evidenceCount, cliEvidence.get(requirement.id)?.length, requirement.id);
    const busiest = [...requirements].sort((a, b) => b.evidenceCount - a.evidenceCount)[0]!;
    for (const id of ['8.6.1-a', busiest.id]) {
      const documents = await client.request<{ documentId: string; status: string; location: { uri: string; range: { start: { line: number; character: number } } } }[]>('sms/requirementEvidence', { requirementId: id });
      const expected = cliEvidence.get(id) ?? [];
      assert.ok(expected.length > 0, id);
      assert.deepEqual(
        documents.map((d) => [d.documentId, d.status, d.location.uri, d.location.range.start.line + 1, d.location.range.start.character + 1]),
        expected.map((e) => [e.documentId, e.status, client.uri(folder, e.path), e.line, e.column]),
        id,
      );
    }
    assert.equal(await client.request('sms/requirementEvidence', { requirementId: '99.9-z' }), null);
  });

  it('keeps the index current through watched-file events and offers to create the missing document', async () => {
    // The problem process loses its claim on disk (a closed file): 8.6.3 becomes uncovered.
    const file = 'processes/problem-management.yaml';
    writeFileSync(join(folder, file), read(file).replace('satisfies: ["8.6.3", "7.5.4-e"]', 'satisfies: ["7.5.4-e"]'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(folder, file), type: 2 }] });
    const manifest = client.uri(folder, 'sms.yaml');
    await client.waitFor(() => (client.diagnostics.get(manifest) ?? []).some((d) => d.code === 'SMS301'), 'SMS301 on the manifest');
    const diagnostic = client.diagnostics.get(manifest)!.find((d) => d.code === 'SMS301')!;
    assert.match(diagnostic.message, /^8\.6\.3 Problem management/);
    // The manifest's finding links to the process that has the content; the claim is a fix there
    // (SMS307), never an edit of another document from the manifest.
    const problemUri = client.uri(folder, file);
    assert.ok(diagnostic.relatedInformation?.some((related) => related.location.uri === problemUri), JSON.stringify(diagnostic.relatedInformation));
    client.open(manifest, read('sms.yaml'));
    const onManifest = await client.request<CodeActionDto[]>('textDocument/codeAction', { textDocument: { uri: manifest }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    for (const action of onManifest) for (const change of action.edit?.documentChanges ?? []) if (!('kind' in change)) assert.equal(change.textDocument.uri, manifest, `${action.title} edits another document`);
    await client.waitFor(() => (client.diagnostics.get(problemUri) ?? []).some((d) => d.code === 'SMS307'), 'SMS307 on the problem process');
    const suggestion = client.diagnostics.get(problemUri)!.find((d) => d.code === 'SMS307')!;
    client.open(problemUri, read(file));
    const actions = await client.request<CodeActionDto[]>('textDocument/codeAction', { textDocument: { uri: problemUri }, range: suggestion.range, context: { diagnostics: [suggestion] } });
    const claim = actions.find((action) => action.title.startsWith('Claim 8.6.3 in PRC-PROBLEM'));
    assert.ok(claim?.isPreferred, actions.map((a) => a.title).join(' | '));
    client.close(problemUri);
    // Deleting the process file entirely: the fix now creates the document from its template.
    rmSync(join(folder, file));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(folder, file), type: 3 }] });
    await client.waitFor(() => (client.diagnostics.get(manifest) ?? []).some((d) => d.code === 'SMS202'), 'the register entry to dangle');
    const current = client.diagnostics.get(manifest)!.find((d) => d.code === 'SMS301')!;
    const again = await client.request<CodeActionDto[]>('textDocument/codeAction', { textDocument: { uri: manifest }, range: current.range, context: { diagnostics: [current] } });
    const create = again.find((action) => action.title.startsWith('Create processes/problem-management.yaml'));
    assert.ok(create, again.map((a) => a.title).join(' | '));
    const changes = create.edit!.documentChanges!;
    assert.deepEqual(changes[0], { kind: 'create', uri: client.uri(folder, file), options: { ignoreIfExists: true } });
    const created = (changes[1] as { edits: TextEditDto[] }).edits[0]!.newText;
    assert.match(created, /process: problem-management/);
    assert.match(created, /satisfies: \["8\.6\.3"\]/);
    client.close(manifest);
  });
});
