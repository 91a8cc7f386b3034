// The analysis host: holds the input texts ({uri, version, text}) and the derived state (parsed
// files, the cross-document index, coverage, findings), and brings the derived state up to date
// incrementally. A document is parsed once per version; an edit re-runs only what depends on it.
import type { Node } from 'yaml';
import { parseDocument } from './parse/yamlRuntime';
import type { Cancellation, DocUri, Finding, Fix, Severity, SeveritySetting, Span } from './types';
import { NEVER_CANCELLED } from './types';
import { parseFile, type ParsedFile, type SyntaxProblem } from './parse/parseFile';
import { parseFileReusing } from './parse/incremental';
import { LineIndex, LinePositions } from './text';
import { SchemaSet } from './schema/schemaSet';
import { toSchemaProblems } from './schema/schemaProblems';
import { extractFacts, entityKey, type DocumentFacts } from './index/facts';
import { EMPTY_FILE_FACTS, WorkspaceIndex, type FileFacts, type IndexChange } from './index/workspaceIndex';
import { Catalogue, type CatalogueText } from './coverage/catalogue';
import { CoverageIndex, documentCoverage, type CoverageReport, type DocumentCoverageFacts } from './coverage/coverage';
import { MANIFEST_KIND } from './coverage/manifest';
import { configFromValue, CONFIG_SCHEMA_ID, DEFAULT_CONFIG, type EngineConfig } from './config/config';
import { Messages } from './i18n/messages';
import type { Problem, Rule, WorkspaceScope, WorkspaceTarget } from './rules/rule';
import { RULES, allRuleKeys, ruleCodeOf } from './rules/registry';
import type { SkeletonContext } from './rules/support';
import type { StandardPack } from './pack/pack';
import { applyDirectives, suppressionsOf, type Suppressions } from './suppressions';
import { entryMatches, parseBaseline, relativeToFolder, type Baseline } from './baseline';
import { EXCLUSION_KEYS } from './rules/SMS303-exclusion-not-permitted/rule';

export interface WorkspaceOptions {
  readonly pack: StandardPack;
  /** Today's date (YYYY-MM-DD) for date-based checks and date placeholders; the engine never reads the clock. */
  readonly today: string;
  readonly locale?: string;
  /** Rules to run; all by default (tests run one rule at a time). */
  readonly rules?: readonly Rule[];
  /**
   * Which files keep their YAML syntax tree after analysis (all by default). A tree is most of a file's
   * memory; a file that does not keep it is re-parsed on demand (a small cache keeps the last few) when
   * a feature or a cross-file rule needs its nodes. The language server keeps the open documents' trees.
   */
  readonly retainSyntaxTree?: (uri: DocUri) => boolean;
  /**
   * Which files keep their text after analysis (all by default, and all when there is no `loadText`).
   * A file that does not keeps a length and a hash of it (to recognise the same text again), its
   * suppression directives, findings, index facts and coverage; when a feature, a fix or a re-parse
   * needs the text, the engine asks `loadText` (a small cache keeps the last few). The language server
   * keeps the open documents' texts and reads the others from disk.
   */
  readonly retainText?: (uri: DocUri) => boolean;
  /**
   * The current text of a file whose text was released (undefined when it is gone). The engine does no
   * I/O: the adapter reads it. A text that differs from the one analysed replaces it (the file is
   * analysed again), as if `setFile` had been called with it.
   */
  readonly loadText?: (uri: DocUri) => string | undefined;
}

/** Syntax trees re-parsed on demand for files that do not retain theirs. */
const TREE_CACHE_SIZE = 32;
/** Texts (and line indexes) loaded again on demand for files that do not retain theirs. */
const TEXT_CACHE_SIZE = 32;

export interface UpdateResult {
  readonly cancelled: boolean;
  /** Files whose findings changed since the previous update (to publish). */
  readonly changed: readonly DocUri[];
}

/** A finding before severity, suppression and message formatting. */
interface RawFinding {
  readonly rule: Rule;
  readonly uri: DocUri;
  readonly problem: Problem;
}

interface FileState {
  readonly uri: DocUri;
  version: number;
  /** The text; undefined once released (see WorkspaceOptions.retainText), then `textLength` and `textHash` describe it. */
  text: string | undefined;
  textLength: number;
  textHash: number;
  /** Suppression directives of the analysed text (undefined: none). */
  suppressions: Suppressions | undefined;
  /** Findings, facts, index and coverage are current for `text`. */
  analysed: boolean;
  /** The text is an SMS file (as of the last analysis). */
  isSms: boolean;
  /** The syntax tree, when retained (see WorkspaceOptions.retainSyntaxTree) or cached. */
  parsed: ParsedFile | undefined;
  lines: LineIndex | undefined;
  /** Line starts of the released text (see `Workspace.positions`). */
  positions: LinePositions | undefined;
  local: RawFinding[];
  references: RawFinding[];
  final: Finding[];
  finalSignature: string;
  /** An analysis of `text` computed elsewhere (a worker thread), used by the next analysis. */
  precomputed: FileAnalysis | undefined;
  /** Plain values of the documents whose kind a workspace rule reads (`scope.values`), by position in the file. */
  values: ReadonlyMap<number, unknown> | undefined;
}

/**
 * What analysing one file yields, as plain data: it can be computed in another thread (or process)
 * by a workspace with the same options and handed to `setAnalysedFile`. Findings name their rule by
 * code; `context` identifies the options it was computed with.
 */
export interface FileAnalysis {
  readonly context: string;
  readonly isSms: boolean;
  readonly local: readonly { readonly code: string; readonly problem: Problem }[];
  readonly facts: FileFacts;
  readonly coverage: readonly DocumentCoverageFacts[];
  /** Plain values of the documents of kinds workspace rules read (see `Rule.scope.values`). */
  readonly values: readonly (readonly [indexInFile: number, value: unknown])[];
  readonly ruleErrors: readonly { readonly code: string; readonly message: string }[];
}

interface ConfigState {
  readonly uri: DocUri;
  readonly version: number;
  readonly text: string;
  findings: RawFinding[];
  final: Finding[];
  finalSignature: string;
}

