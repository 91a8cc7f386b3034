import { defineRule, ruleCode } from '../rule';
import { fileFix, suggest } from '../support';
import { entityLabel } from '../SMS201-duplicate-id/rule';

/** A reference to an id nobody defines: blamed on the reference, with the closest existing id. */
export default defineRule({
  meta: {
    code: ruleCode('SMS202'),
    name: 'unresolved-reference',
    family: 'reference',
    defaultSeverity: 'error',
    summary: 'A reference names an id that is not defined anywhere in the workspace.',
    fix: 'sometimes',
    messages: {
      unresolved: 'No {entity} `{id}` is defined in the workspace. Did you mean `{suggestion}`?',
      unresolvedNoSuggestion: 'No {entity} `{id}` is defined in the workspace{hint}.',
    },
    clauses: ['7.5.3', '8.2.4', '8.3.3'],
    stability: 'stable',
  },
  phase: 'reference',
  check({ uri, version, index, report }) {
    const facts = index.facts(uri);
    if (!facts) return;
    for (const reference of facts.references) {
      if (index.definitions(reference.type, reference.id).length > 0) continue;
      const known = index.definitionsOfType(reference.type);
      const suggestions = suggest(reference.id, known.keys(), 3);
      const entity = entityLabel(reference.type).toLowerCase();
      const suggestion = suggestions[0];
      if (suggestion === undefined) {
        const hint = known.size === 0 ? `, and no ${entity} is defined at all` : '';
        report({ span: reference.span, messageId: 'unresolvedNoSuggestion', args: { entity, id: reference.id, hint } });
        continue;
      }
      report({
        span: reference.span,
        messageId: 'unresolved',
        args: { entity, id: reference.id, suggestion },
        data: { suggestions },
        fixes: suggestions.map((candidate, position) => fileFix({ uri, version }, `Change to ${candidate}`, [{ span: reference.span, newText: candidate }], { preferred: position === 0 && suggestions.length === 1 })),
      });
    }
  },
});
