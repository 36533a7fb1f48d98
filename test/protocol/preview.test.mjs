// The `govreport/preview` request against the built server (server/dist/server.js --stdio): the HTML of
// the version the server has, the same as the library renders; a new version after a change; and an
// answer, not an error, for a document that is not a report or not open.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');
const library = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));
const SAMPLE = path.join(repoRoot, 'examples', '望湖街道办事处2022年政府信息公开工作年度报告.md');
const uri = (name) => pathToFileURL(path.join(repoRoot, 'test-output', 'protocol-preview', name)).href;

describe('govreport/preview', () => {
  let client;
  const text = fs.readFileSync(SAMPLE, 'utf8');

  before(async () => {
    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) => (method === 'workspace/configuration' ? params.items.map(() => ({ locale: 'zh-CN' })) : null),
    });
    const response = await client.request('initialize', {
      processId: process.pid,
      rootUri: null,
      locale: 'zh-CN',
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    client.notify('initialized', {});
  });

  after(() => client?.kill());

  async function open(documentUri, content, languageId = 'govreport') {
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: documentUri, languageId, version: 1, text: content } });
    await client.waitForDiagnostics(documentUri, { since });
  }

  test('the HTML of the analysed version, as the library renders it', async () => {
    const documentUri = uri('sample.md');
    await open(documentUri, text);
    const { result, error } = await client.request('govreport/preview', { uri: documentUri });
    assert.equal(error, undefined);
    assert.equal(result.uri, documentUri);
    assert.equal(result.version, 1);
    assert.equal(result.isReport, true);
    assert.equal(result.html, library.documentPreview(library.analyzeDocument(text).reports, { locale: 'zh-CN' }));
    assert.match(result.html, /6 <span class="gr-expected">应为 5<\/span>/);
    // The LSP-style parameter works as well.
    const again = await client.request('govreport/preview', { textDocument: { uri: documentUri } });
    assert.equal(again.result.html, result.html);
  });

  test('after a change: the new version, the mended totals no longer marked', async () => {
    const documentUri = uri('sample.md');
    // Line 65: the 总计 6 of 1.本机关不掌握相关政府信息 becomes 5.
    const line = text.split('\n')[64];
    const character = line.lastIndexOf('| 6 |') + 2;
    client.notify('textDocument/didChange', {
      textDocument: { uri: documentUri, version: 2 },
      contentChanges: [{ range: { start: { line: 64, character }, end: { line: 64, character: character + 1 } }, text: '5' }],
    });
    const { result } = await client.request('govreport/preview', { uri: documentUri });
    assert.equal(result.version, 2);
    // Its knock-on in （七）总计 is gone with it; table 四's wrong total stays.
    assert.doesNotMatch(result.html, /应为 5|应为 17/);
    assert.match(result.html, /3 <span class="gr-expected">应为 2<\/span>/);
  });

  test('a plain text that is not a report, and a document the server does not have', async () => {
    const notes = uri('notes.txt');
    await open(notes, '会议记录：明天上午九点开会。', 'plaintext');
    const plain = await client.request('govreport/preview', { uri: notes });
    assert.deepEqual({ version: plain.result.version, isReport: plain.result.isReport }, { version: 1, isReport: false });
    assert.match(plain.result.html, /不是可识别的政府信息公开工作年度报告/);
    const missing = await client.request('govreport/preview', { uri: uri('nowhere.govreport') });
    assert.deepEqual({ version: missing.result.version, isReport: missing.result.isReport }, { version: null, isReport: false });
    const bad = await client.request('govreport/preview', { uri: 42 });
    assert.equal(bad.error, undefined);
    assert.equal(bad.result, null);
  });
});
