// Property tests (fast-check) for the promises of issue 5 and issue 3: on any string, and on random
// mutations of the real seeds and of the samples in examples/, `analyze` never throws and every range it
// returns lies inside the document; fix-all (the shared one behind `govreport fix` and the server's
// source.fixAll.govreport) reaches a fixpoint, is idempotent and changes nothing outside its edits; and
// the work done grows linearly with the size of the input. Seeds are fixed so a failure replays exactly.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, makeReport, repoRoot } from './fixtures.mjs';
import { baseTexts, exampleDir, exampleTexts, mutate, mutationArb, seedTexts } from './mutations.mjs';

const require = createRequire(import.meta.url);
const { fixAll, toTextEdits } = require(path.join(repoRoot, 'server/dist/index.js'));

// Fixed so CI runs are reproducible; set GOVREPORT_PROPERTY_SEED to explore other inputs locally.
const SEED = Number(process.env.GOVREPORT_PROPERTY_SEED) || 20260517;
const ARITHMETIC = new Set(['row-total', 'result-total', 'group-total', 'balance', 'review-total']);

// ---------------------------------------------------------------------------------------------------
// Inputs

test('the inputs are there', () => {
  assert.equal(seedTexts.length, 5);
  assert.equal(exampleTexts.length, 3);
});

// Generated as [base text index, mutations] and turned into text inside each property, so a failure
// prints the short recipe instead of a document with 100,000-character lines.
const recipeArb = fc.tuple(fc.nat(baseTexts.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 6 }));
const fromRecipe = ([index, mutations]) => mutate(baseTexts[index], mutations);

// Strings made of the pieces a report is made of reach deeper into the reader than random code points.
const REPORT_PIECES = [
  '\n', '\r\n', '\t', '|', ' ', '\u3000', '0', '1', '7', '12', '—', '-', '#', '## ', '**',
  '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '第二十条第（一）项', '信息内容', '本年制发件数',
  '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '法人或其他组织', '申请人情况',
  '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果', '（一）予以公开',
  '（三）不予公开', '1.属于国家秘密', '（七）总计', '四、结转下年度继续办理', '行政复议', '行政诉讼', '结果维持',
  '未经复议直接起诉', '复议后起诉', '尚未审结', '2021年', '2019年', '政府信息公开工作年度报告', '万元', '\ud800', '\u0000',
];
const reportLikeArb = fc.array(fc.constantFrom(...REPORT_PIECES), { maxLength: 400 }).map((pieces) => pieces.join(''));

const anyStringArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme', maxLength: 3000 }),
  reportLikeArb,
);

// ---------------------------------------------------------------------------------------------------
// Checks

/** Line starts with LSP line breaks (\r\n, \n, \r), independent of the code under test. */
function lineBounds(text) {
  const bounds = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      bounds.push({ start, end: i });
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  bounds.push({ start, end: text.length });
  return bounds;
}

/** The offset of a position that must lie inside the document (no clamping: outside is a failure). */
function strictOffset(bounds, position, label) {
  assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character), label);
  assert.ok(position.line >= 0 && position.line < bounds.length, `line outside the document: ${label}`);
  const line = bounds[position.line];
  assert.ok(position.character >= 0 && position.character <= line.end - line.start, `character outside the line: ${label}`);
  return line.start + position.character;
}

function checkRange(bounds, range, label) {
  const start = strictOffset(bounds, range.start, label);
  const end = strictOffset(bounds, range.end, label);
  assert.ok(start <= end, `range ends before it starts: ${label}`);
  return { start, end };
}

function checkResult(text, result) {
  assert.ok(Array.isArray(result.diagnostics));
  const bounds = lineBounds(text);
  for (const diagnostic of result.diagnostics) {
    const label = `${diagnostic.rule} ${JSON.stringify(diagnostic.range)}`;
    checkRange(bounds, diagnostic.range, label);
    for (const info of diagnostic.relatedInformation ?? []) checkRange(bounds, info.range, `${label} related`);
    for (const fix of diagnostic.fixes ?? []) {
      for (const edit of fix.edits) {
        checkRange(bounds, edit.range, `${label} fix "${fix.title}"`);
        assert.equal(typeof edit.newText, 'string');
      }
    }
  }
  for (const section of result.sections) checkRange(bounds, section.range, 'section');
  for (const table of result.tables) {
    checkRange(bounds, table.range, 'table');
    for (const row of table.rows) for (const cell of row.cells ?? []) checkRange(bounds, cell.range, 'cell');
  }
}

