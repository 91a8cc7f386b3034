import { defineRule, ruleCode } from '../rule';
import type { Contribution } from '../../coverage/coverage';

/**
 * A document claims a subclause or requirement but lacks the content the evidence rule asks for,
 * and nothing else evidences it: one finding per claim, naming what is missing per requirement.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS302'),
    name: 'partial-coverage',
    family: 'coverage',
    defaultSeverity: 'warning',
    summary: 'A document claims a clause without the content that evidences it.',
    fix: 'none',
    messages: {
      partial: '{document} claims {claim} but does not yet evidence {count} requirement(s): {ids}.{details}',
      // Parts of `partial`, formatted by the rule itself.
      needs: '{requirement} needs {missing}',
      thisDocument: 'This document',
    },
    clauses: ['7.5.1'],
    stability: 'stable',
  },
  phase: 'workspace',
  scope: { kind: 'subclause' },
  check({ target, coverage, catalogue, report, format }) {
    if (target.kind !== 'subclause') return;
    const subclause = catalogue.subclause(target.subclauseId);
    if (!subclause) return;
    const byClaim = new Map<string, Contribution[]>();
    for (const requirementCoverage of coverage.subclauseCoverage(subclause).requirements) {
      if (requirementCoverage.status !== 'partial') continue;
      for (const contribution of requirementCoverage.partial) {
        const key = `${contribution.uri}\u0000${contribution.claimSpan.start}`;
        const list = byClaim.get(key) ?? [];
        list.push(contribution);
        byClaim.set(key, list);
      }
    }
    for (const contributions of byClaim.values()) {
      const first = contributions[0];
      if (!first) continue;
      const details = contributions.map((c) => `\n  ${format('SMS302.needs', '{requirement} needs {missing}', { requirement: c.requirementId, missing: c.missing.map((m) => (m.includes(' ') ? m : `\`${m}\``)).join(', ') })}`).join('');
      report(first.uri, {
        span: first.claimSpan,
        messageId: 'partial',
        args: { document: first.documentId ?? format('SMS302.thisDocument', 'This document'), claim: first.claimRef, count: contributions.length, ids: contributions.map((c) => c.requirementId).join(', '), details },
        data: { clauseId: subclause.id, requirementIds: contributions.map((c) => c.requirementId), missing: [...new Set(contributions.flatMap((c) => c.missing))] },
      });
    }
  },
});
