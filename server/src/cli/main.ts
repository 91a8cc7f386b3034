// sms-lint: the headless face of the engine for CI. Reads files and the config (the engine does
// no I/O), runs the engine, prints a report, and exits 0 (clean), 1 (findings over the
// threshold) or 2 (usage or internal error).
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { DocUri, Workspace } from '../engine';
import { entryMatches, parseBaseline, relativeToFolder } from '../engine/baseline';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { toPosix } from './files';
import { loadWorkspace } from './load';
import { buildReport, type LintReport } from './report';
import { colors } from './format/colors';
import { formatStylish } from './format/stylish';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatJunit } from './format/junit';
import { formatGithub } from './format/github';
import { formatMarkdown } from './format/markdown';
import { outputTextOf, pluralS, type OutputText } from './format/text';
import { runConformityReport } from './conformityCommand';
import { lintWithCache } from './cache';
import { isMainThread, workerData } from 'node:worker_threads';
import { runWorker, type WorkerInput } from './worker';

declare const __SMS_LINT_VERSION__: string;
const VERSION = typeof __SMS_LINT_VERSION__ === 'string' ? __SMS_LINT_VERSION__ : '0.0.0';

export function run(argv: readonly string[], cwd: string, stdout: (text: string) => void, stderr: (text: string) => void, isTty: boolean): number {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`sms-lint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.command === 'help') {
    stdout(`${HELP}\n`);
    return 0;
  }
  if (options.command === 'version') {
    stdout(`${VERSION}\n`);
    return 0;
  }
  try {
    if (options.command === 'report') return runConformityReport(options, cwd, options.today ?? localDate(new Date()), VERSION, stdout, stderr);
    if (options.cache) {
      const dated = { ...options, today: options.today ?? localDate(new Date()) };
      return lintWithCache(dated, cwd, isTty, stdout, stderr, (out, err) => lint(dated, cwd, out, err, isTty));
    }
    return lint(options, cwd, stdout, stderr, isTty);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`sms-lint: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr(`sms-lint: internal error: ${message.split('\n')[0]}${options.debug ? '' : ' (run with --debug for details)'}\n`);
    if (options.debug && error instanceof Error && error.stack) stderr(`${error.stack}\n`);
    return 2;
  }
}

function lint(options: CliOptions, cwd: string, stdout: (text: string) => void, stderr: (text: string) => void, isTty: boolean): number {
  const today = options.today ?? localDate(new Date());
  const { workspace, uris, configUri, baseline } = loadWorkspace(options, cwd, today, stderr, options.command !== 'baseline');
  if (options.command === 'baseline' && !baseline) throw new UsageError('no baseline: pass --baseline FILE or set `baseline:` in .smsrc.yaml');
  const config = workspace.config;
  workspace.update();
  if (options.command === 'baseline' && baseline) return pruneBaseline(workspace, baseline.uri, baseline.path, baseline.text, cwd, stdout);
  const t = outputTextOf(workspace);
  for (const ruleError of workspace.ruleErrors) stderr(`${t.format('cli.ruleFailed', 'sms-lint: rule {code} failed: {message}', { code: ruleError.code, message: options.debug ? ruleError.message : (ruleError.message.split('\n')[0] ?? '') })}\n`);

  const pathOf = (uri: DocUri): string => toPosix(relative(cwd, fileURLToPath(uri))) || '.';
  const smsFiles = uris.filter((uri) => workspace.isSmsFile(uri)).length;
  const report = buildReport({
    workspace,
    pathOf,
    absolutePathOf: (uri) => fileURLToPath(uri),
    uris: [...uris, ...(configUri ? [configUri] : []), ...(baseline ? [baseline.uri] : [])],
    quiet: options.quiet,
    toolName: 'sms-lint',
    toolVersion: VERSION,
    smsFiles,
    today,
  });
  const useColor = options.output === undefined && (options.color ?? (isTty && !process.env['NO_COLOR']));
  const text = render(options, report, useColor, pathToFileURL(cwd).href, t);
  if (options.output !== undefined) {
    const outputPath = resolve(cwd, options.output);
    mkdirSync(dirname(outputPath), { recursive: true });
    writeFileSync(outputPath, text);
  } else stdout(text);

  const minCoverage = options.minCoverage ?? config.minCoverage;
  if (report.counts.error > 0) return 1;
  if (options.maxWarnings !== undefined && report.counts.warning > options.maxWarnings) {
    if (options.format === 'stylish' && options.output === undefined) stdout(`${t.format('cli.maxWarnings', 'sms-lint found too many warnings (maximum: {max}).', { max: options.maxWarnings })}\n`);
    return 1;
  }
  if (minCoverage !== undefined && smsFiles > 0 && (!report.hasManifest || report.coverage.percent < minCoverage)) {
    const line = report.hasManifest
      ? t.format('cli.minCoverage', 'sms-lint: coverage {percent} % is below the minimum of {min} %', { percent: report.coverage.percent.toFixed(1), min: minCoverage })
      : t.format('cli.minCoverageNoManifest', 'sms-lint: coverage cannot be computed (no manifest) is below the minimum of {min} %', { min: minCoverage });
    stderr(`${line}\n`);
    return 1;
  }
  return 0;
}

function render(options: CliOptions, report: LintReport, useColor: boolean, baseUri: string, t: OutputText): string {
  switch (options.format) {
    case 'json':
      return formatJson(report, t);
    case 'sarif':
      return formatSarif(report, baseUri);
    case 'junit':
      return formatJunit(report);
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(report, t);
    case 'stylish':
      return formatStylish(report, colors(useColor), t);
  }
}

/** `sms-lint baseline --update`: keeps the accepted findings that still match a finding; writes the file. */
function pruneBaseline(workspace: Workspace, baselineUri: DocUri, baselinePath: string, text: string, cwd: string, stdout: (text: string) => void): number {
  const baseline = parseBaseline(text);
  const folderUri = baselineUri.slice(0, baselineUri.lastIndexOf('/') + 1);
  const findings = [...workspace.allFindings().entries()].flatMap(([uri, list]) => list.map((finding) => ({ finding, path: relativeToFolder(folderUri, uri) })));
  const stale = baseline.entries.filter((entry) => !findings.some(({ finding, path }) => path !== undefined && entryMatches(entry, finding, path)));
  if (stale.length > 0) {
    // Remove the stale items from the text (last first), keeping every other line and comment.
    let next = text;
    for (const entry of [...stale].sort((a, b) => b.span.start - a.span.start)) {
      const lineStart = next.lastIndexOf('\n', entry.span.start - 1) + 1;
      let end = entry.span.end;
      while (end < next.length && next[end] !== '\n') end++;
      next = next.slice(0, lineStart) + next.slice(Math.min(next.length, end + 1));
    }
    writeFileSync(baselinePath, next);
  }
  const summary = outputTextOf(workspace).format('cli.baselinePruned', `sms-lint: {path}: {stale} of {total} accepted finding${pluralS(baseline.entries.length)} no longer matched and ${stale.length === 1 ? 'was' : 'were'} removed.`, {
    path: relative(cwd, baselinePath) || baselinePath,
    stale: stale.length,
    total: baseline.entries.length,
  });
  stdout(`${summary}\n`);
  return 0;
}

function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.smsLintWorker === true) {
  // This bundle is also the script of the analysis workers (cli/parallel.ts).
  runWorker(workerData as WorkerInput);
} else if (require.main === module) {
  const exitCode = run(process.argv.slice(2), process.cwd(), (text) => process.stdout.write(text), (text) => process.stderr.write(text), Boolean(process.stdout.isTTY));
  process.exitCode = exitCode;
}
