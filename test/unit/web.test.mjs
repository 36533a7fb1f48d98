// The web build's language server (server/dist/browser-server.js, what VS Code for the web runs in a web
// worker) spoken to over LSP messages, in a node worker_threads Worker dressed up as a browser worker:
// postMessage/onmessage on the global scope, no setImmediate (so the bundle's MessageChannel stand-in is
// what schedules analyses), no `process`, no `require`. It must publish for a seed exactly the
// diagnostics the library computes, follow edits, answer code actions, and degrade without the
// workspace index (cross-report rules silent, list of reports empty).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { analyze, repoRoot, seedsDir } from './fixtures.mjs';

const BUNDLE = path.join(repoRoot, 'server/dist/browser-server.js');
const SEED = path.join(seedsDir, '001_21d8e222a39c5270.txt');

// Runs inside the worker: make the global scope look like a DedicatedWorkerGlobalScope, then run the
// bundle as a classic worker script (vm.runInThisContext: no module wrapper, so no `require` either).
const SHIM = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const vm = require('node:vm');
let handler = null;
parentPort.on('message', (data) => handler && handler({ data }));
Object.defineProperty(globalThis, 'onmessage', { get: () => handler, set: (value) => { handler = value; }, configurable: true });
globalThis.postMessage = (message) => parentPort.postMessage(message);
const listeners = [];
globalThis.addEventListener = (type, listener) => listeners.push({ type, listener });
globalThis.removeEventListener = () => {};
delete globalThis.setImmediate;
delete globalThis.clearImmediate;
const code = fs.readFileSync(workerData.bundle, 'utf8');
globalThis.process = undefined;
vm.runInThisContext(code, { filename: workerData.bundle });
`;

let worker;
let nextId = 1;
const pending = new Map();
const notifications = [];
const waiters = [];

function send(message) {
  worker.postMessage({ jsonrpc: '2.0', ...message });
}

function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

function notify(method, params) {
  send({ method, params });
}

/** The first notification (already received or coming) that `match` accepts. */
function notification(match, timeoutMs = 10000) {
  const found = notifications.find(match);
  if (found) {
    notifications.splice(notifications.indexOf(found), 1);
    return Promise.resolve(found);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching notification within ' + timeoutMs + ' ms')), timeoutMs);
    waiters.push({
      match,
      resolve: (message) => {
        clearTimeout(timer);
        resolve(message);
      },
    });
  });
}

function diagnosticsFor(uri, version) {
  return notification(
    (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version),
  ).then((m) => m.params.diagnostics);
}

const errors = [];

before(async () => {
  assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`);
  worker = new Worker(SHIM, { eval: true, workerData: { bundle: BUNDLE } });
  worker.on('error', (error) => errors.push(error));
  worker.on('message', (message) => {
    if (message.id !== undefined && message.method === undefined) {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else waiting?.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // A request from the server (e.g. client/registerCapability): answer so it does not wait.
      send({ id: message.id, result: null });
      return;
    }
    if (message.method === 'window/logMessage' && message.params.type === 1) errors.push(new Error(message.params.message));
    const waiter = waiters.find((w) => w.match(message));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    } else {
      notifications.push(message);
    }
  });
  const result = await request('initialize', {
    processId: null,
    rootUri: 'file:///workspace',
    workspaceFolders: [{ uri: 'file:///workspace', name: 'workspace' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  assert.equal(result.serverInfo.name, 'govreport-language-server');
  notify('initialized', {});
});

after(async () => {
  if (!worker) return;
  await request('shutdown', null).catch(() => undefined);
  notify('exit', null);
  await worker.terminate();
});

const seedText = fs.readFileSync(SEED, 'utf8');
const uri = 'file:///workspace/望湖街道2022年政府信息公开工作年度报告.govreport';

test('web worker server publishes the library diagnostics for a seed', async () => {
  const expected = analyze(seedText).diagnostics;
  assert.ok(expected.length > 0, 'the seed has findings');
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text: seedText } });
  const diagnostics = await diagnosticsFor(uri, 1);
  const simple = (list) => list.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code ?? d.rule} ${d.message}`).sort();
  assert.deepEqual(simple(diagnostics), simple(expected));
  assert.ok(diagnostics.every((d) => d.source === 'govreport'));
});

test('web worker server follows incremental edits (scheduled without setImmediate)', async () => {
  const line = seedText.split('\n').findIndex((l) => l.includes('其他法律法规禁止公开'));
  assert.ok(line >= 0);
  const character = seedText.split('\n')[line].indexOf('法律法规') + 2;
  // 法律法规 → 法律行政法规: the label-mismatch finding on that row goes away.
  notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: '行政' }],
  });
  const diagnostics = await diagnosticsFor(uri, 2);
  assert.ok(!diagnostics.some((d) => d.code === 'label-mismatch' && d.range.start.line === line));
  const text = seedText.split('\n');
  text[line] = text[line].slice(0, character) + '行政' + text[line].slice(character);
  assert.equal(diagnostics.length, analyze(text.join('\n')).diagnostics.length);
});

test('web worker server answers code actions and other requests', async () => {
  const diagnostics = analyze(seedText).diagnostics.filter((d) => d.fixes?.length);
  // Back to the original text, whose findings carry fixes.
  notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: seedText }] });
  const published = await diagnosticsFor(uri, 3);
  const withFix = published.find((d) => d.data?.fixes?.length);
  assert.ok(withFix && diagnostics.length > 0, 'a finding with a fix');
  const actions = await request('textDocument/codeAction', {
    textDocument: { uri },
    range: withFix.range,
    context: { diagnostics: [withFix], only: ['quickfix'] },
  });
  assert.ok(actions.length > 0 && actions[0].edit, 'a quick fix with an edit');
  const symbols = await request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols) && symbols.length > 0, 'an outline');
});

test('web worker server runs without the workspace index', async () => {
  // No file system in the worker: the list of an agency's reports is empty rather than an error.
  const listed = await request('workspace/executeCommand', { command: 'govreport.server.listReports', arguments: [uri] });
  assert.deepEqual(listed.reports, []);
  assert.deepEqual(errors.map(String), []);
});
