// The workspace rules through the server: a workspace folder (a temporary directory) with the reports
// of one agency for 2021 and 2022, indexed from disk at start; the 2022 one is opened and gets the
// carry-over finding pointing at the 2021 file; the 2021 file is corrected on disk and announced with
// workspace/didChangeWatchedFiles, and the finding goes. Also: the watcher registration, open documents
// taking precedence over their files, and govreport.server.listReports.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initializeWorkspace, LspClient, watcherRegistration } from './lsp-client.mjs';
import { makeReport, requests2021 } from '../unit/fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');

/** Sections 一 and 五 differ between the years, so only carry-over can speak. */
const BODIES = {
  2021: { 1: '2021年，本局集中清理了一批过时的许可事项，并开设“政策直通车”专栏。', 5: '一是审核环节偏多；二是部分解读材料篇幅过长。下一步将精简审核流程。' },
  2022: { 1: '2022年，本局把抽检结果的发布周期缩短为每月，并首次公开了年度执法计划。', 5: '上年度提出的审核环节偏多问题已解决。本年度发现检索功能较弱，将在明年升级。' },
};

/** 2021: 四、结转下年度继续办理 is (1, 1, 0, 0, 0, 0, 2) unless `carriedOut` says otherwise. */
function report2021(carriedOut) {
  const requests = requests2021();
  if (carriedOut) {
    requests.find((row) => row.label.startsWith('四、')).values = carriedOut;
    // Keep the table balanced: （七）总计 + 四 = 一 + 二 (one 自然人 moves from 予以公开 to 四).
    requests.find((row) => row.label.startsWith('（一）')).values = [4, 1, 0, 0, 0, 0, 5];
    requests.find((row) => row.label.startsWith('（七）')).values = [9, 1, 0, 1, 0, 0, 11];
  }
  return makeReport({ year: 2021, requests, bodies: BODIES[2021] });
}

/** 2022: 二、上年结转 is (2, 1, 0, 0, 0, 0, 3). */
function report2022() {
  const requests = requests2021();
  requests.find((row) => row.label.startsWith('一、')).values = [9, 1, 0, 1, 0, 0, 11];
  requests.find((row) => row.label.startsWith('二、')).values = [2, 1, 0, 0, 0, 0, 3];
  return makeReport({ year: 2022, requests, bodies: BODIES[2022] });
}

const carryOver = (params) => params.diagnostics.filter((d) => d.code === 'carry-over');

