// The project configuration (.smsrc.yaml), shared by the CLI and the language server.
// Parsing never fails: a broken config yields findings on the config file and the defaults.
import type { SeveritySetting } from '../types';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../parse/parseFile';
import { isJsonObject } from '../schema/schemaTree';

export const CONFIG_FILE_NAMES: readonly string[] = ['.smsrc.yaml', '.smsrc.yml'];
export const CONFIG_SCHEMA_ID = 'https://schemas.sms-lint.dev/v1/config.schema.json';

export interface EngineConfig {
  /** Rule code → configured severity (rules not listed keep their default). */
  readonly severities: ReadonlyMap<string, SeveritySetting>;
  readonly ignore: readonly string[];
  readonly minCoverage: number | undefined;
  readonly reviewIntervalMonths: number;
  readonly limits: ParseLimits;
  readonly baseline: string | undefined;
  readonly locale: string | undefined;
}

export const DEFAULT_CONFIG: EngineConfig = {
  severities: new Map(),
  ignore: [],
  minCoverage: undefined,
  reviewIntervalMonths: 12,
  limits: DEFAULT_PARSE_LIMITS,
  baseline: undefined,
  locale: undefined,
};

const SEVERITY_SETTINGS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * Builds the config from a (possibly invalid) parsed value, keeping every well-formed part and
 * falling back to defaults for the rest. `codeOf` maps a rule code or name to its code.
 */
export function configFromValue(value: unknown, codeOf: (key: string) => string | undefined): { config: EngineConfig; unknownRuleKeys: string[] } {
  const unknownRuleKeys: string[] = [];
  if (!isJsonObject(value)) return { config: DEFAULT_CONFIG, unknownRuleKeys };
  const severities = new Map<string, SeveritySetting>();
  if (isJsonObject(value['rules'])) {
    for (const [key, setting] of Object.entries(value['rules'])) {
      const ruleCode = codeOf(key);
      if (!ruleCode) {
        unknownRuleKeys.push(key);
        continue;
      }
      if (typeof setting === 'string' && SEVERITY_SETTINGS.includes(setting)) severities.set(ruleCode, setting as SeveritySetting);
    }
  }
  const ignore = Array.isArray(value['ignore']) ? value['ignore'].filter((p): p is string => typeof p === 'string') : [];
  const coverage = isJsonObject(value['coverage']) ? value['coverage'] : {};
  const minimum = coverage['minimum'];
  const documentControl = isJsonObject(value['documentControl']) ? value['documentControl'] : {};
  const interval = documentControl['reviewIntervalMonths'];
  const limits = isJsonObject(value['limits']) ? value['limits'] : {};
  const maxFileSizeKB = limits['maxFileSizeKB'];
  const maxAliasCount = limits['maxAliasCount'];
  const maxDocumentsPerFile = limits['maxDocumentsPerFile'];
  const maxNodes = limits['maxNodes'];
  const maxFlowDepth = limits['maxFlowDepth'];
  const baseline = value['baseline'];
  const locale = value['locale'];
  return {
    config: {
      severities,
      ignore,
      minCoverage: typeof minimum === 'number' && minimum >= 0 && minimum <= 100 ? minimum : undefined,
      reviewIntervalMonths: typeof interval === 'number' && Number.isInteger(interval) && interval >= 1 && interval <= 60 ? interval : DEFAULT_CONFIG.reviewIntervalMonths,
      limits: {
        ...DEFAULT_PARSE_LIMITS,
        ...(typeof maxFileSizeKB === 'number' && maxFileSizeKB >= 1 ? { maxFileLength: Math.floor(maxFileSizeKB * 1024) } : {}),
        ...(typeof maxAliasCount === 'number' && maxAliasCount >= 0 ? { maxAliasCount: Math.floor(maxAliasCount) } : {}),
        ...(typeof maxDocumentsPerFile === 'number' && maxDocumentsPerFile >= 1 ? { maxDocumentsPerFile: Math.floor(maxDocumentsPerFile) } : {}),
        ...(typeof maxNodes === 'number' && maxNodes >= 1 ? { maxNodes: Math.floor(maxNodes) } : {}),
        ...(typeof maxFlowDepth === 'number' && maxFlowDepth >= 1 ? { maxFlowDepth: Math.floor(maxFlowDepth) } : {}),
      },
      baseline: typeof baseline === 'string' ? baseline : undefined,
      locale: locale === 'en' || locale === 'ko' ? locale : undefined,
    },
    unknownRuleKeys,
  };
}

/** Is this URI (or path) the project configuration file? */
export function isConfigFileName(uriOrPath: string): boolean {
  const name = uriOrPath.split(/[\\/]/).pop() ?? '';
  return CONFIG_FILE_NAMES.includes(name);
}
