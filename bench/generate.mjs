// Deterministic generator of realistic SMS workspaces for benchmarks (issue 6).
//
// The sample SMS in examples/ is the seed corpus: every generated document is a real document of our
// format, so it is valid by construction. A workspace is one manifest (examples/sms.yaml: roles,
// interested parties, suppliers) plus "units": unit 0 is the sample itself, unit k >= 1 is a copy
// whose identifiers (documents, services, components, targets, risks, objectives, …) all carry the
// suffix -U<k>, so references resolve inside the unit and identifiers stay unique. Every unit also holds
// extra records (service reports, reviews, audits) because records dominate real SMS repositories, and
// each document of a unit k >= 1 is grown to a size drawn by a seeded PRNG (1–20 KB) by repeating
// entries of its identified lists (risks, objectives, assets, targets, activities, …) under new ids.
// A few errors are planted (unknown key, bad enum value, unresolved reference) and listed in
// <out>/bench-workspace.json. --big adds one 2,000-line register and one 5 MB register.
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** mulberry32: a small seeded PRNG (never Math.random, so a seed gives the same workspace). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function listYaml(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listYaml(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** The leading comment block of a file (kept on generated files: real SMS files are commented). */
function headerComment(text) {
  const lines = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) lines.push(line);
    else break;
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function loadCorpus(examplesDir) {
  const files = [];
  for (const path of listYaml(examplesDir)) {
    const text = readFileSync(path, 'utf8');
    const docs = parseAllDocuments(text).map((d) => d.toJS());
    files.push({ rel: relative(examplesDir, path).split('\\').join('/'), text, header: headerComment(text), docs });
  }
  return files;
}

/** Every value of an `id` key (and metadata.id) in a JSON value. */
function collectIds(value, out) {
  if (Array.isArray(value)) for (const item of value) collectIds(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'id' && typeof child === 'string') out.add(child);
      else collectIds(child, out);
    }
  }
  return out;
}

function renameStrings(value, map) {
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => renameStrings(item, map));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, child] of Object.entries(value)) out[key] = renameStrings(child, map);
    return out;
  }
  return value;
}

/** Arrays of objects with an `id` (growable by repeating an entry under a new id). */
function growableArrays(value, out = [], key = undefined) {
  if (Array.isArray(value)) {
    // Service level targets are compared across documents (SMS503): repeating them would add findings.
    if (key !== 'targets' && value.length > 0 && value.every((item) => item && typeof item === 'object' && !Array.isArray(item) && typeof item.id === 'string')) out.push(value);
    for (const item of value) growableArrays(item, out);
  } else if (value && typeof value === 'object') for (const [childKey, child] of Object.entries(value)) growableArrays(child, out, childKey);
  return out;
}

/** Deep copy of an entry with every nested `id` given a fresh suffix (so new ids stay unique). */
function reidentify(value, suffix) {
  if (Array.isArray(value)) return value.map((item) => reidentify(item, suffix));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, child] of Object.entries(value)) out[key] = key === 'id' && typeof child === 'string' ? `${child}-${suffix}` : reidentify(child, suffix);
    return out;
  }
  return value;
}

/** Grows the identified lists of the spec of `doc` until its YAML is about `targetBytes` long. */
function grow(doc, targetBytes, random, tag) {
  const arrays = growableArrays(doc.spec);
  if (arrays.length === 0) return;
  // JSON length is a cheap estimate of the YAML length (block YAML is a little longer).
  let size = JSON.stringify(doc).length;
  let n = 0;
  while (size < targetBytes && n < 100000) {
    const array = arrays[Math.floor(random() * arrays.length)];
    const item = array[Math.floor(random() * array.length)];
    const copy = reidentify(item, `${tag}${(n++).toString(36).toUpperCase()}`);
    array.push(copy);
    size += JSON.stringify(copy).length;
  }
}

function render(header, docs) {
  return header + docs.map((doc) => stringify(doc, { lineWidth: 110 })).join('---\n');
}

// Where each kind goes first when a unit is cut short: definitions before what references them.
const KIND_ORDER = ['ServiceCatalogue', 'Register', 'ServiceLevelAgreement', 'Agreement', 'Policy', 'Plan', 'ProcessDefinition', 'Record'];

/**
 * Writes a workspace of about `docs` files into `out` (which is emptied first).
 * Returns a summary (files, documents, bytes, kinds, planted errors).
 */
