// Incremental re-parsing for the editor: when a file that was parsed before changes, only the
// smallest block node around the change (one item of a block sequence or one pair of a block
// mapping, whole lines at a known indentation) is parsed again with `yaml`, and the new node is
// spliced into a copy of the previous documents, whose later ranges are shifted by the length delta.
// Whatever is derived from the documents (plain values, SMS documents, syntax problems) is then
// computed as by a full parse (`fromYamlDocuments`). Whenever the splice could differ from what a full
// parse gives, it falls back to the full parse: correctness first, a slow keystroke second.
//
// The previous parse is never modified: nodes before the change are shared with it, nodes on the path
// to the change and after it are copies.
import type { Document, Node, Pair } from 'yaml';
import { parseAllDocuments, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Scalar } from './yamlRuntime';
import type { DocUri } from '../types';
import { exceedsStructureLimits } from './structure';
import { fromYamlDocuments, looksLikeSms, parseFile, parseFileWithDocuments, YAML_PARSE_OPTIONS, type ParsedFile, type ParseLimits } from './parseFile';

/** What a re-parse needs from the previous parse of the same file. */
export interface ParseState {
  readonly parsed: ParsedFile;
  /** Every YAML document of the file (`parsed.documents` holds only the SMS ones). */
  readonly yamlDocuments: readonly Document.Parsed[];
  readonly limits: ParseLimits;
}

export interface ReparseResult {
  readonly parsed: ParsedFile;
  readonly state: ParseState;
  /** True when only a fragment was parsed again. */
  readonly incremental: boolean;
  /** Why the full parse was used (for tests and profiling). */
  readonly fallback?: string;
}

/** Counts of the parses done by `reparseFile` in this process (tests read them). */
export const reparseStats = { incremental: 0, full: 0, lastFallback: '' as string };

/** A fragment larger than this share of the text is parsed with the whole text instead. */
const MAX_FRAGMENT_SHARE = 0.5;

/**
 * Parses `text`, re-using `previous` (the parse of an earlier text of the same file) when only a small
 * block changed. The result is the one `parseFile` gives for the same arguments.
 */
export function reparseFile(previous: ParseState | undefined, uri: DocUri, version: number, text: string, limits: ParseLimits): ReparseResult {
  const reason = previous ? tryIncremental(previous, uri, version, text, limits) : 'no previous parse';
  if (typeof reason !== 'string') {
    reparseStats.incremental++;
    return { parsed: reason.parsed, state: reason, incremental: true };
  }
  reparseStats.full++;
  reparseStats.lastFallback = reason;
  return { ...fullParse(uri, version, text, limits), incremental: false, fallback: reason };
}

const lastParses = new WeakMap<object, ParseState>();

/**
 * `reparseFile` with the previous parse kept per `owner` (any object that lives as long as the file,
 * e.g. the workspace's state of the file): drop-in for `parseFile` on the analysis path. With `keep`
 * false nothing is kept (the next parse of the file is a full one): for files whose syntax tree the
 * caller does not retain either, so that this cache does not hold what the caller dropped.
 */
export function parseFileReusing(owner: object, uri: DocUri, version: number, text: string, limits: ParseLimits, keep = true): ParsedFile {
  const previous = lastParses.get(owner);
  // A tree nobody keeps for a later re-parse may come from the fast parser (parse/fastYaml.ts): it
  // records no comments, which only this module reads.
  if (!keep && !previous) return parseFile(uri, version, text, limits, { fast: true });
  const result = reparseFile(previous, uri, version, text, limits);
  if (keep) lastParses.set(owner, result.state);
  else lastParses.delete(owner);
  return result.parsed;
}

/** A full parse that also keeps what a later re-parse needs (`parsed.documents` holds only the SMS documents). */
function fullParse(uri: DocUri, version: number, text: string, limits: ParseLimits): { parsed: ParsedFile; state: ParseState } {
  const { parsed, yamlDocuments } = parseFileWithDocuments(uri, version, text, limits);
  return { parsed, state: { parsed, yamlDocuments, limits } };
}

function sameLimits(a: ParseLimits, b: ParseLimits): boolean {
  return a.maxFileLength === b.maxFileLength && a.maxAliasCount === b.maxAliasCount && a.maxDocumentsPerFile === b.maxDocumentsPerFile && a.maxNodes === b.maxNodes && a.maxFlowDepth === b.maxFlowDepth;
}

