// npm run fuzz [-- --runs N] [-- --seed S] [-- --grep TEXT]
// The hardening suite's property tests with many more iterations than `npm test` runs (and a
// random seed unless one is given, printed so that a failure can be replayed):
//   npm run fuzz                     2,000 runs per property, random seed
//   npm run fuzz -- --runs 20000     longer
//   npm run fuzz -- --seed 12345     replay a failure
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const runs = Number(option('runs', '2000'));
const seed = Number(option('seed', String(Math.floor(Math.random() * 2 ** 31))));
const grep = option('grep', 'property');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--grep TEXT]');
  process.exit(2);
}

const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 2);

console.log(`sms-lint fuzz: ${runs} runs per property, seed ${seed} (replay with: npm run fuzz -- --runs ${runs} --seed ${seed})`);
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const specs = ['engine', 'cli'].map((name) => join(root, 'out', 'test', 'hardening', `${name}.test.js`));
const result = spawnSync(process.execPath, [mocha, '--no-config', '--timeout', '0', '--enable-source-maps', '--reporter', 'spec', '--grep', grep, ...specs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SMS_FUZZ_RUNS: String(runs), SMS_FUZZ_SEED: String(seed) },
});
if (result.status !== 0) console.error(`sms-lint fuzz: failed with seed ${seed}; replay with: npm run fuzz -- --runs ${runs} --seed ${seed}`);
process.exit(result.status ?? 2);
