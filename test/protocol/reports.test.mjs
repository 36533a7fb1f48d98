// Protocol test for a file of many reports: the server analyses it report by report and, on an edit,
// re-analyses only the report the edit touched. What it publishes after edits must be exactly what a
// fresh open of the same text gets, and the library's analysis of that text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';
import { offsetAt } from '../unit/fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');
const library = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));
const seedsDir = path.resolve(repoRoot, '../shared/examples/seeds');
const examplesDir = path.join(repoRoot, 'examples');

const texts = [
  ...readdirSync(seedsDir).sort().map((name) => readFileSync(path.join(seedsDir, name), 'utf8')),
  ...readdirSync(examplesDir)
    .sort()
    .filter((name) => /\.(txt|md)$/.test(name) && name !== 'README.md')
    .map((name) => readFileSync(path.join(examplesDir, name), 'utf8')),
];
const county = texts.join('\n');
const uri = (name) => pathToFileURL(path.join(repoRoot, 'test-output', 'protocol', name)).href;

function applyChanges(text, changes) {
  for (const change of changes) {
    text = text.slice(0, offsetAt(text, change.range.start)) + change.text + text.slice(offsetAt(text, change.range.end));
  }
  return text;
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const SEVERITY = { error: 1, warning: 2, info: 3 };
const plain = (diagnostics) => diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range, data: d.data }));

describe('a file of many reports over stdio', () => {
  /** @type {LspClient} */
  let client;

  before(async () => {
    client = new LspClient(serverPath, { cwd: repoRoot, onRequest: () => null });
    const response = await client.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
    });
    assert.equal(response.error, undefined);
    client.notify('initialized', {});
  });
  after(() => client?.kill());

  test('edits in one report give the diagnostics of a fresh open of the same text', async () => {
    const editedUri = uri('county.govreport');
    let since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: editedUri, languageId: 'govreport', version: 1, text: county } });
    const opened = await client.waitForDiagnostics(editedUri, { since, version: 1 });
    const expectedOpen = library.analyze(county, { locale: 'zh-CN' });
    assert.equal(expectedOpen.reports.length, texts.length);
    assert.deepEqual(
      opened.diagnostics.map((d) => [d.code, d.range]),
      expectedOpen.diagnostics.map((d) => [d.rule, d.range]),
    );

    // Change a value in a table of the fourth report, type a line of prose in the sixth, then delete
    // the section heading of the second (its findings change, the reports after it move by a line).
    let text = county;
    const fourth = expectedOpen.reports[3].range.start.line;
    const valueOffset = text.indexOf('\t', offsetAt(text, { line: fourth + 20, character: 0 }));
    const edits = [
      { range: { start: positionAt(text, valueOffset + 1), end: positionAt(text, valueOffset + 1) }, text: '8' },
      { at: expectedOpen.reports[5].range.start.line + 3, text: '本年度新增政务公开专栏3个。\n' },
      { deleteLineOf: '二、主动公开政府信息情况', after: expectedOpen.reports[1].range.start.line },
    ];
    let version = 1;
    for (const edit of edits) {
      let change;
      if (edit.range) change = { range: edit.range, text: edit.text };
      else if (edit.at !== undefined) change = { range: { start: { line: edit.at, character: 0 }, end: { line: edit.at, character: 0 } }, text: edit.text };
      else {
        const from = offsetAt(text, { line: edit.after, character: 0 });
        const line = positionAt(text, text.indexOf(edit.deleteLineOf, from)).line;
        change = { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
      }
      text = applyChanges(text, [change]);
      version++;
      since = client.notifications.length;
      client.notify('textDocument/didChange', { textDocument: { uri: editedUri, version }, contentChanges: [change] });
      const published = await client.waitForDiagnostics(editedUri, { since, version });
      const expected = library.analyze(text, { locale: 'zh-CN' });
      assert.deepEqual(
        published.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
        expected.diagnostics.map((d) => ({ code: d.rule, severity: SEVERITY[d.severity], message: d.message, range: d.range })),
        `after edit ${version - 1}`,
      );

      // The same text opened fresh, under another name: exactly the same diagnostics (fixes included).
      const freshUri = uri(`county-fresh-${version}.govreport`);
      since = client.notifications.length;
      client.notify('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: 'govreport', version: 1, text } });
      const fresh = await client.waitForDiagnostics(freshUri, { since, version: 1 });
      assert.deepEqual(plain(published.diagnostics), plain(fresh.diagnostics), `fresh open after edit ${version - 1}`);
      client.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
    }

    // The outline of the edited document: one top-level symbol per report.
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: editedUri } });
    assert.equal(symbols.result.length, texts.length);
    assert.ok(symbols.result.every((symbol) => symbol.kind === 1 && symbol.children.length > 0));
  });
});
