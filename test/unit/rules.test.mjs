// Each rule on small crafted reports: a positive case (the finding, its range and its fix) and the
// negative case (a consistent report says nothing), in every table layout.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  active2019,
  active2021,
  activeRows,
  analyze,
  applyEdits,
  makeReport,
  rangeText,
  requests2021,
  rulesOf,
  REVIEWS,
  writeRows,
} from './fixtures.mjs';
import { baseTexts } from './mutations.mjs';

const LAYOUTS = ['tab', 'lines', 'pipe', 'space'];

function only(text, rule) {
  const result = analyze(text);
  return rulesOf(result, rule);
}

/** Applies the diagnostic's preferred fix and returns the new text. */
function fix(text, diagnostic) {
  assert.ok(diagnostic.fixes?.length, `${diagnostic.rule} has a fix`);
  const chosen = diagnostic.fixes.find((candidate) => candidate.isPreferred) ?? diagnostic.fixes[0];
  return applyEdits(text, chosen.edits);
}

function setValue(rows, label, column, value) {
  const row = rows.find((candidate) => candidate.label === label);
  assert.ok(row, label);
  row.values[column] = value;
  return rows;
}

describe('consistent reports are clean', () => {
  for (const layout of LAYOUTS) {
    for (const year of [2020, 2021, 2023]) {
      test(`${year} report, ${layout} layout`, () => {
        const result = analyze(makeReport({ year, layout }));
        assert.deepEqual(result.diagnostics, []);
        assert.equal(result.year, year);
        assert.equal(result.format, year >= 2021 ? '2021' : '2019');
        const sections = result.tables.map((table) => table.section);
        assert.deepEqual([...new Set(sections)], [2, 3, 4]);
        assert.equal(sections.filter((section) => section === 2).length, year >= 2021 ? 4 : 5);
      });
    }
  }
  test('CRLF line ends and a BOM-less markdown title change nothing', () => {
    const text = makeReport().replace(/\n/g, '\r\n');
    assert.deepEqual(analyze(text).diagnostics, []);
  });
  test('full-width digits, half-width brackets and markdown emphasis are accepted', () => {
    const text = makeReport()
      .replace('（一）予以公开\t5', '(一) 予以公开\t５')
      .replace('## 一、总体情况', '**一、总体情况**');
    assert.deepEqual(analyze(text).diagnostics, []);
  });
  test('a text that is not a report gives nothing', () => {
    const result = analyze('# 会议纪要\n\n今天讨论了三件事。\n');
    assert.equal(result.format, null);
    assert.deepEqual(result.diagnostics, []);
  });
});

describe('page numbers, headers and footers of a PDF between the lines', () => {
  /** `page` inserted before every `every`-th line, as text copied out of a PDF carries its page numbers. */
  const paged = (text, page, every = 9) =>
    text
      .split('\n')
      .flatMap((line, index) => (index > 0 && index % every === 0 ? [page(index / every), line] : [line]))
      .join('\n');
  for (const layout of LAYOUTS) {
    test(`"— 3 —" and "第 3 页 共 9 页" lines, tables included, are not read (${layout} layout)`, () => {
      const text = makeReport({ layout });
      assert.deepEqual(analyze(paged(text, (n) => `— ${n} —`)).diagnostics, []);
      assert.deepEqual(analyze(paged(text, (n) => `第 ${n} 页 共 9 页`)).diagnostics, []);
      assert.deepEqual(analyze(paged(text, (n) => `\u3000－${n}－`)).diagnostics, []);
    });
  }
  for (const layout of LAYOUTS) {
    test(`a web page printed to PDF: the browser's header and footer on every page are not read (${layout} layout)`, () => {
      const text = makeReport({ layout });
      const printed = paged(text, (n) => `2022/1/28 下午3:05\t某区人民政府门户网站\nhttps://www.example.gov.cn/art/2022/1/28/art_1234_5678.html\t${n}/9`);
      assert.deepEqual(analyze(printed).diagnostics, []);
      assert.deepEqual(analyze(paged(text, (n) => `${n}/9`)).diagnostics, []);
    });
  }
  test('a bare number on its own line is still a value (one cell per line), so it is not taken for a page', () => {
    const text = makeReport({ layout: 'lines' });
    assert.ok(analyze(paged(text, (n) => String(n), 5)).diagnostics.some((d) => d.rule === 'cell-count'));
  });
});

describe('table 三 split over pages, its header repeated on the next page', () => {
  /** The header rows of table 三 (corner note to the row before 一), inserted again before `before`. */
  const repeated = (text, before, { cornerNote = true, reworded = (line) => line } = {}) => {
    const lines = text.split('\n');
    const first = lines.findIndex((line) => line.includes(cornerNote ? '勾稽关系' : '自然人'));
    const last = lines.findIndex((line) => line.includes('本年新收'));
    const at = lines.findIndex((line) => line.includes(before));
    assert.ok(first >= 0 && last > first && at > last, `${before}`);
    return [...lines.slice(0, at), ...lines.slice(first, last).map(reworded), ...lines.slice(at)].join('\n');
  };
  for (const layout of LAYOUTS) {
    test(`its "其他" and "总计" do not take the rows "3.其他" and "（七）总计" (${layout} layout)`, () => {
      const text = makeReport({ layout });
      for (const before of ['（四）无法提供', '（六）其他处理', '（七）总计']) {
        assert.deepEqual(analyze(repeated(text, before)).diagnostics, [], `before ${before}`);
        assert.deepEqual(analyze(repeated(text, before, { cornerNote: false })).diagnostics, [], `before ${before}, no corner note`);
      }
    });
  }
  for (const layout of LAYOUTS) {
    test(`column labels worded differently in the repeated header are no values of the row before (${layout} layout)`, () => {
      const text = makeReport({ layout });
      const reworded = (line) => line.replace('社会公益组织', '社会组织').replace('法律服务机构', '法律服务组织');
      for (const before of ['（四）无法提供', '（六）其他处理', '（七）总计']) {
        const split = repeated(text, before, { reworded });
        assert.ok(split.includes('法律服务组织'), 'the transform');
        assert.deepEqual(analyze(split).diagnostics, [], `before ${before}`);
      }
    });
  }
  test('a 2020 report in the 2019 format: the repeated "其他" is no evidence of the 2021 format', () => {
    const text = repeated(makeReport({ layout: 'tab', year: 2020 }), '（六）其他处理');
    assert.deepEqual(analyze(text).diagnostics, []);
  });
  test('a row written without its numbering, with its values, is still that row', () => {
    const text = makeReport({ layout: 'tab' }).replace(/^（七）总计\t/m, '总计\t');
    assert.deepEqual(rulesOf(analyze(text), 'row-missing'), []);
    const wrong = text.replace(/^(总计\t)\d+/m, '$1999');
    assert.ok(rulesOf(analyze(wrong), 'result-total').length > 0);
  });
});

