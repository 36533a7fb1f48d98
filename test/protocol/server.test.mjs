// Protocol tests: the built language server (server/dist/server.js --stdio) driven over JSON-RPC the way
// an editor drives it. Run with `node --test test/protocol/` after `npm run build`.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';
import { offsetAt } from '../unit/fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');
const libraryPath = path.join(repoRoot, 'server/dist/index.js');
const seedsDir = path.resolve(repoRoot, '../shared/examples/seeds');
const seedPath = path.join(seedsDir, '001_21d8e222a39c5270.txt');

const seedText = readFileSync(seedPath, 'utf8');
const uri = (name) => pathToFileURL(path.join(repoRoot, 'test-output', 'protocol', name)).href;

/** The library's analysis, to compare what the server publishes with. */
const library = existsSync(libraryPath) ? createRequire(import.meta.url)(libraryPath) : undefined;

/** Settings returned to `workspace/configuration`, by a marker in the document's uri. */
function settingsFor(scopeUri) {
  if (scopeUri?.includes('nodetect')) return { detect: false };
  if (scopeUri?.includes('cellcount-off')) return { rules: { 'cell-count': 'off' } };
  return { detect: true, locale: 'auto', format: 'auto', rules: {} };
}

const SEVERITY = { error: 1, warning: 2, info: 3 };

/** Applies LSP content changes (ranges in UTF-16 code units) to a string, as the client would. */
function applyChanges(text, changes) {
  for (const change of changes) {
    if (!change.range) {
      text = change.text;
      continue;
    }
    text = text.slice(0, offsetAt(text, change.range.start)) + change.text + text.slice(offsetAt(text, change.range.end));
  }
  return text;
}

function positionOf(text, needle, delta = 0) {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `"${needle}" not in the text`);
  const before = text.slice(0, index + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** Checks what every published diagnostic must satisfy, whatever the rules find. */
function assertWellFormed(diagnostics, text) {
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (p) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length;
  for (const d of diagnostics) {
    const label = JSON.stringify(d);
    assert.equal(d.source, 'govreport', label);
    assert.equal(typeof d.code, 'string', label);
    assert.ok(d.code.length > 0, label);
    assert.equal(typeof d.codeDescription?.href, 'string', label);
    assert.ok(d.codeDescription.href.length > 0, label);
    assert.ok([1, 2, 3].includes(d.severity), label);
    assert.equal(typeof d.message, 'string', label);
    assert.ok(d.message.length > 0, label);
    assert.ok(inside(d.range.start) && inside(d.range.end), `range outside the document: ${label}`);
    const { start, end } = d.range;
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), label);
    for (const info of d.relatedInformation ?? []) {
      assert.equal(typeof info.location.uri, 'string', label);
      assert.ok(inside(info.location.range.start) && inside(info.location.range.end), label);
    }
    assert.ok(Array.isArray(d.data?.fixes), `data.fixes missing: ${label}`);
  }
}

/** The server's diagnostics must be the library's, translated. */
function assertMatchesLibrary(published, text, options = {}) {
  if (!library) return;
  const expected = library.analyze(text, options).diagnostics.map((d) => ({
    code: d.rule,
    severity: SEVERITY[d.severity],
    message: d.message,
    range: d.range,
  }));
  const actual = published.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range }));
  assert.deepEqual(actual, expected);
}

