// The fixes that insert text (row-missing, table-missing, section-missing) write it in the layout of the
// table or document concerned: tab rows into tab tables, pipe rows into pipe tables, one cell per line
// into such tables, with the document's line breaks and markdown heading marks. Each fix is one
// insertion, and applying it leaves a report with no finding at all.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { active2019, active2021, analyze, applyEdits, makeReport, offsetAt, rangeText, requests2021, rulesOf } from './fixtures.mjs';

const LAYOUTS = ['tab', 'pipe', 'lines', 'space'];

function preferred(diagnostic) {
  assert.ok(diagnostic.fixes?.length, `${diagnostic.rule} offers a fix: ${diagnostic.message}`);
  return diagnostic.fixes.find((fix) => fix.isPreferred) ?? diagnostic.fixes[0];
}

/** Applies the one finding's preferred fix; returns the new text and the inserted text. */
function applyOnly(text, rule) {
  const found = rulesOf(analyze(text), rule);
  assert.equal(found.length, 1, `${rule}: ${JSON.stringify(found.map((d) => d.message))}`);
  const fix = preferred(found[0]);
  assert.equal(fix.edits.length, 1, 'one edit');
  const [edit] = fix.edits;
  assert.deepEqual(edit.range.start, edit.range.end, 'an insertion, replacing nothing');
  return { fixed: applyEdits(text, fix.edits), inserted: edit.newText, at: offsetAt(text, edit.range.start) };
}

/** The inserted lines that hold something. */
function contentLines(inserted) {
  return inserted.split(/\r?\n/).filter((line) => line.trim() !== '');
}

function assertLayout(inserted, layout) {
  const lines = contentLines(inserted);
  assert.ok(lines.length > 0);
  for (const line of lines) {
    if (layout === 'pipe') assert.match(line, /^\|.*\|$/, `pipe row: ${line}`);
    if (layout === 'tab') assert.ok(!line.startsWith('|') && (line.includes('\t') || !/\d/.test(line)), `tab row: ${JSON.stringify(line)}`);
    if (layout === 'lines') assert.ok(!/\t.*\t/.test(line) && !line.includes('|'), `one cell per line: ${JSON.stringify(line)}`);
    if (layout === 'space') assert.ok(!line.includes('\t') && !line.includes('|'), `space row: ${JSON.stringify(line)}`);
  }
}

