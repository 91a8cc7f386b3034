import type { Node, Pair } from 'yaml';
import { isMap, isPair, isScalar } from '../../parse/yamlRuntime';
import { defineRule, ruleCode } from '../rule';
import { fileFix, readableList, suggest, whereText } from '../support';
import { removePairEdit } from '../../edits/yamlEdits';
import { nodeSpan } from '../../parse/yamlNodes';

/** A key the schema does not allow, usually a typo: blamed on the key, with the closest allowed key. */
export default defineRule({
  meta: {
    code: ruleCode('SMS101'),
    name: 'unknown-property',
    family: 'schema',
    defaultSeverity: 'error',
    summary: 'A property is not allowed at this place of the document.',
    fix: 'sometimes',
    messages: {
      unknown: 'Property `{property}` is not allowed {where}. Did you mean `{suggestion}`?',
      unknownNoSuggestion: 'Property `{property}` is not allowed {where}; allowed: {allowed}.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'schema',
  keywords: ['additionalProperties', 'unevaluatedProperties'],
  check({ problem, file, lines, report }) {
    const property = problem.property ?? '';
    const present = new Set<string>();
    if (isMap(problem.node)) for (const item of problem.node.items) if (isPair(item) && isScalar(item.key)) present.add(String(item.key.value));
    const allowed = [...(problem.schemaNode?.properties().keys() ?? [])];
    const candidates = allowed.filter((name) => !present.has(name));
    const suggestions = suggest(property, candidates, 3);
    const where = whereText(problem.path);
    const pair = isMap(problem.node) ? (problem.node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === property) as Pair<Node, Node | null> | undefined) : undefined;
    const fixes = [];
    for (const [index, suggestion] of suggestions.entries()) {
      fixes.push(fileFix(file, `Rename to ${suggestion}`, [{ span: problem.span, newText: suggestion }], { preferred: index === 0 && suggestions.length === 1 }));
    }
    const removal = pair ? removePairEdit(problem.node, pair, lines) : undefined;
    if (removal && nodeSpan(pair?.key as Node | undefined)) fixes.push(fileFix(file, `Remove property ${property}`, [removal], { preferred: false, safety: 'unsafe' }));
    const suggestion = suggestions[0];
    if (suggestion !== undefined) {
      report({ span: problem.span, messageId: 'unknown', args: { property, where, suggestion }, data: { suggestions }, fixes });
    } else {
      report({ span: problem.span, messageId: 'unknownNoSuggestion', args: { property, where, allowed: readableList(allowed.map((name) => `\`${name}\``), 12) }, fixes });
    }
  },
});
