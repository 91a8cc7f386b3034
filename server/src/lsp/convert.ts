// The only place that turns engine values into LSP values (and back).
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Position,
  type Range,
  type TextDocumentEdit,
  type CreateFile as LspCreateFile,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { posix } from 'node:path';
import type { DocUri, Finding, Fix, LineIndex, LinePositions, Severity, Span } from '../engine';

export const DIAGNOSTIC_SOURCE = 'sms';

export function toPosition(lines: LinePositions, offset: number): Position {
  return lines.positionAt(offset);
}

export function toRange(lines: LinePositions, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function toSpan(lines: LineIndex, range: Range): Span {
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to us in code-action requests. */
export interface DiagnosticData {
  readonly version: number;
  readonly start: number;
  readonly end: number;
}

export function toDiagnostic(finding: Finding, lines: LinePositions, linesOf: (uri: DocUri) => LinePositions | undefined, docsHref: (code: string) => string, version: number, clientUriOf: (uri: DocUri) => string): Diagnostic {
  const data: DiagnosticData = { version, start: finding.span.start, end: finding.span.end };
  return {
    range: toRange(lines, finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsHref(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(finding.severity === 'hint' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    relatedInformation: finding.related.flatMap((related) => {
      const relatedLines = linesOf(related.uri);
      return relatedLines ? [{ location: { uri: clientUriOf(related.uri), range: toRange(relatedLines, related.span) }, message: related.message }] : [];
    }),
    data,
  };
}

export interface EditContext {
  readonly linesOf: (uri: DocUri) => LineIndex | undefined;
  /** The version the client knows for an open document, or null for a closed one. */
  readonly clientVersionOf: (uri: DocUri) => number | null;
  readonly clientUriOf: (uri: DocUri) => string;
  readonly supportsCreate: boolean;
}

/** A fix as a WorkspaceEdit; undefined when the client cannot apply it (e.g. no file creation). */
export function toWorkspaceEdit(fix: Fix, context: EditContext): WorkspaceEdit | undefined {
  if (fix.createFiles.length > 0 && !context.supportsCreate) return undefined;
  const documentChanges: (TextDocumentEdit | LspCreateFile)[] = [];
  for (const createFile of fix.createFiles) {
    const uri = resolveRelative(createFile.relativeTo, createFile.relativePath);
    if (!uri) return undefined;
    documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: createFile.text }] });
  }
  for (const documentEdits of fix.documentEdits) {
    const lines = context.linesOf(documentEdits.uri);
    if (!lines) return undefined;
    documentChanges.push({
      textDocument: { uri: context.clientUriOf(documentEdits.uri), version: context.clientVersionOf(documentEdits.uri) },
      edits: documentEdits.edits.map((edit) => ({ range: toRange(lines, edit.span), newText: edit.newText })),
    });
  }
  return { documentChanges };
}

export function toCodeAction(fix: Fix, diagnostics: Diagnostic[], context: EditContext): CodeAction | undefined {
  const edit = toWorkspaceEdit(fix, context);
  if (!edit) return undefined;
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.isPreferred, edit };
}

/** `file:///a/b/sms.yaml` + `processes/x.yaml` → `file:///a/b/processes/x.yaml`; refuses to leave the folder upwards. */
export function resolveRelative(base: DocUri, relativePath: string): string | undefined {
  if (relativePath.startsWith('/') || relativePath.split('/').includes('..')) return undefined;
  try {
    const basePath = fileURLToPath(base);
    return pathToFileURL(posix.join(posix.dirname(basePath.split('\\').join('/')), relativePath)).href;
  } catch {
    return undefined;
  }
}
