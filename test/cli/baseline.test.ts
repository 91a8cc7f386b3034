// Accepted gaps: a baseline with justification hides a finding in the CLI; expired, unjustified and
// stale entries are findings themselves; `sms-lint baseline --update` prunes the stale ones.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/engine';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const run = (args: readonly string[], cwd: string): { status: number; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

describe('sms-lint --baseline (accepted gaps)', function () {
  this.timeout(60000);
  let folder: string;
  const baseline = `# Accepted gaps, reviewed at every management review.
accepted:
  - code: SMS301
    file: sms.yaml
    clause: 8.6.3
    justification: The problem process moves to the new supplier in Q1.
    expires: 2027-03-31
  - { code: SMS202, file: slas/brightwater.yaml, justification: Kept from last year }
`;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sms-baseline-'));
    cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
    const problem = join(folder, 'processes', 'problem-management.yaml');
    writeFileSync(problem, readFileSync(problem, 'utf8').replace('satisfies: ["8.6.3", "7.5.4-e"]', 'satisfies: ["7.5.4-e"]'));
    writeFileSync(join(folder, 'accepted.yaml'), baseline);
    writeFileSync(join(folder, '.smsrc.yaml'), 'baseline: accepted.yaml\nrules:\n  uncovered-subclause: error\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('hides an accepted finding and reports the stale entry', () => {
    const result = run(['--today', '2026-11-27', '-f', 'json', '.'], folder);
    const json = JSON.parse(result.stdout) as { results: { path: string; findings: { code: string; line: number; message: string }[] }[] };
    const all = json.results.flatMap((r) => r.findings.map((f) => ({ ...f, path: r.path })));
    assert.ok(!all.some((f) => f.code === 'SMS301'), 'the accepted gap is still reported');
    // SMS307 (info) still suggests the claim in the one document that has the content.
    assert.deepEqual(all.map((f) => `${f.path}:${f.line} ${f.code}`), ['accepted.yaml:8 SMS903', 'processes/problem-management.yaml:17 SMS307']);
    assert.match(all[0]!.message, /matches no finding any more/);
    assert.equal(result.status, 0);
  });

  it('reports the gap again once the acceptance has expired', () => {
    const result = run(['--today', '2027-04-01', '-f', 'json', '.'], folder);
    const json = JSON.parse(result.stdout) as { results: { path: string; findings: { code: string; message: string }[] }[] };
    const codes = json.results.flatMap((r) => r.findings.map((f) => f.code));
    assert.ok(codes.includes('SMS301'));
    assert.ok(json.results.find((r) => r.path === 'accepted.yaml')!.findings.some((f) => /expired on 2027-03-31/.test(f.message)));
    assert.equal(result.status, 1);
  });

  it('prunes entries that no longer match with baseline --update, keeping comments', () => {
    const result = run(['baseline', '--update', '--today', '2026-11-27', '.'], folder);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /1 of 2 accepted findings no longer matched/);
    const text = readFileSync(join(folder, 'accepted.yaml'), 'utf8');
    assert.match(text, /^# Accepted gaps/);
    assert.match(text, /clause: 8\.6\.3/);
    assert.doesNotMatch(text, /SMS202/);
  });
});
