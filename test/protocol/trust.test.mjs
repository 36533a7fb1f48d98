// Trust: govreport never uses the network and never runs another program, so it is safe in untrusted
// and virtual workspaces (package.json capabilities) and in offices whose machines are offline.
//
// Two checks, since neither alone means much:
// 1. Static, on the built bundles (what ships): no bundle loads a network client module (http, https,
//    http2, tls, dgram, dns, undici) or names fetch/XMLHttpRequest/WebSocket/EventSource/sendBeacon, and
//    none loads code by a computed name (require/import of a non-literal, eval, new Function), so the
//    list of modules below is everything the bundle can reach. `net` and `child_process` are allowed in
//    the two bundles that carry the LSP's Node transports (vscode-jsonrpc, vscode-languageclient/node):
//    the client starts the bundled server with child_process.fork and talks over node IPC; the server
//    speaks over stdio, node IPC, or a pipe/socket on this machine when an editor asks for one.
// 2. Dynamic, on those two allowances: the server (over stdio) and the CLI run with every connect,
//    listen, DNS lookup, HTTP request, fetch and child-process call trapped (no-network-hook.cjs)
//    while they analyse, index a workspace, answer the editor features and commands; no trap may fire.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initializeWorkspace, LspClient } from './lsp-client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const HOOK = path.join(here, 'no-network-hook.cjs');

