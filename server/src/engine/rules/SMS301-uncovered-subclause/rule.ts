import { defineRule, ruleCode } from '../rule';
import type { Fix, RelatedLocation } from '../../types';
import { claimAnchor, claimFix, createDocumentFixFor } from '../../features/createDocument';
import { uncoveredSubclause } from './uncovered';

/**
 * One finding per subclause with requirements no document evidences or claims, on the manifest,
 * listing the missing requirement ids with their paraphrases. Fixes: create the document from the
 * subclause's template and register it, or claim the subclause in the manifest when the manifest has the
 * content. Documents elsewhere that could claim it are related locations (SMS307 fixes them in place).
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS301'),
    name: 'uncovered-subclause',
    family: 'coverage',
    defaultSeverity: 'warning',
    summary: 'No document evidences some requirements of a subclause of ISO/IEC 20000-1:2018.',
    fix: 'sometimes',
    messages: {
      uncovered: '{clause} {title}: no document evidences {count} of its {total} requirement(s): {ids}.{details}',
    },
    clauses: ['4.4', '7.5.1', '7.5.4'],
    stability: 'stable',
  },
  phase: 'workspace',
  scope: { kind: 'subclause' },
  check(context) {
    const uncovered = uncoveredSubclause(context);
    if (!uncovered) return;
    const { subclause, manifest, missing, factory } = uncovered;
    const { coverage, report } = context;
    const details = missing.map((r) => `\n  ${r.requirement.id}: ${context.catalogueText.requirement(r.requirement)}`).join('');
    const fixes: Fix[] = [];
    // A document of the right kind already exists: claim the subclause there (the partial-coverage
    // finding then says what content is missing) rather than create a second one. A fix edits only the
    // manifest's own file; a candidate elsewhere is pointed at, and SMS307 offers the claim in it.
    const candidates = coverage.unclaimedEvidenceFor(subclause.id);
    const related: RelatedLocation[] = [];
    for (const candidate of candidates) {
      if (candidate.uri === manifest.uri) {
        const fix = claimFix(factory, candidate.uri, candidate.documentId, subclause.id, candidate.complete, candidate.complete && candidates.length === 1);
        if (fix) fixes.push(fix);
        continue;
      }
      const candidateFile = context.file(candidate.uri);
      const span = candidateFile && claimAnchor(candidateFile, candidate.documentId);
      if (!span) continue;
      const what = candidate.complete ? 'has the content' : 'is the kind of document that evidences it';
      related.push({ uri: candidate.uri, span, message: `${candidate.documentId ?? 'This document'} ${what}: claim ${subclause.id} in its metadata.satisfies.` });
    }
    if (candidates.length === 0) {
      const createFix = createDocumentFixFor(factory, manifest, subclause, true);
      if (createFix) fixes.push(createFix);
    }
    report(manifest.uri, {
      span: manifest.anchor,
      messageId: 'uncovered',
      args: { clause: subclause.id, title: context.catalogueText.title(subclause.id) ?? subclause.title, count: missing.length, total: subclause.requirements.length, ids: missing.map((r) => r.requirement.id).join(', '), details },
      data: { clauseId: subclause.id, requirementIds: missing.map((r) => r.requirement.id) },
      related,
      fixes,
    });
  },
});

