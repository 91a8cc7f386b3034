#!/usr/bin/env node
// Summarises a V8 CPU profile (node --cpu-prof) of dist/cli.js or dist/server.js by source file and
// function, through the bundle's source map, so that the cost of each part (yaml, ajv, our rules,
// index, coverage, GC) is a measurement and not a guess.
//
//   node scripts/bench-profile.mjs PROFILE.cpuprofile [--top 25] [--json OUT] [--last-ms N]
//     --last-ms N  only the last N ms of the profile (e.g. the edits after a server's initial check)
//   node scripts/bench-profile.mjs --run DIR [--top 25]   profiles `node dist/cli.js DIR` first
import { readFileSync, readdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { SourceMap } from 'node:module';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
let top = 25;
let jsonOut;
let profilePath;
let runDir;
let lastMs;
while (args.length) {
  const arg = args.shift();
  if (arg === '--top') top = Number(args.shift());
  else if (arg === '--json') jsonOut = resolve(args.shift());
  else if (arg === '--run') runDir = resolve(args.shift());
  else if (arg === '--last-ms') lastMs = Number(args.shift());
  else profilePath = resolve(arg);
}
if (runDir) {
  const dir = mkdtempSync(join(tmpdir(), 'sms-prof-'));
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', join(REPO_ROOT, 'dist', 'cli.js'), runDir, '--today', '2026-11-20', '-f', 'json', '-o', join(dir, 'report.json')], { stdio: 'inherit' });
  profilePath = join(dir, readdirSync(dir).find((n) => n.endsWith('.cpuprofile')));
}
if (!profilePath) {
  console.error('usage: node scripts/bench-profile.mjs PROFILE.cpuprofile | --run DIR [--top N] [--json OUT]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
const maps = new Map();
function sourceMapFor(url) {
  if (!url.startsWith('file://')) return undefined;
  if (maps.has(url)) return maps.get(url);
  let map;
  const mapFile = `${fileURLToPath(url)}.map`;
  if (existsSync(mapFile)) map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
  maps.set(url, map);
  return map;
}

/** Source file (repository-relative) and original function name of a profile node. */
function locate(frame) {
  const { url, lineNumber, columnNumber, functionName } = frame;
  if (!url) return { file: `(${functionName || 'native'})`, name: functionName || '(anonymous)' };
  const map = sourceMapFor(url);
  if (map) {
    const entry = map.findEntry(lineNumber, columnNumber);
    if (entry && entry.originalSource) {
      const source = entry.originalSource.replace(/^file:\/\//, '');
      const file = source.includes('node_modules/') ? source.slice(source.lastIndexOf('node_modules/')) : relative(REPO_ROOT, resolve(join(REPO_ROOT, 'dist'), source));
      return { file, name: `${functionName || '(anonymous)'}` };
    }
  }
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return { file: path.includes('node_modules/') ? path.slice(path.lastIndexOf('node_modules/')) : relative(REPO_ROOT, path), name: functionName || '(anonymous)' };
}

/** The part of the pipeline a source file belongs to. */
function area(file) {
  if (file.startsWith('node_modules/yaml/')) return 'yaml (parse, CST, AST)';
  if (file.startsWith('node_modules/ajv') || file.includes('sms-pack:validators') || file.includes('sms-validators')) return 'ajv validation';
  if (file.startsWith('server/src/engine/parse/')) return 'engine parse/';
  if (file.startsWith('server/src/engine/schema/')) return 'engine schema/ (ajv errors → problems)';
  if (file.startsWith('server/src/engine/rules/')) return 'engine rules/';
  if (file.startsWith('server/src/engine/index/')) return 'engine index/';
  if (file.startsWith('server/src/engine/coverage/')) return 'engine coverage/';
  if (file.startsWith('server/src/engine/')) return `engine ${file.split('/')[3]}`;
  if (file.startsWith('server/src/cli/')) return 'cli adapter (read, report, format)';
  if (file.startsWith('server/src/lsp/')) return 'lsp adapter';
  if (file === '(garbage collector)') return 'garbage collector';
  if (file === '(program)' || file === '(idle)' || file === '(root)') return file;
  if (file.startsWith('node:') || file.startsWith('(')) return 'node internals / native';
  return 'other';
}

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const located = new Map(profile.nodes.map((n) => [n.id, locate(n.callFrame)]));

// Time per sample from timeDeltas (the sampling interval varies).
const selfByNode = new Map();
let total = 0;
const sampleTimes = [];
for (let i = 0, t = 0; i < profile.samples.length; i++) sampleTimes.push((t += profile.timeDeltas[i] ?? 0) / 1000);
const from = lastMs !== undefined ? sampleTimes[sampleTimes.length - 1] - lastMs : -Infinity;
for (let i = 0; i < profile.samples.length; i++) {
  if (sampleTimes[i] < from) continue;
  const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
  selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + dt);
  total += dt;
}

const byFile = new Map();
const byFunction = new Map();
const byArea = new Map();
const inclusive = new Map(); // engine functions, each counted once per sample stack
for (const [id, ms] of selfByNode) {
  const { file, name } = located.get(id);
  byFile.set(file, (byFile.get(file) ?? 0) + ms);
  const key = `${name} (${file})`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  const a = area(file);
  byArea.set(a, (byArea.get(a) ?? 0) + ms);
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const loc = located.get(n);
    if (!loc.file.startsWith('server/src/')) continue;
    const k = `${loc.name} (${loc.file})`;
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
  }
}
void nodes;

const rows = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => ({ name: k, ms: Math.round(ms), percent: Math.round((ms / total) * 1000) / 10 }));
const summary = { profile: profilePath, totalMs: Math.round(total), byArea: rows(byArea, 30), byFile: rows(byFile, top), selfByFunction: rows(byFunction, top), inclusiveOurs: rows(inclusive, top) };
const print = (title, list) => {
  console.log(`\n${title}`);
  for (const row of list) console.log(`  ${String(row.percent).padStart(5)} %  ${String(row.ms).padStart(7)} ms  ${row.name}`);
};
console.log(`profile ${profilePath}: ${summary.totalMs} ms sampled`);
print('self time by area', summary.byArea);
print('self time by source file', summary.byFile);
print('self time by function', summary.selfByFunction);
print('inclusive time of our functions (server/src)', summary.inclusiveOurs);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(summary, null, 2)}\n`);
