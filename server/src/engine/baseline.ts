// Accepted gaps: a baseline file lists findings the SMS owner accepts for now, each with a
// mandatory justification and an optional expiry date. Matching findings are not reported; entries
// without a justification, past their expiry or matching nothing are findings themselves (SMS903).
//
//   # .sms-baseline.yaml
//   accepted:
//     - code: SMS301
//       file: sms.yaml
//       clause: 8.6.1
//       justification: The service desk contract moves to the new supplier in Q1; procedure follows.
//       expires: 2027-03-31
import type { Node } from 'yaml';
import { parseDocument, isMap, isSeq, isPair, isScalar } from './parse/yamlRuntime';
import type { Finding, Span } from './types';
import { nodeSpan } from './parse/yamlNodes';

export interface BaselineEntry {
  readonly code: string;
  /** POSIX path relative to the baseline file's folder. */
  readonly file: string;
  readonly clause: string | undefined;
  /** Matches when the finding's first message line starts with it. */
  readonly message: string | undefined;
  readonly justification: string | undefined;
  readonly expires: string | undefined;
  /** Where the entry is written (the list item), for findings about it. */
  readonly span: Span;
}

export interface Baseline {
  readonly entries: readonly BaselineEntry[];
  /** Problems of the file itself (not a list, an entry without code or file). */
  readonly invalid: readonly { readonly span: Span; readonly detail: string }[];
}

export function parseBaseline(text: string): Baseline {
  const entries: BaselineEntry[] = [];
  const invalid: { span: Span; detail: string }[] = [];
  const document = parseDocument(text, { prettyErrors: false });
  for (const error of document.errors) invalid.push({ span: { start: error.pos[0], end: error.pos[1] }, detail: error.message.split('\n')[0] ?? '' });
  const root = document.contents as Node | null;
  const list = isMap(root) ? (root.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === 'accepted')?.value as Node | null) : null;
  if (!isSeq(list)) {
    if (document.errors.length === 0) invalid.push({ span: nodeSpan(root ?? undefined) ?? { start: 0, end: 0 }, detail: 'the file needs an `accepted:` list' });
    return { entries, invalid };
  }
  for (const item of list.items) {
    const node = item as Node | null;
    const span = nodeSpan(node ?? undefined) ?? { start: 0, end: 0 };
    if (!isMap(node)) {
      invalid.push({ span, detail: 'each accepted finding is a mapping with code, file and justification' });
      continue;
    }
    const value = (key: string): string | undefined => {
      const pair = node.items.find((candidate) => isPair(candidate) && isScalar(candidate.key) && candidate.key.value === key);
      const scalar = pair?.value as Node | null | undefined;
      return isScalar(scalar) && scalar.value !== null && String(scalar.value).trim() !== '' ? String(scalar.value) : undefined;
    };
    const code = value('code');
    const file = value('file');
    if (!code || !file) {
      invalid.push({ span, detail: 'an accepted finding needs at least `code` and `file`' });
      continue;
    }
    entries.push({ code, file: file.replace(/^\.\//, ''), clause: value('clause'), message: value('message'), justification: value('justification'), expires: value('expires'), span });
  }
  return { entries, invalid };
}

export function entryMatches(entry: BaselineEntry, finding: Finding, relativePath: string): boolean {
  if (entry.code !== finding.code || entry.file !== relativePath) return false;
  if (entry.clause !== undefined && finding.data.clauseId !== entry.clause) return false;
  if (entry.message !== undefined && !(finding.message.split('\n')[0] ?? '').startsWith(entry.message)) return false;
  return true;
}

/** `file:///a/b/` + `file:///a/b/c/d.yaml` → `c/d.yaml`; undefined outside the folder. */
export function relativeToFolder(folderUri: string, uri: string): string | undefined {
  if (!uri.startsWith(folderUri)) return undefined;
  try {
    return decodeURIComponent(uri.slice(folderUri.length));
  } catch {
    return uri.slice(folderUri.length);
  }
}
