// Shared by the document-control rules (SMS401–SMS404): the metadata block of a document as plain
// values next to the YAML pairs a finding points at, and calendar arithmetic on YYYY-MM-DD dates.
// Dates are compared as strings of that form and computed with Date.UTC, which reads no clock.
import type { Node, Pair } from 'yaml';
import type { SmsDocument } from '../../parse/parseFile';
import { findPair, nodeSpan } from '../../parse/yamlNodes';
import { isJsonObject, type JsonObject } from '../../schema/schemaTree';
import type { Span } from '../../types';

export interface MetadataView {
  readonly value: JsonObject;
  /** The `metadata` mapping node. */
  readonly node: Node | null | undefined;
  readonly pair: Pair<Node, Node | null>;
}

export function metadataOf(document: SmsDocument): MetadataView | undefined {
  if (!isJsonObject(document.value)) return undefined;
  const value = document.value['metadata'];
  const pair = findPair(document.yaml.contents as Node | null, 'metadata');
  if (!isJsonObject(value) || !pair) return undefined;
  return { value, node: pair.value, pair };
}

export function stringField(value: JsonObject, key: string): string | undefined {
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

/** The span of the value of `key` in a mapping node, or of the key when the value is empty. */
export function valueSpanOf(map: Node | null | undefined, key: string): Span | undefined {
  const pair = findPair(map, key);
  if (!pair) return undefined;
  return nodeSpan(pair.value ?? undefined) ?? nodeSpan(pair.key);
}

export function keySpanOf(map: Node | null | undefined, key: string): Span | undefined {
  return nodeSpan(findPair(map, key)?.key);
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(text: string | undefined): text is string {
  return text !== undefined && DATE_PATTERN.test(text);
}

function dateParts(date: string): [number, number, number] {
  const match = DATE_PATTERN.exec(date);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [1970, 1, 1];
}

/** `2026-01-31` + 1 month = `2026-02-28`: the day is clamped to the length of the target month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const daysInMonth = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, daysInMonth)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = dateParts(from);
  const [y2, m2, d2] = dateParts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}
