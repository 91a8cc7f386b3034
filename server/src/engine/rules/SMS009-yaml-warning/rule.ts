import { defineRule, ruleCode } from '../rule';

/** YAML that parses but that the parser warns about, such as an unknown `!tag` (kept as plain text). */
export default defineRule({
  meta: {
    code: ruleCode('SMS009'),
    name: 'yaml-warning',
    family: 'syntax',
    defaultSeverity: 'warning',
    summary: 'The YAML parses, but the parser warns about something in it, such as an unknown tag.',
    fix: 'none',
    messages: { warning: 'YAML: {detail}.' },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report }) {
    for (const problem of problems) if (problem.kind === 'syntax-warning') report({ span: problem.span, messageId: 'warning', args: { detail: problem.detail } });
  },
});
