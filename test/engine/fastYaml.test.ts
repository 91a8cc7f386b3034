// The fast parse path (server/src/engine/parse/fastYaml.ts) against `yaml`: whenever the fast parser
// returns documents, they must be `yaml`'s `parseAllDocuments(text, YAML_PARSE_OPTIONS)` in every
// node property except comments (class, range, value, type, source, format, tag, flow, items, pair
// key and value, the collections' schema; the document's range, options, directives, schema, errors,
// warnings) and in `toJS()`; and `parseFile(..., { fast: true })` must give `parseFile`'s result.
// Checked on every YAML file of examples/, the test and rule fixtures and a generated workspace, on
// random edits of them and on random small documents (fast-check, fixed seed); plus: the fast path is
// actually taken for at least 95 % of the example files and of the generated workspace's files.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isPair, parseAllDocuments, type Document } from 'yaml';
import { DocUri } from '../../server/src/engine';
import { fastParseAllDocuments, FAST_YAML_OPTIONS } from '../../server/src/engine/parse/fastYaml';
import { DEFAULT_PARSE_LIMITS, parseFile, YAML_PARSE_OPTIONS, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { REPO_ROOT, readTree, type FixtureFile } from '../support/engine';

const URI = DocUri('file:///fast/doc.yaml');
/** A fixed seed unless SMS_FUZZ_SEED asks for another (as in the hardening suite). */
const SEED = process.env['SMS_FUZZ_SEED'] !== undefined ? Number(process.env['SMS_FUZZ_SEED']) : 20000;
/** Property runs scale with SMS_FUZZ_RUNS (60 in `npm test`). */
const SCALE = Number(process.env['SMS_FUZZ_RUNS'] ?? 60) / 60;
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** Comment fields: the fast parser leaves them unset. */
const COMMENT_FIELDS = new Set(['comment', 'commentBefore', 'spaceBefore']);

/** Every own property of a node but the comment fields, recursively, as plain data (what `deepEqual` compares). */
function describeNode(node: unknown, schema: unknown): unknown {
  if (node === null || node === undefined || typeof node !== 'object') return node;
  if (isPair(node)) return { pair: true, ownKeys: Object.keys(node).sort(), key: describeNode(node.key, schema), value: describeNode(node.value, schema) };
  const out: Record<string, unknown> = { class: (node as object).constructor.name };
  if ('schema' in node) out['documentSchema'] = (node as { schema: unknown }).schema === schema;
  for (const [name, value] of Object.entries(node)) {
    if (COMMENT_FIELDS.has(name)) continue;
    if (name === 'items') out['items'] = (value as unknown[]).map((item) => describeNode(item, schema));
    else if (name === 'range') out['range'] = [...(value as number[])];
    else out[name] = value;
  }
  return out;
}

function describeDocument(doc: Document.Parsed): unknown {
  return {
    class: doc.constructor.name,
    ownKeys: Object.keys(doc).filter((name) => !COMMENT_FIELDS.has(name)).sort(),
    range: [...doc.range],
    errors: doc.errors.length,
    warnings: doc.warnings.length,
    options: doc.options,
    directives: { docStart: doc.directives.docStart, docEnd: doc.directives.docEnd, yaml: doc.directives.yaml, tags: doc.directives.tags },
    schema: { name: doc.schema.name, tags: doc.schema.tags, compat: doc.schema.compat, knownTags: doc.schema.knownTags },
    contents: describeNode(doc.contents, doc.schema),
  };
}

/** Checks the fast parser on `text` against `yaml`; true when it took the text. */
function checkText(text: string, label: string): boolean {
  let fast: Document.Parsed[] | undefined;
  try {
    fast = fastParseAllDocuments(text);
  } catch (error) {
    assert.fail(`${label}: the fast parser threw ${String(error)}`);
  }
  if (fast === undefined) return false;
  const reference = parseAllDocuments(text, YAML_PARSE_OPTIONS) as Document.Parsed[];
  assert.equal(fast.length, reference.length, `${label}: number of documents`);
  for (let i = 0; i < reference.length; i++) {
    assert.deepStrictEqual(describeDocument(fast[i]!), describeDocument(reference[i]!), `${label}: document ${i}`);
    assert.deepStrictEqual(fast[i]!.toJS({ maxAliasCount: 1000 }), reference[i]!.toJS({ maxAliasCount: 1000 }), `${label}: document ${i} toJS`);
  }
  return true;
}

/** What `parseFile` derives, without the trees (whose comments differ). */
function describeParsed(parsed: ParsedFile): unknown {
  return {
    isSms: parsed.isSms,
    syntaxProblems: parsed.syntaxProblems,
    documents: parsed.documents.map(({ yaml: _yaml, ...rest }) => rest),
  };
}

function checkParseFile(text: string, label: string): void {
  const slow = parseFile(URI, 1, text, DEFAULT_PARSE_LIMITS);
  const fast = parseFile(URI, 1, text, DEFAULT_PARSE_LIMITS, { fast: true });
  assert.deepStrictEqual(describeParsed(fast), describeParsed(slow), `${label}: parseFile with { fast: true }`);
}

// Random edits -----------------------------------------------------------------------------------

type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'line'; readonly line: number; readonly op: 'delete' | 'duplicate' | 'indent' | 'dedent' | 'replace'; readonly text: string };

