// `sms/conformityReport` and `sms/serverInfo` over stdio: the language server answers with the same
// conformity report as `sms-lint report` for the same folder and date (one implementation in
// server/src/engine/report), and with the editor's unsaved text where a document is open.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TODAY } from '../support/engine';
import { LspClient } from '../support/lsp';
import type { ConformityReportResult, ServerInfo } from '../../server/src/shared/protocol';

function cliReport(folder: string, args: readonly string[]): string {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'report', '--today', TODAY, ...args], { cwd: folder, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('sms/conformityReport over stdio', function () {
  this.timeout(90_000);
  let folder: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sms-lsp-report-'));
    cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
    // A baseline named by the config, so that the report is checked with config and baseline in force.
    writeFileSync(join(folder, '.smsrc.yaml'), 'baseline: .sms-baseline.yaml\n');
    writeFileSync(
      join(folder, '.sms-baseline.yaml'),
      'accepted:\n  - file: policies/release-policy.yaml\n    code: SMS104\n    justification: the status is being renamed in the next release of the policy template\n',
    );
    writeFileSync(join(folder, 'policies', 'release-policy.yaml'), readFileSync(join(folder, 'policies', 'release-policy.yaml'), 'utf8').replace('status: approved', 'status: aproved'));
    client = await LspClient.start(folder);
    await client.waitForIndexed();
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers the same markdown and HTML as `sms-lint report` for the same folder and date', async () => {
    for (const format of ['markdown', 'html'] as const) {
      const fromServer = await client.request<ConformityReportResult>('sms/conformityReport', { format, uri: client.uri(folder, '.') });
      const fromCli = cliReport(folder, ['--format', format]);
      assert.equal(fromServer.format, format);
      assert.equal(fromServer.hasManifest, true);
      assert.equal(fromServer.folderUri, `${client.uri(folder, '.').replace(/\/?$/, '/')}`);
      assert.equal(fromServer.text, fromCli, `the ${format} reports differ`);
    }
    const markdown = (await client.request<ConformityReportResult>('sms/conformityReport', { format: 'markdown' })).text;
    assert.match(markdown, /^# Conformity report: ISO\/IEC 20000-1:2018\n/);
    assert.match(markdown, /^### 8 Operation of the service management system \(100\.0 %\)$/m);
    // The baseline hides the planted SMS104: no open errors or warnings.
    assert.match(markdown, /\| Open findings \| 0 errors, 0 warnings \|/);
  });

  it('reports the editor\'s unsaved text of an open document', async () => {
    const file = 'processes/problem-management.yaml';
    const uri = client.uri(folder, file);
    const text = readFileSync(join(folder, file), 'utf8');
    assert.ok(text.includes('satisfies: ["8.6.3", "7.5.4-e"]'));
    client.open(uri, text.replace('satisfies: ["8.6.3", "7.5.4-e"]', 'satisfies: ["7.5.4-e"]'));
    const report = await client.request<ConformityReportResult>('sms/conformityReport', { format: 'markdown', uri });
    assert.match(report.text, /^#### 8\.6\.3 Problem management: ❌ gap$/m);
    // Closed without saving: the file on disk is the truth again (the server re-reads it asynchronously).
    client.close(uri);
    let again = '';
    for (let attempt = 0; attempt < 50 && !/^#### 8\.6\.3 Problem management: ✅ evidenced$/m.test(again); attempt++) {
      if (attempt > 0) await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
      again = (await client.request<ConformityReportResult>('sms/conformityReport', { format: 'markdown', uri })).text;
    }
    assert.match(again, /^#### 8\.6\.3 Problem management: ✅ evidenced$/m);
  });

  it('tells its process id in sms/serverInfo', async () => {
    const info = await client.request<ServerInfo>('sms/serverInfo', null);
    assert.equal(info.name, 'sms-language-server');
    assert.equal(info.pid, (client as unknown as { process: { pid: number } }).process.pid);
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    assert.ok(!Number.isNaN(Date.parse(info.startedAt)));
  });
});
