// Hostile input through the whole engine (all rules, as the CLI runs it): hand-made worst cases
// and property-based mutations of the example SMS. Every answer: no exception, under a second,
// spans inside the text, syntax problems with a position.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/engine';
import { complete } from '../../server/src/engine/features/completion';
import { hover } from '../../server/src/engine/features/hover';
import { documentSymbols } from '../../server/src/engine/features/symbols';
import { quickFixes } from '../../server/src/engine/features/codeActions';
import { BUDGET_MS, HEADER, FUZZ_RUNS, suiteTimeout, FUZZ_SEED, assertFast, assertSane, exampleFiles, printTimings, prototypeSnapshot, runEngine, type HostileFile } from './support';

const POLICY = exampleFiles().find((file) => file.path === 'policies/service-management-policy.yaml')!;

/** The monster inputs below (megabyte lines, 10,000 levels, thousands of documents) get the same
 * budget as everything else: the default limits (limits.maxFileSizeKB 2048, maxNodes 30,000,
 * maxFlowDepth 1,000, maxDocumentsPerFile 200) turn what would take longer into a finding. */
const MONSTER_BUDGET_MS = BUDGET_MS;

function one(path: string, text: string, name = path, budget = BUDGET_MS): ReturnType<typeof runEngine> {
  const answer = runEngine([{ path, text }], { name });
  assertSane(answer, name);
  assertFast(answer, name, budget);
  return answer;
}

function codes(answer: ReturnType<typeof runEngine>): string[] {
  return [...new Set(answer.findings.map((finding) => finding.code))].sort();
}

/** Exercises the editor features at a few offsets: they must not throw either. */
function poke(answer: ReturnType<typeof runEngine>, offsets: readonly number[]): void {
  const { workspace } = answer;
  for (const uri of answer.uris) {
    const text = workspace.text(uri) ?? '';
    documentSymbols(workspace, uri);
    for (const raw of offsets) {
      const offset = Math.max(0, Math.min(text.length, raw));
      complete(workspace, uri, offset);
      hover(workspace, uri, offset);
      quickFixes(workspace, uri, { start: offset, end: offset });
    }
  }
}