const diagnosticsOf = (text) => analyze(text).diagnostics;

/** Fix-all as the CLI and the server run it, with every promise about it checked. */
function checkFixAll(text) {
  const outcome = fixAll(text, diagnosticsOf);
  // The edits are sorted, inside the text, disjoint, and reproduce the fixed text: so nothing outside
  // them changed.
  let previousEnd = -1;
  let rebuilt = '';
  let cursor = 0;
  for (const edit of outcome.edits) {
    assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, JSON.stringify(edit));
    assert.ok(edit.start > previousEnd || (edit.start === previousEnd && previousEnd === -1), 'edits overlap or touch');
    assert.notEqual(text.slice(edit.start, edit.end), edit.newText, 'a no-op edit');
    rebuilt += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
    previousEnd = edit.end;
  }
  rebuilt += text.slice(cursor);
  assert.equal(rebuilt, outcome.text, 'the edits do not reproduce the fixed text');
  // The same edits as LSP text edits (what the server sends) land on the same offsets.
  const bounds = lineBounds(text);
  toTextEdits(text, outcome.edits).forEach((edit, index) => {
    const { start, end } = checkRange(bounds, edit.range, 'fix-all edit');
    assert.deepEqual({ start, end }, { start: outcome.edits[index].start, end: outcome.edits[index].end });
  });
  // Fixpoint: the fixed text offers no fix that would change it, so a second fix-all does nothing.
  assert.equal(outcome.converged, true, `no fixpoint after ${outcome.rounds} rounds`);
  const again = fixAll(outcome.text, diagnosticsOf);
  assert.equal(again.edits.length, 0, `a second fix-all still edits: ${JSON.stringify(again.edits.slice(0, 3))}`);
  assert.equal(again.text, outcome.text);
  // No arithmetic finding that a fix could resolve is left.
  const left = analyze(outcome.text).diagnostics.filter((d) => ARITHMETIC.has(d.rule) && (d.fixes ?? []).length > 0);
  assert.deepEqual(left.map((d) => d.message), []);
  return outcome;
}

// ---------------------------------------------------------------------------------------------------
// Properties

describe('analyze on any input', () => {
  test('any string: never throws, every range inside the document', () => {
    fc.assert(
      fc.property(anyStringArb, (text) => {
        checkResult(text, analyze(text));
      }),
      { seed: SEED, numRuns: 300, includeErrorInReport: true },
    );
  });

  test('mutated seeds and samples: never throws, every range inside the document', () => {
    fc.assert(
      fc.property(recipeArb, (recipe) => {
        const text = fromRecipe(recipe);
        checkResult(text, analyze(text));
      }),
      { seed: SEED, numRuns: 250, includeErrorInReport: true },
    );
  });

  test('every state a report passes through while it is typed: every prefix of the seeds and samples', () => {
    // Typed from the top, a report is every prefix of itself in turn: half a table row, a heading
    // without its section, a title cut short. Every third prefix is analysed; every 97th is also fixed.
    for (const text of [...seedTexts, ...exampleTexts]) {
      for (let length = 0; length <= text.length; length++) {
        const prefix = text.slice(0, length);
        if (length % 3 === 0) checkResult(prefix, analyze(prefix));
        if (length % 97 === 0) checkFixAll(prefix);
      }
    }
  });

  test('the range check can fail: a range past the end of a line is caught', () => {
    const text = 'ab\ncd';
    const fake = { sections: [], tables: [], diagnostics: [{ rule: 'x', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }] };
    assert.throws(() => checkResult(text, fake), /outside/);
  });
});

