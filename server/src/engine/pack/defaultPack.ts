// The pack bundled with the product (see esbuild.mjs, virtual module `sms-pack:data`).
import * as data from 'sms-pack:data';
import { validatorsById } from 'sms-pack:validators';
import { templateIndexFromValue, type StandardPack } from './pack';

let memo: StandardPack | undefined;

export function defaultPack(): StandardPack {
  memo ??= {
    schemas: data.schemas,
    validators: validatorsById,
    configSchema: data.configSchema,
    catalogue: data.catalogueData,
    evidence: data.evidenceData,
    catalogueTranslations: data.catalogueTranslations,
    templates: { files: data.templates, bySubclause: templateIndexFromValue(data.templateIndexValue) },
    messageBundles: data.messageBundles,
  };
  return memo;
}

export const catalogueSchema: unknown = data.catalogueSchema;
