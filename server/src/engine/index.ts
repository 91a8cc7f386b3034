// The engine's public API. Adapters (LSP server, CLI) import from here only.
// Architecture invariant: nothing under server/src/engine imports vscode, vscode-languageserver*,
// vscode-languageclient, fs, path, child_process or reads process; a test enforces it.
export * from './types';
export { LineIndex, LinePositions, type LineCharacter } from './text';
export { Workspace, type WorkspaceOptions, type UpdateResult, type FileAnalysis } from './workspace';
export { defaultPack } from './pack/defaultPack';
export type { StandardPack, Templates, TemplateChoice } from './pack/pack';
export { fillPlaceholders } from './pack/pack';
export { RULES, ruleByCode, ruleCodeOf } from './rules/registry';
export type { Rule, RuleMeta } from './rules/rule';
export type { CoverageReport, CoverageCounts, ClauseCoverage, SubclauseCoverage, RequirementCoverage, RequirementStatus, Contribution } from './coverage/coverage';
export type { Catalogue, Requirement, Subclause } from './coverage/catalogue';
export { CONFIG_FILE_NAMES, isConfigFileName, DEFAULT_CONFIG, type EngineConfig } from './config/config';
export { API_GROUP, SUPPORTED_API_VERSIONS } from './parse/parseFile';
