// Markdown for a CI job summary ($GITHUB_STEP_SUMMARY): findings and a coverage matrix.
import type { LintReport } from '../report';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: LintReport): string {
  const out: string[] = ['# SMS lint report', ''];
  const { error, warning, info, hint } = report.counts;
  out.push(`**${report.smsFiles}** SMS files checked: **${error}** errors, **${warning}** warnings${info + hint > 0 ? `, ${info + hint} notes` : ''}.`, '');
  if (report.hasManifest) {
    const coverage = report.coverage;
    out.push(`## ${coverage.standardId} coverage: ${coverage.percent.toFixed(1)} %`, '');
    out.push('| Clause | Title | Evidenced | Partial | Missing | Coverage |', '|---|---|---:|---:|---:|---:|');
    for (const clause of coverage.clauses) {
      const covered = clause.counts.evidenced + clause.counts.operated;
      const percent = clause.counts.total === 0 ? 100 : (covered / clause.counts.total) * 100;
      out.push(`| ${clause.id} | ${cell(clause.title)} | ${covered}/${clause.counts.total} | ${clause.counts.partial} | ${clause.counts.missing} | ${percent.toFixed(1)} % |`);
    }
    out.push('', '<details><summary>Subclauses</summary>', '', '| Subclause | Title | Status | Evidenced | Evidence |', '|---|---|---|---:|---|');
    for (const clause of coverage.clauses) {
      for (const subclause of clause.subclauses) {
        const covered = subclause.counts.evidenced + subclause.counts.operated;
        const documents = [...new Set(subclause.requirements.flatMap((r) => r.evidence.map((e) => e.documentId ?? '?')))];
        const icon = subclause.status === 'evidenced' || subclause.status === 'operated' ? '✅' : subclause.status === 'partial' ? '🟡' : '❌';
        out.push(`| ${subclause.subclause.id} | ${cell(subclause.subclause.title)} | ${icon} ${subclause.status} | ${covered}/${subclause.counts.total} | ${cell(documents.join(', '))} |`);
      }
    }
    out.push('', '</details>', '');
  }
  if (report.files.length > 0) {
    out.push('## Findings', '', '| File | Line | Severity | Rule | Message |', '|---|---:|---|---|---|');
    for (const file of report.files) {
      for (const finding of file.findings) {
        out.push(`| ${cell(file.path)} | ${finding.line}:${finding.column} | ${finding.severity} | ${finding.code} | ${cell(finding.message.split('\n')[0] ?? '')} |`);
      }
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
