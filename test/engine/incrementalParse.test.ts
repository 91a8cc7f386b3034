// Incremental re-parsing (server/src/engine/parse/incremental.ts) against the full parse: after every
// edit of a sequence of random small edits, the re-parse must give exactly what `parseFile` gives —
// the same plain values, the same syntax problems, the same SMS document fields, and the same YAML
// nodes (kind, range, value, comments, every property) in every document. Plus: a one-character edit
// inside one list item of a large document takes the incremental path.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isPair, parseAllDocuments, type Document } from 'yaml';
import { DocUri, Workspace, defaultPack } from '../../server/src/engine';
import { DEFAULT_PARSE_LIMITS, parseFile, YAML_PARSE_OPTIONS, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { reparseFile, reparseStats, type ParseState } from '../../server/src/engine/parse/incremental';
import { REPO_ROOT, TODAY, readTree } from '../support/engine';

const URI = DocUri('file:///incremental/doc.yaml');
/** A fixed seed unless SMS_FUZZ_SEED asks for another (as in the hardening suite). */
const SEED = process.env['SMS_FUZZ_SEED'] !== undefined ? Number(process.env['SMS_FUZZ_SEED']) : 60601;
/** Property runs scale with SMS_FUZZ_RUNS (as the hardening suite's; 60 in \`npm test\`). */
const SCALE = Number(process.env['SMS_FUZZ_RUNS'] ?? 60) / 60;
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** Why re-parses fell back, counted (printed with SMS_INCREMENTAL_REASONS=1). */
const fallbacks = new Map<string, number>();

/** Every own property of a `yaml` node, recursively, as plain data (what `deepEqual` can compare). */
function describe_(node: unknown): unknown {
  if (node === null || node === undefined || typeof node !== 'object') return node;
  if (isPair(node)) return { pair: true, key: describe_(node.key), value: describe_(node.value) };
  const out: Record<string, unknown> = { class: (node as object).constructor.name };
  for (const [name, value] of Object.entries(node)) {
    if (name === 'items') out['items'] = (value as unknown[]).map(describe_);
    else if (name === 'range') out['range'] = [...(value as number[])];
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) out[name] = describe_(value);
    else out[name] = value;
  }
  return out;
}

function describeDocument(doc: Document.Parsed): unknown {
  return {
    range: [...doc.range],
    commentBefore: doc.commentBefore,
    comment: doc.comment,
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos, e.message]),
    contents: describe_(doc.contents),
  };
}

function describeParsed(parsed: ParsedFile): unknown {
  return {
    text: parsed.text,
    version: parsed.version,
    isSms: parsed.isSms,
    syntaxProblems: parsed.syntaxProblems,
    documents: parsed.documents.map((d) => ({ ...d, yaml: describeDocument(d.yaml) })),
  };
}

/** Asserts that the re-parse equals a full parse of the same text, and returns its state. */
function check(previous: ParseState | undefined, text: string, version: number, label: string): { state: ParseState; incremental: boolean } {
  const result = reparseFile(previous, URI, version, text, DEFAULT_PARSE_LIMITS);
  if (result.fallback) fallbacks.set(result.fallback, (fallbacks.get(result.fallback) ?? 0) + 1);
  const full = parseFile(URI, version, text, DEFAULT_PARSE_LIMITS);
  const actual = describeParsed(result.parsed);
  const expected = describeParsed(full);
  // JSON first (fast); `deepEqual` for the message, and for what JSON does not show (undefined, -0, NaN).
  let same = false;
  try {
    same = JSON.stringify(actual) === JSON.stringify(expected);
  } catch {
    // Aliases can make a plain value circular: `deepEqual` compares it.
  }
  if (!same || result.incremental) {
    assert.deepEqual(actual, expected, `${label}: the parsed file differs from a full parse (incremental: ${result.incremental})`);
  }
  // Every YAML document, also those without our header (not in `documents`).
  if (result.incremental) {
    const all = parseAllDocuments(text, YAML_PARSE_OPTIONS) as Document.Parsed[];
    assert.deepEqual(result.state.yamlDocuments.map(describeDocument), all.map(describeDocument), `${label}: the YAML documents differ from a full parse`);
  }
  return { state: result.state, incremental: result.incremental };
}

