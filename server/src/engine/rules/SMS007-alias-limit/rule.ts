import { defineRule, ruleCode } from '../rule';

/** Aliases that expand past the limit ("billion laughs"): answered at once instead of exhausting memory. */
export default defineRule({
  meta: {
    code: ruleCode('SMS007'),
    name: 'alias-limit',
    family: 'syntax',
    defaultSeverity: 'error',
    summary: 'The document expands YAML aliases past the configured limit.',
    fix: 'none',
    messages: { tooMany: 'This document expands YAML aliases too often to be checked ({detail}); aliases are rarely needed in SMS documents.' },
    clauses: [],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report }) {
    for (const problem of problems) if (problem.kind === 'alias-limit') report({ span: problem.span, messageId: 'tooMany', args: { detail: problem.detail } });
  },
});
