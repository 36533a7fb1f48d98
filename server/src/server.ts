// The language server for Node (stdio, node IPC as VS Code uses it, sockets, pipes: chosen by argv).
// LSP wiring lives in server-common.ts, shared with the web worker entry browser-server.ts: put
// handlers, settings and caching there; this file only creates the connection and hands in the
// Node-only parts (the workspace index reading files with node:fs, stderr, process error hooks).
import {
  AbstractMessageWriter,
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  type Connection,
  type Message,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { inspect } from 'node:util';
import { ResyncingFramer } from './framing';
import { CONFIG_WATCH_GLOB, ConfigFiles } from './config-files';
import { logError, startServer } from './server-common';
import { registerImport } from './import';
import { listReports, WATCH_GLOB, WorkspaceIndex } from './workspace';

/**
 * Writes the messages of one turn of the event loop to stdout in one piece. vscode-jsonrpc's stream
 * writer writes a message's header and its body separately, and writes to a pipe are synchronous on
 * Linux and macOS: every message cost two system calls, and on a keystroke (the diagnostics and
 * govreport/analysis, sent together) those four were a fifth of the server's time. Now the frames
 * queued while the current code runs go out in one write, in call order, at the end of its turn.
 */
class StdoutMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;
  private queued: { frame: Buffer; message: Message; resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let frame: Buffer;
    try {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      const header = Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii');
      frame = Buffer.concat([header, body], header.length + body.length);
    } catch (error) {
      this.fireError(error, message, ++this.errorCount);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      if (this.queued.length === 0) queueMicrotask(() => this.flush());
      this.queued.push({ frame, message, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.queued;
    this.queued = [];
    const data = batch.length === 1 ? batch[0].frame : Buffer.concat(batch.map((entry) => entry.frame));
    this.output.write(data, (error?: Error | null) => {
      for (const entry of batch) {
        if (!error) {
          entry.resolve();
          continue;
        }
        this.fireError(error, entry.message, ++this.errorCount);
        entry.reject(error);
      }
    });
  }

  end(): void {
    if (this.queued.length > 0) this.flush();
    this.output.end();
  }
}

/**
 * Over stdio, input passes through the resynchronising framer (framing.ts), so stray bytes or a wrong
 * Content-Length cost one message instead of the connection. Other transports (node IPC, which VS Code
 * uses, sockets, pipes) are picked from argv by createConnection as before.
 */
function createServerConnection(): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const framer = new ResyncingFramer((bytes, reason) => logError(`govreport: dropped ${bytes} bytes of input (${reason})`));
  process.stdin.on('error', (error) => logError('govreport: reading stdin failed', error));
  process.stdin.pipe(framer);
  const created = createConnection(ProposedFeatures.all, new StreamMessageReader(framer), new StdoutMessageWriter(process.stdout));
  // createConnection only keeps console output off stdout (the protocol channel) when it opens stdio
  // itself; here that is done by hand.
  const format = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => created.console.log(format(args));
  console.warn = (...args: unknown[]) => created.console.warn(format(args));
  console.error = (...args: unknown[]) => created.console.error(format(args));
  return created;
}

process.on('uncaughtException', (error) => logError('govreport: uncaught exception', error));
process.on('unhandledRejection', (reason) => logError('govreport: unhandled rejection', reason));

const connection = createServerConnection();
// govreport/import (Word files and web pages as report text): Node only, since mammoth reads the Word files.
registerImport(connection, logError);

startServer(connection, {
  workspace: (host) => {
    const index = new WorkspaceIndex(host);
    return { index, watchGlob: WATCH_GLOB, listReports: (argument) => listReports(index, argument) };
  },
  fallbackLog: (text) => process.stderr.write(text + '\n'),
  configFiles: (host) => ({ files: new ConfigFiles(host), watchGlob: CONFIG_WATCH_GLOB }),
});
