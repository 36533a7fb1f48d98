// A tiny JSON-RPC/LSP client for protocol tests: spawns the server over stdio, frames messages with
// Content-Length, matches responses to requests, answers the server's requests, and lets a test wait
// for notifications.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export class LspClient {
  /**
   * @param {string} serverPath path of server/dist/server.js
   * @param {{ onRequest?: (method: string, params: any) => any, cwd?: string }} [options]
   */
  constructor(serverPath, options = {}) {
    this.onRequest = options.onRequest ?? (() => null);
    this.nextId = 1;
    this.pending = new Map();
    /** @type {any[]} every notification received, in order */
    this.notifications = [];
    this.waiters = [];
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.child = spawn(process.execPath, [serverPath, '--stdio'], {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (chunk) => {
      this.stderr += chunk.toString('utf8');
    });
    // A write after the server died must fail the test through the exit code, not crash the runner.
    this.child.stdin.on('error', () => {});
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /content-length:\s*(\d+)/i.exec(header);
      if (!match) throw new Error(`bad header from server: ${header}`);
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id);
      if (pending) {
        this.pending.delete(message.id);
        pending.resolve(message);
      }
      return;
    }
    if (message.id !== undefined) {
      // A request from the server.
      Promise.resolve()
        .then(() => this.onRequest(message.method, message.params))
        .then(
          (result) => this.send({ jsonrpc: '2.0', id: message.id, result: result ?? null }),
          (error) => this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: String(error) } }),
        );
      return;
    }
    this.notifications.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        waiter.resolve(message);
      }
    }
  }

  /** Writes raw bytes (for malformed-input tests). */
  writeRaw(data) {
    this.child.stdin.write(data);
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Sends a request; resolves with the whole response message ({ result } or { error }). */
  request(method, params, timeoutMs = 10000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timeout waiting for response to ${method}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /**
   * Resolves with the first notification (already received after `since`, or arriving later) that
   * matches. `since` is an index into `notifications`, so a test can ignore what came before.
   */
  waitFor(predicate, { since = 0, timeoutMs = 10000, what = 'notification' } = {}) {
    const earlier = this.notifications.slice(since).find(predicate);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve, timer: undefined };
      waiter.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timeout waiting for ${what}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Waits for publishDiagnostics of `uri`, optionally for one document version. */
  waitForDiagnostics(uri, { version, since = 0, timeoutMs } = {}) {
    return this.waitFor(
      (m) =>
        m.method === 'textDocument/publishDiagnostics' &&
        m.params.uri === uri &&
        (version === undefined || m.params.version === version),
      { since, timeoutMs, what: `diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}` },
    ).then((m) => m.params);
  }

  kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

/**
 * The server's dynamic registration of workspace/didChangeWatchedFiles among `registrations` (the
 * client/registerCapability requests a test collected), polled for up to two seconds: it is a request
 * the server sends after `initialized`, not something the test can wait on directly. Undefined if none.
 */
export async function watcherRegistration(registrations) {
  const find = () => registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles');
  for (let i = 0; i < 100 && !find(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return find();
}

/**
 * Initialises `client` as an editor with one workspace folder open (the server then indexes it and
 * watches its files): the workspace capabilities that needs, plus `workspace` and `textDocument`
 * capabilities of the test's own. Sends `initialized` and resolves with the server's capabilities;
 * an initialize error fails the test.
 */
export async function initializeWorkspace(client, folder, { locale = 'zh-CN', workspace = {}, textDocument = {} } = {}) {
  const uri = pathToFileURL(folder).href;
  const response = await client.request('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: path.basename(folder) }],
    locale,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, ...workspace },
      textDocument,
    },
  });
  if (response.error !== undefined || !response.result) throw new Error(`initialize failed: ${JSON.stringify(response.error)}`);
  client.notify('initialized', {});
  return response.result.capabilities;
}