/** Inserted text: YAML syntax around the constructs of SMS files, some outside the subset. */
const INSERTS = [' ', '  ', '\n', '\n\n', 'x', '1', '.5', '#', ' #', ' # note', '\n# note\n', '\n  # note\n', '\n    # note\n', ':', ': ', ': x', '- ', '-', '\n- x', '\n  - x', '\n  k: v', '[', ']', '[a, b]', '{', '}', '{}', ',', '"', "'", '""', "''", '\\', '\\n', '\\x41', '|', '|-', '>', '>-', '&a ', '*a', '!', '!!str ', '?', '? ', '%', '@', '`', '~', 'null', 'true', '0x1F', '1e3', '\t', '\r\n', '\n---\n', '---', '...', 'é', '<<: ', 'a: b: c'];
const LINE_TEXTS = ['', '  ', '# note', '  # note', '    # note', ' # note', 'key: value', '  key: value', '- item', '  - item', '---', '  "quoted": x'];
const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: 1_000_000 }), text: fc.constantFrom(...INSERTS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat({ max: 1_000_000 }), count: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('line' as const),
      line: fc.nat({ max: 1_000_000 }),
      op: fc.constantFrom('delete' as const, 'duplicate' as const, 'indent' as const, 'dedent' as const, 'replace' as const),
      text: fc.constantFrom(...LINE_TEXTS),
    }),
  },
);

function applyEdit(text: string, edit: Edit): string {
  if (edit.kind === 'insert') {
    const at = edit.at % (text.length + 1);
    return text.slice(0, at) + edit.text + text.slice(at);
  }
  if (edit.kind === 'delete') {
    const at = edit.at % (text.length + 1);
    return text.slice(0, at) + text.slice(at + edit.count);
  }
  const lines = text.split('\n');
  const i = edit.line % lines.length;
  if (edit.op === 'delete') lines.splice(i, 1);
  else if (edit.op === 'duplicate') lines.splice(i, 0, lines[i]!);
  else if (edit.op === 'indent') lines[i] = ` ${lines[i]!}`;
  else if (edit.op === 'dedent') lines[i] = lines[i]!.replace(/^ /, '');
  else lines[i] = edit.text;
  return lines.join('\n');
}

/**
 * At most `max` characters of `text`, from a line holding a top-level key (so that the window is a
 * document of its own), to a line end (whole files are slow to compare thousands of times).
 */
