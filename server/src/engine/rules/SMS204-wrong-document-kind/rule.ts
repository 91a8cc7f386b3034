import { defineRule, ruleCode } from '../rule';
import { DOCUMENT_ENTITY } from '../../index/facts';

/** A document reference that resolves, but to a document of a kind that cannot play that part. */
export default defineRule({
  meta: {
    code: ruleCode('SMS204'),
    name: 'wrong-document-kind',
    family: 'reference',
    defaultSeverity: 'error',
    summary: 'A document reference names a document of the wrong kind.',
    fix: 'none',
    messages: { wrongKind: '`{id}` is {actual}, but {expected} is expected here.' },
    clauses: ['7.5.3'],
    stability: 'stable',
  },
  phase: 'reference',
  check({ uri, index, report }) {
    const facts = index.facts(uri);
    if (!facts) return;
    for (const reference of facts.references) {
      if (reference.type !== DOCUMENT_ENTITY || !reference.refKinds || reference.refKinds.length === 0) continue;
      const target = index.definitions(DOCUMENT_ENTITY, reference.id)[0];
      if (!target || target.documentKind === undefined || reference.refKinds.includes(target.documentKind)) continue;
      report({
        span: reference.span,
        messageId: 'wrongKind',
        args: { id: reference.id, actual: withArticle(target.documentKind), expected: reference.refKinds.map(withArticle).join(' or ') },
        related: [{ uri: target.uri, span: target.span, message: `${reference.id} is defined here.` }],
      });
    }
  },
});

function withArticle(kind: string): string {
  return `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
