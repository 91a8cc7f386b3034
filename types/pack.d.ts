// A virtual module produced by esbuild.mjs at build time from schemas/, schemas/standards/ and templates/.
declare module 'sms-pack:data' {
  export const schemas: readonly unknown[];
  export const configSchema: unknown;
  export const catalogueSchema: unknown;
  export const catalogueText: string;
  export const evidenceText: string | undefined;
  export const templates: Readonly<Record<string, string>>;
  export const templateIndexText: string | undefined;
  export const messageBundles: Readonly<Record<string, Readonly<Record<string, string>>>>;
}
