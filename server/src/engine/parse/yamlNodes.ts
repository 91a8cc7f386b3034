// Helpers over the `yaml` package's nodes. Ranges of `yaml` nodes are [start, valueEnd, nodeEnd];
// the span a user sees for a value is [start, valueEnd).
import type { Node, Pair, Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq, isAlias } from './yamlRuntime';
import type { Span } from '../types';

export type YamlNode = Node;
export type YamlDocument = Document.Parsed;

export function nodeSpan(node: Node | null | undefined): Span | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

/** The key and value of a mapping entry, found by its (scalar) key. */
export function findPair(node: Node | null | undefined, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) {
      return item as Pair<Node, Node | null>;
    }
  }
  return undefined;
}

export function scalarString(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A step along a path: the pair (for mapping entries) and the value node reached. */
export interface PathStep {
  readonly pair: Pair<Node, Node | null> | undefined;
  readonly node: Node | null | undefined;
}

/**
 * Walks `segments` (property names and array indices, as in an ajv instancePath) from `root`.
 * Returns the steps actually taken: fewer than asked when the path leaves the tree.
 */
export function walkPath(root: Node | null | undefined, segments: readonly string[]): PathStep[] {
  const steps: PathStep[] = [];
  let current: Node | null | undefined = root;
  for (const segment of segments) {
    if (isAlias(current)) break;
    if (isMap(current)) {
      const pair = findPair(current, segment);
      if (!pair) break;
      steps.push({ pair, node: pair.value });
      current = pair.value;
    } else if (isSeq(current)) {
      const index = Number(segment);
      const item = Number.isInteger(index) ? current.items[index] : undefined;
      if (item === undefined) break;
      const node = item as Node | null;
      steps.push({ pair: undefined, node });
      current = node;
    } else {
      break;
    }
  }
  return steps;
}

/** Decodes an ajv instancePath (`/spec/services/0`) into segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A readable path for messages: `spec.services[2].dependsOn`. Never a JSON pointer. */
export function readablePath(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

export { isMap, isPair, isScalar, isSeq, isAlias };
