#!/usr/bin/env node
// Builds the .vsix with @vscode/vsce, offline: the production bundle (`node esbuild.mjs --production`:
// dist/extension.js, server.js, cli.js with every schema, template and message bundled),
// then `vsce package --no-dependencies` (everything is bundled, so no node_modules go in and vsce does
// not run `npm list`), then a check of what the .vsix holds. `.vscodeignore` is an allow-list.
//
// Usage: npm run package [-- --out FILE.vsix] [--skip-build]
// Prints `package: FILE (N files, SIZE)` and exits 1 when the build, vsce or the check fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (/** @type {string} */ msg) => console.log(`package: ${msg}`);
/** @returns {never} */
function fail(/** @type {string} */ msg) {
  console.error(`package: FAILED: ${msg}`);
  process.exit(1);
}

const { values: args } = parseArgs({
  options: { out: { type: 'string' }, 'skip-build': { type: 'boolean', default: false } },
  strict: true,
});
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = resolve(args.out ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
const started = performance.now();

function run(/** @type {string} */ what, /** @type {string[]} */ argv) {
  const t = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) fail(`${what} exited with ${result.status ?? result.signal}`);
  log(`${what} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// --- 1. production bundle ----------------------------------------------------------------------
if (!args['skip-build']) run('node esbuild.mjs --production', [join(ROOT, 'esbuild.mjs'), '--production']);
for (const name of ['extension', 'server', 'cli']) {
  if (!existsSync(join(ROOT, 'dist', `${name}.js`))) fail(`dist/${name}.js is missing (the build did not emit it)`);
}

// --- 2. vsce -------------------------------------------------------------------------------------
const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
if (!existsSync(vsce)) fail('@vscode/vsce is not installed: run npm ci');
const hasLicense = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((name) => existsSync(join(ROOT, name)));
if (!existsSync(join(ROOT, 'README.md'))) log('warning: no README.md: the Marketplace page of the extension will be empty');
run('vsce package', [
  vsce,
  'package',
  '--no-dependencies', // everything is bundled by esbuild; vsce would otherwise run `npm list --production`
  '--out',
  out,
  // vsce asks interactively when there is no LICENSE file (package.json says MIT); never prompt in CI.
  ...(hasLicense ? [] : ['--skip-license']),
]);

// --- 3. check the content --------------------------------------------------------------------------
/** Entry names and contents of a zip file (central directory; stored or deflated entries). */
function readZip(/** @type {string} */ file) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) fail(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  /** @type {Map<string, () => Buffer>} */
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localHeader = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const dataStart = localHeader + 30 + buf.readUInt16LE(localHeader + 26) + buf.readUInt16LE(localHeader + 28);
      const data = buf.subarray(dataStart, dataStart + compressedSize);
      return method === 0 ? data : inflateRawSync(data);
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const entries = readZip(out);
const names = [...entries.keys()];
const files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
const problems = [];
const required = [
  'package.json',
  'package.nls.json',
  'dist/extension.js',
  'dist/server.js',
  'dist/cli.js',
  'media/icon.png',
  'media/sms.svg',
  'snippets/sms.code-snippets',
  'CHANGELOG.md',
  ...(existsSync(join(ROOT, 'README.md')) ? ['README.md'] : []),
  // The server links every diagnostic to its rule page; sms.showRuleDocumentation opens the local copy.
  ...readdirSync(join(ROOT, 'docs', 'rules'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/rules/${n}`),
];
// vsce stores README.md and CHANGELOG.md as readme.md and changelog.md.
const lowerCased = new Set(['README.md', 'CHANGELOG.md']);
for (const file of required) {
  const present = files.includes(file) || (lowerCased.has(file) && files.includes(file.toLowerCase()));
  if (!present) problems.push(`missing ${file}`);
}
for (const file of files) {
  if (/(^|\/)node_modules\//.test(file)) problems.push(`node_modules inside: ${file}`);
  else if (/\.(ts|map|mjs|tsbuildinfo)$/.test(file) && !file.endsWith('.d.ts')) problems.push(`source or source map inside: ${file}`);
  else if (/^(examples|test|tools|server|client|scripts|schemas|templates|bench|out|\.e2e|\.ci)\//.test(file)) problems.push(`not needed at run time: ${file}`);
}
// The manifest inside must point at files that are inside.
const manifest = JSON.parse(entries.get('extension/package.json')?.().toString('utf8') ?? '{}');
for (const path of [manifest.main, manifest.icon, ...(manifest.contributes?.snippets ?? []).map((/** @type {{path: string}} */ s) => s.path)]) {
  const file = String(path ?? '').replace(/^\.\//, '');
  if (file && !files.includes(file)) problems.push(`package.json names ${path}, which is not in the .vsix`);
}
if (!names.includes('extension.vsixmanifest')) problems.push('no extension.vsixmanifest');
if (problems.length > 0) fail(`${relative(ROOT, out)}:\n  ${problems.join('\n  ')}`);

const size = statSync(out).size;
log(`${relative(process.cwd(), out) || out} (${files.length} files, ${(size / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
log(`test it in VS Code: npm run test:e2e -- --vsix ${relative(process.cwd(), out) || out}`);
