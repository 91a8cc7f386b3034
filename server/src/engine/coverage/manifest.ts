// The SMS manifest (kind ServiceManagementSystem) is where workspace-wide findings live, such as a
// subclause nobody evidences: that is where the SMS owner would add the missing document.
import type { Node } from 'yaml';
import type { DocUri, Span } from '../types';
import type { ParsedFile, SmsDocument } from '../parse/parseFile';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { findPair, nodeSpan } from '../parse/yamlNodes';

export const MANIFEST_KIND = 'ServiceManagementSystem';

export interface ManifestLocation {
  readonly uri: DocUri;
  readonly file: ParsedFile;
  readonly document: SmsDocument;
  /** Where coverage findings point: the `documents` register key, else `standard`, else `kind`. */
  readonly anchor: Span;
}

/** The first manifest of the workspace (by file order), if any. */
export function findManifest(index: WorkspaceIndex, file: (uri: DocUri) => ParsedFile | undefined): ManifestLocation | undefined {
  const candidates = [...index.documentsOfKind(MANIFEST_KIND)].sort((a, b) => (a.uri === b.uri ? a.indexInFile - b.indexInFile : a.uri < b.uri ? -1 : 1));
  for (const candidate of candidates) {
    const parsed = file(candidate.uri);
    const document = parsed?.documents.find((d) => d.indexInFile === candidate.indexInFile);
    if (!parsed || !document) continue;
    const spec = findPair(document.yaml.contents as Node | null, 'spec')?.value;
    const anchor = nodeSpan(findPair(spec, 'documents')?.key as Node | undefined) ?? nodeSpan(findPair(spec, 'standard')?.key as Node | undefined) ?? document.headerSpan;
    return { uri: candidate.uri, file: parsed, document, anchor };
  }
  return undefined;
}
