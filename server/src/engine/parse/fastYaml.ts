// A fast parser for the YAML subset that SMS files use. It builds the very nodes that `yaml`'s
// `parseAllDocuments(text, YAML_PARSE_OPTIONS)` builds (its own Document, YAMLMap, YAMLSeq, Pair and
// Scalar classes, scalars resolved by the document schema's own tags, the same ranges), except for
// comment fields (`comment`, `commentBefore`, `spaceBefore`), which it never sets. Anything outside the
// subset, or anything `yaml` would report an error or a warning for, makes it return `undefined`, and
// the caller falls back to `yaml`. Written from `yaml` 2.x's lexer/parser/composer behaviour; the
// differential test (test/engine/fastYaml.test.ts) holds it to `yaml`'s output.
//
// The subset: block mappings and sequences (a sequence may sit at its parent key's indentation),
// compact `- key: value` mappings, single-line keys (plain or quoted), plain scalars (multi-line in
// block context), single-line quoted scalars, multi-line double-quoted scalars, one-line flow
// collections of scalars and flow collections, `|`/`>` block scalars with `-` or default chomping and
// no indentation indicator, full-line and trailing comments, blank lines and `---` between documents.
// Not supported (fall back): tabs, `\r`, a byte-order mark, anchors, aliases, tags, directives, `...`,
// explicit keys, multi-line keys or flow collections, empty documents, a document that is not a block
// mapping at column 0, duplicate keys, a comment after an empty value, and whatever the code below
// does not recognise.
import type { DocumentOptions, Schema } from 'yaml';
import { Composer, Document, Pair, Scalar, YAMLMap, YAMLSeq, isPair, isScalar } from './yamlRuntime';

/** The options `parseFile` gives `yaml` (duplicated from parseFile.ts to avoid an import cycle; the test checks they agree). */
export const FAST_YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, keepSourceTokens: false, logLevel: 'error' } as const;

/** Thrown (never escapes) when the text leaves the subset. */
const BAIL: { readonly bail: true } = { bail: true };
function bail(): never {
  throw BAIL;
}

interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  readonly resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
}

const SCALAR_KEY = Symbol.for('yaml.scalar');
/**
 * The core schema's tags with a `test`, in order, as `yaml` 2.x defines them. When the schema has exactly
 * these, a plain scalar whose first character cannot start any of them is a string without running the
 * tests (the result is the same; otherwise every test runs, as `yaml` does).
 */
const CORE_TESTS = [
  '^(?:~|[Nn]ull|NULL)?$',
  '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$',
  '^0o[0-7]+$',
  '^[-+]?[0-9]+$',
  '^0x[0-9a-fA-F]+$',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
];
/** First characters that can start a match of one of CORE_TESTS: ~ N n T t F f 0-9 + - . */
const MAY_BE_TYPED = new Uint8Array(128);
for (const ch of '~NnTtFf0123456789+-.') MAY_BE_TYPED[ch.charCodeAt(0)] = 1;

// Parser state (module-level for speed; `fastParseAllDocuments` is not re-entrant but never yields).
let src = '';
let len = 0;
let schema: Schema;
let tags: readonly ScalarTag[] = [];
let strTag: ScalarTag;
let coreShortcut = false;
let docOptions: unknown;
/** After a block node: start of the next content line (or of a `---` line, or `len`). */
let nLs = 0;
/** Indentation of that line; -1 at the end of the text or at a `---` line. */
let nInd = -1;
/** Greatest column of a comment in the pending trailing lines (`yaml`'s trailing empty item); -1 when none. */
let tMax = -1;
/** Whether there are pending trailing tokens (blank lines, comments, indentation) at all. */
let tExists = false;
/** Where those trailing tokens end (the first character of the next content line, `---` or `len`). */
let tEnd = 0;

const onTagError = (): void => bail();

/**
 * The documents of `text` as `yaml`'s `parseAllDocuments(text, YAML_PARSE_OPTIONS)` would compose them
 * (without comments), or `undefined` when the text is outside the supported subset.
 */
export function fastParseAllDocuments(text: string): Document.Parsed[] | undefined {
  try {
    return parseStream(text);
  } catch {
    return undefined;
  } finally {
    src = '';
  }
}

