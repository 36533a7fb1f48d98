// The editor features of the language service (completion, hover, document symbols, folding, code
// lens, formatting) on crafted reports in several layouts and on the five real seeds. Expected labels
// are written out here (not read from the templates under test), so a wrong template fails a test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import {
  active2021,
  applyEdits,
  makeReport,
  offsetAt,
  rangeText,
  repoRoot,
  requests2019,
  requests2021,
  REVIEWS,
  seedsDir,
} from './fixtures.mjs';

/** The six section headings of the template, in order, as completion offers and the outline shows them. */
const SIX_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

const require = createRequire(import.meta.url);
const lib = require(path.join(repoRoot, 'server/dist/index.js'));
const seeds = fs.readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort();
const readSeed = (name) => fs.readFileSync(path.join(seedsDir, name), 'utf8');

function open(text, options) {
  const { report, result } = lib.analyzeReport(text, options);
  assert.ok(report, 'parsed');
  return { text, report, result };
}

const lineOf = (text, needle, from = 0) => {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line, i) => i >= from && line.includes(needle));
  assert.ok(index >= 0, `"${needle}" in the text`);
  return index;
};
const pos = (line, character) => ({ line, character });
const rng = (l1, c1, l2, c2) => ({ start: pos(l1, c1), end: pos(l2, c2) });

/** Inserts an empty line before line `index`. */
function withEmptyLine(text, index) {
  const lines = text.split('\n');
  lines.splice(index, 0, '');
  return lines.join('\n');
}

const ARITHMETIC = new Set(['row-total', 'result-total', 'group-total', 'balance', 'review-total']);