/** A block node that may be parsed on its own: one sequence item or one mapping pair. */
interface Candidate {
  readonly kind: 'item' | 'pair';
  /** The collection holding it, and its position there. */
  readonly parent: Node;
  readonly index: number;
  /** The item node, or the pair. */
  readonly target: Node | Pair;
  /** Start of the line of the node (its indentation is `column` spaces). */
  readonly lineStart: number;
  readonly column: number;
  /** Where the node ends (`range[2]` of the item, of the pair's value, or of its key). */
  readonly nodeEnd: number;
  /** The line end after `nodeEnd` (the fragment ends here). */
  readonly fragmentEnd: number;
}

/** The incremental re-parse, or the reason it is not possible. */
function tryIncremental(previous: ParseState, uri: DocUri, version: number, text: string, limits: ParseLimits): ParseState | string {
  const oldText = previous.parsed.text;
  if (previous.parsed.uri !== uri) return 'another file';
  if (!sameLimits(previous.limits, limits)) return 'other limits';
  if (!previous.parsed.isSms || previous.yamlDocuments.length === 0) return 'previous text not parsed as SMS YAML';
  if (text.length > limits.maxFileLength || !looksLikeSms(text)) return 'not an SMS text';
  // Near a limit the full parse decides (it may refuse the file or cut it at a document marker).
  if (exceedsStructureLimits(text, limits)) return 'past a structure limit';
  if (text === oldText) {
    // Nothing to parse: the same documents (only the version differs).
    return { parsed: fromYamlDocuments(uri, version, text, previous.yamlDocuments, limits), yamlDocuments: previous.yamlDocuments, limits };
  }
  for (const doc of previous.yamlDocuments) {
    if (doc.errors.length > 0 || doc.warnings.length > 0) return 'previous parse has errors or warnings';
    if (!defaultDirectives(doc)) return 'directives';
  }

  // The changed range: old [prefix, oldText.length - suffix) became new [prefix, text.length - suffix).
  const minLength = Math.min(oldText.length, text.length);
  let prefix = 0;
  while (prefix < minLength && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < minLength - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldChangeEnd = oldText.length - suffix;
  const delta = text.length - oldText.length;

  const docIndex = previous.yamlDocuments.findIndex((doc) => doc.range[0] <= prefix && oldChangeEnd <= doc.range[2]);
  const doc = previous.yamlDocuments[docIndex];
  if (!doc) return 'change spans documents';

  // Candidates from the outermost to the innermost block node around the change.
  const path: Candidate[] = [];
  let node = doc.contents as Node | null;
  for (;;) {
    const candidate = childAround(node, oldText, prefix, oldChangeEnd);
    if (!candidate) break;
    path.push(candidate);
    node = candidate.kind === 'item' ? (candidate.target as Node) : ((candidate.target as Pair<Node, Node | null>).value as Node | null);
  }
  if (path.length === 0) return 'no block node around the change';

  // The innermost candidate whose surroundings allow a parse on its own; the first one that gets
  // that far decides (a larger fragment would rarely succeed where a smaller one failed after parsing).
  let lastReason = 'no candidate';
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const candidate = path[depth]!;
    const pre = checkSurroundings(candidate, oldText, prefix, oldChangeEnd);
    if (typeof pre === 'string') {
      lastReason = pre;
      continue;
    }
    const fragmentText = text.slice(candidate.lineStart, candidate.fragmentEnd + delta);
    if (fragmentText.length > text.length * MAX_FRAGMENT_SHARE) return 'fragment too large';
    // The fragment still ends at a line end (the change may have removed its last newline).
    if (candidate.fragmentEnd + delta < text.length && !fragmentText.endsWith('\n')) return 'the fragment no longer ends a line';
    const replacement = parseFragment(candidate, fragmentText, pre.blankLinesAfter, oldText);
    if (typeof replacement === 'string') return replacement;
    const documents = splice(previous.yamlDocuments, docIndex, path, depth, candidate, replacement, delta);
    if (typeof documents === 'string') return documents;
    const parsed = fromYamlDocuments(uri, version, text, documents, limits);
    return { parsed, yamlDocuments: documents, limits };
  }
  return lastReason;
}

