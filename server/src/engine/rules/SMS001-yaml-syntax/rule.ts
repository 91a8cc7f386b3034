import { defineRule, ruleCode } from '../rule';

/** YAML that does not parse: the parser's explanation at the position it stopped. */
export default defineRule({
  meta: {
    code: ruleCode('SMS001'),
    name: 'yaml-syntax',
    family: 'syntax',
    defaultSeverity: 'error',
    summary: 'The file is not valid YAML.',
    fix: 'none',
    messages: {
      error: 'YAML syntax error: {detail}.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report }) {
    for (const problem of problems) {
      if (problem.kind === 'syntax-error') report({ span: problem.span, messageId: 'error', args: { detail: problem.detail } });
    }
  },
});