describe('row-missing inserts the row in the table layout', () => {
  for (const layout of LAYOUTS) {
    test(`${layout}: a row inside table 三`, () => {
      const requests = requests2021().filter((row) => row.label !== '4.保护第三方合法权益');
      const text = makeReport({ layout, requests });
      const { fixed, inserted } = applyOnly(text, 'row-missing');
      assertLayout(inserted, layout);
      assert.ok(inserted.includes('4.保护第三方合法权益'));
      assert.deepEqual(analyze(fixed).diagnostics, []);
      // The inserted row looks like its neighbours: the fixed text equals the report written whole.
      assert.equal(fixed, makeReport({ layout }));
    });
    test(`${layout}: the last row of a sub-table of 二`, () => {
      const active = active2021();
      active[2].rows = active[2].rows.filter(([label]) => label !== '行政强制');
      const text = makeReport({ layout, active });
      const { fixed, inserted } = applyOnly(text, 'row-missing');
      assertLayout(inserted, layout);
      const after = analyze(fixed);
      assert.deepEqual(after.diagnostics, []);
      const item = after.tables.find((table) => table.item === '第二十条第（六）项');
      assert.deepEqual(item.rows.map((row) => [row.id, row.cells.map((cell) => cell.value)]), [
        ['penalty', [35]],
        ['coercion', [0]],
      ]);
    });
  }
  test('pipe: the row is as wide as its neighbours, and written compactly when they are', () => {
    const requests = requests2021().filter((row) => row.label !== '2.重复申请');
    const base = makeReport({ layout: 'pipe', requests: requests2021() });
    const text = makeReport({ layout: 'pipe', requests })
      .replace(/^\| (.*) \|$/gm, (line) => line.replace(/ \| /g, '|').replace(/^\| /, '|').replace(/ \|$/, '|'));
    const found = rulesOf(analyze(text), 'row-missing');
    assert.equal(found.length, 1);
    const { inserted } = applyOnly(text, 'row-missing');
    assert.equal(inserted.trimEnd(), '|2.重复申请|0|0|0|0|0|0|0|');
    assert.ok(base.includes('| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |'));
  });
  test('lines: each cell on its own line, indented like the neighbours, a blank line between rows', () => {
    const requests = requests2021().filter((row) => row.label !== '4.保护第三方合法权益');
    const text = makeReport({ layout: 'lines', requests });
    const { inserted } = applyOnly(text, 'row-missing');
    assert.equal(inserted, `\t4.保护第三方合法权益\n${'\t0\n'.repeat(7)}\n`);
  });
  test('tab: a next row sharing its line with the group label gets a line of its own', () => {
    const requests = requests2021().filter((row) => row.label !== '1.属于国家秘密');
    const text = makeReport({ requests }).replace('（三）不予公开\n2.其他法律', '（三）不予公开\t2.其他法律');
    const { fixed, inserted } = applyOnly(text, 'row-missing');
    assert.equal(inserted, '1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n');
    assert.ok(fixed.includes('（三）不予公开\t1.属于国家秘密\t0'));
    assert.deepEqual(analyze(fixed).diagnostics, []);
  });
  test('CRLF: the inserted row ends with CRLF', () => {
    const requests = requests2021().filter((row) => row.label !== '4.保护第三方合法权益');
    const text = makeReport({ requests }).replace(/\n/g, '\r\n');
    const { fixed, inserted } = applyOnly(text, 'row-missing');
    assert.ok(inserted.endsWith('\r\n') && !/[^\r]\n/.test(inserted));
    assert.equal(fixed, makeReport().replace(/\n/g, '\r\n'));
  });
});

describe('row-missing inserts a sub-table of 二 missing altogether, written like the others', () => {
  const ITEMS = { 2021: active2021, 2020: active2019 };
  const zeroed = (items, k) => items.map((item, i) => (i === k ? { ...item, rows: item.rows.map(([label, values]) => [label, values.map(() => 0)]) } : item));
  // A wider sub-table put first in a markdown table widens its header and delimiter rows, not the
  // narrower rows below (renderers pad those): compared without trailing empty cells.
  const withoutEmptyCells = (text) => text.replace(/(?:\|[ \t]*)+$/gm, '|');
  for (const layout of LAYOUTS) {
    for (const year of [2021, 2020]) {
      for (const eol of ['\n', '\r\n']) {
        test(`${layout}, ${year}${eol === '\r\n' ? ', CRLF' : ''}: each item in turn`, () => {
          const items = ITEMS[year]();
          items.forEach((item, k) => {
            const text = makeReport({ layout, year, active: items.filter((_, i) => i !== k) }).replace(/\n/g, eol);
            const found = rulesOf(analyze(text), 'row-missing');
            assert.equal(found.length, 1, `${item.item}: ${JSON.stringify(found.map((d) => d.message))}`);
            assert.ok(found[0].message.startsWith(`表二缺少${item.item}（`), found[0].message);
            // At the next item's line, or on the last line of the sub-table before it.
            if (k + 1 < items.length) assert.ok(rangeText(text, found[0].range).includes(items[k + 1].item));
            else assert.equal(found[0].range.start.line, analyze(text).tables.find((table) => table.item === items[k - 1].item).range.end.line);
            const fixed = applyEdits(text, preferred(found[0]).edits);
            assert.deepEqual(analyze(fixed).diagnostics, [], item.item);
            const want = makeReport({ layout, year, active: zeroed(items, k) }).replace(/\n/g, eol);
            if (layout === 'pipe') assert.equal(withoutEmptyCells(fixed), withoutEmptyCells(want), item.item);
            else assert.equal(fixed, want, item.item);
          });
        });
      }
    }
  }
  test('sub-tables separated by blank lines get one before and after the new one', () => {
    const items = active2021();
    const spaced = (list) => makeReport({ bodies: { 2: list.map((item) => ['', '', ...[[item.item], ['信息内容', ...item.columns], ...item.rows.map(([label, values]) => [label, ...values])].map((cells) => cells.join('\t'))].slice(2).join('\n')).join('\n\n') } });
    const text = spaced(items.filter((_, i) => i !== 2));
    const [found] = rulesOf(analyze(text), 'row-missing');
    const fixed = applyEdits(text, preferred(found).edits);
    assert.equal(fixed, spaced(zeroed(items, 2)));
  });
});

