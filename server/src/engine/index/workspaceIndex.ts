// The cross-document index: who defines which entity, who references it, who claims which clause.
// Updated one file at a time; every update returns what changed so that only dependent work reruns.
import type { DocUri, Span } from '../types';
import { entityKey, type ClauseClaim, type EntityDefinition, type EntityReference } from './facts';
import { StringPool } from './strings';

export interface IndexedDocument {
  readonly uri: DocUri;
  readonly indexInFile: number;
  readonly kind: string | undefined;
  readonly id: string | undefined;
}

export interface FileFacts {
  readonly documents: readonly IndexedDocument[];
  readonly definitions: readonly EntityDefinition[];
  readonly references: readonly EntityReference[];
  readonly claims: readonly ClauseClaim[];
}

export interface IndexChange {
  /** Entity keys whose definitions changed (added, removed, moved). */
  readonly definitionKeys: ReadonlySet<string>;
  /** Entity keys whose definitions changed other than by position (added, removed, renamed, other kind). */
  readonly semanticKeys: ReadonlySet<string>;
  /** Entity types with any definition or reference change. */
  readonly entityTypes: ReadonlySet<string>;
  /** Document kinds with a document added, removed or changed. */
  readonly kinds: ReadonlySet<string>;
}

export const EMPTY_FILE_FACTS: FileFacts = { documents: [], definitions: [], references: [], claims: [] };

export class WorkspaceIndex {
  private readonly files = new Map<DocUri, StoredFacts>();
  /** Ids, types, kinds, paths and names, one copy each (see strings.ts). */
  private readonly strings = new StringPool();
  /** type → id → definitions (usually one; more is a duplicate). */
  private readonly definitionsByType = new Map<string, Map<string, EntityDefinition[]>>();
  /** entity key → files that reference it. */
  private readonly dependents = new Map<string, Set<DocUri>>();

  get fileCount(): number {
    return this.files.size;
  }

  uris(): IterableIterator<DocUri> {
    return this.files.keys();
  }

  facts(uri: DocUri): FileFacts | undefined {
    return this.files.get(uri);
  }

  definitions(type: string, id: string): readonly EntityDefinition[] {
    return this.definitionsByType.get(type)?.get(id) ?? [];
  }

  /** Every id defined for `type`, with its definitions. */
  definitionsOfType(type: string): ReadonlyMap<string, readonly EntityDefinition[]> {
    return this.definitionsByType.get(type) ?? new Map();
  }

  entityTypes(): IterableIterator<string> {
    return this.definitionsByType.keys();
  }

  /** Files whose references name this entity. */
  referencingFiles(type: string, id: string): ReadonlySet<DocUri> {
    return this.dependents.get(entityKey(type, id)) ?? new Set();
  }

  *allReferences(): IterableIterator<EntityReference> {
    for (const facts of this.files.values()) yield* facts.references;
  }

  *documentsOfKind(kind: string): IterableIterator<IndexedDocument> {
    for (const documents of this.documentsByKind.get(kind)?.values() ?? []) yield* documents;
  }

  /** kind → file → its documents of that kind, so that finding the manifest scans nothing. */
  private readonly documentsByKind = new Map<string, Map<DocUri, readonly IndexedDocument[]>>();

  /** Replaces the facts of one file. */
  update(uri: DocUri, incoming: FileFacts): IndexChange {
    const previous: FileFacts = this.files.get(uri) ?? EMPTY_FILE_FACTS;
    let next: FileFacts = EMPTY_FILE_FACTS;
    if (incoming === EMPTY_FILE_FACTS) this.files.delete(uri);
    else {
      const stored = new StoredFacts(uri, incoming, this.strings);
      this.files.set(uri, stored);
      next = stored;
    }

    const definitionKeys = new Set<string>();
    const semanticKeys = new Set<string>();
    const entityTypes = new Set<string>();
    const kinds = new Set<string>();

    // Positional changes (a definition moved because text was typed above it) matter to findings
    // placed on definitions; other files only care whether an id exists, where and of which kind.
    const previousDefinitions = signatureMap(previous.definitions, true);
    const nextDefinitions = signatureMap(next.definitions, true);
    for (const [key, value] of previousDefinitions) if (nextDefinitions.get(key) !== value) definitionKeys.add(key);
    for (const [key, value] of nextDefinitions) if (previousDefinitions.get(key) !== value) definitionKeys.add(key);
    const previousSemantic = signatureMap(previous.definitions, false);
    const nextSemantic = signatureMap(next.definitions, false);
    for (const key of definitionKeys) if (previousSemantic.get(key) !== nextSemantic.get(key)) semanticKeys.add(key);

    for (const document of previous.documents) if (document.kind) this.documentsByKind.get(document.kind)?.delete(uri);
    const nextByKind = groupByKind(next.documents);
    for (const [kind, documents] of nextByKind) {
      let byFile = this.documentsByKind.get(kind);
      if (!byFile) this.documentsByKind.set(kind, (byFile = new Map()));
      byFile.set(uri, documents);
    }
    for (const definition of previous.definitions) this.removeDefinition(definition);
    for (const definition of next.definitions) this.addDefinition(definition);
    for (const reference of previous.references) this.dependents.get(entityKey(reference.type, reference.id))?.delete(uri);
    for (const reference of next.references) {
      const key = entityKey(reference.type, reference.id);
      let set = this.dependents.get(key);
      if (!set) this.dependents.set(key, (set = new Set()));
      set.add(uri);
    }

    for (const definition of [...previous.definitions, ...next.definitions]) {
      if (semanticKeys.has(entityKey(definition.type, definition.id))) entityTypes.add(definition.type);
    }
    // References: which ids are referenced (not where); a finding placed in this file is refreshed by
    // the workspace because the file changed (see Workspace.targetsFor).
    const previousReferences = referenceSignatures(previous.references);
    const nextReferences = referenceSignatures(next.references);
    for (const type of new Set([...previousReferences.keys(), ...nextReferences.keys()])) if (previousReferences.get(type) !== nextReferences.get(type)) entityTypes.add(type);
    // Kinds whose documents appeared, disappeared or changed identity; the manifest on any change,
    // since workspace-wide findings are anchored in it.
    const previousByKind = groupByKind(previous.documents);
    const signatureOf = (documents: readonly IndexedDocument[] | undefined): string => (documents ?? []).map((d) => `${d.indexInFile}:${d.id ?? ''}`).join();
    for (const kind of new Set([...previousByKind.keys(), ...nextByKind.keys()])) {
      if (kind === 'ServiceManagementSystem' || signatureOf(previousByKind.get(kind)) !== signatureOf(nextByKind.get(kind))) kinds.add(kind);
    }
    if (this.strings.sweepDue) this.sweepStrings();
    return { definitionKeys, semanticKeys, entityTypes, kinds };
  }

