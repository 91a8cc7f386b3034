import { defineRule, ruleCode } from '../rule';

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  date: 'a date written YYYY-MM-DD, e.g. 2026-03-31',
  'date-time': 'a date and time such as 2026-03-31T14:00:00Z',
  email: 'an e-mail address',
  uri: 'an absolute URI such as https://intranet.example/policy',
  'uri-reference': 'a URI or a relative path',
};

/** Text in the wrong shape (a pattern or a format), blamed on the value, explained in words. */
export default defineRule({
  meta: {
    code: ruleCode('SMS105'),
    name: 'invalid-format',
    family: 'schema',
    defaultSeverity: 'error',
    summary: 'A value does not have the required format.',
    fix: 'none',
    messages: {
      format: '`{value}` is not a valid `{property}`: it must be {expected}.',
      pattern: '`{value}` is not a valid `{property}`: {explanation}.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'schema',
  keywords: ['pattern', 'format'],
  check({ problem, report }) {
    const value = String(problem.value);
    const property = problem.property ?? problem.path;
    if (problem.keyword === 'format') {
      const format = String(problem.params['format'] ?? '');
      report({ span: problem.span, messageId: 'format', args: { value, property, expected: FORMAT_WORDS[format] ?? `in ${format} format` } });
      return;
    }
    const explanation = problem.patternErrorMessage?.replace(/\.$/, '') ?? `it must match the pattern ${String(problem.params['pattern'] ?? '')}`;
    report({ span: problem.span, messageId: 'pattern', args: { value, property, explanation } });
  },
});
