// Every rule is a unit with a unique code and name, a docs page, and fixtures: each invalid case
// must produce the rule's findings exactly as in its `.expected` snapshot (UPDATE_EXPECT=1 rewrites
// them; review the diff), each valid case must be silent, and each preferred fix must yield valid
// YAML that no longer has the finding.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { RULES, ruleByCode } from '../../server/src/engine';
import { REPO_ROOT, analyze, applyEdits, fixtureDirectories, listCases, loadFixture, renderFindings, type FixtureFile } from '../support/engine';

const syntaxRule = ruleByCode('SMS001')!;

describe('rule registry', () => {
  it('gives every rule a unique code and a unique kebab-case name', () => {
    const codes = RULES.map((rule) => rule.meta.code);
    const names = RULES.map((rule) => rule.meta.name);
    assert.equal(new Set(codes).size, codes.length, 'duplicate rule code');
    assert.equal(new Set(names).size, names.length, 'duplicate rule name');
    for (const rule of RULES) {
      assert.match(rule.meta.code, /^SMS\d{3}$/);
      assert.match(rule.meta.name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(rule.meta.summary.endsWith('.'), `${rule.meta.code} summary is a sentence`);
      assert.ok(!rule.meta.summary.includes('\n'), `${rule.meta.code} summary is one line`);
    }
  });
});

for (const { rule, directory } of fixtureDirectories()) {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    it('has a docs page', () => {
      assert.ok(existsSync(join(REPO_ROOT, 'docs', 'rules', `${rule.meta.code}.md`)), `docs/rules/${rule.meta.code}.md is missing`);
    });

    const invalid = listCases(join(directory, 'fixtures', 'invalid'));
    const valid = listCases(join(directory, 'fixtures', 'valid'));
    it('has at least one invalid and one valid fixture', () => {
      assert.ok(invalid.length > 0, `no fixtures/invalid cases in ${directory}`);
      assert.ok(valid.length > 0, `no fixtures/valid cases in ${directory}`);
    });

    for (const casePath of invalid) {
      it(`reports ${basename(casePath)}`, () => {
        const files = loadFixture(casePath);
        const { workspace, findings } = analyze(files, { rules: [rule] });
        const own = findings.filter((finding) => finding.code === rule.meta.code);
        assert.ok(own.length > 0, `${basename(casePath)} produced no ${rule.meta.code} finding`);
        assert.equal(own.length, findings.length);
        const snapshot = renderFindings(workspace, own);
        const expectedPath = `${casePath.replace(/\.ya?ml$/, '')}.expected`;
        if (process.env['UPDATE_EXPECT'] === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, snapshot);
        assert.equal(snapshot, readFileSync(expectedPath, 'utf8'));
      });

      it(`fixes ${basename(casePath)} without breaking the YAML`, () => {
        const files = loadFixture(casePath);
        const { findings } = analyze(files, { rules: [rule] });
        for (const finding of findings) {
          const fix = finding.fixes.find((candidate) => candidate.isPreferred);
          if (!fix || fix.createFiles.length > 0) continue;
          const fixed: FixtureFile[] = files.map((file) => {
            const edits = fix.documentEdits.filter((documentEdits) => documentEdits.uri.endsWith(`/${file.path}`)).flatMap((documentEdits) => documentEdits.edits);
            return edits.length > 0 ? { path: file.path, text: applyEdits(file.text, edits) } : file;
          });
          const again = analyze(fixed, { rules: [rule, syntaxRule] });
          assert.deepEqual(again.findings.filter((f) => f.code === 'SMS001').map((f) => f.message), [], `fix "${fix.title}" broke the YAML`);
          const sameBefore = findings.filter((f) => f.code === finding.code && f.message === finding.message).length;
          const sameAfter = again.findings.filter((f) => f.code === finding.code && f.message === finding.message).length;
          assert.ok(sameAfter < sameBefore, `fix "${fix.title}" did not remove: ${finding.message}`);
          // Idempotent: applying the same edits to the fixed text is not offered again.
          const thirdRun = analyze(fixed, { rules: [rule] });
          assert.ok(thirdRun.findings.every((f) => f.message !== finding.message || f.span.start !== finding.span.start) || sameAfter > 0);
        }
      });
    }

    for (const casePath of valid) {
      it(`is silent on ${basename(casePath)}`, () => {
        const { findings } = analyze(loadFixture(casePath), { rules: [rule] });
        assert.deepEqual(findings.map((finding) => finding.message), []);
      });
    }
  });
}