describe('markdown tables without outer pipes (GFM allows them)', () => {
  const bare = (text) => text.split('\n').map((line) => (/^\s*\|.*\|\s*$/.test(line) ? line.trim().slice(1, -1).trim() : line)).join('\n');
  test('a clean report stays clean, spaced or compact', () => {
    const spaced = bare(makeReport({ layout: 'pipe' }));
    assert.ok(/^--- \| ---/m.test(spaced) && /^一、本年新收政府信息公开申请数量 \| /m.test(spaced), 'the transform');
    assert.deepEqual(analyze(spaced).diagnostics, []);
    const compact = spaced.split('\n').map((line) => (line.includes(' | ') ? line.replace(/ \| /g, '|') : line)).join('\n');
    assert.ok(/^一、本年新收政府信息公开申请数量\|\d/m.test(compact), 'the compact transform');
    assert.deepEqual(analyze(compact).diagnostics, []);
  });
  test('a wrong total is caught and its fix edits only the cell', () => {
    const text = bare(makeReport({ layout: 'pipe' })).replace(/^(（一）予以公开 \| (?:\d+ \| ){6})\d+/m, '$199');
    const [finding] = rulesOf(analyze(text), 'row-total');
    assert.equal(rangeText(text, finding.range), '99');
    assert.deepEqual(analyze(applyEdits(text, finding.fixes[0].edits)).diagnostics, []);
  });
  test('a missing row is inserted the way the table is written, without outer pipes', () => {
    const text = bare(makeReport({ layout: 'pipe' })).replace(/^2\.重复申请 .*\n/m, '');
    const [finding] = rulesOf(analyze(text), 'row-missing');
    assert.match(finding.fixes[0].edits[0].newText, /^2\.重复申请 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0\n$/);
    assert.deepEqual(rulesOf(analyze(applyEdits(text, finding.fixes[0].edits)), 'row-missing'), []);
  });
  test('without such a delimiter row a pipe inside a line stays text, as before', () => {
    const text = makeReport({ layout: 'space' }).replace(/^(（一）予以公开) /m, '$1 | ');
    assert.ok(rulesOf(analyze(text), 'cell-count').length + rulesOf(analyze(text), 'cell-invalid').length > 0);
  });
});

describe('markdown emphasis around a whole cell', () => {
  for (const layout of ['pipe', 'tab']) {
    test(`a bold or italic number is the number, a bold label the label (${layout} layout)`, () => {
      const clean = makeReport({ layout });
      const bold = clean
        .split('\n')
        .map((line) => (line.includes('（七）总计') ? line.replace(/(^|[|\t] ?)(\d+)(?= ?[|\t]|$)/g, '$1**$2**').replace('（七）总计', '**（七）总计**') : line))
        .map((line) => (line.includes('（一）予以公开') ? line.replace(/(^|[|\t] ?)(\d+)(?= ?[|\t]|$)/, '$1*$2*') : line))
        .join('\n');
      assert.ok(bold.includes('**（七）总计**') && /\*\*\d+\*\*/.test(bold) && /[|\t] ?\*\d+\*/.test(bold), 'the transform');
      assert.deepEqual(analyze(bold).diagnostics, []);
      // A wrong total in bold is caught, and its fix writes the number inside the emphasis.
      const wrong = bold.replace(/(（七）总计\*\*.*)\*\*(\d+)\*\*(\s*\|?\s*)$/m, (_, before, value, after) => `${before}**${Number(value) + 1}**${after}`);
      const [finding] = rulesOf(analyze(wrong), 'row-total');
      assert.ok(finding, 'row-total');
      const fixed = fix(wrong, finding);
      assert.deepEqual(analyze(fixed).diagnostics, []);
      assert.equal(fixed, bold);
    });
  }
  test('emphasis marks that do not wrap a cell alike are its text', () => {
    for (const cell of ['**12*', '*', '***', '** 12**']) {
      const text = makeReport({ layout: 'pipe' }).replace(/(（七）总计 \|.*\| )(\d+)( \|)$/m, `$1${cell}$3`);
      assert.ok(text.includes(cell), cell);
      assert.equal(rulesOf(analyze(text), 'row-total').length, 0, cell);
      assert.ok(analyze(text).diagnostics.length > 0, cell);
    }
  });
});

describe('a colon after a label', () => {
  for (const layout of LAYOUTS) {
    test(`"三、本年度办理结果：" and "（三）不予公开:" are the template's labels (${layout} layout)`, () => {
      const text = makeReport({ layout }).replace('三、本年度办理结果', '三、本年度办理结果：').replace('（三）不予公开', '（三）不予公开:');
      assert.notEqual(text, makeReport({ layout }));
      assert.deepEqual(analyze(text).diagnostics, []);
    });
  }
  test('a wording that deviates is still reported, colon or not', () => {
    const text = makeReport({ layout: 'tab' }).replace('社会公益组织', '社会组织：');
    assert.match(rulesOf(analyze(text), 'label-mismatch')[0]?.message ?? '', /社会公益组织/);
  });
});