export class Workspace {
  readonly schemas: SchemaSet;
  readonly catalogue: Catalogue;
  readonly index = new WorkspaceIndex();
  readonly coverage: CoverageIndex;
  private readonly pack: StandardPack;
  private readonly rules: readonly Rule[];
  private readonly files = new Map<DocUri, FileState>();
  private readonly retainSyntaxTree: (uri: DocUri) => boolean;
  /** Files whose tree is held only as a cache, least recently used first. */
  private readonly treeCache = new Set<DocUri>();
  private readonly retainText: (uri: DocUri) => boolean;
  private readonly loadText: ((uri: DocUri) => string | undefined) | undefined;
  /** Files whose text is held only as a cache (loaded again through `loadText`), least recently used first. */
  private readonly textCache = new Set<DocUri>();
  private readonly dirty = new Set<DocUri>();
  private readonly removed = new Set<DocUri>();
  private configState: ConfigState | undefined;
  private configValue: EngineConfig = DEFAULT_CONFIG;
  private baselineState: { uri: DocUri; version: number; text: string; folderUri: string; baseline: Baseline; final: Finding[]; finalSignature: string; lines: LineIndex } | undefined;
  /** Baseline entries (by index) that suppressed a finding, per file. */
  private readonly baselineUsage = new Map<DocUri, Set<number>>();
  private configLines: LineIndex | undefined;
  private messages: Messages;
  private today: string;
  /** Workspace-rule findings by group (rule + target), and the groups touching each file. */
  private readonly groups = new Map<string, RawFinding[]>();
  private readonly groupsByUri = new Map<DocUri, Set<string>>();
  /** Everything must be recomputed on the next update (start, config or locale change). */
  private everything = true;
  private severityChanged = true;
  private pendingIndexChanges: IndexChange[] = [];
  /** What changed since the workspace rules last ran (one round may span several `update` calls). */
  private round = { definitionKeys: new Set<string>(), semanticKeys: new Set<string>(), entityTypes: new Set<string>(), kinds: new Set<string>(), files: new Set<DocUri>(), everythingExpanded: false };
  private pendingSubclauses = new Set<string>();

  constructor(options: WorkspaceOptions) {
    this.pack = options.pack;
    this.rules = options.rules ?? RULES;
    this.retainSyntaxTree = options.retainSyntaxTree ?? (() => true);
    this.loadText = options.loadText;
    this.retainText = options.loadText ? (options.retainText ?? (() => true)) : () => true;
    this.today = options.today;
    const compiled = compiledPack(options.pack);
    this.schemas = compiled.schemas;
    this.catalogue = compiled.catalogue;
    this.coverage = new CoverageIndex(this.catalogue);
    this.messages = this.messagesFor(options.locale);
  }

  get config(): EngineConfig {
    return this.configValue;
  }

  get locale(): string {
    return this.messages.locale;
  }

  /** The catalogue's titles and paraphrases in the workspace's locale. */
  get catalogueText(): CatalogueText {
    return this.catalogue.textIn(this.messages.locale);
  }

  /** Sets or replaces the text of a file. Cheap: the work happens in `update`. */
  setFile(uri: DocUri, version: number, text: string): void {
    const state = this.files.get(uri);
    this.removed.delete(uri);
    if (state) {
      if (state.text === undefined ? state.textLength === text.length && state.textHash === hashText(text) : state.text === text) {
        state.version = version;
        // A file the editor opened keeps its text again.
        if (state.text === undefined && this.retainText(uri)) state.text = text;
        return;
      }
      state.version = version;
      state.text = text;
      state.positions = undefined;
      state.analysed = false;
      state.parsed = undefined;
      state.lines = undefined;
      state.precomputed = undefined;
    } else {
      this.files.set(uri, { uri, version, text, textLength: text.length, textHash: 0, suppressions: undefined, analysed: false, isSms: false, parsed: undefined, lines: undefined, positions: undefined, local: [], references: [], final: [], finalSignature: '', precomputed: undefined, values: undefined });
    }
    // A file that does not keep its text is read again for its analysis: an adapter hands over every
    // text of a workspace before the first update, and holding them all until then is the peak.
    if (!this.retainText(uri)) this.releaseText(this.files.get(uri)!);
    this.dirty.add(uri);
  }

  /**
   * Analyses a text as `setFile` + `update` would (parse, file, schema and document rules, index facts,
   * coverage facts) without adding it to the workspace: the per-file part of the work, which needs no
   * other file. A worker thread's workspace, created with the same options, computes these for the
   * workspace that holds the files (`setAnalysedFile`).
   */
  analyse(uri: DocUri, version: number, text: string): FileAnalysis {
    const state: FileState = { uri, version, text, textLength: text.length, textHash: 0, suppressions: undefined, analysed: false, isSms: false, parsed: undefined, lines: undefined, positions: undefined, local: [], references: [], final: [], finalSignature: '', precomputed: undefined, values: undefined };
    const errorsBefore = this.ruleErrors.length;
    const { parsed, local, facts, coverage, values } = this.computeAnalysis(state, false);
    return {
      context: this.analysisContext,
      isSms: parsed.isSms,
      local: local.map(({ rule, problem }) => ({ code: rule.meta.code, problem })),
      facts,
      coverage,
      values: values ? [...values] : [],
      ruleErrors: this.ruleErrors.splice(errorsBefore),
    };
  }

  /**
   * `setFile` with the analysis of exactly this text computed by `analyse` (typically in a worker thread):
   * the next `update` takes it instead of analysing the file again. An analysis computed with other
   * options (config, locale, date, rules) is ignored and the file is analysed as usual.
   */
  setAnalysedFile(uri: DocUri, version: number, text: string, analysis: FileAnalysis): void {
    this.setFile(uri, version, text);
    const state = this.files.get(uri);
    if (state && !state.analysed && analysis.context === this.analysisContext) state.precomputed = analysis;
  }

  /**
   * Everything besides a file's text that its analysis depends on. Two workspaces with equal contexts
   * analyse a text identically.
   */
  get analysisContext(): string {
    const memo = this.contextMemo;
    const rules = this.activeRules();
    if (memo && memo.today === this.today && memo.locale === this.messages.locale && memo.config === this.configState && memo.rules === rules) return memo.value;
    const value = JSON.stringify([this.today, this.messages.locale, this.configState?.text ?? '', rules.map((rule) => rule.meta.code).join()]);
    this.contextMemo = { today: this.today, locale: this.messages.locale, config: this.configState, rules, value };
    return value;
  }

  private contextMemo: { today: string; locale: string; config: ConfigState | undefined; rules: readonly Rule[]; value: string } | undefined;