function parseStream(text: string): Document.Parsed[] | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  // Characters the subset does not handle anywhere: tab, carriage return, byte-order mark.
  if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0 || text.charCodeAt(0) === 0xfeff) return undefined;
  src = text;
  len = text.length;
  const composer = new Composer(FAST_YAML_OPTIONS);
  const directives = (composer as unknown as { directives: unknown }).directives;
  if (!directives) return undefined;
  const documents: Document.Parsed[] = [];
  let p = 0;
  let first = true;
  while (p < len) {
    // Lines before the document: blank and comment lines (stream level before the first document,
    // trailing lines of the previous one otherwise, which never reach here).
    let ls = p;
    for (;;) {
      let q = ls;
      while (q < len && src.charCodeAt(q) === 32) q++;
      if (q >= len) {
        ls = len;
        break;
      }
      const c = src.charCodeAt(q);
      if (c === 10 || c === 35) {
        if (c === 35 && q > ls && !first) bail();
        const e = src.indexOf('\n', q);
        ls = e < 0 ? len : e + 1;
        continue;
      }
      if (q !== ls) bail(); // content not at column 0
      break;
    }
    if (ls >= len) {
      if (first) return undefined; // no document at all
      break;
    }
    const docOffset = ls;
    let docStart = false;
    const c0 = src.charCodeAt(ls);
    if (c0 === 37 /* % */) bail();
    if (isMarker(ls, 46 /* . */)) bail();
    if (isMarker(ls, 45 /* - */)) {
      docStart = true;
      // Only spaces and a comment may follow `---` on its line.
      let q = ls + 3;
      while (q < len && src.charCodeAt(q) === 32) q++;
      if (q < len) {
        const c = src.charCodeAt(q);
        if (c === 35) {
          if (q === ls + 3) bail();
        } else if (c !== 10) bail();
      }
      const e = src.indexOf('\n', q);
      ls = e < 0 ? len : e + 1;
      // Blank and comment lines up to the content.
      for (;;) {
        let r = ls;
        while (r < len && src.charCodeAt(r) === 32) r++;
        if (r >= len) bail(); // empty document
        const c = src.charCodeAt(r);
        if (c === 10 || c === 35) {
          const e2 = src.indexOf('\n', r);
          ls = e2 < 0 ? len : e2 + 1;
          continue;
        }
        if (r !== ls) bail();
        break;
      }
      if (isMarker(ls, 45) || isMarker(ls, 46) || src.charCodeAt(ls) === 37) bail(); // empty document, `...`, directive
    } else if (!first && documents.length > 0) {
      bail(); // cannot happen: documents after the first start at `---`
    }
    const opts = Object.assign({ _directives: directives }, FAST_YAML_OPTIONS);
    const doc = new Document(undefined, opts as unknown as DocumentOptions) as unknown as Document.Parsed;
    if (!startDocument(doc)) return undefined;
    if (docStart) doc.directives.docStart = true;
    tMax = -1;
    tExists = false;
    const map = blockMap(ls, 0);
    if (nInd !== -1) bail();
    doc.contents = map as Document.Parsed['contents'];
    const contentEnd = map.range![2];
    doc.range = [docOffset, contentEnd, tExists ? tEnd : contentEnd];
    documents.push(doc);
    first = false;
    p = nLs;
    if (p < len && !isMarker(p, 45)) bail();
  }
  return documents.length > 0 ? documents : undefined;
}

/** Takes the document's schema for scalar resolution; false when it is not the plain core schema. */
function startDocument(doc: Document.Parsed): boolean {
  schema = doc.schema;
  if (schema.compat || schema.name !== 'core') return false;
  const s = schema as unknown as { [SCALAR_KEY]: ScalarTag; tags: ScalarTag[] };
  strTag = s[SCALAR_KEY];
  if (!strTag) return false;
  if (tags !== s.tags) {
    tags = s.tags;
    const tested = tags.filter((tag) => tag.test);
    coreShortcut = tested.length === CORE_TESTS.length && tested.every((tag, i) => tag.default === true && tag.test!.source === CORE_TESTS[i] && !tag.test!.flags);
  }
  docOptions = doc.options;
  return true;
}

/** `---` or `...` at `p` (a line start), followed by white space or the end. */
function isMarker(p: number, ch: number): boolean {
  if (src.charCodeAt(p) !== ch || src.charCodeAt(p + 1) !== ch || src.charCodeAt(p + 2) !== ch) return false;
  const c = src.charCodeAt(p + 3);
  return p + 3 >= len || c === 32 || c === 10;
}