describe('zero-width characters copied from a web page', () => {
  const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060'];
  for (const layout of LAYOUTS) {
    test(`at the edges of cells and lines they are blank: a clean report stays clean (${layout} layout)`, () => {
      const text = makeReport({ layout });
      for (const char of ZERO_WIDTH) {
        const edged = text
          .split('\n')
          .map((line) => `${char}${line.replace(/\t/g, `${char}\t${char}`).replace(/\|/g, `${char}|${char}`)}${char}`)
          .join('\n');
        assert.deepEqual(analyze(edged).diagnostics, [], `U+${char.codePointAt(0).toString(16)}`);
      }
    });
  }
  test('inside a label or a number they are nothing: the label matches and the number reads whole', () => {
    const text = makeReport({ layout: 'tab' });
    const inside = text.replace('1.属于国家秘密\t', '1.属于\u200b国家秘密\t').replace(/^(一、本年新收政府信息公开申请数量\t)(\d)(\d*)/m, '$1$2\u200b$3');
    assert.notEqual(inside, text);
    assert.deepEqual(analyze(inside).diagnostics, []);
  });
  test('a wrong value next to one is still caught, and its fix leaves the character alone', () => {
    const text = makeReport({ layout: 'tab' }).replace(/^(（一）予以公开\t)\d+/m, '$1\u200b99\u200b');
    const [finding] = rulesOf(analyze(text), 'row-total');
    assert.ok(finding, 'row-total');
    assert.equal(rangeText(text, finding.range).length > 0, true);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.equal((fixed.match(/\u200b/g) ?? []).length, 2);
    assert.deepEqual(rulesOf(analyze(fixed), 'row-total'), []);
  });
  test('a number with one inside reads whole: a wrong one is caught, the right one is not', () => {
    const text = makeReport({ layout: 'tab' });
    const total = /^（七）总计\t(?:\d+\t){6}(\d+)/m.exec(text)[1];
    assert.ok(total.length >= 2, total);
    const stating = (value) =>
      text.replace(/(五、存在的主要问题及改进情况\n)/, `$1全年共办结${value[0]}\u200b${value.slice(1)}件政府信息公开申请。\n`);
    assert.deepEqual(rulesOf(analyze(stating(total)), 'prose-table'), []);
    const wrong = String(Number(total) + 10);
    const stated = stating(wrong);
    const [finding] = rulesOf(analyze(stated), 'prose-table');
    assert.ok(finding, 'prose-table');
    assert.match(finding.message, new RegExp(`办结 ${wrong}`));
    // The range covers the figure as written, the zero-width character inside it included.
    assert.equal(rangeText(stated, finding.range), `${wrong[0]}\u200b${wrong.slice(1)}件`);
  });
  test('inside a year, a date, a figure or a document number they change no finding (every base text)', () => {
    const visible = (result) => result.diagnostics.map((d) => `${d.rule}|${d.message.replace(/[\u200b-\u200d\u2060]/g, '')}`).sort();
    for (const [index, text] of baseTexts.entries()) {
      for (const char of ZERO_WIDTH) {
        // After the first digit of every number in the text: titles, headings, prose and cells.
        const inside = text.replace(/(\d)(\d+)/g, `$1${char}$2`);
        assert.deepEqual(visible(analyze(inside)), visible(analyze(text)), `base text ${index}, U+${char.codePointAt(0).toString(16)}`);
      }
    }
  });
});

describe('an item line of table 二 broken over cells or lines (a narrow merged cell in a PDF)', () => {
  /** Every item line split before character `at`: over two lines (lines, tab, space) or two cells (pipe). */
  const broken = (text, layout, at) =>
    text.replace(/第二十条第（[一二三四五六七八九十]+）项/g, (item) =>
      layout === 'pipe' ? `${item.slice(0, at)} | ${item.slice(at)}` : `${item.slice(0, at)}\n${layout === 'lines' ? '\t' : ''}${item.slice(at)}`,
    );
  for (const layout of LAYOUTS) {
    test(`each sub-table is still read under its own item (${layout} layout)`, () => {
      const text = makeReport({ layout });
      for (const at of [1, 4, 7, 8]) assert.deepEqual(analyze(broken(text, layout, at)).diagnostics, [], `split at ${at}`);
    });
  }
  test('a wrong value in a broken item\'s table is caught, in that item\'s table', () => {
    const text = broken(makeReport({ layout: 'tab' }), 'tab', 5).replace(/^(行政规范性文件\t)2\t1\t15/m, '$12\t1\tx');
    const invalid = rulesOf(analyze(text), 'cell-invalid');
    assert.equal(invalid.length, 1);
    const table = analyze(text).tables.find((t) => t.section === 2 && t.item === '第二十条第（一）项');
    assert.ok(table, 'item （一） read');
    assert.equal(rangeText(text, table.rows.find((row) => row.label === '行政规范性文件').cells[2].range), 'x');
  });
  test('a line that only begins like an item line opens no table', () => {
    const items = (text) => analyze(text).tables.filter((t) => t.section === 2).map((t) => t.item);
    const text = makeReport({ layout: 'lines' });
    assert.ok(items(text).includes('第二十条第（一）项'));
    assert.ok(!items(text.replace('\t第二十条第（一）项', '\t第二十条\n\t其他')).includes('第二十条第（一）项'));
    assert.ok(!items(text.replace('\t第二十条第（一）项', '\t第二十条第（一\n\t规章')).includes('第二十条第（一）项'));
  });
});

describe('table 二 split over pages, its top printed again on the next page', () => {
  const ITEMS = { 2021: active2021(), 2020: active2019() };
  /**
   * Section 二 with a page break between the rows of item （六）: a page number (where the layout has
   * page numbers at all) and then the rows `repeated` gives (an item line and its column labels).
   */
  const split = (layout, year, repeated, { values } = {}) => {
    const items = ITEMS[year].map((item) => ({ ...item, rows: item.rows.map(([label, cells]) => [label, label === '行政强制' && values ? values : cells]) }));
    const rows = activeRows(items);
    const at = rows.findIndex((cells) => cells[0] === '行政强制');
    const page = layout === 'pipe' || layout === 'space' ? [] : [['- 3 -']];
    const body = writeRows([...rows.slice(0, at), ...page, ...repeated(items), ...rows.slice(at)], layout);
    return makeReport({ layout, year, bodies: { 2: body } });
  };
  const header = (item) => [[item.item], ['信息内容', ...item.columns]];
  const own = (items) => header(items.find((item) => item.item.includes('六')));
  const first = (items) => header(items[0]);
  for (const layout of LAYOUTS) {
    for (const year of [2021, 2020]) {
      test(`the item's own line and labels, or the first item's, again: one table each (${layout} layout, ${year})`, () => {
        for (const [name, repeated] of [['own', own], ['first', first]]) {
          const text = split(layout, year, repeated);
          assert.deepEqual(analyze(text).diagnostics, [], `${name} header repeated`);
          const items = analyze(text).tables.filter((table) => table.section === 2).map((table) => table.item);
          assert.equal(new Set(items).size, items.length, `${name}: no item read twice`);
        }
      });
    }
  }
  test('the rows after the break are still checked, in their own table', () => {
    for (const layout of LAYOUTS) {
      // A negative count: a number in every layout (a lone text cell on its own line would be a label).
      const text = split(layout, 2021, first, { values: ['-3'] });
      const invalid = rulesOf(analyze(text), 'cell-invalid');
      assert.equal(invalid.length, 1, layout);
      assert.equal(rangeText(text, invalid[0].range), '-3', layout);
      assert.match(invalid[0].message, /行政强制/, layout);
      const table = analyze(text).tables.find((t) => t.item === '第二十条第（六）项');
      assert.deepEqual(table.rows.map((row) => row.label), ['行政处罚', '行政强制'], layout);
    }
  });
  test('a header repeated at the end of a sub-table, before the next item, splits nothing', () => {
    const items = active2021();
    const rows = activeRows(items);
    const at = rows.findIndex((cells) => cells[0] === items[2].item);
    const text = makeReport({ bodies: { 2: writeRows([...rows.slice(0, at), ['- 3 -'], ...header(items[0]), ...rows.slice(at)], 'tab') } });
    assert.deepEqual(analyze(text).diagnostics, []);
  });
  test('an item line broken over two lines, printed again, is a repeat too', () => {
    const text = split('tab', 2021, first).replace(/\n- 3 -\n第二十条第（一）项/, '\n- 3 -\n第二十条第（\n一）项');
    assert.ok(text.includes('第二十条第（\n一）项'), 'the transform');
    assert.deepEqual(analyze(text).diagnostics, []);
  });
  test('an item written twice, with its own rows again, stays two tables', () => {
    const items = active2021();
    const twice = (at) => {
      const order = [...items.slice(0, at), items[0], ...items.slice(at)];
      return makeReport({ bodies: { 2: writeRows(activeRows(order), 'tab') } });
    };
    for (const at of [1, 2]) {
      const tables = analyze(twice(at)).tables.filter((table) => table.item === items[0].item);
      assert.equal(tables.length, 2, `written again after item ${at}`);
      assert.deepEqual(tables[1].rows.map((row) => row.label), ['规章', '行政规范性文件']);
    }
  });
});

