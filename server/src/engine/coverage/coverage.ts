// Coverage: a requirement is evidenced by a document that claims it AND has the content the
// catalogue's evidence rule asks for. A claim without that content is partial. A process run by
// another party (spec.operatedBy) is checked for governance evidence instead (ISO/IEC 20000-1 8.2.3).
import type { DocUri, Span } from '../types';
import type { SmsDocument } from '../parse/parseFile';
import type { ClauseClaim } from '../index/facts';
import { StringPool } from '../index/strings';
import { isJsonObject } from '../schema/schemaTree';
import type { Catalogue, EvidenceAlternative, FieldPath, Requirement, Subclause } from './catalogue';

export type RequirementStatus = 'evidenced' | 'operated' | 'partial' | 'missing';

/** What one document's claim contributes to one requirement. */
export interface Contribution {
  readonly requirementId: string;
  readonly subclauseId: string;
  readonly uri: DocUri;
  readonly documentId: string | undefined;
  readonly documentKind: string | undefined;
  readonly documentTitle: string | undefined;
  /** The claim in metadata.satisfies that brought the requirement in. */
  readonly claimRef: string;
  readonly claimSpan: Span;
  readonly status: 'evidenced' | 'operated' | 'partial';
  /** For partial: what is missing, as field paths or a sentence naming the document kind needed. */
  readonly missing: readonly string[];
  /** For operated: the party (supplier id) operating the process. */
  readonly operatedBy: string | undefined;
}

export interface RequirementCoverage {
  readonly requirement: Requirement;
  readonly status: RequirementStatus;
  /** Contributions that evidence it (status evidenced or operated). */
  readonly evidence: readonly Contribution[];
  /** Contributions that claim it without the needed content. */
  readonly partial: readonly Contribution[];
}

export interface CoverageCounts {
  readonly total: number;
  readonly evidenced: number;
  readonly operated: number;
  readonly partial: number;
  readonly missing: number;
}

export interface SubclauseCoverage {
  readonly subclause: Subclause;
  readonly status: RequirementStatus;
  readonly counts: CoverageCounts;
  readonly requirements: readonly RequirementCoverage[];
}

export interface ClauseCoverage {
  readonly id: string;
  readonly title: string;
  readonly counts: CoverageCounts;
  readonly subclauses: readonly SubclauseCoverage[];
}

export interface CoverageReport {
  readonly standardId: string;
  readonly counts: CoverageCounts;
  /** Covered (evidenced or operated) requirements in percent, one decimal. */
  readonly percent: number;
  readonly clauses: readonly ClauseCoverage[];
  subclause(id: string): SubclauseCoverage | undefined;
  requirement(id: string): RequirementCoverage | undefined;
}

/** Governance evidence asked of a process operated by another party (8.2.3). */
const GOVERNANCE_FIELDS = ['spec.operatedBy.party', 'spec.operatedBy.agreement', 'spec.operatedBy.controls'];

export interface DocumentCoverageFacts {
  readonly documentId: string | undefined;
  readonly contributions: readonly Contribution[];
  /** Subclauses this document has evidence for but does not claim (for the "add a claim" fix). */
  readonly unclaimedEvidence: readonly string[];
  /** Subclauses this document is the right kind (and type) to evidence but does not claim, content or not. */
  readonly unclaimedCandidates: readonly string[];
}

