// Parsing never fails: it yields the documents and a list of syntax problems.
import type { Document } from 'yaml';
import { parseAllDocuments, isCollection, isMap, isPair, visit } from './yamlRuntime';
import type { DocUri, Span } from '../types';
import { findPair, scalarString, nodeSpan, type YamlNode } from './yamlNodes';
import { scanStructure } from './structure';
import { fastParseAllDocuments } from './fastYaml';

export const API_GROUP = 'iso20000.sms/';
export const SUPPORTED_API_VERSIONS: readonly string[] = ['iso20000.sms/v1'];
const HEADER_PATTERN = /^apiVersion:[ \t]*["']?iso20000\.sms\//m;

export interface ParseLimits {
  /** Texts longer than this (UTF-16 code units) are not parsed; a finding says so. */
  readonly maxFileLength: number;
  /** Aliases expanded when building plain values; more is treated as an alias bomb. */
  readonly maxAliasCount: number;
  /** Documents per file beyond this are not parsed (the text from the next `---` on is skipped). */
  readonly maxDocumentsPerFile: number;
  /** Estimated YAML nodes (lines + commas) beyond which a file is not parsed (parse/structure.ts). */
  readonly maxNodes: number;
  /** Flow collection nesting beyond which a file is not parsed. */
  readonly maxFlowDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  // Chosen so that any file within them parses in well under a second (docs/reliability.md).
  maxFileLength: 2 * 1024 * 1024,
  maxAliasCount: 1000,
  maxDocumentsPerFile: 200,
  maxNodes: 30000,
  maxFlowDepth: 1000,
};

export type SyntaxProblemKind = 'syntax-error' | 'syntax-warning' | 'duplicate-key' | 'file-too-large' | 'alias-limit' | 'too-many-documents' | 'missing-header';

export interface SyntaxProblem {
  readonly kind: SyntaxProblemKind;
  readonly span: Span;
  /** The parser's own explanation, first line only, without its "at line X" suffix. */
  readonly detail: string;
  readonly yamlCode?: string;
  /** For a limit: the `.smsrc.yaml` setting that raises it. */
  readonly setting?: string;
}

/** One SMS document of a file: a YAML document whose top level carries our header. */
export interface SmsDocument {
  readonly uri: DocUri;
  /** Position among the file's YAML documents (0-based). */
  readonly indexInFile: number;
  readonly yaml: Document.Parsed;
  /** The plain value used for schema validation; `undefined` when it could not be built safely. */
  readonly value: unknown;
  readonly apiVersion: string;
  readonly kind: string | undefined;
  /** `metadata.id`, when it is a string. */
  readonly id: string | undefined;
  /** Span of the whole document. */
  readonly span: Span;
  /** Span of the `kind` value, or of the `apiVersion` value: where document-level findings point. */
  readonly headerSpan: Span;
}

export interface ParsedFile {
  readonly uri: DocUri;
  readonly version: number;
  readonly text: string;
  /** True when the text is an SMS file: at least one document carries our header. */
  readonly isSms: boolean;
  readonly documents: readonly SmsDocument[];
  readonly syntaxProblems: readonly SyntaxProblem[];
}

/** True when the text carries our header somewhere (a file without it is not an SMS file). */
export function looksLikeSms(text: string): boolean {
  return HEADER_PATTERN.test(text.length > 4096 ? text.slice(0, 65536) : text) || HEADER_PATTERN.test(text);
}

/** The options of every parse with `yaml` (incremental re-parses of fragments use the same). */
export const YAML_PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, keepSourceTokens: false, logLevel: 'error' } as const;

export interface ParseOptions {
  /**
   * Try the fast parser for the YAML subset of SMS files first (parse/fastYaml.ts), falling back to
   * `yaml` outside it. Its trees carry no comments (`comment`, `commentBefore`, `spaceBefore`): only
   * for trees that are not kept for comment-aware work (the incremental re-parse reads them).
   */
  readonly fast?: boolean;
}

export function parseFile(uri: DocUri, version: number, text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS, options?: ParseOptions): ParsedFile {
  return parseFileWithDocuments(uri, version, text, limits, options).parsed;
}

