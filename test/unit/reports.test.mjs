// Documents of many reports (issue 5: "a file that holds a whole county's reports"): splitting at
// report titles, each report judged on its own, the combined result equal to the per-report results
// moved to the document's lines, the incremental analyzer equal to a fresh analysis after random edits,
// the editor features and the CLI on such a file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, makeReport, repoRoot } from './fixtures.mjs';
import { exampleTexts, seedTexts } from './mutations.mjs';

const require = createRequire(import.meta.url);
const library = require(path.join(repoRoot, 'server/dist/index.js'));
const { analyzeDocument, createDocumentAnalyzer, splitReports } = library;
const SEED = Number(process.env.GOVREPORT_PROPERTY_SEED) || 20260517;

const lineCount = (text) => text.split(/\r\n|\r|\n/).length;
const startLines = (text) => splitReports(text).map((slice) => slice.startLine);

function shiftRange(range, delta) {
  return { start: { line: range.start.line + delta, character: range.start.character }, end: { line: range.end.line + delta, character: range.end.character } };
}

/** A single report's result moved down by `delta` lines, as the combined result must hold it. */
function shifted(result, delta) {
  const diagnostics = result.diagnostics.map((d) => {
    const out = { ...d, range: shiftRange(d.range, delta) };
    if (d.relatedInformation) out.relatedInformation = d.relatedInformation.map((info) => ({ ...info, range: shiftRange(info.range, delta) }));
    if (d.fixes) out.fixes = d.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, delta) })) }));
    return out;
  });
  const sections = result.sections.map((s) => ({ ...s, range: shiftRange(s.range, delta), headingRange: shiftRange(s.headingRange, delta) }));
  const tables = result.tables.map((t) => ({
    ...t,
    range: shiftRange(t.range, delta),
    rows: t.rows.map((row) => ({ ...row, range: shiftRange(row.range, delta), cells: row.cells?.map((cell) => ({ ...cell, range: shiftRange(cell.range, delta) })) ?? null })),
  }));
  return { diagnostics, sections, tables };
}

/**
 * Joins reports with `separator` and checks the combined analysis against each report analysed alone:
 * the same reports found, and every finding, section and table the same, moved to its place.
 */
function assertEquivalent(parts, { separator = '\n', options = {} } = {}) {
  const text = parts.join(separator);
  const combined = analyze(text, options);
  assert.equal(combined.reports?.length, parts.length, 'one report per part');
  const expected = { diagnostics: [], sections: [], tables: [] };
  let line = 0;
  parts.forEach((part, index) => {
    assert.equal(combined.reports[index].range.start.line, line, `report ${index} starts at line ${line}`);
    // Blank lines between two reports are the end of the first one (a report runs up to the next title).
    const own = index < parts.length - 1 ? (part + separator).replace(/(?:\r\n|\r|\n)$/, '') : part;
    const alone = analyze(own, options);
    assert.equal(combined.reports[index].year, alone.year);
    assert.equal(combined.reports[index].format, alone.format);
    assert.equal(combined.reports[index].agency, alone.agency);
    const moved = shifted(alone, line);
    expected.diagnostics.push(...moved.diagnostics);
    expected.sections.push(...moved.sections);
    expected.tables.push(...moved.tables);
    line += lineCount(part + separator) - 1;
  });
  assert.deepEqual(combined.diagnostics, expected.diagnostics);
  assert.deepEqual(combined.sections, expected.sections);
  assert.deepEqual(combined.tables, expected.tables);
  const first = analyze(parts[0], options);
  assert.equal(combined.format, first.format);
  assert.equal(combined.year, first.year);
  assert.equal(combined.agency, first.agency);
  return combined;
}

// Some seeds open with blank lines; those would belong to the report before (a report starts at its
// title), so the joined samples start at their titles.
const samples = [...seedTexts, ...exampleTexts].map((text) => text.replace(/^(?:[ \t\u3000]*\r?\n)+/, ''));

