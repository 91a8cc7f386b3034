// The requirement catalogue (schemas/standards/*.yaml) as typed data. The file is validated by its
// own schema in the test suite; here it is narrowed defensively so that a malformed entry is
// skipped and reported, never a crash.
import { parse } from '../parse/yamlRuntime';
import { isJsonObject, type JsonObject } from '../schema/schemaTree';

export type DocumentedInformation = 'none' | 'document' | 'record' | 'document-expected' | 'record-expected';
export type Confidence = 'verified' | 'partial' | 'reconstructed';

export type FieldSegment = { readonly name: string } | { readonly every: true } | { readonly some: true };

export interface FieldPath {
  /** As written in the catalogue: `spec.services[].outcomes`. */
  readonly text: string;
  readonly segments: readonly FieldSegment[];
}

export interface WhereCondition {
  readonly path: readonly string[];
  readonly text: string;
  readonly values: readonly string[];
}

export interface EvidenceAlternative {
  readonly kind: string;
  readonly where: readonly WhereCondition[];
  readonly fields: readonly FieldPath[];
  readonly note: string | undefined;
}

export interface Requirement {
  readonly id: string;
  readonly subclauseId: string;
  readonly text: string;
  readonly documentedInformation: DocumentedInformation;
  readonly confidence: Confidence;
  readonly note: string | undefined;
  readonly amendment: string | undefined;
  readonly evidence: readonly EvidenceAlternative[];
}

export interface Subclause {
  readonly id: string;
  readonly title: string;
  readonly parent: string | undefined;
  readonly confidence: Confidence;
  readonly paragraphs: readonly string[];
  readonly summary: string | undefined;
  readonly informative: boolean;
  readonly itilPrimary: readonly string[];
  readonly itilSupporting: readonly string[];
  readonly requirements: readonly Requirement[];
}

export interface Heading {
  readonly id: string;
  readonly title: string;
}

export interface PreviousEditionClause {
  readonly edition: string;
  readonly id: string;
  readonly title: string;
  readonly mapsTo: readonly string[];
  readonly remark: string | undefined;
}

export interface PreviousEditionGroup {
  readonly edition: string;
  readonly id: string;
  readonly title: string;
  readonly clauses: readonly string[];
  readonly mapsTo: readonly string[];
}

export type ClaimTarget =
  | { readonly kind: 'requirement'; readonly requirement: Requirement; readonly subclause: Subclause }
  | { readonly kind: 'subclause' | 'paragraph' | 'heading'; readonly subclauses: readonly Subclause[] };

/**
 * The catalogue's texts in another language (schemas/standards/<catalogue>.<locale>.yaml, validated by
 * schemas/standards/translation.schema.json), keyed by the catalogue's ids.
 */
export interface CatalogueTranslation {
  readonly locale: string;
  readonly copyright: string | undefined;
  /** Heading and subclause id → title. */
  readonly titles: ReadonlyMap<string, string>;
  /** Subclause id → summary. */
  readonly summaries: ReadonlyMap<string, string>;
  /** Requirement id → paraphrase. */
  readonly requirements: ReadonlyMap<string, string>;
  /** Requirement id → note. */
  readonly notes: ReadonlyMap<string, string>;
  readonly confidence: Readonly<Partial<Record<Confidence, string>>>;
  readonly documentedInformation: Readonly<Partial<Record<DocumentedInformation, string>>>;
}

/**
 * The texts of the catalogue in one locale: what the editor, the rule messages and the CLI show. Falls
 * back to the English catalogue for any id the translation lacks (and for the locale `en`).
 */
export class CatalogueText {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly translation: CatalogueTranslation | undefined,
  ) {}

  /** `en` when there is no translation. */
  get locale(): string {
    return this.translation?.locale ?? 'en';
  }

  /** The title of a heading or subclause id. */
  title(id: string): string | undefined {
    return this.translation?.titles.get(id) ?? this.catalogue.titleOf(id);
  }

  summary(subclause: Subclause): string | undefined {
    return this.translation?.summaries.get(subclause.id) ?? subclause.summary;
  }

  /** The requirement's paraphrase. */
  requirement(requirement: Requirement): string {
    return this.translation?.requirements.get(requirement.id) ?? requirement.text;
  }

  note(requirement: Requirement): string | undefined {
    if (requirement.note === undefined) return undefined;
    return this.translation?.notes.get(requirement.id) ?? requirement.note;
  }

  /** How a confidence level is named (the level itself in English). */
  confidence(level: Confidence): string {
    return this.translation?.confidence[level] ?? level;
  }

  /** How a documented-information level is named (the level itself in English). */
  documentedInformation(level: DocumentedInformation): string {
    return this.translation?.documentedInformation[level] ?? level;
  }

  copyright(): string {
    return this.translation?.copyright ?? this.catalogue.copyright;
  }
}

