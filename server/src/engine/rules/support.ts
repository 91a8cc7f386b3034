// Small shared helpers for rules: "did you mean", readable lists, schema-driven skeletons.
import type { SchemaNode } from '../schema/schemaTree';

/** Damerau-Levenshtein distance (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i]![0] = i;
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * `editDistance` of two lower-case strings when it is at most `bound`, else `bound + 1`: rows are
 * abandoned once two in a row exceed the bound (a cell depends on the two rows above it). `suggest`
 * runs it against every id of a type, thousands in a large workspace.
 */
export function distanceWithin(s: string, t: string, bound: number): number {
  const cols = t.length + 1;
  let before = new Int32Array(cols);
  let previous = new Int32Array(cols);
  let current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s.charCodeAt(i - 1) === t.charCodeAt(j - 2) && s.charCodeAt(i - 2) === t.charCodeAt(j - 1)) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > bound && previousMin > bound) return bound + 1;
    previousMin = rowMin;
    const recycled = before;
    before = previous;
    previous = current;
    current = recycled;
  }
  const distance = previous[t.length]!;
  return distance <= bound ? distance : bound + 1;
}

/** The candidates close enough to `input` to be what the user meant, best first (at most `limit`). */
export function suggest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: { candidate: string; distance: number }[] = [];
  const lowered = input.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const loweredCandidate = candidate.toLowerCase();
    let distance: number;
    const threshold = Math.max(1, Math.min(4, Math.floor(Math.max(input.length, candidate.length) / 3)));
    const contains = lowered.length >= 4 && (loweredCandidate.includes(lowered) || lowered.includes(loweredCandidate));
    if (loweredCandidate === lowered) distance = 0;
    else if (Math.abs(candidate.length - input.length) > Math.max(3, input.length / 2)) continue;
    // The distance is at least the difference in length; past the threshold only its cap matters.
    else if (!contains && Math.abs(candidate.length - input.length) > threshold) continue;
    else distance = distanceWithin(lowered, loweredCandidate, threshold);
    if (distance <= threshold || contains) scored.push({ candidate, distance: contains ? Math.min(distance, threshold) : distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** `a, b and c`; long lists are cut with "and N more". */
export function readableList(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function code(text: string | number): string {
  return `\`${text}\``;
}

export interface SkeletonContext {
  /** Today's date (YYYY-MM-DD), for date placeholders. */
  readonly today: string;
  /** A known id of an entity type, for reference placeholders. */
  readonly firstIdOf: (entityType: string) => string | undefined;
}

/**
 * A starting value for a schema: its default, first example, first enum value, a known id for
 * references, or a placeholder of the right type; objects get their required properties.
 */
export function skeletonFor(node: SchemaNode, context: SkeletonContext, depth = 0): unknown {
  const explicitDefault = node.first('default');
  if (explicitDefault !== undefined) return explicitDefault;
  const annotations = node.annotations;
  if (annotations.ref) return context.firstIdOf(annotations.ref) ?? 'TODO';
  const choices = node.enumChoices;
  if (choices.length > 0) return choices[0]?.value;
  const types = node.types;
  const examples = node.first('examples');
  const firstExample = Array.isArray(examples) ? examples[0] : undefined;
  if (types.includes('object') || node.properties().size > 0) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const name of node.requiredProperties) {
      const child = node.properties().get(name);
      out[name] = child ? skeletonFor(child, context, depth + 1) : 'TODO';
    }
    return out;
  }
  if (types.includes('array')) {
    const minItems = node.first('minItems');
    const items = node.items();
    if (typeof minItems === 'number' && minItems > 0 && items) return [skeletonFor(items, context, depth + 1)];
    return [];
  }
  // Examples are real-looking values (ids, titles); a skeleton must not pass them off as the user's.
  if (typeof firstExample === 'number' && !types.includes('string')) return firstExample;
  if (types.includes('string')) {
    const format = node.first('format');
    if (format === 'date') return context.today;
    return 'TODO';
  }
  if (types.includes('integer') || types.includes('number')) {
    const minimum = node.first('minimum');
    return typeof minimum === 'number' ? minimum : 0;
  }
  if (types.includes('boolean')) return false;
  return 'TODO';
}

import type { Fix, TextEdit } from '../types';
import type { ParsedFile } from '../parse/parseFile';

/** A fix that edits only the file it was computed for, bound to that file's version. */
export function fileFix(file: Pick<ParsedFile, 'uri' | 'version'>, title: string, edits: readonly TextEdit[], options: { readonly preferred: boolean; readonly safety?: 'safe' | 'unsafe' }): Fix {
  return { title, isPreferred: options.preferred, safety: options.safety ?? 'safe', documentEdits: [{ uri: file.uri, version: file.version, edits }], createFiles: [] };
}

/** Where a schema problem is, in words: `in metadata`, `at the top of the document`. */
export function whereText(path: string): string {
  return path === '' ? 'at the top level of the document' : `in \`${path}\``;
}