export function generate({ docs: wanted = 1000, out, seed = 1, big = false, examplesDir = join(REPO_ROOT, 'examples'), extraRecordsPerUnit = 36 }) {
  if (!out) throw new Error('generate: out is required');
  const random = prng(seed);
  const corpus = loadCorpus(examplesDir);
  const manifestFile = corpus.find((f) => f.docs.some((d) => d?.kind === 'ServiceManagementSystem'));
  if (!manifestFile) throw new Error(`no ServiceManagementSystem document in ${examplesDir}`);
  const unitFiles = corpus.filter((f) => f !== manifestFile).sort((a, b) => orderOf(a) - orderOf(b) || (a.rel < b.rel ? -1 : 1));
  const recordFiles = unitFiles.filter((f) => f.docs.every((d) => d?.kind === 'Record'));
  // Identifiers defined outside the manifest get the unit's suffix.
  const unitIds = new Set();
  for (const file of unitFiles) for (const doc of file.docs) collectIds(doc, unitIds);

  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const written = [];
  const write = (rel, text, kinds) => {
    const path = join(out, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push({ rel, bytes: Buffer.byteLength(text), lines: text.split('\n').length, kinds });
  };
  write('sms.yaml', manifestFile.text, ['ServiceManagementSystem']);

  const planned = []; // { rel, header, docs }
  const unitSize = unitFiles.length + extraRecordsPerUnit;
  // Whole units only (a unit cut short would leave references to what it lacks), then records of the
  // last unit to reach the count (records are referenced by nothing). Below one unit, unit 0 is cut.
  const units = Math.max(1, Math.floor((wanted - 1) / unitSize));
  const extraRecord = (source, map, tag, dir) => {
    const docs = source.docs.map((d) => {
      const copy = renameStrings(d, map);
      copy.metadata = { ...copy.metadata, id: `${copy.metadata.id}-${tag}` };
      return copy;
    });
    return { rel: `${dir}/records/${source.rel.replace(/^records\//, '').replace(/\.ya?ml$/, '')}-${tag.toLowerCase()}.yaml`, header: source.header, docs, grow: true };
  };
  for (let unit = 0; unit < units; unit++) {
    const suffix = unit === 0 ? '' : `-U${unit}`;
    const map = new Map(unit === 0 ? [] : [...unitIds].map((id) => [id, `${id}${suffix}`]));
    const dir = unit === 0 ? 'unit-000' : `unit-${String(unit).padStart(3, '0')}`;
    const files = [];
    for (const file of unitFiles) files.push({ rel: `${dir}/${file.rel}`, header: file.header, docs: file.docs.map((d) => renameStrings(d, map)), grow: unit > 0 });
    // Extra records: the monthly and quarterly evidence that makes up most of a real SMS repository.
    for (let r = 0; r < extraRecordsPerUnit; r++) {
      const source = recordFiles[Math.floor(random() * recordFiles.length)];
      files.push(extraRecord(source, map, `R${String(r + 1).padStart(2, '0')}`, dir));
    }
    // Interleave: definitions first, records last, so that cutting the last unit short drops records.
    files.sort((a, b) => orderOf(a) - orderOf(b));
    for (const file of files) {
      if (written.length + planned.length >= wanted - 1) break;
      planned.push(file);
    }
    if (unit === units - 1) {
      for (let r = 0; written.length + planned.length < wanted - 1; r++) {
        const source = recordFiles[Math.floor(random() * recordFiles.length)];
        planned.push(extraRecord(source, map, `X${String(r + 1).padStart(3, '0')}`, dir));
      }
    }
  }

  // Sizes: most documents are a few KB, some reach 20 KB (a skewed distribution, median about 5 KB).
  for (const file of planned) {
    if (!file.grow) continue;
    const target = Math.round(1024 * Math.min(20, 1 + 19 * Math.pow(random(), 2.2)));
    for (const doc of file.docs) grow(doc, target / file.docs.length, random, 'G');
  }

  // Planted errors: about three per 1,000 documents, at least three.
  const planted = [];
  const plantCount = Math.max(3, Math.round((wanted / 1000) * 3));
  const kindsOfError = [
    ['unknown-key', 'SMS101', (doc) => (doc.metadata = { ...doc.metadata, reviewer: doc.metadata.owner })],
    ['bad-enum', 'SMS104', (doc) => (doc.metadata = { ...doc.metadata, status: 'aproved' })],
    ['unresolved-reference', 'SMS202', (doc) => (doc.metadata = { ...doc.metadata, owner: 'ROLE-SMS-MANGER' })],
  ];
  const used = new Set();
  for (let i = 0; i < plantCount && used.size < planned.length; i++) {
    let index;
    do index = Math.floor(random() * planned.length);
    while (used.has(index));
    used.add(index);
    const [what, rule, apply] = kindsOfError[i % kindsOfError.length];
    apply(planned[index].docs[0]);
    planned[index].planted = true;
    planted.push({ file: planned[index].rel, document: planned[index].docs[0].metadata.id, error: what, rule });
  }

  for (const file of planned) write(file.rel, render(file.header, file.docs), file.docs.map((d) => d.kind));

  let bigFiles;
  if (big) {
    const risk = unitFiles.find((f) => f.docs.some((d) => d?.kind === 'Register' && d.spec?.type === 'risk'));
    const assets = unitFiles.find((f) => f.docs.some((d) => d?.kind === 'Register' && d.spec?.type === 'asset')) ?? risk;
    // Identifiers defined in the large documents get a suffix; their references name unit 0.
    const own = (doc, suffix) => new Map([...collectIds(doc, new Set())].map((id) => [id, `${id}${suffix}`]));
    // One 2,000-line document (the one edited in the latency benchmark).
    const doc2000 = renameStrings(risk.docs[0], own(risk.docs[0], '-BIG'));
    doc2000.metadata.id = 'REG-RISK-LARGE';
    const lines = (doc) => render(risk.header, [doc]).split('\n').length;
    const arrays = growableArrays(doc2000.spec);
    let n = 0;
    while (lines(doc2000) < 2000) {
      for (let k = 0; k < 10; k++) {
        const array = arrays[0];
        array.push(reidentify(array[n % Math.min(array.length, 20)], `L${(n++).toString(36).toUpperCase()}`));
      }
    }
    while (lines(doc2000) > 2000 && arrays[0].length > 1) arrays[0].pop();
    let text2000 = render(risk.header, [doc2000]);
    const missing = 2000 - text2000.split('\n').length;
    for (let k = 0; k < missing; k++) text2000 += `# review note ${k + 1}: entries above were rescored at the quarterly review\n`;
    write('large/risk-register-2000-lines.yaml', text2000, ['Register']);
    // One 5 MB document.
    const doc5mb = renameStrings(assets.docs[0], own(assets.docs[0], '-HUGE'));
    doc5mb.metadata.id = 'REG-HUGE';
    grow(doc5mb, 5 * 1024 * 1024 * 0.93, random, 'H');
    write('large/register-5mb.yaml', render(assets.header, [doc5mb]), ['Register']);
    bigFiles = { lines2000: 'large/risk-register-2000-lines.yaml', mb5: 'large/register-5mb.yaml' };
    // The 5 MB document is past the default limits (4 MB, 50,000 nodes: SMS006 instead of work); the
    // benchmark measures what parsing it costs, so the workspace raises them.
    writeFileSync(join(out, '.smsrc.yaml'), '# Written by bench/generate.mjs --big: the 5 MB document is meant to be parsed.\nlimits:\n  maxFileSizeKB: 8192\n  maxNodes: 1000000\n');
  }

  const summary = {
    generator: 'bench/generate.mjs',
    seed,
    requested: wanted,
    files: written.length,
    documents: written.reduce((n, f) => n + f.kinds.length, 0),
    bytes: written.reduce((n, f) => n + f.bytes, 0),
    kinds: Object.fromEntries(Object.entries(written.flatMap((f) => f.kinds).reduce((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {})).sort()),
    sizes: sizeSummary(written.filter((f) => !f.rel.startsWith('large/')).map((f) => f.bytes)),
    planted,
    big: bigFiles,
  };
  writeFileSync(join(out, 'bench-workspace.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function orderOf(file) {
  const kind = file.docs[0]?.kind;
  const index = KIND_ORDER.indexOf(kind);
  return index < 0 ? KIND_ORDER.length : index;
}

function sizeSummary(bytes) {
  const sorted = [...bytes].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { min: sorted[0] ?? 0, median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] ?? 0, mean: Math.round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)) };
}
