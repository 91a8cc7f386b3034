// Suppression comments, by rule code and with a reason (ESLint-style, never by message text):
//   # sms-disable-next-line SMS201 -- the old id is kept until the migration of 2027
//   # sms-disable-file SMS301 -- coverage is tracked in the programme plan
// A directive without a reason, naming an unknown code, or suppressing nothing is reported
// (rule SMS902), so that suppressions do not outlive their cause.
import type { Finding, Span } from './types';
import { ownCopy } from './index/strings';

export interface Directive {
  readonly kind: 'next-line' | 'file';
  readonly codes: readonly string[];
  readonly reason: string;
  /** 0-based line the directive applies to (for next-line). */
  readonly targetLine: number;
  /** Where the directive is written (the comment). */
  readonly span: Span;
}

export type DirectiveProblem = { readonly directive: Directive; readonly problem: 'unused' | 'no-reason' | 'unknown-code'; readonly code: string };

const DIRECTIVE = /^(\s*)(#\s*sms-disable-(next-line|file)\b([^\n\r]*))$/;

export function parseDirectives(text: string): Directive[] {
  if (!text.includes('sms-disable')) return [];
  const directives: Directive[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let offset = 0;
  const lineOffsets: number[] = [];
  for (const line of lines) {
    lineOffsets.push(offset);
    offset += line.length + (text[offset + line.length] === '\r' && text[offset + line.length + 1] === '\n' ? 2 : 1);
  }
  lines.forEach((line, lineIndex) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const [body = '', reason = ''] = (match[4] ?? '').split(/\s--(?:\s|$)/, 2);
    const codes = body.split(/[\s,]+/).filter((code) => code !== '');
    let target = lineIndex + 1;
    while (target < lines.length && /^\s*(#.*)?$/.test(lines[target] ?? '')) target++;
    const start = (lineOffsets[lineIndex] ?? 0) + (match[1]?.length ?? 0);
    directives.push({ kind: match[3] === 'file' ? 'file' : 'next-line', codes, reason: reason.trim(), targetLine: target, span: { start, end: start + (match[2]?.length ?? 0) } });
  });
  return directives;
}

/**
 * What suppression needs of a text, kept after the text itself is released: its directives and the
 * offsets where its lines start. Undefined for a text without directives (almost every file).
 */
export interface Suppressions {
  readonly directives: readonly Directive[];
  readonly lineStarts: readonly number[];
}

export function suppressionsOf(text: string): Suppressions | undefined {
  // Own copies of the strings: slices of the text would keep all of it alive.
  const directives = parseDirectives(text).map((d) => ({ ...d, codes: d.codes.map(ownCopy), reason: ownCopy(d.reason) }));
  if (directives.length === 0) return undefined;
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return { directives, lineStarts };
}

/** Drops findings silenced by directives in `text`; returns what is kept and the directives' own problems. */
export function applySuppressions(text: string, findings: readonly Finding[], isKnownCode: (code: string) => boolean): { kept: Finding[]; problems: DirectiveProblem[] } {
  return applyDirectives(suppressionsOf(text), findings, isKnownCode);
}

/** `applySuppressions` with the directives read from the text earlier (see `suppressionsOf`). */
export function applyDirectives(suppressions: Suppressions | undefined, findings: readonly Finding[], isKnownCode: (code: string) => boolean): { kept: Finding[]; problems: DirectiveProblem[] } {
  if (!suppressions) return { kept: [...findings], problems: [] };
  const { directives, lineStarts } = suppressions;
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const used = new Set<string>();
  const kept = findings.filter((finding) => {
    const line = lineOf(finding.span.start);
    const directive = directives.find((d) => d.codes.includes(finding.code) && (d.kind === 'file' || d.targetLine === line));
    if (!directive) return true;
    used.add(`${directive.span.start}|${finding.code}`);
    return false;
  });
  const problems: DirectiveProblem[] = [];
  for (const directive of directives) {
    if (directive.reason === '') problems.push({ directive, problem: 'no-reason', code: directive.codes.join(' ') });
    for (const code of directive.codes) {
      if (!isKnownCode(code)) problems.push({ directive, problem: 'unknown-code', code });
      else if (!used.has(`${directive.span.start}|${code}`)) problems.push({ directive, problem: 'unused', code });
    }
  }
  return { kept, problems };
}