function window(text: string, at: number, max: number): string {
  if (text.length <= max) return text;
  const topLevel = /^[A-Za-z"]/gm;
  topLevel.lastIndex = at % (text.length - max);
  const from = topLevel.exec(text)?.index ?? 0;
  const end = text.lastIndexOf('\n', from + max);
  return text.slice(from, end > from ? end + 1 : from + max);
}

// Random small documents -------------------------------------------------------------------------

/** mulberry32 */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS = ['a', 'b c', '1', '-2', '3.50', '1e3', 'true', 'False', '~', 'null', '', '', '0x1f', '0o17', '.inf', '.NaN', '2024-01-02', '"q"', '"x\\ty\\u00e9\\""', "'s''t'", 'a:b', 'a#b', 'x -', '"multi\n  line"', '"two\n\n  breaks"', 'long\n  continued', 'p\n\n  q', '[a, b]', '[ ]', '{}', '{ k: v, k2: [1, 2] }', '[a , "b" , {x: 1} ]', '|\n  lit\n\n  eral', '|\n  a\n    b', '>-\n  fold\n  ed\n\n  x', '>\n  f', '"a" ', 'v  ', 'k: v', '- x', '[a]x', '@x', '*a', '&a x', '!t x', '? x'];
const GAPS = ['', '', '', '\n', '#c\n', ' # c\n', '  # c\n', '   # c\n', '    # c\n', '      # c\n', '\n# c\n\n', '  \n', '\n\n'];

/** A random small YAML text: nested block mappings and sequences, scalars of every kind, comments and blank lines at every indentation. */
function smallDocument(seed: number): string {
  const random = prng(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const gap = (): string => {
    let out = '';
    for (let i = Math.floor(random() * 2.5); i > 0; i--) out += pick(GAPS);
    return out;
  };
  const trail = (): string => pick(['', '', '', ' # t', '  ', ' #t']);
  const node = (indent: number, depth: number): { inline?: string; block?: string } => {
    const r = random();
    if (depth > 3 || r < 0.45) return { inline: pick(SCALARS).replace(/\n/g, `\n${' '.repeat(indent + 2)}`) };
    if (r < 0.75) return { block: map(indent + pick([2, 2, 4, 1]), depth + 1) };
    return { block: seq(indent + pick([2, 2, 0, 4]), depth + 1) };
  };
  const map = (indent: number, depth: number): string => {
    let out = '';
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
      const value = node(indent, depth);
      out += `${gap()}${' '.repeat(indent)}${pick(['k', 'key two', '"q"', "'s'", `k${i}`, `k${i}`, '1', 'x:y'])}:`;
      out += value.inline !== undefined ? `${value.inline === '' ? '' : ` ${value.inline}`}${trail()}\n` : `${trail()}\n${gap()}${value.block!}`;
    }
    return out;
  };
  const seq = (indent: number, depth: number): string => {
    let out = '';
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
      const value = node(indent, depth);
      out += `${gap()}${' '.repeat(indent)}-`;
      if (value.inline !== undefined) out += `${value.inline === '' ? '' : ` ${value.inline}`}${trail()}\n`;
      else if (random() < 0.5 && value.block!.startsWith(' '.repeat(indent + 2)) && !value.block!.startsWith(' '.repeat(indent + 3))) out += ` ${value.block!.slice(indent + 2)}`;
      else out += `${trail()}\n${value.block!}`;
    }
    return out;
  };
  let text = `${gap()}${random() < 0.3 ? '---\n' : ''}${map(0, 0)}${gap()}`;
  if (random() < 0.3) text += `---${trail()}\n${gap()}${map(0, 0)}${gap()}`;
  if (random() < 0.2) text = text.replace(/\n$/, '');
  return text;
}

/** Hand-written cases around the range rules (trailing comments, indented comments, empty values, document ends). */
const HANDWRITTEN: readonly string[] = [
  'a: 1\nb: x  # c\n\n# d\nc:\n  - p\n  - q: r\n    s: t\n\n\n',
  'a:\n- x\n-\n- y\nb:\nc: [a, "b", {}]  \n',
  'a:\n  b: 1\n  # c1\n# c0\n\n  # c2\nd: 2\n',
  'a:\n  b: 1\n  # c1\n\n',
  'a:\n  b: 1\n# c0\n',
  'a:\n  b:   \nc:  # x\nd: ',
  'a:\n  - 1\n  # c\n# d\n',
  '# c\n\na: 1\n# t\n---\n# x\nb: [a , b ]  # z\n  # ind\n\n  # ind2\n# t2\n',
  'a: >-\n  text one\n  two\n\n  three\nb: |\n  x\n\n\nc: 1',
  'a: abc\n  def\n\n   ghi  \n\nb: "x\\ty" \n',
  'a: 1\nb:\n\n\n',
  'a: |\n  x\n\n',
  'a:\n  - x\n  # c\nb: 1',
  'a:\n  - x\n  # c\n  \n',
  'a:\n  b:\n    - x\n   # c\n  d: 1',
  'a:\n  -\n# c\n  -\n',
  'a:\n  - 1\n# c\n  -  \n  - 2\n',
  'k:\n  - "multi\n    line" # t\n  - x\n',
  '---\na: 1\n---\nb: 2\n...\n',
  '---\n---\na: 1\n',
  'a: &x 1\nb: *x\n',
  'a:\tb\n',
  'a: 1\r\nb: 2\r\n',
  '? a\n: b\n',
  'a: 1\na: 2\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: !!str 1\n',
  'a: [b,\n  c]\n',
];

