// A navigable view of the kind schemas: which subschemas apply at a path of a document.
// Built lazily from the raw JSON Schemas by resolving $ref (by $id and JSON pointer) and merging
// allOf/anyOf/oneOf/if-then-else branches. Used for the x-sms-* annotations (cross-document index),
// hover (descriptions) and completion (property names, enum values, snippets).

export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface SchemaAnnotations {
  readonly defines: string | undefined;
  readonly ref: string | undefined;
  readonly refKinds: readonly string[] | undefined;
  readonly claim: boolean;
}

export interface EnumChoice {
  readonly value: string | number | boolean;
  readonly description: string | undefined;
}

export interface Snippet {
  readonly label: string;
  readonly description: string | undefined;
  readonly body: unknown;
}

const INHERITED_BY_ITEMS = ['x-sms-ref', 'x-sms-ref-kind', 'x-sms-claim', 'x-sms-defines'];

export class SchemaNode {
  private propertiesMemo: Map<string, SchemaNode> | undefined;
  private itemsMemo: SchemaNode | null | undefined;
  private additionalMemo: SchemaNode | null | undefined;

  constructor(
    private readonly registry: SchemaRegistry,
    /** The schema objects that apply here, each with the base URI its relative $refs resolve against. */
    readonly parts: readonly { readonly schema: JsonObject; readonly base: string }[],
  ) {}

  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** The first value of `keyword` among the parts. */
  first(keyword: string): unknown {
    for (const part of this.parts) {
      if (keyword in part.schema) return part.schema[keyword];
    }
    return undefined;
  }

  get description(): string | undefined {
    const value = this.first('description');
    return typeof value === 'string' ? value : undefined;
  }

  get markdownDescription(): string | undefined {
    const value = this.first('markdownDescription');
    return typeof value === 'string' ? value : this.description;
  }

  get title(): string | undefined {
    const value = this.first('title');
    return typeof value === 'string' ? value : undefined;
  }

  get annotations(): SchemaAnnotations {
    if (this.annotationsMemo) return this.annotationsMemo;
    const defines = this.first('x-sms-defines');
    const ref = this.first('x-sms-ref');
    const refKinds = this.first('x-sms-ref-kind');
    this.annotationsMemo = {
      defines: typeof defines === 'string' ? defines : undefined,
      ref: typeof ref === 'string' ? ref : undefined,
      refKinds: Array.isArray(refKinds) ? refKinds.filter((k): k is string => typeof k === 'string') : undefined,
      claim: this.first('x-sms-claim') === true,
    };
    return this.annotationsMemo;
  }

  private annotationsMemo: SchemaAnnotations | undefined;

  /**
   * Whether this node or a node below it defines, references or claims (x-sms-defines, -ref, -claim):
   * the index's walk (index/facts.ts) skips the parts of a document where nothing can be found. True
   * while being computed, so that a recursive schema errs on the side of walking.
   */
  get mayHoldFacts(): boolean {
    if (this.factsMemo !== undefined) return this.factsMemo;
    this.factsMemo = true;
    const annotations = this.annotations;
    let result = annotations.defines !== undefined || annotations.ref !== undefined || annotations.claim;
    if (!result) for (const child of this.properties().values()) if (child.mayHoldFacts) { result = true; break; }
    if (!result) result = (this.additional()?.mayHoldFacts ?? false) || (this.items()?.mayHoldFacts ?? false);
    this.factsMemo = result;
    return result;
  }

  private factsMemo: boolean | undefined;

  /** The JSON types this node accepts (empty when unconstrained). */
  get types(): readonly string[] {
    const out = new Set<string>();
    for (const part of this.parts) {
      const type = part.schema['type'];
      if (typeof type === 'string') out.add(type);
      else if (Array.isArray(type)) for (const t of type) if (typeof t === 'string') out.add(t);
      if ('const' in part.schema) out.add(typeof part.schema['const']);
    }
    return [...out];
  }