  removeFile(uri: DocUri): void {
    if (!this.files.has(uri)) return;
    this.files.delete(uri);
    this.treeCache.delete(uri);
    this.textCache.delete(uri);
    this.dirty.delete(uri);
    this.removed.add(uri);
  }

  hasFile(uri: DocUri): boolean {
    return this.files.has(uri);
  }

  /** Does the engine hold this text (a file, the config file or the baseline)? */
  holds(uri: DocUri): boolean {
    return this.files.has(uri) || this.configState?.uri === uri || this.baselineState?.uri === uri;
  }

  fileUris(): DocUri[] {
    return [...this.files.keys()];
  }

  version(uri: DocUri): number | undefined {
    return this.files.get(uri)?.version;
  }

  /** Sets the project configuration file (or clears it with `undefined`). */
  setConfig(config: { uri: DocUri; version: number; text: string } | undefined): void {
    if (config && this.configState && this.configState.uri === config.uri && this.configState.text === config.text) return;
    this.configState = config ? { ...config, findings: [], final: [], finalSignature: '' } : undefined;
    const value = config ? this.readConfig(this.configState!) : DEFAULT_CONFIG;
    const limitsChanged = JSON.stringify(value.limits) !== JSON.stringify(this.configValue.limits);
    const offOf = (config: EngineConfig): string => [...config.severities].filter(([, v]) => v === 'off').map(([k]) => k).sort().join();
    const offChanged = offOf(value) !== offOf(this.configValue);
    this.configValue = value;
    this.setMessages(this.messagesFor(undefined));
    this.severityChanged = true;
    if (offChanged) this.rulesChanged();
    else if (limitsChanged) for (const uri of this.files.keys()) this.invalidate(uri);
  }

  /** Sets the baseline of accepted findings (or clears it with `undefined`). */
  setBaseline(baseline: { uri: DocUri; version: number; text: string } | undefined): void {
    if (baseline && this.baselineState?.uri === baseline.uri && this.baselineState.text === baseline.text) return;
    this.baselineState = baseline
      ? { ...baseline, folderUri: baseline.uri.slice(0, baseline.uri.lastIndexOf('/') + 1), baseline: parseBaseline(baseline.text), final: [], finalSignature: '', lines: new LineIndex(baseline.text) }
      : undefined;
    this.severityChanged = true;
  }

  /** Editor-only severity overrides (the `sms.severity` setting), applied over the config file. */
  setSeverityOverrides(overrides: ReadonlyMap<string, SeveritySetting>): void {
    const next = new Map<string, SeveritySetting>();
    for (const [key, value] of overrides) {
      const code = ruleCodeOf(key);
      if (code) next.set(code, value);
    }
    if (JSON.stringify([...next]) === JSON.stringify([...this.severityOverrides])) return;
    const offBefore = [...this.severityOverrides].filter(([, v]) => v === 'off').map(([k]) => k).sort().join();
    this.severityOverrides = next;
    this.severityChanged = true;
    if ([...next].filter(([, v]) => v === 'off').map(([k]) => k).sort().join() !== offBefore) this.rulesChanged();
  }

  private severityOverrides: ReadonlyMap<string, SeveritySetting> = new Map();

  setLocale(locale: string | undefined): void {
    const messages = this.messagesFor(locale);
    if (messages.locale === this.messages.locale) return;
    this.setMessages(messages);
    this.severityChanged = true;
  }

  /**
   * Messages are formatted when findings are finalized, but workspace rules quote the catalogue's texts
   * (titles, paraphrases) in their arguments: a new locale runs them again.
   */
  private setMessages(messages: Messages): void {
    if (messages.locale !== this.messages.locale) this.everything = true;
    this.messages = messages;
  }

  setToday(today: string): void {
    if (today === this.today) return;
    this.today = today;
    this.everything = true;
    for (const uri of this.files.keys()) this.invalidate(uri);
  }

  /** Brings findings up to date. Returns the files whose findings changed, or `cancelled`. */
  update(cancel: Cancellation = NEVER_CANCELLED): UpdateResult {
    // Work is recorded in members as it is done, so that a cancelled update loses nothing:
    // the next call continues where this one stopped.
    const changedFiles = this.toFinalize;
    const referenceDirty = this.referenceDirty;

    for (const uri of this.removed) {
      this.pendingIndexChanges.push(this.index.remove(uri));
      for (const subclause of this.coverage.update(uri, [])) this.pendingSubclauses.add(subclause);
      for (const group of this.groupsByUri.get(uri) ?? []) this.groups.delete(group);
      this.groupsByUri.delete(uri);
      changedFiles.add(uri);
    }
    this.removed.clear();

    // Sets are iterated while their entries are deleted (no copy: a time-sliced caller makes thousands
    // of calls during a large initial check, and copying the rest on each would be quadratic).
    for (const uri of this.dirty) {
      if (cancel.isCancellationRequested) return { cancelled: true, changed: [] };
      const state = this.files.get(uri);
      this.dirty.delete(uri);
      if (!state) continue;
      this.analyzeFile(state);
      referenceDirty.add(uri);
      changedFiles.add(uri);
      this.round.files.add(uri);
    }

    // Absorb the index changes into this round once: their dependents become reference-dirty, and
    // the changed keys, types and kinds wait for the workspace rules at the end of the round. (A
    // time-sliced caller makes many calls per round; expanding again on each would never finish.)
    for (const change of this.pendingIndexChanges) {
      for (const key of change.definitionKeys) this.round.definitionKeys.add(key);
      // Other files' references only care whether a definition exists and of what kind, not where.
      for (const key of change.semanticKeys) {
        if (this.round.semanticKeys.has(key)) continue;
        this.round.semanticKeys.add(key);
        const [type, id] = key.split('\u0000') as [string, string];
        for (const uri of this.index.referencingFiles(type, id)) referenceDirty.add(uri);
      }
      for (const type of change.entityTypes) this.round.entityTypes.add(type);
      for (const kind of change.kinds) this.round.kinds.add(kind);
    }
    this.pendingIndexChanges = [];
    if (this.everything && !this.round.everythingExpanded) {
      for (const uri of this.files.keys()) referenceDirty.add(uri);
      this.round.everythingExpanded = true;
    }

    for (const uri of referenceDirty) {
      if (cancel.isCancellationRequested) return { cancelled: true, changed: [] };
      referenceDirty.delete(uri);
      const state = this.files.get(uri);
      if (!state?.analysed) continue;
      state.references = this.runReferenceRules(state);
      changedFiles.add(uri);
    }

    // Workspace rules run as one unit: cheap per target, and only for targets that changed.
    if (cancel.isCancellationRequested) return { cancelled: true, changed: [] };
    const { definitionKeys, entityTypes, kinds } = this.round;
    const subclauses = this.pendingSubclauses;
    this.pendingSubclauses = new Set();
    const manifestChanged = kinds.has(MANIFEST_KIND);
    for (const rule of this.activeRules()) {
      if (rule.phase !== 'workspace') continue;
      for (const target of this.targetsFor(rule, { definitionKeys, entityTypes, kinds, subclauses, manifestChanged })) {
        for (const uri of this.runWorkspaceRule(rule, target)) changedFiles.add(uri);
      }
    }
    this.round = { definitionKeys: new Set(), semanticKeys: new Set(), entityTypes: new Set(), kinds: new Set(), files: new Set(), everythingExpanded: false };
    this.everything = false;

    if (this.severityChanged) {
      for (const uri of this.files.keys()) changedFiles.add(uri);
      if (this.configState) changedFiles.add(this.configState.uri);
      this.severityChanged = false;
    }

    const changed: DocUri[] = [];
    for (const uri of changedFiles) {
      if (this.configState && uri === this.configState.uri) {
        const final = this.finalize(uri, this.configState.findings, undefined);
        const signature = signatureOf(final);
        if (signature !== this.configState.finalSignature) {
          this.configState.final = final;
          this.configState.finalSignature = signature;
          changed.push(uri);
        }
        continue;
      }
      const state = this.files.get(uri);
      if (!state) {
        changed.push(uri);
        continue;
      }
      const groupFindings = [...(this.groupsByUri.get(uri) ?? [])].flatMap((group) => (this.groups.get(group) ?? []).filter((finding) => finding.uri === uri));
      const final = this.finalize(uri, [...state.local, ...state.references, ...groupFindings], state.analysed ? (state.suppressions ?? NO_SUPPRESSIONS) : undefined);
      const signature = signatureOf(final);
      if (signature !== state.finalSignature) {
        state.final = final;
        state.finalSignature = signature;
        changed.push(uri);
      }
    }
    changedFiles.clear();
    if (this.baselineState) {
      const final = this.baselineFindings();
      const signature = signatureOf(final);
      if (signature !== this.baselineState.finalSignature) {
        this.baselineState.final = final;
        this.baselineState.finalSignature = signature;
        changed.push(this.baselineState.uri);
      }
    }
    return { cancelled: false, changed };
  }