describe('fast YAML parse path (parse/fastYaml.ts)', function () {
  this.timeout(120000);
  let corpus: { label: string; files: FixtureFile[] }[] = [];
  let workspaceDir = '';

  before(() => {
    workspaceDir = mkdtempSync(join(tmpdir(), 'sms-fast-yaml-'));
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bench-gen.mjs'), '--docs', '300', '--out', workspaceDir], { stdio: 'ignore' });
    const ruleFixtures = join(REPO_ROOT, 'server', 'src', 'engine', 'rules');
    const testFixtures = join(REPO_ROOT, 'test', 'fixtures');
    corpus = [
      { label: 'examples', files: readTree(join(REPO_ROOT, 'examples')) },
      { label: 'test and rule fixtures', files: [...(existsSync(testFixtures) ? readTree(testFixtures) : []), ...readTree(ruleFixtures)] },
      { label: 'templates', files: readTree(join(REPO_ROOT, 'templates')) },
      { label: 'generated workspace (300 documents)', files: readTree(workspaceDir) },
    ];
  });
  after(() => {
    if (workspaceDir) rmSync(workspaceDir, { recursive: true, force: true });
  });

  it('uses the options parseFile gives yaml', () => {
    assert.deepStrictEqual({ ...FAST_YAML_OPTIONS }, { ...YAML_PARSE_OPTIONS });
  });

  it('builds the documents yaml builds (every node property but comments, and toJS) for every example, fixture, template and generated file, and takes at least 95 % of the example and generated files', () => {
    for (const { label, files } of corpus) {
      let accepted = 0;
      for (const file of files) if (checkText(file.text, `${label}/${file.path}`)) accepted++;
      const share = files.length ? accepted / files.length : 1;
      process.stdout.write(`      ${label}: fast path for ${accepted} of ${files.length} files (${(100 * share).toFixed(1)} %)\n`);
      if (label === 'examples' || label.startsWith('generated')) assert.ok(share >= 0.95, `${label}: the fast path took only ${accepted} of ${files.length} files`);
    }
  });

  it('gives parseFile(..., { fast: true }) the result of parseFile (documents, values, spans, syntax problems) for every file', () => {
    for (const { label, files } of corpus) for (const file of files) checkParseFile(file.text, `${label}/${file.path}`);
  });

  it('builds the documents yaml builds, or gives up, for hand-written cases around comments, empty values and document ends', () => {
    let accepted = 0;
    for (const [i, text] of HANDWRITTEN.entries()) {
      if (checkText(text, `case ${i} ${JSON.stringify(text)}`)) accepted++;
      checkParseFile(`apiVersion: iso20000.sms/v1\n${text}`, `case ${i} with a header`);
    }
    assert.ok(accepted >= HANDWRITTEN.length / 2, `only ${accepted} hand-written cases taken`);
  });

  it('gives up on anchors, aliases, tags, directives, explicit keys, tabs, carriage returns, duplicate keys, `...` and multi-line flow collections', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', '? a\n: b\n', 'a:\tb\n', 'a: 1\r\nb: 2\r\n', 'a: 1\na: 2\n', 'a: 1\n...\n', 'a: [b,\n  c]\n']) {
      assert.equal(fastParseAllDocuments(text), undefined, JSON.stringify(text));
    }
  });

  it('builds the documents yaml builds, or gives up without throwing, after random edits of the example and generated files (property)', () => {
    const files = corpus.filter(({ label }) => label === 'examples' || label.startsWith('generated')).flatMap(({ files }) => files);
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.nat(), fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), (index, at, edits) => {
        let text = window(files[index]!.text, at, 2500);
        for (const edit of edits) text = applyEdit(text, edit);
        total++;
        if (checkText(text, `${files[index]!.path} after ${JSON.stringify(edits)}: ${JSON.stringify(text)}`)) accepted++;
      }),
      { numRuns: runs(1500), seed: SEED },
    );
    process.stdout.write(`      edited files: fast path for ${accepted} of ${total}\n`);
    assert.ok(accepted > total / 10, `the fast path took only ${accepted} of ${total} edited files: the property tests little`);
  });

  it('builds the documents yaml builds, or gives up without throwing, for random small documents with comments and blank lines at every indentation (property)', () => {
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const text = smallDocument(seed);
        total++;
        if (checkText(text, `small document ${seed}: ${JSON.stringify(text)}`)) accepted++;
      }),
      { numRuns: runs(3000), seed: SEED },
    );
    process.stdout.write(`      small documents: fast path for ${accepted} of ${total}\n`);
    assert.ok(accepted > total / 10, `the fast path took only ${accepted} of ${total} small documents: the property tests little`);
  });
});
