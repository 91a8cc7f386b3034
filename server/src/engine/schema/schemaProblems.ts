// Turns ajv errors into SchemaProblems that point at what a user would edit: the key of a
// property that is not allowed, the parent's key for a missing property, the value for a wrong
// type, enum, pattern or format. Combinator noise (anyOf/oneOf/if) is collapsed here, once.
import type { ErrorObject } from 'ajv';
import type { Node, Pair } from 'yaml';
import { isPair, isScalar, isMap, isSeq } from '../parse/yamlRuntime';
import type { Span } from '../types';
import { nodeSpan, pointerSegments, readablePath, walkPath } from '../parse/yamlNodes';
import { isJsonObject, type JsonObject, type SchemaNode } from './schemaTree';

export interface SchemaProblem {
  readonly keyword: string;
  /** Path segments of the instance the error is about (for `required` and `additionalProperties`: the object). */
  readonly segments: readonly string[];
  /** A readable path such as `spec.services[2]`; empty for the document root. */
  readonly path: string;
  /** The property concerned: the last path segment, or the missing/unknown property. */
  readonly property: string | undefined;
  readonly params: JsonObject;
  /** The schema that applies to the instance (for allowed properties, enum values, descriptions). */
  readonly schemaNode: SchemaNode | undefined;
  /** A message the schema gives for a failed `pattern` (`patternErrorMessage`), if any. */
  readonly patternErrorMessage: string | undefined;
  /** The value at the instance path, as validated. */
  readonly value: unknown;
  /** Where the finding points. */
  readonly span: Span;
  /** The YAML node of the instance (the object for required/additionalProperties). */
  readonly node: Node | null | undefined;
  /** The mapping entry whose value is the instance, when the instance is a property value. */
  readonly ownerPair: Pair<Node, Node | null> | undefined;
}

const DROPPED_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'not', '$ref', 'then', 'else']);

/**
 * `root` is the document's top-level node, `rootSpan` where problems of the root itself point
 * (the `kind` value of an SMS document), `schemaRoot` the schema the value was validated with.
 */