describe('a sub-table of 二 missing altogether (row-missing)', () => {
  const missingItems = (result) => rulesOf(result, 'row-missing').filter((d) => d.message.startsWith('表二缺少第二十条'));
  /** The text without the lines of one sub-table of 二 (its item line to the line before the next). */
  const withoutItem = (text, item) => {
    const lines = text.split('\n');
    const from = lines.findIndex((line) => line.includes(item));
    let to = from + 1;
    while (to < lines.length && !/第二十条|^#|^[三四]、/.test(lines[to])) to++;
    return [...lines.slice(0, from), ...lines.slice(to)].join('\n');
  };
  test('a real report without its 第二十条第（八）项: one finding, and the fix puts it back with zeros', () => {
    const seed = baseTexts[4];
    assert.ok(seed.includes('第二十条第（八）项'));
    const before = analyze(seed).diagnostics;
    const text = withoutItem(seed, '第二十条第（八）项');
    const found = missingItems(analyze(text));
    assert.equal(found.length, 1);
    assert.equal(found[0].message, '表二缺少第二十条第（八）项（“行政事业性收费”行）');
    const fixed = applyEdits(text, found[0].fixes[0].edits);
    assert.deepEqual(analyze(fixed).diagnostics.map((d) => d.message), before.map((d) => d.message));
    const table = analyze(fixed).tables.find((t) => t.item === '第二十条第（八）项');
    assert.deepEqual(table.rows.map((row) => [row.label, row.cells.map((cell) => cell.value)]), [['行政事业性收费', [0]]]);
    const [english] = analyze(text, { locale: 'en' }).diagnostics.filter((d) => d.message.startsWith('Table 2 lacks'));
    assert.equal(english.message, 'Table 2 lacks 第二十条第（八）项 (row "行政事业性收费")');
  });
  test('rows left without their item line: the finding asks about the item line, and no fix duplicates them', () => {
    const text = makeReport({ layout: 'tab' }).replace('第二十条第（一）项\n', '');
    const [found] = missingItems(analyze(text));
    assert.match(found.message, /第二十条第（一）项.*项目行是否缺失或写错/);
    assert.equal(found.fixes, undefined);
    const garbled = makeReport({ layout: 'lines' }).replace('第二十条第（一）项', '第二十条第1项');
    const [again] = missingItems(analyze(garbled));
    assert.match(again.message, /项目行是否缺失或写错/);
    assert.equal(again.fixes, undefined);
  });
  test('rows read under the item before (its item line lost) are label-mismatch\'s alone', () => {
    const text = makeReport({ layout: 'tab' }).replace('第二十条第（六）项\n', '');
    assert.deepEqual(missingItems(analyze(text)), []);
    assert.ok(rulesOf(analyze(text), 'label-mismatch').some((d) => d.message.includes('行政处罚')));
  });
  test('a report in the other year\'s format is template-version\'s: no item of either list is asked for', () => {
    // A 2021 report on the 2019 form, without the 2019 form's （九）.
    const text = makeReport({ year: 2021, format: '2019', active: active2019().filter((item) => !item.item.includes('九')) });
    assert.ok(rulesOf(analyze(text), 'template-version').length > 0);
    assert.deepEqual(missingItems(analyze(text)), []);
  });
  test('a complete section 二 and every seed and sample get no such finding', () => {
    for (const text of [...baseTexts, makeReport(), makeReport({ year: 2020 })]) assert.deepEqual(missingItems(analyze(text)), []);
  });
});

describe('labels broken over cells (a narrow column in a PDF or Word table)', () => {
  test('the longest run of pieces that is a label wins, even when its first piece is a label too', () => {
    // "2.其他" alone reads as the row "3.其他" (numbering aside): the whole label must win.
    const lines = makeReport({ layout: 'lines' }).replace('\t2.其他法律行政法规禁止公开\n', '\t2.其他\n\t法律行政法规禁止公开\n');
    assert.deepEqual(analyze(lines).diagnostics, []);
    const tab = makeReport({ layout: 'tab' }).replace('2.其他法律行政法规禁止公开\t', '2.其他\t法律行政法规禁止公开\t');
    assert.deepEqual(analyze(tab).diagnostics, []);
  });
  test('header labels wrapped in their cells, their second lines side by side on the next line (a PDF\'s text layer)', () => {
    for (const year of [2021, 2020]) {
      const lines = makeReport({ layout: 'space', year }).split('\n');
      const at = lines.findIndex((line) => line.includes('社会公益组织') && line.includes('法律服务机构'));
      const wrapped = [...lines.slice(0, at), lines[at].replace('社会公益组织', '社会公益').replace('法律服务机构', '法律服务'), '组织 机构', ...lines.slice(at + 1)].join('\n');
      assert.deepEqual(analyze(wrapped).diagnostics, [], String(year));
      const header = analyze(wrapped).tables.find((table) => table.section === 3);
      assert.ok(header.rows.every((row) => row.cells === null || row.cells.length === 7), 'every row placed under the 7 columns');
      // Not every run of pieces is the rest of the labels above: a wording error still shows.
      const wrong = wrapped.replace('组织 机构', '团体 机构');
      assert.match(rulesOf(analyze(wrong), 'label-mismatch').map((d) => d.message).join('\n'), /社会公益/);
    }
  });
  /**
   * A label wrapped in a narrow column, as a PDF's text layer has it: its first part with the values on
   * one line, the rest of the label alone on the next ("7.属于行 0 0 …" / "政执法案卷").
   */
  const wrapped = (text, label, at) =>
    text.replace(new RegExp(`^(\\s*)${label.replace(/[()（）.]/g, '\\$&')}([^\\n]*)$`, 'm'), (_, indent, rest) => `${indent}${label.slice(0, at)}${rest}\n${indent}${label.slice(at)}`);
  for (const layout of ['tab', 'space']) {
    test(`the rest of a wrapped label on the next line joins it (${layout} layout)`, () => {
      const clean = makeReport({ layout, year: 2020 });
      for (const [label, at] of [
        ['7.属于行政执法案卷', 5], // 属于行 also begins 8.属于行政查询事项: the number tells them apart
        ['一、本年新收政府信息公开申请数量', 8], // the first row, right after the header
        ['行政事业性收费', 4], // a sub-table's first row, no number: its values follow
        ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 9],
      ]) {
        const text = wrapped(clean, label, at);
        assert.ok(text.includes(`${label.slice(0, at)}`) && !text.includes(label), `the transform: ${label}`);
        assert.deepEqual(analyze(text).diagnostics, [], label);
      }
      // The row is read with its values: a wrong total in it is caught.
      const wrong = wrapped(clean.replace(/^(\s*7\.属于行政执法案卷(?:[\t ]+0){6}[\t ]+)0/m, '$19'), '7.属于行政执法案卷', 5);
      assert.match(rulesOf(analyze(wrong), 'row-total')[0]?.message ?? '', /7\.属于行政执法案卷/);
    });
  }
  for (const layout of ['tab', 'lines', 'space']) {
    test(`a wrapped row label with a wording error is one finding on the whole label, fixed in the part that is wrong (${layout} layout)`, () => {
      const clean = makeReport({ layout, year: 2020 });
      for (const [label, first, rest, fixed] of [
        // The second part leaves out 行政: the fix inserts it where the parts meet.
        ['2.其他法律行政法规禁止公开', '2.其他法律', '法规禁止公开', '行政'],
        // The second part has 件 for 卷: the fix is in the second part.
        ['7.属于行政执法案卷', '7.属于行', '政执法案件', '卷'],
      ]) {
        const text = clean.replace(new RegExp(`^(\\s*)${label.replace(/[()（）.]/g, '\\$&')}([^\\n]*)$`, 'm'), (_, indent, values) => `${indent}${first}${values}\n${indent}${rest}`);
        assert.ok(text.includes(rest) && !text.includes(label), `the transform: ${label}`);
        const found = analyze(text).diagnostics;
        assert.deepEqual(
          found.map((d) => `${d.rule} ${d.message}`),
          [`label-mismatch 行标签“${first}${rest}”与模板不一致，应为“${label}”`],
          label,
        );
        assert.equal(rangeText(text, found[0].range), first);
        assert.deepEqual(found[0].relatedInformation.map((info) => [info.message, rangeText(text, info.range)]), [[`标签的后续部分“${rest}”`, rest]]);
        assert.equal(found[0].fixes[0].edits.length, 1);
        assert.equal(found[0].fixes[0].edits[0].newText, fixed);
        assert.deepEqual(analyze(fix(text, found[0])).diagnostics, [], `${label} fixed`);
      }
      // A next line that is a row of its own is not taken for the rest of the label before it.
      const unfinished = clean.replace(/^(\s*)7\.属于行政执法案卷/m, '$17.属于行');
      assert.deepEqual(
        rulesOf(analyze(unfinished), 'label-mismatch').map((d) => [d.message, d.relatedInformation]),
        [['行标签“7.属于行”与模板不一致，应为“7.属于行政执法案卷”', undefined]],
      );
    });
  }
});