function defaultDirectives(doc: Document.Parsed): boolean {
  const directives = doc.directives;
  if (!directives) return false;
  if (directives.yaml.explicit || directives.yaml.version !== '1.2') return false;
  const tags = Object.entries(directives.tags);
  return tags.length === 1 && directives.tags['!!'] === 'tag:yaml.org,2002:';
}

/** The child of a block collection whose lines contain the whole change. */
function childAround(node: Node | null, text: string, start: number, end: number): Candidate | undefined {
  if (isSeq(node) && !node.flow) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index] as Node | null;
      const range = item?.range;
      if (!item || !range) return undefined;
      const lineStart = lineStartOf(text, range[0]);
      if (lineStart > start) return undefined;
      const fragmentEnd = lineEndAfter(text, range[2]);
      if (fragmentEnd === undefined) continue;
      if (end > fragmentEnd) continue;
      // `- ` (or `- - `, `-   `) before the node on its line: the item starts at the dash.
      const lead = /^( *)-( +)$/.exec(text.slice(lineStart, range[0]));
      if (!lead) return undefined;
      return { kind: 'item', parent: node, index, target: item, lineStart, column: lead[1]!.length, nodeEnd: range[2], fragmentEnd };
    }
    return undefined;
  }
  if (isMap(node) && !node.flow) {
    for (let index = 0; index < node.items.length; index++) {
      const pair = node.items[index] as Pair<Node | null, Node | null>;
      const key = pair.key;
      if (!isScalar(key) || !key.range) return undefined;
      const lineStart = lineStartOf(text, key.range[0]);
      if (lineStart > start) return undefined;
      const nodeEnd = pairEnd(pair);
      if (nodeEnd === undefined) return undefined;
      const fragmentEnd = lineEndAfter(text, nodeEnd);
      if (fragmentEnd === undefined) continue;
      if (end > fragmentEnd) continue;
      if (!/^ *$/.test(text.slice(lineStart, key.range[0]))) return undefined;
      return { kind: 'pair', parent: node, index, target: pair as Pair, lineStart, column: key.range[0] - lineStart, nodeEnd, fragmentEnd };
    }
  }
  return undefined;
}

