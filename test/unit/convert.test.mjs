// "将表格转换为 2021 年格式": the pure conversion in the service (convertTo2021 from the library). Every
// value that maps is carried over, what does not is marked "—" and named in the notes, only the tables
// that differ change, and the result is a 2021-format report in the same layout.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, applyEdits, makeReport, offsetAt, repoRoot, requests2019 } from './fixtures.mjs';

const { convertTo2021 } = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));

const LAYOUTS = ['tab', 'pipe', 'lines', 'space'];

/** A 2020 report in the 2019 format with one request under （六）其他处理 (moved from 2.重复申请). */
function report2019(layout = 'tab') {
  const requests = requests2019();
  requests.find((row) => row.label === '2.重复申请').values = [0, 0, 0, 0, 0, 0, 0];
  requests.find((row) => row.label === '（六）其他处理').values = [1, 0, 0, 0, 0, 0, 1];
  return makeReport({ year: 2020, layout, requests });
}

function convert(text, options) {
  const result = convertTo2021(text, options);
  return { ...result, text: applyEdits(text, result.edits) };
}

/** The converted report as a 2021 report (the year is the author's to change). */
function asYear2021(text) {
  return text.replaceAll('2020年', '2021年');
}

function valuesOf(result, tableFilter, rowId) {
  const table = result.tables.find(tableFilter);
  const row = table.rows.find((candidate) => candidate.id === rowId);
  return row.cells.map((cell) => cell.value);
}

describe('convertTo2021', () => {
  for (const layout of LAYOUTS) {
    test(`${layout}: values carried over, the rest marked, the layout kept`, () => {
      const text = report2019(layout);
      const { text: converted, notes, converted: count, edits } = convert(text);
      assert.equal(count, 6, 'five sub-tables of 二 and table 三');
      assert.ok(edits.length > 0);
      const result = analyze(asYear2021(converted));
      assert.equal(result.format, '2021');
      // Only the marked cells speak: nothing about labels, rows, columns or sums.
      assert.ok(result.diagnostics.length > 0);
      for (const diagnostic of result.diagnostics) {
        assert.equal(diagnostic.rule, 'cell-blank', diagnostic.message);
        assert.match(diagnostic.message, /“—”/);
      }
      for (const table of result.tables) assert.equal(table.layout, layout);
      // Table 二: 2019 本年新制作数量 → 2021 本年制发件数; 处理决定数量 → 本年处理决定数量; （九） gone.
      const item = (name) => (table) => table.item === name;
      assert.deepEqual(valuesOf(result, item('第二十条第（一）项'), 'rules'), [0, null, null]);
      assert.deepEqual(valuesOf(result, item('第二十条第（一）项'), 'normative_documents'), [2, null, null]);
      assert.deepEqual(valuesOf(result, item('第二十条第（五）项'), 'licensing'), [120]);
      assert.deepEqual(valuesOf(result, item('第二十条第（六）项'), 'penalty'), [35]);
      assert.deepEqual(valuesOf(result, item('第二十条第（六）项'), 'coercion'), [2]);
      assert.deepEqual(valuesOf(result, item('第二十条第（八）项'), 'administrative_fees'), [null]);
      assert.ok(!result.tables.some(item('第二十条第（九）项')));
      // Table 三: （六） split; the count goes to 3.其他, the other two marked where it was not 0.
      const requests = (table) => table.section === 3;
      assert.deepEqual(valuesOf(result, requests, 'other_other'), [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(valuesOf(result, requests, 'other_no_correction'), [null, 0, 0, 0, 0, 0, null]);
      assert.deepEqual(valuesOf(result, requests, 'other_no_fee'), [null, 0, 0, 0, 0, 0, null]);
      assert.deepEqual(valuesOf(result, requests, 'results_total'), [10, 1, 0, 1, 0, 0, 12]);
      // What was dropped is in the notes, with its values.
      const all = notes.join('\n');
      assert.match(all, /第二十条第（九）项.*已删除.*政府集中采购·采购总金额 12\.5万元/);
      assert.match(all, /其他对外管理服务事项.*已删除.*处理决定数量 8/);
      assert.match(all, /本年废止件数.*以“—”标出/);
      assert.match(all, /（六）其他处理.*3\.其他/);
    });
  }
  test('marking is the only thing left: filling the marks with 0 gives a clean report', () => {
    const { text } = convert(report2019());
    const filled = asYear2021(text).replaceAll('—', '0');
    assert.deepEqual(analyze(filled).diagnostics, []);
  });
  test('the edits touch only the tables that differ', () => {
    const text = report2019();
    const { edits } = convertTo2021(text);
    const section4 = text.indexOf('## 四、');
    const requestsStart = text.indexOf('一、本年新收');
    const otherRow = text.indexOf('（六）其他处理');
    for (const edit of edits) {
      const start = offsetAt(text, edit.range.start);
      const end = offsetAt(text, edit.range.end);
      assert.ok(end <= section4, 'table 四 untouched');
      assert.ok(end <= requestsStart || start >= otherRow, 'table 三 untouched before （六）');
      assert.ok(start <= end);
    }
    // One edit for （六）, none spanning the whole table.
    assert.ok(edits.every((edit) => edit.range.end.line - edit.range.start.line < 25));
  });
  test('CRLF documents get CRLF lines', () => {
    const text = report2019().replace(/\n/g, '\r\n');
    const { edits, text: converted } = convert(text);
    for (const edit of edits) assert.ok(!/[^\r]\n/.test(edit.newText) && !/^\n/.test(edit.newText), JSON.stringify(edit.newText));
    assert.ok(!/[^\r]\n/.test(converted));
  });
  test('a converted report, or one in the 2021 format, has nothing to convert', () => {
    const once = convert(report2019()).text;
    const again = convertTo2021(once);
    assert.deepEqual(again.edits, []);
    assert.equal(again.converted, 0);
    assert.match(again.notes.join(), /没有需要转换/);
    assert.deepEqual(convertTo2021(makeReport()).edits, []);
  });
  test('English notes on request', () => {
    const { notes } = convertTo2021(report2019(), { locale: 'en' });
    assert.ok(notes.some((note) => /removed/.test(note)));
  });
  test('bad input never throws', () => {
    for (const input of ['', null, undefined, '第二十条第（九）项', '（六）其他处理\t1', '\u0000\uffff', '一、'.repeat(1000)]) {
      const result = convertTo2021(input);
      assert.ok(Array.isArray(result.edits) && Array.isArray(result.notes));
    }
  });
});
