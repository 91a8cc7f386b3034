// Editor and CI agree: on a copy of examples/ with planted errors, the language server publishes
// exactly the findings the CLI reports (code, file, line, column), without any file being opened.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, TODAY } from '../support/engine';
import { LspClient } from '../support/lsp';

describe('language server and CLI report the same findings', function () {
  this.timeout(90000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sms-parity-'));
    cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
    const plant = (file: string, from: string | RegExp, to: string): void => {
      const path = join(folder, file);
      const text = readFileSync(path, 'utf8');
      const next = text.replace(from, to);
      assert.notEqual(next, text, file);
      writeFileSync(path, next);
    };
    plant('slas/harbourside.yaml', /\n  status: approved\n/, '\n  status: approved\n  colour: blue\n'); // unknown key
    plant('policies/release-policy.yaml', 'status: approved', 'status: aproved'); // misspelled enum value
    plant('slas/brightwater.yaml', 'services: [SVC-ERP,', 'services: [SVC-EMAILS, SVC-ERP,'); // missing service
    plant('plans/capacity-plan.yaml', /\n  risks: \[RSK-012, RSK-004\]\n?$/, '\n  risks: [RSK-012, RSK-004\n'); // broken YAML
    cpSync(join(folder, 'policies', 'service-management-policy.yaml'), join(folder, 'policies', 'copy-of-policy.yaml')); // duplicated document
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('publishes what the CLI prints', async () => {
    const cli = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--today', TODAY, '-f', 'json', '.'], { cwd: folder, encoding: 'utf8' });
    assert.equal(cli.status, 1);
    const json = JSON.parse(cli.stdout) as { results: { path: string; findings: { code: string; line: number; column: number }[] }[] };
    const fromCli = json.results.flatMap((result) => result.findings.map((f) => `${result.path}:${f.line}:${f.column} ${f.code}`)).sort();
    assert.equal(fromCli.length, 5, fromCli.join('\n'));

    const client = await LspClient.start(folder);
    try {
      await client.waitForIndexed();
      await client.waitFor(() => [...client.diagnostics.values()].reduce((n, list) => n + list.length, 0) >= fromCli.length, `${fromCli.length} diagnostics`);
      const fromServer = [...client.diagnostics.entries()]
        .flatMap(([uri, list]) => list.map((d) => `${relative(folder, fileURLToPath(uri)).split('\\').join('/')}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`))
        .sort();
      assert.deepEqual(fromServer, fromCli);
    } finally {
      await client.stop();
    }
  });
});