function pairEnd(pair: Pair<Node | null, Node | null>): number | undefined {
  const value = pair.value;
  if (value === null || value === undefined) return pair.key?.range?.[2];
  return value.range?.[2];
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** `offset` when it starts a line (or ends the text); the offset after the next newline when only a newline follows; else undefined. */
function lineEndAfter(text: string, offset: number): number | undefined {
  if (offset === text.length) return offset;
  if (offset > 0 && text.charCodeAt(offset - 1) === 10) return offset;
  if (text.charCodeAt(offset) === 10) return offset + 1;
  return undefined;
}

/** Leading spaces of the line starting at `start`. */
function indentAt(text: string, start: number): number {
  let i = start;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i - start;
}

function lineEndOf(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline < 0 ? text.length : newline;
}

/**
 * Checks the text around the fragment: the change lies inside it; the line before the fragment is
 * plain content (no comment that could belong to it); the lines after it begin at most at its indentation
 * and cannot continue it.
 */
function checkSurroundings(candidate: Candidate, oldText: string, prefix: number, oldChangeEnd: number): { blankLinesAfter: boolean } | string {
  const { lineStart, column, fragmentEnd } = candidate;
  if (prefix < lineStart || oldChangeEnd > fragmentEnd) return 'change outside the fragment';

  // Before: blank and comment lines, then a content line without `#` (its comment could belong to us).
  let cursor = lineStart;
  for (;;) {
    if (cursor === 0) return 'first node of the text';
    const previousStart = lineStartOf(oldText, cursor - 1);
    const line = oldText.slice(previousStart, cursor - 1);
    cursor = previousStart;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (line.includes('#')) return 'comment on the line before';
    if (/^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) return 'first node of a document';
    if (line.includes('\t') || line.includes('\r')) return 'tab or carriage return before';
    break;
  }

  // After (the same in both texts): blank lines, then a content line that is not more indented than the
  // fragment's first line and cannot continue it.
  let blankLinesAfter = false;
  let next = fragmentEnd;
  for (;;) {
    if (next >= oldText.length) break;
    const end = lineEndOf(oldText, next);
    const line = oldText.slice(next, end);
    if (line.trim() === '') {
      if (line.includes('\t') || line.includes('\r')) return 'tab or carriage return after';
      blankLinesAfter = true;
      next = end + 1;
      continue;
    }
    const indent = indentAt(oldText, next);
    const first = line.charAt(indent);
    if (first === '#') return 'comment after the fragment';
    if (first === '\t') return 'tab after the fragment';
    if (indent > column) return 'next line more indented';
    // At the same column, a `- ` after a pair can be its value (a sequence at its key's indentation); after
    // an item it is the next item. `? ` and `: ` (explicit keys) are not handled.
    if (indent === column && (candidate.kind === 'pair' ? /^[-?:](\s|$)/ : /^[?:](\s|$)/).test(line.slice(indent))) return 'next line could continue the fragment';
    break;
  }
  return { blankLinesAfter };
}

interface Replacement {
  /** The new item node or pair, with ranges in the new text. */
  readonly target: Node | Pair;
  readonly nodeEnd: number;
}

/** Parses the new text of the fragment on its own and checks that it is the same kind of node, cleanly. */
function parseFragment(candidate: Candidate, fragment: string, blankLinesAfter: boolean, oldText: string): Replacement | string {
  const { column, lineStart } = candidate;
  if (/[\t\r\uFEFF]/.test(fragment)) return 'tab, carriage return or BOM in the fragment';
  // Every line after the first is blank or more indented than the first; the last one is not blank.
  const lines = fragment.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return 'empty fragment';
  const firstLine = lines[0]!;
  if (indentAt(firstLine, 0) !== column) return 'indentation changed';
  if (/^(---|\.\.\.)(\s|$)/.test(firstLine) || firstLine.startsWith('%') || firstLine.trimStart().startsWith('#')) return 'document marker or comment';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      if (i === lines.length - 1) return 'fragment ends with a blank line';
      continue;
    }
    if (indentAt(line, 0) <= column) return 'a line of the fragment leaves its indentation';
  }
  // A node that ends with a comment (an empty value with a comment, a comment line after a collection)
  // extends over the next line's indentation in the whole text: the end would differ.
  if (lines[lines.length - 1]!.includes('#')) return 'the fragment ends with a comment';

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(fragment, YAML_PARSE_OPTIONS) as Document.Parsed[];
  } catch {
    return 'the fragment does not parse';
  }
  if (!Array.isArray(docs) || docs.length !== 1) return 'the fragment is not one document';
  const doc = docs[0]!;
  if (doc.errors.length > 0 || doc.warnings.length > 0) return 'the fragment has errors or warnings';
  if (doc.commentBefore || doc.comment || !defaultDirectives(doc)) return 'comments or directives around the fragment';
  const contents = doc.contents as Node | null;
  if (!isCollection(contents) || contents.flow || contents.items.length !== 1 || !contents.range) return 'the fragment is not one block entry';
  if (contents.commentBefore || contents.comment || contents.spaceBefore || contents.anchor || contents.tag) return 'properties on the fragment';
  if (contents.range[0] !== column) return 'the fragment starts elsewhere';

  let target: Node | Pair;
  let nodeEnd: number | undefined;
  const old = candidate.target;
  let oldHead: Node;
  let newHead: Node;
  if (candidate.kind === 'item') {
    if (!isSeq(contents)) return 'no longer a sequence item';
    const item = contents.items[0] as Node | null;
    if (!item || !item.range) return 'empty item';
    if (Object.getPrototypeOf(item) !== Object.getPrototypeOf(old)) return 'the item changed its kind';
    target = item;
    nodeEnd = item.range[2];
    oldHead = old as Node;
    newHead = item;
  } else {
    if (!isMap(contents)) return 'no longer a mapping pair';
    const pair = contents.items[0] as Pair<Node | null, Node | null>;
    const key = pair.key;
    if (!isScalar(key) || !key.range || key.range[0] !== column) return 'the key is not a plain scalar at the same column';
    if (key.value === '<<') return 'merge key';
    // `uniqueKeys`: the new key must not equal a sibling's (the composer compares scalar values).
    const siblings = (candidate.parent as { items: Pair<Node | null, Node | null>[] }).items;
    for (let i = 0; i < siblings.length; i++) {
      if (i === candidate.index) continue;
      const siblingKey = siblings[i]!.key;
      if (!isScalar(siblingKey)) return 'a sibling key is not a scalar';
      if (siblingKey.value === key.value) return 'duplicate key';
    }
    target = pair as Pair;
    nodeEnd = pairEnd(pair);
    oldHead = (old as Pair<Node, Node | null>).key;
    newHead = key;
  }
  if (nodeEnd === undefined) return 'no end';
  // The same tail after the node (nothing, or the newline) as before.
  if (fragment.length - nodeEnd !== candidate.fragmentEnd - candidate.nodeEnd) return 'the node ends elsewhere';

  const oldScan = scan(old);
  const newScan = scan(target);
  if (oldScan.unsafe || newScan.unsafe) return 'anchors, aliases, tags or multi-line flow collections';
  if (blankLinesAfter && (oldScan.blockScalar || newScan.blockScalar)) return 'block scalar before blank lines';
  if (newScan.spansLine.some(([start, end]) => fragment.slice(start, end).includes('\n'))) return 'a flow collection spans lines';
  if (oldScan.spansLine.some(([start, end]) => oldText.slice(start, end).includes('\n'))) return 'a flow collection spanned lines';

  // The comment and blank lines before the fragment are the old node's; the new one parsed without them.
  if (newHead.commentBefore !== undefined || newHead.spaceBefore !== undefined) return 'the fragment has its own leading comment';
  if (oldHead.commentBefore !== undefined) newHead.commentBefore = oldHead.commentBefore;
  if (oldHead.spaceBefore !== undefined) newHead.spaceBefore = oldHead.spaceBefore;

  shiftInPlace(target, lineStart);
  return { target, nodeEnd: nodeEnd + lineStart };
}

