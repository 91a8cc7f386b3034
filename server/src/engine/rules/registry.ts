// The one registry of rules: code → rule. Adding a rule is adding its folder and one line here;
// a test fails when a rule lacks a docs page, fixtures, or a unique code and name.
import type { Rule } from './rule';
import yamlSyntax from './SMS001-yaml-syntax/rule';
import duplicateKey from './SMS002-duplicate-key/rule';
import unsupportedApiVersion from './SMS003-unsupported-api-version/rule';
import unknownKind from './SMS004-unknown-kind/rule';
import missingHeader from './SMS005-missing-header/rule';
import fileTooLarge from './SMS006-file-too-large/rule';
import aliasLimit from './SMS007-alias-limit/rule';
import tooManyDocuments from './SMS008-too-many-documents/rule';
import yamlWarning from './SMS009-yaml-warning/rule';
import unknownProperty from './SMS101-unknown-property/rule';
import missingProperty from './SMS102-missing-property/rule';
import wrongType from './SMS103-wrong-type/rule';
import invalidValue from './SMS104-invalid-value/rule';
import invalidFormat from './SMS105-invalid-format/rule';
import outOfRange from './SMS106-out-of-range/rule';
import duplicateId from './SMS201-duplicate-id/rule';
import unresolvedReference from './SMS202-unresolved-reference/rule';
import dependencyCycle from './SMS203-dependency-cycle/rule';
import wrongDocumentKind from './SMS204-wrong-document-kind/rule';
import documentPath from './SMS205-document-path/rule';
import uncoveredSubclause from './SMS301-uncovered-subclause/rule';
import partialCoverage from './SMS302-partial-coverage/rule';
import exclusionNotPermitted from './SMS303-exclusion-not-permitted/rule';
import unknownClause from './SMS304-unknown-clause/rule';
import missingManifest from './SMS305-missing-manifest/rule';
import multipleManifests from './SMS306-multiple-manifests/rule';
import unclaimedContent from './SMS307-unclaimed-content/rule';
import missingApproval from './SMS401-missing-approval/rule';
import staleApproval from './SMS402-stale-approval/rule';
import overdueReview from './SMS403-overdue-review/rule';
import unapprovedEvidence from './SMS404-unapproved-evidence/rule';
import liveServiceWithoutSla from './SMS501-live-service-without-sla/rule';
import implausibleTarget from './SMS502-implausible-target/rule';
import targetStricterThanUnderpinning from './SMS503-target-stricter-than-underpinning/rule';
import previousEditionClaim from './SMS601-previous-edition-claim/rule';
import unknownRule from './SMS901-unknown-rule/rule';
import invalidSuppression from './SMS902-invalid-suppression/rule';
import baselineEntry from './SMS903-baseline-entry/rule';

export const RULES: readonly Rule[] = [
  yamlSyntax,
  duplicateKey,
  unsupportedApiVersion,
  unknownKind,
  missingHeader,
  fileTooLarge,
  aliasLimit,
  tooManyDocuments,
  yamlWarning,
  unknownProperty,
  missingProperty,
  wrongType,
  invalidValue,
  invalidFormat,
  outOfRange,
  duplicateId,
  unresolvedReference,
  dependencyCycle,
  wrongDocumentKind,
  documentPath,
  uncoveredSubclause,
  partialCoverage,
  exclusionNotPermitted,
  unknownClause,
  missingManifest,
  multipleManifests,
  unclaimedContent,
  missingApproval,
  staleApproval,
  overdueReview,
  unapprovedEvidence,
  liveServiceWithoutSla,
  implausibleTarget,
  targetStricterThanUnderpinning,
  previousEditionClaim,
  unknownRule,
  invalidSuppression,
  baselineEntry,
] as readonly Rule[];

const byCode = new Map<string, Rule>(RULES.map((rule) => [rule.meta.code, rule]));
const byName = new Map<string, Rule>(RULES.map((rule) => [rule.meta.name, rule]));

export function ruleByCode(code: string): Rule | undefined {
  return byCode.get(code);
}

/** A rule code for a code or a name, as users may write either in the config file. */
export function ruleCodeOf(key: string): string | undefined {
  return byCode.get(key)?.meta.code ?? byName.get(key)?.meta.code;
}

export function allRuleKeys(): string[] {
  return RULES.flatMap((rule) => [rule.meta.code, rule.meta.name]);
}
