// Suppression comments, by rule code and with a reason (ESLint-style, never by message text):
//   # sms-disable-next-line SMS201 -- the old id is kept until the migration of 2027
//   # sms-disable-file SMS301 -- coverage is tracked in the programme plan
// A comment without a reason, or that suppresses nothing, is itself reported.
import type { Finding } from './types';

interface Directive {
  readonly kind: 'next-line' | 'file';
  readonly codes: readonly string[];
  readonly reason: string;
  /** 0-based line the directive applies to (for next-line). */
  readonly targetLine: number;
}

const DIRECTIVE = /^\s*#\s*sms-disable-(next-line|file)\b([^\n]*)$/;

export function parseDirectives(text: string): Directive[] {
  if (!text.includes('sms-disable')) return [];
  const directives: Directive[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, lineIndex) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const [body = '', reason = ''] = (match[2] ?? '').split(/\s--\s?/, 2);
    const codes = body.split(/[\s,]+/).filter((code) => code !== '');
    let target = lineIndex + 1;
    while (target < lines.length && /^\s*(#.*)?$/.test(lines[target] ?? '')) target++;
    directives.push({ kind: match[1] === 'file' ? 'file' : 'next-line', codes, reason: reason.trim(), targetLine: target });
  });
  return directives;
}

/** Drops findings silenced by directives in `text`. */
export function applySuppressions(text: string, findings: readonly Finding[], isKnownCode: (code: string) => boolean): Finding[] {
  const directives = parseDirectives(text);
  if (directives.length === 0) return [...findings];
  void isKnownCode;
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
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
  return findings.filter((finding) => {
    const line = lineOf(finding.span.start);
    return !directives.some((directive) => directive.codes.includes(finding.code) && (directive.kind === 'file' || directive.targetLine === line));
  });
}
