// The CLI's view of a lint run: findings with 1-based line:column, per file, plus coverage.
// Every output format is a function of this one value.
import type { CoverageReport, DocUri, Finding, Severity, Workspace } from '../engine';

export interface ReportedLocation {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ReportedFinding extends ReportedLocation {
  readonly code: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fixable: boolean;
  readonly requirementIds: readonly string[];
  readonly clauseId: string | undefined;
  readonly suggestions: readonly string[];
  readonly related: readonly (ReportedLocation & { readonly message: string })[];
}

export interface FileReport {
  readonly path: string;
  readonly absolutePath: string;
  readonly findings: readonly ReportedFinding[];
}

export interface EvidenceLocation extends ReportedLocation {
  readonly documentId: string | undefined;
  readonly documentKind: string | undefined;
  readonly status: 'evidenced' | 'operated' | 'partial';
  readonly missing: readonly string[];
  readonly operatedBy: string | undefined;
}

export interface LintReport {
  readonly toolName: string;
  readonly toolVersion: string;
  readonly files: readonly FileReport[];
  readonly filesChecked: number;
  readonly smsFiles: number;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly fixableCount: number;
  readonly coverage: CoverageReport;
  readonly hasManifest: boolean;
  /** Where a requirement's evidence (or partial claim) lives, for JSON/markdown/SARIF. */
  readonly evidenceOf: (requirementId: string) => readonly EvidenceLocation[];
  readonly today: string;
}

export interface ReportInputs {
  readonly workspace: Workspace;
  readonly pathOf: (uri: DocUri) => string;
  readonly absolutePathOf: (uri: DocUri) => string;
  readonly uris: readonly DocUri[];
  readonly quiet: boolean;
  readonly toolName: string;
  readonly toolVersion: string;
  readonly smsFiles: number;
  readonly today: string;
}

export function buildReport(inputs: ReportInputs): LintReport {
  const { workspace } = inputs;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixableCount = 0;
  const files: FileReport[] = [];
  // Every file's path is needed many times (sorting, every finding and every piece of evidence).
  const paths = new Map<DocUri, string>();
  const pathOf = (uri: DocUri): string => {
    let path = paths.get(uri);
    if (path === undefined) paths.set(uri, (path = inputs.pathOf(uri)));
    return path;
  };
  const locate = (uri: DocUri, span: { start: number; end: number }): ReportedLocation => {
    const lines = workspace.lines(uri);
    const start = lines?.positionAt(span.start) ?? { line: 0, character: 0 };
    const end = lines?.positionAt(span.end) ?? start;
    return { path: pathOf(uri), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const allFindings = workspace.allFindings();
  const uris = [...new Set([...inputs.uris, ...allFindings.keys()])].sort((a, b) => (pathOf(a) < pathOf(b) ? -1 : 1));
  for (const uri of uris) {
    const findings = (allFindings.get(uri) ?? []).filter((finding: Finding) => !inputs.quiet || finding.severity === 'error');
    if (findings.length === 0) continue;
    const reported = findings.map((finding): ReportedFinding => {
      counts[finding.severity]++;
      const fixable = finding.fixes.some((fix) => fix.isPreferred && fix.createFiles.length === 0);
      if (fixable) fixableCount++;
      return {
        ...locate(uri, finding.span),
        code: finding.code,
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        fixable,
        requirementIds: finding.data.requirementIds ?? [],
        clauseId: finding.data.clauseId,
        suggestions: finding.data.suggestions ?? [],
        related: finding.related.map((related) => ({ ...locate(related.uri, related.span), message: related.message })),
      };
    });
    files.push({ path: pathOf(uri), absolutePath: inputs.absolutePathOf(uri), findings: reported });
  }
  const coverage = workspace.coverageReport();
  const evidenceOf = (requirementId: string): EvidenceLocation[] => {
    const requirementCoverage = coverage.requirement(requirementId);
    if (!requirementCoverage) return [];
    return [...requirementCoverage.evidence, ...requirementCoverage.partial].map((contribution) => ({
      ...locate(contribution.uri, contribution.claimSpan),
      documentId: contribution.documentId,
      documentKind: contribution.documentKind,
      status: contribution.status,
      missing: contribution.missing,
      operatedBy: contribution.operatedBy,
    }));
  };
  const hasManifest = [...workspace.index.documentsOfKind('ServiceManagementSystem')].length > 0;
  return { toolName: inputs.toolName, toolVersion: inputs.toolVersion, files, filesChecked: inputs.uris.length, smsFiles: inputs.smsFiles, counts, fixableCount, coverage, hasManifest, evidenceOf, today: inputs.today };
}