describe('language server over stdio', () => {
  /** @type {LspClient} */
  let client;
  let initializeResult;
  const configurationRequests = [];

  before(async () => {
    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) => {
        if (method === 'workspace/configuration') {
          configurationRequests.push(params);
          return params.items.map((item) => (item.section === 'govreport' ? settingsFor(item.scopeUri) : null));
        }
        if (method === 'client/registerCapability') return null;
        return null;
      },
    });
    const response = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repoRoot).href,
      locale: 'zh-CN',
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
            dataSupport: true,
          },
        },
      },
    });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    initializeResult = response.result;
    client.notify('initialized', {});
  });

  after(() => client?.kill());

  test('initialize announces incremental sync and code actions', () => {
    const caps = initializeResult.capabilities;
    const sync = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : caps.textDocumentSync?.change;
    assert.equal(sync, 2, 'incremental text document sync');
    assert.ok(caps.codeActionProvider, 'codeActionProvider');
    const kinds = caps.codeActionProvider.codeActionKinds ?? [];
    assert.ok(kinds.includes('quickfix'));
    assert.ok(kinds.includes('source.fixAll.govreport'));
  });

  const seedUri = uri('seed-001.txt');
  let seedDiagnostics;

  test('didOpen of a report publishes well-formed diagnostics for its version', async () => {
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: seedUri, languageId: 'govreport', version: 1, text: seedText },
    });
    const params = await client.waitForDiagnostics(seedUri, { since });
    assert.equal(params.version, 1);
    assert.ok(Array.isArray(params.diagnostics));
    assertWellFormed(params.diagnostics, seedText);
    assertMatchesLibrary(params.diagnostics, seedText, { locale: 'zh-CN' });
    seedDiagnostics = params.diagnostics;
    assert.ok(
      configurationRequests.some((p) => p.items.some((item) => item.section === 'govreport' && item.scopeUri === seedUri)),
      'settings are pulled per document with workspace/configuration',
    );
  });

  test('seed 001 has cell-count errors and a label-mismatch on 其他法律法规禁止公开', () => {
    const codes = new Set(seedDiagnostics.map((d) => d.code));
    assert.ok(codes.has('cell-count'), `cell-count expected; got ${JSON.stringify([...codes])}`);
    assert.ok(
      seedDiagnostics.filter((d) => d.code === 'cell-count').every((d) => d.severity === 1),
      'cell-count is an error',
    );
    const labelLine = positionOf(seedText, '其他法律法规禁止公开').line;
    assert.ok(
      seedDiagnostics.some((d) => d.code === 'label-mismatch' && d.range.start.line === labelLine),
      `label-mismatch expected on line ${labelLine + 1}; got ${JSON.stringify([...codes])}`,
    );
  });

  let seedTextV2 = seedText;

  test('an incremental didChange republishes for the new version', async () => {
    // Two changes in one notification: the second one's position is in the text after the first.
    const cell = positionOf(seedTextV2, '行政处罚\t1', '行政处罚\t'.length);
    const first = { range: { start: cell, end: { line: cell.line, character: cell.character + 1 } }, text: '3' };
    const afterFirst = applyChanges(seedTextV2, [first]);
    const heading = positionOf(afterFirst, '## 二、主动公开政府信息情况');
    const second = { range: { start: heading, end: heading }, text: '本节数据截至2022年12月31日。\n\n' };
    seedTextV2 = applyChanges(afterFirst, [second]);

    const since = client.notifications.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri: seedUri, version: 2 },
      contentChanges: [first, second],
    });
    const params = await client.waitForDiagnostics(seedUri, { since, version: 2 });
    assertWellFormed(params.diagnostics, seedTextV2);
    assertMatchesLibrary(params.diagnostics, seedTextV2, { locale: 'zh-CN' });
    assert.ok(
      // (govreport/analysis for version 1 may still follow its diagnostics: only publishDiagnostics counts.)
      !client.notifications
        .slice(since)
        .some((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === seedUri && m.params.version === 1),
      'no diagnostics for the old version after the change',
    );
  });

  test('quick changes in a row end with diagnostics for the last version', async () => {
    const since = client.notifications.length;
    let text = seedTextV2;
    for (let version = 3; version <= 6; version++) {
      const end = positionOf(text, '六、其他需要报告的事项');
      const change = { range: { start: end, end }, text: '\n' };
      text = applyChanges(text, [change]);
      client.notify('textDocument/didChange', { textDocument: { uri: seedUri, version }, contentChanges: [change] });
    }
    const params = await client.waitForDiagnostics(seedUri, { since, version: 6 });
    assertWellFormed(params.diagnostics, text);
    assertMatchesLibrary(params.diagnostics, text, { locale: 'zh-CN' });
    // Undo them so later tests see the text of version 2 again.
    const start = positionOf(text, '六、其他需要报告的事项');
    const change = { range: { start: { line: start.line - 4, character: 0 }, end: start }, text: '' };
    text = applyChanges(text, [change]);
    assert.equal(text, seedTextV2);
    const since7 = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri: seedUri, version: 7 }, contentChanges: [change] });
    await client.waitForDiagnostics(seedUri, { since: since7, version: 7 });
  });

  test('textDocument/codeAction returns valid actions', async () => {
    const published = client.notifications
      .filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === seedUri)
      .at(-1).params.diagnostics;
    const lines = seedTextV2.split('\n');
    const response = await client.request('textDocument/codeAction', {
      textDocument: { uri: seedUri },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1).length } },
      context: { diagnostics: published },
    });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    assert.ok(Array.isArray(response.result), 'an array');
    const withFixes = published.filter((d) => d.data.fixes.length > 0);
    for (const action of response.result) {
      assert.equal(typeof action.title, 'string');
      assert.ok(['quickfix', 'source.fixAll.govreport'].includes(action.kind), action.kind);
      const changes = action.edit.documentChanges;
      assert.equal(changes.length, 1);
      assert.equal(changes[0].textDocument.uri, seedUri);
      assert.equal(changes[0].textDocument.version, 7);
      assert.ok(changes[0].edits.length > 0);
      for (const edit of changes[0].edits) {
        assert.equal(typeof edit.newText, 'string');
        assert.ok(edit.range.start.line < lines.length && edit.range.end.line < lines.length);
      }
    }
    const quickfixes = response.result.filter((a) => a.kind === 'quickfix');
    // Each finding's own fixes, then "在此行忽略此规则" and "在此文件中忽略此规则".
    const ignoring = (a) => /忽略此规则/.test(a.title);
    assert.equal(quickfixes.filter((a) => !ignoring(a)).length, withFixes.reduce((n, d) => n + d.data.fixes.length, 0));
    assert.equal(quickfixes.filter(ignoring).length, 2 * published.length);
    assert.ok(quickfixes.slice(quickfixes.findIndex(ignoring)).every(ignoring), 'every real fix comes before the ignore ones');
    const fixAll = response.result.filter((a) => a.kind === 'source.fixAll.govreport');
    assert.equal(fixAll.length, withFixes.length > 0 ? 1 : 0);
    if (fixAll.length) {
      // Fix-all fixes problems; it never hides one behind a suppression comment.
      assert.ok(fixAll[0].edit.documentChanges[0].edits.every((e) => !e.newText.includes('govreport-disable')));
      // The edits of the fix-all action never overlap.
      const edits = fixAll[0].edit.documentChanges[0].edits
        .map((e) => e.range)
        .sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
      for (let i = 1; i < edits.length; i++) {
        const prev = edits[i - 1].end;
        const next = edits[i].start;
        assert.ok(prev.line < next.line || (prev.line === next.line && prev.character <= next.character), 'overlap');
      }
    }

    const only = await client.request('textDocument/codeAction', {
      textDocument: { uri: seedUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.ok(Array.isArray(only.result));
    assert.ok(only.result.every((a) => a.kind === 'source.fixAll.govreport'));
  });

  test('a plaintext document that is not a report gets empty diagnostics', async () => {
    const plainUri = uri('notes.txt');
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: plainUri, languageId: 'plaintext', version: 1, text: '购物清单\n苹果 3\n梨 2\n' },
    });
    const params = await client.waitForDiagnostics(plainUri, { since });
    assert.deepEqual(params.diagnostics, []);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: plainUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions.result, []);
    client.notify('textDocument/didClose', { textDocument: { uri: plainUri } });
  });

  test('a plaintext report is detected, unless govreport.detect is off', async () => {
    const detectedUri = uri('detected-report.txt');
    const offUri = uri('nodetect-report.txt');
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: detectedUri, languageId: 'plaintext', version: 1, text: seedText },
    });
    client.notify('textDocument/didOpen', {
      textDocument: { uri: offUri, languageId: 'markdown', version: 1, text: seedText },
    });
    const detected = await client.waitForDiagnostics(detectedUri, { since });
    const off = await client.waitForDiagnostics(offUri, { since });
    assert.deepEqual(off.diagnostics, []);
    const recognised = library ? library.analyze(seedText).format !== null : true;
    if (recognised) {
      const withoutUri = (ds) =>
        ds.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((i) => [i.location.range, i.message]) }));
      assert.deepEqual(withoutUri(detected.diagnostics), withoutUri(seedDiagnostics));
    } else {
      assert.deepEqual(detected.diagnostics, []);
    }
    client.notify('textDocument/didClose', { textDocument: { uri: detectedUri } });
    client.notify('textDocument/didClose', { textDocument: { uri: offUri } });
  });

  test('rule settings from workspace/configuration apply per document', async () => {
    const offUri = uri('cellcount-off.txt');
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: offUri, languageId: 'govreport', version: 1, text: seedText },
    });
    const params = await client.waitForDiagnostics(offUri, { since });
    assertWellFormed(params.diagnostics, seedText);
    assert.ok(!params.diagnostics.some((d) => d.code === 'cell-count'), 'cell-count is off for this document');
    assertMatchesLibrary(params.diagnostics, seedText, { locale: 'zh-CN', rules: { 'cell-count': 'off' } });
    client.notify('textDocument/didClose', { textDocument: { uri: offUri } });
  });

  test('didChangeConfiguration pulls settings again and republishes open documents', async () => {
    const requestsBefore = configurationRequests.length;
    const since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const params = await client.waitForDiagnostics(seedUri, { since, version: 7 });
    assert.ok(configurationRequests.length > requestsBefore, 'configuration requested again');
    assertWellFormed(params.diagnostics, seedTextV2);
  });

  test('an unknown request gets MethodNotFound and the server keeps running', async () => {
    const response = await client.request('govreport/noSuchMethod', {});
    assert.equal(response.error?.code, -32601);
    client.notify('govreport/noSuchNotification', {});
    const again = await client.request('textDocument/codeAction', {
      textDocument: { uri: seedUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(Array.isArray(again.result));
  });

  test('a malformed JSON body does not kill the server', async () => {
    const body = Buffer.from('{"jsonrpc": "2.0", "id": 999, "method": ', 'utf8');
    client.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    const response = await client.request('textDocument/codeAction', {
      textDocument: { uri: seedUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(Array.isArray(response.result));
    assert.equal(client.child.exitCode, null);
  });

  test('didChange for an unknown uri is ignored', async () => {
    const unknownUri = uri('never-opened.txt');
    const since = client.notifications.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri: unknownUri, version: 5 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    const response = await client.request('textDocument/codeAction', {
      textDocument: { uri: unknownUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(response.result, []);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!client.notifications.slice(since).some((m) => m.params?.uri === unknownUri));
    assert.equal(client.child.exitCode, null);
  });

  test('didClose clears the diagnostics', async () => {
    const since = client.notifications.length;
    client.notify('textDocument/didClose', { textDocument: { uri: seedUri } });
    const params = await client.waitForDiagnostics(seedUri, { since });
    assert.deepEqual(params.diagnostics, []);
  });

  test('shutdown and exit end the process with code 0', async () => {
    const response = await client.request('shutdown', null);
    assert.equal(response.error, undefined);
    assert.equal(response.result, null);
    client.notify('exit', null);
    const timeout = new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), 5000).unref());
    const { code } = await Promise.race([client.exited, timeout]);
    assert.equal(code, 0, `exit code; server stderr:\n${client.stderr}`);
  });
});
