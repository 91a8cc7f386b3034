import { defineRule, ruleCode } from '../rule';

/** Files past the configured size are not parsed, so that one huge file cannot stall the editor or CI. */
export default defineRule({
  meta: {
    code: ruleCode('SMS006'),
    name: 'file-too-large',
    family: 'syntax',
    defaultSeverity: 'error',
    summary: 'The file is larger than the configured limit and was not checked.',
    fix: 'none',
    messages: { tooLarge: 'This file was not checked: {detail} (raise limits.maxFileSizeKB in .smsrc.yaml if it is genuine).' },
    clauses: [],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report }) {
    for (const problem of problems) if (problem.kind === 'file-too-large') report({ span: problem.span, messageId: 'tooLarge', args: { detail: problem.detail } });
  },
});