// ---------------------------------------------------------------------------------------------------
// Node factories

// yaml's constructors give each node its type with Object.defineProperty, a slow path that was a third
// of this parser's time. Scalars and pairs are made from prototypes that carry the type instead: they
// are instances of yaml's classes with the same own properties, and yaml's isScalar/isPair (which read
// the type, own or inherited) recognise them. Checked once; the constructors are used otherwise.
const NODE_TYPE = Symbol.for('yaml.node.type');
const scalarPrototype: object = Object.create(Scalar.prototype, { [NODE_TYPE]: { value: Symbol.for('yaml.scalar') } });
const pairPrototype: object = Object.create(Pair.prototype, { [NODE_TYPE]: { value: Symbol.for('yaml.pair') } });
const prototypesWork = ((): boolean => {
  try {
    const scalar = Object.create(scalarPrototype) as Scalar;
    scalar.value = 'x';
    const pair = Object.create(pairPrototype) as Pair;
    pair.key = scalar;
    pair.value = null;
    const reference = new Pair(new Scalar('x'));
    return isScalar(scalar) && !isPair(scalar) && isPair(pair) && !isScalar(pair) && scalar instanceof Scalar && pair instanceof Pair && Object.keys(pair).join() === Object.keys(reference).join() && Object.keys(scalar).join() === Object.keys(reference.key as Scalar).join();
  } catch {
    return false;
  }
})();

function newScalar(value: unknown): Scalar {
  if (!prototypesWork) return new Scalar(value);
  const scalar = Object.create(scalarPrototype) as Scalar;
  scalar.value = value;
  return scalar;
}

function newPair(key: unknown, value: unknown): Pair {
  if (!prototypesWork) return new Pair(key, value);
  const pair = Object.create(pairPrototype) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

// ---------------------------------------------------------------------------------------------------
// Scalars

function plainScalar(value: string, start: number, valueEnd: number, nodeEnd: number, atKey: boolean): Scalar {
  let tag: ScalarTag = strTag;
  const c = value.charCodeAt(0);
  if (!coreShortcut || value.length === 0 || (c < 128 && MAY_BE_TYPED[c] === 1)) {
    tag = strTag;
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i]!;
      if ((t.default === true || (atKey && t.default === 'key')) && t.test && t.test.test(value)) {
        tag = t;
        break;
      }
    }
  }
  const res = tag.resolve(value, onTagError, docOptions);
  const scalar = isScalar(res) ? (res as Scalar) : newScalar(res);
  scalar.range = [start, valueEnd, nodeEnd];
  scalar.source = value;
  scalar.type = 'PLAIN';
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

function quotedScalar(value: string, type: 'QUOTE_DOUBLE' | 'QUOTE_SINGLE', start: number, valueEnd: number, nodeEnd: number): Scalar {
  const res = strTag.resolve(value, onTagError, docOptions);
  const scalar = isScalar(res) ? (res as Scalar) : newScalar(res);
  scalar.range = [start, valueEnd, nodeEnd];
  scalar.source = value;
  scalar.type = type;
  if (strTag.format) scalar.format = strTag.format;
  return scalar;
}

/** Set by the scanners: the end of the scanned token and its value. */
let tokEnd = 0;
let tokValue = '';

