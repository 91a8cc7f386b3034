import { defineRule, ruleCode } from '../rule';
import { fileFix, readableList, suggest } from '../support';

/** A value outside the allowed set (an enum or a constant), blamed on the value, with the closest allowed one. */
export default defineRule({
  meta: {
    code: ruleCode('SMS104'),
    name: 'invalid-value',
    family: 'schema',
    defaultSeverity: 'error',
    summary: 'A value is not one of the allowed values.',
    fix: 'sometimes',
    messages: {
      invalid: '`{value}` is not an allowed value of `{property}`. Did you mean `{suggestion}`?',
      invalidNoSuggestion: '`{value}` is not an allowed value of `{property}`; allowed: {allowed}.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'schema',
  keywords: ['enum', 'const'],
  check({ problem, file, report }) {
    const allowedValues = problem.keyword === 'const' ? [problem.params['allowedValue']] : Array.isArray(problem.params['allowedValues']) ? (problem.params['allowedValues'] as unknown[]) : [];
    const allowed = allowedValues.map((v) => String(v));
    const value = typeof problem.value === 'object' ? JSON.stringify(problem.value) : String(problem.value);
    const property = problem.property ?? problem.path;
    const suggestions = suggest(value, allowed, 3);
    const fixes = suggestions.map((suggestion, index) => fileFix(file, `Change to ${suggestion}`, [{ span: problem.span, newText: suggestion }], { preferred: index === 0 && suggestions.length === 1 }));
    const suggestion = suggestions[0];
    if (suggestion !== undefined) report({ span: problem.span, messageId: 'invalid', args: { value, property, suggestion }, data: { suggestions }, fixes });
    else report({ span: problem.span, messageId: 'invalidNoSuggestion', args: { value, property, allowed: readableList(allowed.map((a) => `\`${a}\``), 12) }, data: { suggestions: allowed } });
  },
});