describe('workspace rules in the server', () => {
  let dir;
  let client;
  let capabilities;
  const registrations = [];
  let file2021;
  let file2022;
  let uri2021;
  let uri2022;
  let text2022;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-ws-'));
    file2021 = path.join(dir, '示例局2021年政府信息公开工作年度报告.txt');
    file2022 = path.join(dir, '示例局2022年政府信息公开工作年度报告.txt');
    fs.writeFileSync(file2021, report2021());
    text2022 = report2022();
    fs.writeFileSync(file2022, text2022);
    // Noise the index must skip or survive.
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', '示例局2021年政府信息公开工作年度报告.txt'), report2021([9, 9, 0, 0, 0, 0, 18]));
    fs.writeFileSync(path.join(dir, 'notes.md'), '# 会议记录\n\n与年报无关。\n');
    uri2021 = pathToFileURL(file2021).href;
    uri2022 = pathToFileURL(file2022).href;

    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) => {
        if (method === 'workspace/configuration') return params.items.map(() => ({ locale: 'zh-CN', rules: {} }));
        if (method === 'client/registerCapability') {
          registrations.push(...params.registrations);
          return null;
        }
        return null;
      },
    });
    capabilities = await initializeWorkspace(client, dir, {
      workspace: { executeCommand: {} },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    });
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the server watches the report files and the workspace folders', async () => {
    const watcher = await watcherRegistration(registrations);
    assert.ok(watcher, JSON.stringify(registrations));
    assert.ok(watcher.registerOptions.watchers.some((w) => /txt/.test(w.globPattern) && /govreport/.test(w.globPattern)));
    assert.equal(capabilities.workspace?.workspaceFolders?.changeNotifications, true);
    assert.ok(capabilities.executeCommandProvider.commands.includes('govreport.server.listReports'));
  });

  test('opening 2022 reports the carry-over mismatch with the 2021 file on disk', async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri: uri2022, languageId: 'govreport', version: 1, text: text2022 } });
    // The first publication may come before the folder is read; the index's re-check follows.
    const params = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri2022 && carryOver(m.params).length > 0, {
      what: 'carry-over on the 2022 report',
    }).then((m) => m.params);
    assert.deepEqual(
      params.diagnostics.filter((d) => d.code !== 'carry-over'),
      [],
      'the crafted 2022 report is otherwise clean',
    );
    const found = carryOver(params);
    assert.deepEqual(
      found.map((d) => d.message),
      [
        '上年结转·自然人应为 1（2021 年度报告“四、结转下年度继续办理”），实际为 2',
        '上年结转·总计应为 2（2021 年度报告“四、结转下年度继续办理”），实际为 3',
      ],
    );
    assert.equal(found[0].severity, 2);
    assert.ok(found[0].codeDescription.href.endsWith('carry-over.md'));
    const [related] = found[0].relatedInformation;
    assert.equal(fileURLToPath(related.location.uri), file2021);
    const line = fs.readFileSync(file2021, 'utf8').split('\n')[related.location.range.start.line];
    assert.match(line, /^四、结转下年度继续办理\t1\t/);
    assert.equal(related.message, '2021 年度报告“四、结转下年度继续办理”·自然人：1');
  });

  test('listReports gives the agency’s reports by year', async () => {
    const response = await client.request('workspace/executeCommand', { command: 'govreport.server.listReports', arguments: [uri2022] });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    const { agency, reports } = response.result;
    assert.equal(agency, '清河市云溪区示例局');
    assert.deepEqual(reports.map((r) => [r.year, fileURLToPath(r.uri), r.open]), [
      [2021, file2021, false],
      [2022, file2022, true],
    ]);
    const byName = await client.request('workspace/executeCommand', { command: 'govreport.server.listReports', arguments: [{ agency: '清河市云溪区示例局' }] });
    assert.equal(byName.result.reports.length, 2);
    const none = await client.request('workspace/executeCommand', { command: 'govreport.server.listReports', arguments: ['file:///nowhere.txt'] });
    assert.deepEqual(none.result, { agency: null, reports: [] });
  });

  test('correcting the 2021 file on disk (didChangeWatchedFiles) removes the finding', async () => {
    const since = client.notifications.length;
    fs.writeFileSync(file2021, report2021([2, 1, 0, 0, 0, 0, 3]));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri2021, type: 2 }] });
    const params = await client.waitForDiagnostics(uri2022, { since });
    assert.deepEqual(params.diagnostics, []);
  });

  test('an open document counts with its unsaved text, and its file again once closed', async () => {
    // Open 2021 with last year's original 四 (1, 1, …): the 2022 report hears of it without any file change.
    let since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: uri2021, languageId: 'govreport', version: 1, text: report2021() } });
    let params = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri2022, { since }).then((m) => m.params);
    assert.equal(carryOver(params).length, 2);
    // Closed: the file on disk (corrected above) is the 2021 report again.
    since = client.notifications.length;
    client.notify('textDocument/didClose', { textDocument: { uri: uri2021 } });
    params = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri2022, { since }).then((m) => m.params);
    assert.deepEqual(params.diagnostics, []);
  });

  test('deleting the 2021 file leaves nothing to compare with', async () => {
    // Put the mismatch back first, through the file.
    let since = client.notifications.length;
    fs.writeFileSync(file2021, report2021());
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri2021, type: 2 }] });
    let params = await client.waitForDiagnostics(uri2022, { since });
    assert.equal(carryOver(params).length, 2);
    since = client.notifications.length;
    fs.rmSync(file2021);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri2021, type: 3 }] });
    params = await client.waitForDiagnostics(uri2022, { since });
    assert.deepEqual(params.diagnostics, []);
  });

  test('a workspace folder removed takes its reports along; added again, they are read again', async () => {
    fs.writeFileSync(file2021, report2021());
    const folder = { uri: pathToFileURL(dir).href, name: 'reports' };
    let since = client.notifications.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    // Nothing to announce yet (the 2021 file was deleted above): add the folder back and it is read.
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
    let params = await client.waitForDiagnostics(uri2022, { since });
    assert.equal(carryOver(params).length, 2);
    since = client.notifications.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    params = await client.waitForDiagnostics(uri2022, { since });
    assert.deepEqual(params.diagnostics, []);
  });
});