/** A single-quoted scalar starting at `p` on one line (when `probe`, tokEnd = -1 if it does not end on its line). */
function scanSingle(p: number, probe: boolean): void {
  let i = p + 1;
  let value = '';
  let chunk = i;
  for (;;) {
    if (i >= len) bail();
    const c = src.charCodeAt(i);
    if (c === 39) {
      if (src.charCodeAt(i + 1) === 39) {
        value += src.slice(chunk, i + 1);
        i += 2;
        chunk = i;
        continue;
      }
      break;
    }
    if (c === 10) {
      if (!probe) bail();
      tokEnd = -1;
      return;
    }
    i++;
  }
  tokValue = chunk === p + 1 ? src.slice(chunk, i) : value + src.slice(chunk, i);
  tokEnd = i + 1;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/**
 * A double-quoted scalar starting at `p`. It may span lines (folded as YAML does) when
 * `indentNext` > 0: every continuation line must be blank or indented by at least `indentNext`.
 * With `indentNext` < 0, tokEnd = -1 when it does not end on its line.
 */
function scanDouble(p: number, indentNext: number): void {
  let i = p + 1;
  let value = '';
  let chunk = i;
  for (;;) {
    if (i >= len) bail();
    const c = src.charCodeAt(i);
    if (c === 34) break;
    if (c === 92) {
      value += src.slice(chunk, i);
      const e = src[i + 1];
      if (e === undefined || e === '\n') bail();
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        i += 2;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) bail();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) bail();
        value += String.fromCodePoint(code);
        i += 2 + n;
      } else bail();
      chunk = i;
      continue;
    }
    if (c === 10) {
      if (indentNext < 0) {
        tokEnd = -1;
        return;
      }
      if (indentNext === 0) bail();
      // Fold: trailing spaces of this line go, one line break becomes a space, n breaks n-1 newlines.
      let t = i;
      while (t > chunk && src.charCodeAt(t - 1) === 32) t--;
      value += src.slice(chunk, t);
      let fold = '';
      let j = i;
      for (;;) {
        // j is at a line break
        let k = j + 1;
        while (k < len && src.charCodeAt(k) === 32) k++;
        if (k >= len) bail();
        const d = src.charCodeAt(k);
        if (d === 10) {
          fold += '\n';
          j = k;
          continue;
        }
        if (k - (j + 1) < indentNext) bail(); // the lexer would end the scalar here: an error
        if (d === 45 || d === 46) {
          // `---`/`...` only matter at column 0, which indentNext > 0 excludes.
        }
        i = k;
        break;
      }
      value += fold === '' ? ' ' : fold;
      chunk = i;
      continue;
    }
    i++;
  }
  tokValue = value + src.slice(chunk, i);
  tokEnd = i + 1;
}

/**
 * A plain scalar in block context starting at `p` (its first character already checked), possibly
 * over several lines (continuation lines indented by at least `indentNext`). Sets tokEnd (after its
 * last non-space character) and tokValue. A `: ` inside it is an error (bail).
 */
function scanPlainBlock(p: number, indentNext: number): void {
  // First line.
  let i = p;
  let end = p;
  for (;;) {
    if (i >= len) break;
    const c = src.charCodeAt(i);
    if (c === 10) break;
    if (c === 32) {
      if (src.charCodeAt(i + 1) === 35) break; // comment
      i++;
      continue;
    }
    if (c === 58) {
      const d = src.charCodeAt(i + 1);
      if (i + 1 >= len || d === 32 || d === 10) bail(); // `a: b: c`
    }
    i++;
    end = i;
  }
  if (i >= len || src.charCodeAt(i) !== 10) {
    tokEnd = end;
    tokValue = src.slice(p, end);
    return;
  }
  // Continuation lines: i is at the line break ending the first line.
  let value = '';
  let multi = false;
  let sep = ' ';
  let lineFrom = i + 1;
  for (;;) {
    // lineFrom: start of a candidate continuation line.
    let k = lineFrom;
    while (k < len && src.charCodeAt(k) === 32) k++;
    if (k >= len) break;
    const d = src.charCodeAt(k);
    if (d === 10) {
      // blank line: only part of the scalar if a continuation line follows
      lineFrom = k + 1;
      continue;
    }
    if (k - lineFrom < indentNext || d === 35) break;
    // A continuation line from k: scan it like the first.
    let j = k;
    let e = k;
    let comment = false;
    for (;;) {
      if (j >= len) break;
      const c = src.charCodeAt(j);
      if (c === 10) break;
      if (c === 32) {
        if (src.charCodeAt(j + 1) === 35) {
          comment = true;
          break;
        }
        j++;
        continue;
      }
      if (c === 58) {
        const f = src.charCodeAt(j + 1);
        if (j + 1 >= len || f === 32 || f === 10) bail();
      }
      j++;
      e = j;
    }
    if (!multi) {
      value = src.slice(p, end);
      multi = true;
    }
    // Blank lines between `end` and k: each one is a newline in the value (one break folds to a space).
    let breaks = 0;
    for (let b = end; b < k; b++) if (src.charCodeAt(b) === 10) breaks++;
    value += breaks === 1 ? sep : '\n'.repeat(breaks - 1);
    value += src.slice(k, e);
    end = e;
    if (comment || j >= len) break;
    lineFrom = j + 1;
  }
  tokEnd = end;
  tokValue = multi ? value : src.slice(p, end);
}

