// Document symbols (the outline): one symbol per SMS document, its top-level blocks, and the
// entities it defines (services, targets, roles…) named by their id and name.
import type { Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../parse/yamlRuntime';
import type { DocUri, Span } from '../types';
import type { Workspace } from '../workspace';
import { findPair, nodeSpan, scalarString } from '../parse/yamlNodes';

export type SymbolKind = 'document' | 'section' | 'entity' | 'property' | 'list';

export interface DocumentSymbolEntry {
  readonly name: string;
  readonly detail: string | undefined;
  readonly kind: SymbolKind;
  readonly span: Span;
  readonly selectionSpan: Span;
  readonly children: readonly DocumentSymbolEntry[];
}

const MAX_SYMBOLS = 5000;

export function documentSymbols(workspace: Workspace, uri: DocUri): DocumentSymbolEntry[] {
  const file = workspace.parsed(uri);
  if (!file) return [];
  let budget = MAX_SYMBOLS;
  const out: DocumentSymbolEntry[] = [];
  for (const document of file.documents) {
    const contents = document.yaml.contents as Node | null;
    const title = scalarString(findPair(findPair(contents, 'metadata')?.value, 'title')?.value);
    out.push({
      name: `${document.kind ?? 'Document'} ${document.id ?? ''}`.trim(),
      detail: title,
      kind: 'document',
      span: document.span,
      selectionSpan: document.headerSpan,
      children: children(contents, 0),
    });
  }
  return out;

  function children(node: Node | null | undefined, depth: number): DocumentSymbolEntry[] {
    if (depth > 6 || budget <= 0) return [];
    const result: DocumentSymbolEntry[] = [];
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key) || budget-- <= 0) continue;
        const keySpan = nodeSpan(item.key as Node);
        const value = item.value as Node | null;
        const valueSpan = nodeSpan(value ?? undefined);
        if (!keySpan) continue;
        const span = { start: keySpan.start, end: Math.max(keySpan.end, valueSpan?.end ?? keySpan.end) };
        const nested = isMap(value) || isSeq(value);
        result.push({
          name: String(item.key.value),
          detail: nested ? undefined : scalarString(value),
          kind: depth === 0 ? 'section' : isSeq(value) ? 'list' : 'property',
          span,
          selectionSpan: keySpan,
          children: nested ? children(value, depth + 1) : [],
        });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (budget-- <= 0) return;
        const itemNode = item as Node | null;
        const span = nodeSpan(itemNode ?? undefined);
        if (!span || !isMap(itemNode)) return;
        const id = scalarString(findPair(itemNode, 'id')?.value);
        const name = scalarString(findPair(itemNode, 'name')?.value) ?? scalarString(findPair(itemNode, 'title')?.value);
        const idSpan = nodeSpan(findPair(itemNode, 'id')?.value ?? undefined);
        result.push({
          name: id ?? name ?? `[${index}]`,
          detail: id ? name : undefined,
          kind: id ? 'entity' : 'property',
          span,
          selectionSpan: idSpan ?? span,
          children: children(itemNode, depth + 1),
        });
      });
    }
    return result;
  }
}
