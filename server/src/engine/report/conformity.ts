// The conformity report for a certification body's documentation review (stage 1): clause →
// requirement → evidencing documents with their document control data → status, the register of
// documented information (7.5.4 a–l), and a summary. Built once from an updated workspace; the
// renderers (markdown.ts, html.ts) are functions of this value only. Pure, like the rest of the
// engine: the CLI (`sms-lint report`) and the language server (`sms/conformityReport`) pass in the
// date, the tool version and how a URI is shown as a path.
import type { DocUri, Finding } from '../types';
import type { Workspace } from '../workspace';
import type { Contribution, CoverageCounts, RequirementStatus } from '../coverage/coverage';

export interface ConformityDocument {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly version: string;
  readonly status: string;
  readonly owner: string;
  /** `ROLE-X (2026-05-12, v2.2)` or undefined when no approval is recorded. */
  readonly approval: { readonly by: string; readonly date: string; readonly version: string } | undefined;
  readonly lastReview: string | undefined;
  readonly nextReview: string | undefined;
  readonly path: string;
  readonly line: number;
  /** Open document-control findings (SMS4xx) of this document, as messages. */
  readonly controlFindings: readonly { readonly code: string; readonly message: string }[];
}

export interface ConformityEvidence {
  readonly document: ConformityDocument | undefined;
  readonly documentId: string;
  readonly status: 'evidenced' | 'operated' | 'partial';
  readonly claim: string;
  readonly missing: readonly string[];
  readonly operatedBy: string | undefined;
}

export interface ConformityRequirement {
  readonly id: string;
  readonly text: string;
  readonly status: RequirementStatus;
  readonly evidence: readonly ConformityEvidence[];
}

export interface ConformitySubclause {
  readonly id: string;
  readonly title: string;
  readonly status: RequirementStatus;
  readonly counts: CoverageCounts;
  readonly requirements: readonly ConformityRequirement[];
}

export interface ConformityClause {
  readonly id: string;
  readonly title: string;
  readonly counts: CoverageCounts;
  readonly percent: number;
  readonly subclauses: readonly ConformitySubclause[];
}

export interface RegisterItem {
  /** `a` … `l`. */
  readonly item: string;
  readonly requirementId: string;
  readonly text: string;
  readonly status: RequirementStatus;
  readonly documents: readonly ConformityEvidence[];
}

export interface ConformityReport {
  readonly standardId: string;
  readonly organisation: string | undefined;
  readonly scope: string | undefined;
  readonly edition: string | undefined;
  readonly today: string;
  readonly toolVersion: string;
  readonly hasManifest: boolean;
  readonly counts: CoverageCounts;
  readonly percent: number;
  readonly clauses: readonly ConformityClause[];
  readonly register: readonly RegisterItem[];
  readonly documents: readonly ConformityDocument[];
  readonly findingCounts: { readonly error: number; readonly warning: number; readonly other: number };
}

const REGISTER_SUBCLAUSE = '7.5.4';

export interface ConformityInputs {
  readonly workspace: Workspace;
  readonly uris: readonly DocUri[];
  readonly pathOf: (uri: DocUri) => string;
  readonly today: string;
  readonly toolVersion: string;
}