export class Catalogue {
  readonly headings: ReadonlyMap<string, Heading>;
  readonly subclauses: readonly Subclause[];
  private readonly subclauseById: ReadonlyMap<string, Subclause>;
  private readonly requirementById: ReadonlyMap<string, Requirement>;
  private readonly paragraphToSubclause: ReadonlyMap<string, Subclause>;
  private readonly alternativesByKind: ReadonlyMap<string, readonly { requirement: Requirement; alternative: EvidenceAlternative }[]>;

  constructor(
    readonly standardId: string,
    readonly standardTitle: string,
    readonly copyright: string,
    headings: readonly Heading[],
    subclauses: readonly Subclause[],
    readonly previousEditionClauses: readonly PreviousEditionClause[],
    readonly previousEditionGroups: readonly PreviousEditionGroup[],
    /** Problems met while reading the catalogue (empty for the bundled one; a test asserts it). */
    readonly problems: readonly string[],
    translations: readonly CatalogueTranslation[] = [],
  ) {
    this.translations = new Map(translations.map((translation) => [translation.locale, translation]));
    this.headings = new Map(headings.map((heading) => [heading.id, heading]));
    this.subclauses = subclauses;
    this.subclauseById = new Map(subclauses.map((subclause) => [subclause.id, subclause]));
    const requirements = new Map<string, Requirement>();
    const paragraphs = new Map<string, Subclause>();
    const byKind = new Map<string, { requirement: Requirement; alternative: EvidenceAlternative }[]>();
    for (const subclause of subclauses) {
      for (const paragraph of subclause.paragraphs) paragraphs.set(paragraph, subclause);
      for (const requirement of subclause.requirements) {
        requirements.set(requirement.id, requirement);
        for (const alternative of requirement.evidence) {
          const list = byKind.get(alternative.kind) ?? [];
          list.push({ requirement, alternative });
          byKind.set(alternative.kind, list);
        }
      }
    }
    this.requirementById = requirements;
    this.paragraphToSubclause = paragraphs;
    this.alternativesByKind = byKind;
  }

  private readonly translations: ReadonlyMap<string, CatalogueTranslation>;
  private readonly texts = new Map<string, CatalogueText>();

  /** The catalogue's texts in `locale`; English where the locale has no translation. */
  textIn(locale: string): CatalogueText {
    const key = this.translations.has(locale) ? locale : 'en';
    let text = this.texts.get(key);
    if (!text) this.texts.set(key, (text = new CatalogueText(this, this.translations.get(key))));
    return text;
  }

  /** Locales with a translation of the catalogue's texts. */
  get translatedLocales(): readonly string[] {
    return [...this.translations.keys()];
  }

  get requirementCount(): number {
    return this.requirementById.size;
  }

  requirement(id: string): Requirement | undefined {
    return this.requirementById.get(id);
  }

  subclause(id: string): Subclause | undefined {
    return this.subclauseById.get(id);
  }

  requirements(): IterableIterator<Requirement> {
    return this.requirementById.values();
  }

  /** Evidence alternatives that a document of `kind` could satisfy. */
  alternativesFor(kind: string): readonly { requirement: Requirement; alternative: EvidenceAlternative }[] {
    return this.alternativesByKind.get(kind) ?? [];
  }

  /** The title of any heading, subclause or requirement id's subclause. */
  titleOf(id: string): string | undefined {
    return this.headings.get(id)?.title ?? this.subclauseById.get(id)?.title;
  }

  /** Top-level clauses 4–10 with their titles. */
  topClauses(): Heading[] {
    return [...this.headings.values()].filter((heading) => !heading.id.includes('.'));
  }

  /**
   * What a claim such as `8.6.1`, `8.6.1-b`, `8.2.3.1` (an untitled paragraph, rolled up to 8.2.3)
   * or `8.6` (a heading: every subclause under it) refers to; undefined when nothing.
   */
  resolveClaim(ref: string): ClaimTarget | undefined {
    const requirement = this.requirementById.get(ref);
    if (requirement) {
      const subclause = this.subclauseById.get(requirement.subclauseId);
      return subclause ? { kind: 'requirement', requirement, subclause } : undefined;
    }
    const subclause = this.subclauseById.get(ref);
    if (subclause) return { kind: 'subclause', subclauses: [subclause] };
    const paragraphParent = this.paragraphToSubclause.get(ref);
    if (paragraphParent) return { kind: 'paragraph', subclauses: [paragraphParent] };
    if (this.headings.has(ref)) {
      const under = this.subclauses.filter((candidate) => candidate.id.startsWith(`${ref}.`));
      if (under.length > 0) return { kind: 'heading', subclauses: under };
    }
    return undefined;
  }

