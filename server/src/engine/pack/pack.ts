// A standard pack: the data the engine works from (kind schemas, config schema, requirement
// catalogue, templates, message bundles). The default pack is bundled at build time; tests may
// build smaller packs.
import { isJsonObject } from '../schema/schemaTree';
import type { PrecompiledValidator } from '../schema/schemaSet';

export interface TemplateChoice {
  /** File name under templates/, e.g. `process-definition.yaml`. */
  readonly template: string;
  /** Folder (relative to the manifest) where a new document of this kind belongs. */
  readonly folder: string;
  /** Extra placeholder values, e.g. `process: incident-management`. */
  readonly values: Readonly<Record<string, string>>;
}

export interface Templates {
  readonly files: Readonly<Record<string, string>>;
  /** Subclause id → the template that best starts evidencing it. */
  readonly bySubclause: ReadonlyMap<string, TemplateChoice>;
}

export interface StandardPack {
  readonly schemas: readonly unknown[];
  /** Validation code generated at build time, by schema $id; schemas without one are compiled with ajv. */
  readonly validators: Readonly<Record<string, PrecompiledValidator>>;
  readonly configSchema: unknown;
  /** The requirement catalogue and its evidence rules, as parsed values (YAML in the repository). */
  readonly catalogue: unknown;
  readonly evidence: unknown;
  /** Translations of the catalogue's texts by locale, as parsed values (schemas/standards/*.<locale>.yaml). */
  readonly catalogueTranslations?: Readonly<Record<string, unknown>>;
  readonly templates: Templates;
  readonly messageBundles: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The template index from its parsed value (the bundled pack's is parsed at build time). */
export function templateIndexFromValue(value: unknown): Map<string, TemplateChoice> {
  const out = new Map<string, TemplateChoice>();
  if (!isJsonObject(value)) return out;
  for (const [subclauseId, entry] of Object.entries(value)) {
    if (!isJsonObject(entry) || typeof entry['template'] !== 'string') continue;
    const values: Record<string, string> = {};
    for (const [key, raw] of Object.entries(entry)) if (key !== 'template' && key !== 'folder' && typeof raw === 'string') values[key] = raw;
    out.set(subclauseId, { template: entry['template'], folder: typeof entry['folder'] === 'string' ? entry['folder'] : '.', values });
  }
  return out;
}

/** Fills `${name}` placeholders; unknown placeholders are left for the user to see. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