export function buildConformityReport(inputs: ConformityInputs): ConformityReport {
  const { workspace } = inputs;
  const documents = new Map<string, ConformityDocument>();
  let organisation: string | undefined;
  let scope: string | undefined;
  let edition: string | undefined;
  let hasManifest = false;
  const findingCounts = { error: 0, warning: 0, other: 0 };
  for (const uri of [...inputs.uris].sort((a, b) => (inputs.pathOf(a) < inputs.pathOf(b) ? -1 : 1))) {
    const parsed = workspace.parsed(uri);
    if (!parsed?.isSms) continue;
    const lines = workspace.lines(uri);
    const findings = workspace.findings(uri);
    for (const finding of findings) {
      if (finding.severity === 'error') findingCounts.error++;
      else if (finding.severity === 'warning') findingCounts.warning++;
      else findingCounts.other++;
    }
    for (const document of parsed.documents) {
      const metadata = objectAt(document.value, 'metadata');
      if (!metadata || document.id === undefined || documents.has(document.id)) continue;
      if (document.kind === 'ServiceManagementSystem' && !hasManifest) {
        hasManifest = true;
        const spec = objectAt(document.value, 'spec');
        organisation = text(objectAt(spec, 'organisation'), 'name');
        scope = text(objectAt(spec, 'scope'), 'statement');
        edition = text(objectAt(spec, 'standard'), 'edition');
      }
      const approval = objectAt(metadata, 'approval');
      const inDocument = (finding: Finding): boolean => finding.code.startsWith('SMS4') && finding.span.start >= document.span.start && finding.span.end <= document.span.end;
      documents.set(document.id, {
        id: document.id,
        kind: document.kind ?? '?',
        title: text(metadata, 'title') ?? '',
        version: text(metadata, 'version') ?? '',
        status: text(metadata, 'status') ?? '',
        owner: text(metadata, 'owner') ?? '',
        approval: approval ? { by: text(approval, 'approvedBy') ?? '?', date: text(approval, 'date') ?? '?', version: text(approval, 'version') ?? '?' } : undefined,
        lastReview: text(metadata, 'lastReview'),
        nextReview: text(metadata, 'nextReview'),
        path: inputs.pathOf(uri),
        line: (lines?.positionAt(document.span.start).line ?? 0) + 1,
        controlFindings: findings.filter(inDocument).map((finding) => ({ code: finding.code, message: finding.message })),
      });
    }
  }
  const evidenceOf = (contribution: Contribution): ConformityEvidence => ({
    document: contribution.documentId === undefined ? undefined : documents.get(contribution.documentId),
    documentId: contribution.documentId ?? '?',
    status: contribution.status,
    claim: contribution.claimRef,
    missing: contribution.missing,
    operatedBy: contribution.operatedBy,
  });
  const coverage = workspace.coverageReport();
  const clauses: ConformityClause[] = coverage.clauses.map((clause) => ({
    id: clause.id,
    title: clause.title,
    counts: clause.counts,
    percent: percentOf(clause.counts),
    subclauses: clause.subclauses.map((subclause) => ({
      id: subclause.subclause.id,
      title: subclause.subclause.title,
      status: subclause.status,
      counts: subclause.counts,
      requirements: subclause.requirements.map((requirement) => ({
        id: requirement.requirement.id,
        text: requirement.requirement.text,
        status: requirement.status,
        evidence: [...requirement.evidence, ...requirement.partial].map(evidenceOf),
      })),
    })),
  }));
  const registerSubclause = clauses.flatMap((clause) => clause.subclauses).find((subclause) => subclause.id === REGISTER_SUBCLAUSE);
  const register: RegisterItem[] = (registerSubclause?.requirements ?? []).map((requirement) => ({
    item: requirement.id.slice(REGISTER_SUBCLAUSE.length + 1),
    requirementId: requirement.id,
    text: requirement.text,
    status: requirement.status,
    documents: requirement.evidence,
  }));
  return {
    standardId: coverage.standardId,
    organisation,
    scope,
    edition,
    today: inputs.today,
    toolVersion: inputs.toolVersion,
    hasManifest,
    counts: coverage.counts,
    percent: coverage.percent,
    clauses,
    register,
    documents: [...documents.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    findingCounts,
  };
}

/** Covered (evidenced or operated) in percent, one decimal, as the engine's coverage report. */
export function percentOf(counts: CoverageCounts): number {
  if (counts.total === 0) return 100;
  return Math.floor(((counts.evidenced + counts.operated) / counts.total) * 1000) / 10;
}

export const STATUS_LABEL: Readonly<Record<RequirementStatus, string>> = {
  evidenced: 'evidenced',
  operated: 'operated by another party',
  partial: 'partial',
  missing: 'gap',
};

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objectAt(value: unknown, key: string): Readonly<Record<string, unknown>> | undefined {
  if (!isRecord(value)) return undefined;
  const child = value[key];
  return isRecord(child) ? child : undefined;
}

function text(value: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const field = value?.[key];
  return typeof field === 'string' ? field : typeof field === 'number' ? String(field) : undefined;
}