const BUNDLES = {
  'client/dist/extension.js': ['net', 'child_process'],
  'client/dist/browser.js': [],
  'server/dist/server.js': ['net', 'child_process'],
  'server/dist/browser-server.js': [],
  'server/dist/cli.js': [],
  'server/dist/index.js': [],
};
const NETWORK_MODULES = ['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'undici', 'net', 'child_process', 'inspector'];
/**
 * Code compiled from strings that is known and harmless, by the bundled module it comes from (esbuild
 * marks each module with a `// node_modules/…` comment in the development build the tests run on).
 * Anything else that compiles or loads code by a computed name fails the test.
 */
const KNOWN_COMPILED = {
  // underscore's _.template, bundled whole through mammoth (Word input); mammoth never calls it.
  'node_modules/underscore/modules/template.js': /new Function\(/,
  // The setImmediate polyfill jszip (inside mammoth) loads: it returns at once where setImmediate
  // exists, as in Node; the Function is for string callbacks only.
  'node_modules/setimmediate/setImmediate.js': /new Function\(/,
};
const NETWORK_GLOBALS = /(?<![\w$.])(fetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts\s*\()/g;

describe('the built bundles', () => {
  for (const [bundle, allowed] of Object.entries(BUNDLES)) {
    test(`${bundle}: no network module, no network global, no code loaded by a computed name`, () => {
      const file = path.join(root, bundle);
      assert.ok(fs.existsSync(file), `${bundle} is not built: run npm run build first`);
      const source = fs.readFileSync(file, 'utf8');
      const modules = new Set([...source.matchAll(/(?<![\w$.])require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1].replace(/^node:/, '')));
      const reached = NETWORK_MODULES.filter((name) => modules.has(name) || [...modules].some((m) => m.startsWith(`${name}/`)));
      assert.deepEqual(reached, allowed, `${bundle} loads ${reached.join(', ') || 'nothing of'} ${NETWORK_MODULES.join('/')}`);
      assert.deepEqual([...source.matchAll(NETWORK_GLOBALS)].map((m) => m[0]), [], `${bundle} uses a network global`);
      const computed = [
        ...source.matchAll(/(?<![\w$.])require\(\s*(?!["'])[^)]{0,60}\)/g),
        ...source.matchAll(/(?<![\w$.])import\(\s*[^)]{0,60}\)/g),
        ...source.matchAll(/(?<![\w$.])(eval\s*\(|new\s+Function\s*\()/g),
      ]
        .map((m) => ({ text: m[0], module: moduleAt(source, m.index) }))
        .filter(({ text, module }) => !(KNOWN_COMPILED[module]?.test(text)))
        .map(({ text, module }) => `${text} in ${module}`);
      // A production (minified) build has no module markers to attribute the known cases; npm test builds
      // the development bundles first. After `npm run package` left minified ones, rebuild instead of
      // letting the check pass unexamined.
      assert.match(source, /^\s*\/\/ (node_modules|server|client)\//m, `${bundle} is minified: run npm run build first`);
      assert.deepEqual(computed, [], `${bundle} loads or evaluates code by a computed name`);
    });
  }
});

/** The bundled module an offset of a development bundle lies in, by esbuild's `// path` markers. */
function moduleAt(source, offset) {
  const markers = [...source.slice(0, offset).matchAll(/^\s*\/\/ ((?:node_modules|server|client)\/\S+)$/gm)];
  return markers.length > 0 ? markers[markers.length - 1][1] : '(unknown)';
}

function trapLog() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-trust-')), 'traps.log');
  fs.writeFileSync(file, '');
  return file;
}

describe('the language server with network and child processes trapped', () => {
  const log = trapLog();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-trust-ws-'));
  for (const name of fs.readdirSync(path.join(root, 'examples'))) fs.copyFileSync(path.join(root, 'examples', name), path.join(workspace, name));
  const sample = path.join(workspace, '望湖街道办事处2022年政府信息公开工作年度报告.md');
  const uri = pathToFileURL(sample).href;
  let client;

  before(async () => {
    // Inherited by the server process the client spawns (and only by it: this file runs in its own process).
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(HOOK).slice(1, -1)}`.trim();
    process.env.GOVREPORT_TRAP_LOG = log;
    client = new LspClient(path.join(root, 'server/dist/server.js'), {
      cwd: workspace,
      onRequest: (method, params) =>
        method === 'workspace/configuration' ? params.items.map(() => ({ detect: true, locale: 'auto', format: 'auto', rules: {} })) : null,
    });
    delete process.env.GOVREPORT_TRAP_LOG;
    process.env.NODE_OPTIONS = process.env.NODE_OPTIONS.replace(/\s*--require \S+no-network-hook\.cjs/, '');
    await initializeWorkspace(client, workspace, { locale: 'zh-cn', textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } });
  });

  after(() => client?.kill());

  test('analyses, indexes the workspace, answers features and commands, and never touches the network', async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text: fs.readFileSync(sample, 'utf8') } });
    const { diagnostics } = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(diagnostics.length > 0);
    await client.waitFor((m) => m.method === 'govreport/analysis' && m.params.uri === uri);
    const position = { line: 5, character: 2 };
    const document = { textDocument: { uri } };
    const requests = [
      ['textDocument/hover', { ...document, position }],
      ['textDocument/completion', { ...document, position }],
      ['textDocument/documentSymbol', document],
      ['textDocument/foldingRange', document],
      ['textDocument/codeLens', document],
      ['textDocument/formatting', { ...document, options: { tabSize: 4, insertSpaces: false } }],
      ['textDocument/codeAction', { ...document, range: diagnostics[0].range, context: { diagnostics } }],
      ['workspace/executeCommand', { command: 'govreport.server.renderTemplate', arguments: [{ format: '2021', layout: 'tab', part: 'report' }] }],
    ];
    for (const [method, params] of requests) {
      const response = await client.request(method, params);
      assert.ok(!response.error || response.error.code === -32601, `${method}: ${JSON.stringify(response.error)}`);
    }
    // The workspace index reads the other reports from disk in the background: wait until it has.
    let listed;
    for (let i = 0; i < 50; i++) {
      listed = (await client.request('workspace/executeCommand', { command: 'govreport.server.listReports', arguments: [uri] })).result;
      if ((listed?.reports?.length ?? 0) >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok((listed?.reports?.length ?? 0) >= 2, `the index did not read the workspace: ${JSON.stringify(listed)}`);
    await client.request('shutdown', null);
    client.notify('exit', null);
    const exit = await client.exited;
    assert.equal(exit.code, 0, client.stderr);
    assert.ok(fs.existsSync(`${log}.loaded`), 'the trap hook was not loaded into the server');
    assert.equal(fs.readFileSync(log, 'utf8'), '', 'the server tried to use the network or start a program');
    assert.doesNotMatch(client.stderr, /govreport trust test/);
  });
});

test('the CLI checks and fixes with network and child processes trapped', () => {
  const log = trapLog();
  const env = {
    ...process.env,
    NODE_OPTIONS: `--require ${HOOK}`,
    GOVREPORT_TRAP_LOG: log,
    LANG: 'zh_CN.UTF-8',
    NO_COLOR: '1',
  };
  const cli = path.join(root, 'server/dist/cli.js');
  for (const args of [['check', 'examples'], ['check', '--format', 'sarif', 'examples'], ['fix', '--dry-run', 'examples']]) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: 'utf8' });
    assert.ok(result.status === 0 || result.status === 1, `${args.join(' ')}: status ${result.status}\n${result.stderr}`);
    assert.ok(result.stdout.length > 0, args.join(' '));
  }
  assert.equal(fs.readFileSync(`${log}.loaded`, 'utf8').trim().split('\n').length, 3, 'the trap hook was not loaded into each CLI run');
  assert.equal(fs.readFileSync(log, 'utf8'), '', 'the CLI tried to use the network or start a program');
});

test('the hook does trap (a check of the check)', () => {
  const log = trapLog();
  const script = "require('node:https').get('https://example.invalid/'); ";
  const result = spawnSync(process.execPath, ['--require', HOOK, '-e', script], { env: { ...process.env, GOVREPORT_TRAP_LOG: log }, encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(fs.readFileSync(log, 'utf8'), /node:https\.get/);
  const spawned = spawnSync(process.execPath, ['--require', HOOK, '-e', "require('child_process').execSync('true')"], { env: { ...process.env, GOVREPORT_TRAP_LOG: log }, encoding: 'utf8' });
  assert.notEqual(spawned.status, 0);
  assert.match(fs.readFileSync(log, 'utf8'), /child_process\.execSync/);
});

test('package.json declares untrusted and virtual workspaces supported', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
  assert.equal(manifest.capabilities?.virtualWorkspaces, true);
});