export function documentCoverage(document: SmsDocument, claims: readonly ClauseClaim[], catalogue: Catalogue): DocumentCoverageFacts {
  const value = document.value;
  const kind = document.kind;
  if (!kind || !isJsonObject(value)) return { documentId: document.id, contributions: [], unclaimedEvidence: [], unclaimedCandidates: [] };
  const title = readString(value, ['metadata', 'title']);
  const operatedBy = readPath(value, ['spec', 'operatedBy']);
  const contributions: Contribution[] = [];
  const claimed = new Set<string>();
  for (const claim of claims) {
    if (claim.uri !== document.uri || claim.documentId !== document.id) continue;
    if (claim.span.start < document.span.start || claim.span.end > document.span.end) continue;
    const target = catalogue.resolveClaim(claim.ref);
    if (!target) continue;
    const requirements: { requirement: Requirement; subclause: Subclause }[] =
      target.kind === 'requirement' ? [{ requirement: target.requirement, subclause: target.subclause }] : target.subclauses.flatMap((subclause) => subclause.requirements.map((requirement) => ({ requirement, subclause })));
    for (const { requirement, subclause } of requirements) {
      if (claimed.has(requirement.id)) continue;
      claimed.add(requirement.id);
      const base = { requirementId: requirement.id, subclauseId: subclause.id, uri: document.uri, documentId: document.id, documentKind: kind, documentTitle: title, claimRef: claim.ref, claimSpan: claim.span };
      const matching = requirement.evidence.filter((alternative) => alternative.kind === kind && whereMatches(alternative, value));
      if (matching.length === 0) {
        const kinds = [...new Set(requirement.evidence.map((alternative) => describeAlternative(alternative)))];
        contributions.push({ ...base, status: 'partial', missing: [kinds.length > 0 ? `a ${kinds.join(' or a ')}` : 'evidence rules in the catalogue'], operatedBy: undefined });
        continue;
      }
      if (operatedBy !== undefined && isJsonObject(operatedBy)) {
        const missing = GOVERNANCE_FIELDS.filter((path) => !isPresent(readPath(value, path.split('.'))));
        const party = readString(value, ['spec', 'operatedBy', 'party']);
        contributions.push({ ...base, status: missing.length === 0 ? 'operated' : 'partial', missing, operatedBy: party });
        continue;
      }
      let best: readonly string[] | undefined;
      for (const alternative of matching) {
        const missing = alternative.fields.filter((field) => !fieldSatisfied(value, field)).map((field) => field.text);
        if (!best || missing.length < best.length) best = missing;
        if (missing.length === 0) break;
      }
      const missing = best ?? [];
      contributions.push({ ...base, status: missing.length === 0 ? 'evidenced' : 'partial', missing, operatedBy: undefined });
    }
  }
  const unclaimedEvidence = new Set<string>();
  const unclaimedCandidates = new Set<string>();
  for (const { requirement, alternative } of catalogue.alternativesFor(kind)) {
    if (claimed.has(requirement.id) || unclaimedEvidence.has(requirement.subclauseId)) continue;
    if (!whereMatches(alternative, value)) continue;
    const complete = alternative.fields.length > 0 && alternative.fields.every((field) => fieldSatisfied(value, field));
    // A candidate is a document of the kind and type the rule names (a change-management process for
    // 8.5.1), or one that already holds the content; any document of a kind is not enough.
    if (complete) unclaimedEvidence.add(requirement.subclauseId);
    if (complete || alternative.where.length > 0) unclaimedCandidates.add(requirement.subclauseId);
  }
  return { documentId: document.id, contributions, unclaimedEvidence: [...unclaimedEvidence], unclaimedCandidates: [...unclaimedCandidates] };
}

function describeAlternative(alternative: EvidenceAlternative): string {
  const conditions = alternative.where.map((condition) => `${condition.text.replace(/^spec\./, '')} ${condition.values.join('|')}`);
  return conditions.length > 0 ? `${alternative.kind} (${conditions.join(', ')})` : alternative.kind;
}

