// The CLI's worker threads (cli/parallel.ts, cli/worker.ts): however many threads analyse the files,
// the output is the same, byte for byte, as on one thread.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TODAY } from '../support/engine';
import { DocUri } from '../../server/src/engine';
import { threadCount } from '../../server/src/cli/parallel';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function runCli(args: readonly string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, '--today', TODAY, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function assertSameOnThreads(args: readonly string[], cwd: string, threads: readonly number[]): { status: number; stdout: string } {
  const one = runCli([...args, '--threads', '1'], cwd);
  assert.ok(one.status === 0 || one.status === 1, one.stderr);
  for (const count of threads) {
    const many = runCli([...args, '--threads', String(count), '--debug'], cwd);
    assert.match(many.stderr, new RegExp(`analysed on ${count} threads`), `--threads ${count} did not use worker threads: ${many.stderr}`);
    assert.equal(many.status, one.status, `exit code with ${count} threads`);
    assert.equal(many.stdout, one.stdout, `output with ${count} threads differs from one thread`);
  }
  return one;
}

describe('sms-lint on several threads', function () {
  this.timeout(180000);

  it('prints the same report for the examples on 1, 2 and 4 threads (stylish and JSON)', () => {
    const stylish = assertSameOnThreads(['examples'], REPO_ROOT, [2, 4]);
    assert.match(stylish.stdout, /No problems/);
    const json = assertSameOnThreads(['examples', '--format', 'json'], REPO_ROOT, [3]);
    assert.equal(JSON.parse(json.stdout).summary.smsFiles, 72);
  });

  describe('on a copy with findings of every phase, a config and Korean messages', () => {
    let folder = '';
    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'sms-cli-threads-'));
      cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
      const edit = (file: string, from: string, to: string): void => {
        const path = join(folder, file);
        const text = readFileSync(path, 'utf8');
        const next = text.replace(from, to);
        assert.notEqual(next, text, `${file}: ${from}`);
        writeFileSync(path, next);
      };
      // A syntax error, an unknown property, a broken reference, an uncovered subclause.
      edit('processes/problem-management.yaml', 'satisfies: ["8.6.3", "7.5.4-e"]', 'satisfies: ["7.5.4-e"]');
      writeFileSync(join(folder, 'broken.yaml'), 'apiVersion: iso20000.sms/v1\nkind: Policy\nmetadata: {id: POL-BROKEN\n');
      writeFileSync(join(folder, 'not-sms.yaml'), 'just: some yaml\n');
      writeFileSync(
        join(folder, 'extra-policy.yaml'),
        'apiVersion: iso20000.sms/v1\nkind: Policy\nmetadata:\n  id: POL-EXTRA\n  title: Extra\n  colour: blue # sms-lint-disable-line SMS101 -- kept on purpose\n  owner: NOBODY\nspec:\n  statement: x\n',
      );
      writeFileSync(join(folder, '.smsrc.yaml'), 'locale: ko\nrules:\n  SMS401: off\n');
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('gives the same findings, exit code and coverage on 1 and 3 threads', () => {
      const result = assertSameOnThreads(['.', '--format', 'json'], folder, [3]);
      const report = JSON.parse(result.stdout) as { coverage: { locale?: string }; results: { path: string; findings: { code: string }[] }[] };
      const codes = new Set(report.results.flatMap((file) => file.findings.map((finding) => finding.code)));
      for (const code of ['SMS001', 'SMS301', 'SMS202']) assert.ok(codes.has(code), `${code} expected in ${[...codes].join(', ')}`);
      assert.ok(!codes.has('SMS401'), 'SMS401 is off in the config');
      assert.equal(report.coverage.locale, 'ko');
      assertSameOnThreads(['.'], folder, [2]);
    });
  });

  describe('on a generated workspace of 300 documents', () => {
    let folder = '';
    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'sms-cli-threads-gen-'));
      const generated = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bench-gen.mjs'), '--docs', '300', '--out', folder], { encoding: 'utf8' });
      assert.equal(generated.status, 0, generated.stderr);
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('reports exactly the planted errors, on one thread as on two', () => {
      const one = runCli(['.', '--format', 'json', '--threads', '1'], folder);
      const planted = JSON.parse(readFileSync(join(folder, 'bench-workspace.json'), 'utf8')) as { planted: unknown[] };
      const report = JSON.parse(one.stdout) as { summary: { errors: number; smsFiles: number } };
      assert.equal(report.summary.errors, planted.planted.length);
      assert.ok(report.summary.smsFiles >= 290, `${report.summary.smsFiles} SMS files`);
      assertSameOnThreads(['.'], folder, [2]);
      assertSameOnThreads(['.', '--format', 'json'], folder, [2]);
    });
  });

  describe('the automatic number of threads', () => {
    let folder = '';
    const sparse = (name: string, size: number): { path: string; uri: DocUri } => {
      const path = join(folder, name);
      writeFileSync(path, '');
      truncateSync(path, size);
      return { path, uri: DocUri(pathToFileURL(path).href) };
    };
    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'sms-cli-threads-count-'));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('is one below 16 MB or 32 files, else one per core up to one per 32 files and 8; --threads decides otherwise', () => {
      // Only sizes matter here: sparse files.
      const small = Array.from({ length: 40 }, (_, i) => sparse(`small-${i}.yaml`, 100 * 1024));
      const large = Array.from({ length: 40 }, (_, i) => sparse(`large-${i}.yaml`, 600 * 1024));
      assert.equal(threadCount(small, undefined), 1, '40 files, 4 MB');
      assert.equal(threadCount(large.slice(0, 20), undefined), 1, '20 files, 12 MB');
      assert.equal(threadCount(large, undefined), Math.min(availableParallelism(), 2), '40 files, 24 MB');
      assert.equal(threadCount([...large, ...large, ...large], undefined), Math.min(availableParallelism(), 4, 8), '120 files, 72 MB');
      assert.equal(threadCount(small, 3), 3);
      assert.equal(threadCount(large, 1), 1);
      assert.equal(threadCount(small.slice(0, 2), 6), 2, 'never more threads than files');
    });
  });
});
