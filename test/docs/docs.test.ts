// The documentation is checked like code: every rule page has the fixed sections, its "Example"
// must trigger the rule and its "Use instead" must not; every kind page's example must be a valid
// document of that kind (syntax and schema rules).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/engine';
import { REPO_ROOT, analyze, type FixtureFile } from '../support/engine';

const SECTIONS = ['## What it checks', '## Why it matters', '## Example', '## Use instead', '## Fix', '## Options'];

interface Block {
  readonly info: string;
  readonly text: string;
  readonly section: string;
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let section = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('## ')) section = line.trim();
    const fence = /^```(\S*)\s*(.*)$/.exec(line);
    if (!fence || fence[1] === '') continue;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) body.push(lines[i] ?? '');
    out.push({ info: `${fence[1]} ${fence[2] ?? ''}`.trim(), text: `${body.join('\n')}\n`, section });
  }
  return out;
}

describe('rule documentation', () => {
  it('lists every rule in docs/rules/README.md with its default severity and fix availability', () => {
    const index = readFileSync(join(REPO_ROOT, 'docs', 'rules', 'README.md'), 'utf8');
    for (const rule of RULES) {
      const fixable = rule.meta.fix === 'none' ? 'no' : rule.meta.fix;
      assert.ok(index.includes(`| [${rule.meta.code}](${rule.meta.code}.md) | \`${rule.meta.name}\` | ${rule.meta.defaultSeverity} | ${fixable} |`), `${rule.meta.code} is missing or out of date in docs/rules/README.md`);
    }
  });

  for (const rule of RULES) {
    const path = join(REPO_ROOT, 'docs', 'rules', `${rule.meta.code}.md`);
    describe(`docs/rules/${rule.meta.code}.md`, () => {
      it('has the title and the fixed sections, in order', () => {
        assert.ok(existsSync(path), 'page missing');
        const markdown = readFileSync(path, 'utf8');
        assert.ok(markdown.startsWith(`# ${rule.meta.code} ${rule.meta.name}\n`), `the page must start with "# ${rule.meta.code} ${rule.meta.name}"`);
        let last = -1;
        for (const section of SECTIONS) {
          const index = markdown.indexOf(`\n${section}\n`);
          assert.ok(index > last, `section "${section}" missing or out of order`);
          last = index;
        }
      });

      it('has an example that triggers the rule and a "use instead" that does not', () => {
        if (!existsSync(path)) return assert.fail('page missing');
        // A ```yaml .smsrc.yaml block is the project config for the example blocks after it (until the
        // next one). `clause=<id>` in an example's info string restricts the check to findings about
        // that subclause (coverage rules: one file cannot evidence all 57 subclauses).
        const all = blocks(readFileSync(path, 'utf8'));
        let config: Block | undefined;
        let baseline: Block | undefined;
        const checked: { block: Block; config: Block | undefined; baseline: Block | undefined }[] = [];
        for (const block of all) {
          if (block.info.includes('.smsrc.yaml')) config = block;
          else if (block.info.includes('.sms-baseline.yaml')) baseline = block;
          else if (block.info.startsWith('yaml')) checked.push({ block, config, baseline });
        }
        // Blocks with `file=<path>` in one section form one multi-file example (cross-document rules);
        // the others are one `example.yaml` each.
        const fileOf = (block: Block): string | undefined => /file=(\S+)/.exec(block.info)?.[1];
        const siblings = (block: Block): FixtureFile[] =>
          fileOf(block) === undefined ? [{ path: 'example.yaml', text: block.text }] : checked.filter((other) => other.block.section === block.section && fileOf(other.block) !== undefined).map((other) => ({ path: fileOf(other.block)!, text: other.block.text }));
        const withConfig = (block: Block, configBlock: Block | undefined, baselineBlock?: Block): FixtureFile[] => [
          ...siblings(block),
          ...(configBlock ? [{ path: '.smsrc.yaml', text: configBlock.text }] : []),
          ...(baselineBlock ? [{ path: '.sms-baseline.yaml', text: baselineBlock.text }] : []),
        ];
        const clauseOf = (block: Block): string | undefined => /clause=(\S+)/.exec(block.info)?.[1];
        const relevant = (block: Block, finding: { code: string; data: { clauseId?: string } }): boolean => finding.code === rule.meta.code && (clauseOf(block) === undefined || finding.data.clauseId === clauseOf(block));
        const examples = checked.filter(({ block }) => block.section === '## Example');
        const better = checked.filter(({ block }) => block.section === '## Use instead');
        assert.ok(examples.length > 0, 'no ```yaml block under "## Example"');
        assert.ok(better.length > 0, 'no ```yaml block under "## Use instead"');
        for (const { block, config: configBlock, baseline: baselineBlock } of examples) {
          const { findings } = analyze(withConfig(block, configBlock, baselineBlock));
          assert.ok(findings.some((finding) => relevant(block, finding)), `the example does not trigger ${rule.meta.code}:\n${block.text}`);
        }
        for (const { block, config: configBlock, baseline: baselineBlock } of better) {
          const { findings } = analyze(withConfig(block, configBlock, baselineBlock));
          const own = findings.filter((finding) => relevant(block, finding));
          assert.deepEqual(own.map((finding) => finding.message), [], `"use instead" still triggers ${rule.meta.code}`);
        }
      });
    });
  }
});

describe('kind documentation', () => {
  const folder = join(REPO_ROOT, 'docs', 'kinds');
  const pages = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.md')) : [];
  it('has one page per kind', () => {
    assert.ok(pages.length >= 9, `docs/kinds has ${pages.length} pages`);
  });
  for (const page of pages) {
    it(`${page}: the complete example is a valid document`, () => {
      const yamlBlocks = blocks(readFileSync(join(folder, page), 'utf8')).filter((block) => block.info.startsWith('yaml') && /^apiVersion:/m.test(block.text));
      assert.ok(yamlBlocks.length > 0, 'no complete example');
      const schemaFamilies = new Set(['syntax', 'schema']);
      for (const block of yamlBlocks) {
        const rules = RULES.filter((rule) => schemaFamilies.has(rule.meta.family));
        const { findings } = analyze([{ path: 'example.yaml', text: block.text }], { rules });
        assert.deepEqual(findings.map((finding) => `${finding.code} ${finding.message}`), []);
      }
    });
  }
});
