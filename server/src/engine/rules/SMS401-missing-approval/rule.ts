import { defineRule, ruleCode } from '../rule';
import { fileFix } from '../support';
import { metadataOf, stringField, valueSpanOf } from './documentControl';

/**
 * An approved document must say who approved which version and when (ISO/IEC 20000-1 7.5.2 c):
 * `status: approved` without `metadata.approval` is blamed on the status value.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS401'),
    name: 'missing-approval',
    family: 'document-control',
    defaultSeverity: 'warning',
    summary: 'A document marked approved records no approval (who approved which version, and when).',
    fix: 'always',
    messages: {
      missingApproval: '{id} is marked approved but records no approval (who approved which version, and when) (7.5.2 c).',
    },
    clauses: ['7.5.2', '7.5.3'],
    stability: 'preview',
  },
  phase: 'document',
  check({ file, document, report }) {
    const metadata = metadataOf(document);
    if (!metadata) return;
    if (stringField(metadata.value, 'status') !== 'approved' || metadata.value['approval'] !== undefined) return;
    const span = valueSpanOf(metadata.node, 'status');
    if (!span) return;
    report({
      span,
      messageId: 'missingApproval',
      args: { id: document.id ?? 'This document' },
      // Recording an approval that did not happen would be false evidence, so the only fix
      // offered is the honest one: the document is not approved yet.
      fixes: [fileFix(file, 'Change the status to in-review', [{ span, newText: 'in-review' }], { preferred: false, safety: 'unsafe' })],
    });
  },
});
