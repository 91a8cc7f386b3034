// Untrusted workspaces: the engine, the CLI and the language server read YAML as data. Nothing
// reaches the network (a `$ref`/`$schema`/`$id` to http(s) in a document or the config is data, not
// a schema to fetch), nothing runs a process, and tags such as `!!js/function` stay inert. The CLI
// and the server are run with a preload that records every outbound connection, DNS look-up,
// HTTP request, fetch and child process.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TODAY } from '../support/engine';
import { LspClient } from '../support/lsp';
import { HEADER, assertSane, runEngine } from './support';

const PROBE = `
const fs = require('fs');
const log = process.env.SMS_PROBE_LOG;
const record = (what) => { try { fs.appendFileSync(log, what + '\\n'); } catch {} };
const wrap = (object, name, label) => {
  const original = object[name];
  if (typeof original !== 'function') return;
  object[name] = function (...args) { record(label + ' ' + String(args[0] && (args[0].href || args[0].host || args[0].path || args[0])).slice(0, 200)); return original.apply(this, args); };
};
const net = require('net');
wrap(net.Socket.prototype, 'connect', 'net.connect');
wrap(net, 'connect', 'net.connect');
wrap(net, 'createConnection', 'net.createConnection');
const dns = require('dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) wrap(dns, name, 'dns.' + name);
for (const name of ['request', 'get']) { wrap(require('http'), name, 'http.' + name); wrap(require('https'), name, 'https.' + name); }
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
const cp = require('child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap(cp, name, 'child_process.' + name);
`;

const REMOTE = [
  `${HEADER}kind: Policy`,
  'metadata:',
  '  id: POL-REMOTE',
  '  title: Remote references are data',
  '  owner: ROLE-SMS-MANAGER',
  '  version: "1"',
  '  status: draft',
  '  $ref: https://127.0.0.1:9/evil.schema.json',
  '  $schema: http://127.0.0.1:9/schema',
  'spec:',
  '  $id: http://127.0.0.1:9/id',
  '  $ref: "http://127.0.0.1:9/x#/definitions/y"',
  '  fn: !!js/function "function () { require(\'child_process\').execSync(\'touch /tmp/sms-pwned\'); }"',
  '  py: !!python/object/apply:os.system ["touch /tmp/sms-pwned"]',
  '  include: !include /etc/passwd',
  '',
].join('\n');

describe('hardening: untrusted workspaces', function () {
  this.timeout(120000);
  let work: string;
  let folder: string;
  let log: string;
  let preload: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'sms-hardening-security-'));
    folder = join(work, 'ws');
    cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
    writeFileSync(join(folder, 'policies', 'remote.yaml'), REMOTE);
    writeFileSync(join(folder, '.smsrc.yaml'), '$schema: https://127.0.0.1:9/config.schema.json\nextends: https://127.0.0.1:9/base.yaml\nplugins: ["./evil.js"]\n');
    writeFileSync(join(folder, 'evil.js'), "require('fs').writeFileSync(process.env.SMS_PROBE_LOG, 'evil.js ran\\n');\n");
    log = join(work, 'probe.log');
    preload = join(work, 'probe.cjs');
    writeFileSync(preload, PROBE);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const probeEnv = (): NodeJS.ProcessEnv => ({ NODE_OPTIONS: `--require ${preload}`, SMS_PROBE_LOG: log });
  const attempts = (): string => (existsSync(log) ? readFileSync(log, 'utf8') : '');

  it('the engine treats remote references and code tags as data', () => {
    const answer = runEngine([{ path: 'remote.yaml', text: REMOTE }], { config: '$schema: https://127.0.0.1:9/config.schema.json\n' });
    assertSane(answer, 'remote references');
    assert.ok(!existsSync('/tmp/sms-pwned'), 'a tag was executed');
  });

  it('the probe sees a connection when there is one (control)', () => {
    rmSync(log, { force: true });
    spawnSync(process.execPath, ['-e', "require('dns').lookup('localhost', () => {}); require('child_process').spawnSync(process.execPath, ['-v'])"], { env: { ...process.env, ...probeEnv() }, timeout: 20000 });
    assert.match(attempts(), /dns\.lookup/);
    assert.match(attempts(), /child_process\.spawnSync/);
  });

  it('the CLI opens no connection and runs no process', () => {
    rmSync(log, { force: true });
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), folder, '--format', 'json', '--today', TODAY], { cwd: work, encoding: 'utf8', env: { ...process.env, ...probeEnv() }, timeout: 60000 });
    assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
    const report = JSON.parse(result.stdout) as { results: { path: string; findings: { code: string }[] }[] };
    assert.ok(report.results.some((r) => r.path.endsWith('remote.yaml')), 'the remote-reference document was checked');
    assert.equal(attempts(), '', 'the CLI reached out');
    assert.ok(!existsSync('/tmp/sms-pwned'));
  });

  it('the language server opens no connection and runs no process', async () => {
    rmSync(log, { force: true });
    const client = await LspClient.start(folder, { env: probeEnv() });
    try {
      await client.waitForIndexed();
      const uri = client.uri(folder, 'policies/remote.yaml');
      client.open(uri, REMOTE);
      await client.waitFor(() => client.diagnostics.has(uri), 'diagnostics of the remote-reference document');
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 4 } });
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 11, character: 2 } });
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 15, character: 0 } }, context: { diagnostics: [] } });
    } finally {
      await client.stop();
    }
    assert.equal(attempts(), '', 'the language server reached out');
    assert.ok(!existsSync('/tmp/sms-pwned'));
  });

  it('the engine compiles no schema it did not bundle (no loadSchema, no remote $ref)', () => {
    const source = readFileSync(join(REPO_ROOT, 'server', 'src', 'engine', 'schema', 'schemaSet.ts'), 'utf8').replace(/\/\/.*$/gm, '');
    assert.ok(!/loadSchema/.test(source), 'the schema set has a loader');
    // Every $ref of the bundled schemas is local to the bundle.
    const schemaDir = join(REPO_ROOT, 'schemas');
    for (const name of readdirSync(schemaDir).filter((n) => n.endsWith('.json'))) {
      const path = join(schemaDir, name);
      const refs = [...readFileSync(path, 'utf8').matchAll(/"\$ref"\s*:\s*"([^"]+)"/g)].map((m) => m[1]!);
      for (const ref of refs) assert.ok(!/^[a-z]+:/i.test(ref) || ref.startsWith('https://schemas.sms-lint.dev/'), `${name}: $ref ${ref} points outside the bundle`);
    }
  });
});
