// Machine-readable output, stable within v1: every finding, and the full coverage (every
// requirement with its status and evidence locations).
import type { LintReport } from '../report';
import { ENGLISH, type OutputText } from './text';

export function toJson(report: LintReport, t: OutputText = ENGLISH): unknown {
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
    coverage: report.hasManifest ? coverageJson(report, t) : null,
  };
}

/**
 * Ids, titles and texts stay English (stable for tools); in another locale, `locale` and the localized
 * `localTitle` / `localText` are added next to them.
 */
export function coverageJson(report: LintReport, t: OutputText = ENGLISH): unknown {
  const coverage = report.coverage;
  const local = t.catalogue;
  return {
    ...(local ? { locale: local.locale } : {}),
    standard: coverage.standardId,
    percent: coverage.percent,
    counts: coverage.counts,
    clauses: coverage.clauses.map((clause) => ({
      id: clause.id,
      title: clause.title,
      ...(local ? { localTitle: local.title(clause.id) ?? clause.title } : {}),
      counts: clause.counts,
      subclauses: clause.subclauses.map((subclause) => ({
        id: subclause.subclause.id,
        title: subclause.subclause.title,
        ...(local ? { localTitle: local.title(subclause.subclause.id) ?? subclause.subclause.title } : {}),
        status: subclause.status,
        confidence: subclause.subclause.confidence,
        counts: subclause.counts,
        requirements: subclause.requirements.map((requirement) => ({
          id: requirement.requirement.id,
          text: requirement.requirement.text,
          ...(local ? { localText: local.requirement(requirement.requirement) } : {}),
          status: requirement.status,
          documentedInformation: requirement.requirement.documentedInformation,
          confidence: requirement.requirement.confidence,
          evidence: report.evidenceOf(requirement.requirement.id),
        })),
      })),
    })),
  };
}

export function formatJson(report: LintReport, t: OutputText = ENGLISH): string {
  return `${JSON.stringify(toJson(report, t), null, 2)}\n`;
}