  /** Is there work left for `update`? */
  get needsUpdate(): boolean {
    return this.dirty.size > 0 || this.removed.size > 0 || this.referenceDirty.size > 0 || this.toFinalize.size > 0 || this.pendingIndexChanges.length > 0 || this.pendingSubclauses.size > 0 || this.round.definitionKeys.size > 0 || this.round.kinds.size > 0 || this.round.entityTypes.size > 0 || this.everything || this.severityChanged;
  }

  private readonly toFinalize = new Set<DocUri>();
  private readonly referenceDirty = new Set<DocUri>();

  /** The current findings of a file (after `update`). Files the engine does not hold have none. */
  findings(uri: DocUri): readonly Finding[] {
    if (this.configState?.uri === uri) return this.configState.final;
    if (this.baselineState?.uri === uri) return this.baselineState.final;
    return this.files.get(uri)?.final ?? [];
  }

  allFindings(): Map<DocUri, readonly Finding[]> {
    const out = new Map<DocUri, readonly Finding[]>();
    if (this.configState && this.configState.final.length > 0) out.set(this.configState.uri, this.configState.final);
    if (this.baselineState && this.baselineState.final.length > 0) out.set(this.baselineState.uri, this.baselineState.final);
    for (const [uri, state] of this.files) if (state.final.length > 0) out.set(uri, state.final);
    return out;
  }

  coverageReport(): CoverageReport {
    return this.coverage.report();
  }

  /** The file's syntax tree: retained, cached, or parsed now (see WorkspaceOptions.retainSyntaxTree). */
  parsed(uri: DocUri): ParsedFile | undefined {
    const state = this.files.get(uri);
    if (!state) return undefined;
    // Loaded first: a text that changed on disk since the analysis is analysed again.
    if (!state.parsed) this.loadedText(state);
    if (!state.analysed) this.analyzeFile(state);
    // Not kept for the incremental re-parse (which reads comments): the fast parser may build it.
    if (!state.parsed) state.parsed = parseFile(state.uri, state.version, this.loadedText(state) ?? '', this.configValue.limits, { fast: true });
    if (this.retainSyntaxTree(uri)) this.treeCache.delete(uri);
    else this.cacheTree(uri);
    return state.parsed;
  }

  /** Is the file an SMS file (one of its YAML documents carries our header)? Analyses it if needed. */
  isSmsFile(uri: DocUri): boolean {
    const state = this.files.get(uri);
    if (!state) return false;
    if (!state.analysed) this.analyzeFile(state);
    return state.isSms;
  }

  /** Drops the syntax trees and texts that are not retained (e.g. after the editor closed a document). */
  releaseSyntaxTrees(): void {
    for (const [uri, state] of this.files) {
      if (state.parsed && !this.retainSyntaxTree(uri)) state.parsed = undefined;
      if (state.text !== undefined && state.analysed && !this.retainText(uri)) this.releaseText(state);
    }
    this.treeCache.clear();
    this.textCache.clear();
  }

  /** Forgets a file's text (keeping its length and hash); `loadText` gives it back. */
  private releaseText(state: FileState): void {
    if (state.text === undefined) return;
    state.textLength = state.text.length;
    state.textHash = hashText(state.text);
    state.positions = state.analysed ? (state.lines?.positions() ?? LinePositions.of(state.text)) : undefined;
    state.text = undefined;
    state.lines = undefined;
    this.textCache.delete(state.uri);
  }