interface Scan {
  unsafe: boolean;
  blockScalar: boolean;
  /** Ranges of flow collections (relative to the text they were parsed from). */
  spansLine: [number, number][];
}

/** Looks through a subtree for what the re-parse does not handle. */
function scan(root: Node | Pair): Scan {
  const out: Scan = { unsafe: false, blockScalar: false, spansLine: [] };
  const visitNode = (node: unknown): void => {
    if (node === null || node === undefined || out.unsafe) return;
    if (isPair(node)) {
      visitNode(node.key);
      visitNode(node.value);
      return;
    }
    if (isAlias(node)) {
      out.unsafe = true;
      return;
    }
    const n = node as Node;
    if (n.anchor !== undefined || n.tag !== undefined) {
      out.unsafe = true;
      return;
    }
    if (isScalar(n)) {
      if (n.type === Scalar.BLOCK_LITERAL || n.type === Scalar.BLOCK_FOLDED) out.blockScalar = true;
      return;
    }
    if (isCollection(n)) {
      if (n.flow && n.range) out.spansLine.push([n.range[0], n.range[1]]);
      for (const item of n.items) visitNode(item);
      return;
    }
    out.unsafe = true;
  };
  visitNode(root);
  return out;
}

/** Adds `delta` to every range of a fresh subtree (the fragment's own nodes). */
function shiftInPlace(root: Node | Pair, delta: number): void {
  const visitNode = (node: unknown): void => {
    if (node === null || node === undefined) return;
    if (isPair(node)) {
      visitNode(node.key);
      visitNode(node.value);
      return;
    }
    const n = node as Node;
    if (n.range) n.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
    if (isCollection(n)) for (const item of n.items) visitNode(item);
  };
  visitNode(root);
}

/** The node-type tag `yaml` puts on every node, pair and document (`Symbol.for`, so shared across copies of the package). */
const NODE_TYPE = Symbol.for('yaml.node.type');

/**
 * A copy of an object of any `yaml` class, with the same prototype and properties. The enumerable
 * properties are copied with `Object.assign` (fast: this runs for every node after the change); the
 * non-enumerable ones `yaml` defines are its node-type tag and a collection's `schema`. Anything else
 * (an alias, a document) is copied through its property descriptors.
 */
