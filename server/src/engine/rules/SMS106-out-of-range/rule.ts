import { defineRule, ruleCode } from '../rule';

/** A number, text or list outside its bounds: too few items, an empty text, a percentage above 100. */
export default defineRule({
  meta: {
    code: ruleCode('SMS106'),
    name: 'out-of-range',
    family: 'schema',
    defaultSeverity: 'error',
    summary: 'A value is outside its allowed range or size.',
    fix: 'none',
    messages: {
      minItems: '`{property}` must list at least {limit} item(s).',
      maxItems: '`{property}` may list at most {limit} item(s).',
      minLength: '`{property}` must not be shorter than {limit} character(s).',
      maxLength: '`{property}` must not be longer than {limit} characters.',
      minimum: '`{property}` must be at least {limit}, but is {value}.',
      maximum: '`{property}` must be at most {limit}, but is {value}.',
      exclusiveMinimum: '`{property}` must be greater than {limit}, but is {value}.',
      exclusiveMaximum: '`{property}` must be less than {limit}, but is {value}.',
      uniqueItems: '`{property}` lists the same value twice (items {first} and {second}).',
      multipleOf: '`{property}` must be a multiple of {limit}.',
      minProperties: '`{property}` must have at least {limit} entr(y/ies).',
      maxProperties: '`{property}` may have at most {limit} entries.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'schema',
  keywords: ['minItems', 'maxItems', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties'],
  check({ problem, report }) {
    const property = problem.property ?? (problem.path || 'the document');
    const limit = String(problem.params['limit'] ?? '');
    const messageId = problem.keyword as 'minItems';
    if (problem.keyword === 'uniqueItems') {
      report({ span: problem.span, messageId: 'uniqueItems', args: { property, first: Number(problem.params['j'] ?? 0) + 1, second: Number(problem.params['i'] ?? 0) + 1 } });
      return;
    }
    report({ span: problem.span, messageId, args: { property, limit, value: String(problem.value) } });
  },
});
