// Entry point of the e2e suite inside the VS Code extension host.
//
// Both runners load the compiled file (out/test/e2e/index.js) as `extensionTestsPath` and call
// `run()`: scripts/e2e/run.mjs (code-server + headless chromium, offline) and
// scripts/e2e/run-electron.mjs (@vscode/test-electron, desktop VS Code, needs internet).
// VS Code reports a rejected promise as exit code 1, a resolved one as 0.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaClass from 'mocha';

// mocha 12 is an ES module package; its CommonJS build is loaded directly so that this works in
// every extension host (code-server's Node 24 and the desktop's Electron) without relying on
// require() of ES modules. The e2e build keeps `mocha` external (resolved from the repo's
// node_modules), so the suite uses the project's own mocha.
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaClass;

/** Printed with the counts; scripts/e2e/run.mjs looks for it (RESULT_MARKER in scripts/e2e/common.mjs). */
const RESULT_MARKER = '[e2e-result]';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd', // describe/it, like the unit tests
    color: false, // output goes to a log, not a terminal
    reporter: 'spec',
    // Generous: the first test may wait for the extension (and its language server) to start.
    timeout: Number(process.env.MOCHA_TIMEOUT) || 60_000,
  });
  const grep = process.env.MOCHA_GREP;
  if (grep) mocha.grep(grep);

  // Every compiled test file next to this one; sorted so the order is the same on every machine.
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const s = runner.stats;
        resolve({ passes: s?.passes ?? 0, failures: s?.failures ?? 0, pending: s?.pending ?? 0 });
      });
    } catch (err) {
      // A test file that throws while loading ends up here.
      reject(err);
    }
  });

  console.log(`${RESULT_MARKER} ${JSON.stringify({ ...stats, files: files.length, grep: grep ?? null })}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} e2e test(s) failed`);
  // A run that executed nothing is treated as a failure: usually a --grep typo or a build that
  // produced no *.test.js files.
  if (stats.passes === 0) throw new Error(grep ? `no e2e test matched --grep ${grep}` : 'no e2e tests ran');
}
