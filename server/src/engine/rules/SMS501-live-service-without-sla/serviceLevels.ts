// Shared by the service-level rules (SMS501, SMS503): the documents of a kind with their plain
// values, the catalogue's services, and the SLA and agreement targets, read from the index's files.
import type { DocUri } from '../../types';
import type { ParsedFile, SmsDocument } from '../../parse/parseFile';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { isJsonObject, type JsonObject } from '../../schema/schemaTree';

export interface KindDocument {
  readonly uri: DocUri;
  readonly file: ParsedFile;
  readonly document: SmsDocument;
  readonly metadata: JsonObject;
  readonly spec: JsonObject;
}

/** Documents not in force do not promise or underpin anything. */
const RETIRED = new Set(['superseded', 'withdrawn']);

export function documentsOfKind(index: WorkspaceIndex, file: (uri: DocUri) => ParsedFile | undefined, kind: string): KindDocument[] {
  const out: KindDocument[] = [];
  for (const indexed of index.documentsOfKind(kind)) {
    const parsed = file(indexed.uri);
    const document = parsed?.documents.find((candidate) => candidate.indexInFile === indexed.indexInFile);
    if (!parsed || !document || !isJsonObject(document.value)) continue;
    const metadata = document.value['metadata'];
    const spec = document.value['spec'];
    if (!isJsonObject(metadata) || !isJsonObject(spec)) continue;
    if (typeof metadata['status'] === 'string' && RETIRED.has(metadata['status'])) continue;
    out.push({ uri: indexed.uri, file: parsed, document, metadata, spec });
  }
  return out.sort((a, b) => (a.uri === b.uri ? a.document.indexInFile - b.document.indexInFile : a.uri < b.uri ? -1 : 1));
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
