import { defineRule, ruleCode } from '../rule';

/** The same key twice in one mapping: YAML loaders silently keep only one of the values. */
export default defineRule({
  meta: {
    code: ruleCode('SMS002'),
    name: 'duplicate-key',
    family: 'syntax',
    defaultSeverity: 'error',
    summary: 'A mapping has the same key twice.',
    fix: 'none',
    messages: { duplicate: 'Key `{key}` appears twice in the same mapping; only one value would be kept.' },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'file',
  check({ problems, report, file }) {
    for (const problem of problems) {
      if (problem.kind !== 'duplicate-key') continue;
      const key = file.text.slice(problem.span.start, problem.span.end).replace(/:$/, '').trim() || 'this key';
      report({ span: problem.span, messageId: 'duplicate', args: { key } });
    }
  },
});
