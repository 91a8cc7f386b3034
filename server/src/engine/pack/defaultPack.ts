// The pack bundled with the product (see esbuild.mjs, virtual module `sms-pack:data`).
import * as data from 'sms-pack:data';
import { parseTemplateIndex, type StandardPack } from './pack';

let memo: StandardPack | undefined;

export function defaultPack(): StandardPack {
  memo ??= {
    schemas: data.schemas,
    configSchema: data.configSchema,
    catalogueText: data.catalogueText,
    evidenceText: data.evidenceText,
    templates: { files: data.templates, bySubclause: parseTemplateIndex(data.templateIndexText) },
    messageBundles: data.messageBundles,
  };
  return memo;
}

export const catalogueSchema: unknown = data.catalogueSchema;
