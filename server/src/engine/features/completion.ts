// Completion: keys and enum values from the schemas (with their descriptions), ids of services,
// roles, suppliers and documents from the whole workspace where a reference is expected, clause
// and requirement ids where a claim is expected, skeletons for required blocks, and whole
// documents from the templates in an empty file. Works on half-typed YAML (see indentationContext).
import type { DocUri, Span } from '../types';
import type { Workspace } from '../workspace';
import type { SchemaNode } from '../schema/schemaTree';
import { schemaAt } from '../schema/schemaProblems';
import { SUPPORTED_API_VERSIONS } from '../parse/parseFile';
import { indentationContext } from './position';
import { skeletonFor } from '../rules/support';
import { renderYamlValue } from '../edits/yamlEdits';
import { DOCUMENT_ENTITY } from '../index/facts';

export type CompletionKind = 'property' | 'value' | 'enum' | 'reference' | 'clause' | 'snippet' | 'document';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string | undefined;
  /** Markdown. */
  readonly documentation: string | undefined;
  readonly insertText: string;
  /** Whether insertText uses snippet syntax (`${1:placeholder}`). */
  readonly isSnippet: boolean;
  /** The text the entry replaces (the partial word at the cursor). */
  readonly replace: Span;
  readonly sortText: string;
  readonly filterText: string | undefined;
}

