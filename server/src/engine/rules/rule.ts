// A rule is a unit: meta (code, name, default severity, one-line summary, message templates, fix
// availability, related clauses) plus one check function for the phase it runs in.
import type { DocUri, Finding, FindingData, Fix, RelatedLocation, RuleCode, Severity, Span } from '../types';
import type { MessageArgs } from '../i18n/messages';
import type { ParsedFile, SmsDocument, SyntaxProblem } from '../parse/parseFile';
import type { SchemaProblem } from '../schema/schemaProblems';
import type { KindSchema, SchemaSet } from '../schema/schemaSet';
import type { SkeletonContext } from './support';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { DocumentFacts } from '../index/facts';
import type { CoverageIndex } from '../coverage/coverage';
import type { Catalogue, CatalogueText } from '../coverage/catalogue';
import type { EngineConfig } from '../config/config';
import type { Templates } from '../pack/pack';
import type { LineIndex } from '../text';

export type RuleFamily = 'syntax' | 'schema' | 'reference' | 'coverage' | 'document-control' | 'service-level' | 'edition' | 'config' | 'suppression';

export interface RuleMeta<MessageId extends string = string> {
  readonly code: RuleCode;
  /** Kebab-case, says the problem, not the cure: `unknown-property`. */
  readonly name: string;
  readonly family: RuleFamily;
  readonly defaultSeverity: Severity;
  /** One line, for docs and rule listings. */
  readonly summary: string;
  readonly fix: 'none' | 'sometimes' | 'always';
  readonly messages: Readonly<Record<MessageId, string>>;
  /** Catalogue ids (subclauses) the rule relates to. */
  readonly clauses: readonly string[];
  readonly stability: 'stable' | 'preview';
}

export interface Problem<MessageId extends string = string> {
  readonly span: Span;
  readonly messageId: MessageId;
  readonly args?: MessageArgs;
  readonly data?: FindingData;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}

export type Report<MessageId extends string = string> = (problem: Problem<MessageId>) => void;
export type ReportAt<MessageId extends string = string> = (uri: DocUri, problem: Problem<MessageId>) => void;

export interface FileRuleContext<M extends string> {
  readonly file: ParsedFile;
  readonly lines: LineIndex;
  readonly problems: readonly SyntaxProblem[];
  readonly report: Report<M>;
}

export interface SchemaRuleContext<M extends string> {
  readonly file: ParsedFile;
  readonly lines: LineIndex;
  readonly problem: SchemaProblem;
  readonly skeleton: SkeletonContext;
  readonly report: Report<M>;
}

export interface DocumentRuleContext<M extends string> {
  readonly file: ParsedFile;
  readonly lines: LineIndex;
  readonly document: SmsDocument;
  /** Undefined when the kind is unknown. */
  readonly kindSchema: KindSchema | undefined;
  readonly schemas: SchemaSet;
  readonly catalogue: Catalogue;
  readonly config: EngineConfig;
  readonly skeleton: SkeletonContext;
  /** What the document defines, references and claims (extracted once, shared by every rule). */
  readonly facts: DocumentFacts;
  readonly report: Report<M>;
}

export interface ReferenceRuleContext<M extends string> {
  readonly uri: DocUri;
  readonly version: number;
  /** The file's syntax tree, parsed on demand when not retained: rules that can work from the index should. */
  readonly file: ParsedFile;
  readonly index: WorkspaceIndex;
  readonly report: Report<M>;
}

/**
 * Workspace rules rerun only for what changed: `entity` rules per changed entity key (type + id),
 * `subclause` rules per subclause whose coverage changed, `global` rules when one of their triggers
 * (entity types, document kinds, or any coverage change) changed.
 */
export type WorkspaceScope =
  | { readonly kind: 'entity'; readonly entityTypes: readonly string[] | 'all' }
  | { readonly kind: 'subclause' }
  | {
      readonly kind: 'global';
      readonly entityTypes: readonly string[];
      readonly documentKinds: readonly string[];
      readonly coverage: boolean;
      /** Kinds whose documents' plain values the rule reads (`context.value`): the engine keeps them, so that no tree is parsed again. */
      readonly values?: readonly string[];
    };

export type WorkspaceTarget =
  | { readonly kind: 'entity'; readonly entityType: string; readonly id: string }
  | { readonly kind: 'subclause'; readonly subclauseId: string }
  | { readonly kind: 'global' };

export interface WorkspaceRuleContext<M extends string> {
  readonly target: WorkspaceTarget;
  readonly index: WorkspaceIndex;
  readonly coverage: CoverageIndex;
  readonly catalogue: Catalogue;
  /** Titles and paraphrases of the catalogue in the workspace's locale, for messages that quote them. */
  readonly catalogueText: CatalogueText;
  /** Formats a part of a message that a rule assembles itself (`<CODE>.<id>`, English template) in the workspace's locale. */
  readonly format: (key: string, template: string, args?: MessageArgs) => string;
  readonly templates: Templates;
  readonly schemas: SchemaSet;
  readonly skeleton: SkeletonContext;
  readonly config: EngineConfig;
  /** Text access for fixes; undefined when the engine does not hold the file. */
  readonly file: (uri: DocUri) => ParsedFile | undefined;
  readonly lines: (uri: DocUri) => LineIndex | undefined;
  /**
   * The plain value of a file's document (by its position in the file), as schema validation saw it.
   * Kept for the kinds a rule names in `scope.values`; for others the file is parsed again.
   */
  readonly value: (uri: DocUri, indexInFile: number) => unknown;
  readonly report: ReportAt<M>;
}

export interface ConfigRuleContext<M extends string> {
  readonly file: ParsedFile;
  /** The top-level node of the configuration file. */
  readonly root: import('yaml').Node | null;
  readonly unknownRuleKeys: readonly string[];
  /** Every rule code and name, for suggestions. */
  readonly ruleKeys: readonly string[];
  readonly report: Report<M>;
}

export type Rule<M extends string = string> =
  | { readonly meta: RuleMeta<M>; readonly phase: 'file'; readonly check: (context: FileRuleContext<M>) => void }
  | { readonly meta: RuleMeta<M>; readonly phase: 'schema'; readonly keywords: readonly string[]; readonly check: (context: SchemaRuleContext<M>) => void }
  | { readonly meta: RuleMeta<M>; readonly phase: 'document'; readonly check: (context: DocumentRuleContext<M>) => void }
  | { readonly meta: RuleMeta<M>; readonly phase: 'reference'; readonly check: (context: ReferenceRuleContext<M>) => void }
  | { readonly meta: RuleMeta<M>; readonly phase: 'config'; readonly check: (context: ConfigRuleContext<M>) => void }
  | { readonly meta: RuleMeta<M>; readonly phase: 'workspace'; readonly scope: WorkspaceScope; readonly check: (context: WorkspaceRuleContext<M>) => void };

/** Helps rule files declare their meta with checked message ids. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

export const ruleCode = (code: string): RuleCode => code as RuleCode;

export type { Finding };