/**
 * After a value's last character at `p`: spaces, an optional comment (after at least one space), then
 * the line break or the end. Returns the position after the line break (or `len`).
 */
function restOfLine(p: number): number {
  let q = p;
  while (q < len && src.charCodeAt(q) === 32) q++;
  if (q >= len) return len;
  const c = src.charCodeAt(q);
  if (c === 10) return q + 1;
  if (c !== 35 || q === p) bail();
  const e = src.indexOf('\n', q);
  return e < 0 ? len : e + 1;
}

/**
 * Blank and comment lines from `p` (a line start) to the next content line. `n` is the indentation of
 * the innermost collection: when `absorb`, comment lines indented deeper than `n` (and blank lines
 * before them), up to the first comment that is not, belong to the preceding value (`yaml` appends
 * them to its end tokens); their end is returned (-1 when none). The rest are the trailing tokens
 * (tMax/tExists/tEnd); nLs/nInd describe the next content line.
 */
function scanGap(p: number, n: number, absorb: boolean): number {
  let absorbed = -1;
  let absorbing = absorb;
  let max = -1;
  let any = false;
  for (;;) {
    let q = p;
    while (q < len && src.charCodeAt(q) === 32) q++;
    if (q >= len) {
      if (q > p) any = true;
      nLs = len;
      nInd = -1;
      tEnd = len;
      break;
    }
    const c = src.charCodeAt(q);
    if (c === 10) {
      any = true;
      p = q + 1;
      continue;
    }
    if (c === 35) {
      const col = q - p;
      const e = src.indexOf('\n', q);
      const next = e < 0 ? len : e + 1;
      if (absorbing && col > n) {
        absorbed = next;
        any = false;
      } else {
        absorbing = false;
        any = true;
        if (col > max) max = col;
      }
      p = next;
      continue;
    }
    if (q === p && c === 45 && isMarker(p, 45)) {
      nLs = p;
      nInd = -1;
      tEnd = p;
      break;
    }
    if (q === p && c === 46 && isMarker(p, 46)) bail();
    if (q > p) any = true;
    nLs = p;
    nInd = q - p;
    tEnd = q;
    break;
  }
  tMax = max;
  tExists = any;
  return absorbed;
}

// ---------------------------------------------------------------------------------------------------
// Block collections

/** Whether `p` holds a block sequence indicator: `-` followed by a space, a line break or the end. */
function isSeqItem(p: number): boolean {
  if (src.charCodeAt(p) !== 45) return false;
  const c = src.charCodeAt(p + 1);
  return p + 1 >= len || c === 32 || c === 10;
}

/** Set by scanKey: the key node and the position after its `:`. */
let keyNode: Scalar;
let keyColonEnd = 0;

/**
 * A single-line implicit key at `p` followed by `:` and white space: sets keyNode/keyColonEnd and
 * returns true; false when the line at `p` is not a key (it may be a scalar), bails on what the
 * subset does not handle.
 */
function scanKey(p: number): boolean {
  const c = src.charCodeAt(p);
  let valueEnd: number;
  let q: number;
  let value: string;
  let type: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' = 'PLAIN';
  if (c === 34 || c === 39) {
    if (c === 34) scanDouble(p, -1);
    else scanSingle(p, true);
    if (tokEnd < 0) return false;
    valueEnd = tokEnd;
    value = tokValue;
    type = c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    q = valueEnd;
    while (q < len && src.charCodeAt(q) === 32) q++;
    if (src.charCodeAt(q) !== 58) return false;
  } else {
    if (!plainStartOk(p, false)) bail();
    let i = p;
    let end = p;
    for (;;) {
      if (i >= len) return false;
      const d = src.charCodeAt(i);
      if (d === 10) return false;
      if (d === 32) {
        if (src.charCodeAt(i + 1) === 35) return false;
        i++;
        continue;
      }
      if (d === 58) {
        const f = src.charCodeAt(i + 1);
        if (i + 1 >= len || f === 32 || f === 10) break;
      }
      i++;
      end = i;
    }
    q = i;
    valueEnd = end;
    value = src.slice(p, end);
  }
  // q is at the `:`
  const f = src.charCodeAt(q + 1);
  if (!(q + 1 >= len || f === 32 || f === 10)) bail();
  if (q - p > 1000) bail(); // KEY_OVER_1024_CHARS territory
  keyNode = type === 'PLAIN' ? plainScalar(value, p, valueEnd, valueEnd, true) : quotedScalar(value, type, p, valueEnd, valueEnd);
  keyColonEnd = q + 1;
  return true;
}