export function complete(workspace: Workspace, uri: DocUri, offset: number): CompletionEntry[] {
  const lines = workspace.lines(uri);
  const text = workspace.text(uri);
  if (!lines || text === undefined) return [];
  const position = lines.positionAt(offset);
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const word = wordAround(lineText, position.character);
  const replace: Span = { start: lines.lineStart(position.line) + word.start, end: lines.lineStart(position.line) + word.end };
  const { firstLine, lastLine } = documentLines(lines.lineCount, (l) => lines.lineText(l), position.line);
  const lineTexts = (l: number): string => lines.lineText(l);
  const root = rootSchemaFor(workspace, lineTexts, firstLine, lastLine);

  // Inside a comment: nothing.
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return [];

  // `key: partial` — a value.
  const valueMatch = /^(\s*(?:-\s+)?)((?:"[^"]*"|'[^']*'|[^\s#:'"][^:#]*?))\s*:\s+(?![[{])(\S*)$/.exec(before);
  if (valueMatch) {
    const keyColumn = valueMatch[1]?.length ?? 0;
    const key = (valueMatch[2] ?? '').replace(/^["']|["']$/g, '');
    const context = indentationContext(lineTexts, position.line, keyColumn, firstLine, lastLine);
    const segments = [...context.segments, key];
    if (segments.length === 1 && key === 'kind') return kindValues(workspace, replace);
    if (segments.length === 1 && key === 'apiVersion') return SUPPORTED_API_VERSIONS.map((version) => entry(version, 'value', 'SMS document format', undefined, version, replace, '0'));
    const schema = root ? schemaAt(root, segments) : undefined;
    return schema ? valueEntries(workspace, schema, replace) : [];
  }

  // `key: [a, b, partial` — an item of a flow list.
  const flowMatch = /^(\s*(?:-\s+)?)((?:"[^"]*"|'[^']*'|[^\s#:'"][^:#]*?))\s*:\s*\[(?:[^\]]*,)?\s*["']?([^\s,\]"']*)$/.exec(before);
  if (flowMatch) {
    const keyColumn = flowMatch[1]?.length ?? 0;
    const key = (flowMatch[2] ?? '').replace(/^["']|["']$/g, '');
    const context = indentationContext(lineTexts, position.line, keyColumn, firstLine, lastLine);
    const schema = root ? schemaAt(root, [...context.segments, key, '0']) : undefined;
    return schema ? valueEntries(workspace, schema, replace) : [];
  }

  // `- partial` — a list item: a value, or the first key of an item mapping.
  const itemMatch = /^(\s*)-\s+([^\s:#]*)$/.exec(before) ?? /^(\s*)-$/.exec(before);
  if (itemMatch) {
    const context = indentationContext(lineTexts, position.line, position.character, firstLine, lastLine);
    const schema = root ? schemaAt(root, context.segments) : undefined;
    if (!schema) return [];
    if (isObjectSchema(schema)) return [...propertyEntries(workspace, schema, context.siblingKeys, replace), ...snippetEntries(schema, replace)];
    return valueEntries(workspace, schema, replace);
  }

  // `partial` at the start of a line — a key.
  const keyMatch = /^(\s*)([^\s:#'"]*)$/.exec(before);
  if (keyMatch) {
    const context = indentationContext(lineTexts, position.line, position.character, firstLine, lastLine);
    if (context.segments.length === 0 && !root) return [...documentTemplates(workspace, replace, firstLine === position.line), ...headerKeys(replace)];
    const schema = root ? schemaAt(root, context.segments) : undefined;
    if (!schema) return [];
    const entries = propertyEntries(workspace, schema, context.siblingKeys, replace);
    if (context.segments.length === 0 && firstLine === position.line && entries.length > 0) entries.push(...documentTemplates(workspace, replace, true));
    return entries;
  }
  return [];
}

function entry(label: string, kind: CompletionKind, detail: string | undefined, documentation: string | undefined, insertText: string, replace: Span, sortText: string, isSnippet = false, filterText?: string): CompletionEntry {
  return { label, kind, detail, documentation, insertText, isSnippet, replace, sortText, filterText };
}

function wordAround(lineText: string, character: number): { start: number; end: number } {
  let start = character;
  let end = character;
  while (start > 0 && /[\w.\-]/.test(lineText[start - 1] ?? '')) start--;
  while (end < lineText.length && /[\w.\-]/.test(lineText[end] ?? '')) end++;
  return { start, end };
}

/** The YAML document (between `---` lines) holding `line`. */
function documentLines(lineCount: number, lineText: (line: number) => string, line: number): { firstLine: number; lastLine: number } {
  let firstLine = 0;
  for (let l = line; l >= 0; l--) {
    if (/^---(\s|$)/.test(lineText(l)) && l !== line) {
      firstLine = l + 1;
      break;
    }
  }
  let lastLine = lineCount - 1;
  for (let l = line + 1; l < lineCount; l++) {
    if (/^(---|\.\.\.)(\s|$)/.test(lineText(l))) {
      lastLine = l - 1;
      break;
    }
  }
  return { firstLine, lastLine };
}

/** The kind's schema, from the `kind:` line of the document (parsable or not). */
function rootSchemaFor(workspace: Workspace, lineText: (line: number) => string, firstLine: number, lastLine: number): SchemaNode | undefined {
  for (let l = firstLine; l <= lastLine; l++) {
    const match = /^kind:\s*["']?([A-Za-z]+)/.exec(lineText(l));
    if (match?.[1]) return workspace.schemas.kind(match[1])?.root;
  }
  return undefined;
}

function isObjectSchema(schema: SchemaNode): boolean {
  return schema.types.includes('object') || (schema.properties().size > 0 && !schema.types.includes('string'));
}

function kindValues(workspace: Workspace, replace: Span): CompletionEntry[] {
  return [...workspace.schemas.kindNames].sort().map((kind) => {
    const schema = workspace.schemas.kind(kind);
    return entry(kind, 'enum', schema?.title, schema?.description, kind, replace, `0${kind}`);
  });
}

function headerKeys(replace: Span): CompletionEntry[] {
  return [
    entry('apiVersion', 'property', 'SMS document header', 'Marks the file as an SMS document (`iso20000.sms/v1`).', `apiVersion: ${SUPPORTED_API_VERSIONS[0] ?? ''}`, replace, '1apiVersion'),
    entry('kind', 'property', 'SMS document header', 'The kind of SMS document.', 'kind: ', replace, '1kind'),
  ];
}

function valueEntries(workspace: Workspace, schema: SchemaNode, replace: Span): CompletionEntry[] {
  const annotations = schema.annotations;
  const out: CompletionEntry[] = [];
  if (annotations.ref) {
    const definitions = workspace.index.definitionsOfType(annotations.ref);
    for (const [id, list] of definitions) {
      const definition = list[0];
      if (!definition) continue;
      if (annotations.ref === DOCUMENT_ENTITY && annotations.refKinds && definition.documentKind && !annotations.refKinds.includes(definition.documentKind)) continue;
      const where = annotations.ref === DOCUMENT_ENTITY ? definition.documentKind : definition.documentId;
      out.push(entry(id, 'reference', definition.name ? `${definition.name}${where ? ` · ${where}` : ''}` : where, schema.markdownDescription, id, replace, `0${id}`));
    }
    return out;
  }
  if (annotations.claim) return claimEntries(workspace, replace);
  for (const [index, choice] of schema.enumChoices.entries()) {
    const label = String(choice.value);
    out.push(entry(label, 'enum', undefined, choice.description ?? schema.markdownDescription, label, replace, `0${String(index).padStart(3, '0')}`));
  }
  if (out.length > 0) return out;
  if (schema.types.includes('boolean')) return ['true', 'false'].map((value, index) => entry(value, 'value', undefined, schema.markdownDescription, value, replace, String(index)));
  if (schema.first('format') === 'date') return [entry(workspace.skeletonContext().today, 'value', 'today', schema.markdownDescription, workspace.skeletonContext().today, replace, '0')];
  const examples = schema.first('examples');
  if (Array.isArray(examples)) {
    for (const [index, example] of examples.entries()) {
      if (typeof example === 'string' || typeof example === 'number') out.push(entry(String(example), 'value', 'example', schema.markdownDescription, String(example), replace, `1${index}`));
    }
  }
  return out;
}

function claimEntries(workspace: Workspace, replace: Span): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const report = workspace.coverageReport();
  // Titles and paraphrases in the workspace's locale; ids and statuses stay as written in YAML.
  const text = workspace.catalogueText;
  for (const subclause of workspace.catalogue.subclauses) {
    const coverage = report.subclause(subclause.id);
    const title = text.title(subclause.id) ?? subclause.title;
    const counts = coverage ? workspace.formatMessage('ui.completion.evidenced', '{covered}/{total} evidenced', { covered: coverage.counts.evidenced + coverage.counts.operated, total: coverage.counts.total }) : '';
    out.push(entry(subclause.id, 'clause', `${title}${counts ? ` · ${counts}` : ''}`, text.summary(subclause), JSON.stringify(subclause.id), replace, `0${sortableId(subclause.id)}`, false, subclause.id));
    for (const requirement of subclause.requirements) {
      const status = report.requirement(requirement.id)?.status;
      out.push(entry(requirement.id, 'clause', `${title} · ${status ? workspace.formatMessage(`ui.status.${status}`, status) : ''}`, text.requirement(requirement), JSON.stringify(requirement.id), replace, `1${sortableId(requirement.id)}`, false, requirement.id));
    }
  }
  for (const heading of workspace.catalogue.headings.values()) {
    if (workspace.catalogue.subclause(heading.id)) continue;
    out.push(entry(heading.id, 'clause', workspace.formatMessage('ui.completion.heading', '{title} (every subclause under it)', { title: text.title(heading.id) ?? heading.title }), undefined, JSON.stringify(heading.id), replace, `2${sortableId(heading.id)}`, false, heading.id));
  }
  return out;
}

/** `8.10.2-b` → `08.10.02-b`, so that ids sort in document order. */
function sortableId(id: string): string {
  return id.replace(/\d+/g, (digits) => digits.padStart(2, '0'));
}

function propertyEntries(workspace: Workspace, schema: SchemaNode, present: ReadonlySet<string>, replace: Span): CompletionEntry[] {
  const required = new Set(schema.requiredProperties);
  const out: CompletionEntry[] = [];
  let index = 0;
  for (const [name, child] of schema.properties()) {
    index++;
    if (present.has(name) || child.first('doNotSuggest') === true) continue;
    const insert = propertySnippet(workspace, name, child);
    out.push(entry(name, 'property', required.has(name) ? 'required' : child.title, child.markdownDescription, insert, replace, `${required.has(name) ? 0 : 1}${String(index).padStart(3, '0')}`, true));
  }
  return out;
}

/** `key: ` for scalars, a list for arrays, a skeleton with the required properties for objects. */
function propertySnippet(workspace: Workspace, name: string, schema: SchemaNode): string {
  const escapedName = escapeSnippet(name);
  if (schema.types.includes('array')) {
    const items = schema.items();
    if (items && isObjectSchema(items)) {
      const skeleton = skeletonFor(items, workspace.skeletonContext());
      return `${escapedName}:\n  - ${indentSnippet(snippetFromValue(skeleton), '    ')}`;
    }
    return `${escapedName}:\n  - $0`;
  }
  if (isObjectSchema(schema)) {
    const skeleton = skeletonFor(schema, workspace.skeletonContext());
    const body = snippetFromValue(skeleton);
    return body === '' ? `${escapedName}:\n  $0` : `${escapedName}:\n  ${indentSnippet(body, '  ')}`;
  }
  if (schema.enumChoices.length > 0) {
    const choices = schema.enumChoices.map((choice) => String(choice.value).replace(/[|,$}\\]/g, '\\$&'));
    return `${escapedName}: \${1|${choices.join(',')}|}`;
  }
  return `${escapedName}: $0`;
}

/** A YAML rendering of a skeleton with a tab stop on every scalar. */
function snippetFromValue(value: unknown): string {
  if (value === null || typeof value !== 'object' || Object.keys(value).length === 0) return '$0';
  let stop = 0;
  const rendered = renderYamlValue(value);
  return rendered
    .split('\n')
    .map((line) =>
      line.replace(/^(\s*(?:-\s+)?[^:]+:\s)(.+)$/, (_whole, head: string, scalar: string) => `${escapeSnippet(head)}\${${++stop}:${escapeSnippet(scalar).replace(/}/g, '\\}')}}`).replace(/^(\s*-\s+)([^:]+)$/, (_whole, head: string, scalar: string) => `${head}\${${++stop}:${escapeSnippet(scalar)}}`),
    )
    .join('\n');
}

function indentSnippet(body: string, indent: string): string {
  return body.split('\n').join(`\n${indent}`);
}

function escapeSnippet(text: string): string {
  return text.replace(/[$\\]/g, '\\$&');
}

function snippetEntries(schema: SchemaNode, replace: Span): CompletionEntry[] {
  return schema.snippets.map((snippet, index) => {
    const body = typeof snippet.body === 'string' ? snippet.body : snippetFromValue(snippet.body);
    return entry(snippet.label, 'snippet', snippet.description, undefined, indentSnippet(body, '  '), replace, `2${index}`, true);
  });
}

/** In an empty document: one entry per template, inserting a whole starter document. */
function documentTemplates(workspace: Workspace, replace: Span, atDocumentStart: boolean): CompletionEntry[] {
  if (!atDocumentStart) return [];
  return Object.entries(workspace.templates.files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, template], index) => {
      const kind = /^kind:\s*(\S+)/m.exec(template)?.[1] ?? 'document';
      const body = escapeSnippet(template)
        .replace(/\\\$\{id\}/g, '${1:DOC-ID}')
        .replace(/\\\$\{title\}/g, '${2:Title}')
        .replace(/\\\$\{owner\}/g, '${3:ROLE-OWNER}')
        .replace(/\\\$\{today\}/g, workspace.skeletonContext().today)
        .replace(/\\\$\{(\w+)\}/g, (_whole, name: string) => `\${${name}}`);
      return entry(`${kind}: ${name.replace(/\.yaml$/, '')}`, 'document', 'new SMS document from template', `Inserts the template \`templates/${name}\`.`, body, replace, `3${String(index).padStart(3, '0')}`, true);
    });
}
