// A virtual module produced by esbuild.mjs at build time from schemas/, schemas/standards/ and templates/.
declare module 'sms-pack:data' {
  export const schemas: readonly unknown[];
  export const configSchema: unknown;
  export const catalogueSchema: unknown;
  export const catalogueData: unknown;
  export const evidenceData: unknown;
  export const catalogueTranslations: Readonly<Record<string, unknown>>;
  export const templates: Readonly<Record<string, string>>;
  /** templates/index.yaml, parsed at build time. */
  export const templateIndexValue: unknown;
  export const messageBundles: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

// Validation code generated at build time by esbuild.mjs (ajv standalone), keyed by schema $id.
declare module 'sms-pack:validators' {
  import type { ErrorObject } from 'ajv';
  export interface GeneratedValidator {
    (data: unknown): boolean;
    errors?: ErrorObject[] | null;
  }
  export const validatorsById: Readonly<Record<string, GeneratedValidator>>;
}
