// Configuration through the server: a workspace folder with a `.govreportrc.json`, changed on disk and
// announced with workspace/didChangeWatchedFiles (the diagnostics of the open report follow); a broken
// config file gets diagnostics of its own; inline suppression and its quick fixes; `govreport.run: onSave`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initializeWorkspace, LspClient, watcherRegistration } from './lsp-client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');
const SAMPLE = fs.readFileSync(path.join(repoRoot, 'examples/望湖街道办事处2022年政府信息公开工作年度报告.md'), 'utf8');

const codes = (params) => params.diagnostics.map((d) => d.code).sort();
const ALL = ['cell-blank', 'label-mismatch', 'result-total', 'review-total', 'row-total', 'section-missing'];

describe('server: .govreportrc.json, inline suppression, govreport.run', () => {
  let dir;
  let client;
  const registrations = [];
  /** The settings the client answers workspace/configuration with, per scope URI substring. */
  const settings = { run: 'onType' };
  let reportUri;
  let configFile;
  let configUri;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-cfg-'));
    fs.mkdirSync(path.join(dir, 'reports'));
    configFile = path.join(dir, '.govreportrc.json');
    fs.writeFileSync(configFile, JSON.stringify({ root: true, rules: { 'cell-blank': 'off' } }));
    fs.writeFileSync(path.join(dir, 'reports', 'r.md'), SAMPLE);
    reportUri = pathToFileURL(path.join(dir, 'reports', 'r.md')).href;
    configUri = pathToFileURL(configFile).href;
    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) => {
        if (method === 'workspace/configuration') {
          return params.items.map((item) => ({ locale: 'zh-CN', rules: { 'label-mismatch': 'error' }, run: item.scopeUri?.includes('onsave') ? 'onSave' : settings.run }));
        }
        if (method === 'client/registerCapability') {
          registrations.push(...params.registrations);
          return null;
        }
        return null;
      },
    });
    const capabilities = await initializeWorkspace(client, dir, {
      textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: true } },
    });
    assert.equal(capabilities.textDocumentSync.save !== undefined, true, 'the server asks for didSave');
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the config file is watched next to the report files', async () => {
    const watcher = await watcherRegistration(registrations);
    assert.ok(watcher, JSON.stringify(registrations));
    const globs = watcher.registerOptions.watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.govreportrc.json'), globs.join(', '));
    assert.ok(globs.some((glob) => /govreport\}?$/.test(glob) && /txt/.test(glob)), globs.join(', '));
  });

  test('the config file (found above the report) applies over the settings', async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri: reportUri, languageId: 'markdown', version: 1, text: SAMPLE } });
    const params = await client.waitForDiagnostics(reportUri, { version: 1 });
    assert.deepEqual(codes(params), ALL.filter((id) => id !== 'cell-blank'));
    // The settings still apply where the config file says nothing.
    assert.equal(params.diagnostics.find((d) => d.code === 'label-mismatch').severity, 1);
  });

  test('changed on disk + didChangeWatchedFiles: the open report is analysed again', async () => {
    fs.writeFileSync(configFile, JSON.stringify({ root: true, rules: { 'row-total': 'off' }, overrides: [{ files: ['reports/**'], rules: { 'review-total': 'info' } }] }));
    const since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const params = await client.waitForDiagnostics(reportUri, { since });
    assert.deepEqual(codes(params), ALL.filter((id) => id !== 'row-total'));
    assert.equal(params.diagnostics.find((d) => d.code === 'review-total').severity, 3);
  });

  test('a broken config file gets diagnostics of its own; fixing it clears them', async () => {
    fs.writeFileSync(configFile, '{"root": true, "rules": {"cell-blnk": "off", "section-missing": "off"}}');
    let since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const onConfig = await client.waitForDiagnostics(configUri, { since });
    assert.deepEqual(onConfig.diagnostics.map((d) => d.message), ['未知的规则名 cell-blnk']);
    assert.equal(onConfig.diagnostics[0].range.start.line, 0);
    const params = await client.waitForDiagnostics(reportUri, { since });
    assert.deepEqual(codes(params), ALL.filter((id) => id !== 'section-missing'), 'the valid rest applies');

    fs.writeFileSync(configFile, '{"root": true, "rules": {');
    since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.match((await client.waitForDiagnostics(configUri, { since })).diagnostics[0].message, /不是有效的 JSON/);
    assert.deepEqual(codes(await client.waitForDiagnostics(reportUri, { since })), ALL, 'nothing of a broken file applies');

    fs.writeFileSync(configFile, '{"root": true}');
    since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.deepEqual((await client.waitForDiagnostics(configUri, { since })).diagnostics, []);
    assert.deepEqual(codes(await client.waitForDiagnostics(reportUri, { since })), ALL);
  });

  test('an ignore glob: nothing is published for the report', async () => {
    fs.writeFileSync(configFile, JSON.stringify({ root: true, ignore: ['reports/'] }));
    const since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.deepEqual((await client.waitForDiagnostics(reportUri, { since })).diagnostics, []);
    fs.writeFileSync(configFile, '{"root": true}');
    const again = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 3 }] });
    assert.deepEqual(codes(await client.waitForDiagnostics(reportUri, { since: again })), ALL);
  });

  test('inline suppression, and the two ignore quick fixes on every diagnostic', async () => {
    const lines = SAMPLE.split('\n');
    lines.splice(59, 0, '<!-- govreport-disable-next-line cell-blank -->');
    const text = lines.join('\n');
    const since = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri: reportUri, version: 2 }, contentChanges: [{ text }] });
    const params = await client.waitForDiagnostics(reportUri, { since, version: 2 });
    assert.deepEqual(codes(params), ALL.filter((id) => id !== 'cell-blank'));

    const rowTotal = params.diagnostics.find((d) => d.code === 'row-total');
    const response = await client.request('textDocument/codeAction', {
      textDocument: { uri: reportUri },
      range: rowTotal.range,
      context: { diagnostics: [rowTotal] },
    });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    const titles = response.result.map((a) => a.title);
    const line = response.result.find((a) => a.title === '在此行忽略此规则（row-total）');
    const file = response.result.find((a) => a.title === '在此文件中忽略此规则（row-total）');
    assert.ok(line && file, titles.join(' | '));
    assert.equal(line.kind, 'quickfix');
    assert.deepEqual(line.edit.changes[reportUri], [
      { range: { start: { line: rowTotal.range.start.line, character: 0 }, end: { line: rowTotal.range.start.line, character: 0 } }, newText: '<!-- govreport-disable-next-line row-total -->\n' },
    ]);
    assert.deepEqual(file.edit.changes[reportUri], [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '<!-- govreport-disable row-total -->\n' }]);
    // The real fix comes first and stays preferred.
    assert.ok(titles.indexOf(line.title) > 0);

    // Fix-all never hides a problem.
    const fixAll = await client.request('textDocument/codeAction', {
      textDocument: { uri: reportUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    for (const action of fixAll.result) {
      for (const edit of action.edit.changes[reportUri]) assert.doesNotMatch(edit.newText, /govreport-(disable|enable)/);
    }
  });

  test('an unused suppression is reported (info) with a quick fix that deletes it', async () => {
    const lines = SAMPLE.split('\n');
    lines.splice(2, 0, '<!-- govreport-disable-next-line balance -->');
    const since = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri: reportUri, version: 3 }, contentChanges: [{ text: lines.join('\n') }] });
    const params = await client.waitForDiagnostics(reportUri, { since, version: 3 });
    const unused = params.diagnostics.find((d) => d.code === 'unused-suppression');
    assert.ok(unused, JSON.stringify(codes(params)));
    assert.equal(unused.severity, 3);
    const response = await client.request('textDocument/codeAction', { textDocument: { uri: reportUri }, range: unused.range, context: { diagnostics: [unused] } });
    assert.deepEqual(
      response.result.filter((a) => a.kind === 'quickfix').map((a) => [a.title, a.edit.changes[reportUri]]),
      [['删除此忽略注释', [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: '' }]]],
    );
  });

  test('govreport.run onSave: a change alone publishes nothing; didSave does', async () => {
    const uri = pathToFileURL(path.join(dir, 'reports', 'onsave.md')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: SAMPLE } });
    assert.deepEqual(codes(await client.waitForDiagnostics(uri, { version: 1 })), ALL, 'analysed on open');
    const lines = SAMPLE.split('\n');
    lines.splice(59, 0, '<!-- govreport-disable-next-line cell-blank -->');
    const since = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: lines.join('\n') }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(
      client.notifications.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri).length,
      0,
      'nothing published on change',
    );
    client.notify('textDocument/didSave', { textDocument: { uri } });
    const params = await client.waitForDiagnostics(uri, { since, version: 2 });
    assert.deepEqual(codes(params), ALL.filter((id) => id !== 'cell-blank'));
  });
});
