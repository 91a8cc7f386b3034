// Builds what the e2e runners load: the extension (the project's own `node esbuild.mjs`) and the
// mocha suite, test/e2e/*.ts → out/test/e2e/*.js.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SUITE_INDEX, SUITE_OUT_DIR, SUITE_SRC_DIR, since } from './common.mjs';

/**
 * @param {{ projectBuild: boolean, log: (msg: string) => void }} opts
 *   projectBuild: also run the project's `node esbuild.mjs` (needed when the extension under test is
 *   the repo itself; not when it comes from a .vsix or another folder).
 */
export async function buildSuite({ projectBuild, log }) {
  const t = performance.now();
  const projectScript = join(ROOT, 'esbuild.mjs');
  if (projectBuild && existsSync(projectScript)) {
    log('build: node esbuild.mjs');
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [projectScript], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`node esbuild.mjs failed (exit code ${code})`))));
    });
  }

  const sources = readdirSync(SUITE_SRC_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  if (!sources.includes('index.ts')) throw new Error(`${join(SUITE_SRC_DIR, 'index.ts')} is missing`);

  // If the project's build already emitted the suite in this run (esbuild.mjs is meant to), use
  // that output as is: every source has an output written after this build started.
  const emittedByProject = sources.every((f) => {
    const out = join(SUITE_OUT_DIR, f.replace(/\.ts$/, '.js'));
    return existsSync(out) && statSync(out).mtimeMs >= performance.timeOrigin + t;
  });
  if (emittedByProject) {
    // esbuild.mjs does not clean up: a test file deleted from test/e2e would keep running from
    // its old .js, since index.ts loads every *.test.js in the folder.
    for (const name of readdirSync(SUITE_OUT_DIR)) {
      const stem = name.replace(/\.js(\.map)?$/, '');
      if (stem !== name && stem.endsWith('.test') && !sources.includes(`${stem}.ts`)) {
        rmSync(join(SUITE_OUT_DIR, name), { force: true });
        log(`build: removed stale out/test/e2e/${name}`);
      }
    }
    log(`build: suite emitted by esbuild.mjs (${sources.length} files) in ${since(t)}`);
    return;
  }

  // Fallback (kept on purpose): compile the suite here with esbuild's JS API. Each file is its own
  // bundle; `vscode` is provided by the extension host and `mocha` is resolved from the repo's
  // node_modules at run time, so both stay external. The folder is emptied first so that a
  // deleted test file does not keep running from a stale .js.
  const esbuild = await import('esbuild');
  rmSync(SUITE_OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: sources.map((f) => join(SUITE_SRC_DIR, f)),
    outdir: SUITE_OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  if (!existsSync(SUITE_INDEX)) throw new Error(`build did not produce ${SUITE_INDEX}`);
  log(`build: test/e2e → out/test/e2e (${sources.length} files) in ${since(t)}`);
}