describe('workspace rules in the server, files of several reports', () => {
  let dir;
  let client;
  let fileCounty;
  let fileMixed;
  let file2022;
  /** The same crafted reports under another agency's title. */
  const retitle = (text, agency) => text.replace('清河市云溪区示例局', agency);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-ws-many-'));
    // 测试局's 2021 and 2022 reports in one file, with the carry-over mismatch between them.
    fileCounty = path.join(dir, '测试局历年年报.txt');
    fs.writeFileSync(fileCounty, `${retitle(report2021(), '清河市云溪区测试局')}\n${retitle(report2022(), '清河市云溪区测试局')}`);
    // Another agency's report first, then 示例局's 2021 report: the second report of the file.
    fileMixed = path.join(dir, '2021年各单位年报.txt');
    fs.writeFileSync(fileMixed, `${retitle(makeReport({ year: 2021 }), '清河市云溪区另一局')}\n${report2021()}`);
    file2022 = path.join(dir, '示例局2022年政府信息公开工作年度报告.txt');
    fs.writeFileSync(file2022, report2022());
    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) => (method === 'workspace/configuration' ? params.items.map(() => ({ locale: 'zh-CN', rules: {} })) : null),
    });
    await initializeWorkspace(client, dir, { textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } });
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the later report of a file is checked against the earlier one in the same file', async () => {
    const uri = pathToFileURL(fileCounty).href;
    const text = fs.readFileSync(fileCounty, 'utf8');
    const lines = text.split('\n');
    const secondStart = lines.findIndex((line, k) => k > 0 && line.startsWith('# 清河市云溪区测试局2022年'));
    assert.ok(secondStart > 0);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text } });
    const params = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && carryOver(m.params).length > 0, {
      what: 'carry-over in the file of two reports',
    }).then((m) => m.params);
    assert.deepEqual(params.diagnostics.filter((d) => d.code !== 'carry-over'), [], 'the crafted reports are otherwise clean');
    const found = carryOver(params);
    assert.deepEqual(
      found.map((d) => d.message),
      [
        '上年结转·自然人应为 1（2021 年度报告“四、结转下年度继续办理”），实际为 2',
        '上年结转·总计应为 2（2021 年度报告“四、结转下年度继续办理”），实际为 3',
      ],
    );
    for (const diagnostic of found) {
      // On the 2022 report's 二、上年结转 row, pointing at the 2021 report's 四 row in the same file.
      assert.ok(diagnostic.range.start.line > secondStart);
      assert.match(lines[diagnostic.range.start.line], /^二、上年结转/);
      const [related] = diagnostic.relatedInformation;
      assert.equal(fileURLToPath(related.location.uri), fileCounty);
      assert.ok(related.location.range.start.line < secondStart);
      assert.match(lines[related.location.range.start.line], /^四、结转下年度继续办理\t1\t/);
    }
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  test('an open report is checked against the later report of a file of several on disk', async () => {
    const uri = pathToFileURL(file2022).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text: report2022() } });
    // The first publication may come before the folder is read; the index's re-check follows.
    const params = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && carryOver(m.params).length > 0, {
      what: 'carry-over on the open 2022 report',
    }).then((m) => m.params);
    const found = carryOver(params);
    assert.equal(found.length, 2);
    const lines = fs.readFileSync(fileMixed, 'utf8').split('\n');
    const secondStart = lines.findIndex((line, k) => k > 0 && line.startsWith('# 清河市云溪区示例局2021年'));
    assert.ok(secondStart > 0);
    const [related] = found[0].relatedInformation;
    assert.equal(fileURLToPath(related.location.uri), fileMixed);
    assert.ok(related.location.range.start.line > secondStart, 'the 2021 report is the file’s second');
    assert.match(lines[related.location.range.start.line], /^四、结转下年度继续办理\t1\t/);
    const listed = await client.request('workspace/executeCommand', { command: 'govreport.server.listReports', arguments: [uri] });
    assert.deepEqual(listed.result.reports.map((r) => [r.year, fileURLToPath(r.uri)]), [
      [2021, fileMixed],
      [2022, file2022],
    ]);
  });
});
