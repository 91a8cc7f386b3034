// The fast parse path (server/src/engine/parse/fastYaml.ts) against `yaml`, in one process:
//   npm run bench:gen -- --docs 1000 --out /tmp/ws1k && node bench/parse.mjs /tmp/ws1k [--rounds N]
// Every YAML file of DIR is parsed with `yaml`'s parseAllDocuments and with the fast parser (falling
// back to `yaml` where it gives up, as parseFile does), in interleaved rounds (the order alternates);
// prints the acceptance rate and the ratios fast / yaml of the summed times (median over the rounds),
// for parse alone and for parse + toJS. The fast parser is compiled on the fly with esbuild.
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from './generate.mjs';

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--'));
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 7;
if (!dir) {
  console.error('usage: node bench/parse.mjs DIR [--rounds N]');
  process.exit(2);
}

// One bundle holding both parsers, so that both use the same `yaml` module instance.
const out = mkdtempSync(join(tmpdir(), 'sms-parse-bench-'));
const bundle = join(out, 'parsers.cjs');
await esbuild.build({
  stdin: {
    contents: "export { fastParseAllDocuments, FAST_YAML_OPTIONS } from './server/src/engine/parse/fastYaml'; export { parseAllDocuments } from 'yaml';",
    resolveDir: REPO_ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'warning',
});
const { fastParseAllDocuments, parseAllDocuments, FAST_YAML_OPTIONS } = createRequire(import.meta.url)(bundle);
rmSync(out, { recursive: true, force: true });

function listYaml(folder, acc = []) {
  for (const name of readdirSync(folder).sort()) {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules' && !name.startsWith('.')) listYaml(full, acc);
    } else if (/\.ya?ml$/.test(name)) acc.push(full);
  }
  return acc;
}
const texts = listYaml(dir).map((file) => readFileSync(file, 'utf8'));
const bytes = texts.reduce((sum, text) => sum + text.length, 0);

const viaYaml = (text) => parseAllDocuments(text, FAST_YAML_OPTIONS);
const viaFast = (text) => fastParseAllDocuments(text) ?? parseAllDocuments(text, FAST_YAML_OPTIONS);
let sink = 0;
function time(parse, toJS) {
  const start = performance.now();
  for (const text of texts) {
    const docs = parse(text);
    sink += docs.length;
    if (toJS) for (const doc of docs) sink += doc.toJS() ? 1 : 0;
  }
  return performance.now() - start;
}

let accepted = 0;
for (const text of texts) if (fastParseAllDocuments(text)) accepted++;
// Warm-up (both paths, so that neither is measured cold).
for (let i = 0; i < 2; i++) {
  time(viaYaml, true);
  time(viaFast, true);
}
const ratios = { parse: [], parseToJS: [] };
const ms = { yaml: [], fast: [], yamlToJS: [], fastToJS: [] };
for (let round = 0; round < rounds; round++) {
  for (const toJS of [false, true]) {
    let y;
    let f;
    if (round % 2 === 0) {
      y = time(viaYaml, toJS);
      f = time(viaFast, toJS);
    } else {
      f = time(viaFast, toJS);
      y = time(viaYaml, toJS);
    }
    ratios[toJS ? 'parseToJS' : 'parse'].push(f / y);
    ms[toJS ? 'yamlToJS' : 'yaml'].push(y);
    ms[toJS ? 'fastToJS' : 'fast'].push(f);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const result = {
  files: texts.length,
  megabytes: +(bytes / 1024 / 1024).toFixed(1),
  accepted: `${accepted}/${texts.length} (${((100 * accepted) / texts.length).toFixed(1)} %)`,
  rounds,
  parse: { yamlMs: +median(ms.yaml).toFixed(1), fastMs: +median(ms.fast).toFixed(1), ratio: +median(ratios.parse).toFixed(3) },
  parseToJS: { yamlMs: +median(ms.yamlToJS).toFixed(1), fastMs: +median(ms.fastToJS).toFixed(1), ratio: +median(ratios.parseToJS).toFixed(3) },
};
console.log(JSON.stringify(result, null, 2));
if (sink < 0) writeFileSync('/dev/null', String(sink));