export function toSchemaProblems(errors: readonly ErrorObject[], root: Node | null, rootSpan: Span, schemaRoot: SchemaNode, rootValue: unknown): SchemaProblem[] {
  const kept = collapseCombinators(errors);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    if (DROPPED_KEYWORDS.has(error.keyword)) continue;
    const problem = toProblem(error, root, rootSpan, schemaRoot, rootValue);
    const key = `${problem.keyword}|${problem.span.start}|${problem.span.end}|${problem.property ?? ''}|${JSON.stringify(problem.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject, root: Node | null, rootSpan: Span, schemaRoot: SchemaNode, rootValue: unknown): SchemaProblem {
  const segments = pointerSegments(error.instancePath);
  const steps = walkPath(root, segments);
  const reachedAll = steps.length === segments.length;
  const lastStep = steps[steps.length - 1];
  const node: Node | null | undefined = segments.length === 0 ? root : reachedAll ? lastStep?.node : undefined;
  const params = (isJsonObject(error.params) ? error.params : {}) as JsonObject;
  const schemaNode = schemaAt(schemaRoot, segments);
  // The validated value at the path, read from our own plain value (validators are not verbose).
  const value = valueAt(rootValue, segments);
  const patternMessage = schemaNode?.first('patternErrorMessage');
  const patternErrorMessage = typeof patternMessage === 'string' ? patternMessage : undefined;
  const fallback = (): Span => deepestSpan(steps) ?? rootSpan;

  let span: Span;
  let property: string | undefined = propertyName(segments);
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      property = String(params['additionalProperty'] ?? params['unevaluatedProperty'] ?? '');
      span = keySpanIn(node, property) ?? fallback();
      break;
    }
    case 'propertyNames': {
      property = String(params['propertyName'] ?? '');
      span = keySpanIn(node, property) ?? fallback();
      break;
    }
    case 'required':
    case 'dependentRequired': {
      property = String(params['missingProperty'] ?? '');
      span = ownerSpanOfObject(segments, steps, node, rootSpan) ?? fallback();
      break;
    }
    default: {
      span = valueSpan(segments, steps, node, reachedAll) ?? fallback();
    }
  }
  const ownerPair = reachedAll && segments.length > 0 ? lastStep?.pair : undefined;
  return { keyword: error.keyword, segments, path: readablePath(segments), property, params, schemaNode, patternErrorMessage, value, span, node, ownerPair };
}

/** The name a user sees for the last segment: `satisfies[2]` rather than `2`. */
function propertyName(segments: readonly string[]): string | undefined {
  const last = segments[segments.length - 1];
  if (last === undefined || !/^\d+$/.test(last)) return last;
  let name = `[${last}]`;
  for (let i = segments.length - 2; i >= 0; i--) {
    const segment = segments[i]!;
    if (/^\d+$/.test(segment)) name = `[${segment}]${name}`;
    else return `${segment}${name}`;
  }
  return name;
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isJsonObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** The schema node at an instance path, following properties and items. */
export function schemaAt(root: SchemaNode, segments: readonly string[]): SchemaNode | undefined {
  let current: SchemaNode | undefined = root;
  for (const segment of segments) {
    if (!current) return undefined;
    current = /^\d+$/.test(segment) ? (current.items() ?? current.property(segment)) : current.property(segment);
  }
  return current;
}

function keySpanIn(node: Node | null | undefined, key: string): Span | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return nodeSpan(item.key as Node);
  }
  return undefined;
}

/** For a missing property: the key whose value is the object; for array items, the item's first key. */
function ownerSpanOfObject(segments: readonly string[], steps: ReturnType<typeof walkPath>, node: Node | null | undefined, rootSpan: Span): Span | undefined {
  if (segments.length === 0) return rootSpan;
  const lastStep = steps.length === segments.length ? steps[steps.length - 1] : undefined;
  if (lastStep?.pair) return nodeSpan(lastStep.pair.key as Node);
  if (isMap(node)) {
    const first = node.items[0];
    if (first && isPair(first)) return nodeSpan(first.key as Node);
    const span = nodeSpan(node);
    if (span) return { start: span.start, end: Math.min(span.end, span.start + 1) };
  }
  return nodeSpan(node ?? undefined);
}

/** For a wrong value: the value; for an empty value, its key. */
function valueSpan(segments: readonly string[], steps: ReturnType<typeof walkPath>, node: Node | null | undefined, reachedAll: boolean): Span | undefined {
  if (!reachedAll) return deepestSpan(steps);
  const lastStep = steps[steps.length - 1];
  const isEmptyScalar = node === null || node === undefined || (isScalar(node) && node.value === null && (nodeSpan(node)?.end ?? 0) === (nodeSpan(node)?.start ?? 0));
  if (isEmptyScalar && lastStep?.pair) return nodeSpan(lastStep.pair.key as Node);
  if (segments.length === 0) return undefined;
  return nodeSpan(node ?? undefined);
}

function deepestSpan(steps: ReturnType<typeof walkPath>): Span | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (!step) continue;
    if (step.pair) return nodeSpan(step.pair.key as Node);
    const span = nodeSpan(step.node ?? undefined);
    if (span) return span;
  }
  return undefined;
}

/**
 * For each failing anyOf/oneOf, keep the errors of the one branch the user most likely meant:
 * the branch whose type matched and which has the fewest errors. When every branch failed only on
 * its type, the branch errors become one `type` error listing every accepted type.
 */
function collapseCombinators(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinatorErrors = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  if (combinatorErrors.length === 0) return [...errors];
  const drop = new Set<ErrorObject>();
  const add: ErrorObject[] = [];
  for (const combinator of combinatorErrors) {
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      const list = branches.get(branch) ?? [];
      list.push(error);
      branches.set(branch, list);
      drop.add(error);
    }
    if (branches.size === 0) continue;
    const lists = [...branches.values()];
    const onlyTypeErrors = lists.every((list) => list.every((error) => (error.keyword === 'type' || error.keyword === 'const' || error.keyword === 'enum') && error.instancePath === combinator.instancePath));
    if (onlyTypeErrors) {
      const types = new Set<string>();
      for (const list of lists) for (const error of list) {
        const type = error.params['type'];
        if (typeof type === 'string') types.add(type);
        else if (Array.isArray(type)) for (const t of type) types.add(String(t));
      }
      const first = lists[0]?.[0];
      if (first) add.push({ ...first, keyword: 'type', params: { type: [...types].join(',') } });
      continue;
    }
    const typeMatched = lists.filter((list) => !list.some((error) => error.keyword === 'type' && error.instancePath === combinator.instancePath));
    const candidates = typeMatched.length > 0 ? typeMatched : lists;
    candidates.sort((a, b) => a.length - b.length);
    add.push(...(candidates[0] ?? []));
  }
  return [...errors.filter((error) => !drop.has(error)), ...add];
}

export function describeValueType(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return 'text';
}

export function isYamlCollection(node: Node | null | undefined): boolean {
  return isMap(node) || isSeq(node);
}
