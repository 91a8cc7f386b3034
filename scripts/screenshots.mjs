#!/usr/bin/env node
// Takes the README's screenshots in a real VS Code (code-server + headless chromium, offline; see
// scripts/e2e/README.md), driving the workbench with the keyboard like a user:
//
//   docs/images/requirements-tree.png  the Requirements view with coverage counts and a gap
//   docs/images/problems.png           the Problems panel with SMS diagnostics
//   docs/images/quick-fix.png          the quick-fix menu on unclaimed content (SMS307) in the incident process
//   docs/images/hover.png              the hover on a clause id in metadata.satisfies
//   docs/images/completion.png         completion of a service id in an SLA
//
// The hover shows status emoji: install fonts-noto-color-emoji (Debian) or they render as boxes.
// The workspace is a temp copy of examples/ with a few planted problems (below). The repo is loaded as
// the development extension (built first with `node esbuild.mjs`), or --vsix FILE.
//
// Usage: npm run screenshots [-- --only NAME[,NAME]] [--vsix FILE] [--keep] [--verbose]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureSetup } from './e2e/setup.mjs';
import { startWorkbench } from './e2e/workbench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'images');
const log = (/** @type {string} */ msg) => console.log(`screenshots: ${msg}`);

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    vsix: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});
const only = args.only ? new Set(args.only.split(',')) : null;

