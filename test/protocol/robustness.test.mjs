// The language server under abuse (issue 5, limits): malformed JSON-RPC on stdin (stray bytes, wrong
// Content-Length, invalid JSON, JSON that is no message), unknown methods, requests for documents it
// never saw, documents over the size cap, versions that go stale while they are analysed, cancelled
// requests, and fix-all over LSP. After each abuse the server must still be alive and answer correctly.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');
const library = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));
const sampleText = readFileSync(path.join(repoRoot, 'examples/望湖街道办事处2022年政府信息公开工作年度报告.md'), 'utf8');
const uri = (name) => pathToFileURL(path.join(repoRoot, 'test-output', 'robustness', name)).href;

const RANGE0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const ARITHMETIC = new Set(['row-total', 'result-total', 'group-total', 'balance', 'review-total']);

/** Settings by a marker in the document's uri. */
function settingsFor(scopeUri) {
  if (scopeUri?.includes('tiny-cap')) return { maxFileSize: 1000 };
  return {};
}

/** Offset of an LSP position in text with \n line ends. */
function offsetAt(text, position) {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

function applyEdits(text, edits) {
  const resolved = edits.map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }));
  resolved.sort((a, b) => b.start - a.start);
  for (let i = 1; i < resolved.length; i++) assert.ok(resolved[i].end <= resolved[i - 1].start, 'fix-all edits overlap');
  for (const edit of resolved) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  return text;
}