describe('hardening: hostile input through the engine', function () {
  this.timeout(suiteTimeout(60000));
  after(() => printTimings('engine'));

  it('answers empty and blank files', () => {
    for (const [name, text] of [
      ['empty', ''],
      ['blank', '   \n\n\t\n'],
      ['bom only', '\uFEFF'],
      ['header only', HEADER],
      ['document markers', '---\n...\n---\n'],
      ['comment only', '# apiVersion: iso20000.sms/v1\n'],
    ] as const) {
      const answer = one(`${name}.yaml`, text, name);
      poke(answer, [0, text.length]);
    }
  });

  it('reads a BOM, CRLF line ends and tabs like the plain text', () => {
    const plain = one('plain.yaml', POLICY.text, 'policy');
    assert.ok(!codes(plain).includes('SMS001'), 'the example policy is valid');
    const bom = one('bom.yaml', `\uFEFF${POLICY.text}`, 'policy with BOM');
    assert.ok(!codes(bom).includes('SMS001'), `BOM: ${codes(bom)}`);
    const crlf = one('crlf.yaml', POLICY.text.replace(/\n/g, '\r\n'), 'policy with CRLF');
    assert.deepEqual(codes(crlf), codes(plain), 'CRLF changes nothing');
    const tabs = one('tabs.yaml', POLICY.text.replace(/^( {2})/gm, '\t'), 'policy indented with tabs');
    assert.ok(codes(tabs).includes('SMS001'), 'a tab indentation is a syntax problem');
    one('odd-indent.yaml', POLICY.text.replace(/^( +)/gm, (spaces) => ' '.repeat(spaces.length * 3 - 1)), 'policy with odd indentation');
    one('mixed-eol.yaml', POLICY.text.replace(/\n/g, (_m, offset: number) => (offset % 3 === 0 ? '\r' : offset % 3 === 1 ? '\r\n' : '\n')), 'mixed line ends');
  });

  it('reads anchors, aliases and tags as data', () => {
    const text = `${HEADER}kind: Policy
metadata: &meta
  id: POL-X
  title: !!str &t Title
  owner: !custom ROLE-X
  version: !!int "1"
  status: !<tag:yaml.org,2002:str> draft
spec:
  copy: *meta
  fn: !!js/function "function () { globalThis.__smsPwned = true; }"
  re: !!js/regexp /x/
  undef: !!js/undefined ''
  py: !!python/object/apply:os.system ["touch /tmp/sms-pwned"]
  bin: !!binary aGVsbG8=
  set: !!set { a, b }
  omap: !!omap [ a: 1, b: 2 ]
  ts: !!timestamp 2001-12-14t21:59:43.10-05:00
  merge:
    <<: *meta
  dangling: *nothing
`;
    const answer = one('tags.yaml', text, 'tags and aliases');
    poke(answer, [0, 40, 120, 300, text.length]);
    assert.equal((globalThis as Record<string, unknown>)['__smsPwned'], undefined, 'a js/function tag was executed');
  });

  it('answers a line of megabytes', () => {
    const line = 'x'.repeat(4 * 1024 * 1024);
    // Past 2 MB: SMS006 instead of work.
    assert.deepEqual(codes(one('long-scalar.yaml', `${HEADER}kind: Policy\nmetadata:\n  id: POL-LONG\n  title: "${line}"\n`, 'a 4 MB scalar line', MONSTER_BUDGET_MS)), ['SMS006']);
    assert.deepEqual(codes(one('long-comment.yaml', `${HEADER}kind: Policy\n# ${line}\n`, 'a 4 MB comment line', MONSTER_BUDGET_MS)), ['SMS006']);
    one('long-scalar-2mb.yaml', `${HEADER}kind: Policy\nmetadata:\n  id: POL-LONG\n  title: "${'x'.repeat(2 * 1024 * 1024 - 100)}"\n`, 'a scalar line just under 2 MB', MONSTER_BUDGET_MS);
    // A line of many small tokens costs the parser ~10 µs a token: past 30,000 (90 KB), SMS006.
    assert.deepEqual(codes(one('long-flow.yaml', `${HEADER}kind: Policy\nspec: [${'a, '.repeat(50000)}]\n`, 'a flow sequence of 50,000 items on one line', MONSTER_BUDGET_MS)), ['SMS006']);
    one('long-flow-25k.yaml', `${HEADER}kind: Policy\nspec: [${'a, '.repeat(25000)}]\n`, 'a flow sequence of 25,000 items on one line', MONSTER_BUDGET_MS);
    one('long-key.yaml', `${HEADER}kind: Policy\n${'k'.repeat(1024 * 1024)}: 1\n`, 'a 1 MB key', MONSTER_BUDGET_MS);
  });

  it('answers nesting 10,000 deep', () => {
    const depth = 10000;
    // Flow collections past 1,000 levels: SMS006 (unclosed, they cost the parser more than linear time).
    assert.deepEqual(codes(one('flow-seq.yaml', `${HEADER}kind: Policy\nspec: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'flow sequences 10,000 deep', MONSTER_BUDGET_MS)), ['SMS006']);
    assert.deepEqual(codes(one('flow-map.yaml', `${HEADER}kind: Policy\nspec: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`, 'flow mappings 10,000 deep', MONSTER_BUDGET_MS)), ['SMS006']);
    assert.deepEqual(codes(one('unclosed.yaml', `${HEADER}kind: Policy\nspec: ${'[{'.repeat(depth)}\n`, 'unclosed flow 10,000 deep', MONSTER_BUDGET_MS)), ['SMS006']);
    one('unclosed-500.yaml', `${HEADER}kind: Policy\nspec: ${'[{'.repeat(250)}\n`, 'unclosed flow 500 deep', MONSTER_BUDGET_MS);
    one('block-seq.yaml', `${HEADER}kind: Policy\nspec:\n  ${'- '.repeat(depth)}x\n`, 'block sequences 10,000 deep', MONSTER_BUDGET_MS);
    // A block mapping nested 1,500 deep with one-space indentation (1.1 M characters of indentation).
    let block = `${HEADER}kind: Policy\nspec:\n`;
    const parts: string[] = [];
    for (let i = 1; i <= 1500; i++) parts.push(`${' '.repeat(i)}k${i}:\n`);
    block += parts.join('');
    one('block-map.yaml', block, 'block mappings 1,500 deep', MONSTER_BUDGET_MS);
  });

  it('answers a 50 MB file with SMS006 instead of work', () => {
    const chunk = `  - id: X\n    title: ${'y'.repeat(100)}\n`;
    const big = `${HEADER}kind: Register\nspec:\n  entries:\n${chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length))}`;
    const answer = one('big.yaml', big, 'a 50 MB file');
    assert.deepEqual(codes(answer), ['SMS006']);
    const finding = answer.findings[0]!;
    assert.ok(finding.span.end <= big.length);
  });

  it('honours limits.maxFileSizeKB from the config', () => {
    const text = `${POLICY.text}# ${'p'.repeat(3000)}\n`;
    const answer = runEngine([{ path: 'p.yaml', text }], { config: 'limits:\n  maxFileSizeKB: 2\n', name: 'limit 2 KB' });
    assertSane(answer, 'limit 2 KB');
    assert.ok(codes(answer).includes('SMS006'), `${codes(answer)}`);
  });

  it('honours limits.maxNodes and limits.maxFlowDepth from the config, naming the setting', () => {
    const nodes = runEngine([{ path: 'p.yaml', text: POLICY.text }], { config: 'limits:\n  maxNodes: 10\n' });
    assertSane(nodes, 'maxNodes 10');
    assert.deepEqual(codes(nodes), ['SMS006']);
    assert.match(nodes.findings[0]!.message, /YAML nodes, limit 10 \(raise limits\.maxNodes in \.smsrc\.yaml/);
    const deep = runEngine([{ path: 'd.yaml', text: `${HEADER}kind: Policy\nspec: ${'['.repeat(20)}${']'.repeat(20)}\n` }], { config: 'limits:\n  maxFlowDepth: 5\n' });
    assert.deepEqual(codes(deep), ['SMS006']);
    assert.match(deep.findings[0]!.message, /nested 20 deep, limit 5 \(raise limits\.maxFlowDepth/);
  });

  it('answers thousands of documents in one file', () => {
    const doc = (i: number): string => `${HEADER}kind: Record\nmetadata:\n  id: REC-${i}\n  title: R${i}\n`;
    const twoHundred = Array.from({ length: 200 }, (_, i) => doc(i)).join('---\n');
    assert.ok(!codes(one('two-hundred.yaml', twoHundred, '200 documents', MONSTER_BUDGET_MS)).includes('SMS008'));
    // Past the limit (200 a file) the rest is not even parsed: SMS008 at the first marker past it.
    const thousand = Array.from({ length: 1000 }, (_, i) => doc(i)).join('---\n');
    const answer = one('thousand.yaml', thousand, '1,000 documents', MONSTER_BUDGET_MS);
    const tooMany = answer.findings.filter((finding) => finding.code === 'SMS008');
    assert.equal(tooMany.length, 1);
    const marker = tooMany[0]!.span.start;
    assert.equal(thousand.slice(marker, marker + 4), '---\n');
    assert.equal(thousand.slice(0, marker).split('---\n').length, 200, 'SMS008 sits at the start of document 201');
    // 6,000 documents are also past the node estimate (30,000 lines): the whole file is refused.
    assert.deepEqual(codes(one('six-thousand.yaml', Array.from({ length: 6000 }, (_, i) => doc(i)).join('---\n'), '6,000 documents', MONSTER_BUDGET_MS)), ['SMS006']);
    one('empty-docs.yaml', `${HEADER}${'---\n'.repeat(20000)}`, '20,000 empty documents', MONSTER_BUDGET_MS);
  });

  it('answers an alias bomb quickly with SMS007', () => {
    const lines = [`${HEADER}kind: Policy`, 'metadata:', '  id: POL-BOMB', 'spec:', '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
    const answer = one('bomb.yaml', `${lines.join('\n')}\n`, 'billion laughs');
    assert.ok(codes(answer).includes('SMS007'), `${codes(answer)}`);
    // A quadratic bomb: one big scalar repeated by many aliases.
    const quadratic = `${HEADER}kind: Policy\nspec:\n  a: &a "${'z'.repeat(100000)}"\n  b: [${Array.from({ length: 5000 }, () => '*a').join(',')}]\n`;
    const second = one('quadratic.yaml', quadratic, 'quadratic alias bomb');
    assert.ok(codes(second).includes('SMS007'), `${codes(second)}`);
  });

  it('keeps __proto__ and constructor keys inert', () => {
    const before = prototypeSnapshot();
    const text = `${HEADER}kind: Policy
metadata:
  id: POL-PROTO
  title: Proto
  __proto__:
    polluted: yes
    toString: boom
  constructor:
    prototype:
      polluted: yes
spec:
  __proto__: { isAdmin: true }
  constructor: { prototype: { isAdmin: true } }
  items:
    - __proto__: [1, 2]
    - hasOwnProperty: 1
      toString: 2
      valueOf: 3
`;
    const answer = one('proto.yaml', text, '__proto__ keys');
    poke(answer, [0, 60, 120, 200, text.length]);
    const config = runEngine([{ path: 'p.yaml', text }], { config: '__proto__: { polluted: yes }\nrules:\n  __proto__: off\n  constructor: warning\nlimits: { __proto__: { maxFileSizeKB: 1 } }\n' });
    assertSane(config, 'config with __proto__');
    assert.equal(prototypeSnapshot(), before, 'Object.prototype changed');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(({} as Record<string, unknown>)['isAdmin'], undefined);
    assert.equal(({} as Record<string, unknown>)['maxFileSizeKB'], undefined);
  });

  it('answers binary bytes, NULs, invalid UTF-8 and lone surrogates', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    one('binary.yaml', `${HEADER}${new TextDecoder('utf-8', { fatal: false }).decode(bytes)}`, 'binary bytes');
    one('latin1.yaml', `${HEADER}${bytes.toString('latin1')}`, 'binary as latin1');
    one('nul.yaml', `${HEADER}kind: Po\u0000licy\nmetadata:\n  id: "\u0000"\n`, 'NUL characters');
    one('surrogates.yaml', `${HEADER}kind: Policy\nmetadata:\n  id: \uD800x\n  title: "\uDC00"\n  \uDBFF: 1\n`, 'lone surrogates');
    one('controls.yaml', `${HEADER}kind: Policy\nmetadata:\n  title: "\u0007\u001b[31m\u202e"\n`, 'control characters');
  });

  it('never throws on mutated example files (property)', () => {
    const examples = exampleFiles();
    const alphabet = ['\n', ' ', '  ', '\t', ':', ': ', '- ', '-', '[', ']', '{', '}', ',', '"', "'", '#', '&a ', '*a', '!', '!!str ', '|', '>', '?', '%', '@', '`', '\r\n', '\r', '\uFEFF', '\u0000', '\uD800', '---\n', '...\n', '<<: *a\n', 'apiVersion: iso20000.sms/v1\n', 'kind: ', 'metadata:', 'id: ', '__proto__: ', 'é', '𝔸'];
    const token = fc.oneof(fc.constantFrom(...alphabet), fc.string({ maxLength: 4 }));
    const mutation = fc.oneof(
      fc.record({ type: fc.constant('insert' as const), at: fc.nat(), text: fc.array(token, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')) }),
      fc.record({ type: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 80 }) }),
      fc.record({ type: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ type: fc.constant('duplicate-line' as const), at: fc.nat() }),
      fc.record({ type: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
    );
    const apply = (text: string, m: { type: string; at: number; text?: string; length?: number; by?: number }): string => {
      const at = text.length === 0 ? 0 : m.at % (text.length + 1);
      switch (m.type) {
        case 'insert':
          return text.slice(0, at) + (m.text ?? '') + text.slice(at);
        case 'delete':
          return text.slice(0, at) + text.slice(at + (m.length ?? 0));
        case 'truncate':
          return text.slice(0, at);
        case 'duplicate-line': {
          const lineStart = text.lastIndexOf('\n', at - 1) + 1;
          const lineEnd = text.indexOf('\n', at);
          const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1);
          return text.slice(0, lineStart) + line + text.slice(lineStart);
        }
        default: {
          const lineStart = text.lastIndexOf('\n', at - 1) + 1;
          const by = m.by ?? 0;
          return by >= 0 ? text.slice(0, lineStart) + ' '.repeat(by) + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart).replace(new RegExp(`^ {0,${-by}}`), '');
        }
      }
    };
    const manifest = examples.find((file) => file.path === 'sms.yaml')!;
    let slowest = 0;
    fc.assert(
      fc.property(fc.nat({ max: examples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (index, mutations) => {
        const target = examples[index]!;
        const text = mutations.reduce((acc, m) => apply(acc, m), target.text);
        const files: HostileFile[] = target.path === manifest.path ? [{ path: target.path, text }] : [manifest, { path: target.path, text }];
        const answer = runEngine(files);
        slowest = Math.max(slowest, answer.ms);
        assertSane(answer, `mutated ${target.path}`);
        assertFast(answer, `mutated ${target.path}`);
        poke(answer, [0, mutations[0]!.at % (text.length + 1), text.length]);
        // Line/column conversions agree with the text.
        const lines = new LineIndex(text);
        assert.equal(lines.offsetAt(lines.positionAt(text.length)), text.length);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
    process.stdout.write(`      mutated examples: ${FUZZ_RUNS} runs, slowest ${slowest.toFixed(0)} ms\n`);
  });

  it('never throws on random YAML-like text (property)', () => {
    const piece = fc.constantFrom('\n', '  ', ' ', '- ', ': ', 'a', 'b', '1', 'null', '~', 'true', '&x ', '*x', '!t ', '!!map ', '[', ']', '{', '}', ', ', '"q"', "'s'", '|\n', '>-\n', '? ', '# c\n', '---\n', '...\n', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '\t', '\r\n', '<<: ', 'kind: Policy\n', 'metadata:\n', '  id: X\n', 'spec:\n', '__proto__', 'constructor');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.boolean(), (parts, withHeader) => {
        const text = (withHeader ? HEADER : '') + parts.join('');
        const answer = runEngine([{ path: 'random.yaml', text }]);
        assertSane(answer, 'random');
        assertFast(answer, 'random');
        poke(answer, [0, Math.floor(text.length / 2), text.length]);
      }),
      { numRuns: FUZZ_RUNS * 2, seed: FUZZ_SEED },
    );
  });

  it('never throws on arbitrary strings after a header (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (tail) => {
        const text = HEADER + tail;
        const answer = runEngine([{ path: 'arbitrary.yaml', text }]);
        assertSane(answer, 'arbitrary');
        poke(answer, [0, text.length]);
      }),
      { numRuns: FUZZ_RUNS * 2, seed: FUZZ_SEED },
    );
  });
});
