// Go to definition, find references and rename, for every id across files: entities (services,
// roles, suppliers, targets…) and documents. prepareRename refuses anything that is not an id.
import type { DocUri, DocumentEdits, Result, Span } from '../types';
import type { Workspace } from '../workspace';
import type { EntityDefinition, EntityReference } from '../index/facts';

export interface EntityAtOffset {
  readonly type: string;
  readonly id: string;
  readonly span: Span;
  readonly role: 'definition' | 'reference';
}

export interface Location {
  readonly uri: DocUri;
  readonly span: Span;
}

export function entityAt(workspace: Workspace, uri: DocUri, offset: number): EntityAtOffset | undefined {
  workspace.parsed(uri);
  const facts = workspace.index.facts(uri);
  if (!facts) return undefined;
  const within = (span: Span): boolean => offset >= span.start && offset <= span.end;
  const definition = facts.definitions.find((d) => within(d.span));
  if (definition) return { type: definition.type, id: definition.id, span: definition.span, role: 'definition' };
  const reference = facts.references.find((r) => within(r.span));
  if (reference) return { type: reference.type, id: reference.id, span: reference.span, role: 'reference' };
  return undefined;
}

export function definitionsOf(workspace: Workspace, uri: DocUri, offset: number): Location[] {
  const entity = entityAt(workspace, uri, offset);
  if (!entity) return [];
  return workspace.index.definitions(entity.type, entity.id).map((d) => ({ uri: d.uri, span: d.span }));
}

export function referencesOf(workspace: Workspace, uri: DocUri, offset: number, includeDeclaration: boolean): Location[] {
  const entity = entityAt(workspace, uri, offset);
  if (!entity) return [];
  const out: Location[] = [];
  if (includeDeclaration) for (const d of workspace.index.definitions(entity.type, entity.id)) out.push({ uri: d.uri, span: d.span });
  for (const reference of referencesTo(workspace, entity.type, entity.id)) out.push({ uri: reference.uri, span: reference.span });
  return out;
}

function referencesTo(workspace: Workspace, type: string, id: string): EntityReference[] {
  const out: EntityReference[] = [];
  for (const uri of workspace.index.referencingFiles(type, id)) {
    for (const reference of workspace.index.facts(uri)?.references ?? []) if (reference.type === type && reference.id === id) out.push(reference);
  }
  return out.sort((a, b) => (a.uri === b.uri ? a.span.start - b.span.start : a.uri < b.uri ? -1 : 1));
}

/** The id under the cursor (without quotes) and its text, or undefined: only ids can be renamed. */
export function prepareRename(workspace: Workspace, uri: DocUri, offset: number): { span: Span; placeholder: string } | undefined {
  const entity = entityAt(workspace, uri, offset);
  const text = workspace.text(uri);
  if (!entity || text === undefined) return undefined;
  return { span: innerSpan(text, entity.span), placeholder: entity.id };
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*([-_.][A-Za-z0-9]+)*$/;

export function rename(workspace: Workspace, uri: DocUri, offset: number, newName: string): Result<DocumentEdits[]> {
  const entity = entityAt(workspace, uri, offset);
  if (!entity) return { ok: false, error: workspace.formatMessage('ui.renameNotId', 'Only identifiers (of services, roles, documents, …) can be renamed.') };
  if (!IDENTIFIER.test(newName)) return { ok: false, error: workspace.formatMessage('ui.renameInvalid', '"{name}" is not a valid identifier: use letters, digits and - _ . , starting with a letter.', { name: newName }) };
  if (newName !== entity.id && workspace.index.definitions(entity.type, newName).length > 0) {
    return { ok: false, error: workspace.formatMessage('ui.renameExists', '{name} is already defined; renaming would create a duplicate.', { name: newName }) };
  }
  const spans = new Map<DocUri, Span[]>();
  const add = (target: EntityDefinition | EntityReference): void => {
    const list = spans.get(target.uri) ?? [];
    list.push(target.span);
    spans.set(target.uri, list);
  };
  workspace.index.definitions(entity.type, entity.id).forEach(add);
  referencesTo(workspace, entity.type, entity.id).forEach(add);
  const out: DocumentEdits[] = [];
  for (const [target, list] of spans) {
    const text = workspace.text(target);
    if (text === undefined) continue;
    out.push({ uri: target, version: workspace.version(target) ?? 0, edits: list.sort((a, b) => a.start - b.start).map((span) => ({ span: innerSpan(text, span), newText: newName })) });
  }
  return { ok: true, value: out };
}

/** The span without surrounding quotes. */
function innerSpan(text: string, span: Span): Span {
  const first = text[span.start];
  if ((first === '"' || first === "'") && text[span.end - 1] === first && span.end - span.start >= 2) return { start: span.start + 1, end: span.end - 1 };
  return span;
}
