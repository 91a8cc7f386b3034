// Entry point of the language server: `node dist/server.js --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// A bug must not take the server down with the user's session; log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`[sms] uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[sms] unhandled rejection: ${String(reason)}`));
startServer(connection, { ...(process.env['SMS_TODAY'] ? { today: process.env['SMS_TODAY'] } : {}) });
