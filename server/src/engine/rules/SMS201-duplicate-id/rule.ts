import { defineRule, ruleCode } from '../rule';

/** The same id defined twice for one entity type: references become ambiguous. */
export default defineRule({
  meta: {
    code: ruleCode('SMS201'),
    name: 'duplicate-id',
    family: 'reference',
    defaultSeverity: 'error',
    summary: 'An identifier is defined more than once in the workspace.',
    fix: 'none',
    messages: {
      duplicate: '{entity} id `{id}` is already defined{where}; ids must be unique across the workspace.',
      firstDefinition: 'First definition of `{id}`.',
    },
    clauses: ['7.5.2', '7.5.3'],
    stability: 'stable',
  },
  phase: 'workspace',
  scope: { kind: 'entity', entityTypes: 'all' },
  check({ target, index, report }) {
    if (target.kind !== 'entity') return;
    const definitions = index.definitions(target.entityType, target.id);
    const first = definitions[0];
    if (!first || definitions.length < 2) return;
    for (const duplicate of definitions.slice(1)) {
      const where = first.documentId && first.documentId !== duplicate.documentId ? ` in ${first.documentId}` : first.uri === duplicate.uri ? ' in this file' : '';
      report(duplicate.uri, {
        span: duplicate.span,
        messageId: 'duplicate',
        args: { entity: entityLabel(target.entityType), id: target.id, where },
        related: [{ uri: first.uri, span: first.span, message: `First definition of ${target.id}.` }],
      });
    }
  },
});

export function entityLabel(entityType: string): string {
  const label = entityType.replace(/-/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}
