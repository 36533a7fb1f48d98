// Protocol tests of the editor features: completion, hover, documentSymbol, foldingRange, codeLens and
// (range) formatting over a spawned `server/dist/server.js --stdio`, on a real seed and on crafted
// reports. The answers must be the library's features, translated to LSP.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';
import { applyEdits, makeReport, requests2021, REVIEWS } from '../unit/fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');
const library = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));
const seedsDir = path.resolve(repoRoot, '../shared/examples/seeds');
const uri = (name) => pathToFileURL(path.join(repoRoot, 'test-output', 'protocol-features', name)).href;

const seedText = readFileSync(path.join(seedsDir, '002_1b3f5fa6c3b14b9f.txt'), 'utf8');

/** A 2021 report: section 五 dropped, （一）予以公开 missing (an empty line where it goes), a wrong 表四 total. */
function craftedText() {
  const requests = requests2021().filter((row) => row.label !== '（一）予以公开');
  const reviews = [...REVIEWS];
  reviews[4] = 3;
  const text = makeReport({ requests, reviews, drop: [5] });
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith('（二）部分公开'));
  lines.splice(at, 0, '');
  return { text: lines.join('\n') + '\n', emptyLine: at };
}
const crafted = craftedText();
const pipeText = makeReport({ layout: 'pipe' });

const lineOf = (text, needle) => text.split('\n').findIndex((line) => line.includes(needle));

