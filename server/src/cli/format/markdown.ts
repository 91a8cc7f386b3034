// Markdown for a CI job summary ($GITHUB_STEP_SUMMARY): findings and a coverage matrix.
import type { LintReport } from '../report';
import { ENGLISH, type OutputText } from './text';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: LintReport, t: OutputText = ENGLISH): string {
  const out: string[] = [t.format('cli.md.title', '# SMS lint report'), ''];
  const { error, warning, info, hint } = report.counts;
  const notes = info + hint > 0 ? t.format('cli.md.notes', ', {count} notes', { count: info + hint }) : '';
  out.push(t.format('cli.md.summary', '**{files}** SMS files checked: **{errors}** errors, **{warnings}** warnings{notes}.', { files: report.smsFiles, errors: error, warnings: warning, notes }), '');
  const titleOf = (id: string, title: string): string => t.catalogue?.title(id) ?? title;
  if (report.hasManifest) {
    const coverage = report.coverage;
    out.push(t.format('cli.md.coverage', '## {standard} coverage: {percent} %', { standard: coverage.standardId, percent: coverage.percent.toFixed(1) }), '');
    out.push(t.format('cli.md.clauseHeader', '| Clause | Title | Evidenced | Partial | Missing | Coverage |'), '|---|---|---:|---:|---:|---:|');
    for (const clause of coverage.clauses) {
      const covered = clause.counts.evidenced + clause.counts.operated;
      const percent = clause.counts.total === 0 ? 100 : (covered / clause.counts.total) * 100;
      out.push(`| ${clause.id} | ${cell(titleOf(clause.id, clause.title))} | ${covered}/${clause.counts.total} | ${clause.counts.partial} | ${clause.counts.missing} | ${percent.toFixed(1)} % |`);
    }
    out.push('', t.format('cli.md.subclauses', '<details><summary>Subclauses</summary>'), '', t.format('cli.md.subclauseHeader', '| Subclause | Title | Status | Evidenced | Evidence |'), '|---|---|---|---:|---|');
    for (const clause of coverage.clauses) {
      for (const subclause of clause.subclauses) {
        const covered = subclause.counts.evidenced + subclause.counts.operated;
        const documents = [...new Set(subclause.requirements.flatMap((r) => r.evidence.map((e) => e.documentId ?? '?')))];
        const icon = subclause.status === 'evidenced' || subclause.status === 'operated' ? '✅' : subclause.status === 'partial' ? '🟡' : '❌';
        out.push(`| ${subclause.subclause.id} | ${cell(titleOf(subclause.subclause.id, subclause.subclause.title))} | ${icon} ${t.format(`status.${subclause.status}`, subclause.status)} | ${covered}/${subclause.counts.total} | ${cell(documents.join(', '))} |`);
      }
    }
    out.push('', '</details>', '');
  }
  if (report.files.length > 0) {
    out.push(t.format('cli.md.findings', '## Findings'), '', t.format('cli.md.findingsHeader', '| File | Line | Severity | Rule | Message |'), '|---|---:|---|---|---|');
    for (const file of report.files) {
      for (const finding of file.findings) {
        out.push(`| ${cell(file.path)} | ${finding.line}:${finding.column} | ${finding.severity} | ${finding.code} | ${cell(finding.message.split('\n')[0] ?? '')} |`);
      }
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
