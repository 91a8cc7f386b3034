// What is under the cursor: the SMS document, the YAML node (key or value) and its path.
import type { Node, Pair } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../parse/yamlRuntime';
import type { ParsedFile, SmsDocument } from '../parse/parseFile';
import type { Span } from '../types';
import { nodeSpan } from '../parse/yamlNodes';

export interface NodeAtOffset {
  readonly document: SmsDocument;
  /** Path segments from the document root to the node (array indices as digits). */
  readonly segments: readonly string[];
  /** Whether the offset is on a mapping key or on a value. */
  readonly role: 'key' | 'value';
  readonly node: Node;
  readonly span: Span;
  /** The mapping entry holding the node, when it is a key or a property value. */
  readonly pair: Pair<Node, Node | null> | undefined;
}

export function documentAt(file: ParsedFile, offset: number): SmsDocument | undefined {
  return file.documents.find((document) => offset >= document.span.start && offset <= document.span.end);
}

/** The deepest scalar key or value containing `offset`. */
export function nodeAt(file: ParsedFile, offset: number): NodeAtOffset | undefined {
  const document = documentAt(file, offset);
  if (!document) return undefined;
  let found: NodeAtOffset | undefined;
  const visit = (node: Node | null | undefined, segments: string[], pair: Pair<Node, Node | null> | undefined): void => {
    if (!node) return;
    const span = nodeSpan(node);
    if (!span || offset < span.start || offset > span.end) return;
    if (isScalar(node)) {
      found = { document, segments, role: 'value', node, span, pair };
      return;
    }
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = item.key as Node | null;
        const keyText = isScalar(key) ? String(key.value) : '';
        const keySpan = nodeSpan(key ?? undefined);
        if (keySpan && offset >= keySpan.start && offset <= keySpan.end) {
          found = { document, segments: [...segments, keyText], role: 'key', node: key!, span: keySpan, pair: item as Pair<Node, Node | null> };
          return;
        }
        visit(item.value as Node | null, [...segments, keyText], item as Pair<Node, Node | null>);
        if (found) return;
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (!found) visit(item as Node | null, [...segments, String(index)], undefined);
      });
    }
  };
  visit(document.yaml.contents as Node | null, [], undefined);
  return found;
}

/**
 * The mapping path at a cursor position, from indentation alone, so that it works on half-typed,
 * unparsable YAML: each less-indented `key:` line above is a parent; a `- ` item is an array element.
 */
export interface IndentationContext {
  /** Path of the mapping (or list item) the cursor is in; array items appear as `0`. */
  readonly segments: readonly string[];
  /** Keys already present in that mapping. */
  readonly siblingKeys: ReadonlySet<string>;
  /** The column where keys of that mapping start. */
  readonly keyColumn: number;
  /** True when the cursor line starts a list item (`- `). */
  readonly atListItem: boolean;
}

interface LineShape {
  readonly blank: boolean;
  readonly indent: number;
  readonly dash: boolean;
  /** Column of the content: after `- ` for list items. */
  readonly contentColumn: number;
  /** The key, when the content is `key:` or `key: value`. */
  readonly key: string | undefined;
}

export function lineShape(text: string): LineShape {
  if (/^\s*(#.*)?$/.test(text) || /^(---|\.\.\.)(\s|$)/.test(text)) return { blank: true, indent: 0, dash: false, contentColumn: 0, key: undefined };
  const indent = /^ */.exec(text)?.[0].length ?? 0;
  const dashMatch = /^ *-( +|$)/.exec(text);
  const contentColumn = dashMatch ? dashMatch[0].length : indent;
  const keyMatch = /^(?:"([^"]*)"|'([^']*)'|([^\s#:'"][^:#]*?))\s*:(?:\s|$)/.exec(text.slice(contentColumn));
  const key = keyMatch ? (keyMatch[1] ?? keyMatch[2] ?? keyMatch[3]) : undefined;
  return { blank: false, indent, dash: Boolean(dashMatch), contentColumn, key };
}

export function indentationContext(lineTexts: (line: number) => string, line: number, column: number, firstLine: number, lastLine: number): IndentationContext {
  const before = lineTexts(line).slice(0, column);
  const dashMatch = /^( *)-( +|$)/.exec(before);
  const atListItem = Boolean(dashMatch);
  const keyColumn = dashMatch ? dashMatch[0].length : (/^ */.exec(before)?.[0].length ?? 0);
  const segments: string[] = [];
  // mode "map": we are in a mapping whose keys start at `column`;
  // mode "seq": we are in a list whose dashes are at `column`.
  let mode: 'map' | 'seq' = 'map';
  let target = keyColumn;
  if (dashMatch) {
    segments.unshift('0');
    mode = 'seq';
    target = dashMatch[1]?.length ?? 0;
  }
  for (let l = line - 1; l >= firstLine; l--) {
    const shape = lineShape(lineTexts(l));
    if (shape.blank) continue;
    if (mode === 'map') {
      if (shape.dash && shape.contentColumn === target) {
        // `- first: x` opens the item mapping we are in.
        segments.unshift('0');
        mode = 'seq';
        target = shape.indent;
        continue;
      }
      if (shape.contentColumn < target && shape.key !== undefined) {
        segments.unshift(shape.key);
        if (shape.dash) {
          segments.unshift('0');
          mode = 'seq';
          target = shape.indent;
        } else target = shape.contentColumn;
        continue;
      }
    } else {
      if (shape.dash && shape.indent === target) continue; // a sibling item
      if (shape.key !== undefined && shape.contentColumn <= target && !(shape.dash && shape.indent === target)) {
        segments.unshift(shape.key);
        if (shape.dash) {
          segments.unshift('0');
          target = shape.indent;
        } else {
          mode = 'map';
          target = shape.contentColumn;
        }
        continue;
      }
    }
    if (shape.indent === 0 && !shape.dash && mode === 'map' && target === 0) break;
  }
  return { segments, siblingKeys: siblingKeysAt(lineTexts, line, keyColumn, firstLine, lastLine, atListItem), keyColumn, atListItem };
}

function siblingKeysAt(lineTexts: (line: number) => string, line: number, keyColumn: number, firstLine: number, lastLine: number, atListItem: boolean): Set<string> {
  const keys = new Set<string>();
  if (atListItem) return keys;
  for (const step of [-1, 1]) {
    for (let l = line + step; l >= firstLine && l <= lastLine; l += step) {
      const shape = lineShape(lineTexts(l));
      if (shape.blank) continue;
      if (shape.contentColumn < keyColumn) {
        // The first line of a list item (`- a: 1`) belongs to the mapping when its content is at our column.
        break;
      }
      if (shape.contentColumn === keyColumn && shape.key !== undefined) {
        if (shape.dash && step === 1) break; // the next list item starts
        keys.add(shape.key);
        if (shape.dash) break; // the item's first line: the mapping starts here
      }
    }
  }
  return keys;
}