  private sweepStrings(): void {
    this.strings.rebuild((keep) => {
      for (const facts of this.files.values()) facts.keepStrings(keep);
    });
  }

  remove(uri: DocUri): IndexChange {
    return this.update(uri, EMPTY_FILE_FACTS);
  }

  private addDefinition(definition: EntityDefinition): void {
    let byId = this.definitionsByType.get(definition.type);
    if (!byId) this.definitionsByType.set(definition.type, (byId = new Map()));
    const list = byId.get(definition.id);
    if (list) {
      list.push(definition);
      list.sort(compareDefinitions);
    } else byId.set(definition.id, [definition]);
  }

  private removeDefinition(definition: EntityDefinition): void {
    const byId = this.definitionsByType.get(definition.type);
    const list = byId?.get(definition.id);
    if (!byId || !list) return;
    const index = list.indexOf(definition);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) byId.delete(definition.id);
  }
}

/** Definitions are ordered by file then position, so "the first one" is stable across runs. */
function compareDefinitions(a: EntityDefinition, b: EntityDefinition): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return (a instanceof StoredDefinition ? a.start : a.span.start) - (b instanceof StoredDefinition ? b.start : b.span.start);
}

// ---------------------------------------------------------------------------------------------
// Compact storage of one file's facts. A workspace holds hundreds of thousands of references: as
// objects (each with a span object, the uri, the document's kind and id, a path string) they were
// most of the language server's memory. Here each entry is a row of numbers in a Uint32Array; the
// numbers index the file's table of distinct values (interned strings, the schema's shared refKinds
// arrays). Definitions get one small object each (the index's maps need stable identities);
// references and claims are materialised when asked for.

const DEFINITION_FIELDS = 8; // type, id, start, end, name, documentKind, documentId, path
const REFERENCE_FIELDS = 8; // type, id, start, end, refKinds, documentKind, documentId, path
const CLAIM_FIELDS = 5; // ref, start, end, documentKind, documentId

class StoredFacts implements FileFacts {
  readonly documents: readonly IndexedDocument[];
  readonly definitions: readonly StoredDefinition[];
  /** Distinct values of this file's rows; 0 is `undefined`. */
  readonly values: readonly unknown[];
  readonly definitionRows: Uint32Array;
  readonly referenceRows: Uint32Array;
  readonly claimRows: Uint32Array;