interface Edit {
  readonly at: number; // a fraction of the text length, in 1/1,000,000
  readonly remove: number;
  readonly insert: string;
  /** Undo the previous edit instead (so that errors get fixed again). */
  readonly undo: boolean;
  /** Insert a copy of up to 40 characters of the text itself (whole lines, keys, items) instead. */
  readonly copyFrom?: number;
}

function applyEdit(text: string, edit: Edit): string {
  const at = Math.floor((edit.at / 1_000_000) * (text.length + 1));
  let insert = edit.insert;
  if (edit.copyFrom !== undefined) {
    const from = Math.floor((edit.copyFrom / 1_000_000) * text.length);
    insert = text.slice(from, from + 1 + (edit.copyFrom % 40));
  }
  return text.slice(0, at) + insert + text.slice(Math.min(text.length, at + edit.remove));
}

/** Characters of edits: mostly what typing in values and keys inserts, some YAML syntax. */
const editChar = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('a', 'e', 'x', 'Z', '1', '7', ' ', '.', '-', '_') },
  { weight: 4, arbitrary: fc.constantFrom('\n', ':', ': ', '- ', '  ', '#', ' #') },
  { weight: 2, arbitrary: fc.constantFrom('"', "'", '[', ']', '{', '}', ',', '|', '>', '&a', '*a', '!', '?', '%', '\t', '\r', '---\n', '...\n', '<<') },
);
const edit: fc.Arbitrary<Edit> = fc.record(
  {
    at: fc.nat({ max: 1_000_000 }),
    remove: fc.nat({ max: 3 }),
    insert: fc.array(editChar, { maxLength: 2 }).map((parts) => parts.join('').slice(0, 3)),
    undo: fc.boolean(),
    copyFrom: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat({ max: 1_000_000 }) }),
  },
  { requiredKeys: ['at', 'remove', 'insert', 'undo'] },
);

/** Applies the edits in sequence, checking each re-parse; returns how many were incremental. */
function runSequence(start: string, edits: readonly Edit[], label: string): { incremental: number; total: number } {
  let version = 1;
  let { state } = check(undefined, start, version, `${label} (start)`);
  const texts = [start];
  let incremental = 0;
  for (const [i, e] of edits.entries()) {
    const current = texts[texts.length - 1]!;
    const next = e.undo && texts.length > 1 ? texts[texts.length - 2]! : applyEdit(current, e);
    if (e.undo && texts.length > 1) texts.pop();
    else texts.push(next);
    version++;
    const result = check(state, next, version, `${label}, edit ${i} ${JSON.stringify(e)}`);
    state = result.state;
    if (result.incremental) incremental++;
  }
  return { incremental, total: edits.length };
}

/** Random edit sequences (fast-check, fixed seed) on the files, each edit checked; counts the incremental re-parses. */
function editSequences(files: readonly { path: string; text: string }[], numRuns: number, maxEdits: number): { incremental: number; total: number } {
  const counts = { incremental: 0, total: 0 };
  fc.assert(
    fc.property(fc.nat({ max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: maxEdits }), (index, edits) => {
      const one = runSequence(files[index]!.text, edits, files[index]!.path);
      counts.incremental += one.incremental;
      counts.total += one.total;
    }),
    { numRuns, seed: SEED },
  );
  return counts;
}

/** Prints the share of incremental re-parses, which must be large enough for the property to test the splice. */
function report(label: string, counts: { incremental: number; total: number }): void {
  process.stdout.write(`      ${label}: ${counts.incremental} of ${counts.total} edits incremental\n`);
  assert.ok(counts.incremental > counts.total / 10, `${label}: too few incremental re-parses (${counts.incremental} of ${counts.total}): the property tests little`);
}