describe('editor features over stdio', () => {
  /** @type {LspClient} */
  let client;
  let capabilities;
  const docs = {
    seed: { uri: uri('seed-002.txt'), text: seedText, languageId: 'govreport' },
    crafted: { uri: uri('crafted.govreport'), text: crafted.text, languageId: 'govreport' },
    pipe: { uri: uri('pipe.md'), text: pipeText, languageId: 'markdown' },
    prose: { uri: uri('notes.txt'), text: '今天开会。\n| a | b |\n|---|---|\n| 1 | 2 |\n', languageId: 'plaintext' },
  };

  before(async () => {
    client = new LspClient(serverPath, {
      cwd: repoRoot,
      onRequest: (method, params) =>
        method === 'workspace/configuration' ? params.items.map(() => ({ detect: true, locale: 'auto', format: 'auto', rules: {} })) : null,
    });
    const response = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repoRoot).href,
      locale: 'zh-CN',
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          completion: { completionItem: { insertReplaceSupport: false } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    capabilities = response.result.capabilities;
    client.notify('initialized', {});
    for (const doc of Object.values(docs)) {
      client.notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text } });
    }
    await Promise.all(Object.values(docs).map((doc) => client.waitForDiagnostics(doc.uri)));
  });

  after(() => client?.kill());

  const ask = async (method, params) => {
    const response = await client.request(method, params);
    assert.equal(response.error, undefined, `${method}: ${JSON.stringify(response.error)}\n${client.stderr}`);
    return response.result;
  };
  const lib = (doc) => library.analyzeReport(doc.text, { locale: 'zh-CN' });

  test('initialize announces every feature', () => {
    assert.ok(capabilities.completionProvider);
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.documentSymbolProvider);
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
    assert.equal(capabilities.documentFormattingProvider, true);
    assert.equal(capabilities.documentRangeFormattingProvider, true);
  });

  test('completion: the missing row inside the table, the missing heading at a line start', async () => {
    const doc = docs.crafted;
    const rows = await ask('textDocument/completion', { textDocument: { uri: doc.uri }, position: { line: crafted.emptyLine, character: 0 } });
    const items = Array.isArray(rows) ? rows : rows.items;
    assert.deepEqual(items.map((item) => item.label), ['（一）予以公开']);
    assert.deepEqual(items[0].textEdit, {
      range: { start: { line: crafted.emptyLine, character: 0 }, end: { line: crafted.emptyLine, character: 0 } },
      newText: '（一）予以公开\t0\t0\t0\t0\t0\t0\t0',
    });
    assert.equal(items[0].kind, 5); // Field
    assert.equal(items[0].insertTextMode, 1); // asIs: the editor must not re-indent the row
    const last = doc.text.split('\n').length - 1;
    const headings = await ask('textDocument/completion', { textDocument: { uri: doc.uri }, position: { line: last, character: 0 } });
    assert.deepEqual((Array.isArray(headings) ? headings : headings.items).map((item) => [item.label, item.textEdit.newText]), [
      ['五、存在的主要问题及改进情况', '## 五、存在的主要问题及改进情况'],
    ]);
  });

  test('completion on the seed: the header labels of table 三 where its header is', async () => {
    const doc = docs.seed;
    const line = lineOf(doc.text, '申请人情况');
    // At the end of the cell: the label typed so far is what the completion replaces.
    const character = doc.text.split('\n')[line].length;
    const result = await ask('textDocument/completion', { textDocument: { uri: doc.uri }, position: { line, character } });
    const items = Array.isArray(result) ? result : result.items;
    const { report, result: analysis } = lib(doc);
    const expected = library.completion(report, analysis, { line, character });
    assert.deepEqual(items.find((item) => item.label === '申请人情况').textEdit.range, { start: { line, character: 1 }, end: { line, character } });
    assert.ok(expected.length > 0);
    assert.deepEqual(items.map((item) => item.label), expected.map((item) => item.label));
    assert.ok(items.some((item) => item.label === '自然人'));
  });

  test('hover: a cell with its sums, and a finding with its rule page', async () => {
    const doc = docs.crafted;
    const { report, result } = lib(doc);
    const table = result.tables.find((candidate) => candidate.section === 4);
    const cell = table.rows[0].cells.find((candidate) => candidate.column === 'review.total');
    const found = await ask('textDocument/hover', { textDocument: { uri: doc.uri }, position: cell.range.start });
    assert.equal(found.contents.kind, 'markdown');
    assert.deepEqual(found.range, cell.range);
    assert.equal(found.contents.value, library.hover(report, result, cell.range.start).contents);
    assert.ok(found.contents.value.includes('勾稽关系：行政复议 · 总计 = 1（表中为 3）'), found.contents.value);
    assert.ok(/\[规则说明：review-total\]\(\S+review-total\.md\)/.test(found.contents.value), found.contents.value);
    const prose = await ask('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: lineOf(doc.text, '本局认真贯彻'), character: 3 } });
    assert.equal(prose, null);
  });

  test('hover on the seed: a value of table 三', async () => {
    const doc = docs.seed;
    const { report, result } = lib(doc);
    const row = result.tables.find((candidate) => candidate.section === 3).rows.find((candidate) => candidate.id === 'results_total');
    const cell = row.cells[0];
    const found = await ask('textDocument/hover', { textDocument: { uri: doc.uri }, position: cell.range.start });
    assert.equal(found.contents.value, library.hover(report, result, cell.range.start).contents);
    assert.ok(found.contents.value.startsWith('**（七）总计 · 自然人** = '), found.contents.value);
  });

  test('documentSymbol: sections → tables → row groups, hierarchical', async () => {
    for (const doc of [docs.seed, docs.crafted]) {
      const symbols = await ask('textDocument/documentSymbol', { textDocument: { uri: doc.uri } });
      const { report, result } = lib(doc);
      const expected = library.documentSymbols(report, result);
      const shape = (list) => list.map((symbol) => [symbol.name, symbol.range, symbol.selectionRange, shape(symbol.children ?? [])]);
      assert.deepEqual(shape(symbols), shape(expected));
      assert.ok(symbols.some((symbol) => symbol.name.startsWith('三、') && symbol.kind === 2 && symbol.children[0].name === '表三（依申请公开）'));
    }
    const table3 = (await ask('textDocument/documentSymbol', { textDocument: { uri: docs.crafted.uri } })).find((symbol) => symbol.name.startsWith('三、')).children[0];
    assert.equal(table3.kind, 23); // Struct
    const group = table3.children.find((symbol) => symbol.name === '三、本年度办理结果');
    assert.equal(group.kind, 3); // Namespace
    assert.equal(group.children[0].name, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
  });

  test('foldingRange: sections and tables', async () => {
    for (const doc of [docs.seed, docs.crafted]) {
      const ranges = await ask('textDocument/foldingRange', { textDocument: { uri: doc.uri } });
      const { report, result } = lib(doc);
      assert.deepEqual(
        ranges.map((range) => [range.startLine, range.endLine, range.kind]),
        library.foldingRanges(report, result).map((range) => [range.startLine, range.endLine, 'region']),
      );
      assert.ok(ranges.length >= result.tables.length);
    }
  });

  test('codeLens: 勾稽关系 per table; clicking reveals the first finding', async () => {
    const lenses = await ask('textDocument/codeLens', { textDocument: { uri: docs.crafted.uri } });
    const { result } = lib(docs.crafted);
    const finding = result.diagnostics.find((d) => d.rule === 'review-total');
    const t3 = result.tables.find((table) => table.section === 3).range.start.line;
    const t4 = result.tables.find((table) => table.section === 4).range.start.line;
    assert.deepEqual(lenses, [
      { range: { start: { line: t3, character: 0 }, end: { line: t3, character: 0 } }, command: { title: '勾稽关系：全部一致', command: '' } },
      {
        range: { start: { line: t4, character: 0 }, end: { line: t4, character: 0 } },
        command: { title: '勾稽关系：1 处不一致', command: 'govreport.revealRange', arguments: [docs.crafted.uri, finding.range] },
      },
    ]);
    const seed = await ask('textDocument/codeLens', { textDocument: { uri: docs.seed.uri } });
    assert.deepEqual(seed.map((lens) => lens.command.title), ['勾稽关系：全部一致', '勾稽关系：全部一致']);
  });

  test('formatting: pipe tables padded, idempotent; the seed keeps its one-cell-per-line layout', async () => {
    const options = { tabSize: 4, insertSpaces: true };
    const edits = await ask('textDocument/formatting', { textDocument: { uri: docs.pipe.uri }, options });
    const { report, result } = lib(docs.pipe);
    assert.deepEqual(edits, library.format(report, result));
    assert.ok(edits.length > 0);
    const after = applyEdits(docs.pipe.text, edits);
    client.notify('textDocument/didChange', { textDocument: { uri: docs.pipe.uri, version: 2 }, contentChanges: [{ text: after }] });
    assert.deepEqual(await ask('textDocument/formatting', { textDocument: { uri: docs.pipe.uri }, options }), []);
    assert.deepEqual(await ask('textDocument/formatting', { textDocument: { uri: docs.seed.uri }, options }), []);
  });

  test('range formatting: only the tables in the range', async () => {
    const messy = docs.crafted.text.replace('四、结转下年度继续办理\t', '四、结转下年度继续办理 \t\t');
    client.notify('textDocument/didChange', { textDocument: { uri: docs.crafted.uri, version: 2 }, contentChanges: [{ text: messy }] });
    const line = lineOf(messy, '四、结转下年度继续办理');
    const options = { tabSize: 4, insertSpaces: false };
    const outside = await ask('textDocument/rangeFormatting', {
      textDocument: { uri: docs.crafted.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
      options,
    });
    assert.deepEqual(outside, []);
    const inside = await ask('textDocument/rangeFormatting', {
      textDocument: { uri: docs.crafted.uri },
      range: { start: { line, character: 0 }, end: { line, character: 5 } },
      options,
    });
    assert.equal(applyEdits(messy, inside), docs.crafted.text);
    const whole = await ask('textDocument/formatting', { textDocument: { uri: docs.crafted.uri }, options });
    assert.equal(applyEdits(messy, whole), docs.crafted.text);
  });

  test('a plain-text document that is no report and an unknown document get empty answers', async () => {
    for (const target of [docs.prose.uri, uri('never-opened.txt')]) {
      const textDocument = { uri: target };
      const position = { line: 1, character: 2 };
      const completion = await ask('textDocument/completion', { textDocument, position });
      assert.deepEqual(Array.isArray(completion) ? completion : completion.items, []);
      assert.equal(await ask('textDocument/hover', { textDocument, position }), null);
      assert.deepEqual(await ask('textDocument/documentSymbol', { textDocument }), []);
      assert.deepEqual(await ask('textDocument/foldingRange', { textDocument }), []);
      assert.deepEqual(await ask('textDocument/codeLens', { textDocument }), []);
      assert.deepEqual(await ask('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }), []);
    }
  });
});