  /** Every id a claim may use: subclauses, requirements, paragraphs, headings (for completion and suggestions). */
  *claimableIds(): IterableIterator<string> {
    yield* this.headings.keys();
    for (const subclause of this.subclauses) {
      if (!this.headings.has(subclause.id)) yield subclause.id;
      yield* subclause.paragraphs;
    }
    yield* this.requirementById.keys();
  }

  static fromYaml(catalogueText: string, evidenceText: string | undefined): Catalogue {
    const problems: string[] = [];
    const root = safeParse(catalogueText, problems, 'catalogue');
    const evidenceRoot = evidenceText === undefined ? {} : safeParse(evidenceText, problems, 'evidence');
    return Catalogue.fromData(root, evidenceRoot, problems);
  }

  /** From parsed values (the bundled pack holds the catalogue as JSON); `translations` by locale. */
  static fromData(catalogueValue: unknown, evidenceValue: unknown, problems: string[] = [], translations: Readonly<Record<string, unknown>> = {}): Catalogue {
    const root = isJsonObject(catalogueValue) ? catalogueValue : {};
    const evidenceRoot = isJsonObject(evidenceValue) ? evidenceValue : {};
    if (!isJsonObject(catalogueValue)) problems.push('catalogue: not a mapping');
    const standard = isJsonObject(root['standard']) ? root['standard'] : {};
    const headings: Heading[] = [];
    for (const entry of asArray(root['headings'])) {
      if (isJsonObject(entry) && typeof entry['id'] === 'string' && typeof entry['title'] === 'string') headings.push({ id: entry['id'], title: entry['title'] });
      else problems.push(`heading entry ignored: ${JSON.stringify(entry)}`);
    }
    const subclauses: Subclause[] = [];
    for (const entry of asArray(root['subclauses'])) {
      if (!isJsonObject(entry) || typeof entry['id'] !== 'string' || typeof entry['title'] !== 'string') {
        problems.push(`subclause entry ignored: ${JSON.stringify(entry).slice(0, 80)}`);
        continue;
      }
      const subclauseId = entry['id'];
      const confidence = asConfidence(entry['confidence']) ?? 'reconstructed';
      const itil = isJsonObject(entry['itil']) ? entry['itil'] : {};
      const requirements: Requirement[] = [];
      for (const requirementEntry of asArray(entry['requirements'])) {
        if (!isJsonObject(requirementEntry) || typeof requirementEntry['id'] !== 'string' || typeof requirementEntry['text'] !== 'string') {
          problems.push(`requirement entry in ${subclauseId} ignored`);
          continue;
        }
        const requirementId = requirementEntry['id'];
        const evidenceSource = requirementEntry['evidence'] ?? evidenceRoot[requirementId];
        requirements.push({
          id: requirementId,
          subclauseId,
          text: requirementEntry['text'],
          documentedInformation: asDocumentedInformation(requirementEntry['documentedInformation']),
          confidence: asConfidence(requirementEntry['confidence']) ?? confidence,
          note: asString(requirementEntry['note']),
          amendment: asString(requirementEntry['amendment']),
          evidence: asArray(evidenceSource).flatMap((alternative) => parseAlternative(alternative, requirementId, problems)),
        });
      }
      subclauses.push({
        id: subclauseId,
        title: entry['title'],
        parent: asString(entry['parent']),
        confidence,
        paragraphs: asArray(entry['paragraphs']).filter((p): p is string => typeof p === 'string'),
        summary: asString(entry['summary']),
        informative: entry['informative'] === true,
        itilPrimary: asArray(itil['primary']).filter((p): p is string => typeof p === 'string'),
        itilSupporting: asArray(itil['supporting']).filter((p): p is string => typeof p === 'string'),
        requirements,
      });
    }
    const previousEditionClauses: PreviousEditionClause[] = [];
    const previousEditionGroups: PreviousEditionGroup[] = [];
    for (const edition of asArray(root['previousEditions'])) {
      if (!isJsonObject(edition) || typeof edition['id'] !== 'string') continue;
      const editionId = edition['id'];
      for (const clause of asArray(edition['clauses'])) {
        if (!isJsonObject(clause) || typeof clause['id'] !== 'string') continue;
        previousEditionClauses.push({ edition: editionId, id: clause['id'], title: asString(clause['title']) ?? '', mapsTo: asStrings(clause['mapsTo']), remark: asString(clause['remark']) });
      }
      for (const group of asArray(edition['processGroups'])) {
        if (!isJsonObject(group) || typeof group['id'] !== 'string') continue;
        previousEditionGroups.push({ edition: editionId, id: group['id'], title: asString(group['title']) ?? '', clauses: asStrings(group['clauses']), mapsTo: asStrings(group['mapsTo']) });
      }
    }
    return new Catalogue(
      asString(standard['id']) ?? 'ISO/IEC 20000-1:2018',
      asString(standard['title']) ?? '',
      asString(root['copyright']) ?? '',
      headings,
      subclauses,
      previousEditionClauses,
      previousEditionGroups,
      problems,
      Object.entries(translations).flatMap(([locale, value]) => parseTranslation(locale, value, problems)),
    );
  }
}