describe('language server robustness', () => {
  let client;
  let capabilities;

  before(async () => {
    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) => {
        if (method === 'workspace/configuration') return params.items.map((item) => (item.section === 'govreport' ? settingsFor(item.scopeUri) : null));
        return null;
      },
    });
    const response = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repoRoot).href,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        },
      },
    });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    capabilities = response.result.capabilities;
    client.notify('initialized', {});
  });

  after(() => client?.kill());

  /** The server is alive and answers a well-formed request about an open document correctly. */
  async function assertHealthy(what) {
    assert.equal(client.child.exitCode, null, `server exited after ${what}`);
    const response = await client.request('textDocument/codeAction', {
      textDocument: { uri: uri('healthy.govreport') },
      range: RANGE0,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(response.error, undefined, `${what}: ${JSON.stringify(response.error)}`);
    assert.ok(Array.isArray(response.result) && response.result.length === 1, `${what}: ${JSON.stringify(response.result)}`);
  }

  test('a report to check health with', async () => {
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: uri('healthy.govreport'), languageId: 'govreport', version: 1, text: sampleText } });
    await client.waitForDiagnostics(uri('healthy.govreport'), { since });
    await assertHealthy('opening a report');
  });

  const frame = (body) => {
    const bytes = Buffer.from(body, 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
  };
  const request = (id, method, params = {}) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

  const malformed = {
    'stray bytes with no header': Buffer.from('hello there\0\xff\xfe garbage'),
    'binary noise': Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) % 256)),
    'a header block without Content-Length': Buffer.from('Content-Type: application/json\r\nX-Junk: 1\r\n\r\n{"jsonrpc":"2.0"}'),
    'a Content-Length that is not a number': Buffer.from('Content-Length: lots\r\n\r\n{}'),
    'a header line without a colon': Buffer.from('this is not a header\r\n\r\n'),
    'invalid JSON': frame('{"jsonrpc": "2.0", "id": 9001, "method": '),
    'JSON that is no message': Buffer.concat([frame('42'), frame('[]'), frame('null'), frame('{}'), frame('"text"')]),
    'a Content-Length too short': (() => {
      const body = Buffer.from(request(9002, 'textDocument/codeAction'), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length - 7}\r\n\r\n`, 'ascii'), body]);
    })(),
    // The next message (the health check) starts inside the declared body: the framer cuts the frame
    // there instead of swallowing the health check.
    'a Content-Length too long': (() => {
      const body = Buffer.from(request(9003, 'textDocument/hover'), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length + 500}\r\n\r\n`, 'ascii'), body]);
    })(),
    'a negative or huge Content-Length': Buffer.from('Content-Length: -5\r\n\r\nContent-Length: 99999999999999999999\r\n\r\n'),
    'a request with params of the wrong shape': Buffer.concat([
      frame(request(9004, 'textDocument/codeAction', null)),
      frame(JSON.stringify({ jsonrpc: '2.0', id: 9005, method: 'textDocument/codeAction', params: { textDocument: 7, context: 'x' } })),
      frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 42 }, contentChanges: 'nope' } })),
      frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: null })),
    ]),
    'one byte at a time': Buffer.from('x\r\n\r\nContent-Length: 3\r\n\r\n{}}'),
  };

  for (const [name, bytes] of Object.entries(malformed)) {
    test(`survives ${name}`, async () => {
      if (name === 'one byte at a time') {
        for (const byte of bytes) client.writeRaw(Buffer.from([byte]));
      } else client.writeRaw(bytes);
      await assertHealthy(name);
    });
  }

  test('answers an unknown request with MethodNotFound and ignores an unknown notification', async () => {
    client.notify('govreport/noSuchNotification', { x: 1 });
    const response = await client.request('govreport/noSuchMethod', { x: 1 });
    assert.equal(response.error?.code, -32601, JSON.stringify(response));
    await assertHealthy('unknown methods');
  });

  test('answers requests about a document it never saw with empty answers, not errors', async () => {
    const unseen = { uri: uri('never-opened.govreport') };
    const position = { line: 0, character: 0 };
    const requests = {
      codeActionProvider: ['textDocument/codeAction', { textDocument: unseen, range: RANGE0, context: { diagnostics: [] } }],
      hoverProvider: ['textDocument/hover', { textDocument: unseen, position }],
      completionProvider: ['textDocument/completion', { textDocument: unseen, position }],
      documentSymbolProvider: ['textDocument/documentSymbol', { textDocument: unseen }],
      foldingRangeProvider: ['textDocument/foldingRange', { textDocument: unseen }],
      codeLensProvider: ['textDocument/codeLens', { textDocument: unseen }],
      documentFormattingProvider: ['textDocument/formatting', { textDocument: unseen, options: { tabSize: 4, insertSpaces: true } }],
      documentRangeFormattingProvider: ['textDocument/rangeFormatting', { textDocument: unseen, range: RANGE0, options: { tabSize: 4, insertSpaces: true } }],
    };
    let asked = 0;
    for (const [capability, [method, params]] of Object.entries(requests)) {
      if (!capabilities[capability]) continue; // only what the server announces
      asked++;
      const response = await client.request(method, params);
      assert.equal(response.error, undefined, `${method}: ${JSON.stringify(response.error)}`);
      const result = response.result;
      const empty = result === null || (Array.isArray(result) && result.length === 0) || (Array.isArray(result?.items) && result.items.length === 0);
      assert.ok(empty, `${method} answered ${JSON.stringify(result)}`);
    }
    assert.ok(asked >= 1);
    // Changing or closing a document that was never opened is ignored too.
    client.notify('textDocument/didChange', { textDocument: { uri: unseen.uri, version: 2 }, contentChanges: [{ text: 'x' }] });
    client.notify('textDocument/didClose', { textDocument: unseen });
    await assertHealthy('requests for an unseen document');
  });

  test('a document over the size cap gets one info finding and no analysis', async () => {
    // The cap from the settings (1,000 characters for this uri) …
    const capped = uri('tiny-cap.govreport');
    let since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: capped, languageId: 'govreport', version: 1, text: sampleText } });
    let published = await client.waitForDiagnostics(capped, { since });
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
    assert.equal(published.diagnostics[0].severity, 3);
    assert.equal(published.diagnostics[0].code, 'max-size');
    assert.match(published.diagnostics[0].message, /1000/);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: capped }, range: RANGE0, context: { diagnostics: published.diagnostics } });
    assert.deepEqual(actions.result, []);
    // … and the default cap of 5,000,000 characters, with a document one character over it.
    const huge = uri('huge.govreport');
    const text = sampleText + ' '.repeat(5_000_001 - sampleText.length);
    since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: huge, languageId: 'govreport', version: 1, text } });
    published = await client.waitForDiagnostics(huge, { since, timeoutMs: 30000 });
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['max-size', 3]]);
    assert.match(published.diagnostics[0].message, /5000000/);
    client.notify('textDocument/didClose', { textDocument: { uri: huge } });
    await assertHealthy('a huge document');
  });

  test('results for a stale version are dropped: published versions only grow and end with the last', async () => {
    const doc = uri('typing.govreport');
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'govreport', version: 1, text: sampleText } });
    // Twenty edits without waiting, each a full replacement that changes one total (so each version
    // has its own row-total message).
    let text = sampleText;
    const last = 21;
    for (let version = 2; version <= last; version++) {
      text = sampleText.replace('| 1 | 0 | 6 |', `| 1 | 0 | ${version * 10} |`);
      assert.notEqual(text, sampleText);
      client.notify('textDocument/didChange', { textDocument: { uri: doc, version }, contentChanges: [{ text }] });
    }
    const final = await client.waitForDiagnostics(doc, { since, version: last, timeoutMs: 20000 });
    // Give a late stale publication the chance to show up before checking the order.
    await assertHealthy('fast typing');
    const versions = client.notifications
      .slice(since)
      .filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === doc)
      .map((m) => m.params.version);
    assert.ok(versions.every((v, i) => i === 0 || v > versions[i - 1]), `versions out of order: ${versions}`);
    assert.equal(versions[versions.length - 1], last);
    // What was published for the last version is the analysis of the last text.
    const expected = library.analyze(text).diagnostics.map((d) => `${d.rule}@${d.range.start.line}:${d.range.start.character} ${d.message}`);
    assert.deepEqual(final.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.message}`), expected);
    assert.ok(final.diagnostics.some((d) => d.message.includes(`实际为 ${last * 10}`)));
  });

  test('a request cancelled before it runs is answered RequestCancelled', async () => {
    // The request and its cancellation arrive together, so the server sees the cancellation first.
    const id = 777_001;
    const params = { textDocument: { uri: uri('healthy.govreport') }, range: RANGE0, context: { diagnostics: [], only: ['source.fixAll'] } };
    const answer = new Promise((resolve) => client.pending.set(id, { resolve }));
    client.writeRaw(Buffer.concat([frame(request(id, 'textDocument/codeAction', params)), frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }))]));
    const response = await answer;
    assert.equal(response.error?.code, -32800, JSON.stringify(response));
    await assertHealthy('a cancelled request');
  });

  test('fix-all over LSP reaches the same fixpoint as the library: no arithmetic finding is left', async () => {
    const doc = uri('fix-all.govreport');
    let since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'govreport', version: 1, text: sampleText } });
    await client.waitForDiagnostics(doc, { since });
    const response = await client.request('textDocument/codeAction', { textDocument: { uri: doc }, range: RANGE0, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(response.result.length, 1);
    const edits = response.result[0].edit.documentChanges[0].edits;
    const fixed = applyEdits(sampleText, edits);
    const library_ = library.fixAll(sampleText, (t) => library.analyze(t).diagnostics);
    assert.equal(fixed, library_.text);
    since = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.waitForDiagnostics(doc, { since, version: 2 });
    assert.deepEqual(after.diagnostics.filter((d) => ARITHMETIC.has(d.code)), []);
    // A second fix-all offers nothing.
    const again = await client.request('textDocument/codeAction', { textDocument: { uri: doc }, range: RANGE0, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(again.result, []);
  });

  test('shutdown and exit still work after all that', async () => {
    const response = await client.request('shutdown', null);
    assert.equal(response.error, undefined);
    client.notify('exit', null);
    const { code } = await client.exited;
    assert.equal(code, 0);
  });
});