describe('splitting a document into reports', () => {
  test('a single report is one report and its result has no `reports`', () => {
    for (const text of samples) {
      assert.deepEqual(startLines(text), [0]);
      assert.equal(analyze(text).reports, undefined);
    }
  });

  test('a title mentioned in prose, or a title-like line in a sentence, does not split', () => {
    const report = makeReport({
      year: 2021,
      bodies: {
        5: '对照《清河市云溪区示例局2020年政府信息公开工作年度报告》中提出的问题，逐项整改。',
        6: '本年度未收取信息处理费。\n清河市云溪区示例局2020年政府信息公开工作年度报告中的数据已更正。\n详见：清河市云溪区示例局2020年政府信息公开工作年度报告',
      },
    });
    assert.deepEqual(startLines(report), [0]);
    assert.equal(analyze(report).reports, undefined);
  });

  test('a repeated title right under the first one, or a title before any heading, does not split', () => {
    const report = makeReport({ year: 2021 });
    const lines = report.split('\n');
    const doubled = [lines[0], '', ...lines].join('\n');
    assert.deepEqual(startLines(doubled), [0]);
  });

  test('the title again on every page (a running header) neither splits the report nor becomes a row', () => {
    for (const text of samples) {
      const lines = text.split('\n');
      const title = lines[0].replace(/^[#*\s]+|[*\s]+$/g, '');
      // The title before every 23rd line: inside tables, between paragraphs, under headings.
      const paged = lines.flatMap((line, index) => (index > 0 && index % 23 === 0 ? [title, line] : [line])).join('\n');
      assert.deepEqual(startLines(paged), [0], title);
      const findings = (t) => analyze(t).diagnostics.map((d) => `${d.rule}|${d.message.replace(/第 \d+ 行/g, '第 N 行')}`);
      assert.deepEqual(findings(paged), findings(text), title);
    }
    // Two different reports still split, each with its own title repeated inside it.
    const first = makeReport({ year: 2021 });
    const second = makeReport({ year: 2022 });
    const withHeader = (text) => {
      const lines = text.split('\n');
      return [...lines.slice(0, 20), lines[0].replace(/^#\s*/, ''), ...lines.slice(20)].join('\n');
    };
    const county = `${withHeader(first)}\n${withHeader(second)}`;
    assert.deepEqual(startLines(county), [0, first.split('\n').length + 1]);
    assert.deepEqual(analyze(county).diagnostics, []);
  });

  test('markdown, bold and plain titles all start a report', () => {
    const second = makeReport({ year: 2022 });
    const body = second.split('\n').slice(1).join('\n');
    for (const title of ['# 清河市云溪区示例局2022年政府信息公开工作年度报告', '**清河市云溪区示例局2022年政府信息公开工作年度报告**', '清河市云溪区示例局2022年政府信息公开工作年度报告', '### 清河市云溪区示例局2022年度政府信息公开工作年度报告  ']) {
      const first = makeReport({ year: 2021 });
      const text = `${first}\n${title}\n${body}`;
      assert.deepEqual(startLines(text), [0, lineCount(first)], title);
    }
  });

  test('text before the first title belongs to the first report', () => {
    const preface = '本文件汇编了清河市云溪区各部门的年度报告。\n\n目录\n';
    const text = `${preface}${makeReport({ year: 2021 })}\n${makeReport({ year: 2022 })}`;
    const result = analyze(text);
    assert.equal(result.reports.length, 2);
    assert.equal(result.reports[0].range.start.line, 0);
    assert.equal(result.reports[0].year, 2021);
    assert.equal(result.reports[1].year, 2022);
    assert.equal(result.year, 2021);
    // Even headings before the first title do not make it start a second report.
    const misplaced = `## 一、总体情况\n\n## 二、主动公开政府信息情况\n\n${makeReport({ year: 2021 })}`;
    assert.deepEqual(startLines(misplaced), [0]);
    assert.deepEqual(startLines(`${misplaced}\n${makeReport({ year: 2022 })}`), [0, lineCount(misplaced)]);
  });

  test('CRLF documents split at the same lines and give the same findings', () => {
    const parts = [samples[0], samples[7], samples[3]];
    const lf = parts.join('\n');
    const crlf = lf.replace(/\r?\n/g, '\r\n');
    assert.deepEqual(startLines(crlf), startLines(lf.replace(/\r\n/g, '\n')));
    assertEquivalent(parts.map((part) => part.replace(/\r?\n/g, '\r\n')), { separator: '\r\n' });
  });

  test('a document of no report is one part and analysed as before', () => {
    for (const text of ['', '\n\n', '随便写点什么。', '2021年政府信息公开工作年度报告\n2022年政府信息公开工作年度报告']) {
      assert.deepEqual(startLines(text), [0]);
      assert.equal(analyze(text).reports, undefined);
    }
  });
});

describe('each report is judged on its own', () => {
  test('two reports of different years and formats: each by its own year, no cross-report findings', () => {
    const text = `${makeReport({ year: 2020, layout: 'pipe' })}\n${makeReport({ year: 2022 })}`;
    const result = analyze(text);
    assert.deepEqual(
      result.reports.map((report) => [report.year, report.format]),
      [
        [2020, '2019'],
        [2022, '2021'],
      ],
    );
    // Analysed as one report, the 2022 tables would be judged by 2020's format and its headings counted twice.
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.format, '2019');
    assert.equal(result.year, 2020);
  });

  test('a finding in the second report is reported there, and only there', () => {
    const broken = makeReport({ year: 2022, drop: [5] });
    const result = assertEquivalent([makeReport({ year: 2021 }), broken]);
    const missing = result.diagnostics.filter((d) => d.rule === 'section-missing');
    assert.equal(missing.length, 1);
    assert.ok(missing[0].range.start.line >= result.reports[1].range.start.line);
  });

  test('the seeds and examples joined: the combined result is the per-report results, shifted', () => {
    assertEquivalent(samples);
    assertEquivalent([...samples].reverse(), { separator: '\n\n' });
    assertEquivalent(samples, { options: { summaries: false, locale: 'en' } });
  });
});

describe('incremental analysis (createDocumentAnalyzer)', () => {
  const base = [...samples, ...samples.slice(0, 3)].join('\n');
  const pieces = ['', '7', '12', '\n', '\t', '一、总体情况\n', '# 清河市云溪区示例局2023年政府信息公开工作年度报告\n', '二、主动公开政府信息情况', '\r\n', '（七）总计\t1\t2', '。'];
  const editArb = fc.record({ at: fc.nat(), remove: fc.nat(40), insert: fc.constantFrom(...pieces), big: fc.boolean() });

  function applyEdit(text, edit) {
    // Mostly small edits (a keystroke); sometimes a whole range of lines goes, merging two reports.
    const at = edit.at % (text.length + 1);
    const remove = edit.big ? edit.remove * 50 : edit.remove % 4;
    return text.slice(0, at) + edit.insert + text.slice(at + remove);
  }

  test('after random edits, the incremental result equals a fresh analysis (and analyze()) exactly', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (edits, summaries) => {
        const analyzer = createDocumentAnalyzer();
        const options = summaries ? {} : { summaries: false };
        let text = base;
        assert.deepEqual(analyzer.analyze(text, options).result, analyzeDocument(text, options).result);
        for (const edit of edits) {
          text = applyEdit(text, edit);
          const incremental = analyzer.analyze(text, options);
          const fresh = analyzeDocument(text, options);
          assert.deepEqual(incremental.result, fresh.result);
          // analyze() takes its own path (each report's model dropped at once, ranges placed directly).
          assert.deepEqual(library.analyze(text, options), fresh.result);
          assert.deepEqual(
            incremental.reports.map((part) => [part.startLine, part.lineCount, part.text]),
            fresh.reports.map((part) => [part.startLine, part.lineCount, part.text]),
          );
        }
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  test('unchanged reports are reused; the edited one is analysed again; other options start afresh', () => {
    const analyzer = createDocumentAnalyzer();
    const first = analyzer.analyze(base, { summaries: false });
    const at = base.indexOf('\t', first.reports[4].start) + 1;
    const edited = base.slice(0, at) + '9' + base.slice(at);
    const second = analyzer.analyze(edited, { summaries: false });
    assert.equal(second.reports.length, first.reports.length);
    second.reports.forEach((part, index) => {
      if (index === 4) assert.notEqual(part.report, first.reports[index].report);
      else assert.equal(part.report, first.reports[index].report, `report ${index} reused`);
    });
    const english = analyzer.analyze(edited, { summaries: false, locale: 'en' });
    assert.notEqual(english.reports[0].report, second.reports[0].report);
    assert.deepEqual(english.result, analyzeDocument(edited, { summaries: false, locale: 'en' }).result);
  });

  test('a document over the size limit gets the one info finding and no reports', () => {
    const analyzer = createDocumentAnalyzer();
    const result = analyzer.analyze(base, { maxSize: 1000 });
    assert.deepEqual(result.reports, []);
    assert.deepEqual(result.result, analyze(base, { maxSize: 1000 }));
  });
});

describe('editor features on a document of many reports', () => {
  const parts = [makeReport({ year: 2021 }), makeReport({ year: 2022, layout: 'pipe' })];
  const text = parts.join('\n');
  const { reports } = analyzeDocument(text, { summaries: false });
  const secondStart = lineCount(parts[0]);

  test('the outline has each report as a top-level symbol with its sections under it', () => {
    const symbols = library.documentOutline(reports);
    assert.equal(symbols.length, 2);
    assert.deepEqual(symbols.map((s) => s.kind), ['report', 'report']);
    assert.equal(symbols[0].name, '清河市云溪区示例局2021年政府信息公开工作年度报告');
    assert.equal(symbols[1].range.start.line, secondStart);
    assert.equal(symbols[1].children.filter((s) => s.kind === 'section').length, 6);
    assert.ok(symbols[1].children.every((s) => s.range.start.line >= secondStart));
    // One report: the outline is the single-report one.
    const single = analyzeDocument(parts[0]).reports;
    assert.deepEqual(library.documentOutline(single), library.documentSymbols(single[0].report, single[0].result));
  });

  test('hover, folding, code lens and formatting answer in the document lines', () => {
    const line = text.split('\n').findIndex((l, i) => i > secondStart && l.includes('（七）总计'));
    const character = text.split('\n')[line].search(/\d/);
    const found = library.documentHover(reports, { line, character });
    assert.ok(found, 'a hover on a cell of the second report');
    assert.equal(found.range.start.line, line);
    const folds = library.documentFolding(reports);
    assert.ok(folds.some((fold) => fold.startLine >= secondStart));
    const lenses = library.documentCodeLenses(reports);
    assert.ok(lenses.some((lens) => lens.range.start.line >= secondStart));
    // Formatting: the pipe table of the second report is re-aligned in place, nowhere else.
    const edits = library.documentFormat(reports);
    assert.ok(edits.every((edit) => edit.range.start.line >= secondStart));
    const ranged = library.documentFormat(reports, { start: { line: 0, character: 0 }, end: { line: secondStart - 1, character: 0 } });
    assert.deepEqual(ranged, []);
  });

  test('completion offers the sections the report at the cursor lacks', () => {
    const partial = `${parts[0]}\n${makeReport({ year: 2022, drop: [6] })}`;
    const doc = analyzeDocument(partial, { summaries: false }).reports;
    const last = lineCount(partial) - 1;
    const items = library.documentCompletion(doc, { line: last, character: 0 });
    assert.ok(items.some((item) => item.label.includes('其他需要报告的事项')));
    assert.ok(items.every((item) => item.edit.range.start.line === last));
  });
});

describe('workspace rules across the reports of one file', () => {
  test('carry-over and similarity compare a report with the same agency\'s report of the year before in the same file', () => {
    const [a, b] = [makeReport({ year: 2021 }), makeReport({ year: 2022 })];
    const apart = library.analyzeWorkspace([
      { uri: 'a', text: a },
      { uri: 'b', text: b },
    ]);
    const together = library.analyzeWorkspace([{ uri: 'county', text: `${a}\n${b}` }]).get('county');
    const offset = lineCount(a);
    const across = (list) => list.filter((d) => d.rule === 'carry-over' || d.rule === 'similarity');
    assert.ok(across(apart.get('b')).length > 0, 'the fixture has findings across the two years');
    assert.deepEqual(
      across(together).map((d) => [d.rule, d.message, d.range.start.line, d.relatedInformation.map((info) => [info.uri, info.range.start.line])]),
      across(apart.get('b')).map((d) => [d.rule, d.message, d.range.start.line + offset, d.relatedInformation.map((info) => ['county', info.range.start.line])]),
    );
  });
});

describe('a title set over two lines, the agency above the year', () => {
  /** The title's agency moved to a line of its own above it. */
  const twoLines = (text) => text.replace(/^(.*?)((?:19|20)\d{2}年政府信息公开工作年度报告)$/m, '$1\n$2');
  test('the agency is read from the line above', () => {
    const text = makeReport({ year: 2021 });
    const agency = analyze(text).agency;
    assert.ok(agency);
    assert.notEqual(twoLines(text), text);
    assert.equal(analyze(twoLines(text)).agency, agency);
    assert.deepEqual(analyze(twoLines(text)).diagnostics.map((d) => d.rule), analyze(text).diagnostics.map((d) => d.rule));
  });
  test('the workspace rules find the agency\'s report of the year before', () => {
    const [a, b] = [makeReport({ year: 2021 }), twoLines(makeReport({ year: 2022 }))];
    const found = library.analyzeWorkspace([
      { uri: 'a', text: a },
      { uri: 'b', text: b },
    ]);
    assert.ok(found.get('b').some((d) => d.rule === 'carry-over' || d.rule === 'similarity'));
  });
  test('a web page\'s breadcrumb or date line above a title without agency is no agency', () => {
    const bare = makeReport({ year: 2021 }).replace(/^.*?((?:19|20)\d{2}年政府信息公开工作年度报告)$/m, '$1');
    assert.equal(analyze(bare).agency, null);
    assert.equal(analyze(`首页 > 政务公开 > 年度报告\n${bare}`).agency, null);
    assert.equal(analyze(`发布时间：2022-01-25  来源：本机关\n${bare}`).agency, null);
  });
});

describe('govreport check on a file of many reports', () => {
  test('JSON lists the reports and the findings of each, as the library gives them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-reports-'));
    try {
      const text = [makeReport({ year: 2021 }), makeReport({ year: 2022, drop: [5] }), seedTexts[1]].join('\n');
      const file = path.join(dir, 'county.txt');
      fs.writeFileSync(file, text);
      const run = spawnSync(process.execPath, [path.join(repoRoot, 'server/dist/cli.js'), 'check', '--format', 'json', file], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      const output = JSON.parse(run.stdout);
      const expected = analyze(text, { locale: 'zh-CN' });
      assert.equal(output.files.length, 1);
      assert.deepEqual(output.files[0].reports, expected.reports);
      assert.equal(output.files[0].reports.length, 3);
      // Its own findings, then the workspace rules' between its 2021 and 2022 reports (same agency).
      const withWorkspace = library.analyzeWorkspace([{ uri: file, text }], { locale: 'zh-CN' }).get(file);
      assert.ok(withWorkspace.some((d) => d.rule === 'carry-over'));
      assert.deepEqual(
        output.files[0].diagnostics.map((d) => [d.rule, d.range.start.line]),
        withWorkspace.map((d) => [d.rule, d.range.start.line]),
      );
      assert.equal(run.status, withWorkspace.some((d) => d.severity === 'error') ? 1 : 0);
      const plain = spawnSync(process.execPath, [path.join(repoRoot, 'server/dist/cli.js'), 'check', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.match(plain.stdout, /section-missing/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
