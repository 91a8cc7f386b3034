// ESLint-like human output: findings grouped by file, a summary, then coverage per clause.
import type { LintReport } from '../report';
import type { Colors } from './colors';
import { ENGLISH, displayWidth, padEndColumns, pluralS, type OutputText } from './text';

export function formatStylish(report: LintReport, c: Colors, t: OutputText = ENGLISH): string {
  const out: string[] = [];
  // Messages are in the run's locale already; severities stay `error`/`warning` in every locale (as in
  // the JSON, SARIF and GitHub formats), so that logs can be searched for them.
  for (const file of report.files) {
    out.push('', c.underline(file.path));
    const width = Math.max(...file.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const finding of file.findings) {
      const position = `${finding.line}:${finding.column}`.padEnd(width);
      const severity = finding.severity === 'error' ? c.red('error  ') : finding.severity === 'warning' ? c.yellow('warning') : c.blue(finding.severity.padEnd(7));
      const [first = '', ...rest] = finding.message.split('\n');
      out.push(`  ${c.dim(position)}  ${severity}  ${first}  ${c.dim(finding.code)}`);
      for (const line of rest) out.push(`  ${' '.repeat(width)}           ${c.dim(line.trim())}`);
    }
  }
  const { error, warning, info, hint } = report.counts;
  const total = error + warning + info + hint;
  out.push('');
  const files = report.smsFiles;
  if (total === 0) {
    out.push(c.green(t.format('cli.noProblems', `✔ No problems in {files} SMS file${pluralS(files)}`, { files })) + c.dim(t.format('cli.filesChecked', ` ({checked} YAML file${pluralS(report.filesChecked)} checked)`, { checked: report.filesChecked })));
  } else {
    const parts = [t.format('cli.errors', `{count} error${pluralS(error)}`, { count: error }), t.format('cli.warnings', `{count} warning${pluralS(warning)}`, { count: warning })];
    if (info > 0) parts.push(t.format('cli.infos', '{count} info', { count: info }));
    if (hint > 0) parts.push(t.format('cli.hints', `{count} hint${pluralS(hint)}`, { count: hint }));
    const line = t.format('cli.problems', `✖ {total} problem${pluralS(total)} ({parts}) in {files} SMS file${pluralS(files)}`, { total, parts: parts.join(', '), files });
    out.push(error > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
    if (report.fixableCount > 0) out.push(c.dim(t.format('cli.fixable', '  {count} of them can be fixed with a quick-fix in the editor.', { count: report.fixableCount })));
  }
  out.push('', ...formatCoverageSummary(report, c, t));
  return `${out.join('\n')}\n`;
}

export function formatCoverageSummary(report: LintReport, c: Colors, t: OutputText = ENGLISH): string[] {
  if (report.smsFiles === 0) return [];
  if (!report.hasManifest) return [c.dim(t.format('cli.noManifest', 'Coverage: no ServiceManagementSystem manifest in these files, so clause coverage is not computed.'))];
  const coverage = report.coverage;
  const covered = coverage.counts.evidenced + coverage.counts.operated;
  const out: string[] = [c.bold(t.format('cli.coverage', '{standard} coverage: {covered}/{total} requirements evidenced ({percent} %)', { standard: coverage.standardId, covered, total: coverage.counts.total, percent: coverage.percent.toFixed(1) }))];
  const titleOf = (clause: { id: string; title: string }): string => t.catalogue?.title(clause.id) ?? clause.title;
  const titleWidth = Math.max(...coverage.clauses.map((clause) => displayWidth(titleOf(clause)))) + 2;
  for (const clause of coverage.clauses) {
    const clauseCovered = clause.counts.evidenced + clause.counts.operated;
    const percent = clause.counts.total === 0 ? 100 : Math.floor((clauseCovered / clause.counts.total) * 1000) / 10;
    const ratio = `${clauseCovered}/${clause.counts.total}`.padStart(7);
    const bar = bars(percent);
    const colour = percent === 100 ? c.green : percent >= 50 ? c.yellow : c.red;
    const extra = [
      clause.counts.partial > 0 ? t.format('cli.partial', '{count} partial', { count: clause.counts.partial }) : '',
      clause.counts.operated > 0 ? t.format('cli.operated', '{count} operated by others', { count: clause.counts.operated }) : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(`  ${clause.id.padStart(2)}  ${padEndColumns(titleOf(clause), titleWidth)}${ratio}  ${colour(`${percent.toFixed(1).padStart(5)} %`)}  ${colour(bar)}${extra ? c.dim(`  ${extra}`) : ''}`);
  }
  return out;
}

function bars(percent: number): string {
  const filled = Math.round(percent / 10);
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}
