// Fix safety, with every rule running (test/engine/rules.test.ts checks each rule alone): every
// preferred quick-fix, on each rule's invalid fixtures and on errors planted in a copy of the
// example SMS, edits only its own document (the create-document fix excepted), keeps every comment
// outside the text it replaces, yields YAML without syntax errors that no longer has the fixed
// finding, is not offered again once applied, and stays safe under CRLF line ends.
import { strict as assert } from 'node:assert';
import { join, posix } from 'node:path';
import type { Finding, Fix } from '../../server/src/engine';
import { applyEdits, fixtureDirectories, listCases, loadFixture, type FixtureFile } from '../support/engine';
import { exampleFiles, runEngine, type HostileFile } from './support';

const uriPath = (uri: string): string => uri.replace(/^file:\/\/\/hostile\//, '');


/** Comments of a text with their offsets (a `#` after a space or at a line start, outside quotes: good enough for fixtures). */
function comments(text: string): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  const pattern = /(^|[ \t])(#[^\r\n]*)/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) out.push({ offset: match.index + match[1]!.length, text: match[2]! });
  return out;
}

function checkFix(files: readonly HostileFile[], before: readonly Finding[], finding: Finding, fix: Fix, label: string): void {
  const own = uriPath(finding.uri);
  // No fix touches another document, except the create-document fix (a new file registered in the manifest).
  if (fix.createFiles.length === 0) {
    for (const documentEdits of fix.documentEdits) assert.equal(uriPath(documentEdits.uri), own, `${label}: "${fix.title}" edits another document`);
  }
  for (const created of fix.createFiles) assert.ok(!created.relativePath.startsWith('/') && !created.relativePath.split('/').includes('..'), `${label}: creates ${created.relativePath} outside the workspace`);
  const created: HostileFile[] = fix.createFiles.map((file) => ({ path: posix.normalize(posix.join(posix.dirname(uriPath(file.relativeTo)), file.relativePath)), text: file.text }));
  for (const file of created) assert.ok(!files.some((existing) => existing.path === file.path), `${label}: "${fix.title}" overwrites ${file.path}`);
  const fixed = [...files, ...created].map((file) => {
    const edits = fix.documentEdits.filter((d) => uriPath(d.uri) === file.path).flatMap((d) => d.edits);
    if (edits.length === 0) return file;
    const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.span.start >= sorted[i - 1]!.span.end, `${label}: "${fix.title}" has overlapping edits`);
    for (const edit of edits) assert.ok(edit.span.start >= 0 && edit.span.end <= file.text.length, `${label}: "${fix.title}" edits outside the text`);
    const after = applyEdits(file.text, edits);
    // Comments outside the replaced spans survive.
    const replaced = (offset: number): boolean => edits.some((edit) => offset >= edit.span.start && offset < edit.span.end);
    const kept = comments(after).map((c) => c.text);
    for (const comment of comments(file.text)) {
      if (replaced(comment.offset)) continue;
      assert.ok(kept.includes(comment.text), `${label}: "${fix.title}" lost the comment ${comment.text}`);
    }
    return { path: file.path, text: after };
  });
  const again = runEngine(fixed);
  assert.deepEqual(again.workspace.ruleErrors, [], `${label}: a rule threw after "${fix.title}"`);
  const syntax = again.findings.filter((f) => f.code === 'SMS001' || f.code === 'SMS002').filter((f) => uriPath(f.uri) === own);
  const syntaxBefore = before.filter((f) => (f.code === 'SMS001' || f.code === 'SMS002') && uriPath(f.uri) === own);
  assert.ok(syntax.length <= syntaxBefore.length, `${label}: "${fix.title}" broke the YAML: ${syntax.map((f) => f.message).join('; ')}`);
  const sameBefore = before.filter((f) => f.code === finding.code && f.message === finding.message && f.uri === finding.uri).length;
  const sameAfter = again.findings.filter((f) => f.code === finding.code && f.message === finding.message && f.uri === finding.uri).length;
  assert.ok(sameAfter < sameBefore, `${label}: "${fix.title}" did not remove: ${finding.message}`);
  // Idempotent: the fixed text is not offered the very same edit again.
  const signature = (f: Fix): string => JSON.stringify([f.title, f.documentEdits.map((d) => d.edits.map((e) => e.newText))]);
  const offeredAgain = again.findings.filter((f) => f.uri === finding.uri).flatMap((f) => f.fixes.filter((candidate) => candidate.isPreferred)).map(signature);
  assert.ok(!offeredAgain.includes(signature(fix)) || sameAfter > 0, `${label}: "${fix.title}" is offered again after it was applied`);
}

function checkAllPreferredFixes(files: readonly HostileFile[], label: string): number {
  const { findings } = runEngine(files);
  let checked = 0;
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.isPreferred);
    if (!fix) continue;
    checkFix(files, findings, finding, fix, `${label} ${finding.code}`);
    checked++;
  }
  return checked;
}

describe('hardening: fix safety with every rule running', function () {
  this.timeout(300000);

  for (const { rule, directory } of fixtureDirectories()) {
    const cases = listCases(join(directory, 'fixtures', 'invalid'));
    if (cases.length === 0) continue;
    it(`${rule.meta.code}: preferred fixes of the invalid fixtures are safe`, () => {
      for (const casePath of cases) {
        const files: FixtureFile[] = loadFixture(casePath);
        checkAllPreferredFixes(files, casePath.split('/').slice(-1)[0]!);
        // The same with CRLF line ends: edits keep the file's line ends and stay valid.
        const crlf = files.map((file) => ({ path: file.path, text: file.text.replace(/\r?\n/g, '\r\n') }));
        checkAllPreferredFixes(crlf, `${casePath.split('/').slice(-1)[0]!} (CRLF)`);
      }
    });
  }

  it('preferred fixes of errors planted in the example SMS are safe', () => {
    const examples = exampleFiles();
    const plant = (path: string, change: (text: string) => string): HostileFile[] =>
      examples.map((file) => {
        if (file.path !== path) return file;
        const changed = change(file.text);
        assert.notEqual(changed, file.text, `nothing planted in ${path}`);
        return { path: file.path, text: changed };
      });
    const scenarios: [string, HostileFile[]][] = [
      ['status typo', plant('policies/service-management-policy.yaml', (t) => t.replace('status: approved', 'status: aproved # typo kept as a comment'))],
      ['unquoted version', plant('policies/release-policy.yaml', (t) => t.replace(/version: "(\d+(\.\d+)*)"/, 'version: $1 # number'))],
      ['missing title', plant('processes/incident-management.yaml', (t) => t.replace(/^  title: .*\n/m, '  # the title was here\n'))],
      ['unknown property', plant('plans/capacity-plan.yaml', (t) => t.replace(/^metadata:\n/m, 'metadata:\n  titel: Capacity # misspelt\n'))],
      ['unknown clause', plant('policies/information-security-policy.yaml', (t) => t.replace('satisfies: ["8.7.3.1", ', 'satisfies: ["99.9", "8.7.3.1", '))],
      ['unresolved reference', plant('processes/change-management.yaml', (t) => t.replace(/owner: (ROLE-[A-Z-]+)/, 'owner: $1X # a typo'))],
      ['crlf status typo', plant('policies/service-management-policy.yaml', (t) => t.replace('status: approved', 'status: aproved').replace(/\n/g, '\r\n'))],
    ];
    let checked = 0;
    for (const [name, files] of scenarios) checked += checkAllPreferredFixes(files, name);
    assert.ok(checked >= 3, `only ${checked} preferred fixes were exercised`);
  });
});
