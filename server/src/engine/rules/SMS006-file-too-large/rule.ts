import { defineRule, ruleCode } from '../rule';

/**
 * Files past the configured size, estimated node count or flow nesting are not parsed, so that one huge
 * or pathological file cannot stall the editor or CI (parse/structure.ts).
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS006'),
    name: 'file-too-large',
    family: 'syntax',
    defaultSeverity: 'error',
    summary: 'The file is larger or more deeply nested than the configured limits and was not checked.',
    fix: 'none',
    messages: { tooLarge: 'This file was not checked: {detail} (raise {setting} in .smsrc.yaml if it is genuine).' },
    clauses: [],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report }) {
    for (const problem of problems) if (problem.kind === 'file-too-large') report({ span: problem.span, messageId: 'tooLarge', args: { detail: problem.detail, setting: problem.setting ?? 'limits.maxFileSizeKB' } });
  },
});