function whereMatches(alternative: EvidenceAlternative, value: unknown): boolean {
  return alternative.where.every((condition) => {
    const actual = readPath(value, condition.path);
    return (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') && condition.values.includes(String(actual));
  });
}

export function fieldSatisfied(value: unknown, field: FieldPath): boolean {
  return satisfiedFrom(value, field, 0);
}

function satisfiedFrom(value: unknown, field: FieldPath, segmentIndex: number): boolean {
  const segment = field.segments[segmentIndex];
  if (segment === undefined) return isPresent(value);
  if ('name' in segment) {
    if (!isJsonObject(value) || !Object.prototype.hasOwnProperty.call(value, segment.name)) return false;
    return satisfiedFrom(value[segment.name], field, segmentIndex + 1);
  }
  if (!Array.isArray(value) || value.length === 0) return false;
  return 'every' in segment ? value.every((item) => satisfiedFrom(item, field, segmentIndex + 1)) : value.some((item) => satisfiedFrom(item, field, segmentIndex + 1));
}

function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (!isJsonObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function readString(value: unknown, path: readonly string[]): string | undefined {
  const found = readPath(value, path);
  return typeof found === 'string' ? found : undefined;
}

/**
 * Keeps every document's contributions and the per-requirement view, updated one file at a time.
 * `update` returns the subclauses whose coverage may have changed.
 */
export class CoverageIndex {
  private readonly byFile = new Map<DocUri, DocumentCoverageFacts[]>();
  private readonly byRequirement = new Map<string, Set<Contribution>>();
  private reportMemo: CoverageReport | undefined;
  /** Document ids, kinds, titles, claims and "missing" texts, one copy each (see index/strings.ts). */
  private readonly strings = new StringPool();
  /** Arrays of "missing" texts, one per distinct list. */
  private missingLists = new Map<string, readonly string[]>();

  constructor(private readonly catalogue: Catalogue) {}

  update(uri: DocUri, incoming: readonly DocumentCoverageFacts[]): Set<string> {
    const facts = incoming.map((documentFacts) => this.store(uri, documentFacts));
    const changed = new Set<string>();
    const previous = this.byFile.get(uri) ?? [];
    for (const documentFacts of previous) {
      for (const contribution of documentFacts.contributions) {
        this.byRequirement.get(contribution.requirementId)?.delete(contribution);
        changed.add(contribution.subclauseId);
      }
      for (const subclauseId of documentFacts.unclaimedCandidates) changed.add(subclauseId);
    }
    if (facts.length === 0) this.byFile.delete(uri);
    else this.byFile.set(uri, [...facts]);
    for (const documentFacts of facts) {
      for (const contribution of documentFacts.contributions) {
        let set = this.byRequirement.get(contribution.requirementId);
        if (!set) this.byRequirement.set(contribution.requirementId, (set = new Set()));
        set.add(contribution);
        changed.add(contribution.subclauseId);
      }
      for (const subclauseId of documentFacts.unclaimedCandidates) changed.add(subclauseId);
    }
    if (changed.size > 0 || previous.length !== facts.length) this.reportMemo = undefined;
    if (this.strings.sweepDue) this.sweepStrings();
    return changed;
  }

  /** The compact form of one document's facts: the document's data once, contributions as small objects. */
  private store(uri: DocUri, facts: DocumentCoverageFacts): DocumentCoverageFacts {
    const strings = this.strings;
    const first = facts.contributions[0];
    const document: StoredDocument | undefined = first && { uri, documentId: strings.intern(first.documentId), documentKind: strings.intern(first.documentKind), documentTitle: strings.intern(first.documentTitle) };
    const contributions = facts.contributions.map((c) =>
      document && c.uri === uri && c.documentId === document.documentId && c.documentKind === document.documentKind && c.documentTitle === document.documentTitle
        ? new StoredContribution(document, c.requirementId, c.subclauseId, strings.intern(c.claimRef), c.claimSpan.start, c.claimSpan.end, c.status, this.missingList(c.missing), strings.intern(c.operatedBy))
        : c,
    );
    return { documentId: strings.intern(facts.documentId), contributions, unclaimedEvidence: sharedList(facts.unclaimedEvidence), unclaimedCandidates: sharedList(facts.unclaimedCandidates) };
  }

  private missingList(missing: readonly string[]): readonly string[] {
    if (missing.length === 0) return NO_STRINGS;
    const key = missing.join('\u0000');
    let list = this.missingLists.get(key);
    if (!list) this.missingLists.set(key, (list = missing.map((text) => this.strings.intern(text))));
    return list;
  }

  private sweepStrings(): void {
    const lists = new Map<string, readonly string[]>();
    this.strings.rebuild((keep) => {
      for (const documents of this.byFile.values()) {
        for (const documentFacts of documents) {
          keep(documentFacts.documentId);
          for (const contribution of documentFacts.contributions) {
            keep(contribution.documentId);
            keep(contribution.documentKind);
            keep(contribution.documentTitle);
            keep(contribution.claimRef);
            keep(contribution.operatedBy);
            for (const text of contribution.missing) keep(text);
            if (contribution.missing.length > 0) lists.set(contribution.missing.join('\u0000'), contribution.missing);
          }
        }
      }
    });
    this.missingLists = lists;
  }

  /**
   * Documents that could evidence a subclause but do not claim it: `complete` when they already hold
   * the content. A per-subclause index keeps this off the per-file scan.
   */
  unclaimedEvidenceFor(subclauseId: string): { uri: DocUri; documentId: string | undefined; complete: boolean }[] {
    const out: { uri: DocUri; documentId: string | undefined; complete: boolean }[] = [];
    for (const [uri, list] of this.byFile) {
      for (const facts of list) {
        if (!facts.unclaimedCandidates.includes(subclauseId)) continue;
        out.push({ uri, documentId: facts.documentId, complete: facts.unclaimedEvidence.includes(subclauseId) });
      }
    }
    return out.sort((a, b) => Number(b.complete) - Number(a.complete));
  }

  contributionsOf(uri: DocUri): readonly Contribution[] {
    return (this.byFile.get(uri) ?? []).flatMap((facts) => facts.contributions);
  }

  requirementCoverage(requirement: Requirement): RequirementCoverage {
    const contributions = [...(this.byRequirement.get(requirement.id) ?? [])].sort(compareContributions);
    const evidence = contributions.filter((c) => c.status === 'evidenced' || c.status === 'operated');
    const partial = contributions.filter((c) => c.status === 'partial');
    let status: RequirementStatus = 'missing';
    if (evidence.some((c) => c.status === 'evidenced')) status = 'evidenced';
    else if (evidence.length > 0) status = 'operated';
    else if (partial.length > 0) status = 'partial';
    return { requirement, status, evidence, partial };
  }

  subclauseCoverage(subclause: Subclause): SubclauseCoverage {
    const requirements = subclause.requirements.map((requirement) => this.requirementCoverage(requirement));
    const counts = countStatuses(requirements.map((r) => r.status));
    const status: RequirementStatus =
      counts.missing === counts.total ? 'missing' : counts.evidenced + counts.operated === counts.total ? (counts.operated > 0 && counts.evidenced === 0 ? 'operated' : 'evidenced') : 'partial';
    return { subclause, status, counts, requirements };
  }

  report(): CoverageReport {
    if (this.reportMemo) return this.reportMemo;
    const bySubclause = new Map<string, SubclauseCoverage>();
    const byRequirement = new Map<string, RequirementCoverage>();
    const clauses: ClauseCoverage[] = [];
    for (const heading of this.catalogue.topClauses()) {
      const subclauses = this.catalogue.subclauses.filter((s) => s.id === heading.id || s.id.startsWith(`${heading.id}.`)).map((s) => this.subclauseCoverage(s));
      for (const sc of subclauses) {
        bySubclause.set(sc.subclause.id, sc);
        for (const rc of sc.requirements) byRequirement.set(rc.requirement.id, rc);
      }
      clauses.push({ id: heading.id, title: heading.title, counts: sumCounts(subclauses.map((s) => s.counts)), subclauses });
    }
    const counts = sumCounts(clauses.map((c) => c.counts));
    const report: CoverageReport = {
      standardId: this.catalogue.standardId,
      counts,
      percent: percentCovered(counts),
      clauses,
      subclause: (id) => bySubclause.get(id),
      requirement: (id) => byRequirement.get(id),
    };
    this.reportMemo = report;
    return report;
  }
}

const NO_STRINGS: readonly string[] = [];

function sharedList(list: readonly string[]): readonly string[] {
  return list.length === 0 ? NO_STRINGS : list;
}

/** What the contributions of one document share. */
interface StoredDocument {
  readonly uri: DocUri;
  readonly documentId: string | undefined;
  readonly documentKind: string | undefined;
  readonly documentTitle: string | undefined;
}

/** A contribution as the index keeps it: the document's data shared, the claim's span as two numbers. */
class StoredContribution implements Contribution {
  constructor(
    private readonly document: StoredDocument,
    readonly requirementId: string,
    readonly subclauseId: string,
    readonly claimRef: string,
    private readonly claimStart: number,
    private readonly claimEnd: number,
    readonly status: 'evidenced' | 'operated' | 'partial',
    readonly missing: readonly string[],
    readonly operatedBy: string | undefined,
  ) {}

  get uri(): DocUri {
    return this.document.uri;
  }
  get documentId(): string | undefined {
    return this.document.documentId;
  }
  get documentKind(): string | undefined {
    return this.document.documentKind;
  }
  get documentTitle(): string | undefined {
    return this.document.documentTitle;
  }
  get claimSpan(): Span {
    return { start: this.claimStart, end: this.claimEnd };
  }
}

export function percentCovered(counts: CoverageCounts): number {
  if (counts.total === 0) return 100;
  return Math.floor(((counts.evidenced + counts.operated) / counts.total) * 1000) / 10;
}

function countStatuses(statuses: readonly RequirementStatus[]): CoverageCounts {
  let evidenced = 0, operated = 0, partial = 0, missing = 0;
  for (const status of statuses) {
    if (status === 'evidenced') evidenced++;
    else if (status === 'operated') operated++;
    else if (status === 'partial') partial++;
    else missing++;
  }
  return { total: statuses.length, evidenced, operated, partial, missing };
}

function sumCounts(list: readonly CoverageCounts[]): CoverageCounts {
  return list.reduce((a, b) => ({ total: a.total + b.total, evidenced: a.evidenced + b.evidenced, operated: a.operated + b.operated, partial: a.partial + b.partial, missing: a.missing + b.missing }), { total: 0, evidenced: 0, operated: 0, partial: 0, missing: 0 });
}

function compareContributions(a: Contribution, b: Contribution): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return a.claimSpan.start - b.claimSpan.start;
}
