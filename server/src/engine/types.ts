// The engine's own vocabulary. Nothing here knows about LSP, VS Code, files or processes:
// adapters (server/src/lsp, server/src/cli) convert to and from these types at the edge.

/** An opaque key for a text the engine was given. The engine never turns it into a path. */
export type DocUri = string & { readonly __brand: 'DocUri' };
export const DocUri = (value: string): DocUri => value as DocUri;

/** A stable rule code such as `SMS101`. Codes are never renumbered or reused. */
export type RuleCode = string & { readonly __brand: 'RuleCode' };

/** A half-open range of UTF-16 offsets into a document's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** What the user configured for a rule: a severity, or `off`. */
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A new file a fix creates, named relative to an existing document (the engine does not know paths). */
export interface CreateFile {
  readonly relativeTo: DocUri;
  /** A POSIX relative path, e.g. `processes/incident-management.yaml`. */
  readonly relativePath: string;
  readonly text: string;
}

export interface DocumentEdits {
  readonly uri: DocUri;
  /** The document version the edits were computed for; adapters must refuse to apply them to another. */
  readonly version: number;
  readonly edits: readonly TextEdit[];
}

export interface Fix {
  /** A short imperative title, shown in the quick-fix menu. */
  readonly title: string;
  /** True when this is the one obvious fix for the finding (`isPreferred` in LSP). */
  readonly isPreferred: boolean;
  /** `unsafe` when applying the fix may change meaning in a way the user should review. */
  readonly safety: 'safe' | 'unsafe';
  readonly documentEdits: readonly DocumentEdits[];
  readonly createFiles: readonly CreateFile[];
}

export interface RelatedLocation {
  readonly uri: DocUri;
  readonly span: Span;
  readonly message: string;
}

/** Machine-readable facts about a finding, so that editors need not parse messages. */
export interface FindingData {
  /** Values a user probably meant (`did you mean`). */
  readonly suggestions?: readonly string[];
  /** Requirement ids concerned (coverage rules). */
  readonly requirementIds?: readonly string[];
  /** The subclause concerned (coverage rules). */
  readonly clauseId?: string;
  /** Field paths that are missing (partial coverage, missing properties). */
  readonly missing?: readonly string[];
}

export interface Finding {
  readonly uri: DocUri;
  readonly span: Span;
  readonly severity: Severity;
  readonly code: RuleCode;
  /** The rule's kebab-case name, e.g. `unknown-property`. */
  readonly rule: string;
  readonly message: string;
  readonly data: FindingData;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** Met by an LSP cancellation token or an AbortSignal wrapper. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}
export const NEVER_CANCELLED: Cancellation = { isCancellationRequested: false };

export type Result<T, E = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