/** Whether a plain scalar may start at `p` (in flow context when `flow`). */
function plainStartOk(p: number, flow: boolean): boolean {
  const c = src.charCodeAt(p);
  switch (c) {
    case 35: // #
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case 58: // :
      return false;
    case 45: {
      // `-` followed by white space (or a flow indicator in flow context) is an indicator
      const d = src.charCodeAt(p + 1);
      if (p + 1 >= len || d === 32 || d === 10) return false;
      if (flow && (d === 44 || d === 91 || d === 93 || d === 123 || d === 125)) return false;
      return true;
    }
    case 10:
    case 32:
      return false;
    default:
      return p < len;
  }
}

function hasDuplicate(items: Pair[], key: Scalar): boolean {
  const value = key.value;
  for (let i = 0; i < items.length; i++) {
    const other = items[i]!.key as Scalar;
    if (other === key || other.value === value) return true;
  }
  return false;
}

/** A block mapping whose first key is at column `n` of the line starting at `ls`. */
function blockMap(ls: number, n: number): YAMLMap {
  const map = new YAMLMap(schema);
  const items = map.items as Pair[];
  const start = ls + n;
  let lineStart = ls;
  let end = start;
  for (;;) {
    if (!scanKey(lineStart + n)) bail();
    const key = keyNode;
    if (items.length > 0 && hasDuplicate(items, key)) bail();
    let p = keyColonEnd;
    while (p < len && src.charCodeAt(p) === 32) p++;
    let value: Scalar | YAMLMap | YAMLSeq;
    const c = src.charCodeAt(p);
    if (p >= len || c === 10) value = emptyOrNested(p, n, true, false);
    else if (c === 35) value = emptyOrNested(p, n, true, true);
    else value = inlineValue(p, n, n + 1);
    items.push(newPair(key, value));
    end = value.range![2];
    if (nInd === n) {
      lineStart = nLs;
      if (isSeqItem(lineStart + n)) bail();
      continue;
    }
    if (nInd > n) bail();
    break;
  }
  map.range = [start, end, collectionEnd(end, n)];
  return map;
}

/**
 * The node end of a block collection at column `n` whose last item ends at `end`: comment lines at or
 * beyond its indentation that follow it belong to it (and are consumed), as in `yaml`.
 */
function collectionEnd(end: number, n: number): number {
  if (n === 0 || tMax < n) return end;
  const commentEnd = tEnd;
  tMax = -1;
  tExists = false;
  return commentEnd;
}

/** A block sequence whose first `-` is at column `c` of the line starting at `ls`. */
function blockSeq(ls: number, c: number): YAMLSeq {
  const seq = new YAMLSeq(schema);
  const items = seq.items as unknown[];
  const start = ls + c;
  let lineStart = ls;
  let end = start;
  // Comments before a `-` are part of its item's properties: an empty item would end after them.
  let commentBefore = false;
  for (;;) {
    const dash = lineStart + c;
    let p = dash + 1;
    while (p < len && src.charCodeAt(p) === 32) p++;
    let item: Scalar | YAMLMap | YAMLSeq;
    const d = src.charCodeAt(p);
    if (p >= len || d === 10) item = emptyOrNested(p, c, false, commentBefore);
    else if (d === 35) item = emptyOrNested(p, c, false, true);
    else if (isSeqItem(p)) bail();
    else if (d === 91 || d === 123 || d === 124 || d === 62) item = inlineValue(p, c, c + 1);
    else if (scanKey(p)) item = blockMap(lineStart, p - lineStart);
    else item = inlineValue(p, c, c + 1);
    items.push(item);
    end = item.range![2];
    if (nInd === c && isSeqItem(nLs + c)) {
      lineStart = nLs;
      commentBefore = tMax >= 0;
      continue;
    }
    if (nInd > c) bail();
    break;
  }
  seq.range = [start, end, collectionEnd(end, c)];
  return seq;
}

