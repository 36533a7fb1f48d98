// The language server in a web worker, for VS Code for the web (client/src/browser.ts starts it). The LSP
// wiring lives in server-common.ts, shared with the Node entry server.ts; this file only creates the
// connection over the worker's messages. What needs Node is left out here: the workspace index (it reads
// the workspace folders with node:fs), so in the web the workspace rules (carry-over, similarity) see no
// other report and 列出本机关历年年报 lists none; and the .govreportrc.json files (config-files.ts, also
// node:fs), so only the settings and inline suppressions apply. Reading files through the client's file
// system (workspace.fs, over custom requests) could bring both back.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { installImmediate } from './browser-immediate';
import { logError, startServer } from './server-common';

installImmediate();

// The worker's global scope (`self`); the server's tsconfig has no WebWorker library.
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0] & EventTarget;

scope.addEventListener('error', (event: Event) => logError('govreport: uncaught exception', (event as Event & { error?: unknown }).error));
scope.addEventListener('unhandledrejection', (event: Event) => logError('govreport: unhandled rejection', (event as Event & { reason?: unknown }).reason));

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope)));
