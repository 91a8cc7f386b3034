#!/usr/bin/env node
// npm run bench:gen -- --docs N --out DIR [--seed S] [--big]
// Writes a deterministic, realistic SMS workspace for benchmarks (see bench/generate.mjs).
import { resolve } from 'node:path';
import { generate } from '../bench/generate.mjs';

const args = process.argv.slice(2);
const options = { docs: 1000, out: undefined, seed: 1, big: false };
while (args.length) {
  const arg = args.shift();
  if (arg === '--docs') options.docs = Number(args.shift());
  else if (arg === '--out') options.out = resolve(args.shift());
  else if (arg === '--seed') options.seed = Number(args.shift());
  else if (arg === '--big') options.big = true;
  else if (arg === '-h' || arg === '--help') {
    console.log('usage: npm run bench:gen -- --docs N --out DIR [--seed S] [--big]');
    process.exit(0);
  } else {
    console.error(`bench:gen: unknown argument ${arg}`);
    process.exit(2);
  }
}
if (!options.out || !Number.isInteger(options.docs) || options.docs < 1 || !Number.isInteger(options.seed)) {
  console.error('usage: npm run bench:gen -- --docs N --out DIR [--seed S] [--big]');
  process.exit(2);
}
const summary = generate(options);
console.log(`bench:gen: ${summary.files} files, ${summary.documents} documents, ${(summary.bytes / 1024 / 1024).toFixed(1)} MB in ${options.out}`);
console.log(`  sizes (bytes): ${JSON.stringify(summary.sizes)}`);
console.log(`  kinds: ${JSON.stringify(summary.kinds)}`);
console.log(`  planted errors: ${summary.planted.map((p) => `${p.rule} ${p.file}`).join('; ')}`);
