import { defineRule, ruleCode } from '../rule';
import { documentCoverage } from '../../coverage/coverage';
import { keySpanOf, metadataOf, stringField, valueSpanOf } from '../SMS401-missing-approval/documentControl';
import { readableList } from '../support';

/** Statuses of documents not (yet, or no longer) in force. */
const NOT_YET = new Set(['draft', 'in-review']);
const NO_LONGER = new Set(['superseded', 'withdrawn']);

/**
 * Evidence for an audit is documented information that is approved and in force (ISO/IEC 20000-1
 * 7.5.2 c, 7.5.3): a draft, in-review, superseded or withdrawn document whose claims resolve to
 * requirements is blamed on its status value, with the claims as a related location.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS404'),
    name: 'unapproved-evidence',
    family: 'document-control',
    defaultSeverity: 'warning',
    summary: 'A document that is not approved, or no longer in force, is claimed as evidence of requirements.',
    fix: 'none',
    messages: {
      notYetApproved: '{id} is {status} but claims {count} requirement(s) as evidence: {ids} (7.5.2 c).',
      noLongerInForce: '{id} is {status}, no longer in force, but still claims {count} requirement(s) as evidence: {ids} (7.5.3).',
    },
    clauses: ['7.5.2', '7.5.3'],
    stability: 'preview',
  },
  phase: 'document',
  check({ file, document, facts, catalogue, report }) {
    const metadata = metadataOf(document);
    if (!metadata) return;
    const status = stringField(metadata.value, 'status');
    if (status === undefined || !(NOT_YET.has(status) || NO_LONGER.has(status))) return;
    const claims = facts.claims;
    if (claims.length === 0) return;
    const contributions = documentCoverage(document, claims, catalogue).contributions;
    if (contributions.length === 0) return;
    const span = valueSpanOf(metadata.node, 'status');
    if (!span) return;
    const satisfiesSpan = keySpanOf(metadata.node, 'satisfies');
    report({
      span,
      messageId: NOT_YET.has(status) ? 'notYetApproved' : 'noLongerInForce',
      args: { id: document.id ?? 'This document', status, count: contributions.length, ids: readableList(contributions.map((c) => c.requirementId), 5) },
      data: { requirementIds: contributions.map((c) => c.requirementId) },
      related: satisfiesSpan ? [{ uri: file.uri, span: satisfiesSpan, message: 'The claims' }] : [],
    });
  },
});
