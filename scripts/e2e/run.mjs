#!/usr/bin/env node
// Runs the e2e mocha suite (test/e2e) inside a real VS Code, offline: code-server's Node extension
// host with the workbench open in headless chromium. See scripts/e2e/README.md.
//
// Usage: node scripts/e2e/run.mjs [--vsix FILE.vsix | --extension DIR] [--grep PATTERN]
//                                 [--workspace DIR] [--keep] [--timeout SECONDS] [--verbose]
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { buildSuite } from './build.mjs';
import { RESULT_MARKER, ROOT, SUITE_INDEX, prepareWorkspace, codeServerVersions, since } from './common.mjs';
import { ensureSetup } from './setup.mjs';
import { startWorkbench } from './workbench.mjs';

const USAGE = `usage: node scripts/e2e/run.mjs [options]
  --vsix FILE       install FILE.vsix into the temp extensions dir and test that one (the repo is not loaded)
  --extension DIR   extension folder to load as extensionDevelopmentPath (default: the repo root)
  --grep PATTERN    only run tests whose full title matches PATTERN (mocha grep)
  --workspace DIR   folder to open, copied to a temp dir first (default: examples/, else an empty folder)
  --keep            keep the temp dir (workspace copy, code-server/chromium state and logs)
  --timeout SECONDS overall limit for one run once setup is done (default 600)
  --verbose         also print code-server's output and the browser console`;

const log = (/** @type {string} */ msg) => console.log(`e2e: ${msg}`);

