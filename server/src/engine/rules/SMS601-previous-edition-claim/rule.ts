import type { Node } from 'yaml';
import { isScalar, isSeq } from '../../parse/yamlRuntime';
import { defineRule, ruleCode } from '../rule';
import { fileFix } from '../support';
import { findPair, nodeSpan } from '../../parse/yamlNodes';
import type { TextEdit } from '../../types';
import type { LineIndex } from '../../text';

/** `2011:6.1`, `2005:8.2`, `2011:service-delivery`: an edition year, a colon, a clause or a process group. */
const PREVIOUS_EDITION_CLAIM = /^(2005|2011):([0-9][0-9.]*|[a-z]+(?:-[a-z]+)*)$/;

/**
 * A claim written against an earlier edition of ISO/IEC 20000-1 (`metadata.satisfies: ["2011:6.1"]`)
 * evidences nothing in the 2018 catalogue. The rule names the 2018 clauses the catalogue's edition
 * mapping gives for it, and migrates the claim to them. Process groups (`2011:resolution`) map to all
 * the clauses of their processes.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS601'),
    name: 'previous-edition-claim',
    family: 'edition',
    defaultSeverity: 'warning',
    summary: 'A claim names a clause or process group of an earlier edition of ISO/IEC 20000-1 instead of the 2018 edition.',
    fix: 'sometimes',
    messages: {
      mapped: '`{ref}` is {edition} {kind} {id} ({title}); in ISO/IEC 20000-1:2018 it maps to {targets}.{remark}',
      unknown: '`{ref}` is not a clause or process group of {edition}.',
    },
    clauses: ['7.5.1'],
    stability: 'preview',
  },
  phase: 'document',
  check({ file, lines, document, catalogue, report }) {
    const metadata = findPair(document.yaml.contents as Node | null, 'metadata')?.value;
    const satisfies = findPair(metadata, 'satisfies')?.value;
    if (!isSeq(satisfies)) return;
    const claimed = new Set(satisfies.items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [item.value] : [])));
    satisfies.items.forEach((item, itemIndex) => {
      if (!isScalar(item) || typeof item.value !== 'string') return;
      const match = PREVIOUS_EDITION_CLAIM.exec(item.value);
      const span = nodeSpan(item as Node);
      if (!match || !span) return;
      const [, year = '', id = ''] = match;
      const edition = `ISO/IEC 20000-1:${year}`;
      const clause = catalogue.previousEditionClauses.find((candidate) => candidate.edition === edition && candidate.id === id);
      const group = clause ? undefined : catalogue.previousEditionGroups.find((candidate) => candidate.edition === edition && candidate.id === id);
      const target = clause ?? group;
      if (!target) {
        report({ span, messageId: 'unknown', args: { ref: item.value, edition } });
        return;
      }
      const remark = clause?.remark;
      const mapsTo = target.mapsTo;
      const added = mapsTo.filter((clauseId) => !claimed.has(clauseId));
      const edits = added.length === 0 ? removeItemEdits(satisfies.flow === true, satisfies.items as Node[], itemIndex, lines) : [replaceItemEdit(satisfies.flow === true, span, added, lines)];
      report({
        span,
        messageId: 'mapped',
        args: { ref: item.value, edition, kind: clause ? 'clause' : 'process group', id, title: target.title, targets: mapsTo.join(', '), remark: remark ? ` ${remark}` : '' },
        fixes: edits.length > 0 ? [fileFix(file, added.length === 0 ? `Remove the ${year} claim (${mapsTo.join(', ')} already claimed)` : `Migrate to ${added.join(', ')}`, edits, { preferred: true })] : [],
      });
    });
  },
});

/** The claim replaced by the 2018 clause ids: more items in a flow list, more lines in a block list. */
function replaceItemEdit(flow: boolean, span: { start: number; end: number }, clauseIds: readonly string[], lines: LineIndex): TextEdit {
  const quoted = clauseIds.map((clauseId) => JSON.stringify(clauseId));
  if (flow) return { span, newText: quoted.join(', ') };
  const position = lines.positionAt(span.start);
  const lineText = lines.lineText(position.line);
  const dash = lineText.slice(0, position.character).lastIndexOf('-');
  const prefix = dash >= 0 ? lineText.slice(0, dash) : ' '.repeat(Math.max(0, position.character - 2));
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  return { span, newText: quoted.join(`${eol}${prefix}- `) };
}

/** Removes one item: with its separator in a flow list, its whole line in a block list. */
function removeItemEdits(flow: boolean, items: readonly Node[], itemIndex: number, lines: LineIndex): TextEdit[] {
  const span = nodeSpan(items[itemIndex]);
  if (!span) return [];
  if (flow) {
    const previous = nodeSpan(items[itemIndex - 1]);
    const next = nodeSpan(items[itemIndex + 1]);
    if (previous) return [{ span: { start: previous.end, end: span.end }, newText: '' }];
    if (next) return [{ span: { start: span.start, end: next.start }, newText: '' }];
    return [{ span, newText: '' }];
  }
  if (items.length === 1) return [];
  const line = lines.positionAt(span.start).line;
  const start = lines.lineStart(line);
  const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : lines.text.length;
  return [{ span: { start, end }, newText: '' }];
}
