// What one document tells the rest of the workspace: the entities it defines, the references it
// makes and the clauses it claims. Extracted by walking the YAML nodes alongside the kind's schema
// and reading the x-sms-* annotations, so no code knows individual fields.
import type { Node } from 'yaml';
import { Pair, Scalar, YAMLMap, YAMLSeq } from '../parse/yamlRuntime';
import type { DocUri, Span } from '../types';
import type { SmsDocument } from '../parse/parseFile';
import { findPair, nodeSpan, scalarString } from '../parse/yamlNodes';
import type { SchemaNode } from '../schema/schemaTree';

export interface EntityDefinition {
  readonly type: string;
  readonly id: string;
  readonly uri: DocUri;
  readonly span: Span;
  /** The `name` or `title` next to the id, for hovers and completion. */
  readonly name: string | undefined;
  /** The kind and id of the document holding the definition. */
  readonly documentKind: string | undefined;
  readonly documentId: string | undefined;
  /** Readable path of the definition, e.g. `spec.services[3].id`. */
  readonly path: string;
}

export interface EntityReference {
  readonly type: string;
  readonly id: string;
  readonly uri: DocUri;
  readonly span: Span;
  /** For document references: the kinds the referenced document may have. */
  readonly refKinds: readonly string[] | undefined;
  readonly documentKind: string | undefined;
  readonly documentId: string | undefined;
  readonly path: string;
}

export interface ClauseClaim {
  readonly ref: string;
  readonly uri: DocUri;
  readonly span: Span;
  readonly documentKind: string | undefined;
  readonly documentId: string | undefined;
}

export interface DocumentFacts {
  readonly definitions: readonly EntityDefinition[];
  readonly references: readonly EntityReference[];
  readonly claims: readonly ClauseClaim[];
}

export const DOCUMENT_ENTITY = 'document';

export function extractFacts(document: SmsDocument, schemaRoot: SchemaNode | undefined): DocumentFacts {
  const definitions: EntityDefinition[] = [];
  const references: EntityReference[] = [];
  const claims: ClauseClaim[] = [];
  const base = { uri: document.uri, documentKind: document.kind, documentId: document.id };
  const segments: (string | number)[] = [];

  // Every document defines itself by metadata.id, whatever its kind (and even when the kind is unknown).
  const metadata = findPair(document.yaml.contents as Node | null, 'metadata')?.value;
  const idNode = findPair(metadata, 'id')?.value;
  const idSpan = nodeSpan(idNode ?? undefined);
  if (document.id !== undefined && idSpan) {
    const title = scalarString(findPair(metadata, 'title')?.value);
    definitions.push({ ...base, type: DOCUMENT_ENTITY, id: document.id, span: idSpan, name: title, path: 'metadata.id' });
  }
  if (schemaRoot) {
    walk(document.yaml.contents as Node | null, schemaRoot, undefined);
  }
  return { definitions, references, claims };

  // The readable path of a node (`spec.services[3].id`) is built only for what is recorded: the walk
  // keeps its segments on a stack (keys as strings, sequence positions as numbers). Nodes are told apart
  // by class rather than with yaml's isScalar/isMap (a symbol-keyed read, megamorphic across the node
  // kinds), as the walk visits every node of every document.
  function walk(node: Node | null | undefined, schema: SchemaNode, parentMap: Node | undefined): void {
    if (node === null || node === undefined || !schema.mayHoldFacts) return;
    if (node instanceof Scalar) {
      const annotations = schema.annotations;
      if (!annotations.defines && !annotations.ref && !annotations.claim) return;
      const value = scalarString(node);
      const span = nodeSpan(node);
      if (value === undefined || !span || value === '') return;
      const path = pathOf(segments);
      if (annotations.defines && !(annotations.defines === DOCUMENT_ENTITY && path === 'metadata.id')) {
        const name = scalarString(findPair(parentMap, 'name')?.value) ?? scalarString(findPair(parentMap, 'title')?.value);
        definitions.push({ type: annotations.defines, id: value, uri: base.uri, span, name, documentKind: base.documentKind, documentId: base.documentId, path });
      }
      if (annotations.ref) references.push({ type: annotations.ref, id: value, uri: base.uri, span, refKinds: annotations.refKinds, documentKind: base.documentKind, documentId: base.documentId, path });
      if (annotations.claim) claims.push({ ref: value, uri: base.uri, span, documentKind: base.documentKind, documentId: base.documentId });
      return;
    }
    if (node instanceof YAMLMap) {
      for (const item of node.items) {
        if (!(item instanceof Pair) || !(item.key instanceof Scalar)) continue;
        const key = String(item.key.value);
        const child = schema.property(key);
        if (!child) continue;
        segments.push(key);
        walk(item.value as Node | null, child, node);
        segments.pop();
      }
      return;
    }
    if (node instanceof YAMLSeq) {
      const items = schema.items();
      if (!items) return;
      const list = node.items;
      for (let index = 0; index < list.length; index++) {
        segments.push(index);
        walk(list[index] as Node | null, items, parentMap);
        segments.pop();
      }
    }
  }
}

function pathOf(parts: readonly (string | number)[]): string {
  let out = '';
  for (const part of parts) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

export function entityKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}