function copyOf<T extends object>(value: T): T {
  if (isScalar(value) || isPair(value) || isCollection(value)) {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(value) as object) as object, value) as T;
    Object.defineProperty(copy, NODE_TYPE, { value: (value as Record<symbol, unknown>)[NODE_TYPE] });
    if (isCollection(value)) Object.defineProperty(copy, 'schema', { value: value.schema, configurable: true, enumerable: false, writable: true });
    return copy;
  }
  return Object.create(Object.getPrototypeOf(value) as object, Object.getOwnPropertyDescriptors(value)) as T;
}

/** A deep copy of a subtree after the change, its ranges moved by `delta`. */
function shiftedCopy<T>(node: T, delta: number): T {
  if (node === null || node === undefined || typeof node !== 'object') return node;
  if (isPair(node)) {
    const copy = copyOf(node);
    copy.key = shiftedCopy(node.key, delta);
    copy.value = shiftedCopy(node.value, delta);
    return copy as T;
  }
  const n = node as unknown as Node;
  const copy = copyOf(n);
  if (n.range) copy.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
  if (isCollection(n)) (copy as { items: unknown[] }).items = n.items.map((item) => shiftedCopy(item, delta));
  return copy as unknown as T;
}

/**
 * The documents of the new text: those before the edited one as they were, the edited one with the
 * path to the fragment copied (later siblings shifted, the fragment replaced), the later ones shifted.
 */
function splice(
  documents: readonly Document.Parsed[],
  docIndex: number,
  path: readonly Candidate[],
  depth: number,
  candidate: Candidate,
  replacement: Replacement,
  delta: number,
): Document.Parsed[] | string {
  // Offsets of the ancestors (collections and the document) around the fragment: before its node's
  // start they stay, at its old end they become its new end, after the fragment they move by delta.
  const oldStart = candidate.lineStart + candidate.column;
  const mapOffset = (offset: number): number | undefined => {
    if (offset <= oldStart) return offset;
    if (offset === candidate.nodeEnd) return replacement.nodeEnd;
    if (offset >= candidate.fragmentEnd) return offset + delta;
    return undefined;
  };
  const mapRange = (range: readonly [number, number, number]): [number, number, number] | undefined => {
    const a = mapOffset(range[0]);
    const b = mapOffset(range[1]);
    const c = mapOffset(range[2]);
    return a === undefined || b === undefined || c === undefined ? undefined : [a, b, c];
  };

  // From the fragment up: each ancestor collection is copied with its items after the child shifted.
  let child: Node | Pair = replacement.target;
  for (let level = depth; level >= 0; level--) {
    const step = path[level]!;
    const parent = step.parent as Node & { items: unknown[] };
    if (!parent.range) return 'an ancestor without a range';
    const range = mapRange(parent.range);
    if (!range) return 'an ancestor ends inside the fragment';
    const copy = copyOf(parent);
    copy.range = range;
    copy.items = parent.items.map((item, index) => (index < step.index ? item : index === step.index ? child : shiftedCopy(item, delta)));
    if (level === 0) {
      child = copy;
      break;
    }
    // The parent is the value of the pair (or the item) one level up.
    const holder = path[level - 1]!;
    if (holder.kind === 'item') {
      child = copy;
    } else {
      const pair = copyOf(holder.target as Pair);
      pair.value = copy;
      child = pair;
    }
  }

  const oldDoc = documents[docIndex]!;
  const docRange = mapRange(oldDoc.range);
  if (!docRange) return 'the document ends inside the fragment';
  const newDoc = copyOf(oldDoc);
  newDoc.contents = child as Node as Document.Parsed['contents'];
  newDoc.range = docRange;
  newDoc.errors = [];
  newDoc.warnings = [];

  const out: Document.Parsed[] = [];
  for (let i = 0; i < documents.length; i++) {
    const doc = documents[i]!;
    if (i < docIndex) out.push(doc);
    else if (i === docIndex) out.push(newDoc);
    else {
      const shifted = copyOf(doc);
      shifted.contents = shiftedCopy(doc.contents, delta);
      shifted.range = [doc.range[0] + delta, doc.range[1] + delta, doc.range[2] + delta];
      shifted.errors = [];
      shifted.warnings = [];
      out.push(shifted);
    }
  }
  return out;
}