/** @returns {never} */
function fail(/** @type {string} */ msg, code = 1) {
  console.error(`e2e: FAILED: ${msg}`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      vsix: { type: 'string' },
      extension: { type: 'string' },
      grep: { type: 'string' },
      workspace: { type: 'string' },
      keep: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '600' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  console.error(`${err instanceof Error ? err.message : err}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.vsix && args.extension) fail('--vsix and --extension exclude each other');
const timeoutSeconds = Number(args.timeout);
if (!(timeoutSeconds > 0)) fail(`--timeout must be a number of seconds, got ${args.timeout}`);
const extensionPath = args.vsix ? null : resolve(args.extension ?? ROOT);
if (extensionPath && !existsSync(join(extensionPath, 'package.json'))) fail(`${extensionPath} has no package.json`);

const tStart = performance.now();

// --- 1. setup (quick no-op when done) and build --------------------------------------------------
try {
  await ensureSetup();
} catch (err) {
  fail(`setup: ${err instanceof Error ? err.message : err}`);
}
const versions = codeServerVersions() ?? { codeServer: '?', vscode: '?' };
log(`VS Code ${versions.vscode} (code-server ${versions.codeServer}), testing ${args.vsix ? `vsix ${resolve(args.vsix)}` : `extension ${extensionPath}`}`);

try {
  // The project's build is only needed when the extension under test is the repo itself.
  await buildSuite({ projectBuild: extensionPath === ROOT, log });
} catch (err) {
  fail(`build: ${err instanceof Error ? err.message : err}`);
}

// --- 2. temp dir with a copy of the workspace (tests may change files) -------------------------
let prepared;
try {
  prepared = prepareWorkspace(args.workspace, 'sms-lint-e2e-');
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
const { tmp, workspace, source: workspaceSource } = prepared;
log(`workspace ${workspace}${workspaceSource ? ` (copy of ${workspaceSource})` : ' (empty)'}`);

// --- 3. memory: peak RSS / PSS of this process and everything below it ------------------------
// Summed over processes; RSS counts shared pages once per process, PSS shares them out, so the
// truth is nearer PSS.
const memory = { rss: 0, pss: 0 };
function sampleMemory() {
  /** @type {Map<number, number[]>} */ const children = new Map();
  /** @type {Map<number, number>} */ const rssPages = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rssPages.set(pid, Number(fields[21]));
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // process ended while we looked
    }
  }
  let rss = 0;
  let pss = 0;
  const stack = [process.pid];
  while (stack.length > 0) {
    const pid = /** @type {number} */ (stack.pop());
    rss += (rssPages.get(pid) ?? 0) * 4096;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) pss += Number(m[1]) * 1024;
    } catch {
      // no smaps_rollup (old kernel) or process gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  memory.rss = Math.max(memory.rss, rss);
  memory.pss = Math.max(memory.pss, pss);
}
const gib = (/** @type {number} */ bytes) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

// --- 4. run -----------------------------------------------------------------------------------
/** @type {{ passes: number, failures: number, pending: number } | null} */
let result = null;
/** @type {(code: number) => void} */
let reportExit = () => {};
const suiteExit = new Promise((r) => (reportExit = r));

/**
 * Workbench chatter that says nothing about the extension under test, hidden unless --verbose
 * (it still goes to workbench-log.txt in the temp dir): connection set-up, and lookups that fail
 * because this machine has no internet (open-vsx marketplace, GitHub sign-in).
 */
const NOISE = [
  /^Resolving connection token|^Resolved connection token|^Creating a socket \(/,
  /^\[(reconnection-grace-time|Service Worker|AgentHost:remote|AccountPolicyGate)\]/,
  /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /ENOTFOUND open-vsx\.org/,
  /Timed out waiting for authentication provider 'github'/,
  /^Canceled: Canceled/,
];
/** @type {string[]} */
const workbenchLog = [];

/**
 * The workbench forwards its log and the extension host's console here, as console.log arguments
 * (mocha's spec reporter uses format strings: ['  %d passing (%s)', 2, '28ms']).
 */
function codeAutomationLog(/** @type {string} */ type, /** @type {unknown} */ message) {
  const text = Array.isArray(message) ? format(...message) : String(message);
  workbenchLog.push(`${since(tStart).padStart(8)} [${type}] ${text}`);
  const at = text.indexOf(RESULT_MARKER);
  if (at >= 0) {
    try {
      result = JSON.parse(text.slice(at + RESULT_MARKER.length));
      return;
    } catch {
      // not ours after all: print it
    }
  }
  if (!args.verbose) {
    if (NOISE.some((re) => re.test(text))) return;
    // Errors logged by the workbench carry long minified stacks; their first line is enough here.
    if (type === 'error') {
      console.log(`[${type}] ${text.split('\n')[0]}`);
      return;
    }
  }
  console.log(text);
}
/** Called once by the workbench with the suite's result: 0 when run() resolved, 1 when it threw. */
function codeAutomationExit(/** @type {number} */ code) {
  reportExit(code);
}

/** @type {Awaited<ReturnType<typeof startWorkbench>> | null} */
let workbench = null;
let finishing = false;
const sampler = setInterval(sampleMemory, 2000);

async function finish(/** @type {number} */ code, /** @type {string | null} */ error) {
  if (finishing) return;
  finishing = true;
  clearInterval(sampler);
  writeFileSync(join(tmp, 'workbench-log.txt'), `${workbenchLog.join('\n')}\n`);
  if (error) {
    console.error(`e2e: FAILED: ${error}`);
    if (code !== 130 && workbench) {
      // Enough context to see what went wrong without --keep: the end of both logs.
      const serverLog = existsSync(workbench.codeServerLog) ? readFileSync(workbench.codeServerLog, 'utf8') : '';
      console.error(`---- last lines of code-server's log ----\n${serverLog.trimEnd().split('\n').slice(-15).join('\n')}`);
      console.error(`---- last lines of the workbench log ----\n${workbenchLog.slice(-15).map((l) => l.split('\n')[0]).join('\n')}\n----`);
      if (!args.keep) console.error('e2e: run with --keep to keep all logs');
    }
  }
  try {
    await workbench?.close();
  } finally {
    if (args.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  log(`finished in ${since(tStart)}, peak memory of the process tree: ${gib(memory.pss)} PSS (${gib(memory.rss)} summed RSS)`);
  log(`VS Code ${versions.vscode}, code-server ${versions.codeServer}`);
  // The closing line is the one CI counts: exactly `e2e: N passed, N failed[, N skipped]`. A run that
  // reported no result (crash, timeout, interrupt) counts as one failure so that it never reads as green.
  if (!result) log('no result reported by the suite');
  const passed = result?.passes ?? 0;
  const failed = result ? result.failures : code === 0 ? 0 : 1;
  const skipped = result?.pending ?? 0;
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  process.exit(code);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => void finish(130, `interrupted by ${signal}`));
}

const timer = setTimeout(
  () => void finish(1, `timed out after ${timeoutSeconds} s (the suite did not report an exit code; raise --timeout or look at the log)`),
  timeoutSeconds * 1000,
);
timer.unref();

try {
  const tRun = performance.now();
  workbench = await startWorkbench({
    workspace,
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: SUITE_INDEX,
    ...(args.grep ? { extensionEnvironment: { MOCHA_GREP: args.grep } } : {}),
    ...(args.vsix ? { vsix: args.vsix } : {}),
    tmpDir: join(tmp, 'vscode'),
    keep: true, // the whole of `tmp` is removed (or kept) by finish()
    expose: { codeAutomationLog, codeAutomationExit },
    waitForWorkbench: false, // the suite's exit is what we wait for
    verbose: args.verbose,
    log,
  });
  const wb = workbench;
  sampleMemory();
  const crashed = new Promise((r) => wb.page.on('crash', () => r('the browser page crashed')));
  const serverGone = wb.serverExited.then((c) => `code-server exited (code ${c}) before the suite finished`);
  const outcome = await Promise.race([suiteExit, crashed, serverGone]);
  if (typeof outcome === 'number') {
    log(`suite exited with code ${outcome} after ${since(tRun)}`);
    await finish(outcome, null);
  } else {
    await finish(1, String(outcome));
  }
} catch (err) {
  await finish(1, err instanceof Error ? err.message : String(err));
}
