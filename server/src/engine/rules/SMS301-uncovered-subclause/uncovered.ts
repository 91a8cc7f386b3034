// What the coverage rules on an uncovered subclause (SMS301 on the manifest, SMS307 in the document that
// could claim it) start from: the subclause of the target, the manifest, the requirements no document
// evidences or claims, and what the fixes need to build edits.
import type { Subclause } from '../../coverage/catalogue';
import type { RequirementCoverage } from '../../coverage/coverage';
import { findManifest, type ManifestLocation } from '../../coverage/manifest';
import type { DocumentFactoryContext } from '../../features/createDocument';
import type { WorkspaceRuleContext } from '../rule';

export interface UncoveredSubclause {
  readonly subclause: Subclause;
  readonly manifest: ManifestLocation;
  /** Requirements of the subclause with status `missing`; never empty. */
  readonly missing: readonly RequirementCoverage[];
  readonly factory: DocumentFactoryContext;
}

/** Undefined when the target is no subclause, nothing is missing, or there is no manifest (SMS305's case). */
export function uncoveredSubclause<M extends string>(context: WorkspaceRuleContext<M>): UncoveredSubclause | undefined {
  const { target, coverage, catalogue } = context;
  if (target.kind !== 'subclause') return undefined;
  const subclause = catalogue.subclause(target.subclauseId);
  if (!subclause) return undefined;
  const manifest = findManifest(context.index, context.file);
  if (!manifest) return undefined;
  const missing = coverage.subclauseCoverage(subclause).requirements.filter((r) => r.status === 'missing');
  if (missing.length === 0) return undefined;
  const factory: DocumentFactoryContext = { index: context.index, templates: context.templates, today: context.skeleton.today, file: context.file, lines: context.lines };
  return { subclause, manifest, missing, factory };
}
