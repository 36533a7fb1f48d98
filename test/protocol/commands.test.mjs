// The server's commands over workspace/executeCommand, against the built server (server/dist/server.js
// --stdio): rendering a template, converting 2019-format tables (the server sends workspace/applyEdit)
// and fix-all (the very edits of the source.fixAll.govreport code action).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';
import { applyEdits, makeReport, requests2019, requests2021 } from '../unit/fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');
const library = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));
const uri = (name) => pathToFileURL(path.join(repoRoot, 'test-output', 'protocol-commands', name)).href;

const COMMANDS = ['govreport.server.renderTemplate', 'govreport.server.convertTo2021', 'govreport.server.fixAll'];

/** The edits of a WorkspaceEdit for one document, whichever form the server chose. */
function editsOf(edit, documentUri) {
  if (edit.documentChanges) return edit.documentChanges.filter((change) => change.textDocument.uri === documentUri).flatMap((change) => change.edits);
  return edit.changes?.[documentUri] ?? [];
}

describe('server commands (workspace/executeCommand)', () => {
  let client;
  let capabilities;
  /** workspace/applyEdit requests the server sent, and how the test answers them. */
  const applied = [];
  let acceptEdits = true;
  let version = 1;

  before(async () => {
    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) => {
        if (method === 'workspace/configuration') return params.items.map(() => ({ locale: 'auto', rules: {} }));
        if (method === 'workspace/applyEdit') {
          applied.push(params);
          return acceptEdits ? { applied: true } : { applied: false, failureReason: 'test says no' };
        }
        return null;
      },
    });
    const response = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repoRoot).href,
      locale: 'zh-CN',
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, executeCommand: {} },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    capabilities = response.result.capabilities;
    client.notify('initialized', {});
  });

  after(() => client?.kill());

  async function open(name, text) {
    const documentUri = uri(name);
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: documentUri, languageId: 'govreport', version, text } });
    await client.waitForDiagnostics(documentUri, { since });
    return documentUri;
  }

  const execute = (command, ...args) => client.request('workspace/executeCommand', { command, arguments: args });

  test('initialize announces the commands', () => {
    for (const command of COMMANDS) assert.ok(capabilities.executeCommandProvider.commands.includes(command), command);
  });

  describe('govreport.server.renderTemplate', () => {
    test('the whole report as text equals the library rendering analysed clean', async () => {
      const { result } = await execute(COMMANDS[0], { format: '2021', layout: 'tab', part: 'report' });
      assert.match(result.text, /^某某单位2021年政府信息公开工作年度报告/);
      assert.deepEqual(library.analyze(result.text).diagnostics, []);
    });
    test('a table as a snippet, in the pipe layout', async () => {
      const { result } = await execute(COMMANDS[0], { format: '2019', layout: 'pipe', part: 3, snippet: true });
      assert.match(result.text, /^\| （本列数据的勾稽关系/);
      assert.match(result.text, /\| （六）其他处理 \| \$\{\d+:0\} \|/);
      assert.ok(!result.text.includes('1.申请人无正当理由'), '2019 format: （六） is one row');
    });
    test('every format × layout × part renders', async () => {
      for (const format of ['2021', '2019']) {
        for (const layout of ['tab', 'pipe']) {
          for (const part of ['report', 2, 3, 4]) {
            const { result } = await execute(COMMANDS[0], { format, layout, part, snippet: true });
            assert.ok(result.text.length > 0, `${format} ${layout} ${part}`);
          }
        }
      }
    });
    test('bad arguments get null, not an error', async () => {
      for (const argument of [undefined, null, 5, 'x', { format: '2018' }, { layout: 'html' }, { part: 7 }]) {
        const response = await execute(COMMANDS[0], argument);
        assert.equal(response.error, undefined);
        assert.equal(response.result, null);
      }
    });
  });

  describe('govreport.server.convertTo2021', () => {
    test('converts a 2019-format report with one applyEdit carrying its version', async () => {
      const text = makeReport({ year: 2020, requests: requests2019() });
      const documentUri = await open('convert.txt', text);
      const since = applied.length;
      const { result } = await execute(COMMANDS[1], documentUri, version);
      assert.equal(result.applied, true);
      assert.equal(result.converted, 6);
      assert.ok(result.notes.some((note) => /第二十条第（九）项/.test(note)));
      assert.equal(applied.length, since + 1);
      const { edit, label } = applied[since];
      assert.equal(label, '将表格转换为 2021 年格式');
      assert.equal(edit.documentChanges[0].textDocument.version, version);
      const converted = applyEdits(text, editsOf(edit, documentUri));
      assert.deepEqual(converted, applyEdits(text, library.convertTo2021(text).edits));
      const after = library.analyze(converted.replaceAll('2020年', '2021年'));
      assert.equal(after.format, '2021');
      assert.deepEqual([...new Set(after.diagnostics.map((d) => d.rule))], ['cell-blank']);
    });
    test('nothing to convert: no applyEdit', async () => {
      const documentUri = await open('convert-2021.txt', makeReport());
      const since = applied.length;
      const { result } = await execute(COMMANDS[1], documentUri);
      assert.deepEqual([result.applied, result.reason, result.converted], [false, 'nothing', 0]);
      assert.equal(applied.length, since);
    });
    test('a stale version or an unknown document is refused', async () => {
      const documentUri = await open('convert-stale.txt', makeReport({ year: 2020 }));
      const stale = await execute(COMMANDS[1], documentUri, version + 5);
      assert.deepEqual([stale.result.applied, stale.result.reason], [false, 'stale']);
      const unknown = await execute(COMMANDS[1], uri('nowhere.txt'));
      assert.deepEqual([unknown.result.applied, unknown.result.reason], [false, 'no-document']);
      const garbage = await execute(COMMANDS[1], { not: 'a uri' });
      assert.equal(garbage.result.applied, false);
    });
    test('a client refusing the edit is reported', async () => {
      const documentUri = await open('convert-refused.txt', makeReport({ year: 2020 }));
      acceptEdits = false;
      try {
        const { result } = await execute(COMMANDS[1], documentUri);
        assert.deepEqual([result.applied, result.reason], [false, 'test says no']);
      } finally {
        acceptEdits = true;
      }
    });
  });

  describe('govreport.server.fixAll', () => {
    test('applies exactly the edits of the source.fixAll.govreport code action', async () => {
      const requests = requests2021().filter((row) => row.label !== '4.保护第三方合法权益');
      requests.find((row) => row.label === '（七）总计').values[6] = 99;
      const text = makeReport({ requests }).replace('（一）予以公开\t5', '（一）予以公开\t');
      const documentUri = await open('fixall.txt', text);
      const actions = await client.request('textDocument/codeAction', {
        textDocument: { uri: documentUri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.govreport'] },
      });
      const action = actions.result.find((candidate) => candidate.kind === 'source.fixAll.govreport');
      assert.ok(action, 'the code action is offered');
      const since = applied.length;
      const { result } = await execute(COMMANDS[2], documentUri, version);
      assert.equal(result.applied, true);
      assert.equal(applied.length, since + 1);
      assert.deepEqual(editsOf(applied[since].edit, documentUri), editsOf(action.edit, documentUri));
      assert.equal(result.edits, editsOf(action.edit, documentUri).length);
      const fixed = applyEdits(text, editsOf(applied[since].edit, documentUri));
      const remaining = library.analyze(fixed).diagnostics;
      assert.deepEqual(remaining.filter((d) => d.fixes?.length), []);
    });
    test('a clean report: nothing applied', async () => {
      const documentUri = await open('fixall-clean.txt', makeReport());
      const since = applied.length;
      const { result } = await execute(COMMANDS[2], documentUri);
      assert.deepEqual([result.applied, result.reason, result.edits], [false, 'nothing', 0]);
      assert.equal(applied.length, since);
    });
  });

  test('an unknown command answers null', async () => {
    const response = await execute('govreport.server.nope');
    assert.equal(response.error, undefined);
    assert.equal(response.result, null);
  });
});
