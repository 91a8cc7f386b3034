// The language server over stdio, as an editor drives it (same JSON-RPC approach as test/support/lsp.ts):
// initialize → every document indexed, checked and published (sms/status indexing:false) → coverage
// tree; then one-character edits in the 2,000-line document and the time to its new diagnostics; the
// peak RSS of the server process (VmHWM).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import rpc from 'vscode-jsonrpc/node';
import { REPO_ROOT } from './generate.mjs';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;

function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Runs one server session on `folder`. With `edits` > 0, edits `editFile` (relative to folder)
 * that many times after indexing. Returns timings in ms and the peak RSS in MB.
 */
export async function benchServer({ folder, today, edits = 0, editFile, timeoutMs = 10 * 60 * 1000, serverArgs = [], serverPath = join(REPO_ROOT, 'dist', 'server.js') }) {
  const child = spawn(process.execPath, [...serverArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SMS_TODAY: today } });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map(); // uri → { version, count, at }
  const waiters = [];
  let indexedAt;
  let publishCount = 0;
  const poke = () => {
    for (const waiter of [...waiters]) if (waiter.check()) waiters.splice(waiters.indexOf(waiter), 1), waiter.resolve();
  };
  const waitFor = (check, what, ms = timeoutMs) =>
    check()
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderr.join('').slice(-1500)}`)), ms);
          waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
        });
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    publishCount++;
    published.set(params.uri, { version: params.version, count: params.diagnostics.length, at: performance.now() });
    poke();
  });
  connection.onNotification('sms/status', (params) => {
    if (process.env.BENCH_DEBUG) console.error(Math.round(performance.now() - started), 'sms/status', JSON.stringify(params));
    if (params.indexing === false && indexedAt === undefined) indexedAt = performance.now();
    poke();
  });
  connection.onNotification((method, params) => { if (process.env.BENCH_DEBUG) console.error(Math.round(performance.now() - started), method, JSON.stringify(params).slice(0, 200)); });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  const rootUri = pathToFileURL(folder).href;
  const started = performance.now();
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    await connection.sendNotification('initialized', {});
    await waitFor(() => indexedAt !== undefined, 'the workspace to be indexed and checked');
    const indexedMs = indexedAt - started;
    const publishedUris = published.size;
    // Peak so far: the check of every file, before the coverage tree (one large response) is built.
    const rssAfterCheckMb = peakRssMb(child.pid);
    const coverageStart = performance.now();
    const tree = await connection.sendRequest('sms/coverageTree', { folderUri: rootUri });
    const coverageTreeMs = performance.now() - coverageStart;
    const coverageTreeBytes = JSON.stringify(tree ?? null).length;
    const result = { indexedMs, coverageTreeMs, coverageTreeBytes, publishedUris, publishCount, rssAfterCheckMb, rssAfterIndexMb: peakRssMb(child.pid) };

    if (edits > 0 && editFile) {
      const uri = pathToFileURL(join(folder, editFile)).href;
      const text = readFileSync(join(folder, editFile), 'utf8');
      const lines = text.split('\n');
      // A key in the middle of the document: inserting one character makes it an unknown property,
      // deleting it makes the document valid again, so each edit changes the diagnostics.
      let line = Math.floor(lines.length / 2);
      while (line < lines.length && !/^\s+title: /.test(lines[line])) line++;
      if (line >= lines.length) throw new Error(`no "title:" key after the middle of ${editFile}`);
      const character = lines[line].indexOf('title') + 'title'.length;
      let version = 1;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
      await sleep(200);
      const latencies = [];
      for (let i = 0; i < edits; i++) {
        version++;
        const insert = i % 2 === 0;
        const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
        const sent = performance.now();
        const expected = version;
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
        await waitFor(() => published.get(uri)?.version === expected, `diagnostics of version ${expected}`, 30000);
        const got = published.get(uri);
        latencies.push(got.at - sent);
        if ((got.count > 0) !== insert) throw new Error(`edit ${i}: expected ${insert ? 'a finding' : 'no finding'}, got ${got.count}`);
        await sleep(30); // a typist's pause
      }
      result.edit = { file: editFile, line: line + 1, edits, medianMs: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95), maxMs: Math.max(...latencies), minMs: Math.min(...latencies) };
    }
    result.peakRssMb = peakRssMb(child.pid);
    return result;
  } finally {
    try {
      await Promise.race([connection.sendRequest('shutdown'), sleep(3000)]);
      void connection.sendNotification('exit');
    } catch {
      // gone
    }
    connection.dispose();
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(3000)]);
    if (child.exitCode === null) child.kill();
  }
}
