// Custom messages between the VS Code client and the language server, declared once.
// Methods are namespaced `sms/…`. Both sides import this file; it holds plain types only.

export type CoverageStatus = 'evidenced' | 'operated' | 'partial' | 'missing';

export interface CoverageCountsDto {
  readonly total: number;
  readonly evidenced: number;
  readonly operated: number;
  readonly partial: number;
  readonly missing: number;
}

export interface LocationDto {
  readonly uri: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
}

export interface EvidenceNode {
  readonly documentId: string | undefined;
  readonly documentKind: string | undefined;
  readonly documentTitle: string | undefined;
  readonly status: 'evidenced' | 'operated' | 'partial';
  readonly missing: readonly string[];
  readonly operatedBy: string | undefined;
  readonly location: LocationDto;
}

export interface RequirementNode {
  readonly id: string;
  readonly text: string;
  readonly status: CoverageStatus;
  readonly documentedInformation: string;
  readonly confidence: string;
  /**
   * How many documents evidence it (fully, as operated, or partly). The documents themselves come with
   * `sms/requirementEvidence` when the requirement is expanded: in a large workspace they were most of
   * the tree (22 MB for 10,000 documents, sent again on every refresh).
   */
  readonly evidenceCount: number;
}

export interface SubclauseNode {
  readonly kind: 'subclause';
  readonly id: string;
  readonly title: string;
  readonly status: CoverageStatus;
  readonly counts: CoverageCountsDto;
  readonly confidence: string;
  /** Whether a template exists to create a document for it. */
  readonly hasTemplate: boolean;
  readonly requirements: readonly RequirementNode[];
}

/** A clause (4–10) or an intermediate heading (8.6, 8.3.4) with what is under it. */
export interface HeadingNode {
  readonly kind: 'heading';
  readonly id: string;
  readonly title: string;
  readonly status: CoverageStatus;
  readonly counts: CoverageCountsDto;
  readonly children: readonly (HeadingNode | SubclauseNode)[];
}

export interface CoverageTree {
  readonly standard: string;
  /** The workspace folder this tree is for. */
  readonly folderUri: string | undefined;
  readonly hasManifest: boolean;
  readonly manifest: LocationDto | undefined;
  readonly counts: CoverageCountsDto;
  readonly percent: number;
  readonly clauses: readonly HeadingNode[];
}

export interface CoverageTreeParams {
  /** Restrict to one workspace folder; the first folder with a manifest when absent. */
  readonly folderUri?: string;
}

export const CoverageTreeRequest = 'sms/coverageTree';

/** The documents that evidence one requirement (the children of its node in the tree). */
export interface RequirementEvidenceParams {
  /** The workspace folder; the first folder with a manifest when absent. */
  readonly folderUri?: string;
  readonly requirementId: string;
}
/** Answered with `EvidenceNode[]`, or null when there is no such project or requirement. */
export const RequirementEvidenceRequest = 'sms/requirementEvidence';

/** Sent by the server whenever coverage or the finding counts change. */
export interface StatusParams {
  readonly folderUri: string | undefined;
  readonly percent: number | undefined;
  readonly covered: number;
  readonly total: number;
  readonly errors: number;
  readonly warnings: number;
  readonly smsFiles: number;
  readonly indexing: boolean;
}
export const StatusNotification = 'sms/status';

/** Asks the server for the WorkspaceEdit that creates the document for an uncovered subclause. */
export interface CreateDocumentParams {
  readonly folderUri?: string;
  readonly subclauseId: string;
}
export const CreateDocumentRequest = 'sms/createDocumentEdit';

/** Asks for the WorkspaceEdit that scaffolds a new SMS (manifest, config, starter documents) into a folder. */
export interface ScaffoldParams {
  readonly folderUri: string;
}
export const ScaffoldRequest = 'sms/scaffold';

/** Re-reads every file of every workspace folder from disk. */
export const RevalidateRequest = 'sms/revalidate';

/**
 * The conformity report of one project (workspace folder), as `sms-lint report` writes it: the same
 * model and renderers, the project's config and baseline, today's date, and the editor's unsaved
 * texts where documents are open.
 */
export interface ConformityReportParams {
  readonly format: 'html' | 'markdown';
  /** A file or folder of the project; the first folder with a manifest when absent. */
  readonly uri?: string;
}
export interface ConformityReportResult {
  readonly format: 'html' | 'markdown';
  readonly text: string;
  /** The workspace folder the report is for. */
  readonly folderUri: string | undefined;
  readonly hasManifest: boolean;
}
export const ConformityReportRequest = 'sms/conformityReport';

/** What the running server is: its process id (shown in the SMS output; crash tests kill it), version and start time. */
export interface ServerInfo {
  readonly name: string;
  readonly version: string;
  readonly pid: number;
  /** ISO 8601 time the process started. */
  readonly startedAt: string;
}
export const ServerInfoRequest = 'sms/serverInfo';

/** Settings under `sms.*`, pulled per resource by the server. */
export interface SmsSettings {
  readonly enable: boolean;
  /** Editor-only severity overrides by rule code or name. */
  readonly severity: Readonly<Record<string, string>>;
  /** Milliseconds to wait after the last keystroke before re-checking. */
  readonly debounce: number;
  readonly locale: string | undefined;
}

export const DEFAULT_SETTINGS: SmsSettings = { enable: true, severity: {}, debounce: 0, locale: undefined };

export function settingsFrom(value: unknown): SmsSettings {
  if (typeof value !== 'object' || value === null) return DEFAULT_SETTINGS;
  const record = value as Record<string, unknown>;
  const severity: Record<string, string> = {};
  const rawSeverity = record['severity'];
  if (typeof rawSeverity === 'object' && rawSeverity !== null) {
    for (const [key, setting] of Object.entries(rawSeverity as Record<string, unknown>)) if (typeof setting === 'string') severity[key] = setting;
  }
  const debounce = record['debounce'];
  const locale = record['locale'];
  return {
    enable: record['enable'] !== false,
    severity,
    debounce: typeof debounce === 'number' && debounce >= 0 && debounce <= 5000 ? debounce : DEFAULT_SETTINGS.debounce,
    locale: typeof locale === 'string' && locale !== '' ? locale : undefined,
  };
}