const HANDWRITTEN: readonly string[] = [
  // Comments and blank lines between items and pairs, at several indentations.
  `apiVersion: iso20000.sms/v1
kind: Register
metadata:
  id: REG-1
  # a comment before a pair
  title: Risks

spec:
  type: risk
  entries:
    - id: R-1
      title: First risk
      # inside the item
      owner: ROLE-A

    # before the second item
    - id: R-2
      title: Second risk   # trailing
      notes: a plain scalar
        that continues on a second line
        and a third
    - id: R-3
      title: "a quoted
        multi-line scalar"
      owner: ROLE-B
      # a trailing comment of the item, more indented than the next dash
    - id: R-4
      description: |
        a literal block
          with an indented line

        and a blank line
      summary: >-
        folded
        text
    - id: R-5
      tags: [a, b, c]
      more: {x: 1, y: [2, 3]}
      multi: [a,
        b]
    - id: R-6
      empty:
      nested:
        - - deep
          - deeper
        - key: value
          other: 1
    - plain item
    - 42
  last: value
`,
  // Several documents, one without our header, a sequence at its parent's indentation.
  `apiVersion: iso20000.sms/v1
kind: Policy
metadata:
  id: POL-1
  title: One
spec:
  statements:
  - id: S-1
    text: first
  - id: S-2
    text: second
---
not: an sms document
list:
  - a
  - b
---
apiVersion: iso20000.sms/v1
kind: Policy
metadata:
  id: POL-2
  title: Two
spec:
  statements:
    - id: S-3
      text: third
...
`,
  // Anchors, aliases and tags: the re-parse must fall back, and the results still agree.
  `apiVersion: iso20000.sms/v1
kind: Policy
metadata: &meta
  id: POL-3
  title: !!str Three
spec:
  copy: *meta
  items:
    - id: I-1
      ref: &r one
    - id: I-2
      same: *r
`,
  // No final newline.
  `apiVersion: iso20000.sms/v1
kind: Policy
metadata:
  id: POL-4
spec:
  items:
    - id: I-1
    - id: I-2`,
];