describe('table-missing inserts the table in the layout of the other tables', () => {
  for (const layout of LAYOUTS) {
    for (const section of [2, 3, 4]) {
      test(`${layout}: table of section ${section}`, () => {
        const text = makeReport({ layout, bodies: { [section]: '本年度无相关数据。' } });
        const { fixed, inserted } = applyOnly(text, 'table-missing');
        if (section !== 2) assertLayout(inserted, layout);
        const after = analyze(fixed);
        assert.deepEqual(after.diagnostics, []);
        const tables = after.tables.filter((table) => table.section === section);
        assert.ok(tables.length > 0);
        for (const table of tables) assert.equal(table.layout, layout);
      });
    }
  }
  test('a markdown report without any table gets pipe tables', () => {
    const text = makeReport({ bodies: { 2: '（略）', 3: '（略）', 4: '（略）' } });
    const found = rulesOf(analyze(text), 'table-missing');
    assert.equal(found.length, 3);
    for (const diagnostic of found) for (const line of contentLines(preferred(diagnostic).edits[0].newText)) {
      if (!line.startsWith('第二十条')) assert.match(line, /^\|/);
    }
    let fixed = text;
    for (const diagnostic of [...found].reverse()) fixed = applyEdits(fixed, preferred(diagnostic).edits);
    const after = analyze(fixed);
    assert.deepEqual(after.diagnostics, []);
    assert.ok(after.tables.every((table) => table.layout === 'pipe'));
  });
  test('a plain-text report without any table gets tab tables', () => {
    const text = makeReport({ bodies: { 4: '（略）' } })
      .replace(/^## /gm, '')
      .replace(/^# /m, '')
      .replace(/\n\n(第二十条[\s\S]*?)\n\n三、/, '\n\n（略）\n\n三、');
    const found = rulesOf(analyze(text), 'table-missing');
    assert.ok(found.length >= 1);
    for (const diagnostic of found) assert.ok(!preferred(diagnostic).edits[0].newText.includes('|'));
  });
});

describe('section-missing inserts heading and table like the rest of the report', () => {
  for (const layout of LAYOUTS) {
    test(`${layout}: section 三 with its table, under a markdown heading`, () => {
      const text = makeReport({ layout, drop: [3] });
      const { fixed, inserted } = applyOnly(text, 'section-missing');
      assert.ok(inserted.startsWith('## 三、收到和处理政府信息公开申请情况'), inserted.slice(0, 40));
      assertLayout(inserted.split('\n').slice(1).join('\n'), layout);
      assert.deepEqual(analyze(fixed).diagnostics, []);
    });
  }
  test('plain headings stay plain; the last section goes at the end', () => {
    const text = makeReport({ drop: [6] }).replace(/^## /gm, '');
    const { fixed, inserted } = applyOnly(text, 'section-missing');
    assert.equal(inserted.trim(), '六、其他需要报告的事项');
    assert.equal(rulesOf(analyze(fixed), 'section-missing').length, 0);
  });
});
