// Shared by the service-level rules (SMS501, SMS503): the documents of a kind with their plain
// values, the catalogue's services, and the SLA and agreement targets, read from the index's files.
import type { DocUri } from '../../types';
import type { ParsedFile, SmsDocument } from '../../parse/parseFile';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { isJsonObject, type JsonObject } from '../../schema/schemaTree';

export interface KindDocument {
  readonly uri: DocUri;
  /** `metadata.id` (from the index: reading it parses nothing). */
  readonly id: string | undefined;
  readonly file: ParsedFile;
  readonly document: SmsDocument;
  readonly metadata: JsonObject;
  readonly spec: JsonObject;
}

/** Documents not in force do not promise or underpin anything. */
const RETIRED = new Set(['superseded', 'withdrawn']);

/**
 * The documents of a kind in force, from their plain values (kept by the engine for the kinds a rule
 * names in `scope.values`); the syntax tree (`file`, `document`) is parsed only when a finding needs a
 * position from it.
 */
export function documentsOfKind(index: WorkspaceIndex, file: (uri: DocUri) => ParsedFile | undefined, value: (uri: DocUri, indexInFile: number) => unknown, kind: string): KindDocument[] {
  const out: (KindDocument & { readonly indexInFile: number })[] = [];
  for (const indexed of index.documentsOfKind(kind)) {
    const documentValue = value(indexed.uri, indexed.indexInFile);
    if (!isJsonObject(documentValue)) continue;
    const metadata = documentValue['metadata'];
    const spec = documentValue['spec'];
    if (!isJsonObject(metadata) || !isJsonObject(spec)) continue;
    if (typeof metadata['status'] === 'string' && RETIRED.has(metadata['status'])) continue;
    const { uri, indexInFile } = indexed;
    let tree: { file: ParsedFile; document: SmsDocument } | undefined;
    const parse = (): { file: ParsedFile; document: SmsDocument } => {
      if (tree) return tree;
      const parsed = file(uri);
      const document = parsed?.documents.find((candidate) => candidate.indexInFile === indexInFile);
      // The value came from this document, so a tree holds it (unless the file vanished meanwhile).
      if (!parsed || !document) throw new Error(`document ${indexInFile} of ${uri} has no syntax tree`);
      return (tree = { file: parsed, document });
    };
    out.push({
      uri,
      id: indexed.id,
      indexInFile,
      get file() {
        return parse().file;
      },
      get document() {
        return parse().document;
      },
      metadata,
      spec,
    });
  }
  return out.sort((a, b) => (a.uri === b.uri ? a.indexInFile - b.indexInFile : a.uri < b.uri ? -1 : 1));
}

export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function stringOf(value: JsonObject, key: string): string | undefined {
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}