describe('incremental re-parse', function () {
  this.timeout(120000);
  let bigText = '';
  let workspaceDir = '';

  before(() => {
    workspaceDir = mkdtempSync(join(tmpdir(), 'sms-incremental-'));
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bench-gen.mjs'), '--docs', '50', '--out', workspaceDir, '--big'], { stdio: 'ignore' });
    bigText = readFileSync(join(workspaceDir, 'large', 'risk-register-2000-lines.yaml'), 'utf8');
  });
  after(() => {
    if (process.env['SMS_INCREMENTAL_REASONS']) process.stdout.write(`${JSON.stringify([...fallbacks].sort((a, b) => b[1] - a[1]), null, 1)}\n`);
    if (workspaceDir) rmSync(workspaceDir, { recursive: true, force: true });
  });

  it('takes the incremental path for a one-character edit inside one list item of a large document', () => {
    const lines = bigText.split('\n');
    let line = Math.floor(lines.length / 2);
    while (!/^\s+title: /.test(lines[line]!)) line++;
    const at = lines.slice(0, line).join('\n').length + 1 + lines[line]!.indexOf('title') + 'title'.length;
    const first = check(undefined, bigText, 1, 'big');
    const edited = bigText.slice(0, at) + 'x' + bigText.slice(at);
    const second = check(first.state, edited, 2, 'big, key edited');
    assert.ok(second.incremental, `incremental path not taken: ${reparseStats.lastFallback}`);
    // And back: the unknown key becomes the known one again.
    const third = check(second.state, bigText, 3, 'big, key restored');
    assert.ok(third.incremental, `incremental path not taken: ${reparseStats.lastFallback}`);
    // A character typed into a value.
    const valueAt = at + ': '.length + 1;
    const fourth = check(third.state, bigText.slice(0, valueAt) + 'y' + bigText.slice(valueAt), 4, 'big, value edited');
    assert.ok(fourth.incremental, `incremental path not taken: ${reparseStats.lastFallback}`);
  });

  it('re-parses incrementally inside the workspace, with the same findings as a fresh workspace', () => {
    const lines = bigText.split('\n');
    let line = Math.floor(lines.length / 2);
    while (!/^\s+title: /.test(lines[line]!)) line++;
    const at = lines.slice(0, line).join('\n').length + 1 + lines[line]!.indexOf('title') + 'title'.length;
    const edited = bigText.slice(0, at) + 'x' + bigText.slice(at);
    const uri = DocUri('file:///incremental/large/risk-register.yaml');
    const workspace = new Workspace({ pack: defaultPack(), today: TODAY });
    workspace.setFile(uri, 1, bigText);
    workspace.update();
    // Typing and deleting a character, as the benchmark does: every re-parse is incremental.
    for (let version = 2; version <= 7; version++) {
      const before = reparseStats.incremental;
      const started = performance.now();
      workspace.setFile(uri, version, version % 2 === 0 ? edited : bigText);
      workspace.update();
      if (process.env['SMS_INCREMENTAL_REASONS']) process.stdout.write(`      edit ${version}: ${(performance.now() - started).toFixed(1)} ms\n`);
      assert.equal(reparseStats.incremental, before + 1, `edit ${version}: the workspace did not re-parse incrementally: ${reparseStats.lastFallback}`);
    }
    workspace.setFile(uri, 8, edited);
    workspace.update();
    const fresh = new Workspace({ pack: defaultPack(), today: TODAY });
    fresh.setFile(uri, 8, edited);
    fresh.update();
    assert.deepEqual(workspace.findings(uri), fresh.findings(uri));
    assert.ok(workspace.findings(uri).some((finding) => finding.code === 'SMS101' || /titlex/.test(finding.message)), 'the unknown key is reported');
  });

  it('falls back to a full parse for structural edits, and agrees with it', () => {
    const text = HANDWRITTEN[0]!;
    const at = text.indexOf('title: First risk');
    const cases: [string, string][] = [
      ['new item boundary', text.slice(0, at) + 'x: 1\n    - ' + text.slice(at)],
      ['indentation changed', text.slice(0, at) + ' ' + text.slice(at)],
      ['duplicate key', text.replace('owner: ROLE-A', 'title: ROLE-A')],
      ['document marker', text.replace('      title: First risk\n', '---\n')],
      ['anchor', text.replace('title: First risk', 'title: &a First risk')],
      ['unclosed quote', text.replace('title: First risk', 'title: "First risk')],
    ];
    for (const [label, edited] of cases) {
      const first = check(undefined, text, 1, label);
      check(first.state, edited, 2, label);
    }
  });

  it('gives a full parse\'s result after random edits of hand-written documents (property)', () => {
    const counts = editSequences(HANDWRITTEN.map((text, i) => ({ path: `handwritten ${i}`, text })), runs(120), 25);
    report('hand-written', counts);
  });

  it('gives a full parse\'s result after random edits of every example (property)', () => {
    const examples = readTree(join(REPO_ROOT, 'examples')).filter((file) => file.path.endsWith('.yaml'));
    const counts = editSequences(examples, runs(50), 12);
    // And every example once, with four edits.
    for (const [i, file] of examples.entries()) {
      const edits = fc.sample(fc.array(edit, { minLength: 4, maxLength: 4 }), { numRuns: 1, seed: SEED + i })[0]!;
      const one = runSequence(file.text, edits, file.path);
      counts.incremental += one.incremental;
      counts.total += one.total;
    }
    report('examples', counts);
  });

  it('gives a full parse\'s result after random edits of the generated 2,000-line register and a generated workspace (property)', () => {
    const big = editSequences([{ path: 'risk-register-2000-lines', text: bigText }], runs(4), 12);
    const generated = readTree(workspaceDir).filter((file) => file.path.endsWith('.yaml') && !file.path.startsWith('large/'));
    const small = editSequences(generated, runs(25), 10);
    report('generated', { incremental: big.incremental + small.incremental, total: big.total + small.total });
  });
});