describe('legacy-format', () => {
  const legacy = '某某县人民政府2017年政府信息公开工作年度报告\n\n一、概述\n\n二、主动公开政府信息情况\n\n六、政府信息公开情况统计表\n指标名称\t计量单位\t统计数\n';
  test('a pre-2019 report is reported once and nothing else speaks', () => {
    const result = analyze(legacy);
    assert.equal(result.format, 'legacy');
    assert.deepEqual(result.diagnostics.map((d) => d.rule), ['legacy-format']);
    assert.equal(result.diagnostics[0].severity, 'info');
  });
  test('a 2021 report is not legacy', () => {
    assert.equal(only(makeReport(), 'legacy-format').length, 0);
  });
});

describe('template-version', () => {
  test('a 2021 report with 2019-format tables', () => {
    const text = makeReport({ year: 2021, format: '2019' });
    const found = only(text, 'template-version');
    assert.ok(found.length >= 1);
    assert.match(found[0].message, /2021 年度报告应使用国办公开办函〔2021〕30号格式/);
  });
  test('a 2020 report with 2021-format tables', () => {
    assert.ok(only(makeReport({ year: 2020, format: '2021' }), 'template-version').length >= 1);
  });
  test('a 2020 report in the 2019 format is right', () => {
    assert.equal(only(makeReport({ year: 2020 }), 'template-version').length, 0);
  });
});