  /**
   * The file's text: held, or loaded again through `loadText` (and cached). A loaded text that is not the
   * one analysed replaces it, and the file is analysed again. Undefined when it cannot be loaded.
   */
  private loadedText(state: FileState): string | undefined {
    if (state.text !== undefined) {
      if (this.textCache.has(state.uri)) {
        this.textCache.delete(state.uri);
        this.textCache.add(state.uri);
      }
      return state.text;
    }
    const text = this.loadText?.(state.uri);
    if (text === undefined) return undefined;
    if (text.length !== state.textLength || hashText(text) !== state.textHash) {
      // Changed on disk since it was analysed (the watcher's notification may still be on its way).
      state.analysed = false;
      state.parsed = undefined;
      this.treeCache.delete(state.uri);
      this.dirty.add(state.uri);
      state.positions = undefined;
    }
    state.text = text;
    state.lines = undefined;
    if (!this.retainText(state.uri)) {
      this.textCache.add(state.uri);
      while (this.textCache.size > TEXT_CACHE_SIZE) {
        const oldest = this.textCache.values().next().value as DocUri;
        const cached = this.files.get(oldest);
        if (cached && cached.analysed) this.releaseText(cached);
        else this.textCache.delete(oldest);
      }
    }
    return text;
  }

  private cacheTree(uri: DocUri): void {
    this.treeCache.delete(uri);
    this.treeCache.add(uri);
    while (this.treeCache.size > TREE_CACHE_SIZE) {
      const oldest = this.treeCache.values().next().value as DocUri;
      this.treeCache.delete(oldest);
      const state = this.files.get(oldest);
      if (state) state.parsed = undefined;
    }
  }

  lines(uri: DocUri): LineIndex | undefined {
    const state = this.files.get(uri);
    if (!state && this.baselineState?.uri === uri) return this.baselineState.lines;
    if (!state) {
      if (this.configState?.uri !== uri) return undefined;
      this.configLines ??= new LineIndex(this.configState.text);
      return this.configLines.text === this.configState.text ? this.configLines : (this.configLines = new LineIndex(this.configState.text));
    }
    const text = this.loadedText(state);
    if (text === undefined) return undefined;
    state.lines ??= new LineIndex(text);
    return state.lines;
  }

  /**
   * Offsets to line/character for a file, without loading a released text: ranges of findings, claims
   * and definitions (they are positions in the analysed text, which these line starts describe).
   */
  positions(uri: DocUri): LinePositions | undefined {
    const state = this.files.get(uri);
    if (state && state.text === undefined && state.positions) return state.positions;
    return this.lines(uri);
  }

  text(uri: DocUri): string | undefined {
    const state = this.files.get(uri);
    if (state) return this.loadedText(state);
    return this.configState?.uri === uri ? this.configState.text : this.baselineState?.uri === uri ? this.baselineState.text : undefined;
  }

  get templates(): StandardPack['templates'] {
    return this.pack.templates;
  }

  skeletonContext(): SkeletonContext {
    return {
      today: this.today,
      firstIdOf: (entityType) => this.index.definitionsOfType(entityType).keys().next().value,
    };
  }

  formatMessage(key: string, template: string, args: Readonly<Record<string, string | number>> = {}): string {
    return this.messages.format(key, template, args);
  }

  // ---------------------------------------------------------------------------------------------

  /** Rules not switched off (by the config file or the editor's overrides): `off` means it does not run. */
  private activeRules(): readonly Rule[] {
    if (this.activeRulesMemo) return this.activeRulesMemo;
    this.activeRulesMemo = this.rules.filter((rule) => (this.severityOverrides.get(rule.meta.code) ?? this.configValue.severities.get(rule.meta.code)) !== 'off');
    return this.activeRulesMemo;
  }

  private activeRulesMemo: readonly Rule[] | undefined;

  /** After a change of which rules run: everything is recomputed. */
  private rulesChanged(): void {
    this.activeRulesMemo = undefined;
    this.everything = true;
    this.groups.clear();
    this.groupsByUri.clear();
    for (const uri of this.files.keys()) this.invalidate(uri);
  }

  private invalidate(uri: DocUri): void {
    const state = this.files.get(uri);
    if (!state) return;
    state.analysed = false;
    state.parsed = undefined;
    state.precomputed = undefined;
    this.treeCache.delete(uri);
    state.lines = undefined;
    this.dirty.add(uri);
  }

  private messagesFor(locale: string | undefined): Messages {
    const chosen = locale ?? this.configValue?.locale ?? 'en';
    const bundle = this.pack.messageBundles[chosen];
    return bundle ? new Messages(chosen, bundle) : Messages.english();
  }

  /** Parses one file and runs the file, schema and document rules (or takes a precomputed analysis); updates index and coverage. */
  private analyzeFile(state: FileState): void {
    const precomputed = state.precomputed;
    state.precomputed = undefined;
    let isSms: boolean;
    let local: RawFinding[];
    let facts: FileFacts;
    let coverage: readonly DocumentCoverageFacts[];
    let text: string;
    if (precomputed && precomputed.context === this.analysisContext) {
      isSms = precomputed.isSms;
      local = [];
      for (const { code, problem } of precomputed.local) {
        const rule = this.ruleByCode(code);
        if (rule) local.push({ rule, uri: state.uri, problem });
      }
      facts = precomputed.facts;
      coverage = precomputed.coverage;
      state.values = precomputed.values.length > 0 ? new Map(precomputed.values) : undefined;
      this.ruleErrors.push(...precomputed.ruleErrors);
      text = this.loadedText(state) ?? '';
      // No tree: one is parsed on demand if a feature or a cross-file rule needs it.
      state.parsed = undefined;
      state.lines = undefined;
    } else {
      const result = this.computeAnalysis(state, this.retainSyntaxTree(state.uri));
      isSms = result.parsed.isSms;
      local = result.local;
      facts = result.facts;
      coverage = result.coverage;
      state.parsed = result.parsed;
      state.lines = result.lines;
      state.values = result.values;
      text = result.text;
    }
    state.local = local;
    state.analysed = true;
    state.isSms = isSms;
    // Everything later phases need from this file is in the index, the coverage facts and the
    // findings now; the tree is most of the file's memory.
    this.treeCache.delete(state.uri);
    if (!this.retainSyntaxTree(state.uri)) state.parsed = undefined;
    state.suppressions = suppressionsOf(text);
    if (!this.retainText(state.uri)) this.releaseText(state);
    this.pendingIndexChanges.push(this.index.update(state.uri, isSms ? facts : EMPTY_FILE_FACTS));
    for (const subclause of this.coverage.update(state.uri, isSms ? coverage : [])) this.pendingSubclauses.add(subclause);
  }

  /** Kinds whose plain values an active workspace rule reads (`scope.values`). */
  private valueKinds(): ReadonlySet<string> {
    if (this.valueKindsMemo?.rules === this.activeRules()) return this.valueKindsMemo.kinds;
    const kinds = new Set<string>();
    for (const rule of this.activeRules()) if (rule.phase === 'workspace' && rule.scope.kind === 'global') for (const kind of rule.scope.values ?? []) kinds.add(kind);
    this.valueKindsMemo = { rules: this.activeRules(), kinds };
    return kinds;
  }

