// Hostile files through the CLI binary (node dist/cli.js): bytes the engine never sees as they
// are (invalid UTF-8, a BOM, binary, a 50 MB file), random byte mutations of the examples, and
// the promise that the CLI writes nothing but its `-o` file.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { REPO_ROOT, TODAY } from '../support/engine';
import { FUZZ_RUNS, FUZZ_SEED, HEADER, suiteTimeout } from './support';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function cli(args: readonly string[], cwd: string): CliRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args, '--today', TODAY, '--no-color'], { cwd, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

interface JsonReport {
  readonly results: { path: string; findings: { code: string; line: number; column: number; message: string }[] }[];
}

function findingsOf(run: CliRun): { path: string; code: string; line: number; column: number }[] {
  const report = JSON.parse(run.stdout) as JsonReport;
  return report.results.flatMap((result) => result.findings.map((finding) => ({ path: result.path, code: finding.code, line: finding.line, column: finding.column })));
}

/** Every file and folder under `root` with its size and a hash of its content. */
function treeSnapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      const stats = lstatSync(full);
      const key = relative(root, full);
      if (stats.isDirectory()) {
        out.set(`${key}/`, 'dir');
        walk(full);
      } else out.set(key, `${stats.size}:${createHash('sha256').update(readFileSync(full)).digest('hex')}:${stats.mtimeMs}`);
    }
  };
  walk(root);
  return out;
}