describe('section rules', () => {
  test('section-missing: 六 absent, and the fix inserts its heading', () => {
    const text = makeReport({ drop: [6] });
    const [finding] = only(text, 'section-missing');
    assert.match(finding.message, /缺少第六部分“六、其他需要报告的事项”/);
    assert.equal(finding.severity, 'error');
    const fixed = fix(text, finding);
    assert.equal(only(fixed, 'section-missing').length, 0);
  });
  test('section-missing: 三 absent with its table inserts the template table', () => {
    const text = makeReport({ drop: [3] });
    const found = only(text, 'section-missing');
    assert.equal(found.length, 1);
    const fixed = fix(text, found[0]);
    const after = analyze(fixed);
    assert.equal(rulesOf(after, 'section-missing').length, 0);
    assert.ok(after.tables.some((table) => table.section === 3));
    assert.equal(rulesOf(after, 'row-missing').length, 0);
  });
  test('section-order: 五 before 四', () => {
    const text = makeReport({ order: [1, 2, 3, 5, 4, 6] });
    const found = only(text, 'section-order');
    assert.equal(found.length, 1);
    assert.equal(rangeText(text, found[0].range), '四、政府信息公开行政复议、行政诉讼情况');
  });
  test('section-duplicate: a repeated heading, removed by the fix', () => {
    const text = makeReport().replace('## 一、总体情况\n', '## 一、总体情况\n\n### 一、总体情况\n');
    const found = only(text, 'section-duplicate');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 4);
    const fixed = fix(text, found[0]);
    assert.equal(fixed, makeReport().replace('## 一、总体情况\n', '## 一、总体情况\n\n'));
  });
  test('section-title: a deviating wording, fixed to the template', () => {
    const text = makeReport({ headings: { 4: '四、政府信息公开行政法复议、行政诉讼情况' } });
    const [finding] = only(text, 'section-title');
    assert.match(finding.message, /应为“四、政府信息公开行政复议、行政诉讼情况”/);
    assert.equal(only(fix(text, finding), 'section-title').length, 0);
  });
  test('section-title: a wrong numeral', () => {
    const text = makeReport({ headings: { 6: '七、其他需要报告的事项' } });
    const [finding] = only(text, 'section-title');
    assert.equal(rangeText(text, finding.range), '七');
  });
  test('section-title: the long forms are accepted', () => {
    const text = makeReport({
      headings: { 2: '二、行政机关主动公开政府信息情况', 4: '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况' },
    });
    assert.equal(only(text, 'section-title').length, 0);
  });
});