describe('fix-all', () => {
  test('crafted: a wrong total, a missing row and a blank cell end with no arithmetic finding at all', () => {
    const requests = makeReport()
      .replace('1.本机关不掌握相关政府信息\t2\t0\t0\t1\t0\t0\t3', '1.本机关不掌握相关政府信息\t2\t0\t0\t1\t0\t0\t4') // wrong row total
      .replace('2.重复申请\t1\t0\t0\t0\t0\t0\t1', '2.重复申请\t1\t\t0\t0\t0\t0\t1') // blank cell
      .replace(/\n1\.属于国家秘密\t[^\n]*/, ''); // missing row
    assert.notEqual(requests, makeReport());
    const before = analyze(requests).diagnostics.map((d) => d.rule);
    for (const rule of ['row-total', 'cell-blank', 'row-missing']) assert.ok(before.includes(rule), `${rule} in ${before}`);
    const outcome = checkFixAll(requests);
    const after = analyze(outcome.text).diagnostics;
    assert.deepEqual(after.filter((d) => ARITHMETIC.has(d.rule)).map((d) => d.message), []);
    assert.deepEqual(after.filter((d) => (d.fixes ?? []).length > 0).map((d) => d.rule), []);
    for (const rule of ['row-total', 'cell-blank', 'row-missing']) assert.ok(!after.some((d) => d.rule === rule), rule);
  });

  test('crafted: dependent totals (a result row feeding （七）总计 feeding the balance) settle in several rounds', () => {
    // 予以公开 gains one 自然人: its row total, the （七）总计 column and row, and 四's 自然人 all follow.
    const text = makeReport().replace('（一）予以公开\t5\t1\t0\t0\t0\t0\t6', '（一）予以公开\t6\t1\t0\t0\t0\t0\t6');
    const outcome = checkFixAll(text);
    assert.ok(outcome.rounds >= 2, `rounds ${outcome.rounds}`);
    assert.deepEqual(analyze(outcome.text).diagnostics.filter((d) => ARITHMETIC.has(d.rule)).map((d) => d.message), []);
  });

  test('crafted: a 总计 cell claimed by two sums is not rewritten back and forth', () => {
    // Row 7 gains a 科研机构 request and row 8's 科研机构 is unreadable, so that column's result sum
    // cannot be checked: （七）·总计 is then claimed by its row (12) and by its column (13). Before the
    // rules settled who fixes it, fix-all flipped it between 12 and 13 for ever.
    const text = makeReport()
      .replace('7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0', '7.属于行政执法案卷\t0\t0\t1\t0\t0\t0\t0')
      .replace('8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0', '8.属于行政查询事项\t0\t0\tx\t0\t0\t0\t0');
    assert.ok(text.includes('\tx\t') && text.includes('执法案卷\t0\t0\t1'));
    const outcome = checkFixAll(text);
    const after = analyze(outcome.text).diagnostics;
    // Row 7's own total was fixed; the 总计-column finding stays, without a fix, until row 8 is readable.
    assert.ok(outcome.text.includes('7.属于行政执法案卷\t0\t0\t1\t0\t0\t0\t1'));
    const left = after.filter((d) => ARITHMETIC.has(d.rule));
    assert.deepEqual(left.map((d) => [d.rule, (d.fixes ?? []).length]), [['result-total', 0]]);
  });

  test('the 2022 sample: every deliberate arithmetic mistake is repaired, the knock-on （七）总计 left as written', () => {
    const file = fs.readdirSync(exampleDir).find((name) => name.includes('2022'));
    const text = fs.readFileSync(path.join(exampleDir, file), 'utf8');
    const outcome = checkFixAll(text);
    assert.deepEqual(analyze(outcome.text).diagnostics.filter((d) => ARITHMETIC.has(d.rule)).map((d) => d.message), []);
    // README: fixing line 65 makes the result-total finding on line 76 disappear; （七）总计 stays 16.
    const line76 = (t) => t.split('\n')[75];
    assert.equal(line76(outcome.text), line76(text));
    assert.match(outcome.text.split('\n')[64], /\| 5 \|$/);
  });

  test('every seed, sample and crafted report: fixpoint, idempotent, nothing outside the edits', () => {
    for (const text of baseTexts) checkFixAll(text);
  });

  test('found by other seeds: an item line moved away from its table, rows of another table swapped, a title inside a table', () => {
    // A table of 二 whose item line ends up after the last section has no rows read: inserting rows
    // there would not make them its own, so row-missing must offer no fix (it once offered one).
    checkFixAll(fromRecipe([7, [{ kind: 'swap', at: 1765060289, to: 758518529 }]]));
    checkFixAll(fromRecipe([3, [{ kind: 'swap', at: 1118593226, to: 728413829 }]]));
    // The title repeated between a row label and its values splits the file into two reports; the
    // first one's missing sections and missing rows both insert at the end of its table 三. Stacked in
    // one round the rows went in behind the new headings, outside the table, and never fixed their
    // finding (seed 303).
    const split = fromRecipe([4, [{ kind: 'repeat', at: 0, to: 41473702 }]]);
    checkFixAll(split);
    const result = fixAll(split, (text) => analyze(text).diagnostics);
    assert.equal(result.ineffective, 0);
  });

  test('mutated seeds and samples: fixpoint, idempotent, nothing outside the edits', () => {
    fc.assert(
      fc.property(recipeArb, (recipe) => {
        checkFixAll(fromRecipe(recipe));
      }),
      { seed: SEED, numRuns: 120, includeErrorInReport: true },
    );
  });

  test('mutated numbers in tables 三 and 四: fix-all leaves no arithmetic finding with a fix', () => {
    // Only number changes, so the tables stay readable and the arithmetic rules have work to do.
    const numberMutations = fc.array(
      fc.record({ kind: fc.constant('number'), at: fc.nat(), value: fc.oneof(fc.nat(30), fc.constant('')) }),
      { minLength: 1, maxLength: 8 },
    );
    let withArithmetic = 0;
    fc.assert(
      fc.property(fc.nat(baseTexts.length - 1), numberMutations, (index, mutations) => {
        const text = mutate(baseTexts[index], mutations);
        if (analyze(text).diagnostics.some((d) => ARITHMETIC.has(d.rule))) withArithmetic++;
        checkFixAll(text);
      }),
      { seed: SEED, numRuns: 150, includeErrorInReport: true },
    );
    // The property is only worth something if the mutations do break totals.
    assert.ok(withArithmetic > 30, `only ${withArithmetic} runs had an arithmetic finding`);
  });

  test('the fix-all check can fail: an edit outside the fixed range is caught', () => {
    const text = makeReport().replace('\t13\n', '\t14\n');
    const outcome = fixAll(text, diagnosticsOf);
    const tampered = { ...outcome, text: outcome.text.replace('一、总体情况', '一、总体情况X') };
    assert.notEqual(tampered.text, outcome.text);
    let rebuilt = text;
    for (const edit of [...outcome.edits].reverse()) rebuilt = rebuilt.slice(0, edit.start) + edit.newText + rebuilt.slice(edit.end);
    assert.equal(rebuilt, outcome.text);
    assert.notEqual(rebuilt, tampered.text);
  });
});

