#!/usr/bin/env node
// Runs the same e2e suite (test/e2e, out/test/e2e/index.js) in desktop VS Code through
// @vscode/test-electron. That package downloads a VS Code build first, so this runner needs
// internet (a developer machine, GitHub Actions). Offline, use `npm run test:e2e` (run.mjs).
// On a Linux machine without a display run it under xvfb: `xvfb-run -a npm run test:vscode`.
//
// Usage: node scripts/e2e/run-electron.mjs [--grep PATTERN] [--workspace DIR] [--extension DIR]
//                                          [--vscode-version VERSION] [--keep]
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { buildSuite } from './build.mjs';
import { RESULT_MARKER, ROOT, SUITE_INDEX, prepareWorkspace, since } from './common.mjs';

/** The VS Code inside tools/code-server (code-server 4.139.1), so both runners test the same version. */
const DEFAULT_VSCODE_VERSION = '1.139.1';
/** test-electron's download cache; .e2e/ is gitignored. */
const CACHE_PATH = join(ROOT, '.e2e', 'vscode-test');

const log = (/** @type {string} */ msg) => console.log(`e2e (electron): ${msg}`);
/** @returns {never} */
function fail(/** @type {string} */ msg) {
  console.error(`e2e (electron): FAILED: ${msg}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      grep: { type: 'string' },
      workspace: { type: 'string' },
      extension: { type: 'string' },
      'vscode-version': { type: 'string', default: DEFAULT_VSCODE_VERSION },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  console.error(`${err instanceof Error ? err.message : err}
usage: node scripts/e2e/run-electron.mjs [--grep PATTERN] [--workspace DIR] [--extension DIR] [--vscode-version VERSION|stable|insiders] [--keep]`);
  process.exit(2);
}
const tStart = performance.now();
const extensionPath = resolve(args.extension ?? ROOT);

try {
  await buildSuite({ projectBuild: extensionPath === ROOT, log });
} catch (err) {
  fail(`build: ${err instanceof Error ? err.message : err}`);
}

// Same workspace rule as run.mjs: a temp copy of examples/ (or --workspace), else an empty folder.
let prepared;
try {
  prepared = prepareWorkspace(args.workspace, 'sms-lint-e2e-electron-');
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
const { tmp, workspace } = prepared;

// Pass the extension host's output through, and pick up the counts index.ts logs.
/** @type {{ passes: number, failures: number } | null} */
let result = null;
let pending = '';
const stdout = new Writable({
  write(chunk, _encoding, done) {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const at = line.indexOf(RESULT_MARKER);
      if (at >= 0) {
        try {
          result = JSON.parse(line.slice(at + RESULT_MARKER.length));
          continue;
        } catch {
          // not ours: print it
        }
      }
      process.stdout.write(`${line}\n`);
    }
    done();
  },
});

let exitCode = 1;
let testsRan = false;
const { runTests, TestRunFailedError } = await import('@vscode/test-electron');
try {
  log(`VS Code ${args['vscode-version']} (downloaded to ${CACHE_PATH} on first use), extension ${extensionPath}`);
  testsRan = true;
  exitCode = await runTests({
    version: args['vscode-version'],
    cachePath: CACHE_PATH,
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: SUITE_INDEX,
    extensionTestsEnv: args.grep ? { MOCHA_GREP: args.grep } : {},
    stdout,
    launchArgs: [
      workspace,
      '--disable-workspace-trust',
      '--disable-extensions', // other installed extensions; the one under development still loads
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', join(tmp, 'user-data'),
      '--extensions-dir', join(tmp, 'extensions'),
    ],
  });
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  // test-electron rejects with TestRunFailedError when VS Code ran and exited non-zero (a
  // failing test); anything else is a download or launch problem.
  if (err instanceof TestRunFailedError) {
    exitCode = err.code ?? 1;
  } else {
    if (!args.keep) rmSync(tmp, { recursive: true, force: true });
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo|fetch failed|socket hang up/i.test(message);
    fail(
      offline
        ? `could not download VS Code ${args['vscode-version']} (${message.split('\n')[0]}): this runner needs internet; offline use \`npm run test:e2e\``
        : `VS Code did not run the suite: ${message.split('\n')[0]}`,
    );
  }
} finally {
  if (pending) process.stdout.write(`${pending}\n`);
}

if (args.keep) log(`kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
log(`finished in ${since(tStart)}${testsRan ? '' : ' (suite not started)'}`);
log(`VS Code ${args['vscode-version']} (desktop)`);
// The closing line CI counts, the same as run.mjs: `e2e: N passed, N failed[, N skipped]`.
if (!result) log('no result reported by the suite');
const failedCount = result ? result.failures : exitCode === 0 ? 0 : 1;
const skippedCount = result?.pending ?? 0;
console.log(`e2e: ${result?.passes ?? 0} passed, ${failedCount} failed${skippedCount > 0 ? `, ${skippedCount} skipped` : ''}`);
process.exit(exitCode);
