// `sms-lint report` as a user runs it: spawn the built dist/cli.js on the examples (and on a copy
// with planted gaps) and check the markdown and HTML conformity reports.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TODAY } from '../support/engine';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function runCli(args: readonly string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('sms-lint report', function () {
  this.timeout(90_000);
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sms-report-'));
    cpSync(join(REPO_ROOT, 'examples'), join(folder, 'examples'), { recursive: true });
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('writes a markdown report to standard output by default', () => {
    const { status, stdout, stderr } = runCli(['report', 'examples', '--today', TODAY], folder);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    assert.match(stdout, /^# Conformity report: ISO\/IEC 20000-1:2018\n/);
    assert.match(stdout, /\| Organisation \| Quillmoor IT Services Ltd \|/);
    assert.match(stdout, /\*\*366\*\* of \*\*366\*\* requirements covered \(\*\*100\.0 %\*\*\)/);
    // The register of documented information has one row per item a–l of 7.5.4.
    const register = stdout.slice(stdout.indexOf('## Register of documented information (7.5.4)'), stdout.indexOf('## Documents'));
    assert.deepEqual([...register.matchAll(/^\| ([a-l]) \|/gm)].map((match) => match[1]), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']);
    assert.match(register, /\| h \| [^|]+ \| ✅ evidenced \| SLA-BRIGHTWATER<br>SLA-HARBOURSIDE<br>SLA-MEADOWGATE \|/);
    // Every evidencing document is listed with its document control data.
    assert.match(stdout, /\| POL-CHANGE \| Policy \| Change management policy \| 2\.2 \| approved \| ROLE-CHANGE-MANAGER \| ROLE-OPS-DIRECTOR, 2026-05-12, v2\.2 \| 2026-05-08 \| 2027-05-08 \| ok \|/);
    assert.match(stdout, /^#### 8\.6\.3 Problem management: ✅ evidenced$/m);
  });

  it('writes a self-contained, printable HTML report with -o', () => {
    const { status, stderr } = runCli(['report', 'examples', '--today', TODAY, '--format', 'html', '-o', 'out/report.html'], folder);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const html = readFileSync(join(folder, 'out', 'report.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<svg class="chart" role="img" aria-label="Coverage per clause"/);
    assert.equal((html.match(/<rect [^>]*fill="#2e7d32"/g) ?? []).length >= 7, true, 'one evidenced bar per clause');
    assert.match(html, /@media print/);
    // No network resources: the only URL is the SVG namespace, which is never fetched.
    assert.deepEqual([...new Set(html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])], ['http://www.w3.org/2000/svg']);
    assert.doesNotMatch(html, /<script|<link|<img|@import|url\(/i);
    assert.match(html, /<h2>Register of documented information \(7\.5\.4\)<\/h2>/);
  });

  it('shows gaps, partial evidence and document control findings', () => {
    const broken = join(folder, 'broken');
    cpSync(join(folder, 'examples'), broken, { recursive: true });
    rmSync(join(broken, 'processes', 'problem-management.yaml'));
    const policy = join(broken, 'policies', 'change-management-policy.yaml');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('status: approved', 'status: draft'));
    const markdown = runCli(['report', 'broken', '--today', TODAY], folder);
    assert.equal(markdown.status, 0);
    assert.match(markdown.stdout, /^#### 8\.6\.3 Problem management: ❌ gap$/m);
    assert.match(markdown.stdout, /\| \*\*8\.6\.3-a\*\* Record and classify every problem\. \| ❌ gap \| — \|/);
    assert.match(markdown.stdout, /\| POL-CHANGE \| Policy \| [^\n]*\| draft \|[^\n]*SMS404: POL-CHANGE is draft but claims 7 requirement\(s\) as evidence/);
    const html = runCli(['report', 'broken', '--today', TODAY, '--format', 'html'], folder);
    assert.equal(html.status, 0);
    assert.match(html.stdout, /<h3 id="sub-8\.6\.3">8\.6\.3 Problem management <span class="badge missing">gap<\/span><\/h3>/);
    assert.match(html.stdout, /<div class="flag">SMS404: POL-CHANGE is draft/);
    assert.match(html.stdout, /<rect [^>]*fill="#c62828"><title>8: 13 gap<\/title>/);
  });

  it('lints in Korean with --locale ko', () => {
    const korean = join(folder, 'korean');
    cpSync(join(folder, 'examples'), korean, { recursive: true });
    const policy = join(korean, 'policies', 'change-management-policy.yaml');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('nextReview: 2027-05-08', 'nextReview: 2026-05-08'));
    const { status, stdout } = runCli(['korean', '--today', TODAY, '--locale', 'ko', '--no-color'], folder);
    assert.equal(status, 0);
    assert.match(stdout, /warning {2}POL-CHANGE의 검토 예정일은 2026-05-08였으며 203일 지났습니다 \(7\.5\.3\)\. {2}SMS403/);
  });

  it('rejects an unknown report format with exit code 2', () => {
    const { status, stderr } = runCli(['report', 'examples', '--format', 'pdf'], folder);
    assert.equal(status, 2);
    assert.match(stderr, /unknown report format "pdf"; use one of markdown, html/);
  });
});
