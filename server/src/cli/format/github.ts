// GitHub Actions workflow commands: annotations on the pull request's files.
import type { LintReport } from '../report';

const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: LintReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      const command = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
      const properties = [
        `file=${escapeProperty(file.path)}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endLine=${finding.endLine}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(`${finding.code} ${finding.rule}`)}`,
      ];
      out.push(`::${command} ${properties.join(',')}::${escapeData(finding.message)}`);
    }
  }
  const { error, warning } = report.counts;
  out.push(`sms-lint: ${error} error(s), ${warning} warning(s); coverage ${report.hasManifest ? `${report.coverage.percent.toFixed(1)} %` : 'not computed (no manifest)'}`);
  return `${out.join('\n')}\n`;
}