describe('table rules', () => {
  test('table-missing: section 四 without a table', () => {
    const text = makeReport({ bodies: { 4: '本年度未发生行政复议、行政诉讼。' } });
    const [finding] = only(text, 'table-missing');
    assert.match(finding.message, /第四部分没有可识别的行政复议、行政诉讼情况表/);
    const fixed = fix(text, finding);
    assert.equal(only(fixed, 'table-missing').length, 0);
  });
  for (const layout of LAYOUTS) {
    test(`row-missing (${layout}): 2.重复申请 removed`, () => {
      const requests = requests2021();
      const index = requests.findIndex((row) => row.label === '2.重复申请');
      requests.splice(index, 1);
      // Keep the sums consistent without the row.
      setValue(requests, '（七）总计', 0, 9);
      setValue(requests, '（七）总计', 6, 11);
      setValue(requests, '四、结转下年度继续办理', 0, 2);
      setValue(requests, '四、结转下年度继续办理', 6, 3);
      const text = makeReport({ layout, requests });
      const found = only(text, 'row-missing');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /缺少“2\.重复申请”行/);
      assert.ok(rangeText(text, found[0].range).startsWith('3.要求提供公开出版物'));
    });
  }
  test('row-missing: the fix inserts the row with zeros (tab layout)', () => {
    const requests = requests2021().filter((row) => row.label !== '4.保护第三方合法权益');
    const text = makeReport({ requests });
    const [finding] = only(text, 'row-missing');
    const fixed = fix(text, finding);
    assert.deepEqual(analyze(fixed).diagnostics, []);
  });
  for (const layout of LAYOUTS) {
    test(`label-mismatch (${layout}): row and column wording`, () => {
      const requests = requests2021();
      requests.find((row) => row.label.startsWith('2.其他法律')).label = '2.其他法律法规禁止公开';
      const text = makeReport({ layout, requests }).replace('社会公益组织', '社会组织');
      const found = only(text, 'label-mismatch');
      assert.equal(found.length, 2, JSON.stringify(found));
      const messages = found.map((d) => d.message).join('\n');
      assert.match(messages, /列标签“社会组织”与模板不一致，应为“社会公益组织”/);
      assert.match(messages, /行标签“2\.其他法律法规禁止公开”与模板不一致，应为“2\.其他法律行政法规禁止公开”/);
      let fixed = text;
      for (const diagnostic of found.sort((a, b) => b.range.start.line - a.range.start.line)) fixed = fix(fixed, diagnostic);
      assert.deepEqual(analyze(fixed).diagnostics, []);
    });
  }
  test('label-mismatch: a row numbered (1), 1), ① or 1、 instead of 1. is not a different wording', () => {
    const renumber = (text, write) => text.replace(/(^|\t|\| )([1-8])\.(?=[\u4e00-\u9fff“])/gm, (_, before, digit) => before + write(Number(digit)));
    const forms = [(n) => `（${n}）`, (n) => `(${n})`, (n) => `${n}）`, (n) => String.fromCharCode(0x245f + n), (n) => `${n}、`];
    for (const layout of LAYOUTS) {
      for (const write of forms) {
        const text = renumber(makeReport({ layout }), write);
        assert.ok(text.includes(`${write(1)}属于国家秘密`), `the transform ${write(1)}`);
        assert.deepEqual(analyze(text).diagnostics, [], `${layout} ${write(1)}`);
      }
    }
    // The wording is still compared, and the fix keeps the numbering as written.
    for (const numbering of ['（2）', '2）', '②']) {
      const requests = requests2021();
      requests.find((row) => row.label.startsWith('2.其他法律')).label = `${numbering}其他法律法规禁止公开`;
      const text = makeReport({ requests });
      const [found] = only(text, 'label-mismatch');
      assert.match(found.message, new RegExp(`行标签“${numbering}其他法律法规禁止公开”与模板不一致`));
      const fixed = fix(text, found);
      assert.ok(fixed.includes(`${numbering}其他法律行政法规禁止公开`), numbering);
      assert.deepEqual(analyze(fixed).diagnostics, []);
    }
  });
  test('label-mismatch: 规范性文件 in a 2021-format table', () => {
    const active = active2021();
    active[0].rows[1][0] = '规范性文件';
    const found = only(makeReport({ active }), 'label-mismatch');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /应为“行政规范性文件”/);
  });
  test('column-missing: 其他 not in the header of table 三', () => {
    const text = makeReport().replace('\t其他\t\n', '\t\t\n');
    const found = only(text, 'column-missing');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /表头缺少“其他”列/);
  });
  for (const layout of ['tab', 'pipe', 'space']) {
    test(`cell-count (${layout}): six values in a row of seven columns`, () => {
      const requests = requests2021();
      requests.find((row) => row.label === '（一）予以公开').values.splice(2, 1);
      const text = makeReport({ layout, requests });
      const found = only(text, 'cell-count');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /“（一）予以公开”有 6 个数值，表格有 7 列/);
      // The unplaced row takes no part in any sum.
      for (const rule of ['row-total', 'result-total', 'balance']) assert.equal(only(text, rule).length, 0, rule);
    });
  }
  for (const layout of LAYOUTS) {
    test(`cell-count (${layout}): a template row written with its label only`, () => {
      // In table 三 (7 columns) and in a sub-table of 二 (1 column), the row's values all left out.
      const requests = requests2021();
      requests.find((row) => row.label === '4.保护第三方合法权益').values = [];
      const active = active2021().map((item) => ({ ...item, rows: item.rows.map(([label, values]) => [label, label === '行政强制' ? [] : values]) }));
      const text = makeReport({ layout, requests, active });
      const found = only(text, 'cell-count');
      assert.deepEqual(found.map((d) => d.message).sort(), ['“4.保护第三方合法权益”没有数值，应有 7 个；没有数据时应填 0', '“行政强制”没有数值，应有 1 个；没有数据时应填 0']);
      assert.deepEqual(found.map((d) => rangeText(text, d.range)).sort(), ['4.保护第三方合法权益', '行政强制']);
      const english = analyze(text, { locale: 'en' }).diagnostics.filter((d) => d.rule === 'cell-count').map((d) => d.message);
      assert.ok(english.includes('"行政强制" has no values; 1 expected (write 0 where there is nothing to count)'), JSON.stringify(english));
      // Nothing else: no sum takes the row, and no other rule speaks.
      assert.deepEqual(analyze(text).diagnostics.filter((d) => d.rule !== 'cell-count'), []);
    });
  }
  test('cell-count: group labels (三、本年度办理结果, （三）不予公开 …) have no values and need none', () => {
    for (const year of [2021, 2020]) assert.deepEqual(only(makeReport({ year }), 'cell-count'), [], String(year));
  });
  test('cell-count: eight values', () => {
    const requests = requests2021();
    requests.find((row) => row.label === '4.保护第三方合法权益').values.push(0);
    const found = only(makeReport({ requests }), 'cell-count');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /有 8 个数值，表格有 7 列（多 1 个）/);
  });
  test('cell-count: table 四 with fourteen values', () => {
    const found = only(makeReport({ reviews: REVIEWS.slice(1) }), 'cell-count');
    assert.equal(found.length, 1);
    // The values share the finding's line: all under the squiggle, not listed again.
    assert.equal(found[0].relatedInformation, undefined);
  });
  test('cell-count: values on several lines are listed one by one', () => {
    const text = makeReport({ layout: 'lines', reviews: REVIEWS.slice(1) });
    const found = only(text, 'cell-count');
    assert.equal(found.length, 1);
    const related = found[0].relatedInformation;
    assert.equal(related.length, 14);
    assert.equal(related[0].message, `第 1 个值“${REVIEWS[1]}”`);
    assert.equal(rangeText(text, related[13].range), String(REVIEWS[14]));
    assert.ok(new Set(related.map((info) => info.range.start.line)).size > 1);
  });
  test('cell-blank: an empty cell between values and a placeholder, fixed with 0', () => {
    const requests = requests2021();
    setValue(requests, '（一）予以公开', 2, '');
    setValue(requests, '1.属于国家秘密', 4, '—');
    const text = makeReport({ requests });
    const found = only(text, 'cell-blank');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /“（一）予以公开”·“科研机构”为空/);
    assert.match(found[1].message, /填写的是“—”/);
    let fixed = text;
    for (const diagnostic of found.reverse()) fixed = fix(fixed, diagnostic);
    assert.deepEqual(analyze(fixed).diagnostics, []);
  });
  test('cell-blank: a pipe-table empty cell', () => {
    const requests = requests2021();
    setValue(requests, '2.重复申请', 3, '');
    const found = only(makeReport({ layout: 'pipe', requests }), 'cell-blank');
    assert.equal(found.length, 1);
  });
  test('cell-invalid: negative, fractional and a unit', () => {
    const requests = requests2021();
    setValue(requests, '1.属于国家秘密', 0, -1);
    setValue(requests, '1.属于国家秘密', 6, -1);
    setValue(requests, '4.保护第三方合法权益', 1, '0.5');
    setValue(requests, '6.属于四类过程性信息', 2, '0件');
    const found = only(makeReport({ requests }), 'cell-invalid');
    assert.equal(found.length, 4);
    const messages = found.map((d) => d.message).join('\n');
    assert.match(messages, /是负数/);
    assert.match(messages, /是小数/);
    assert.match(messages, /带有单位“件”/);
  });
  for (const layout of LAYOUTS) {
    test(`cell-invalid (${layout}): a value written as text is a value of its row, not a row of its own`, () => {
      // In the one-cell-per-line layout such a cell is alone on its line, as a row label is: with it the
      // row has exactly its columns, so it is read as the row's value.
      const requests = requests2021();
      setValue(requests, '4.保护第三方合法权益', 2, 'x');
      setValue(requests, '8.属于行政查询事项', 6, '不详');
      const active = active2021().map((item) => ({ ...item, rows: item.rows.map(([label, values]) => [label, label === '行政强制' ? ['待定'] : values]) }));
      const text = makeReport({ layout, requests, active });
      const found = analyze(text).diagnostics;
      assert.deepEqual(
        found.map((d) => `${d.rule} ${d.message}`),
        [
          'cell-invalid “行政强制”·“本年处理决定数量”的值“待定”不是数字',
          'cell-invalid “4.保护第三方合法权益”·“科研机构”的值“x”不是数字',
          'cell-invalid “8.属于行政查询事项”·“总计”的值“不详”不是数字',
        ],
      );
      assert.deepEqual(found.map((d) => rangeText(text, d.range)), ['待定', 'x', '不详']);
    });
  }
  for (const layout of LAYOUTS) {
    test(`cell-invalid (${layout}): a value of table 四 written as text; the cell named by its table and column`, () => {
      const reviews = [...REVIEWS];
      reviews[3] = 'x';
      const text = makeReport({ layout, reviews });
      const found = analyze(text).diagnostics;
      assert.deepEqual(found.map((d) => `${d.rule} ${d.message}`), ['cell-invalid 表四（复议、诉讼）·“行政复议·尚未审结”的值“x”不是数字']);
      assert.equal(rangeText(text, found[0].range), 'x');
      reviews[3] = '';
      reviews[5] = '—';
      // A blank cell cannot be written in the space layout (spaces between values are one separator).
      assert.deepEqual(
        only(makeReport({ layout: layout === 'space' ? 'tab' : layout, reviews }), 'cell-blank').map((d) => d.message),
        ['表四（复议、诉讼）·“行政复议·尚未审结”为空；没有数据时应填 0', '表四（复议、诉讼）·“行政诉讼·未经复议直接起诉·结果维持”填写的是“—”，不是数字；没有数据时应填 0'],
      );
    });
  }
  test('cell-invalid: a template label among the values of table 四 is no value', () => {
    const reviews = [...REVIEWS];
    reviews[3] = '四、结转下年度继续办理';
    assert.deepEqual(only(makeReport({ reviews }), 'cell-invalid'), []);
    assert.equal(only(makeReport({ reviews }), 'cell-count').length, 1);
  });
  test("cell-invalid (lines): a numbered text, a template label or a table note in a value's place is no value", () => {
    for (const stray of ['9.其它', '政府集中采购', '续表', '（续表2）', '单位：件']) {
      const requests = requests2021();
      setValue(requests, '4.保护第三方合法权益', 2, stray);
      const text = makeReport({ layout: 'lines', requests });
      assert.deepEqual(only(text, 'cell-invalid'), [], stray);
      assert.ok(only(text, 'cell-count').length > 0, stray);
    }
  });
  test('cell-invalid: 本年增/减 may be negative in the 2019 format, money may carry 万元', () => {
    assert.equal(only(makeReport({ year: 2020 }), 'cell-invalid').length, 0);
  });
  test('cells-merged: digits run together', () => {
    const text = makeReport().replace('8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0', '8.属于行政查询事项\t0000000');
    const found = only(text, 'cells-merged');
    assert.equal(found.length, 1);
    assert.equal(rangeText(text, found[0].range), '0000000');
    assert.equal(only(text, 'cell-count').length, 0);
  });
});

