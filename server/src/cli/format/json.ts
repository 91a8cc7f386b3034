// Machine-readable output, stable within v1: every finding, and the full coverage (every
// requirement with its status and evidence locations).
import type { LintReport } from '../report';

export function toJson(report: LintReport): unknown {
  return {
    tool: { name: report.toolName, version: report.toolVersion },
    formatVersion: 1,
    today: report.today,
    summary: {
      filesChecked: report.filesChecked,
      smsFiles: report.smsFiles,
      errors: report.counts.error,
      warnings: report.counts.warning,
      infos: report.counts.info,
      hints: report.counts.hint,
      fixable: report.fixableCount,
    },
    results: report.files.map((file) => ({
      path: file.path,
      findings: file.findings.map((finding) => ({
        code: finding.code,
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        fixable: finding.fixable,
        ...(finding.clauseId ? { clause: finding.clauseId } : {}),
        ...(finding.requirementIds.length > 0 ? { requirements: finding.requirementIds } : {}),
        ...(finding.suggestions.length > 0 ? { suggestions: finding.suggestions } : {}),
        ...(finding.related.length > 0 ? { related: finding.related } : {}),
      })),
    })),
    coverage: report.hasManifest ? coverageJson(report) : null,
  };
}

export function coverageJson(report: LintReport): unknown {
  const coverage = report.coverage;
  return {
    standard: coverage.standardId,
    percent: coverage.percent,
    counts: coverage.counts,
    clauses: coverage.clauses.map((clause) => ({
      id: clause.id,
      title: clause.title,
      counts: clause.counts,
      subclauses: clause.subclauses.map((subclause) => ({
        id: subclause.subclause.id,
        title: subclause.subclause.title,
        status: subclause.status,
        confidence: subclause.subclause.confidence,
        counts: subclause.counts,
        requirements: subclause.requirements.map((requirement) => ({
          id: requirement.requirement.id,
          text: requirement.requirement.text,
          status: requirement.status,
          documentedInformation: requirement.requirement.documentedInformation,
          confidence: requirement.requirement.confidence,
          evidence: report.evidenceOf(requirement.requirement.id),
        })),
      })),
    })),
  };
}

export function formatJson(report: LintReport): string {
  return `${JSON.stringify(toJson(report), null, 2)}\n`;
}
