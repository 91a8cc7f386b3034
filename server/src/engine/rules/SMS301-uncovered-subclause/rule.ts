import { defineRule, ruleCode } from '../rule';
import type { Fix } from '../../types';
import { findManifest } from '../../coverage/manifest';
import { claimFix, createDocumentFixFor, type DocumentFactoryContext } from '../../features/createDocument';

/**
 * One finding per subclause with requirements no document evidences or claims, on the manifest,
 * listing the missing requirement ids with their paraphrases. Fixes: create the document from the
 * subclause's template and register it, or add the claim to a document that already has the content.
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
    const { target, coverage, catalogue, report } = context;
    if (target.kind !== 'subclause') return;
    const subclause = catalogue.subclause(target.subclauseId);
    if (!subclause) return;
    const manifest = findManifest(context.index, context.file);
    if (!manifest) return;
    const subclauseCoverage = coverage.subclauseCoverage(subclause);
    const missing = subclauseCoverage.requirements.filter((r) => r.status === 'missing');
    if (missing.length === 0) return;
    const details = missing.map((r) => `\n  ${r.requirement.id}: ${context.catalogueText.requirement(r.requirement)}`).join('');
    const fixes: Fix[] = [];
    const factory: DocumentFactoryContext = { index: context.index, templates: context.templates, today: context.skeleton.today, file: context.file, lines: context.lines };
    // A document of the right kind already exists: claim the subclause there (the partial-coverage
    // finding then says what content is missing) rather than create a second one.
    const candidates = coverage.unclaimedEvidenceFor(subclause.id);
    for (const candidate of candidates) {
      const fix = claimFix(factory, candidate.uri, candidate.documentId, subclause.id, candidate.complete && candidates.length === 1);
      if (fix) fixes.push(fix);
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
      fixes,
    });
  },
});

