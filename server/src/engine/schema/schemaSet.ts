// JSON Schema validation with ajv: each kind's schema compiled once, on first use.
// ajv errors become SchemaProblems that name the YAML node a user would edit.
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SchemaRegistry, SchemaNode, isJsonObject, type JsonObject } from './schemaTree';
import type { Result } from '../types';

/** Keywords our schemas use that carry meaning for editors, not for validation. */
const ANNOTATION_KEYWORDS = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'patternErrorMessage',
  'deprecationMessage',
  'doNotSuggest',
  'x-sms-defines',
  'x-sms-ref',
  'x-sms-ref-kind',
  'x-sms-claim',
];

/** A validation function: ajv's compiled one, or one generated at build time (ajv standalone). */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface KindSchema {
  readonly kind: string;
  readonly id: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly root: SchemaNode;
}

export class SchemaSet {
  readonly registry: SchemaRegistry;
  /** Created on first need: with build-time validators, never (adding our schemas to ajv costs ~200 ms). */
  private ajvMemo: Ajv2020 | undefined;
  private readonly kinds = new Map<string, KindSchema>();
  private readonly validators = new Map<string, PrecompiledValidator>();
  private readonly compileErrors = new Map<string, string>();

  private constructor(
    schemas: readonly JsonObject[],
    private readonly precompiled: Readonly<Record<string, PrecompiledValidator>>,
  ) {
    this.registry = new SchemaRegistry(schemas);
    this.schemaList = schemas;
    for (const schema of schemas) {
      const kind = kindOf(schema);
      const id = schema['$id'];
      if (kind && typeof id === 'string') {
        const root = this.registry.root(id);
        if (root) {
          const title = schema['title'];
          const description = schema['description'];
          this.kinds.set(kind, { kind, id, root, title: typeof title === 'string' ? title : undefined, description: typeof description === 'string' ? description : undefined });
        }
      }
    }
  }

  private readonly schemaList: readonly JsonObject[];

  private get ajv(): Ajv2020 {
    if (this.ajvMemo) return this.ajvMemo;
    // The same options as the build-time generation in esbuild.mjs. No loadSchema: a $ref that is
    // not among our own schemas is a compile error, never a fetch.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true, validateFormats: true });
    addFormats(ajv, ['date', 'date-time', 'email', 'uri', 'uri-reference']);
    for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'boolean', 'array', 'object'] });
    for (const schema of this.schemaList) ajv.addSchema(schema as object);
    this.ajvMemo = ajv;
    return ajv;
  }

  static create(schemas: readonly unknown[], precompiled: Readonly<Record<string, PrecompiledValidator>> = {}): Result<SchemaSet> {
    const objects = schemas.filter(isJsonObject);
    try {
      return { ok: true, value: new SchemaSet(objects, precompiled) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  get kindNames(): readonly string[] {
    return [...this.kinds.keys()];
  }

  kind(kind: string): KindSchema | undefined {
    return this.kinds.get(kind);
  }

  /** Validates a plain value against a kind's schema; `undefined` when the kind is unknown. */
  validate(kind: string, value: unknown): readonly ErrorObject[] | undefined {
    const validator = this.validator(kind);
    if (!validator) return undefined;
    return validator(value) ? [] : (validator.errors ?? []);
  }

  /** Validates a value against any registered schema by its $id (the config schema, for one). */
  validateById(id: string, value: unknown): readonly ErrorObject[] | undefined {
    let validator = this.validators.get(id) ?? this.precompiled[id];
    if (!validator) {
      try {
        validator = this.ajv.getSchema(id);
      } catch {
        validator = undefined;
      }
      if (!validator) return undefined;
      this.validators.set(id, validator);
    }
    return validator(value) ? [] : (validator.errors ?? []);
  }

  /** Compiles every kind now: a broken schema is a bug we want to see at start-up in tests. */
  compileAll(): Result<void> {
    for (const kind of this.kinds.keys()) {
      this.validator(kind);
      const error = this.compileErrors.get(kind);
      if (error) return { ok: false, error: `${kind}: ${error}` };
    }
    return { ok: true, value: undefined };
  }

  private validator(kind: string): PrecompiledValidator | undefined {
    const cached = this.validators.get(kind);
    if (cached) return cached;
    const kindSchema = this.kinds.get(kind);
    if (!kindSchema || this.compileErrors.has(kind)) return undefined;
    const generated = this.precompiled[kindSchema.id];
    if (generated) {
      this.validators.set(kind, generated);
      return generated;
    }
    try {
      const validator = this.ajv.getSchema(kindSchema.id) ?? this.ajv.compile({ $ref: kindSchema.id });
      this.validators.set(kind, validator);
      return validator;
    } catch (error) {
      this.compileErrors.set(kind, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }
}

function kindOf(schema: JsonObject): string | undefined {
  const properties = schema['properties'];
  if (!isJsonObject(properties)) return undefined;
  const kindProperty = properties['kind'];
  if (!isJsonObject(kindProperty)) return undefined;
  const constant = kindProperty['const'];
  return typeof constant === 'string' ? constant : undefined;
}
