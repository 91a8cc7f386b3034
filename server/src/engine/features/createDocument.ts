// Creating the document for an uncovered subclause from its template (and registering it in the
// manifest), or adding a claim to a document that already has the content. Shared by the
// uncovered-subclause rule's fixes and the editor's "Create document from template" command.
import type { Node } from 'yaml';
import type { DocUri, Fix, Span, TextEdit } from '../types';
import type { ParsedFile } from '../parse/parseFile';
import type { LineIndex } from '../text';
import { LineIndex as Lines } from '../text';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Templates } from '../pack/pack';
import { fillPlaceholders } from '../pack/pack';
import type { Subclause } from '../coverage/catalogue';
import { findManifest, type ManifestLocation } from '../coverage/manifest';
import { findPair, nodeSpan, scalarString } from '../parse/yamlNodes';
import { appendToSequenceEdit, eolOf, insertPropertyEdit } from '../edits/yamlEdits';
import { DOCUMENT_ENTITY } from '../index/facts';
import type { Workspace } from '../workspace';

export interface DocumentFactoryContext {
  readonly index: WorkspaceIndex;
  readonly templates: Templates;
  readonly today: string;
  readonly file: (uri: DocUri) => ParsedFile | undefined;
  readonly lines: (uri: DocUri) => LineIndex | undefined;
}

/** The create-document fix for a subclause, for the editor's tree view. */
export function createDocumentFix(workspace: Workspace, subclauseId: string): Fix | undefined {
  const subclause = workspace.catalogue.subclause(subclauseId);
  const context: DocumentFactoryContext = { index: workspace.index, templates: workspace.templates, today: workspace.skeletonContext().today, file: (uri) => workspace.parsed(uri), lines: (uri) => workspace.lines(uri) };
  const manifest = findManifest(workspace.index, context.file);
  if (!subclause || !manifest) return undefined;
  return createDocumentFixFor(context, manifest, subclause, true);
}

const KIND_PREFIX: Readonly<Record<string, string>> = {
  'process-definition': 'PRC',
  policy: 'POL',
  plan: 'PLN',
  agreement: 'AGR',
  register: 'REG',
  record: 'REC',
  'service-catalogue': 'CAT',
  'service-level-agreement': 'SLA',
  'service-management-system': 'SMS',
};

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

/** Creates `folder/slug.yaml` from the template and appends its id to the manifest's `spec.documents`. */
export function createDocumentFixFor(context: DocumentFactoryContext, manifest: ManifestLocation, subclause: Subclause, preferred: boolean): Fix | undefined {
  const choice = context.templates.bySubclause.get(subclause.id);
  if (!choice) return undefined;
  const template = context.templates.files[choice.template];
  if (template === undefined) return undefined;
  // Subclauses evidenced by the manifest itself (4.x, 5.1, 5.3, 7.5.1) need content added to it,
  // not a second manifest.
  if (/^kind:\s*ServiceManagementSystem\b/m.test(template)) return undefined;
  const base = choice.template.replace(/\.yaml$/, '');
  const prefixKey = Object.keys(KIND_PREFIX).find((key) => base === key || base.startsWith(`${key}-`));
  const prefix = prefixKey ? (KIND_PREFIX[prefixKey] ?? 'DOC') : 'DOC';
  const topic = choice.values['process'] ?? choice.values['type'] ?? slugify(subclause.title);
  const slug = slugify(topic);
  let id = `${prefix}-${slug.toUpperCase()}`;
  for (let n = 2; context.index.definitions(DOCUMENT_ENTITY, id).length > 0; n++) id = `${prefix}-${slug.toUpperCase()}-${n}`;
  const metadata = findPair(manifest.document.yaml.contents as Node | null, 'metadata')?.value;
  const owner = scalarString(findPair(metadata, 'owner')?.value) ?? 'TODO';
  const text = fillPlaceholders(template, { id, title: subclause.title, owner, today: context.today, clause: subclause.id, ...choice.values });
  const folder = choice.folder === '.' || choice.folder === '' ? '' : `${choice.folder.replace(/\/+$/, '')}/`;
  const relativePath = `${folder}${slug || 'document'}.yaml`;
  const spec = findPair(manifest.document.yaml.contents as Node | null, 'spec')?.value;
  const documentsPair = findPair(spec, 'documents');
  const edits: TextEdit[] = [];
  if (documentsPair) {
    const lines = new Lines(manifest.file.text);
    const edit = appendToSequenceEdit({ seq: documentsPair.value, owner: documentsPair, item: { id, path: relativePath }, lines, eol: eolOf(manifest.file.text) });
    if (edit) edits.push(edit);
  }
  return {
    title: `Create ${relativePath} from template for ${subclause.id} ${subclause.title}`,
    isPreferred: preferred,
    safety: 'safe',
    documentEdits: edits.length > 0 ? [{ uri: manifest.uri, version: manifest.file.version, edits }] : [],
    createFiles: [{ relativeTo: manifest.uri, relativePath, text }],
  };
}

/**
 * Where a claim would go in the document `documentId` of `uri`: its `metadata.satisfies` key, else its
 * `metadata` key, else its header. Findings that suggest a claim point here.
 */
export function claimAnchor(file: ParsedFile, documentId: string | undefined): Span | undefined {
  const document = file.documents.find((d) => d.id === documentId);
  if (!document) return undefined;
  const metadataPair = findPair(document.yaml.contents as Node | null, 'metadata');
  const satisfiesPair = findPair(metadataPair?.value, 'satisfies');
  return nodeSpan(satisfiesPair?.key as Node | undefined) ?? nodeSpan(metadataPair?.key as Node | undefined) ?? document.headerSpan;
}

/** Adds `clauseId` to `metadata.satisfies` of the document `documentId` in `uri`. */
export function claimFix(context: DocumentFactoryContext, uri: DocUri, documentId: string | undefined, clauseId: string, complete: boolean, preferred: boolean = complete): Fix | undefined {
  const file = context.file(uri);
  const document = file?.documents.find((d) => d.id === documentId);
  if (!file || !document) return undefined;
  const lines = context.lines(uri) ?? new Lines(file.text);
  const eol = eolOf(file.text);
  const metadataPair = findPair(document.yaml.contents as Node | null, 'metadata');
  const satisfiesPair = findPair(metadataPair?.value, 'satisfies');
  const edit = satisfiesPair
    ? appendToSequenceEdit({ seq: satisfiesPair.value, owner: satisfiesPair, item: clauseId, lines, eol })
    : insertPropertyEdit({ map: metadataPair?.value, owner: metadataPair, key: 'satisfies', value: [clauseId], lines, eol });
  if (!edit) return undefined;
  return {
    title: complete ? `Claim ${clauseId} in ${documentId ?? 'this document'} (it already has the content)` : `Claim ${clauseId} in ${documentId ?? 'this document'}`,
    isPreferred: preferred,
    safety: 'safe',
    documentEdits: [{ uri, version: file.version, edits: [edit] }],
    createFiles: [],
  };
}
