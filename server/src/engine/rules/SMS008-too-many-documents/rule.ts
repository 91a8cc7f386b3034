import { defineRule, ruleCode } from '../rule';

/** A file with more YAML documents than the limit: the rest are not checked. */
export default defineRule({
  meta: {
    code: ruleCode('SMS008'),
    name: 'too-many-documents',
    family: 'syntax',
    defaultSeverity: 'warning',
    summary: 'The file holds more documents than the configured limit; the rest are not checked.',
    fix: 'none',
    messages: { tooMany: 'Documents from here on are not checked ({detail}); split the file.' },
    clauses: [],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report }) {
    for (const problem of problems) if (problem.kind === 'too-many-documents') report({ span: problem.span, messageId: 'tooMany', args: { detail: problem.detail } });
  },
});
