// Builds the three faces and the tests:
//   dist/extension.js  the VS Code client (vscode external)
//   dist/server.js     the language server (`node dist/server.js --stdio`)
//   dist/cli.js        the CLI (`sms-lint`)
//   out/test/**        mocha tests (engine, CLI, LSP) and the in-VS-Code suite (test/e2e)
// Data (schemas, catalogue, templates, message bundles) is bundled through the virtual module
// `sms-pack:data`, so nothing is read from disk at run time.
import * as esbuild from 'esbuild';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import { parse as parseYaml } from 'yaml';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function listFiles(dir, predicate) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, predicate));
    else if (predicate(full)) out.push(full);
  }
  return out;
}

/** `iso20000-1-2018.<locale>.yaml` files of schemas/standards/, parsed, by locale. */
function catalogueTranslations(dir) {
  const out = {};
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const match = /^iso20000-1-2018\.([a-z]{2}(?:-[A-Za-z]{2,4})?)\.yaml$/.exec(name);
    if (match) out[match[1]] = parseYaml(readFileSync(join(dir, name), 'utf8'));
  }
  return out;
}

const packPlugin = {
  name: 'sms-pack',
  setup(build) {
    build.onResolve({ filter: /^sms-pack:data$/ }, () => ({ path: 'sms-pack:data', namespace: 'sms-pack' }));
    build.onLoad({ filter: /.*/, namespace: 'sms-pack' }, () => {
      const schemaDir = join(root, 'schemas');
      const kindSchemaFiles = readdirSync(schemaDir)
        .filter((name) => name.endsWith('.schema.json') && name !== 'catalogue.schema.json' && name !== 'config.schema.json')
        .sort();
      const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
      const readOptional = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
      const templateDir = join(root, 'templates');
      const templates = {};
      for (const file of listFiles(templateDir, (f) => f.endsWith('.yaml') && !f.endsWith('index.yaml'))) {
        templates[relative(templateDir, file).split('\\').join('/')] = readFileSync(file, 'utf8');
      }
      const messageBundles = {};
      for (const file of listFiles(join(root, 'server', 'l10n'), (f) => f.endsWith('.json'))) {
        messageBundles[file.split('/').pop().replace(/\.json$/, '')] = readJson(file);
      }
      const configSchemaFile = join(schemaDir, 'config.schema.json');
      const catalogueSchemaFile = join(schemaDir, 'catalogue.schema.json');
      const contents = [
        `export const schemas = ${JSON.stringify(kindSchemaFiles.map((name) => readJson(join(schemaDir, name))))};`,
        `export const configSchema = ${existsSync(configSchemaFile) ? readFileSync(configSchemaFile, 'utf8') : '{}'};`,
        `export const catalogueSchema = ${existsSync(catalogueSchemaFile) ? readFileSync(catalogueSchemaFile, 'utf8') : '{}'};`,
        // The catalogue is YAML in the repository (readable, commented) and JSON in the bundle (fast to load).
        `export const catalogueData = ${JSON.stringify(parseYaml(readOptional(join(schemaDir, 'standards', 'iso20000-1-2018.yaml')) ?? '{}'))};`,
        `export const evidenceData = ${JSON.stringify(parseYaml(readOptional(join(schemaDir, 'standards', 'iso20000-1-2018.evidence.yaml')) ?? '{}'))};`,
        // Translations of the catalogue's texts, one file per locale: iso20000-1-2018.<locale>.yaml.
        `export const catalogueTranslations = ${JSON.stringify(catalogueTranslations(join(schemaDir, 'standards')))};`,
        `export const templates = ${JSON.stringify(templates)};`,
        // Parsed here, so that no thread parses it (with a cold YAML parser) at start-up.
        `export const templateIndexValue = ${JSON.stringify(parseYaml(readOptional(join(templateDir, 'index.yaml')) ?? 'null'))};`,
        `export const messageBundles = ${JSON.stringify(messageBundles)};`,
      ].join('\n');
      const watchFiles = [
        ...listFiles(schemaDir, () => true),
        ...listFiles(templateDir, () => true),
        ...listFiles(join(root, 'server', 'l10n'), () => true),
      ];
      return { contents, loader: 'js', watchFiles, watchDirs: [schemaDir, templateDir] };
    });
  },
};

const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