describe('hardening: hostile files through the CLI', function () {
  this.timeout(suiteTimeout(180000));
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'sms-hardening-cli-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('answers invalid UTF-8, a BOM, binary bytes and empty files without a crash, each with positions', () => {
    const folder = join(work, 'bytes');
    cpSync(join(REPO_ROOT, 'examples', 'sms.yaml'), join(folder, 'sms.yaml'));
    const policy = readFileSync(join(REPO_ROOT, 'examples', 'policies', 'service-management-policy.yaml'));
    writeFileSync(join(folder, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), policy]));
    writeFileSync(join(folder, 'crlf.yaml'), Buffer.from(policy.toString('utf8').replace(/\n/g, '\r\n')));
    writeFileSync(join(folder, 'invalid-utf8.yaml'), Buffer.concat([Buffer.from(HEADER), Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0x0a, 0xed, 0xa0, 0x80, 0x0a])]));
    const binary = Buffer.alloc(8192);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 2654435761) % 251;
    writeFileSync(join(folder, 'binary.yaml'), Buffer.concat([Buffer.from(HEADER), binary]));
    writeFileSync(join(folder, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(policy.toString('utf8'), 'utf16le')]));
    writeFileSync(join(folder, 'empty.yaml'), '');
    writeFileSync(join(folder, 'nul.yml'), Buffer.alloc(1000));
    const run = cli([folder, '--format', 'json'], work);
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.equal(run.stderr, '');
    const findings = findingsOf(run);
    const codesOf = (name: string): string[] => findings.filter((f) => f.path.endsWith(`/${name}`)).map((f) => f.code);
    assert.ok(!codesOf('bom.yaml').includes('SMS001'), `a BOM is not a syntax error: ${codesOf('bom.yaml')}`);
    assert.ok(!codesOf('crlf.yaml').includes('SMS001'), `CRLF is not a syntax error: ${codesOf('crlf.yaml')}`);
    assert.ok(codesOf('binary.yaml').length > 0, 'binary content is reported');
    for (const finding of findings) assert.ok(finding.line >= 1 && finding.column >= 1, `${finding.path}: ${finding.code} without a position`);
  });

  it('answers a 50 MB file with SMS006 quickly', () => {
    const folder = join(work, 'big');
    const chunk = `  - id: X\n    title: ${'y'.repeat(100)}\n`;
    const text = `${HEADER}kind: Register\nspec:\n  entries:\n${chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length))}`;
    cpSync(join(REPO_ROOT, 'examples', 'sms.yaml'), join(folder, 'sms.yaml'));
    writeFileSync(join(folder, 'big.yaml'), text);
    const run = cli([folder, '--format', 'json'], work);
    assert.ok(run.status === 1, `exit ${run.status}: ${run.stderr}`);
    const findings = findingsOf(run).filter((f) => f.path.endsWith('/big.yaml'));
    assert.deepEqual(findings.map((f) => f.code), ['SMS006']);
    // The whole run (start-up, reading 50 MB, the example manifest) stays within a few seconds.
    assert.ok(run.ms < 8000, `took ${run.ms.toFixed(0)} ms`);
    process.stdout.write(`      50 MB file: CLI answered in ${run.ms.toFixed(0)} ms (wall, including start-up)\n`);
    // And with a smaller configured limit a small file is refused too.
    writeFileSync(join(folder, '.smsrc.yaml'), 'limits:\n  maxFileSizeKB: 1\n');
    writeFileSync(join(folder, 'small.yaml'), `${HEADER}kind: Policy\n# ${'c'.repeat(2000)}\n`);
    const limited = cli([folder, '--format', 'json'], work);
    assert.ok(findingsOf(limited).some((f) => f.path.endsWith('/small.yaml') && f.code === 'SMS006'), limited.stdout.slice(0, 500));
  });

  it('never crashes on byte-mutated examples (property)', () => {
    const examples = ['sms.yaml', 'policies/service-management-policy.yaml', 'catalogue/service-catalogue.yaml', 'slas/brightwater.yaml'].map((path) => readFileSync(join(REPO_ROOT, 'examples', path)));
    const folder = join(work, 'mutated');
    let slowest = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ file: fc.nat({ max: examples.length - 1 }), at: fc.nat(), bytes: fc.uint8Array({ minLength: 0, maxLength: 8 }), cut: fc.nat({ max: 16 }) }), { minLength: 1, maxLength: 6 }), (mutations) => {
        rmSync(folder, { recursive: true, force: true });
        const files = examples.map((bytes) => Buffer.from(bytes));
        for (const m of mutations) {
          const source = files[m.file]!;
          const at = m.at % (source.length + 1);
          files[m.file] = Buffer.concat([source.subarray(0, at), Buffer.from(m.bytes), source.subarray(Math.min(source.length, at + m.cut))]);
        }
        files.forEach((bytes, index) => {
          const path = join(folder, `f${index}.yaml`);
          cpSync(join(REPO_ROOT, 'examples', 'sms.yaml'), path);
          writeFileSync(path, bytes);
        });
        const run = cli([folder, '--format', 'json'], work);
        slowest = Math.max(slowest, run.ms);
        assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
        assert.ok(!run.stderr.includes('internal error'), run.stderr);
        for (const finding of findingsOf(run)) assert.ok(finding.line >= 1 && finding.column >= 1);
      }),
      { numRuns: Math.max(3, Math.floor(FUZZ_RUNS / 12)), seed: FUZZ_SEED },
    );
    process.stdout.write(`      byte-mutated examples: slowest CLI run ${slowest.toFixed(0)} ms (wall, including start-up)\n`);
  });

  it('reads no file outside the folder through a symbolic link', () => {
    const outside = join(work, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.yaml'), `${HEADER}kind: Policy\nmetadata:\n  id: SECRET-TOKEN-0123\n  title: do not read\n`);
    const folder = join(work, 'linked');
    mkdirSync(join(folder, 'shared'), { recursive: true });
    cpSync(join(REPO_ROOT, 'examples', 'sms.yaml'), join(folder, 'sms.yaml'));
    writeFileSync(join(folder, 'shared', 'inside.yaml'), `${HEADER}kind: Policy\nmetadata:\n  id: INSIDE-DOC\n`);
    symlinkSync(join(outside, 'secret.yaml'), join(folder, 'leak.yaml'));
    symlinkSync(join(folder, 'shared', 'inside.yaml'), join(folder, 'alias.yaml'));
    symlinkSync(outside, join(folder, 'outside-folder'));
    const run = cli([folder, '--format', 'json'], work);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.ok(!run.stdout.includes('leak.yaml') && !run.stdout.includes('SECRET-TOKEN') && !run.stdout.includes('outside-folder'), 'a file outside the folder was read through a link');
    assert.ok(run.stdout.includes('alias.yaml'), 'a link to a file inside the folder is still read');
  });

  it('writes nothing but its -o file', () => {
    const folder = join(work, 'tree');
    cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
    writeFileSync(join(folder, '.smsrc.yaml'), 'coverage:\n  minimum: 50\n');
    writeFileSync(join(folder, 'planted.yaml'), `${HEADER}kind: Policy\nmetadata:\n  id: POL-PLANTED\n`);
    const before = treeSnapshot(folder);
    for (const format of ['stylish', 'json', 'junit']) {
      const run = cli([folder, '--format', format], work);
      assert.ok(run.status === 0 || run.status === 1, `${format}: exit ${run.status}: ${run.stderr}`);
      assert.deepEqual(treeSnapshot(folder), before, `${format}: the CLI changed the tree`);
    }
    const output = join(work, 'out', 'report.sarif');
    const run = cli([folder, '--format', 'sarif', '-o', output], work);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.deepEqual(treeSnapshot(folder), before, 'the CLI changed the tree with -o elsewhere');
    assert.ok(statSync(output).size > 0);
    assert.deepEqual(readdirSync(join(work, 'out')), ['report.sarif']);
  });
});
