import { defineRule, ruleCode } from '../rule';

/** A document in an SMS file without our header is skipped; say so rather than ignore it silently. */
export default defineRule({
  meta: {
    code: ruleCode('SMS005'),
    name: 'missing-header',
    family: 'syntax',
    defaultSeverity: 'warning',
    summary: 'A document in an SMS file has no apiVersion/kind header and is not checked.',
    fix: 'none',
    messages: {
      missing: 'This document has no `apiVersion: iso20000.sms/v1` header, so it is not checked.',
      notMapping: 'This document is not a mapping, so it cannot be an SMS document and is not checked.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report }) {
    for (const problem of problems) {
      if (problem.kind !== 'missing-header') continue;
      report({ span: problem.span, messageId: problem.detail === 'not a mapping' ? 'notMapping' : 'missing' });
    }
  },
});