/** `parseFile`, with every YAML document of the text (none when it is not parsed as YAML): the incremental re-parse keeps them. */
export function parseFileWithDocuments(uri: DocUri, version: number, text: string, limits: ParseLimits, options?: ParseOptions): { parsed: ParsedFile; yamlDocuments: readonly Document.Parsed[] } {
  const looksSms = looksLikeSms(text);
  if (text.length > limits.maxFileLength) {
    const parsed: ParsedFile = {
      uri,
      version,
      text,
      isSms: looksSms,
      documents: [],
      syntaxProblems: looksSms
        ? [{ kind: 'file-too-large', span: { start: 0, end: 0 }, detail: `${text.length} characters, limit ${limits.maxFileLength}` }]
        : [],
    };
    return { parsed, yamlDocuments: [] };
  }
  if (!looksSms) return { parsed: { uri, version, text, isSms: false, documents: [], syntaxProblems: [] }, yamlDocuments: [] };
  // Bound the parser's work before it starts (parse/structure.ts).
  const scan = scanStructure(text, limits);
  const refused = scan.nodes > limits.maxNodes
    ? { detail: `about ${scan.nodes} YAML nodes, limit ${limits.maxNodes}`, setting: 'limits.maxNodes' }
    : scan.maxFlowDepth > limits.maxFlowDepth
      ? { detail: `flow collections nested ${scan.maxFlowDepth} deep, limit ${limits.maxFlowDepth}`, setting: 'limits.maxFlowDepth' }
      : undefined;
  if (refused) return { parsed: { uri, version, text, isSms: true, documents: [], syntaxProblems: [{ kind: 'file-too-large', span: { start: 0, end: 0 }, ...refused }] }, yamlDocuments: [] };

  const problems: SyntaxProblem[] = [];
  let yamlDocuments: Document.Parsed[];
  try {
    // Documents past the limit are not even handed to the parser.
    const source = scan.cutAt === undefined ? text : text.slice(0, scan.cutAt);
    yamlDocuments = (options?.fast ? fastParseAllDocuments(source) : undefined) ?? (parseAllDocuments(source, YAML_PARSE_OPTIONS) as Document.Parsed[]);
    if (!Array.isArray(yamlDocuments)) yamlDocuments = [];
  } catch (error) {
    // The `yaml` package is not supposed to throw on any input; if it does, the file still gets an answer.
    problems.push({ kind: 'syntax-error', span: { start: 0, end: 0 }, detail: error instanceof Error ? error.message : String(error) });
    return { parsed: { uri, version, text, isSms: true, documents: [], syntaxProblems: problems }, yamlDocuments: [] };
  }
  const parsed = fromYamlDocuments(uri, version, text, yamlDocuments, limits);
  if (scan.cutAt === undefined || parsed.syntaxProblems.some((problem) => problem.kind === 'too-many-documents')) return { parsed, yamlDocuments };
  // Like a parsed document past the limit: the span runs from its `---` to the next document's.
  const next = text.slice(scan.cutAt + 3).search(/\n---(?=[ \t\r\n]|$)/);
  const marker = { start: scan.cutAt, end: next < 0 ? text.length : scan.cutAt + 3 + next + 1 };
  return { parsed: { ...parsed, syntaxProblems: [...parsed.syntaxProblems, { kind: 'too-many-documents', span: marker, detail: `limit ${limits.maxDocumentsPerFile}` }] }, yamlDocuments };
}

/**
 * The parsed file of an SMS text from `yaml`'s documents for it: syntax problems, SMS documents and
 * their plain values. Shared by the full parse and the incremental re-parse (parse/incremental.ts),
 * so that both derive exactly the same from the same documents.
 */
export function fromYamlDocuments(uri: DocUri, version: number, text: string, yamlDocuments: readonly Document.Parsed[], limits: ParseLimits): ParsedFile {
  const problems: SyntaxProblem[] = [];
  const documents: SmsDocument[] = [];
  for (let indexInFile = 0; indexInFile < yamlDocuments.length; indexInFile++) {
    const yamlDocument = yamlDocuments[indexInFile];
    if (!yamlDocument) continue;
    for (const error of yamlDocument.errors) {
      const span = error.code === 'DUPLICATE_KEY' ? (keySpanAt(yamlDocument, error.pos[0]) ?? { start: error.pos[0], end: error.pos[1] }) : { start: error.pos[0], end: error.pos[1] };
      problems.push({
        kind: error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax-error',
        span: clampSpan(span, text.length),
        detail: firstLine(error.message),
        yamlCode: error.code,
      });
    }
    for (const warning of yamlDocument.warnings) {
      problems.push({ kind: 'syntax-warning', span: clampSpan({ start: warning.pos[0], end: warning.pos[1] }, text.length), detail: firstLine(warning.message), yamlCode: warning.code });
    }
    if (indexInFile >= limits.maxDocumentsPerFile) {
      if (indexInFile === limits.maxDocumentsPerFile) {
        problems.push({ kind: 'too-many-documents', span: documentSpan(yamlDocument, text.length), detail: `limit ${limits.maxDocumentsPerFile}` });
      }
      continue;
    }
    const smsDocument = toSmsDocument(uri, indexInFile, yamlDocument, text.length, limits, problems);
    if (smsDocument) documents.push(smsDocument);
  }
  return { uri, version, text, isSms: true, documents, syntaxProblems: problems };
}