// --- the workspace: examples/ with planted problems ------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), 'sms-lint-shots-'));
const workspace = join(tmp, 'quillmoor-sms');
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
/** Replaces `from` by `to` in a workspace file, failing loudly when the example changed. */
function plant(/** @type {string} */ file, /** @type {string} */ from, /** @type {string} */ to) {
  const path = join(workspace, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`screenshots: ${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}
// 8.6.1 loses its claim: a missing requirement (SMS301 on the manifest; SMS307 in the incident process, quick-fix "Claim …").
plant('processes/incident-management.yaml', 'satisfies: ["8.6.1", ', 'satisfies: [');
// An SLA with a misspelled enum, an unknown key and a reference to a service that does not exist.
plant('slas/brightwater.yaml', '  status: approved\n', '  status: aproved\n');
plant('slas/brightwater.yaml', '\nspec:\n', '\nspec:\n  sla-owner: Jo Bloggs\n');
plant('slas/brightwater.yaml', 'services: [SVC-ERP, SVC-HOSTING,', 'services: [SVC-ERP, SVC-HOSTNG,');
// A new SLA target being typed: its service is still empty (completion is asked there).
plant('slas/harbourside.yaml', '\n  targets:\n', '\n  targets:\n    - id: TGT-HBS-AVAIL-ENDPOINT\n      service: \n      metric: availability\n      objective: { value: 99.5, unit: percent, comparison: at-least }\n      window: monthly\n');

/** 1-based line of the first line of `file` matching `re`. */
function lineOf(/** @type {string} */ file, /** @type {RegExp} */ re) {
  const lines = readFileSync(join(workspace, file), 'utf8').split('\n');
  const index = lines.findIndex((l) => re.test(l));
  if (index < 0) throw new Error(`screenshots: no line matching ${re} in ${file}`);
  return { line: index + 1, text: lines[index] ?? '' };
}

// --- build and start ---------------------------------------------------------------------------------
await ensureSetup();
if (!args.vsix) {
  const build = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('screenshots: node esbuild.mjs failed');
}
mkdirSync(OUT, { recursive: true });

const wb = await startWorkbench({
  workspace,
  extensionDevelopmentPath: args.vsix ? null : ROOT,
  ...(args.vsix ? { vsix: args.vsix } : {}),
  tmpDir: join(tmp, 'vscode'),
  keep: true,
  verbose: args.verbose,
  viewport: { width: 1440, height: 900 },
  settings: {
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.minimap.enabled': false,
    'editor.unicodeHighlight.ambiguousCharacters': false, // no boxes around the en dashes of the example
    'editor.quickSuggestions': { other: false, comments: false, strings: false }, // completion only on Ctrl+Space
    'editor.hover.delay': 100,
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
    'breadcrumbs.enabled': true,
  },
  log,
});
const page = wb.page;

/** Runs a command by its title through F1. */
async function command(/** @type {string} */ title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title.replace(/"/g, '\\"')}"]`, { timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
}

/** Opens a workspace file with Ctrl+P and waits for its editor tab. */
async function open(/** @type {string} */ file) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(file);
  const name = file.split('/').pop() ?? file;
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`);
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines');
}

/** Ctrl+G line:column in the active editor. */
async function goTo(/** @type {number} */ line, /** @type {number} */ column) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
}

async function shot(/** @type {string} */ name, /** @type {string} */ caption) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  log(`${path.slice(ROOT.length + 1)}: ${caption}`);
}

const want = (/** @type {string} */ name) => !only || only.has(name);

try {
  // The extension starts on the first YAML file; the Requirements view shows the coverage once the
  // workspace is indexed (its root row reads "N/366 · P %").
  await open('sms.yaml');
  await command('SMS: Show coverage');
  const view = '.part.sidebar';
  await page.waitForSelector(`${view} .monaco-list-row:has-text("/366")`, { timeout: 90_000 });
  await page.waitForSelector(`${view} .monaco-list-row:has-text("355/366")`, { timeout: 60_000 });

  // A wider side bar, so that the tree's labels and counts are not cut off: drag its sash.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + 560, y, { steps: 10 });
    await page.mouse.up();
  }

  if (want('requirements-tree')) {
    // Expand clause 8 and its heading 8.6, where the gap (8.6.1) is.
    await page.click(`${view} .monaco-list-row:has-text("8 Operation of the service management system")`);
    await page.waitForSelector(`${view} .monaco-list-row:has-text("8.6 Resolution and fulfilment")`);
    await page.click(`${view} .monaco-list-row:has-text("8.6 Resolution and fulfilment")`);
    await page.waitForSelector(`${view} .monaco-list-row:has-text("8.6.1 Incident management")`);
    await page.click(`${view} .monaco-list-row:has-text("8.6.1 Incident management")`);
    await page.waitForSelector(`${view} .monaco-list-row:has-text("8.6.1-a")`);
    await page.mouse.move(5, 700); // away from anything with a tooltip
    await shot('requirements-tree', 'The Requirements view: clauses 4–10 of ISO/IEC 20000-1:2018 with evidenced/total counts; 8.6.1 Incident management is a gap (0/11: no document claims it), its requirements listed with their paraphrases, and the gap offers "Create document" (the icon on the selected row).');
  }

  if (want('problems')) {
    await open('slas/brightwater.yaml');
    await command('View: Focus Problems');
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("SMS104")', { timeout: 30_000 });
    await page.waitForSelector('.markers-panel .monaco-list-row:has-text("SMS202")', { timeout: 30_000 });
    await shot('problems', 'The Problems panel with SMS diagnostics, also for files that are not open: a misspelled status (SMS104, with a quick-fix), an unknown key (SMS101), a reference to a service that does not exist (SMS202), an empty value (SMS103) and the uncovered subclause 8.6.1 on the manifest (SMS301) with its missing requirements.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+J'); // hide the panel again
  }

  if (want('quick-fix')) {
    await open('processes/incident-management.yaml');
    const { line, text } = lineOf('processes/incident-management.yaml', /^ {2}satisfies:/);
    await goTo(line, text.indexOf('satisfies') + 2);
    await page.waitForSelector('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info, .monaco-editor .squiggly-error');
    await page.mouse.move(5, 700);
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget .monaco-list-row:has-text("Claim 8.6.1")', { timeout: 30_000 });
    await shot('quick-fix', 'The quick-fix menu in the incident process, which holds the content of 8.6.1 but does not claim it (SMS307; the manifest reports 8.6.1 as uncovered and links here): claim it in this document (or disable the rule for the line).');
    await page.keyboard.press('Escape');
  }

  if (want('hover')) {
    await open('processes/service-request-management.yaml');
    const { line, text } = lineOf('processes/service-request-management.yaml', /^ {2}satisfies:/);
    await goTo(line, text.indexOf('8.6.2') + 2);
    await page.mouse.move(5, 700);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.waitForSelector('.monaco-hover:has-text("8.6.2-a")', { timeout: 30_000 });
    await shot('hover', 'Hover on a clause id in metadata.satisfies: the subclause title, the paraphrase of each requirement with its live status, and links to the evidence.');
    await page.keyboard.press('Escape');
  }

  if (want('completion')) {
    await open('slas/harbourside.yaml');
    const { line, text } = lineOf('slas/harbourside.yaml', /^ {6}service: $/);
    await goTo(line, text.length + 1);
    await page.keyboard.press('End');
    await page.mouse.move(5, 700);
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible .monaco-list-row:has-text("SVC-EMAIL")', { timeout: 30_000 });
    await shot('completion', 'Completion at the service of a new SLA target: the service ids of the catalogue, with their names.');
    await page.keyboard.press('Escape');
  }
} finally {
  await wb.close();
  if (args.keep) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