describe('arithmetic rules', () => {
  for (const layout of LAYOUTS) {
    test(`row-total (${layout}): the message carries the sum and the fix writes it`, () => {
      const requests = requests2021();
      setValue(requests, '一、本年新收政府信息公开申请数量', 6, 14);
      setValue(requests, '二、上年结转政府信息公开申请数量', 6, 0); // keeps 总计 column balanced
      const text = makeReport({ layout, requests });
      const found = only(text, 'row-total');
      assert.equal(found.length, 2);
      assert.equal(found[0].message, '“一、本年新收政府信息公开申请数量”的总计应为 13（自然人 10 + 商业企业 2 + 社会公益组织 1），实际为 14');
      assert.equal(rangeText(text, found[0].range), '14');
      assert.equal(found[0].relatedInformation.length, 6);
      assert.match(found[0].fixes[0].title, /将.*改为 13（10 \+ 2 \+ 1）/);
      let fixed = text;
      for (const diagnostic of found.reverse()) fixed = fix(fixed, diagnostic);
      assert.deepEqual(analyze(fixed).diagnostics, []);
    });
  }
  test('result-total: （七）总计 of one column', () => {
    const requests = requests2021();
    setValue(requests, '（七）总计', 3, 2);
    setValue(requests, '（七）总计', 6, 13);
    setValue(requests, '四、结转下年度继续办理', 3, -1 + 0);
    setValue(requests, '四、结转下年度继续办理', 6, 1);
    const text = makeReport({ requests });
    const found = only(text, 'result-total');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /“（七）总计”·“社会公益组织”应为 1（.*），实际为 2/);
  });
  test('group-total: a subtotal on a group row must equal its rows', () => {
    const requests = requests2021();
    requests.find((row) => row.label === '（四）无法提供').values = [2, 0, 0, 1, 0, 0, 4];
    const text = makeReport({ requests });
    const found = only(text, 'group-total');
    assert.equal(found.length, 1);
    // A sub-row's number is spelled out, so it does not run into its value.
    assert.equal(found[0].message, '“（四）无法提供”小计·“总计”应为 3（（四）第1项 3），实际为 4');
    assert.equal(
      analyze(text, { locale: 'en' }).diagnostics.find((d) => d.rule === 'group-total').message,
      'the subtotal of "（四）无法提供" / "总计" should be 3 (（四）item 1 3), but is 4',
    );
    // A correct subtotal is not added again into （七）总计.
    requests.find((row) => row.label === '（四）无法提供').values = [2, 0, 0, 1, 0, 0, 3];
    assert.deepEqual(analyze(makeReport({ requests })).diagnostics, []);
  });
  test('balance: 一 + 二 ≠ （七） + 四, with the fix for 四', () => {
    const requests = requests2021();
    setValue(requests, '四、结转下年度继续办理', 0, 3);
    setValue(requests, '四、结转下年度继续办理', 6, 4);
    const text = makeReport({ requests });
    const found = only(text, 'balance');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /“自然人”列不平衡：一 \+ 二 = 10 \+ 1 = 11，（七）总计 \+ 四 = 10 \+ 3 = 13/);
    let fixed = text;
    for (const diagnostic of found.reverse()) fixed = fix(fixed, diagnostic);
    assert.deepEqual(analyze(fixed).diagnostics, []);
  });
  test('balance stays quiet when （七）总计 alone is wrong (result-total says it)', () => {
    const requests = requests2021();
    setValue(requests, '（七）总计', 1, 2);
    const result = analyze(makeReport({ requests }));
    assert.equal(rulesOf(result, 'result-total').length, 1);
    assert.equal(rulesOf(result, 'balance').length, 0);
  });
  for (const layout of LAYOUTS) {
    test(`review-total (${layout})`, () => {
      const reviews = [...REVIEWS];
      reviews[9] = 2;
      const text = makeReport({ layout, reviews });
      const found = only(text, 'review-total');
      assert.equal(found.length, 1);
      assert.equal(found[0].message, '“行政诉讼·未经复议直接起诉”的总计应为 1（结果纠正 1），实际为 2');
      assert.deepEqual(analyze(fix(text, found[0])).diagnostics, []);
    });
  }
});

describe('options', () => {
  test('severity overrides and off', () => {
    const text = makeReport({ drop: [6] });
    assert.equal(analyze(text, { rules: { 'section-missing': 'off' } }).diagnostics.length, 0);
    assert.equal(analyze(text, { rules: { 'section-missing': 'info' } }).diagnostics[0].severity, 'info');
  });
  test('English messages', () => {
    const [finding] = analyze(makeReport({ drop: [6] }), { locale: 'en' }).diagnostics;
    assert.match(finding.message, /Section 6 .* is missing/);
  });
  test('documents over the size cap get one info finding', () => {
    const result = analyze(makeReport(), { maxSize: 100 });
    assert.equal(result.diagnostics.length, 1);
    assert.equal(result.diagnostics[0].severity, 'info');
  });
  test('every diagnostic links its docs page', () => {
    for (const diagnostic of analyze(makeReport({ drop: [6] })).diagnostics) assert.match(diagnostic.href, /docs\/rules\/section-missing\.md$/);
  });
});
