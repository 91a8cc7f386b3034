// ESLint-like human output: findings grouped by file, a summary, then coverage per clause.
import type { LintReport } from '../report';
import type { Colors } from './colors';

export function formatStylish(report: LintReport, c: Colors): string {
  const out: string[] = [];
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
  if (total === 0) {
    out.push(c.green(`✔ No problems in ${report.smsFiles} SMS file${report.smsFiles === 1 ? '' : 's'}`) + c.dim(` (${report.filesChecked} YAML file${report.filesChecked === 1 ? '' : 's'} checked)`));
  } else {
    const parts = [`${error} error${error === 1 ? '' : 's'}`, `${warning} warning${warning === 1 ? '' : 's'}`];
    if (info > 0) parts.push(`${info} info`);
    if (hint > 0) parts.push(`${hint} hint${hint === 1 ? '' : 's'}`);
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${report.smsFiles} SMS file${report.smsFiles === 1 ? '' : 's'}`;
    out.push(error > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
    if (report.fixableCount > 0) out.push(c.dim(`  ${report.fixableCount} of them can be fixed with a quick-fix in the editor.`));
  }
  out.push('', ...formatCoverageSummary(report, c));
  return `${out.join('\n')}\n`;
}

export function formatCoverageSummary(report: LintReport, c: Colors): string[] {
  if (report.smsFiles === 0) return [];
  if (!report.hasManifest) return [c.dim('Coverage: no ServiceManagementSystem manifest in these files, so clause coverage is not computed.')];
  const coverage = report.coverage;
  const covered = coverage.counts.evidenced + coverage.counts.operated;
  const out: string[] = [c.bold(`${coverage.standardId} coverage: ${covered}/${coverage.counts.total} requirements evidenced (${coverage.percent.toFixed(1)} %)`)];
  const titleWidth = Math.max(...coverage.clauses.map((clause) => clause.title.length)) + 2;
  for (const clause of coverage.clauses) {
    const clauseCovered = clause.counts.evidenced + clause.counts.operated;
    const percent = clause.counts.total === 0 ? 100 : Math.floor((clauseCovered / clause.counts.total) * 1000) / 10;
    const ratio = `${clauseCovered}/${clause.counts.total}`.padStart(7);
    const bar = bars(percent);
    const colour = percent === 100 ? c.green : percent >= 50 ? c.yellow : c.red;
    const extra = [clause.counts.partial > 0 ? `${clause.counts.partial} partial` : '', clause.counts.operated > 0 ? `${clause.counts.operated} operated by others` : ''].filter(Boolean).join(', ');
    out.push(`  ${clause.id.padStart(2)}  ${clause.title.padEnd(titleWidth)}${ratio}  ${colour(`${percent.toFixed(1).padStart(5)} %`)}  ${colour(bar)}${extra ? c.dim(`  ${extra}`) : ''}`);
  }
  return out;
}

function bars(percent: number): string {
  const filled = Math.round(percent / 10);
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}
