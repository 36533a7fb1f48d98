// The web extension (VS Code for the web, code-server's web worker extension host): the language server
// runs in a web worker built from server/src/browser-server.ts. The client wiring lives in
// client-common.ts, shared with the desktop build (extension.ts); this file only says how to start the
// server. It must not import Node built-ins: scripts/build.mjs bundles it for the browser and fails if so.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, State } from 'vscode-languageclient/browser';
import { activateClient, deactivateClient } from './client-common';

// The DOM's Worker as far as used here: the client's tsconfig has no DOM library, since the desktop build
// must not rely on it.
interface WorkerLike {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WorkerLike;

export function activate(context: vscode.ExtensionContext): Promise<void> {
  // Bundled by scripts/build.mjs and packaged next to the client.
  const serverUri = vscode.Uri.joinPath(context.extensionUri, 'server', 'dist', 'browser-server.js');
  return activateClient(context, (clientOptions) => {
    let worker: WorkerLike | undefined;
    const client = new LanguageClient(
      'govreport',
      'govreport',
      async () => {
        worker = await startWorker(serverUri);
        // Transports rather than the worker itself: the client recognises a worker with `instanceof
        // Worker`, which VS Code's wrapped Worker constructor in the extension host does not pass.
        const port = worker as never;
        return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
      },
      clientOptions,
    );
    // A stopped client leaves its worker running; a restart makes a new one, so end the old one.
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) worker?.terminate();
    });
    return client;
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}

/**
 * Web locations (vscode.dev, the marketplace's CDN) and file: ones are loaded by URL. An extension that
 * lives on a remote host (vscode-remote:, e.g. installed in code-server but run in the browser) cannot
 * start a worker from its URL (VS Code refuses), so the bundle is read through the workbench's file
 * system and started from a blob: URL.
 */
async function startWorker(uri: vscode.Uri): Promise<WorkerLike> {
  const options = { name: 'govreport language server' };
  if (uri.scheme === 'http' || uri.scheme === 'https' || uri.scheme === 'file') return new Worker(uri.toString(true), options);
  const code = await vscode.workspace.fs.readFile(uri);
  return new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), options);
}