  private valueKindsMemo: { rules: readonly Rule[]; kinds: ReadonlySet<string> } | undefined;

  /** The plain value of a document of a file: kept for the kinds in `valueKinds`, else from a parse. */
  private documentValue(uri: DocUri, indexInFile: number): unknown {
    const state = this.files.get(uri);
    if (!state) return undefined;
    if (!state.analysed) this.analyzeFile(state);
    if (state.values?.has(indexInFile)) return state.values.get(indexInFile);
    const document = this.parsed(uri)?.documents.find((candidate) => candidate.indexInFile === indexInFile);
    return document?.value;
  }

  private ruleByCode(code: string): Rule | undefined {
    this.rulesByCode ??= new Map(this.rules.map((rule) => [rule.meta.code, rule]));
    return this.rulesByCode.get(code);
  }

  private rulesByCode: Map<string, Rule> | undefined;

  /** The per-file part of the analysis: parse, file, schema and document rules, index and coverage facts. */
  private computeAnalysis(state: FileState, keepForReparse: boolean): { parsed: ParsedFile; local: RawFinding[]; facts: FileFacts; coverage: DocumentCoverageFacts[]; lines: LineIndex | undefined; values: Map<number, unknown> | undefined; text: string } {
    // Re-parses only the changed block of a file parsed before (parse/incremental.ts), when it can.
    // A released text is loaded again (a file that cannot be read any more is analysed as empty until removed).
    const text = this.loadedText(state) ?? (state.text = '');
    const parsed = parseFileReusing(state, state.uri, state.version, text, this.configValue.limits, keepForReparse);
    const local: RawFinding[] = [];
    let lineIndex: LineIndex | undefined;
    const lines = (): LineIndex => (lineIndex ??= new LineIndex(text));
    const documents: FileFacts['documents'][number][] = [];
    const definitions: DocumentFacts['definitions'][number][] = [];
    const references: DocumentFacts['references'][number][] = [];
    const claims: DocumentFacts['claims'][number][] = [];
    const coverageFacts: DocumentCoverageFacts[] = [];
    const skeleton = this.skeletonContext();
    const valueKinds = this.valueKinds();
    let values: Map<number, unknown> | undefined;

    const rules = this.activeRules();
    for (const rule of rules) {
      if (rule.phase !== 'file') continue;
      this.isolate(rule, () => rule.check({ file: parsed, lines: lines(), problems: parsed.syntaxProblems, report: (problem) => local.push({ rule, uri: state.uri, problem }) }));
    }
    for (const document of parsed.documents) {
      const kindSchema = document.kind !== undefined ? this.schemas.kind(document.kind) : undefined;
      // A document that does not parse cleanly gets its syntax findings only: schema findings on a
      // half-parsed document would be noise (a property "missing" that is merely mis-indented).
      const parsesCleanly = document.yaml.errors.length === 0;
      if (kindSchema && document.value !== undefined && parsesCleanly) {
        const errors = this.schemas.validate(kindSchema.kind, document.value) ?? [];
        if (errors.length > 0) {
          for (const problem of toSchemaProblems(errors, document.yaml.contents as Node | null, document.headerSpan, kindSchema.root, document.value)) {
            // The header belongs to SMS003/SMS004, clause ids to SMS304: one finding per problem.
            if (problem.segments.length === 1 && (problem.segments[0] === 'apiVersion' || problem.segments[0] === 'kind')) continue;
            if (problem.schemaNode?.annotations.claim && problem.keyword === 'pattern') continue;
            // An attempt to exclude clauses is SMS303's, not an "unknown property".
            if (problem.keyword === 'additionalProperties' && problem.property !== undefined && EXCLUSION_KEYS.has(problem.property)) continue;
            for (const rule of rules) {
              if (rule.phase !== 'schema' || !rule.keywords.includes(problem.keyword)) continue;
              this.isolate(rule, () => rule.check({ file: parsed, lines: lines(), problem, skeleton, report: (p) => local.push({ rule, uri: state.uri, problem: p }) }));
            }
          }
        }
      }
      const facts = extractFacts(document, kindSchema?.root);
      for (const rule of rules) {
        if (rule.phase !== 'document' || !parsesCleanly) continue;
        this.isolate(rule, () =>
          rule.check({ file: parsed, lines: lines(), document, kindSchema, schemas: this.schemas, catalogue: this.catalogue, config: this.configValue, skeleton, facts, report: (p) => local.push({ rule, uri: state.uri, problem: p }) }),
        );
      }
      documents.push({ uri: state.uri, indexInFile: document.indexInFile, kind: document.kind, id: document.id });
      if (document.kind !== undefined && valueKinds.has(document.kind) && document.value !== undefined) (values ??= new Map()).set(document.indexInFile, document.value);
      definitions.push(...facts.definitions);
      references.push(...facts.references);
      claims.push(...facts.claims);
      coverageFacts.push(documentCoverage(document, facts.claims, this.catalogue));
    }
    return { parsed, local, facts: { documents, definitions, references, claims }, coverage: coverageFacts, lines: lineIndex, values, text };
  }

  private runReferenceRules(state: FileState): RawFinding[] {
    const out: RawFinding[] = [];
    const { uri, version } = state;
    // The state is in `files`, so `parsed` always has a tree to give (retained, cached or parsed now).
    const parsed = (): ParsedFile => this.parsed(uri) as ParsedFile;
    for (const rule of this.activeRules()) {
      if (rule.phase !== 'reference') continue;
      this.isolate(rule, () =>
        rule.check({
          uri,
          version,
          get file() {
            return parsed();
          },
          index: this.index,
          report: (problem) => out.push({ rule, uri, problem }),
        }),
      );
    }
    return out;
  }