/**
 * The value of `key:` or `-` with nothing more on its line (`p` at the line break or the end, or at a
 * comment when `comment`): a block collection on the next lines (indented deeper than `n`, or a
 * sequence at `n` under a mapping key), else an empty (null) scalar.
 */
function emptyOrNested(p: number, n: number, inMap: boolean, comment: boolean): Scalar | YAMLMap | YAMLSeq {
  const e = src.indexOf('\n', p);
  if (e < 0) {
    if (comment) bail();
    nLs = len;
    nInd = -1;
    tMax = -1;
    tExists = false;
    tEnd = len;
    return plainScalar('', p, p, p, false);
  }
  scanGap(e + 1, n, false);
  if (nInd > n) {
    const q = nLs + nInd;
    if (isSeqItem(q)) return blockSeq(nLs, nInd);
    if (scanKey(q)) return blockMap(nLs, nInd);
    bail(); // a scalar on the line after its key
  }
  if (inMap && nInd === n && isSeqItem(nLs + n)) return blockSeq(nLs, n);
  if (comment || tMax >= 0) bail(); // the comment would set the empty value's end
  tMax = -1;
  tExists = false;
  return plainScalar('', p, p, p, false);
}

/**
 * A value starting at `p` on the line of its key or `-`: a scalar or a flow collection (then the
 * rest of the line and the next blank/comment lines), or a block scalar. `n` is the indentation of
 * the collection holding it, `indentNext` the least indentation of its continuation lines.
 */
function inlineValue(p: number, n: number, indentNext: number): Scalar | YAMLMap | YAMLSeq {
  const c = src.charCodeAt(p);
  let node: Scalar | YAMLMap | YAMLSeq;
  let valueEnd: number;
  if (c === 34) {
    scanDouble(p, indentNext);
    valueEnd = tokEnd;
    node = quotedScalar(tokValue, 'QUOTE_DOUBLE', p, valueEnd, valueEnd);
  } else if (c === 39) {
    scanSingle(p, false);
    valueEnd = tokEnd;
    node = quotedScalar(tokValue, 'QUOTE_SINGLE', p, valueEnd, valueEnd);
  } else if (c === 91 || c === 123) {
    node = flowCollection(p, 0);
    valueEnd = tokEnd;
  } else if (c === 124 || c === 62) {
    return blockScalar(p, n, indentNext);
  } else {
    if (!plainStartOk(p, false)) bail();
    scanPlainBlock(p, indentNext);
    valueEnd = tokEnd;
    node = plainScalar(tokValue, p, valueEnd, valueEnd, false);
  }
  let nodeEnd = restOfLine(valueEnd);
  const absorbed = scanGap(nodeEnd, n, true);
  if (absorbed >= 0) nodeEnd = absorbed;
  node.range![2] = nodeEnd;
  return node;
}

/** A `|` or `>` block scalar whose header is at `p`. */
function blockScalar(p: number, n: number, indentNext: number): Scalar {
  const folded = src.charCodeAt(p) === 62;
  let q = p + 1;
  let strip = false;
  if (src.charCodeAt(q) === 45) {
    strip = true;
    q++;
  }
  // Only spaces and a comment (after a space) may follow the header.
  const h = q;
  while (q < len && src.charCodeAt(q) === 32) q++;
  if (q >= len) bail();
  let e = src.charCodeAt(q);
  if (e === 35) {
    if (q === h) bail();
    const nl = src.indexOf('\n', q);
    if (nl < 0) bail();
    q = nl;
    e = 10;
  }
  if (e !== 10) bail();
  // Content lines.
  let ls = q + 1;
  let indent = -1;
  let value = '';
  let sep = '';
  let lastEnd = -1; // end (after the line break) of the last content line
  let pendingBlank = 0;
  for (;;) {
    if (ls >= len) break;
    let k = ls;
    while (k < len && src.charCodeAt(k) === 32) k++;
    const d = k < len ? src.charCodeAt(k) : -1;
    if (d === 10 || d === -1) {
      if (k > ls) bail(); // a line of spaces: more-indented blank lines are not handled
      if (indent < 0) bail(); // leading blank line
      if (d === -1) break;
      pendingBlank++;
      ls = k + 1;
      continue;
    }
    const col = k - ls;
    if (indent < 0) {
      if (col < indentNext) bail(); // empty block scalar
      indent = col;
    } else if (col < indent) break;
    if (col > indent && folded) bail(); // more-indented folded lines
    const nl = src.indexOf('\n', k);
    const lineEnd = nl < 0 ? len : nl;
    const content = src.slice(ls + indent, lineEnd);
    if (folded) {
      if (lastEnd < 0) value = content;
      else value += (pendingBlank > 0 ? '\n'.repeat(pendingBlank) : sep) + content;
      sep = ' ';
    } else {
      value += lastEnd < 0 ? content : '\n'.repeat(pendingBlank + 1) + content;
    }
    pendingBlank = 0;
    lastEnd = nl < 0 ? len : nl + 1;
    if (nl < 0) break;
    ls = nl + 1;
  }
  if (lastEnd < 0) bail();
  if (!strip) value += '\n';
  const res = strTag.resolve(value, onTagError, docOptions);
  const scalar = isScalar(res) ? (res as Scalar) : newScalar(res);
  scalar.range = [p, lastEnd, lastEnd];
  scalar.source = value;
  scalar.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
  if (strTag.format) scalar.format = strTag.format;
  // Blank and comment lines after a block scalar are never appended to it.
  scanGap(lastEnd, n, false);
  return scalar;
}