/** A translation file's values; entries that are not text are skipped and reported. */
function parseTranslation(locale: string, value: unknown, problems: string[]): CatalogueTranslation[] {
  if (!isJsonObject(value)) {
    problems.push(`translation ${locale}: not a mapping`);
    return [];
  }
  const texts = (key: string): Map<string, string> => {
    const out = new Map<string, string>();
    const entries = value[key];
    if (entries === undefined) return out;
    if (!isJsonObject(entries)) {
      problems.push(`translation ${locale}: ${key} is not a mapping`);
      return out;
    }
    for (const [id, text] of Object.entries(entries)) {
      if (typeof text === 'string' && text.length > 0) out.set(id, text);
      else problems.push(`translation ${locale}: ${key} entry ${id} ignored`);
    }
    return out;
  };
  const labels = isJsonObject(value['labels']) ? value['labels'] : {};
  const labelsOf = (key: string): Record<string, string> => {
    const entries = labels[key];
    return isJsonObject(entries) ? Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
  };
  return [
    {
      locale: asString(value['locale']) ?? locale,
      copyright: asString(value['copyright']),
      titles: texts('titles'),
      summaries: texts('summaries'),
      requirements: texts('requirements'),
      notes: texts('notes'),
      confidence: labelsOf('confidence'),
      documentedInformation: labelsOf('documentedInformation'),
    },
  ];
}

function parseAlternative(value: unknown, requirementId: string, problems: string[]): EvidenceAlternative[] {
  if (!isJsonObject(value) || typeof value['kind'] !== 'string') {
    problems.push(`evidence of ${requirementId} ignored: ${JSON.stringify(value)}`);
    return [];
  }
  const where: WhereCondition[] = [];
  if (isJsonObject(value['where'])) {
    for (const [text, expected] of Object.entries(value['where'])) {
      const values = Array.isArray(expected) ? expected.map(String) : [String(expected)];
      where.push({ text, path: text.split('.'), values });
    }
  }
  const fields: FieldPath[] = [];
  for (const field of asArray(value['fields'])) {
    if (typeof field !== 'string') continue;
    const parsed = parseFieldPath(field);
    if (parsed) fields.push(parsed);
    else problems.push(`evidence field of ${requirementId} ignored: ${field}`);
  }
  return [{ kind: value['kind'], where, fields, note: asString(value['note']) }];
}

/** `a.b[].c` (every element) and `a.b[?].c` (some element). */
export function parseFieldPath(text: string): FieldPath | undefined {
  const segments: FieldSegment[] = [];
  for (const part of text.split('.')) {
    const match = /^([A-Za-z_$][\w$-]*)(\[\]|\[\?\])?$/.exec(part);
    if (!match || match[1] === undefined) return undefined;
    segments.push({ name: match[1] });
    if (match[2] === '[]') segments.push({ every: true });
    else if (match[2] === '[?]') segments.push({ some: true });
  }
  return { text, segments };
}

function safeParse(text: string, problems: string[], label: string): JsonObject {
  try {
    const value: unknown = parse(text, { maxAliasCount: 10000 });
    if (isJsonObject(value)) return value;
    problems.push(`${label}: not a mapping`);
  } catch (error) {
    problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {};
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asStrings(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

function asConfidence(value: unknown): Confidence | undefined {
  return value === 'verified' || value === 'partial' || value === 'reconstructed' ? value : undefined;
}

function asDocumentedInformation(value: unknown): DocumentedInformation {
  return value === 'document' || value === 'record' || value === 'document-expected' || value === 'record-expected' ? value : 'none';
}