  private *targetsFor(
    rule: Rule & { phase: 'workspace' },
    changes: { definitionKeys: ReadonlySet<string>; entityTypes: ReadonlySet<string>; kinds: ReadonlySet<string>; subclauses: ReadonlySet<string>; manifestChanged: boolean },
  ): Iterable<WorkspaceTarget> {
    const scope: WorkspaceScope = rule.scope;
    switch (scope.kind) {
      case 'entity': {
        const keys = this.everything ? this.allDefinitionKeys() : changes.definitionKeys;
        for (const key of keys) {
          const [entityType, id] = key.split('\u0000') as [string, string];
          if (scope.entityTypes === 'all' || scope.entityTypes.includes(entityType)) yield { kind: 'entity', entityType, id };
        }
        return;
      }
      case 'subclause': {
        const all = this.everything || changes.manifestChanged;
        for (const subclause of this.catalogue.subclauses) if (all || changes.subclauses.has(subclause.id)) yield { kind: 'subclause', subclauseId: subclause.id };
        return;
      }
      case 'global': {
        const triggered =
          this.everything ||
          scope.entityTypes.some((type) => changes.entityTypes.has(type)) ||
          scope.documentKinds.some((kind) => (kind === '*' ? changes.kinds.size > 0 || changes.definitionKeys.size > 0 : changes.kinds.has(kind))) ||
          (scope.coverage && changes.subclauses.size > 0) ||
          // A changed file that holds this rule's findings: their positions may have moved.
          [...this.round.files].some((uri) => this.groupsByUri.get(uri)?.has(`${rule.meta.code}|`));
        if (triggered) yield { kind: 'global' };
      }
    }
  }

  private allDefinitionKeys(): Set<string> {
    const keys = new Set<string>();
    for (const type of this.index.entityTypes()) for (const id of this.index.definitionsOfType(type).keys()) keys.add(entityKey(type, id));
    return keys;
  }

  /** Runs one workspace rule for one target; returns the files whose group findings changed. */
  private runWorkspaceRule(rule: Rule & { phase: 'workspace' }, target: WorkspaceTarget): Set<DocUri> {
    const groupKey = `${rule.meta.code}|${target.kind === 'entity' ? entityKey(target.entityType, target.id) : target.kind === 'subclause' ? target.subclauseId : ''}`;
    const findings: RawFinding[] = [];
    this.isolate(rule, () =>
      rule.check({
        target,
        index: this.index,
        coverage: this.coverage,
        catalogue: this.catalogue,
        catalogueText: this.catalogueText,
        format: (key, template, args) => this.messages.format(key, template, args),
        templates: this.pack.templates,
        schemas: this.schemas,
        skeleton: this.skeletonContext(),
        config: this.configValue,
        file: (uri) => this.parsed(uri),
        lines: (uri) => this.lines(uri),
        value: (uri, indexInFile) => this.documentValue(uri, indexInFile),
        report: (uri, problem) => findings.push({ rule, uri, problem }),
      }),
    );
    const touched = new Set<DocUri>();
    for (const finding of this.groups.get(groupKey) ?? []) touched.add(finding.uri);
    for (const finding of findings) touched.add(finding.uri);
    if (findings.length > 0) this.groups.set(groupKey, findings);
    else this.groups.delete(groupKey);
    for (const uri of touched) {
      let set = this.groupsByUri.get(uri);
      if (!set) this.groupsByUri.set(uri, (set = new Set()));
      if (findings.some((finding) => finding.uri === uri)) set.add(groupKey);
      else set.delete(groupKey);
    }
    return touched;
  }