// ---------------------------------------------------------------------------------------------------
describe('completion: section headings', () => {
  test('the missing headings, in order, with the markdown marker the report uses', () => {
    const text = makeReport({ drop: [2, 5] }) + '\n';
    const doc = open(text);
    const last = text.split('\n').length - 1;
    const items = lib.completion(doc.report, doc.result, pos(last, 0));
    assert.deepEqual(items.map((item) => item.label), ['二、主动公开政府信息情况', '五、存在的主要问题及改进情况']);
    assert.deepEqual(items.map((item) => item.edit), [
      { range: rng(last, 0, last, 0), newText: '## 二、主动公开政府信息情况' },
      { range: rng(last, 0, last, 0), newText: '## 五、存在的主要问题及改进情况' },
    ]);
    assert.ok(items.every((item) => item.kind === 'section'));
    // After 六 neither fits the order: nothing is preselected.
    assert.ok(items.every((item) => !item.preselect));
  });

  test('the heading that fits between its neighbours is preselected; typed markers and text are replaced', () => {
    const base = makeReport({ drop: [2, 5] });
    const at = lineOf(base, '## 三、');
    const text = withEmptyLine(base, at).replace(/\n\n## 三、/, '\n## 二\n## 三、');
    const line = lineOf(text, '## 二');
    const doc = open(text);
    const items = lib.completion(doc.report, doc.result, pos(line, 4));
    const two = items.find((item) => item.label === '二、主动公开政府信息情况');
    assert.equal(two.preselect, true);
    // "## " already typed: only the text after it is replaced, and no second marker is added.
    assert.deepEqual(two.edit, { range: rng(line, 3, line, 4), newText: '二、主动公开政府信息情况' });
    assert.equal(items.find((item) => item.label.startsWith('五')).preselect, undefined);
  });

  test('no headings when every section is there, on a heading line, or in the middle of a sentence', () => {
    const full = open(makeReport() + '\n');
    assert.deepEqual(lib.completion(full.report, full.result, pos(full.text.split('\n').length - 1, 0)), []);
    const dropped = open(makeReport({ drop: [5] }));
    const sentence = lineOf(dropped.text, '本局认真贯彻');
    assert.deepEqual(lib.completion(dropped.report, dropped.result, pos(sentence, 30)), []);
    const heading = lineOf(dropped.text, '## 一、');
    assert.deepEqual(lib.completion(dropped.report, dropped.result, pos(heading, 0)), []);
  });

  test('an empty document gets all six headings', () => {
    const doc = open('');
    const items = lib.completion(doc.report, doc.result, pos(0, 0));
    assert.deepEqual(items.map((item) => item.label), SIX_HEADINGS);
    assert.equal(items[0].preselect, true);
  });
});

describe('completion: missing rows, in the table layout', () => {
  const missingTwo = () => requests2021().filter((row) => !['（一）予以公开', '2.重复申请'].includes(row.label));
  const zeros = (n) => new Array(n).fill('0');
  const expected = {
    tab: ['（一）予以公开\t' + zeros(7).join('\t'), '2.重复申请\t' + zeros(7).join('\t')],
    pipe: [`| （一）予以公开 | ${zeros(7).join(' | ')} |`, `| 2.重复申请 | ${zeros(7).join(' | ')} |`],
    lines: [['\t（一）予以公开', ...zeros(7).map((zero) => `\t${zero}`)].join('\n'), ['\t2.重复申请', ...zeros(7).map((zero) => `\t${zero}`)].join('\n')],
    space: ['（一）予以公开 ' + zeros(7).join(' '), '2.重复申请 ' + zeros(7).join(' ')],
  };
  for (const layout of ['tab', 'pipe', 'lines', 'space']) {
    test(`${layout}: the labels of the missing rows, each inserted whole with zeros, and then found`, () => {
      const base = makeReport({ layout, requests: missingTwo() });
      const at = lineOf(base, '3.要求提供公开出版物');
      const text = withEmptyLine(base, at);
      const doc = open(text);
      assert.equal(doc.result.diagnostics.filter((d) => d.rule === 'row-missing').length, 2);
      const items = lib.completion(doc.report, doc.result, pos(at, 0));
      assert.deepEqual(items.map((item) => item.label), ['（一）予以公开', '2.重复申请']);
      assert.deepEqual(items.map((item) => item.edit.newText), expected[layout]);
      assert.ok(items.every((item) => item.kind === 'row' && item.edit.range.start.line === at && item.edit.range.start.character === 0));
      // Inserting the completion makes the row a real, placed row of zeros.
      const fixed = applyEdits(text, [items[0].edit]);
      const after = lib.analyze(fixed);
      const missing = after.diagnostics.filter((d) => d.rule === 'row-missing').map((d) => d.message);
      assert.equal(missing.length, 1, JSON.stringify(missing));
      assert.ok(missing[0].includes('重复申请'));
      const row = after.tables.find((table) => table.section === 3).rows.find((candidate) => candidate.id === 'public');
      assert.deepEqual(row.cells.map((cell) => cell.value), [0, 0, 0, 0, 0, 0, 0]);
    });
  }

  test('a missing group offers its label (label only) and its rows; a 2019 （六） is a value row', () => {
    const rows = requests2019().filter((row) => !/^（四）|^[123]\.(本机关|没有现成|补正后)/.test(row.label));
    const base = makeReport({ year: 2020, requests: rows });
    const at = lineOf(base, '（五）不予处理');
    const text = withEmptyLine(base, at);
    const doc = open(text);
    const items = lib.completion(doc.report, doc.result, pos(at, 0));
    assert.deepEqual(items.map((item) => item.edit.newText), [
      '（四）无法提供',
      '1.本机关不掌握相关政府信息\t0\t0\t0\t0\t0\t0\t0',
      '2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0',
      '3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0',
    ]);
  });

  test('a line right under a table gets its rows and the missing headings; a complete table offers no rows', () => {
    const base = makeReport({ requests: missingTwo(), drop: [5] });
    const last = lineOf(base, '四、结转下年度继续办理');
    const text = withEmptyLine(base, last + 1);
    const doc = open(text);
    const labels = lib.completion(doc.report, doc.result, pos(last + 1, 0)).map((item) => item.label);
    assert.deepEqual(labels, ['（一）予以公开', '2.重复申请', '五、存在的主要问题及改进情况']);
    const full = open(withEmptyLine(makeReport(), lineOf(makeReport(), '3.要求提供公开出版物')));
    assert.deepEqual(lib.completion(full.report, full.result, pos(lineOf(makeReport(), '3.要求提供公开出版物'), 0)), []);
  });
});

test('completion: nothing is inserted in front of text already on the line', () => {
  const requests = requests2021().filter((row) => row.label !== '（一）予以公开');
  const doc = open(makeReport({ requests, drop: [5] }));
  const row = lineOf(doc.text, '（二）部分公开');
  assert.deepEqual(lib.completion(doc.report, doc.result, pos(row, 0)), []);
  const prose = lineOf(doc.text, '本年度未收取信息处理费');
  assert.deepEqual(lib.completion(doc.report, doc.result, pos(prose, 0)), []);
});

describe('completion: header labels', () => {
  test('the column labels of the table, the missing one first, replacing the cell being typed', () => {
    const active = active2021();
    active[0].columns = ['本年制发件数', '本年废止件数'];
    const base = makeReport({ active });
    const line = lineOf(base, '信息内容\t本年制发件数\t本年废止件数');
    const lines = base.split('\n');
    // A new cell is being typed at the end of the header line (nothing typed yet: a typed fragment
    // would already be read as a deviating label of that column).
    lines[line] += '\t';
    const text = lines.join('\n');
    const doc = open(text);
    const items = lib.completion(doc.report, doc.result, pos(line, lines[line].length));
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.deepEqual(sorted.map((item) => item.label), ['现行有效件数', '信息内容', '本年制发件数', '本年废止件数']);
    assert.ok(items.every((item) => item.kind === 'column'));
    const end = lines[line].length;
    assert.deepEqual(sorted[0].edit, { range: rng(line, end, line, end), newText: '现行有效件数' });
    assert.equal(sorted[0].detail, '表头缺少的列');
  });

  test('in the header of table 三: corner note, group headers and the seven columns', () => {
    const text = makeReport();
    const doc = open(text);
    const line = lineOf(text, '\t\t商业企业');
    const labels = lib.completion(doc.report, doc.result, pos(line, 1)).map((item) => item.label);
    assert.deepEqual(labels, [
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '申请人情况',
      '法人或其他组织',
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
/** A 2021 tab report whose （一）予以公开 · 自然人 is 6 instead of 5: its row total and （七） are off. */
function wrongCell() {
  const requests = requests2021();
  requests.find((row) => row.label === '（一）予以公开').values[0] = 6;
  return open(makeReport({ requests }));
}

function cellPosition(doc, rowId, column, section = 3) {
  const table = doc.result.tables.find((candidate) => candidate.section === section);
  const row = table.rows.find((candidate) => candidate.id === rowId);
  const cell = row.cells.find((candidate) => candidate.column === column);
  return cell.range;
}

describe('hover', () => {
  test('a value cell: row and column names, and each sum it takes part in with its computed value', () => {
    const doc = wrongCell();
    const range = cellPosition(doc, 'public', 'natural_person');
    const found = lib.hover(doc.report, doc.result, range.start);
    assert.deepEqual(found.range, range);
    assert.equal(
      found.contents,
      [
        '**（一）予以公开 · 自然人** = 6',
        '',
        '表三（依申请公开）：三、本年度办理结果 › （一）予以公开｜申请人情况 › 自然人',
        '',
        '勾稽关系：（七）总计 · 自然人 = 11（表中为 10）；本行合计 = 7（表中为 6）',
      ].join('\n'),
    );
  });

  test('a cell of （七）总计: its column sum, its row total and the balance of the corner note', () => {
    const doc = open(makeReport());
    const found = lib.hover(doc.report, doc.result, cellPosition(doc, 'results_total', 'natural_person').start);
    assert.match(found.contents, /\n勾稽关系：（七）总计 · 自然人 = 10；本行合计 = 12；一 \+ 二 = 11；（七）总计 \+ 四 = 11$/);
  });

  test('a sub-row: the group subtotal; a column under 法人或其他组织 gets its whole header path', () => {
    const doc = open(makeReport({ layout: 'pipe' }));
    const found = lib.hover(doc.report, doc.result, cellPosition(doc, 'refused_three_security', 'commercial').start);
    assert.ok(found.contents.startsWith('**3.危及“三安全一稳定” · 商业企业** = 0\n'), found.contents);
    assert.ok(found.contents.includes('三、本年度办理结果 › （三）不予公开 › 3.危及“三安全一稳定”｜申请人情况 › 法人或其他组织 › 商业企业'));
    assert.ok(found.contents.includes('（三）不予公开 · 商业企业 小计 = 0'));
  });

  test('table 四: the group total', () => {
    const doc = open(makeReport({ layout: 'lines' }));
    const table = doc.result.tables.find((candidate) => candidate.section === 4);
    const cell = table.rows[0].cells.find((candidate) => candidate.column === 'litigation_direct.upheld');
    const found = lib.hover(doc.report, doc.result, cell.range.start);
    assert.ok(found.contents.startsWith('**行政诉讼·未经复议直接起诉·结果维持** = 0\n\n表四（复议、诉讼）：行政诉讼·未经复议直接起诉·结果维持\n'), found.contents);
    assert.ok(found.contents.endsWith('勾稽关系：行政诉讼·未经复议直接起诉 · 总计 = 1'), found.contents);
  });

  test('a finding: its message and a link to the rule page; English on request', () => {
    const doc = wrongCell();
    const total = cellPosition(doc, 'public', 'total');
    const found = lib.hover(doc.report, doc.result, total.start);
    const diagnostic = doc.result.diagnostics.find((d) => d.rule === 'row-total');
    assert.ok(found.contents.includes('本行合计 = 7（表中为 6）'));
    assert.ok(found.contents.includes(`错误：${diagnostic.message}\n\n[规则说明：row-total](${diagnostic.href})`), found.contents);
    assert.match(diagnostic.href, /row-total\.md$/);
    const en = open(doc.text, { locale: 'en' });
    const english = lib.hover(en.report, en.result, total.start, { locale: 'en' });
    assert.ok(english.contents.includes('Sums: '), english.contents);
    assert.ok(english.contents.includes(`Error: ${en.result.diagnostics.find((d) => d.rule === 'row-total').message}\n\n[rule page: row-total](`), english.contents);
    assert.ok(english.contents.includes('\n\ntable 3 (requests): 三、本年度办理结果 › （一）予以公开｜申请人情况 › 总计\n'), english.contents);
  });

  test('a finding outside any table (missing section) still hovers', () => {
    const doc = open(makeReport({ drop: [5] }));
    const diagnostic = doc.result.diagnostics.find((d) => d.rule === 'section-missing');
    const found = lib.hover(doc.report, doc.result, diagnostic.range.start);
    assert.deepEqual(found.range, diagnostic.range);
    assert.ok(found.contents.includes(diagnostic.message));
  });

  test('a row label: where the row sits in the template', () => {
    const doc = open(makeReport());
    const line = lineOf(doc.text, '1.属于国家秘密');
    const found = lib.hover(doc.report, doc.result, pos(line, 2));
    assert.deepEqual(found, {
      contents: '**1.属于国家秘密**\n\n表三（依申请公开）：三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密',
      range: rng(line, 0, line, '1.属于国家秘密'.length),
    });
  });

  test('prose and positions outside the document give no hover', () => {
    const doc = open(makeReport());
    assert.equal(lib.hover(doc.report, doc.result, pos(lineOf(doc.text, '本局认真贯彻'), 5)), null);
    assert.equal(lib.hover(doc.report, doc.result, pos(9999, 9999)), null);
    assert.equal(lib.hover(doc.report, doc.result, pos(-1, -5)), null);
  });
});

// ---------------------------------------------------------------------------------------------------
function walk(symbols, visit, parent = null) {
  for (const symbol of symbols) {
    visit(symbol, parent);
    walk(symbol.children, visit, symbol);
  }
}
const before = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const within = (inner, outer) => before(outer.start, inner.start) && before(inner.end, outer.end);

describe('document symbols', () => {
  test('sections → tables → row groups → rows', () => {
    const doc = open(makeReport());
    const symbols = lib.documentSymbols(doc.report, doc.result);
    assert.deepEqual(symbols.map((symbol) => symbol.name), SIX_HEADINGS);
    assert.deepEqual(symbols[1].children.map((symbol) => symbol.name), [
      '表二第二十条第（一）项',
      '表二第二十条第（五）项',
      '表二第二十条第（六）项',
      '表二第二十条第（八）项',
    ]);
    assert.deepEqual(symbols[1].children[0].children.map((symbol) => [symbol.name, symbol.detail]), [
      ['规章', '0 0 0'],
      ['行政规范性文件', '2 1 15'],
    ]);
    const table3 = symbols[2].children[0];
    assert.equal(table3.name, '表三（依申请公开）');
    assert.equal(table3.detail, '2021 年格式 · 制表符分隔');
    assert.deepEqual(table3.children.map((symbol) => [symbol.name, symbol.kind]), [
      ['一、本年新收政府信息公开申请数量', 'row'],
      ['二、上年结转政府信息公开申请数量', 'row'],
      ['三、本年度办理结果', 'group'],
      ['四、结转下年度继续办理', 'row'],
    ]);
    const results = table3.children[2];
    assert.deepEqual(results.children.map((symbol) => symbol.name), [
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '（三）不予公开',
      '（四）无法提供',
      '（五）不予处理',
      '（六）其他处理',
      '（七）总计',
    ]);
    assert.equal(results.children[2].children.length, 8);
    assert.equal(results.children[6].detail, '总计 12');
    // The group's range runs from its label to its last row.
    assert.equal(results.range.start.line, lineOf(doc.text, '三、本年度办理结果'));
    assert.equal(results.range.end.line, lineOf(doc.text, '（七）总计'));
    assert.deepEqual(symbols[3].children[0].children.map((symbol) => [symbol.name, symbol.detail]), [
      ['行政复议', '总计 1'],
      ['行政诉讼·未经复议直接起诉', '总计 1'],
      ['行政诉讼·复议后起诉', '总计 0'],
    ]);
    assert.deepEqual(symbols[4].children, []);
  });

  test('a missing group label leaves its rows one level up', () => {
    const requests = requests2021().filter((row) => row.label !== '（三）不予公开');
    const doc = open(makeReport({ requests }));
    const results = lib.documentSymbols(doc.report, doc.result)[2].children[0].children[2];
    assert.deepEqual(results.children.slice(2, 4).map((symbol) => symbol.name), ['1.属于国家秘密', '2.其他法律行政法规禁止公开']);
  });

  const documents = [
    ...['tab', 'lines', 'pipe', 'space'].map((layout) => [`crafted ${layout}`, makeReport({ layout })]),
    ...seeds.map((name) => [name, readSeed(name)]),
  ];
  for (const [name, text] of documents) {
    test(`${name}: every section and table, ranges nested and inside the document`, () => {
      const doc = open(text);
      const symbols = lib.documentSymbols(doc.report, doc.result);
      const counts = { section: 0, table: 0 };
      const lines = text.split(/\r\n|\r|\n/);
      walk(symbols, (symbol, parent) => {
        if (symbol.kind in counts) counts[symbol.kind]++;
        assert.ok(symbol.name.length > 0);
        assert.ok(within(symbol.selectionRange, symbol.range), `${symbol.name}: selection inside range`);
        if (parent) assert.ok(within(symbol.range, parent.range), `${symbol.name} inside ${parent.name}`);
        for (const p of [symbol.range.start, symbol.range.end]) assert.ok(p.line < lines.length && p.character <= lines[p.line].length);
      });
      assert.equal(counts.section, doc.result.sections.length);
      assert.equal(counts.table, doc.result.tables.length);
    });
  }
});

// ---------------------------------------------------------------------------------------------------
describe('folding ranges', () => {
  test('sections from heading to last text line, tables over their lines', () => {
    const doc = open(makeReport());
    const ranges = lib.foldingRanges(doc.report, doc.result);
    const sections = ranges.filter((range) => range.kind === 'section');
    const tables = ranges.filter((range) => range.kind === 'table');
    assert.deepEqual(
      sections.map((range) => range.startLine),
      doc.result.sections.map((section) => section.headingRange.start.line),
    );
    // Section 一: heading, blank line, one paragraph.
    assert.deepEqual(sections[0], { startLine: 2, endLine: 4, kind: 'section' });
    assert.equal(sections[2].endLine, lineOf(doc.text, '四、结转下年度继续办理'));
    assert.deepEqual(
      tables.map((range) => [range.startLine, range.endLine]),
      doc.result.tables.map((table) => [table.range.start.line, table.range.end.line]),
    );
  });

  for (const name of seeds) {
    test(`${name}: one range per section with text and per table, all inside the document`, () => {
      const text = readSeed(name);
      const doc = open(text);
      const ranges = lib.foldingRanges(doc.report, doc.result);
      const lineCount = text.split(/\r\n|\r|\n/).length;
      assert.equal(ranges.filter((range) => range.kind === 'table').length, doc.result.tables.filter((t) => t.range.end.line > t.range.start.line).length);
      assert.ok(ranges.filter((range) => range.kind === 'section').length >= 5);
      for (const range of ranges) assert.ok(range.startLine < range.endLine && range.endLine < lineCount, JSON.stringify(range));
    });
  }
});

// ---------------------------------------------------------------------------------------------------
describe('code lens', () => {
  test('a consistent report: "全部一致" above tables 三 and 四, nothing above the tables of 二', () => {
    const doc = open(makeReport({ layout: 'pipe' }));
    const lenses = lib.codeLenses(doc.report, doc.result);
    const tables = doc.result.tables.filter((table) => table.section !== 2);
    assert.deepEqual(
      lenses,
      tables.map((table) => ({ range: rng(table.range.start.line, 0, table.range.start.line, 0), title: '勾稽关系：全部一致', count: 0 })),
    );
  });

  test('the count of arithmetic findings in each table; the target is the first one', () => {
    const requests = requests2021();
    requests.find((row) => row.label === '（一）予以公开').values[0] = 6;
    const reviews = [...REVIEWS];
    reviews[4] = 3;
    const doc = open(makeReport({ requests, reviews }));
    const lenses = lib.codeLenses(doc.report, doc.result);
    assert.deepEqual(lenses.map((lens) => [lens.title, lens.count]), [
      ['勾稽关系：2 处不一致', 2],
      ['勾稽关系：1 处不一致', 1],
    ]);
    const rowTotal = doc.result.diagnostics.find((d) => d.rule === 'row-total');
    assert.deepEqual(lenses[0].target, rowTotal.range);
    assert.deepEqual(lenses[1].target, doc.result.diagnostics.find((d) => d.rule === 'review-total').range);
    const en = lib.codeLenses(doc.report, doc.result, { locale: 'en' });
    assert.equal(en[0].title, 'Totals: 2 inconsistent');
  });

  test('seeds: no arithmetic finding; rows that could not be read are said', () => {
    const titles = Object.fromEntries(
      seeds.map((name) => {
        const doc = open(readSeed(name));
        return [name, lib.codeLenses(doc.report, doc.result).map((lens) => lens.title)];
      }),
    );
    assert.deepEqual(titles, {
      '000_ac29449b329bf600.txt': ['勾稽关系：全部一致（21 行无法核对）', '勾稽关系：全部一致'],
      '001_21d8e222a39c5270.txt': ['勾稽关系：全部一致（21 行无法核对）', '勾稽关系：全部一致'],
      '002_1b3f5fa6c3b14b9f.txt': ['勾稽关系：全部一致', '勾稽关系：全部一致'],
      '003_78928cc5e71a0532.txt': ['勾稽关系：全部一致（2 行无法核对）', '勾稽关系：全部一致'],
      '004_6f3e4622a0ccbca1.txt': ['勾稽关系：全部一致', '勾稽关系：全部一致'],
    });
  });

  test('a seed with a changed value: the lens counts it and points at it', () => {
    const text = readSeed('004_6f3e4622a0ccbca1.txt');
    const doc = open(text);
    const cell = cellPosition(doc, 'new', 'natural_person');
    const mutated = open(applyEdits(text, [{ range: cell, newText: String(Number(rangeText(text, cell)) + 1) }]));
    const lens = lib.codeLenses(mutated.report, mutated.result)[0];
    const findings = mutated.result.diagnostics.filter((d) => ARITHMETIC.has(d.rule));
    assert.ok(findings.length > 0);
    assert.equal(lens.title, `勾稽关系：${findings.length} 处不一致`);
    assert.deepEqual(lens.target, findings.map((d) => d.range).sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character)[0]);
  });
});

// ---------------------------------------------------------------------------------------------------
/** The non-blank cell texts of the tables, in order (pipe separator rows excluded). */
function cellTexts(text) {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => !/^\s*\|?\s*:?-{2,}/.test(line))
    .flatMap((line) => line.split(/[\t|]/))
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '');
}

function formatted(text, range) {
  const doc = open(text);
  const edits = lib.format(doc.report, doc.result, range);
  return { edits, text: applyEdits(text, edits) };
}

/** Every value of every table, by table, row and column. */
function values(text) {
  return lib.analyze(text).tables.map((table) => table.rows.map((row) => [row.id, row.label, row.cells?.map((cell) => [cell.column, cell.value]) ?? null]));
}

function assertSafe(before, after) {
  assert.deepEqual(cellTexts(after), cellTexts(before), 'labels and values unchanged');
  assert.deepEqual(values(after), values(before), 'the tables read the same');
  const rules = (text) => lib.analyze(text).diagnostics.map((d) => d.rule).sort();
  assert.deepEqual(rules(after), rules(before), 'the same findings');
  const again = formatted(after);
  assert.deepEqual(again.edits, [], 'formatting is idempotent');
}

describe('formatting', () => {
  for (const layout of ['tab', 'lines', 'space']) {
    test(`an already canonical ${layout} report gets no edits`, () => {
      assert.deepEqual(formatted(makeReport({ layout })).edits, []);
    });
  }

  test('tab rows: stray spaces and tabs go, a group label sharing a row line gets its own line', () => {
    const clean = makeReport();
    const lines = clean.split('\n');
    const messy = lines.map((line) => {
      if (!/\t\d/.test(line)) return line;
      // Spaces around the cells, a leading tab and trailing tabs, as Word exports leave them.
      return '\t' + line.split('\t').map((cell) => ` ${cell}  `).join('\t') + '\t\t';
    });
    const group = messy.findIndex((line) => line === '三、本年度办理结果');
    messy.splice(group, 2, `${messy[group]}\t${messy[group + 1]}`);
    const text = messy.join('\n');
    const result = formatted(text);
    assert.equal(result.text, clean);
    assertSafe(text, result.text);
    // Minimal: the edits touch only the changed parts of the lines.
    const first = result.edits[0];
    assert.ok(first.range.start.line === first.range.end.line || first.newText.includes('\n'));
  });

  test('pipe tables: padded to the display width of each column (wide characters count two)', () => {
    const text = makeReport({ layout: 'pipe' });
    const result = formatted(text);
    assert.ok(result.edits.length > 0);
    assertSafe(text, result.text);
    const out = result.text.split('\n');
    const width = (s) => [...s].reduce((sum, ch) => sum + (/[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
    // Each block of pipe lines: every line has the same display width and the same pipe positions.
    let blocks = 0;
    for (let i = 0; i < out.length; i++) {
      if (!out[i].startsWith('|') || (i > 0 && out[i - 1].startsWith('|'))) continue;
      blocks++;
      const block = [];
      for (let j = i; j < out.length && out[j].startsWith('|'); j++) block.push(out[j]);
      const pipes = (line) => {
        const at = [];
        let w = 0;
        for (const ch of line) {
          if (ch === '|') at.push(w);
          w += width(ch);
        }
        return at;
      };
      for (const line of block) assert.deepEqual(pipes(line), pipes(block[0]), line);
      assert.ok(/^\| -{3,} \|/.test(block[1]), block[1]);
    }
    assert.equal(blocks, 3);
    // The exact look of one row.
    assert.ok(out.includes('| 规章               | 0                          | 0            | 0            |'), out.slice(6, 12).join('\n'));
    // Prose is untouched.
    const prose = (s) => s.split('\n').filter((line) => !line.startsWith('|'));
    assert.deepEqual(prose(result.text), prose(text));
  });

  test('range formatting touches only the tables in the range', () => {
    const text = makeReport({ layout: 'pipe' });
    const from = lineOf(text, '## 四、');
    const to = text.split('\n').length - 1;
    const { edits } = formatted(text, rng(from, 0, to, 0));
    assert.ok(edits.length > 0);
    const table4 = lib.analyze(text).tables.find((table) => table.section === 4).range;
    for (const edit of edits) assert.ok(edit.range.start.line >= table4.start.line - 1 && edit.range.end.line <= table4.end.line, JSON.stringify(edit));
  });

  test('CRLF: line breaks are kept', () => {
    const clean = makeReport().replace(/\n/g, '\r\n');
    const text = clean.replace('三、本年度办理结果\r\n', '三、本年度办理结果\t').replace(/\t(\d+)\r\n/g, '\t$1\t\r\n');
    const result = formatted(text);
    assert.equal(result.text, clean);
  });

  for (const name of seeds) {
    test(`${name}: no label or value changed, prose untouched, idempotent`, () => {
      const text = readSeed(name);
      const result = formatted(text);
      assertSafe(text, result.text);
      const doc = open(text);
      // Every edit lies inside a table.
      for (const edit of result.edits) {
        assert.ok(
          doc.result.tables.some((table) => edit.range.start.line >= table.range.start.line && edit.range.end.line <= table.range.end.line),
          JSON.stringify(edit),
        );
      }
    });
  }

  test('a legacy or unrecognised document is not formatted', () => {
    assert.deepEqual(formatted('随便写的一段文字\t1\t2\n| a | b |\n').edits, []);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('bad input never throws', () => {
  const inputs = ['', '\n\n', '\t\t\t', '| | |\n|---|\n| |', '第二十条第（一）项\n信息内容', 'x'.repeat(1000), makeReport().slice(0, 777), '\r\n\r', '\ud800\udc00\ud800'];
  for (const [index, text] of inputs.entries()) {
    test(`input ${index}`, () => {
      const doc = open(text);
      const positions = [pos(0, 0), pos(0, 5), pos(3, 1), pos(1e9, 1e9), pos(-3, -3), pos(NaN, 2)];
      for (const p of positions) {
        lib.completion(doc.report, doc.result, p);
        lib.hover(doc.report, doc.result, p);
      }
      lib.documentSymbols(doc.report, doc.result);
      lib.foldingRanges(doc.report, doc.result);
      lib.codeLenses(doc.report, doc.result);
      lib.format(doc.report, doc.result);
      lib.format(doc.report, doc.result, rng(0, 0, 1e6, 0));
      lib.completion(doc.report, null, pos(0, 0));
      lib.hover(doc.report, null, pos(0, 0));
    });
  }

  test('completion edits stay inside the document', () => {
    const text = makeReport({ drop: [5] });
    const doc = open(text);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (const item of lib.completion(doc.report, doc.result, pos(line, lines[line].length))) {
        const { start, end } = item.edit.range;
        assert.ok(start.line === line && end.line === line && start.character <= end.character && end.character <= lines[line].length);
        assert.ok(offsetAt(text, end) <= text.length);
      }
    }
  });
});
