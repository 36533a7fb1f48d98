// The desktop extension: the language server runs as a Node process next to the extension host.
// The client wiring (commands, restarts, output) lives in client-common.ts, shared with the web
// build (browser.ts); this file only says how to start the server.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { languageServerExecArgv } from '../../server/src/launch';
import { activateClient, deactivateClient } from './client-common';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  // The server is bundled next to the client by scripts/build.mjs; the packaged .vsix ships no node_modules.
  const serverModule = context.asAbsolutePath(path.join('server', 'dist', 'server.js'));
  // V8's background threads sized to the machine (server/src/launch.ts says why).
  const execArgv = languageServerExecArgv(os.availableParallelism?.() ?? os.cpus().length);
  const serverOptions: ServerOptions = {
    // IPC rather than stdio: a stray console.log in the server cannot corrupt the protocol stream.
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...execArgv, '--nolazy', '--inspect=6009'] },
    },
  };

  return activateClient(context, (clientOptions) => new LanguageClient('govreport', 'govreport', serverOptions, clientOptions));
}

export function deactivate(): Promise<void> {
  // Ask the server to shut down (it gets a moment to exit) before VS Code unloads the extension.
  return deactivateClient();
}