// ---------------------------------------------------------------------------------------------------
// Linear growth, measured without a clock: the built-in methods the service calls are wrapped to count
// the elements or characters each call may touch (an array method counts the array's length, a regular
// expression the input it scans). Doubling the input must roughly double that count. It cannot see
// regular-expression backtracking (test/unit/regex.test.mjs covers that) nor plain indexed loops, but
// it does see the usual quadratic shapes: a search of all lines or tables for each line or table.

function countWork(run) {
  const wrapped = [];
  let work = 0;
  const wrap = (proto, names, cost) => {
    for (const name of names) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      wrapped.push([proto, name, original]);
      Object.defineProperty(proto, name, {
        value: function counted(...args) {
          work += cost(this, args);
          return original.apply(this, args);
        },
        writable: true,
        configurable: true,
      });
    }
  };
  const length = (self) => (self && typeof self.length === 'number' ? self.length : 0) + 1;
  wrap(Array.prototype, ['map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'forEach', 'indexOf', 'lastIndexOf', 'includes', 'reduce', 'slice', 'join', 'sort', 'flatMap', 'concat', 'splice'], length);
  wrap(String.prototype, ['indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'slice', 'substring', 'trim', 'normalize', 'charAt', 'toLowerCase'], () => 1);
  wrap(String.prototype, ['replace', 'replaceAll', 'match', 'matchAll', 'split', 'search'], length);
  wrap(RegExp.prototype, ['exec', 'test'], (self, args) => String(args[0]).length - (self.lastIndex || 0) + 1);
  try {
    run();
  } finally {
    for (const [proto, name, original] of wrapped.reverse()) Object.defineProperty(proto, name, { value: original, writable: true, configurable: true });
  }
  return work;
}

function growth(makeText) {
  const small = makeText(1);
  const large = makeText(2);
  const a = countWork(() => analyze(small));
  const b = countWork(() => analyze(large));
  return { ratio: b / a, small: small.length, large: large.length };
}

// The shapes a report arrives in (issue 1: tab tables, one cell per line, pipe tables, text pasted from
// Word or PDF with its page numbers and running headers, a web page printed to PDF, CRLF): a change of shape that keeps the content must keep the findings. Each run applies
// a random mix of such changes to a seed, a sample or a crafted report.
describe('the same report in another shape', () => {
  const prose = (line) => /[。；]/.test(line) && !line.includes('\t') && !line.trim().startsWith('|');
  const shapes = {
    // A PDF's text layer: running text cut into lines of `width` characters.
    wrap: (text, width) =>
      text
        .split('\n')
        .map((line) => (prose(line) && line.length > width ? line.match(new RegExp(`[^]{1,${width}}`, 'g')).join('\n') : line))
        .join('\n'),
    // A table copied out of a PDF: runs of spaces (or full-width spaces) for tabs.
    spaces: (text, n) => text.replace(/\t/g, n % 2 === 0 ? ' '.repeat(1 + (n % 4)) : '\u3000'.repeat(1 + (n % 2))),
    // Word's indentation of running text.
    indent: (text) => text.split('\n').map((line) => (prose(line) ? `\u3000\u3000${line.trimStart()}` : line)).join('\n'),
    trailing: (text) => text.split('\n').map((line) => `${line} `).join('\n'),
    // A PDF's page numbers between its lines, tables included: "- 3 -" or "第 3 页 共 9 页".
    pages: (text, every) =>
      text
        .split('\n')
        .flatMap((line, index) => {
          if (index === 0 || index % every !== 0) return [line];
          const page = index / every + 1;
          return [every % 2 === 0 ? `— ${page} —` : `第 ${page} 页 共 9 页`, line];
        })
        .join('\n'),
    // A web page printed to PDF: the browser's header (date, time and the page's title) and footer
    // (the address and the page counter) on every page.
    printed: (text, every) =>
      text
        .split('\n')
        .flatMap((line, index) =>
          index > 0 && index % every === 0
            ? [`2022/1/28 15:05\t某区人民政府门户网站`, `https://www.example.gov.cn/art/2022/1/28/art_1234_5678.html\t${index / every}/9`, line]
            : [line],
        )
        .join('\n'),
    // A running header: the report's title at the top of every page.
    headers: (text, every) => {
      const lines = text.split('\n');
      const title = lines.find((line) => /年度报告\s*\**\s*$/.test(line) && line.length < 60)?.replace(/^[#*\s]+|[*\s]+$/g, '');
      if (!title) return text;
      return lines.flatMap((line, index) => (index > 0 && index % every === 0 ? [title, line] : [line])).join('\n');
    },
    // A Word table broken over pages with its first rows set to repeat: table 二's first item line and
    // its column labels again at the top of the next page, inside a later sub-table (before the row
    // 行政强制). Markdown tables do not break over pages.
    tableTop: (text) => {
      const lines = text.split('\n');
      const item = lines.findIndex((line) => line.includes('第二十条第（一）项') && !line.includes('|'));
      const firstRow = lines.findIndex((line, index) => index > item && /^[\s\u3000]*规章/.test(line));
      const before = lines.findIndex((line, index) => index > firstRow && /^[\s\u3000]*行政强制/.test(line));
      if (item < 0 || firstRow < 0 || before < 0) return text;
      return [...lines.slice(0, before), '— 5 —', ...lines.slice(item, firstRow), ...lines.slice(before)].join('\n');
    },
    // What official documents print around tables: the unit above a table, and 续表 (table continued)
    // over the rest of a table on the next page.
    tableNotes: (text) =>
      text
        .split('\n')
        .flatMap((line) => {
          if (/^[\s\u3000]*第二十条第（一）项/.test(line) || line.includes('勾稽关系')) return ['单位：件', line];
          if (/^[\s\u3000]*[（(]四[）)]\s*无法提供/.test(line)) return ['— 4 —', '续表', line];
          return [line];
        })
        .join('\n'),
    // Short labels spaced out to line up in their cells ("总　计", "自　然　人"), as writers type them.
    spacedLabels: (text) =>
      text
        .split('\n')
        .map((line) => {
          const space = (cell) => cell.replace(/^(\s*)([\u4e00-\u9fff]{2,4})(\s*)$/, (_, before, label, after) => `${before}${[...label].join('\u3000')}${after}`);
          if (line.includes('\t')) return line.split('\t').map(space).join('\t');
          if (line.trim().startsWith('|')) return line.split('|').map(space).join('|');
          return space(line);
        })
        .join('\n'),
    // Markdown emphasis around whole cells of a pipe table: bold figures and bold labels.
    emphasis: (text) =>
      text
        .split('\n')
        .map((line) => (line.trim().startsWith('|') && !/^[\s|:-]+$/.test(line) ? line.replace(/\|(\s*)([^|\s][^|]*?)(\s*)(?=\|)/g, '|$1**$2**$3') : line))
        .join('\n'),
    bom: (text) => `\ufeff${text}`,
    crlf: (text) => text.replace(/\n/g, '\r\n'),
    // Text copied from a web page: zero-width characters at the edges of cells and lines.
    zeroWidth: (text, kind) => {
      const char = ['\u200b', '\u200c', '\u200d', '\u2060'][kind % 4];
      return text
        .split('\n')
        .map((line) => (kind % 2 === 0 ? `${char}${line.replace(/\t/g, `${char}\t`)}` : `${line.replace(/\t/g, `\t${char}`)}${char}`))
        .join('\n');
    },
  };
  const shapeArb = fc.record({
    wrap: fc.option(fc.integer({ min: 6, max: 80 }), { nil: undefined }),
    spaces: fc.option(fc.nat(7), { nil: undefined }),
    pages: fc.option(fc.integer({ min: 7, max: 60 }), { nil: undefined }),
    headers: fc.option(fc.integer({ min: 9, max: 60 }), { nil: undefined }),
    printed: fc.option(fc.integer({ min: 9, max: 60 }), { nil: undefined }),
    zeroWidth: fc.option(fc.nat(7), { nil: undefined }),
    tableTop: fc.boolean(),
    tableNotes: fc.boolean(),
    indent: fc.boolean(),
    trailing: fc.boolean(),
    bom: fc.boolean(),
    crlf: fc.boolean(),
  });
  // Blank cells cannot be seen once tabs are spaces, so their count is left out of the comparison.
  const findingsOf = (text) =>
    analyze(text)
      .diagnostics.map((d) => `${d.rule}|${d.message.replace(/；有 \d+ 个单元格为空白，没有数据时应填 0/, '')}`)
      .sort();
  const reshape = (text, shape) => {
    // First, while table 二's lines are still whole.
    let out = shape.tableTop ? shapes.tableTop(text) : text;
    if (shape.tableNotes) out = shapes.tableNotes(out);
    if (shape.wrap !== undefined) out = shapes.wrap(out, shape.wrap);
    if (shape.spaces !== undefined) out = shapes.spaces(out, shape.spaces);
    if (shape.pages !== undefined) out = shapes.pages(out, shape.pages);
    if (shape.headers !== undefined) out = shapes.headers(out, shape.headers);
    if (shape.printed !== undefined) out = shapes.printed(out, shape.printed);
    if (shape.zeroWidth !== undefined) out = shapes.zeroWidth(out, shape.zeroWidth);
    for (const name of ['indent', 'trailing', 'bom', 'crlf']) if (shape[name]) out = shapes[name](out);
    return out;
  };

  test('a random mix of shape changes keeps every finding (rule and message)', () => {
    const expected = baseTexts.map(findingsOf);
    fc.assert(
      fc.property(fc.nat(baseTexts.length - 1), shapeArb, (index, shape) => {
        assert.deepEqual(findingsOf(reshape(baseTexts[index], shape)), expected[index]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
  for (const name of ['tableTop', 'tableNotes']) {
    test(`${name} applies to most seeds and samples, and keeps their findings`, () => {
      const applied = baseTexts.filter((text) => shapes[name](text) !== text);
      assert.ok(applied.length >= 12, `${applied.length} texts`);
      for (const text of applied) assert.deepEqual(findingsOf(shapes[name](text)), findingsOf(text));
    });
  }
  test('spacedLabels applies to most seeds and samples, and keeps their findings (labels echoed with their spaces)', () => {
    const applied = baseTexts.filter((text) => shapes.spacedLabels(text) !== text);
    assert.ok(applied.length >= 12, `${applied.length} texts`);
    const unspaced = (findings) => findings.map((finding) => finding.replace(/\u3000/g, ''));
    for (const text of applied) assert.deepEqual(unspaced(findingsOf(shapes.spacedLabels(text))), unspaced(findingsOf(text)));
  });
  test('emphasis applies to the samples with markdown tables, and keeps their findings', () => {
    const applied = baseTexts.filter((text) => shapes.emphasis(text) !== text);
    assert.ok(applied.length >= 3, `${applied.length} texts`);
    for (const text of applied) {
      assert.match(shapes.emphasis(text), /\| \*\*\d+\*\* \|/);
      assert.deepEqual(findingsOf(shapes.emphasis(text)), findingsOf(text));
    }
  });
  test('the check can fail: a change of content is caught', () => {
    const index = baseTexts.findIndex((text) => text.includes('（七）总计'));
    assert.notDeepEqual(findingsOf(reshape(baseTexts[index], { crlf: true }).replace(/（七）总计/g, '（七）合计')), findingsOf(baseTexts[index]));
  });
});

describe('work grows linearly with size', () => {
  const seed = seedTexts[1];
  const shapes = {
    'many reports in one file': (k) => seedTexts.join('\n').repeat(8 * k),
    'many samples in one file': (k) => exampleTexts.join('\n').repeat(8 * k),
    'one 100,000-character line per unit': (k) => `${seed}\n${'1\t'.repeat(50_000 * k)}`,
    'thousands of columns': (k) => seed.replace('二、上年结转政府信息公开申请数量', `二、上年结转政府信息公开申请数量${'\t0'.repeat(2000 * k)}`),
    'prose only': (k) => '本机关认真贯彻落实《条例》，扎实推进政务公开工作。\n'.repeat(4000 * k),
    'table rows only': (k) => '1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n'.repeat(3000 * k),
    'headings only': (k) => '## 一、总体情况\n## 三、收到和处理政府信息公开申请情况\n'.repeat(1500 * k),
    // Table 二's item lines again and again (each a repeated page top, or an item written twice).
    'item lines only': (k) => '第二十条第（一）项\n'.repeat(2000 * k),
    'one item written again and again': (k) => '第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n'.repeat(700 * k),
    'CRLF, NUL and lone surrogates': (k) => seedTexts.join('\r\n').replace(/0/g, '\u0000').replace(/年/g, '\ud800').repeat(6 * k),
  };
  for (const [name, makeText] of Object.entries(shapes)) {
    test(name, () => {
      const { ratio, small, large } = growth(makeText);
      console.log(`# work ratio ${name}: ${ratio.toFixed(2)} for ${small} → ${large} characters`);
      // Linear work doubles (2.0); n log n stays well under 2.6; quadratic work quadruples.
      assert.ok(ratio < 2.6, `work grew ${ratio.toFixed(2)}× when the input doubled`);
    });
  }

  test('the measure can fail: a quadratic scan is caught', () => {
    const quadratic = (text) => {
      const lines = text.split('\n');
      return lines.filter((line, index) => lines.indexOf(line) === index).length;
    };
    const make = (k) => Array.from({ length: 2000 * k }, (_, index) => `line ${index}`).join('\n');
    const a = countWork(() => quadratic(make(1)));
    const b = countWork(() => quadratic(make(2)));
    assert.ok(b / a > 3.5, `ratio ${b / a}`);
  });
});