function toSmsDocument(
  uri: DocUri,
  indexInFile: number,
  yamlDocument: Document.Parsed,
  textLength: number,
  limits: ParseLimits,
  problems: SyntaxProblem[],
): SmsDocument | undefined {
  const contents = yamlDocument.contents as YamlNode | null;
  const span = documentSpan(yamlDocument, textLength);
  if (!isMap(contents)) {
    if (contents !== null && contents !== undefined) {
      problems.push({ kind: 'missing-header', span: nodeSpan(contents) ?? span, detail: 'not a mapping' });
    }
    return undefined;
  }
  const apiVersionPair = findPair(contents, 'apiVersion');
  const apiVersion = scalarString(apiVersionPair?.value);
  if (apiVersion === undefined || !apiVersion.startsWith(API_GROUP)) {
    const firstKey = contents.items[0]?.key as YamlNode | undefined;
    problems.push({ kind: 'missing-header', span: nodeSpan(firstKey) ?? span, detail: apiVersion ?? '' });
    return undefined;
  }
  const kindPair = findPair(contents, 'kind');
  const kind = scalarString(kindPair?.value);
  const metadataPair = findPair(contents, 'metadata');
  const id = scalarString(findPair(metadataPair?.value, 'id')?.value);
  let value: unknown;
  const collectionKey = firstCollectionKey(yamlDocument);
  if (collectionKey) {
    // A key that is itself a mapping or a sequence has no place in an SMS document, and turning it
    // into a plain value stringifies it at every level (minutes for `[{[{…` 500 deep): no value.
    problems.push({ kind: 'syntax-error', span: clampSpan(collectionKey, textLength), detail: 'a mapping key is a mapping or a sequence' });
    return { uri, indexInFile, yaml: yamlDocument, value: undefined, apiVersion, kind, id, span, headerSpan: nodeSpan(kindPair?.value) ?? nodeSpan(apiVersionPair?.value) ?? span };
  }
  try {
    value = yamlDocument.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount ("billion laughs").
    problems.push({ kind: 'alias-limit', span, detail: `more than ${limits.maxAliasCount} alias expansions` });
    value = undefined;
  }
  const headerSpan = nodeSpan(kindPair?.value) ?? nodeSpan(apiVersionPair?.value) ?? span;
  return { uri, indexInFile, yaml: yamlDocument, value, apiVersion, kind, id, span, headerSpan };
}

/**
 * The span of the first mapping key that is a collection, if any (in `visit`'s order: depth first, a
 * pair before its key and value). A plain recursion: `visit` costs several times more on large files.
 */
function firstCollectionKey(yamlDocument: Document.Parsed): Span | undefined {
  const search = (node: unknown): Span | undefined => {
    if (isPair(node)) {
      const key = node.key as YamlNode | null;
      if (isCollection(key)) return nodeSpan(key) ?? { start: 0, end: 0 };
      return search(key) ?? search(node.value);
    }
    if (isCollection(node)) {
      for (const item of node.items) {
        const found = search(item);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(yamlDocument.contents);
}

/** The full span of the mapping key starting at `offset` (the parser reports one character). */
function keySpanAt(yamlDocument: Document.Parsed, offset: number): Span | undefined {
  let found: Span | undefined;
  visit(yamlDocument, {
    Pair(_key, pair) {
      const key = pair.key as YamlNode | null;
      if (key?.range && key.range[0] === offset) {
        found = { start: key.range[0], end: key.range[1] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function documentSpan(yamlDocument: Document.Parsed, textLength: number): Span {
  const range = yamlDocument.range;
  return clampSpan({ start: range[0], end: range[1] }, textLength);
}

function clampSpan(span: Span, textLength: number): Span {
  const start = Math.max(0, Math.min(span.start, textLength));
  const end = Math.max(start, Math.min(span.end, textLength));
  return { start, end };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
