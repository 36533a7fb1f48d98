// The `govreport/analysis` notification behind the VS Code language status item, and the server's
// message language taken from InitializeParams.locale while `govreport.locale` is "auto".
// Run with `node --test test/protocol/` after `npm run build`.
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
const SAMPLE = '望湖街道办事处2022年政府信息公开工作年度报告.md';
const sampleText = readFileSync(path.join(repoRoot, 'examples', SAMPLE), 'utf8');
// Documents live under test-output so the workspace index (the repository root) does not know them.
const uri = (name) => pathToFileURL(path.join(repoRoot, 'test-output', 'protocol-status', name)).href;
const CJK = /[\u3400-\u9fff]/;

/** A server initialised with the given display language; `locale` is what workspace/configuration answers. */
async function startServer(displayLanguage, locale = 'auto') {
  const client = new LspClient(serverPath, {
    cwd: repoRoot,
    onRequest: (method, params) =>
      method === 'workspace/configuration' ? params.items.map(() => ({ detect: true, locale, format: 'auto', rules: {} })) : null,
  });
  const initialize = { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } };
  if (displayLanguage !== undefined) initialize.locale = displayLanguage;
  const response = await client.request('initialize', initialize);
  assert.ok(response.result, JSON.stringify(response.error));
  client.notify('initialized', {});
  return client;
}

function open(client, name, text, languageId = 'markdown', version = 1) {
  client.notify('textDocument/didOpen', { textDocument: { uri: uri(name), languageId, version, text } });
}

function waitForAnalysis(client, name, version, since = 0) {
  return client
    .waitFor((m) => m.method === 'govreport/analysis' && m.params.uri === uri(name) && m.params.version === version, {
      since,
      what: `govreport/analysis for ${name} v${version}`,
    })
    .then((m) => m.params);
}

async function stop(client) {
  await client.request('shutdown', null).catch(() => undefined);
  client.notify('exit', null);
  await Promise.race([client.exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
  client.kill();
}

describe('govreport/analysis notification', () => {
  let client;
  before(async () => {
    client = await startServer('zh-cn');
  });
  after(() => stop(client));

  test('follows publishDiagnostics with the format, year, counts by severity and duration', async () => {
    open(client, SAMPLE, sampleText);
    const published = await client.waitForDiagnostics(uri(SAMPLE), { version: 1 });
    const status = await waitForAnalysis(client, SAMPLE, 1);
    // Diagnostics first, then the status: the client can rely on both being current together.
    const order = client.notifications.filter((m) => m.params?.uri === uri(SAMPLE)).map((m) => m.method);
    assert.ok(order.indexOf('textDocument/publishDiagnostics') < order.indexOf('govreport/analysis'), order.join(', '));

    const expected = library.analyze(sampleText, { locale: 'zh-CN' });
    assert.equal(status.reported, true);
    assert.equal(status.format, expected.format);
    assert.equal(status.year, expected.year);
    assert.equal(status.format, '2021');
    assert.equal(status.year, 2022);
    assert.equal(status.reports, 1);
    const bySeverity = (severity) => published.diagnostics.filter((d) => d.severity === severity).length;
    assert.deepEqual(status.counts, { error: bySeverity(1), warning: bySeverity(2), info: bySeverity(3) });
    assert.ok(status.counts.error >= 1, 'the sample has deliberate errors');
    assert.equal(typeof status.durationMs, 'number');
    assert.ok(status.durationMs >= 0 && status.durationMs < 60000, String(status.durationMs));
    assert.match(status.docs, /^https:\/\/.+\/docs\/rules\/README\.md$/);
  });

  test('is sent again for each new version', async () => {
    const since = client.notifications.length;
    // Delete everything: no report left, so nothing reported (a markdown file that is no report).
    client.notify('textDocument/didChange', {
      textDocument: { uri: uri(SAMPLE), version: 2 },
      contentChanges: [{ text: '# 会议纪要\n\n今天讨论了年报。\n' }],
    });
    const status = await waitForAnalysis(client, SAMPLE, 2, since);
    assert.equal(status.reported, false);
    assert.equal(status.format, null);
    assert.deepEqual(status.counts, { error: 0, warning: 0, info: 0 });
  });

  test('tells the client about plain text that is no report, so it can hide the item', async () => {
    open(client, 'notes.txt', 'shopping list\n', 'plaintext');
    const status = await waitForAnalysis(client, 'notes.txt', 1);
    assert.equal(status.reported, false);
    assert.deepEqual(status.counts, { error: 0, warning: 0, info: 0 });
  });
});

describe('message language from InitializeParams.locale', () => {
  test('"en" with govreport.locale "auto" gives English messages, the library\'s en ones', async () => {
    const client = await startServer('en');
    try {
      open(client, SAMPLE, sampleText);
      const { diagnostics } = await client.waitForDiagnostics(uri(SAMPLE), { version: 1 });
      const english = library.analyze(sampleText, { locale: 'en' }).diagnostics.map((d) => d.message);
      const chinese = library.analyze(sampleText, { locale: 'zh-CN' }).diagnostics.map((d) => d.message);
      assert.notDeepEqual(english, chinese);
      assert.deepEqual(
        diagnostics.map((d) => d.message),
        english,
      );
      // English sentences (they may quote the report's Chinese labels).
      for (const d of diagnostics) assert.match(d.message.replace(/[“”"「」].*?[“”"「」]/g, ''), /[A-Za-z]{3,}/, d.message);
    } finally {
      await stop(client);
    }
  });

  test('"zh-cn" and no locale at all give Chinese; another language (de) gives English', async () => {
    for (const [displayLanguage, expected] of [
      ['zh-cn', 'zh-CN'],
      [undefined, 'zh-CN'],
      ['de', 'en'],
    ]) {
      const client = await startServer(displayLanguage);
      try {
        open(client, SAMPLE, sampleText);
        const { diagnostics } = await client.waitForDiagnostics(uri(SAMPLE), { version: 1 });
        const want = library.analyze(sampleText, { locale: expected }).diagnostics.map((d) => d.message);
        assert.deepEqual(diagnostics.map((d) => d.message), want, String(displayLanguage));
        if (expected === 'zh-CN') assert.ok(diagnostics.every((d) => CJK.test(d.message)));
      } finally {
        await stop(client);
      }
    }
  });

  test('an explicit govreport.locale wins over the display language', async () => {
    const client = await startServer('en', 'zh-CN');
    try {
      open(client, SAMPLE, sampleText);
      const { diagnostics } = await client.waitForDiagnostics(uri(SAMPLE), { version: 1 });
      assert.deepEqual(diagnostics.map((d) => d.message), library.analyze(sampleText, { locale: 'zh-CN' }).diagnostics.map((d) => d.message));
    } finally {
      await stop(client);
    }
  });
});