  get enumChoices(): readonly EnumChoice[] {
    const choices: EnumChoice[] = [];
    for (const part of this.parts) {
      const values = part.schema['enum'];
      const descriptions = part.schema['markdownEnumDescriptions'] ?? part.schema['enumDescriptions'];
      if (Array.isArray(values)) {
        values.forEach((value, index) => {
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
            const description = Array.isArray(descriptions) ? descriptions[index] : undefined;
            choices.push({ value, description: typeof description === 'string' ? description : undefined });
          }
        });
      }
      const constant = part.schema['const'];
      if (typeof constant === 'string' || typeof constant === 'number' || typeof constant === 'boolean') {
        choices.push({ value: constant, description: undefined });
      }
    }
    return choices;
  }

  get requiredProperties(): readonly string[] {
    const out: string[] = [];
    for (const part of this.parts) {
      const required = part.schema['required'];
      if (Array.isArray(required)) for (const name of required) if (typeof name === 'string' && !out.includes(name)) out.push(name);
    }
    return out;
  }

  get snippets(): readonly Snippet[] {
    const out: Snippet[] = [];
    for (const part of this.parts) {
      const snippets = part.schema['defaultSnippets'];
      if (!Array.isArray(snippets)) continue;
      for (const snippet of snippets) {
        if (!isJsonObject(snippet)) continue;
        const label = snippet['label'];
        const description = snippet['description'];
        out.push({ label: typeof label === 'string' ? label : '', description: typeof description === 'string' ? description : undefined, body: snippet['body'] });
      }
    }
    return out;
  }

  /** Declared properties, in declaration order. */
  properties(): ReadonlyMap<string, SchemaNode> {
    if (this.propertiesMemo) return this.propertiesMemo;
    const collected = new Map<string, { schema: JsonObject; base: string }[]>();
    for (const part of this.parts) {
      const properties = part.schema['properties'];
      if (!isJsonObject(properties)) continue;
      for (const [name, subschema] of Object.entries(properties)) {
        if (!isJsonObject(subschema)) continue;
        const list = collected.get(name) ?? [];
        list.push({ schema: subschema, base: part.base });
        collected.set(name, list);
      }
    }
    const memo = new Map<string, SchemaNode>();
    for (const [name, list] of collected) memo.set(name, this.registry.node(list));
    this.propertiesMemo = memo;
    return memo;
  }

  property(name: string): SchemaNode | undefined {
    const declared = this.properties().get(name);
    if (declared) return declared;
    return this.additional();
  }

  items(): SchemaNode | undefined {
    if (this.itemsMemo !== undefined) return this.itemsMemo ?? undefined;
    const list: { schema: JsonObject; base: string }[] = [];
    const inherited: Record<string, unknown> = {};
    for (const part of this.parts) {
      const items = part.schema['items'];
      if (isJsonObject(items)) list.push({ schema: items, base: part.base });
      // An x-sms-* annotation written on an array applies to its items (`satisfies`, lists of refs).
      for (const keyword of INHERITED_BY_ITEMS) if (keyword in part.schema) inherited[keyword] = part.schema[keyword];
    }
    if (list.length > 0 && Object.keys(inherited).length > 0) list.push({ schema: inherited, base: list[0]?.base ?? '' });
    this.itemsMemo = list.length > 0 ? this.registry.node(list) : null;
    return this.itemsMemo ?? undefined;
  }

  additional(): SchemaNode | undefined {
    if (this.additionalMemo !== undefined) return this.additionalMemo ?? undefined;
    const list: { schema: JsonObject; base: string }[] = [];
    for (const part of this.parts) {
      const additional = part.schema['additionalProperties'];
      if (isJsonObject(additional)) list.push({ schema: additional, base: part.base });
      const patterns = part.schema['patternProperties'];
      if (isJsonObject(patterns)) for (const value of Object.values(patterns)) if (isJsonObject(value)) list.push({ schema: value, base: part.base });
    }
    this.additionalMemo = list.length > 0 ? this.registry.node(list) : null;
    return this.additionalMemo ?? undefined;
  }

  /** Whether properties other than the declared ones are allowed. */
  get closed(): boolean {
    return this.parts.some((part) => part.schema['additionalProperties'] === false || part.schema['unevaluatedProperties'] === false);
  }
}

/** Holds the raw schemas by $id and builds SchemaNodes with $ref and combinators expanded. */
export class SchemaRegistry {
  private readonly byId = new Map<string, JsonObject>();

  constructor(schemas: readonly JsonObject[]) {
    for (const schema of schemas) {
      const id = schema['$id'];
      if (typeof id === 'string') this.byId.set(stripFragment(id), schema);
    }
  }

  root(id: string): SchemaNode | undefined {
    const schema = this.byId.get(stripFragment(id));
    return schema ? this.node([{ schema, base: stripFragment(id) }]) : undefined;
  }

  node(parts: readonly { schema: JsonObject; base: string }[]): SchemaNode {
    const expanded: { schema: JsonObject; base: string }[] = [];
    const seen = new Set<JsonObject>();
    const visit = (schema: JsonObject, base: string, depth: number): void => {
      if (seen.has(schema) || depth > 32) return;
      seen.add(schema);
      const ownId = schema['$id'];
      const ownBase = typeof ownId === 'string' ? resolveUri(base, stripFragment(ownId)) : base;
      expanded.push({ schema, base: ownBase });
      const ref = schema['$ref'];
      if (typeof ref === 'string') {
        const target = this.resolveRef(ownBase, ref);
        if (target) visit(target.schema, target.base, depth + 1);
      }
      for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
        const branches = schema[combinator];
        if (Array.isArray(branches)) for (const branch of branches) if (isJsonObject(branch)) visit(branch, ownBase, depth + 1);
      }
      for (const conditional of ['then', 'else']) {
        const branch = schema[conditional];
        if (isJsonObject(branch)) visit(branch, ownBase, depth + 1);
      }
    };
    for (const part of parts) visit(part.schema, part.base, 0);
    return new SchemaNode(this, expanded);
  }

  private resolveRef(base: string, ref: string): { schema: JsonObject; base: string } | undefined {
    const hashIndex = ref.indexOf('#');
    const uriPart = hashIndex >= 0 ? ref.slice(0, hashIndex) : ref;
    const fragment = hashIndex >= 0 ? ref.slice(hashIndex + 1) : '';
    const documentUri = uriPart === '' ? base : resolveUri(base, uriPart);
    const document = this.byId.get(documentUri);
    if (!document) return undefined;
    let target: unknown = document;
    if (fragment.startsWith('/')) {
      for (const segment of fragment.slice(1).split('/')) {
        const key = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
        target = isJsonObject(target) ? target[key] : undefined;
      }
    }
    return isJsonObject(target) ? { schema: target, base: documentUri } : undefined;
  }
}

function stripFragment(uri: string): string {
  const hashIndex = uri.indexOf('#');
  return hashIndex >= 0 ? uri.slice(0, hashIndex) : uri;
}

/** Resolves a relative reference against a base URI without touching any network or file. */
function resolveUri(base: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return relative;
  const slash = base.lastIndexOf('/');
  return (slash >= 0 ? base.slice(0, slash + 1) : '') + relative.replace(/^\.\//, '');
}
