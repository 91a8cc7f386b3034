import { isScalar } from '../../parse/yamlRuntime';
import { defineRule, ruleCode } from '../rule';
import { fileFix, skeletonFor } from '../support';
import { eolOf, fillEmptyValueEdit, quoteScalarEdit } from '../../edits/yamlEdits';
import { describeValueType } from '../../schema/schemaProblems';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  object: 'a mapping of keys and values',
  array: 'a list',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

/** A value of the wrong type, blamed on the value; numbers where text is expected can be quoted. */
export default defineRule({
  meta: {
    code: ruleCode('SMS103'),
    name: 'wrong-type',
    family: 'schema',
    defaultSeverity: 'error',
    summary: 'A value has the wrong type.',
    fix: 'sometimes',
    messages: {
      wrongType: '`{property}` must be {expected}, but is {actual}.',
      quote: '`{property}` must be text, but YAML reads `{source}` as {actual}; quote it: "{source}".',
      empty: '`{property}` has no value; it must be {expected}.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'schema',
  keywords: ['type'],
  check({ problem, file, lines, skeleton, report }) {
    const expectedTypes = String(problem.params['type'] ?? '').split(',').filter((t) => t !== '');
    const expected = expectedTypes.map((type) => TYPE_WORDS[type] ?? type).join(' or ');
    const property = problem.property ?? problem.path;
    const actual = describeValueType(problem.value);
    if (problem.value === null || problem.value === undefined) {
      // An empty mapping value: offer to fill in its required properties.
      const skeletonValue = problem.schemaNode && expectedTypes.includes('object') ? skeletonFor(problem.schemaNode, skeleton) : undefined;
      const edit = problem.ownerPair && isPlainObject(skeletonValue) && Object.keys(skeletonValue).length > 0 ? fillEmptyValueEdit(problem.ownerPair, skeletonValue, lines, eolOf(file.text)) : undefined;
      report({ span: problem.span, messageId: 'empty', args: { property, expected }, fixes: edit ? [fileFix(file, `Add the required properties of ${property}`, [edit], { preferred: true })] : [] });
      return;
    }
    const node = problem.node;
    const scalarNotString = isScalar(node) && (typeof problem.value === 'number' || typeof problem.value === 'boolean');
    if (expectedTypes.includes('string') && scalarNotString && node) {
      const source = file.text.slice(problem.span.start, problem.span.end);
      const edit = quoteScalarEdit(node, file.text);
      report({ span: problem.span, messageId: 'quote', args: { property, source, actual }, fixes: edit ? [fileFix(file, `Quote as "${source}"`, [edit], { preferred: true })] : [] });
      return;
    }
    if (expectedTypes.includes('array') && isScalar(node) && problem.value !== null) {
      const source = file.text.slice(problem.span.start, problem.span.end);
      report({ span: problem.span, messageId: 'wrongType', args: { property, expected, actual }, fixes: [fileFix(file, `Make it a list: [${source}]`, [{ span: problem.span, newText: `[${source}]` }], { preferred: true })] });
      return;
    }
    report({ span: problem.span, messageId: 'wrongType', args: { property, expected, actual } });
  },
});

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
