import { defineRule, ruleCode } from '../rule';
import { fileFix, skeletonFor } from '../support';
import { eolOf, insertPropertyEdit } from '../../edits/yamlEdits';

/** A required property is absent: blamed on the key of the object that lacks it; the fix inserts a skeleton. */
export default defineRule({
  meta: {
    code: ruleCode('SMS102'),
    name: 'missing-property',
    family: 'schema',
    defaultSeverity: 'error',
    summary: 'A required property is missing.',
    fix: 'always',
    messages: {
      missing: '`{object}` is missing the required property `{property}`{purpose}.',
      missingTop: 'The document is missing the required property `{property}`{purpose}.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'schema',
  keywords: ['required', 'dependentRequired'],
  check({ problem, file, lines, skeleton, report }) {
    const property = problem.property ?? '';
    const childSchema = problem.schemaNode?.properties().get(property);
    const description = childSchema?.description;
    const purpose = description ? ` (${shorten(description)})` : '';
    const value = childSchema ? skeletonFor(childSchema, skeleton) : 'TODO';
    const edit = insertPropertyEdit({ map: problem.node, owner: problem.ownerPair, key: property, value, lines, eol: eolOf(file.text) });
    const fixes = edit ? [fileFix(file, `Add ${property}`, [edit], { preferred: true })] : [];
    const objectName = problem.path === '' ? '' : problem.path;
    if (objectName === '') report({ span: problem.span, messageId: 'missingTop', args: { property, purpose }, data: { missing: [property] }, fixes });
    else report({ span: problem.span, messageId: 'missing', args: { object: objectName, property, purpose }, data: { missing: [property] }, fixes });
  },
});

/** The first sentence of a description, without parentheses, cut at a word boundary. */
function shorten(description: string): string {
  const sentence = (description.split(/(?<=\.)\s/)[0] ?? description).replace(/\s*\([^()]*\)/g, '').replace(/\.$/, '').trim();
  const lowered = sentence.charAt(0).toLowerCase() + sentence.slice(1);
  if (lowered.length <= 90) return lowered;
  const cut = lowered.slice(0, 90);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}