// Keywords that only carry meaning for editors; stripped before generating validation code.
const ANNOTATIONS = new Set(['title', 'description', 'markdownDescription', 'examples', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets', 'deprecationMessage', 'doNotSuggest', 'patternErrorMessage', '$comment', 'x-sms-defines', 'x-sms-ref', 'x-sms-ref-kind', 'x-sms-claim']);

function stripAnnotations(value, parentKey) {
  if (Array.isArray(value)) return value.map((item) => stripAnnotations(item, undefined));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    // Inside `properties` (and similar maps) keys are property names, never keywords.
    const isNameMap = parentKey === 'properties' || parentKey === '$defs' || parentKey === 'patternProperties' || parentKey === 'dependentRequired' || parentKey === 'dependentSchemas';
    if (!isNameMap && ANNOTATIONS.has(key)) continue;
    out[key] = stripAnnotations(child, key);
  }
  return out;
}

/**
 * Validation code for every schema, generated once at build time with ajv's standalone mode, so that
 * no schema is compiled at run time (compiling them takes seconds). The options must match
 * server/src/engine/schema/schemaSet.ts.
 */
function generateValidators() {
  const schemaDir = join(root, 'schemas');
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true, code: { source: true, optimize: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  addFormats.default(ajv, ['date', 'date-time', 'email', 'uri', 'uri-reference']);
  const exports = {};
  for (const name of readdirSync(schemaDir).filter((n) => n.endsWith('.schema.json') && n !== 'catalogue.schema.json').sort()) {
    const schema = stripAnnotations(JSON.parse(readFileSync(join(schemaDir, name), 'utf8')), undefined);
    ajv.addSchema(schema);
    exports[`validate_${name.replace(/\W/g, '_')}`] = schema.$id;
  }
  const code = standaloneCode.default(ajv, exports);
  const ids = Object.entries(exports).map(([exportName, id]) => `${JSON.stringify(id)}: module.exports.${exportName}`);
  return `${code}\nmodule.exports.validatorsById = { ${ids.join(', ')} };\n`;
}

const validatorsPlugin = {
  name: 'sms-validators',
  setup(build) {
    build.onResolve({ filter: /^sms-pack:validators$/ }, () => ({ path: 'sms-pack:validators', namespace: 'sms-validators' }));
    build.onLoad({ filter: /.*/, namespace: 'sms-validators' }, () => ({
      contents: generateValidators(),
      loader: 'js',
      resolveDir: root,
      watchFiles: listFiles(join(root, 'schemas'), (f) => f.endsWith('.schema.json')),
    }));
  },
};

const common = {
  define: { __SMS_LINT_VERSION__: JSON.stringify(packageVersion) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  // Names survive without minification; esbuild's __name helper costs ≈ 2 % of the CLI in hot closures.
  keepNames: production,
  logLevel: 'warning',
  plugins: [packPlugin, validatorsPlugin],
  tsconfig: join(root, 'tsconfig.json'),
};

const testFiles = listFiles(join(root, 'test'), (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.includes(`${join('test', 'fixtures')}`));
const e2eFiles = testFiles.filter((f) => f.includes(join('test', 'e2e')));
const unitFiles = testFiles.filter((f) => !e2eFiles.includes(f));

const builds = [
  { ...common, entryPoints: { extension: join(root, 'client/src/extension.ts') }, outdir: join(root, 'dist'), external: ['vscode'] },
  { ...common, entryPoints: { server: join(root, 'server/src/lsp/main.ts') }, outdir: join(root, 'dist') },
  { ...common, entryPoints: { cli: join(root, 'server/src/cli/main.ts') }, outdir: join(root, 'dist'), banner: { js: '#!/usr/bin/env node' } },
];
if (!production) {
  builds.push({ ...common, entryPoints: unitFiles, outdir: join(root, 'out', 'test'), outbase: join(root, 'test'), packages: 'external', sourcemap: 'inline' });
  builds.push({ ...common, entryPoints: e2eFiles, outdir: join(root, 'out', 'test', 'e2e'), outbase: join(root, 'test', 'e2e'), external: ['vscode', 'mocha'], sourcemap: 'inline' });
}

const existing = builds.filter((options) => Object.values(options.entryPoints).every((file) => existsSync(file)));
if (watch) {
  for (const options of existing) (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(existing.map((options) => esbuild.build(options)));
  console.log(`esbuild: built ${existing.length} bundles in ${Date.now() - started} ms`);
}
