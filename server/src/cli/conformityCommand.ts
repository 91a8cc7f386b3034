// `sms-lint report [paths] [--format markdown|html] [-o FILE]`: reads the files like a lint run,
// builds the conformity report and writes it. Exit 0 when the report is written (findings do not
// fail it: the report shows them), 2 on usage errors.
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAMES, DocUri, Workspace, defaultPack, isConfigFileName } from '../engine';
import { UsageError, type CliOptions } from './args';
import { findConfigFile, selectFiles, toPosix } from './files';
import { decodeText } from './decode';
import { buildConformityReport } from './conformity';
import { formatConformityMarkdown } from './conformityMarkdown';
import { formatConformityHtml } from './reportHtml';

export function runConformityReport(options: CliOptions, cwd: string, today: string, toolVersion: string, stdout: (text: string) => void, stderr: (text: string) => void): number {
  const firstTarget = resolve(cwd, options.patterns[0] ?? '.');
  const configPath = options.noConfig ? undefined : options.config !== undefined ? resolve(cwd, options.config) : findConfigFile(directoryOf(firstTarget), CONFIG_FILE_NAMES);
  const workspace = new Workspace({ pack: defaultPack(), today, ...(options.locale ? { locale: options.locale } : {}) });
  if (configPath !== undefined) {
    let configText: string;
    try {
      configText = decodeText(readFileSync(configPath));
    } catch {
      throw new UsageError(`cannot read the configuration file ${relative(cwd, configPath) || configPath}`);
    }
    workspace.setConfig({ uri: DocUri(pathToFileURL(configPath).href), version: 1, text: configText });
    if (options.locale) workspace.setLocale(options.locale);
  }
  const selection = selectFiles(options.patterns, cwd, workspace.config.ignore, configPath !== undefined ? dirname(configPath) : cwd);
  if (selection.unmatched.length > 0) throw new UsageError(`no files match ${selection.unmatched.map((p) => `"${p}"`).join(', ')}`);
  const uris: DocUri[] = [];
  for (const file of selection.files) {
    if (isConfigFileName(file)) continue;
    const uri = DocUri(pathToFileURL(file).href);
    try {
      workspace.setFile(uri, 1, decodeText(readFileSync(file)));
      uris.push(uri);
    } catch (error) {
      stderr(`sms-lint: cannot read ${relative(cwd, file)}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
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

function directoryOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}