  /** A bug in one rule must not take the others (or the server) down: it yields no findings. */
  private isolate(rule: Rule, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.ruleErrors.push({ code: rule.meta.code, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }

  /** Rule crashes since the last call (adapters log them). */
  readonly ruleErrors: { code: string; message: string }[] = [];

  /** `suppressions` are the file's suppression comments, when they apply. */
  private finalize(uri: DocUri, raw: readonly RawFinding[], suppressions: Suppressions | null | undefined): Finding[] {
    const out: Finding[] = [];
    const version = this.files.get(uri)?.version ?? this.configState?.version ?? 0;
    for (const { rule, problem } of raw) {
      const setting = this.severityOverrides.get(rule.meta.code) ?? this.configValue.severities.get(rule.meta.code);
      if (setting === 'off') continue;
      const severity: Severity = setting ?? rule.meta.defaultSeverity;
      const template = (rule.meta.messages as Readonly<Record<string, string>>)[problem.messageId] ?? problem.messageId;
      out.push({
        uri,
        span: problem.span,
        severity,
        code: rule.meta.code,
        rule: rule.meta.name,
        message: this.messages.format(`${rule.meta.code}.${problem.messageId}`, template, problem.args),
        data: problem.data ?? {},
        related: problem.related ?? [],
        fixes: (problem.fixes ?? []).map((fix) => stampVersion(fix, uri, version)),
      });
    }
    let kept = out;
    if (suppressions !== undefined) {
      const applied = applyDirectives(suppressions ?? undefined, out, (code) => /^SMS\d{3}$/.test(code) && ruleCodeOf(code) !== undefined);
      kept = applied.kept;
      const suppressionRule = this.activeRules().find((rule) => rule.meta.code === 'SMS902');
      if (suppressionRule) {
        const setting = this.severityOverrides.get('SMS902') ?? this.configValue.severities.get('SMS902');
        for (const { directive, problem, code } of applied.problems) {
          const template = (suppressionRule.meta.messages as Readonly<Record<string, string>>)[problem] ?? problem;
          kept.push({ uri, span: directive.span, severity: setting && setting !== 'off' ? setting : suppressionRule.meta.defaultSeverity, code: suppressionRule.meta.code, rule: suppressionRule.meta.name, message: this.messages.format(`SMS902.${problem}`, template, { code }), data: {}, related: [], fixes: [] });
        }
      }
    }
    if (this.baselineState && uri !== this.baselineState.uri) kept = this.applyBaseline(uri, kept);
    kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || compareClauseIds(a.data.clauseId ?? '', b.data.clauseId ?? '') || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    return kept;
  }

  private applyBaseline(uri: DocUri, findings: Finding[]): Finding[] {
    const state = this.baselineState;
    if (!state) return findings;
    const relativePath = relativeToFolder(state.folderUri, uri);
    const used = new Set<number>();
    const kept = relativePath === undefined
      ? findings
      : findings.filter((finding) => {
          const index = state.baseline.entries.findIndex((entry) => entry.justification !== undefined && !(entry.expires !== undefined && entry.expires < this.today) && entryMatches(entry, finding, relativePath));
          if (index < 0) return true;
          used.add(index);
          return false;
        });
    if (used.size > 0) this.baselineUsage.set(uri, used);
    else this.baselineUsage.delete(uri);
    return kept;
  }

  /** Findings on the baseline file itself: entries without justification, expired, or matching nothing. */
  private baselineFindings(): Finding[] {
    const state = this.baselineState;
    const rule = this.rules.find((candidate) => candidate.meta.code === 'SMS903');
    if (!state || !rule || (this.severityOverrides.get('SMS903') ?? this.configValue.severities.get('SMS903')) === 'off') return [];
    const used = new Set<number>();
    for (const [uri, indices] of this.baselineUsage) if (this.files.has(uri)) for (const index of indices) used.add(index);
    const setting = this.severityOverrides.get('SMS903') ?? this.configValue.severities.get('SMS903');
    const severity: Severity = setting && setting !== 'off' ? setting : rule.meta.defaultSeverity;
    const make = (span: Span, messageId: string, args: Readonly<Record<string, string>>): Finding => {
      const template = (rule.meta.messages as Readonly<Record<string, string>>)[messageId] ?? messageId;
      return { uri: state.uri, span, severity, code: rule.meta.code, rule: rule.meta.name, message: this.messages.format(`SMS903.${messageId}`, template, args), data: {}, related: [], fixes: [] };
    };
    const out: Finding[] = state.baseline.invalid.map((problem) => make(problem.span, 'invalid', { detail: problem.detail }));
    state.baseline.entries.forEach((entry, index) => {
      const args = { code: entry.code, file: entry.file, expires: entry.expires ?? '' };
      if (entry.justification === undefined) out.push(make(entry.span, 'noJustification', args));
      else if (entry.expires !== undefined && entry.expires < this.today) out.push(make(entry.span, 'expired', args));
      else if (!used.has(index)) out.push(make(entry.span, 'unused', args));
    });
    return out.sort((a, b) => a.span.start - b.span.start);
  }

  /** Indices of baseline entries that still match a finding (for `sms-lint baseline --update`). */
  usedBaselineEntries(): Set<number> {
    const used = new Set<number>();
    for (const [uri, indices] of this.baselineUsage) if (this.files.has(uri)) for (const index of indices) used.add(index);
    return used;
  }

  private readConfig(state: ConfigState): EngineConfig {
    const findings: RawFinding[] = [];
    const document = parseDocument(state.text, { prettyErrors: false, uniqueKeys: true });
    const file: ParsedFile = { uri: state.uri, version: state.version, text: state.text, isSms: false, documents: [], syntaxProblems: [] };
    const lines = new LineIndex(state.text);
    const syntaxProblems: SyntaxProblem[] = [
      ...document.errors.map((error) => ({ kind: error.code === 'DUPLICATE_KEY' ? ('duplicate-key' as const) : ('syntax-error' as const), span: { start: error.pos[0], end: error.pos[1] }, detail: error.message.split('\n')[0] ?? '', yamlCode: error.code })),
    ];
    let value: unknown;
    try {
      value = document.errors.length > 0 ? undefined : document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // An alias to a missing anchor, or an alias bomb: say so instead of silently using the defaults.
      syntaxProblems.push({ kind: 'syntax-error', span: { start: 0, end: Math.min(state.text.length, state.text.indexOf('\n') < 0 ? state.text.length : state.text.indexOf('\n')) }, detail: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
      value = undefined;
    }
    for (const rule of this.rules) {
      if (rule.phase !== 'file') continue;
      this.isolate(rule, () => rule.check({ file, lines, problems: syntaxProblems, report: (problem) => findings.push({ rule, uri: state.uri, problem }) }));
    }
    const configRoot = this.schemas.registry.root(CONFIG_SCHEMA_ID);
    if (value !== undefined && value !== null && configRoot) {
      const errors = this.schemas.validateById(CONFIG_SCHEMA_ID, value) ?? [];
      const emptySpan: Span = { start: 0, end: 0 };
      for (const problem of toSchemaProblems(errors, document.contents as Node | null, emptySpan, configRoot, value)) {
        for (const rule of this.rules) {
          if (rule.phase !== 'schema' || !rule.keywords.includes(problem.keyword)) continue;
          this.isolate(rule, () => rule.check({ file, lines, problem, skeleton: this.skeletonContext(), report: (p) => findings.push({ rule, uri: state.uri, problem: p }) }));
        }
      }
    }
    const { config, unknownRuleKeys } = configFromValue(value, ruleCodeOf);
    for (const rule of this.rules) {
      if (rule.phase !== 'config') continue;
      this.isolate(rule, () => rule.check({ file, root: document.contents as Node | null, unknownRuleKeys, ruleKeys: allRuleKeys(), report: (problem) => findings.push({ rule, uri: state.uri, problem }) }));
    }
    state.findings = findings;
    return config;
  }
}

/** Schemas and catalogue are immutable data: compiled once per pack, shared by every workspace. */
const compiledPacks = new WeakMap<StandardPack, { schemas: SchemaSet; catalogue: Catalogue }>();

function compiledPack(pack: StandardPack): { schemas: SchemaSet; catalogue: Catalogue } {
  const cached = compiledPacks.get(pack);
  if (cached) return cached;
  const schemaSet = SchemaSet.create([...pack.schemas, pack.configSchema], pack.validators);
  if (!schemaSet.ok) throw new Error(`The bundled schemas do not compile: ${schemaSet.error}`);
  const compiled = { schemas: schemaSet.value, catalogue: Catalogue.fromData(pack.catalogue, pack.evidence, [], pack.catalogueTranslations) };
  compiledPacks.set(pack, compiled);
  return compiled;
}

function stampVersion(fix: Fix, uri: DocUri, version: number): Fix {
  return { ...fix, documentEdits: fix.documentEdits.map((edit) => (edit.uri === uri && edit.version === 0 ? { ...edit, version } : edit)) };
}

/** Suppressions of an analysed file without directives. */
const NO_SUPPRESSIONS = null;

/** A 53-bit hash of a text (cyrb53), to recognise a released text when it is set again. */
function hashText(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function signatureOf(findings: readonly Finding[]): string {
  let out = '';
  for (const finding of findings) out += `${finding.code}|${finding.severity}|${finding.span.start}:${finding.span.end}|${finding.message}\n`;
  return out;
}

/** `4.1` < `8.2.3` < `10.1`: numeric, segment by segment. */
function compareClauseIds(a: string, b: string): number {
  const left = a.split(/[.-]/);
  const right = b.split(/[.-]/);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isNaN(nx) || Number.isNaN(ny) ? (x < y ? -1 : x > y ? 1 : 0) : nx - ny;
    if (diff !== 0) return diff;
  }
  return 0;
}