  constructor(
    readonly uri: DocUri,
    facts: FileFacts,
    strings: StringPool,
  ) {
    const values: unknown[] = [undefined];
    const indexOf = new Map<unknown, number>([[undefined, 0]]);
    const slot = (value: unknown): number => {
      let index = indexOf.get(value);
      if (index === undefined) {
        index = values.length;
        values.push(typeof value === 'string' ? strings.intern(value) : value);
        indexOf.set(value, index);
      }
      return index;
    };
    this.documents = facts.documents.map((document) => ({ uri, indexInFile: document.indexInFile, kind: strings.intern(document.kind), id: strings.intern(document.id) }));
    const definitionRows = new Uint32Array(facts.definitions.length * DEFINITION_FIELDS);
    facts.definitions.forEach((d, i) => definitionRows.set([slot(d.type), slot(d.id), d.span.start, d.span.end, slot(d.name), slot(d.documentKind), slot(d.documentId), slot(d.path)], i * DEFINITION_FIELDS));
    const referenceRows = new Uint32Array(facts.references.length * REFERENCE_FIELDS);
    facts.references.forEach((r, i) => referenceRows.set([slot(r.type), slot(r.id), r.span.start, r.span.end, slot(r.refKinds), slot(r.documentKind), slot(r.documentId), slot(r.path)], i * REFERENCE_FIELDS));
    const claimRows = new Uint32Array(facts.claims.length * CLAIM_FIELDS);
    facts.claims.forEach((c, i) => claimRows.set([slot(c.ref), c.span.start, c.span.end, slot(c.documentKind), slot(c.documentId)], i * CLAIM_FIELDS));
    this.values = values.slice(); // without the growth slack of push
    this.definitionRows = definitionRows;
    this.referenceRows = referenceRows;
    this.claimRows = claimRows;
    this.definitions = facts.definitions.map((_, i) => new StoredDefinition(this, i * DEFINITION_FIELDS));
  }

  get references(): readonly EntityReference[] {
    const out: EntityReference[] = [];
    for (let row = 0; row < this.referenceRows.length; row += REFERENCE_FIELDS) out.push(new StoredReference(this, row));
    return out;
  }

  get claims(): readonly ClauseClaim[] {
    const out: ClauseClaim[] = [];
    for (let row = 0; row < this.claimRows.length; row += CLAIM_FIELDS) out.push(new StoredClaim(this, row));
    return out;
  }

  /** Hands every interned string this file holds to `keep` (see StringPool.rebuild). */
  keepStrings(keep: (value: string | undefined) => void): void {
    for (const value of this.values) if (typeof value === 'string') keep(value);
    for (const document of this.documents) {
      keep(document.kind);
      keep(document.id);
    }
  }
}

/** One row of a file's facts: fields that index the file's table of values, or are positions. */
abstract class StoredRow {
  constructor(
    protected readonly facts: StoredFacts,
    private readonly rows: Uint32Array,
    protected readonly row: number,
  ) {}

  protected value<T>(field: number): T {
    return this.facts.values[this.rows[this.row + field]!] as T;
  }

  protected number(field: number): number {
    return this.rows[this.row + field]!;
  }

  get uri(): DocUri {
    return this.facts.uri;
  }
}

class StoredDefinition extends StoredRow implements EntityDefinition {
  constructor(facts: StoredFacts, row: number) {
    super(facts, facts.definitionRows, row);
  }

  get type(): string {
    return this.value(0);
  }
  get id(): string {
    return this.value(1);
  }
  get start(): number {
    return this.number(2);
  }
  get span(): Span {
    return { start: this.number(2), end: this.number(3) };
  }
  get name(): string | undefined {
    return this.value(4);
  }
  get documentKind(): string | undefined {
    return this.value(5);
  }
  get documentId(): string | undefined {
    return this.value(6);
  }
  get path(): string {
    return this.value(7);
  }
}

class StoredReference extends StoredRow implements EntityReference {
  constructor(facts: StoredFacts, row: number) {
    super(facts, facts.referenceRows, row);
  }

  get type(): string {
    return this.value(0);
  }
  get id(): string {
    return this.value(1);
  }
  get span(): Span {
    return { start: this.number(2), end: this.number(3) };
  }
  get refKinds(): readonly string[] | undefined {
    return this.value(4);
  }
  get documentKind(): string | undefined {
    return this.value(5);
  }
  get documentId(): string | undefined {
    return this.value(6);
  }
  get path(): string {
    return this.value(7);
  }
}

class StoredClaim extends StoredRow implements ClauseClaim {
  constructor(facts: StoredFacts, row: number) {
    super(facts, facts.claimRows, row);
  }

  get ref(): string {
    return this.value(0);
  }
  get span(): Span {
    return { start: this.number(1), end: this.number(2) };
  }
  get documentKind(): string | undefined {
    return this.value(3);
  }
  get documentId(): string | undefined {
    return this.value(4);
  }
}

function signatureMap(definitions: readonly EntityDefinition[], withPositions: boolean): Map<string, string> {
  const map = new Map<string, string>();
  for (const definition of definitions) {
    const key = entityKey(definition.type, definition.id);
    const position = withPositions ? `${definition.span.start}:${definition.span.end}:` : '';
    map.set(key, `${map.get(key) ?? ''}|${position}${definition.name ?? ''}:${definition.documentKind ?? ''}:${definition.documentId ?? ''}`);
  }
  return map;
}

/** Per entity type, the ids referenced, with the path they are referenced from (not the position). */
function referenceSignatures(references: readonly EntityReference[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const reference of references) map.set(reference.type, `${map.get(reference.type) ?? ''}${reference.id}@${reference.path};`);
  return map;
}

function groupByKind(documents: readonly IndexedDocument[]): Map<string, IndexedDocument[]> {
  const out = new Map<string, IndexedDocument[]>();
  for (const document of documents) {
    if (!document.kind) continue;
    const list = out.get(document.kind);
    if (list) list.push(document);
    else out.set(document.kind, [document]);
  }
  return out;
}
