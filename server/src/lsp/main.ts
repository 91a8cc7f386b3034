// Entry point of the language server: `node dist/server.js --stdio`.
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The initial check of a large workspace allocates much short-lived garbage (each closed file's syntax
// tree), and V8's default heap growth lets the old space grow far past the live data: at 10,000
// documents the peak was 1.7 GB for ≈ 430 MB live. A smaller growth step (×1.25 after a full collection
// instead of up to ×2) keeps the peak near the live set at no measurable cost in time, and, unlike a
// hard `--max-old-space-size`, cannot crash a larger workspace (docs/performance.md, "Memory").
setFlagsFromString('--heap-growing-percent=25');

const connection = createConnection(ProposedFeatures.all);
// A bug must not take the server down with the user's session; log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`[sms] uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[sms] unhandled rejection: ${String(reason)}`));
startServer(connection, { ...(process.env['SMS_TODAY'] ? { today: process.env['SMS_TODAY'] } : {}) });
