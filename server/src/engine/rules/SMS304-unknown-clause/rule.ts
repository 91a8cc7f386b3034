import { defineRule, ruleCode } from '../rule';
import { fileFix, suggest } from '../support';

/** Ids that differ only by dots come first (`861` → `8.6.1`), then the closest by edit distance. */
function suggestClause(ref: string, ids: readonly string[]): string[] {
  const digits = (id: string): string => id.replace(/[.]/g, '');
  const sameDigits = ids.filter((id) => digits(id) === digits(ref) && id !== ref);
  if (sameDigits.length > 0) return sameDigits.slice(0, 3);
  return suggest(ref, ids.filter((id) => Math.abs(id.length - ref.length) <= 2 && id.length > 1), 3);
}

/** A claim of a clause or requirement id that the catalogue does not know. */
export default defineRule({
  meta: {
    code: ruleCode('SMS304'),
    name: 'unknown-clause',
    family: 'coverage',
    defaultSeverity: 'error',
    summary: 'A claim names a clause or requirement that ISO/IEC 20000-1:2018 does not have.',
    fix: 'sometimes',
    messages: {
      unknown: '`{ref}` is not a clause or requirement of ISO/IEC 20000-1:2018. Did you mean `{suggestion}`?',
      unknownNoSuggestion: '`{ref}` is not a clause or requirement of ISO/IEC 20000-1:2018 (clauses 4 to 10).',
    },
    clauses: ['7.5.1'],
    stability: 'stable',
  },
  phase: 'document',
  check({ facts, catalogue, file, report }) {
    for (const claim of facts.claims) {
      if (catalogue.resolveClaim(claim.ref)) continue;
      // Claims of an earlier edition ("2011:6.1") are SMS601's: it maps them to 2018 clauses.
      if (/^(2005|2011):/.test(claim.ref)) continue;
      const suggestions = suggestClause(claim.ref, [...catalogue.claimableIds()]);
      const suggestion = suggestions[0];
      if (suggestion === undefined) {
        report({ span: claim.span, messageId: 'unknownNoSuggestion', args: { ref: claim.ref } });
        continue;
      }
      report({
        span: claim.span,
        messageId: 'unknown',
        args: { ref: claim.ref, suggestion },
        data: { suggestions },
        fixes: suggestions.map((candidate, position) => fileFix(file, `Change to ${candidate}`, [{ span: claim.span, newText: JSON.stringify(candidate) }], { preferred: position === 0 && suggestions.length === 1 })),
      });
    }
  },
});
