// Minimal text edits on YAML that keep the user's comments and formatting: we never re-print a
// document, we insert or replace exactly the characters that must change, at the indentation the
// surrounding block already uses.
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isSeq, isScalar, isPair, Scalar, stringify } from '../parse/yamlRuntime';
import type { Span, TextEdit } from '../types';
import type { LineIndex } from '../text';
import { nodeSpan } from '../parse/yamlNodes';

export function replaceSpan(span: Span, newText: string): TextEdit {
  return { span, newText };
}

/** `1.0` → `"1.0"`: quotes a plain scalar using its source text, so the value the user typed is kept. */
export function quoteScalarEdit(node: Node, text: string): TextEdit | undefined {
  const span = nodeSpan(node);
  if (!span || !isScalar(node)) return undefined;
  const source = text.slice(span.start, span.end);
  if (source.startsWith('"') || source.startsWith("'")) return undefined;
  return { span, newText: JSON.stringify(source) };
}

/** Renders a plain value as YAML lines (no trailing newline), for inserting under a key. */
export function renderYamlValue(value: unknown): string {
  return stringify(value, { indent: 2, lineWidth: 0, minContentWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).replace(/\n$/, '');
}

/** Is this value written on one line after `key:` (a scalar or an empty/flow collection)? */
function isInline(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.length === 0;
  return Object.keys(value).length === 0;
}

function indentLines(block: string, indent: string): string {
  return block
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
}

/** `key: value` or `key:\n  nested`, indented at `indent`. */
export function renderProperty(key: string, value: unknown, indent: string): string {
  const renderedKey = renderYamlValue(key);
  if (isInline(value)) return `${indent}${renderedKey}: ${renderYamlValue(value)}`;
  return `${indent}${renderedKey}:\n${indentLines(renderYamlValue(value), `${indent}  `)}`;
}

function columnOf(offset: number, lines: LineIndex): number {
  return lines.positionAt(offset).character;
}

/** The offset just after the last character of the line holding `offset` (before its line break). */
function endOfLine(offset: number, lines: LineIndex): number {
  return lines.lineEndWithoutBreak(lines.positionAt(offset).line);
}

/**
 * Inserts `key: value` into a mapping. `owner` is the pair whose value is the mapping (or is empty),
 * when there is one; `map` is the mapping node, when it exists. Returns undefined when the shape
 * is one we cannot edit safely (then no fix is offered).
 */
export function insertPropertyEdit(params: {
  readonly map: Node | null | undefined;
  readonly owner: Pair<Node, Node | null> | undefined;
  readonly key: string;
  readonly value: unknown;
  readonly lines: LineIndex;
  readonly eol: string;
}): TextEdit | undefined {
  const { map, owner, key, value, lines, eol } = params;
  if (isMap(map) && map.items.length > 0) {
    if (map.flow) return insertIntoFlowMap(map, key, value, lines);
    const firstKey = (map.items[0] as Pair<Node, Node | null>).key;
    const firstSpan = nodeSpan(firstKey);
    const mapSpan = nodeSpan(map);
    if (!firstSpan || !mapSpan) return undefined;
    const indent = ' '.repeat(columnOf(firstSpan.start, lines));
    const lastPair = map.items[map.items.length - 1] as Pair<Node, Node | null>;
    const lastEnd = lastValueEnd(lastPair) ?? mapSpan.end;
    const insertAt = endOfLine(Math.max(mapSpan.start, lastEnd - 1), lines);
    return { span: { start: insertAt, end: insertAt }, newText: eol + renderProperty(key, value, indent).split('\n').join(eol) };
  }
  if (owner) {
    // `metadata:` with no value, or `metadata: {}`: write the property on the next line, one level deeper.
    const keySpan = nodeSpan(owner.key);
    if (!keySpan) return undefined;
    const indent = ' '.repeat(columnOf(keySpan.start, lines) + 2);
    const valueSpan = nodeSpan(owner.value ?? undefined);
    const replaceFrom = valueSpan && valueSpan.end > valueSpan.start ? valueSpan.start : endOfKeyColon(owner, lines);
    const replaceTo = valueSpan && valueSpan.end > valueSpan.start ? valueSpan.end : replaceFrom;
    const text = lines.text.slice(replaceFrom, replaceTo);
    if (text.trim() !== '' && text.trim() !== '{}') return undefined;
    const keyLineEnd = endOfLine(keySpan.start, lines);
    return { span: { start: Math.min(replaceFrom, keyLineEnd), end: Math.max(replaceTo, Math.min(replaceFrom, keyLineEnd)) }, newText: eol + renderProperty(key, value, indent).split('\n').join(eol) };
  }
  return undefined;
}

/** `key:` with no value → `key:` followed by the given properties, one level deeper. */
export function fillEmptyValueEdit(owner: Pair<Node, Node | null>, value: Readonly<Record<string, unknown>>, lines: LineIndex, eol: string): TextEdit | undefined {
  const keySpan = nodeSpan(owner.key);
  if (!keySpan) return undefined;
  const valueSpan = nodeSpan(owner.value ?? undefined);
  if (valueSpan && lines.text.slice(valueSpan.start, valueSpan.end).trim() !== '') return undefined;
  const indent = ' '.repeat(columnOf(keySpan.start, lines) + 2);
  const at = endOfKeyColon(owner, lines);
  const body = Object.entries(value).map(([key, child]) => renderProperty(key, child, indent)).join('\n');
  return { span: { start: at, end: valueSpan && valueSpan.end > at ? valueSpan.end : at }, newText: eol + body.split('\n').join(eol) };
}

function endOfKeyColon(owner: Pair<Node, Node | null>, lines: LineIndex): number {
  const keySpan = nodeSpan(owner.key);
  if (!keySpan) return 0;
  const text = lines.text;
  let offset = keySpan.end;
  while (offset < text.length && text[offset] !== ':' && text[offset] !== '\n') offset++;
  return text[offset] === ':' ? offset + 1 : offset;
}

function lastValueEnd(pair: Pair<Node, Node | null>): number | undefined {
  const value = pair.value;
  if (value && value.range) return value.range[1];
  return pair.key?.range?.[1];
}

function insertIntoFlowMap(map: YAMLMap, key: string, value: unknown, lines: LineIndex): TextEdit | undefined {
  const span = nodeSpan(map);
  if (!span) return undefined;
  const rendered = `${renderYamlValue(key)}: ${flowValue(value)}`;
  const last = map.items[map.items.length - 1] as Pair<Node, Node | null> | undefined;
  const lastEnd = last ? lastValueEnd(last) : undefined;
  if (last && lastEnd !== undefined) return { span: { start: lastEnd, end: lastEnd }, newText: `, ${rendered}` };
  const close = lines.text.lastIndexOf('}', span.end);
  if (close < span.start) return undefined;
  return { span: { start: close, end: close }, newText: rendered };
}

/** A value written inside flow brackets: plain when YAML reads it back the same, else JSON. */
function flowValue(value: unknown): string {
  if (typeof value === 'string') {
    const plain = renderYamlValue(value);
    return /[,[\]{}#]/.test(plain) || plain.includes('\n') ? JSON.stringify(value) : plain;
  }
  return JSON.stringify(value);
}

/** Appends an item to a sequence (block or flow), or turns an empty `key:` into a one-item list. */
export function appendToSequenceEdit(params: {
  readonly seq: Node | null | undefined;
  readonly owner: Pair<Node, Node | null> | undefined;
  readonly item: unknown;
  readonly lines: LineIndex;
  readonly eol: string;
}): TextEdit | undefined {
  const { seq, owner, item, lines, eol } = params;
  if (isSeq(seq) && seq.items.length > 0) {
    const span = nodeSpan(seq);
    if (!span) return undefined;
    if (seq.flow) {
      const last = seq.items[seq.items.length - 1] as Node | undefined;
      const lastEnd = nodeSpan(last)?.end;
      if (lastEnd === undefined) return undefined;
      return { span: { start: lastEnd, end: lastEnd }, newText: `, ${quotedLike(last, item) ?? flowValue(item)}` };
    }
    const dashColumn = dashColumnOf(seq, lines);
    if (dashColumn === undefined) return undefined;
    const last = seq.items[seq.items.length - 1] as Node;
    const lastEnd = nodeSpan(last)?.end ?? span.end;
    const insertAt = endOfLine(Math.max(span.start, lastEnd - 1), lines);
    const indent = ' '.repeat(dashColumn);
    const quoted = quotedLike(last, item);
    if (quoted !== undefined) return { span: { start: insertAt, end: insertAt }, newText: `${eol}${indent}- ${quoted}` };
    return { span: { start: insertAt, end: insertAt }, newText: eol + renderSequenceItem(item, indent).split('\n').join(eol) };
  }
  if (owner) {
    const keySpan = nodeSpan(owner.key);
    if (!keySpan) return undefined;
    const valueSpan = nodeSpan(owner.value ?? undefined);
    const empty = !valueSpan || valueSpan.end === valueSpan.start || lines.text.slice(valueSpan.start, valueSpan.end).trim() === '[]';
    if (!empty) return undefined;
    const indent = ' '.repeat(columnOf(keySpan.start, lines) + 2);
    const from = valueSpan && valueSpan.end > valueSpan.start ? valueSpan.start : endOfKeyColon(owner, lines);
    const to = valueSpan && valueSpan.end > valueSpan.start ? valueSpan.end : from;
    return { span: { start: from, end: to }, newText: eol + renderSequenceItem(item, indent).split('\n').join(eol) };
  }
  return undefined;
}

/** A string item quoted the way the user quoted the previous item (`"8.6.1"` after `"7.5.4-e"`), if they did. */
function quotedLike(previous: Node | undefined, item: unknown): string | undefined {
  if (typeof item !== 'string' || !isScalar(previous)) return undefined;
  if (previous.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(item);
  if (previous.type === Scalar.QUOTE_SINGLE) return `'${item.replace(/'/g, "''")}'`;
  return undefined;
}

function renderSequenceItem(item: unknown, indent: string): string {
  const rendered = renderYamlValue([item]);
  return indentLines(rendered, indent);
}

function dashColumnOf(seq: YAMLSeq, lines: LineIndex): number | undefined {
  const first = seq.items[0] as Node | undefined;
  const span = nodeSpan(first);
  if (!span) return undefined;
  const lineText = lines.lineText(lines.positionAt(span.start).line);
  const dash = lineText.indexOf('-');
  return dash >= 0 ? dash : undefined;
}

/** Removes a block-mapping entry with the lines it occupies; undefined for flow style. */
export function removePairEdit(map: Node | null | undefined, pair: Pair<Node, Node | null>, lines: LineIndex): TextEdit | undefined {
  if (!isMap(map) || map.flow || !isPair(pair)) return undefined;
  const keySpan = nodeSpan(pair.key);
  if (!keySpan) return undefined;
  const end = lastValueEnd(pair) ?? keySpan.end;
  const startLine = lines.positionAt(keySpan.start).line;
  const prefix = lines.text.slice(lines.lineStart(startLine), keySpan.start);
  if (prefix.trim() !== '') return undefined;
  const endLine = lines.positionAt(Math.max(keySpan.start, end - 1)).line;
  const start = lines.lineStart(startLine);
  const stop = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : lines.text.length;
  return { span: { start, end: stop }, newText: '' };
}

/** The line break style of a text, so inserted lines match it. */
export function eolOf(text: string): string {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}
