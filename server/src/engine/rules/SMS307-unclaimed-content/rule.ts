import { defineRule, ruleCode } from '../rule';
import type { Fix } from '../../types';
import { claimAnchor, claimFix } from '../../features/createDocument';
import { uncoveredSubclause } from '../SMS301-uncovered-subclause/uncovered';

/**
 * A document could evidence a subclause nobody evidences yet, but does not claim it: either it already
 * holds the content, or it is the document of the kind and type the catalogue names for the subclause.
 * Reported in that document (at its claims), so the claim is a fix of the file the user is in; the
 * uncovered-subclause finding on the manifest (SMS301) links here.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS307'),
    name: 'unclaimed-content',
    family: 'coverage',
    defaultSeverity: 'info',
    summary: 'A document could evidence an uncovered subclause but does not claim it.',
    fix: 'always',
    messages: {
      hasContent: '{document} already holds the content of {clause} {title}, which no document evidences yet: claim {clause} in metadata.satisfies.',
      rightKind: '{document} is the kind of document that evidences {clause} {title}, which no document evidences yet: claim {clause} and add its content.',
    },
    clauses: ['7.5.1', '7.5.4'],
    stability: 'preview',
  },
  phase: 'workspace',
  scope: { kind: 'subclause' },
  check(context) {
    // Without a manifest nothing tracks coverage (SMS305 says so).
    const uncovered = uncoveredSubclause(context);
    if (!uncovered) return;
    const { subclause, manifest, factory } = uncovered;
    // Only the unambiguous case is reported: the one document that holds the content, else the one
    // document of the right kind. With several, the manifest's SMS301 lists them all and the owner
    // chooses; a finding in each would be noise while an SMS is being built.
    const all = context.coverage.unclaimedEvidenceFor(subclause.id);
    const complete = all.filter((candidate) => candidate.complete);
    const chosen = complete.length > 0 ? complete : all;
    const candidate = chosen.length === 1 ? chosen[0] : undefined;
    // In the manifest's own file SMS301 already offers the claim.
    if (!candidate || candidate.uri === manifest.uri) return;
    const file = context.file(candidate.uri);
    const span = file && claimAnchor(file, candidate.documentId);
    if (!span) return;
    const fix: Fix | undefined = claimFix(factory, candidate.uri, candidate.documentId, subclause.id, candidate.complete, true);
    context.report(candidate.uri, {
      span,
      messageId: candidate.complete ? 'hasContent' : 'rightKind',
      args: { document: candidate.documentId ?? 'This document', clause: subclause.id, title: context.catalogueText.title(subclause.id) ?? subclause.title },
      data: { clauseId: subclause.id, requirementIds: subclause.requirements.map((r) => r.id) },
      related: [{ uri: manifest.uri, span: manifest.anchor, message: `${subclause.id} is reported as uncovered on the manifest (SMS301).` }],
      fixes: fix ? [fix] : [],
    });
  },
});
