// Starts a real VS Code workbench offline: code-server (VS Code server + web UI, on Node 24) on a
// free loopback port, and Debian's chromium driven by playwright-core. Used by run.mjs (mocha suite
// in the extension host) and meant for scripts that drive the UI with the keyboard and take
// screenshots:
//
//   import { startWorkbench } from './scripts/e2e/workbench.mjs';
//   const wb = await startWorkbench({ workspace: '/tmp/ws', extensionDevelopmentPath: process.cwd() });
//   try {
//     await wb.page.keyboard.press('Control+P'); …
//     await wb.page.screenshot({ path: 'shot.png' });
//   } finally {
//     await wb.close();
//   }
//
// Everything code-server and chromium write (user data, extensions, config, XDG dirs, TMPDIR, logs)
// goes into one temp folder, removed by close() unless `keep` is set.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24, codeServerVersions, node24Env, since } from './common.mjs';

/** Flags that work for Debian's chromium here (see README): headless as root, and no network chatter. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings that keep the workbench quiet and deterministic (no tips, updates or AI panes). */
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // the (empty) chat side bar
};

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Last lines of a log file, for error messages. */
function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** `vscode-remote://host:port/abs/path`: how the browser workbench names a file on the server. */
function remoteUri(authority, absPath) {
  return `vscode-remote://${authority}${absPath.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * @typedef {object} WorkbenchOptions
 * @property {string} workspace Folder to open (used in place: copy it first if tests may change it).
 * @property {string | null} [extensionDevelopmentPath] Extension folder loaded as in F5 debugging;
 *   null/omitted when the extension comes from `vsix` (or is not needed). With extensionTestsPath
 *   and no extensionDevelopmentPath an empty stand-in extension is used (VS Code needs one).
 * @property {string} [extensionTestsPath] Compiled suite entry (exports run()); runs the suite on start.
 * @property {Record<string, string>} [extensionEnvironment] Extra env vars for the extension host.
 * @property {string} [vsix] A .vsix installed into the temp extensions dir before the server starts.
 * @property {Record<string, Function>} [expose] Functions exposed on the page
 *   (window.NAME) before the workbench loads, e.g. codeAutomationLog / codeAutomationExit.
 * @property {Record<string, unknown>} [settings] User settings, merged over DEFAULT_SETTINGS.
 * @property {boolean} [waitForWorkbench=true] Resolve only once the workbench DOM is there.
 * @property {{ width: number, height: number }} [viewport] Page size (default 1600×1000).
 * @property {string} [tmpDir] Where to put the state (default: a new folder in the OS temp dir).
 * @property {boolean} [keep] Keep tmpDir on close().
 * @property {boolean} [verbose] Also print code-server's output and the browser console.
 * @property {(msg: string) => void} [log] Progress messages (default console.log with a prefix).
 */

/**
 * @param {WorkbenchOptions} opts
 * @returns {Promise<{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext,
 *   url: string, port: number, tmpDir: string, codeServerLog: string,
 *   versions: { codeServer: string, vscode: string }, serverExited: Promise<number | null>, close: () => Promise<void> }>}
 */
export async function startWorkbench(opts) {
  const log = opts.log ?? ((msg) => console.log(`[workbench] ${msg}`));
  for (const [path, what] of [[NODE24, 'Node 24'], [CODE_SERVER_ENTRY, 'code-server'], [CHROMIUM, 'chromium']]) {
    if (!existsSync(path)) throw new Error(`${what} is not installed (${path}): run npm run test:e2e:setup`);
  }
  const versions = codeServerVersions() ?? { codeServer: '?', vscode: '?' };
  const workspace = resolve(opts.workspace);
  if (!existsSync(workspace)) throw new Error(`workspace folder ${workspace} does not exist`);

  // --- one temp folder for all state -------------------------------------------------------
  const tmpDir = opts.tmpDir ?? mkdtempSync(join(tmpdir(), 'sms-lint-workbench-'));
  const dirs = {
    userData: join(tmpDir, 'user-data'),
    extensions: join(tmpDir, 'extensions'),
    xdgConfig: join(tmpDir, 'xdg', 'config'),
    xdgData: join(tmpDir, 'xdg', 'data'),
    xdgCache: join(tmpDir, 'xdg', 'cache'),
    xdgState: join(tmpDir, 'xdg', 'state'),
    tmp: join(tmpDir, 'tmp'),
    browserProfile: join(tmpDir, 'chromium', 'profile'),
    browserConfig: join(tmpDir, 'chromium', 'config'),
    browserCache: join(tmpDir, 'chromium', 'cache'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    `${JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2)}\n`,
  );
  const configFile = join(tmpDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const codeServerLog = join(tmpDir, 'code-server.log');

  // Without the XDG_* and TMPDIR variables code-server writes into the home folder.
  const env = node24Env({
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_STATE_HOME: dirs.xdgState,
    TMPDIR: dirs.tmp,
  });
  // Inside a VS Code terminal these make code-server hand the folder to that VS Code instead of
  // starting a server; ELECTRON_RUN_AS_NODE likewise belongs to the outer editor.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  const commonArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', configFile];

  /** @type {(() => Promise<void>)[]} run in reverse order by close() */
  const cleanups = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        // best effort: the next cleanup must still run
      }
    }
    if (!opts.keep) rmSync(tmpDir, { recursive: true, force: true });
    else if (!opts.tmpDir) log(`kept ${tmpDir}`); // a caller-supplied tmpDir is the caller's to report
  };

  try {
    // --- optional .vsix ------------------------------------------------------------------------
    if (opts.vsix) {
      const t = performance.now();
      const vsix = resolve(opts.vsix);
      if (!existsSync(vsix)) throw new Error(`--vsix file ${vsix} does not exist`);
      const r = spawnSync(NODE24, [CODE_SERVER_ENTRY, ...commonArgs, '--install-extension', vsix], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
      if (r.status !== 0 || !/successfully installed/i.test(output)) {
        throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status ?? r.signal}): ${output.split('\n').slice(-5).join(' | ')}`);
      }
      log(`installed ${vsix} in ${since(t)}`);
    }

    // --- code-server ---------------------------------------------------------------------------
    const t = performance.now();
    const port = await freePort();
    const authority = `127.0.0.1:${port}`;
    const out = createWriteStream(codeServerLog);
    const server = spawn(
      NODE24,
      [
        CODE_SERVER_ENTRY,
        '--bind-addr', authority,
        '--auth', 'none',
        ...commonArgs,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        // Without it a release build ignores extensionDevelopmentPath/extensionTestsPath in the payload.
        '--vscode-option', 'enable-smoke-test-driver',
        workspace,
      ],
      // Own process group, so close() can end the server with its extension host, pty host and
      // watchers in one kill.
      { env, cwd: tmpDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [server.stdout, server.stderr]) {
      stream.pipe(out, { end: false });
      if (opts.verbose) stream.on('data', (d) => process.stdout.write(`[code-server] ${d}`));
    }
    /** @type {Promise<number | null>} resolves with the exit code when the server ends */
    const serverExited = new Promise((resolveExit) => server.on('exit', (code) => resolveExit(code)));
    const killServerNow = () => {
      try {
        if (server.pid) process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    // Safety net: even if the caller exits without close(), no server is left running.
    process.on('exit', killServerNow);
    cleanups.push(async () => {
      process.off('exit', killServerNow);
      if (server.exitCode === null && server.signalCode === null && server.pid) {
        try {
          process.kill(-server.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timer = setTimeout(killServerNow, 5000);
        await serverExited;
        clearTimeout(timer);
      }
      killServerNow(); // children that outlived the server in its group
      out.end();
    });

    // Ready = /healthz answers. Short polls only; fail fast if the server dies.
    let serverDied = false;
    serverExited.then(() => (serverDied = true));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (serverDied) throw new Error(`code-server exited during startup:\n${tail(codeServerLog)}`);
      if (Date.now() > deadline) throw new Error(`code-server did not answer on ${authority} within 60 s:\n${tail(codeServerLog)}`);
      try {
        const res = await fetch(`http://${authority}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`code-server ${versions.codeServer} (VS Code ${versions.vscode}) ready on ${authority} in ${since(t)}`);

    // --- chromium --------------------------------------------------------------------------------
    const tb = performance.now();
    const { chromium } = await import('playwright-core');
    // A persistent context is the way to give chromium a user-data-dir of our choosing; signals
    // are handled by the caller (close()), playwright still kills the browser if we exit.
    const context = await chromium.launchPersistentContext(dirs.browserProfile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: opts.viewport ?? { width: 1600, height: 1000 },
      // Debian's chromium otherwise writes crash reports and caches under ~/.config and ~/.cache.
      env: { ...process.env, XDG_CONFIG_HOME: dirs.browserConfig, XDG_CACHE_HOME: dirs.browserCache, TMPDIR: dirs.tmp },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    cleanups.push(async () => {
      await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleLog = createWriteStream(join(tmpDir, 'browser-console.log'));
    cleanups.push(async () => consoleLog.end());
    page.on('console', (msg) => {
      consoleLog.write(`[${msg.type()}] ${msg.text()}\n`);
      if (opts.verbose) console.log(`[browser ${msg.type()}] ${msg.text()}`);
    });
    page.on('pageerror', (err) => consoleLog.write(`[pageerror] ${err.message}\n`));
    for (const [name, fn] of Object.entries(opts.expose ?? {})) await page.exposeFunction(name, fn);
    log(`chromium started in ${since(tb)}`);

    // --- open the workbench ----------------------------------------------------------------------
    /** @type {[string, string][]} */
    const payload = [];
    let developmentPath = opts.extensionDevelopmentPath ? resolve(opts.extensionDevelopmentPath) : null;
    if (!developmentPath && opts.extensionTestsPath) {
      // VS Code runs extensionTestsPath only in an extension-development window (the extension
      // host throws "Cannot load test runner" otherwise). When the extension under test is an
      // installed .vsix, an empty stand-in with another id is the development extension, so the
      // installed extension is the one that runs.
      developmentPath = join(tmpDir, 'e2e-harness');
      mkdirSync(developmentPath, { recursive: true });
      writeFileSync(
        join(developmentPath, 'package.json'),
        `${JSON.stringify({ name: 'e2e-harness', publisher: 'sms-lint-e2e', version: '0.0.0', engines: { vscode: '*' } }, null, 2)}\n`,
      );
    }
    if (developmentPath) payload.push(['extensionDevelopmentPath', remoteUri(authority, developmentPath)]);
    if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(authority, resolve(opts.extensionTestsPath))]);
    if (opts.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(opts.extensionEnvironment)]);
    let url = `http://${authority}/?folder=${encodeURIComponent(workspace)}`;
    if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const tw = performance.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (opts.waitForWorkbench ?? true) {
      await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
      // The status bar shows before the workbench takes keys (a Ctrl+P sent then is lost); once
      // the lazily loaded code has arrived (no HTTP requests for 500 ms) it does.
      await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
      log(`workbench loaded in ${since(tw)}`);
    }

    return { page, context, url, port, tmpDir, codeServerLog, versions, serverExited, close };
  } catch (err) {
    await close();
    throw err;
  }
}
