import { defineRule, ruleCode } from '../rule';
import { fileFix } from '../support';
import { findPair, nodeSpan } from '../../parse/yamlNodes';
import { eolOf, insertPropertyEdit } from '../../edits/yamlEdits';
import type { TextEdit } from '../../types';
import { isJsonObject } from '../../schema/schemaTree';
import { addMonths, daysBetween, isDate, metadataOf, stringField, valueSpanOf } from '../SMS401-missing-approval/documentControl';

/** Documents in force are reviewed on a plan (ISO/IEC 20000-1 7.5.3, 7.5.2 c "review for suitability"). */
const IN_FORCE = new Set(['approved', 'in-review']);

/**
 * A document in force has a planned review that is not past (`metadata.nextReview`, compared with
 * the engine's today), that is not before its last review, and an approved document has one at
 * all. Fixes plan the next review at the last review plus `documentControl.reviewIntervalMonths`.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS403'),
    name: 'overdue-review',
    family: 'document-control',
    defaultSeverity: 'warning',
    summary: 'The planned review of a document in force is past, missing, or before its last review.',
    fix: 'sometimes',
    messages: {
      overdue: 'The review of {id} was due on {due}, {days} day(s) ago (7.5.3).',
      missingNextReview: '{id} is approved but has no planned review (metadata.nextReview) (7.5.3).',
      beforeLastReview: 'The next review of {id} ({next}) is before its last review ({last}).',
    },
    clauses: ['7.5.2', '7.5.3'],
    stability: 'preview',
  },
  phase: 'document',
  check({ file, lines, document, config, skeleton, report }) {
    const metadata = metadataOf(document);
    if (!metadata) return;
    const status = stringField(metadata.value, 'status');
    if (status === undefined || !IN_FORCE.has(status)) return;
    const id = document.id ?? 'This document';
    const today = skeleton.today;
    const interval = config.reviewIntervalMonths;
    const next = stringField(metadata.value, 'nextReview');
    const last = stringField(metadata.value, 'lastReview');
    const eol = eolOf(file.text);
    const planned = (from: string): string => {
      // Plan from the last review; if that is long past, from today, so the plan is not overdue at once.
      const candidate = addMonths(from, interval);
      return candidate < today ? addMonths(today, interval) : candidate;
    };

    if (next === undefined) {
      if (status !== 'approved') return;
      const span = nodeSpan(metadata.pair.key);
      if (!span) return;
      const approval = metadata.value['approval'];
      const approvedOn = isJsonObject(approval) ? stringField(approval, 'date') : undefined;
      const base = isDate(last) ? last : isDate(approvedOn) ? approvedOn : today;
      const date = planned(base);
      const edit = insertPropertyEdit({ map: metadata.node, owner: metadata.pair, key: 'nextReview', value: date, lines, eol });
      report({ span, messageId: 'missingNextReview', args: { id }, fixes: edit ? [fileFix(file, `Plan the next review for ${date}`, [edit], { preferred: true })] : [] });
      return;
    }
    if (!isDate(next)) return;
    const nextSpan = valueSpanOf(metadata.node, 'nextReview');
    if (!nextSpan) return;
    if (isDate(last) && next < last) {
      const date = planned(last);
      report({ span: nextSpan, messageId: 'beforeLastReview', args: { id, next, last }, fixes: [fileFix(file, `Plan the next review for ${date}`, [{ span: nextSpan, newText: date }], { preferred: true })] });
      return;
    }
    if (next >= today) return;
    // Recording a review is a claim that it happened, so this fix is offered, never preferred.
    const reviewedNext = addMonths(today, interval);
    const edits: TextEdit[] = [{ span: nextSpan, newText: reviewedNext }];
    const lastPair = findPair(metadata.node, 'lastReview');
    const lastSpan = nodeSpan(lastPair?.value ?? undefined);
    if (lastSpan) edits.push({ span: lastSpan, newText: today });
    else if (!lastPair) {
      const edit = insertPropertyEdit({ map: metadata.node, owner: metadata.pair, key: 'lastReview', value: today, lines, eol });
      if (edit) edits.push(edit);
    }
    report({
      span: nextSpan,
      messageId: 'overdue',
      args: { id, due: next, days: daysBetween(next, today) },
      fixes: [fileFix(file, `Record a review today (${today}) and plan the next for ${reviewedNext}`, edits, { preferred: false, safety: 'unsafe' })],
    });
  },
});