// ---------------------------------------------------------------------------------------------------
// Flow collections (on one line)

/** A flow collection at `p` (`[` or `{`); sets tokEnd after its closing bracket. */
function flowCollection(p: number, depth: number): YAMLMap | YAMLSeq {
  if (depth > 64) bail();
  const isMap = src.charCodeAt(p) === 123;
  const close = isMap ? 125 : 93;
  const coll = isMap ? new YAMLMap(schema) : new YAMLSeq(schema);
  coll.flow = true;
  const items = coll.items as unknown[];
  let i = p + 1;
  while (i < len && src.charCodeAt(i) === 32) i++;
  if (src.charCodeAt(i) === close) {
    coll.range = [p, i + 1, i + 1];
    tokEnd = i + 1;
    return coll;
  }
  for (;;) {
    const first = flowItem(i, depth, isMap);
    let j = tokEnd;
    while (j < len && src.charCodeAt(j) === 32) j++;
    if (isMap) {
      if (!isScalar(first)) bail();
      if (src.charCodeAt(j) !== 58 || src.charCodeAt(j + 1) !== 32) bail();
      j += 2;
      while (j < len && src.charCodeAt(j) === 32) j++;
      const value = flowItem(j, depth, false);
      let k = tokEnd;
      while (k < len && src.charCodeAt(k) === 32) k++;
      value.range![2] = k;
      if (items.length > 0 && hasDuplicate(items as Pair[], first as Scalar)) bail();
      items.push(newPair(first, value));
      j = k;
    } else {
      first.range![2] = j;
      items.push(first);
    }
    const c = src.charCodeAt(j);
    if (c === 44) {
      j++;
      while (j < len && src.charCodeAt(j) === 32) j++;
      if (src.charCodeAt(j) === close) bail(); // trailing comma
      i = j;
      continue;
    }
    if (c === close) {
      coll.range = [p, j + 1, j + 1];
      tokEnd = j + 1;
      return coll;
    }
    bail();
  }
}

/** One scalar or nested flow collection inside a flow collection at `p`; sets tokEnd. */
function flowItem(p: number, depth: number, atKey: boolean): Scalar | YAMLMap | YAMLSeq {
  const c = src.charCodeAt(p);
  if (c === 34 || c === 39) {
    if (c === 34) scanDouble(p, 0);
    else scanSingle(p, false);
    return quotedScalar(tokValue, c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', p, tokEnd, tokEnd);
  }
  if (c === 91 || c === 123) return flowCollection(p, depth + 1);
  if (!plainStartOk(p, true)) bail();
  let i = p;
  let end = p;
  for (;;) {
    if (i >= len) bail();
    const d = src.charCodeAt(i);
    if (d === 10) bail();
    if (d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
    if (d === 32) {
      if (src.charCodeAt(i + 1) === 35) bail();
      i++;
      continue;
    }
    if (d === 58) {
      const f = src.charCodeAt(i + 1);
      if (i + 1 >= len || f === 32 || f === 10 || f === 44 || f === 91 || f === 93 || f === 123 || f === 125) break;
    }
    i++;
    end = i;
  }
  tokEnd = end;
  return plainScalar(src.slice(p, end), p, end, end, atKey);
}
