// Handlers for the editor features. Each: find the project and document, call one engine
// function, convert the result. Requests on a stale version answer with nothing rather than
// with positions computed for another text.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { DocUri, LineIndex } from '../engine';
import { complete, type CompletionKind } from '../engine/features/completion';
import { hover } from '../engine/features/hover';
import { definitionsOf, prepareRename, referencesOf, rename } from '../engine/features/navigation';
import { documentSymbols, type DocumentSymbolEntry, type SymbolKind as EngineSymbolKind } from '../engine/features/symbols';
import { codeLenses } from '../engine/features/codeLens';
import { toRange } from './convert';
import type { Project } from './projects';

export interface FeatureContext {
  readonly projectFor: (uri: string) => Project;
  readonly canonicalUri: (uri: string) => DocUri;
  readonly clientUriOf: (uri: DocUri) => string;
  readonly isCurrent: (project: Project, uri: DocUri, clientUri: string) => boolean;
  readonly ensureUpdated: (project: Project) => void;
  readonly clientVersionOf: (uri: DocUri) => number | null;
}

const COMPLETION_KIND: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  clause: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
  document: CompletionItemKind.File,
};

const SYMBOL_KIND: Readonly<Record<EngineSymbolKind, SymbolKind>> = {
  document: SymbolKind.File,
  section: SymbolKind.Namespace,
  entity: SymbolKind.Object,
  property: SymbolKind.Property,
  list: SymbolKind.Array,
};

export function registerFeatureHandlers(connection: Connection, context: FeatureContext): void {
  /** The project, canonical URI and line index of a request's document, if it is current. */
  const resolve = (clientUri: string): { project: Project; uri: DocUri; lines: LineIndex } | undefined => {
    const uri = context.canonicalUri(clientUri);
    const project = context.projectFor(clientUri);
    if (!project.workspace.hasFile(uri) || !context.isCurrent(project, uri, clientUri)) return undefined;
    context.ensureUpdated(project);
    const lines = project.workspace.lines(uri);
    return lines ? { project, uri, lines } : undefined;
  };

  connection.onCompletion((params) => {
    const target = resolve(params.textDocument.uri);
    if (!target) return [];
    const offset = target.lines.offsetAt(params.position);
    return complete(target.project.workspace, target.uri, offset).map(
      (entry): CompletionItem => ({
        label: entry.label,
        kind: COMPLETION_KIND[entry.kind],
        ...(entry.detail ? { detail: entry.detail } : {}),
        ...(entry.documentation ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
        textEdit: { range: toRange(target.lines, entry.replace), newText: entry.insertText },
        insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        sortText: entry.sortText,
        ...(entry.filterText ? { filterText: entry.filterText } : {}),
      }),
    );
  });

  connection.onHover((params) => {
    const target = resolve(params.textDocument.uri);
    if (!target) return null;
    const result = hover(target.project.workspace, target.uri, target.lines.offsetAt(params.position));
    if (!result) return null;
    return { contents: { kind: MarkupKind.Markdown, value: rewriteLinks(result.contents, context.clientUriOf) }, range: toRange(target.lines, result.span) };
  });

  connection.onDefinition((params) => {
    const target = resolve(params.textDocument.uri);
    if (!target) return [];
    return definitionsOf(target.project.workspace, target.uri, target.lines.offsetAt(params.position)).flatMap((location) => {
      const lines = target.project.workspace.lines(location.uri);
      return lines ? [{ uri: context.clientUriOf(location.uri), range: toRange(lines, location.span) }] : [];
    });
  });

  connection.onReferences((params) => {
    const target = resolve(params.textDocument.uri);
    if (!target) return [];
    return referencesOf(target.project.workspace, target.uri, target.lines.offsetAt(params.position), params.context.includeDeclaration).flatMap((location) => {
      const lines = target.project.workspace.lines(location.uri);
      return lines ? [{ uri: context.clientUriOf(location.uri), range: toRange(lines, location.span) }] : [];
    });
  });

  connection.onPrepareRename((params) => {
    const target = resolve(params.textDocument.uri);
    if (!target) return null;
    const prepared = prepareRename(target.project.workspace, target.uri, target.lines.offsetAt(params.position));
    if (!prepared) throw new ResponseError(0, 'Only identifiers (of services, roles, documents, …) can be renamed.');
    return { range: toRange(target.lines, prepared.span), placeholder: prepared.placeholder };
  });

  connection.onRenameRequest((params): WorkspaceEdit | null => {
    const target = resolve(params.textDocument.uri);
    if (!target) return null;
    const result = rename(target.project.workspace, target.uri, target.lines.offsetAt(params.position), params.newName);
    if (!result.ok) throw new ResponseError(0, result.error);
    return {
      documentChanges: result.value.flatMap((documentEdits) => {
        const lines = target.project.workspace.lines(documentEdits.uri);
        if (!lines) return [];
        return [{ textDocument: { uri: context.clientUriOf(documentEdits.uri), version: context.clientVersionOf(documentEdits.uri) }, edits: documentEdits.edits.map((edit) => ({ range: toRange(lines, edit.span), newText: edit.newText })) }];
      }),
    };
  });

  connection.onDocumentSymbol((params) => {
    const target = resolve(params.textDocument.uri);
    if (!target) return [];
    const convert = (entry: DocumentSymbolEntry): DocumentSymbol => ({
      name: entry.name || ' ',
      ...(entry.detail ? { detail: entry.detail } : {}),
      kind: SYMBOL_KIND[entry.kind],
      range: toRange(target.lines, entry.span),
      selectionRange: toRange(target.lines, entry.selectionSpan),
      children: entry.children.map(convert),
    });
    return documentSymbols(target.project.workspace, target.uri).map(convert);
  });

  connection.onCodeLens((params) => {
    const target = resolve(params.textDocument.uri);
    if (!target) return [];
    return codeLenses(target.project.workspace, target.uri).map((lens) => ({
      range: toRange(target.lines, lens.span),
      command: { title: lens.title, command: 'sms.showCoverage', arguments: [lens.clauseRef] },
    }));
  });
}

/** Engine links use our canonical URIs; give the client back its own spelling. */
function rewriteLinks(markdown: string, clientUriOf: (uri: DocUri) => string): string {
  return markdown.replace(/\]\((file:[^)#]+)(#L\d+)?\)/g, (_whole, uri: string, anchor: string | undefined) => `](${clientUriOf(uri as DocUri)}${anchor ?? ''})`);
}
