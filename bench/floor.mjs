// The floor of issue 6: read + `yaml` parseDocument + ajv (draft 2020-12, our schemas compiled once)
// validation, one thread, no positions, no rules, no index, no coverage. Run as its own process:
//   node bench/floor.mjs DIR      → prints one JSON line { ms, compileMs, files, documents, invalid }
// `ms` covers listing, reading, parsing and validating (not compiling the schemas, which a real tool
// does once at build time, as we do with ajv's standalone code).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from './generate.mjs';

const ANNOTATIONS = new Set(['title', 'description', 'markdownDescription', 'examples', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets', 'deprecationMessage', 'doNotSuggest', 'patternErrorMessage', '$comment', 'x-sms-defines', 'x-sms-ref', 'x-sms-ref-kind', 'x-sms-claim']);
const NAME_MAPS = new Set(['properties', '$defs', 'patternProperties', 'dependentRequired', 'dependentSchemas']);
function strip(value, parentKey) {
  if (Array.isArray(value)) return value.map((item) => strip(item, undefined));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    if (!NAME_MAPS.has(parentKey) && ANNOTATIONS.has(key)) continue;
    out[key] = strip(child, key);
  }
  return out;
}

function listYaml(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) listYaml(full, out);
    } else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

const dir = process.argv[2];
const compileStart = performance.now();
const ajv = new Ajv2020.default({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats.default(ajv, ['date', 'date-time', 'email', 'uri', 'uri-reference']);
const schemaDir = join(REPO_ROOT, 'schemas');
const byKind = new Map();
const kindSchemas = [];
for (const name of readdirSync(schemaDir).filter((n) => n.endsWith('.schema.json') && n !== 'catalogue.schema.json' && n !== 'config.schema.json')) {
  const schema = strip(JSON.parse(readFileSync(join(schemaDir, name), 'utf8')), undefined);
  ajv.addSchema(schema);
  if (name !== 'common.schema.json') kindSchemas.push(schema);
}
for (const schema of kindSchemas) {
  const kind = schema.properties?.kind?.const;
  if (kind) byKind.set(kind, ajv.getSchema(schema.$id));
}
const compileMs = performance.now() - compileStart;

const start = performance.now();
let files = 0;
let documents = 0;
let invalid = 0;
for (const path of listYaml(dir)) {
  const text = readFileSync(path, 'utf8');
  files++;
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS();
    const validate = byKind.get(value?.kind);
    if (!validate) continue;
    documents++;
    if (!validate(value)) invalid++;
  }
}
const ms = performance.now() - start;
void statSync;
process.stdout.write(`${JSON.stringify({ ms, compileMs, files, documents, invalid, kinds: byKind.size })}\n`);
