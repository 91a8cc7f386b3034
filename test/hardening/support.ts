// Shared helpers of the hardening suite: run the engine on hostile texts, time each answer, and
// check the invariants every answer must keep (no exception, spans inside the text, syntax
// problems with a position). Fuzz iteration counts come from the environment so that `npm test`
// stays bounded and `npm run fuzz` can run longer.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DocUri, Workspace, defaultPack, type Finding } from '../../server/src/engine';
import { REPO_ROOT, TODAY } from '../support/engine';

/** Property runs per fuzz test: small in `npm test`, large under `npm run fuzz`. */
export const FUZZ_RUNS = Number(process.env['SMS_FUZZ_RUNS'] ?? 60);
/** A fixed seed unless the fuzz script asks for a random one, so that failures reproduce. */
export const FUZZ_SEED = process.env['SMS_FUZZ_SEED'] !== undefined ? Number(process.env['SMS_FUZZ_SEED']) : 20001;
/** A mocha timeout for a suite: none under `npm run fuzz` (many runs), `base` otherwise. */
export function suiteTimeout(base: number): number {
  return process.env['SMS_FUZZ_RUNS'] !== undefined ? 0 : base;
}

/** The time budget of one answer. */
export const BUDGET_MS = 1000;

export const HEADER = 'apiVersion: iso20000.sms/v1\n';

export interface HostileFile {
  readonly path: string;
  readonly text: string;
}

export interface EngineAnswer {
  readonly workspace: Workspace;
  readonly findings: Finding[];
  /** CPU time of this process for the answer (stable on a loaded machine, unlike the wall clock). */
  readonly ms: number;
  readonly wallMs: number;
  readonly uris: DocUri[];
}

/** Slowest answers seen in this process, for the report printed at the end of the suite. */
export const timings: { name: string; ms: number; wallMs: number }[] = [];

export function uriOf(path: string): DocUri {
  return DocUri(`file:///hostile/${path}`);
}

/** Runs the whole engine (all rules) on the files, as the CLI does; the clock covers set + update. */
export function runEngine(files: readonly HostileFile[], options: { config?: string; name?: string } = {}): EngineAnswer {
  const workspace = new Workspace({ pack: defaultPack(), today: TODAY });
  // Mocha sets Error.stackTraceLimit to Infinity; the `yaml` parser creates an Error per syntax problem
  // deep inside its recursion, and capturing thousands of frames each made a broken file of 500 nested
  // brackets take a second here while the CLI and the server (Node's default of 10 frames) take 40 ms.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 10;
  try {
    return measure(workspace, files, options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function measure(workspace: Workspace, files: readonly HostileFile[], options: { config?: string; name?: string }): EngineAnswer {
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (options.config !== undefined) workspace.setConfig({ uri: uriOf('.smsrc.yaml'), version: 1, text: options.config });
  const uris: DocUri[] = [];
  for (const file of files) {
    const uri = uriOf(file.path);
    uris.push(uri);
    workspace.setFile(uri, 1, file.text);
  }
  workspace.update();
  const findings = [...workspace.allFindings().values()].flat();
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  const wallMs = performance.now() - started;
  if (options.name) timings.push({ name: options.name, ms, wallMs });
  return { workspace, findings, ms, wallMs, uris };
}

/** The invariants of every answer: spans inside their text, syntax problems with a position, no rule crashed. */
export function assertSane(answer: EngineAnswer, label: string): void {
  const { workspace, findings } = answer;
  assert.deepEqual(workspace.ruleErrors, [], `${label}: a rule threw`);
  for (const finding of findings) {
    const text = workspace.text(finding.uri) ?? '';
    assert.ok(Number.isInteger(finding.span.start) && Number.isInteger(finding.span.end), `${label}: ${finding.code} span is not integral`);
    assert.ok(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= text.length, `${label}: ${finding.code} span ${finding.span.start}-${finding.span.end} outside the text (${text.length})`);
    assert.ok(typeof finding.message === 'string' && finding.message.length > 0, `${label}: ${finding.code} has no message`);
    if (finding.code === 'SMS001') {
      // A syntax problem has a position the editor can show: a line and a column inside the text.
      const lines = workspace.lines(finding.uri);
      assert.ok(lines, `${label}: no line index for a file with a syntax problem`);
      const position = lines.positionAt(finding.span.start);
      assert.ok(position.line >= 0 && position.character >= 0, `${label}: SMS001 without a position`);
    }
  }
}

export function assertFast(answer: EngineAnswer, label: string, budget = BUDGET_MS): void {
  assert.ok(answer.ms < budget, `${label}: answered in ${answer.ms.toFixed(0)} ms of CPU (${answer.wallMs.toFixed(0)} ms wall; budget ${budget} ms)`);
}

/** The example SMS (examples/**.yaml), read once. */
let examplesCache: HostileFile[] | undefined;
export function exampleFiles(): HostileFile[] {
  if (examplesCache) return examplesCache;
  const root = join(REPO_ROOT, 'examples');
  const out: HostileFile[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) out.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  examplesCache = out;
  return out;
}

/** Keys on Object.prototype and its own property values, to detect prototype pollution. */
export function prototypeSnapshot(): string {
  const proto = Object.prototype as Record<string, unknown>;
  return JSON.stringify(Object.getOwnPropertyNames(proto).sort().map((name) => [name, typeof proto[name]]));
}

export function printTimings(title: string): void {
  if (process.env['SMS_HARDENING_QUIET'] === '1') return;
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 8);
  if (slowest.length === 0) return;
  process.stdout.write(`      ${title}: slowest answers ${slowest.map((t) => `${t.name} ${t.ms.toFixed(0)} ms CPU (${t.wallMs.toFixed(0)} wall)`).join(', ')}\n`);
}
