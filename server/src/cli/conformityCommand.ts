// `sms-lint report [paths] [--format markdown|html] [-o FILE]`: reads the files like a lint run,
// builds the conformity report and writes it. Exit 0 when the report is written (findings do not
// fail it: the report shows them), 2 on usage errors.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliOptions } from './args';
import { toPosix } from './files';
import { loadWorkspace } from './load';
import { buildConformityReport, formatConformityHtml, formatConformityMarkdown } from '../engine/report';

export function runConformityReport(options: CliOptions, cwd: string, today: string, toolVersion: string, stdout: (text: string) => void, stderr: (text: string) => void): number {
  const { workspace, uris } = loadWorkspace(options, cwd, today, stderr, true);
  workspace.update();
  for (const ruleError of workspace.ruleErrors) stderr(`sms-lint: rule ${ruleError.code} failed: ${ruleError.message.split('\n')[0] ?? ''}\n`);
  const report = buildConformityReport({ workspace, uris, pathOf: (uri) => toPosix(relative(cwd, fileURLToPath(uri))) || '.', today, toolVersion });
  if (!report.hasManifest) stderr('sms-lint: no ServiceManagementSystem manifest found; the report has no organisation or scope\n');
  const text = options.reportFormat === 'html' ? formatConformityHtml(report) : formatConformityMarkdown(report);
  if (options.output === undefined) {
    stdout(text);
    return 0;
  }
  const outputPath = resolve(cwd, options.output);
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, text);
  return 0;
}
