// Inline suppression: `<!-- govreport-disable-next-line … -->`, `<!-- govreport-disable … -->` …
// `<!-- govreport-enable … -->`. Read from the report once, applied once to the complete findings, and
// reported when they suppress nothing; the comment lines are invisible to the reader.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { repoRoot } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const lib = require(path.join(repoRoot, 'server/dist/index.js'));
const { analyze, readSuppressions, suppressionFixes, suppressFindings, analyzeWorkspace } = lib;

const SAMPLE = fs.readFileSync(path.join(repoRoot, 'examples/望湖街道办事处2022年政府信息公开工作年度报告.md'), 'utf8');
// The sample's deliberate mistakes (1-based lines): 52 label-mismatch, 60 cell-blank, 65 row-total,
// 76 result-total, 85 review-total, 97 section-missing.
const found = (text, options) => analyze(text, options).diagnostics.map((d) => `${d.range.start.line + 1} ${d.rule}`).sort();

/** The sample with `comment` inserted above its 1-based line `line` (later lines move down by one). */
function insertAbove(text, line, comment, eol = '\n') {
  const lines = text.split(eol);
  lines.splice(line - 1, 0, comment);
  return lines.join(eol);
}

describe('suppression: reading the comments', () => {
  test('the three directives, ids, reasons and positions', () => {
    const text = [
      '<!-- govreport-disable-next-line cell-blank row-total -- 无此业务 -->',
      'a',
      '  <!-- govreport-disable -->',
      '<!-- govreport-enable cell-blank,label-mismatch -->',
      'b',
    ].join('\n');
    const { directives } = readSuppressions(text);
    assert.deepEqual(
      directives.map((d) => [d.kind, d.line, d.ids.map((i) => i.id), d.target]),
      [
        ['disable-next-line', 0, ['cell-blank', 'row-total'], 1],
        ['disable', 2, [], -1],
        ['enable', 3, ['cell-blank', 'label-mismatch'], -1],
      ],
    );
    // The id's range is where it is written.
    const first = directives[0].ids[1];
    assert.equal(text.split('\n')[0].slice(first.range.start.character, first.range.end.character), 'row-total');
    assert.equal(directives[1].range.start.character, 2);
  });

  test('not directives: text around the comment, other comments, other words', () => {
    const text = [
      '表格 <!-- govreport-disable cell-blank -->',
      '<!-- govreport-disable cell-blank --> 表格',
      '<!-- 普通注释 -->',
      '<!-- govreport-disabled cell-blank -->',
      'govreport-disable cell-blank',
    ].join('\n');
    assert.deepEqual(readSuppressions(text).directives, []);
  });

  test('disable-next-line skips further comment lines; at the end it has no target', () => {
    const text = ['<!-- govreport-disable-next-line cell-blank -->', '<!-- govreport-disable-next-line row-total -->', 'x', '<!-- govreport-disable-next-line balance -->'].join('\r\n');
    assert.deepEqual(
      readSuppressions(text).directives.map((d) => d.target),
      [2, 2, -1],
    );
  });
});

describe('suppression: filtering in analyze', () => {
  test('disable-next-line suppresses exactly its line and rule', () => {
    let text = insertAbove(SAMPLE, 65, '<!-- govreport-disable-next-line row-total -->');
    text = insertAbove(text, 60, '<!-- govreport-disable-next-line cell-blank -->');
    // Lines after the insertions move: 65 → 67, 76 → 78 …
    assert.deepEqual(found(text), ['99 section-missing', '52 label-mismatch', '78 result-total', '87 review-total'].sort());
  });

  test('a disable-next-line of another rule suppresses nothing and is reported', () => {
    const text = insertAbove(SAMPLE, 60, '<!-- govreport-disable-next-line row-total -->');
    const diagnostics = analyze(text).diagnostics;
    assert.ok(diagnostics.some((d) => d.rule === 'cell-blank' && d.range.start.line === 60));
    const unused = diagnostics.filter((d) => d.rule === 'unused-suppression');
    assert.equal(unused.length, 1);
    assert.equal(unused[0].severity, 'info');
    assert.equal(unused[0].range.start.line, 59);
    assert.match(unused[0].message, /row-total/);
    assert.ok(unused[0].href.endsWith('docs/rules/unused-suppression.md'));
  });

  test('disable … enable covers the stretch between; no ids means every rule', () => {
    let text = insertAbove(SAMPLE, 77, '<!-- govreport-enable -->');
    text = insertAbove(text, 60, '<!-- govreport-disable -->');
    // 60 cell-blank, 65 row-total, 76 result-total are inside; 52 and the later ones are not.
    assert.deepEqual(found(text), ['52 label-mismatch', '87 review-total', '99 section-missing'].sort());
  });

  test('nesting: enable one rule inside "disable every rule"', () => {
    let text = insertAbove(SAMPLE, 61, '<!-- govreport-enable row-total -->');
    text = insertAbove(text, 55, '<!-- govreport-disable -->');
    // row-total (now line 67) is enabled again; cell-blank (61) and everything after stays disabled.
    assert.deepEqual(found(text), ['52 label-mismatch', '67 row-total'].sort());
  });

  test('an unknown rule id and a needless enable are reported', () => {
    let text = insertAbove(SAMPLE, 60, '<!-- govreport-disable-next-line cell-blank cell-blnk -->');
    text = insertAbove(text, 2, '<!-- govreport-enable row-total -->');
    const unused = analyze(text).diagnostics.filter((d) => d.rule === 'unused-suppression');
    assert.deepEqual(unused.map((d) => d.message).sort(), ['未知的规则名 cell-blnk', '此 enable 注释没有作用：此处 row-total 并未被忽略'].sort());
    // cell-blank itself was suppressed.
    assert.ok(!analyze(text).diagnostics.some((d) => d.rule === 'cell-blank'));
    assert.match(analyze(text, { locale: 'en' }).diagnostics.find((d) => /cell-blnk/.test(d.message)).message, /Unknown rule id cell-blnk/);
  });

  test('a rule switched off, or unused-suppression off, is not reported as unused', () => {
    const text = insertAbove(SAMPLE, 2, '<!-- govreport-disable-next-line balance -->');
    assert.equal(analyze(text).diagnostics.filter((d) => d.rule === 'unused-suppression').length, 1);
    assert.equal(analyze(text, { rules: { balance: 'off' } }).diagnostics.filter((d) => d.rule === 'unused-suppression').length, 0);
    assert.equal(analyze(text, { rules: { 'unused-suppression': 'off' } }).diagnostics.filter((d) => d.rule === 'unused-suppression').length, 0);
    assert.equal(analyze(text, { rules: { 'unused-suppression': 'error' } }).diagnostics.find((d) => d.rule === 'unused-suppression').severity, 'error');
  });

  test('CRLF documents: the same findings suppressed at the same lines', () => {
    const crlf = SAMPLE.replace(/\r?\n/g, '\r\n');
    const text = insertAbove(crlf, 60, '<!-- govreport-disable-next-line cell-blank -->', '\r\n');
    assert.deepEqual(found(text), ['52 label-mismatch', '66 row-total', '77 result-total', '86 review-total', '98 section-missing'].sort());
  });

  test('plain-text reports: the same comments work in a .txt report', () => {
    const txt = fs.readFileSync(path.join(repoRoot, 'examples/望湖街道办事处2021年政府信息公开工作年度报告.txt'), 'utf8');
    const broken = txt.replace('（一）予以公开\t6\t2', '（一）予以公开\t7\t2');
    const before = analyze(broken).diagnostics;
    assert.ok(before.length > 0, 'the edit makes a finding');
    const first = before[0];
    const text = insertAbove(broken, first.range.start.line + 1, `<!-- govreport-disable-next-line ${first.rule} -->`);
    assert.equal(analyze(text).diagnostics.length, before.length - 1);
  });

  test('comment lines are neither prose nor table cells', () => {
    // A comment full of figures and labels inside table 三 changes nothing.
    const clean = fs.readFileSync(path.join(repoRoot, 'examples/望湖街道办事处2021年政府信息公开工作年度报告.txt'), 'utf8');
    const lines = clean.split(/\r?\n/);
    const at = lines.findIndex((line) => line.includes('（一）予以公开'));
    lines.splice(at, 0, '<!-- （一）予以公开 99 99 99。本年新收申请 500 件 -->', '<!--', '行政复议\t1\t2', '-->');
    assert.deepEqual(analyze(lines.join('\n')).diagnostics, []);
  });

  test('a text that is not a report gets no unused-suppression', () => {
    assert.deepEqual(analyze('<!-- govreport-disable-next-line cell-blank -->\n随便写点什么').diagnostics, []);
  });

  test('suppressFindings: suppressions of the workspace rules are reported only when the workspace was checked', () => {
    const text = insertAbove(SAMPLE, 2, '<!-- govreport-disable-next-line carry-over -->');
    assert.equal(analyze(text).diagnostics.filter((d) => d.rule === 'unused-suppression').length, 0);
    const all = suppressFindings(text, [], { isReport: true, workspaceChecked: true });
    assert.equal(all.length, 1);
    assert.equal(all[0].rule, 'unused-suppression');
    // analyzeWorkspace checks the workspace: its findings are filtered too.
    const out = analyzeWorkspace([{ uri: 'a', text }]);
    assert.ok(out.get('a').some((d) => d.rule === 'unused-suppression' && /carry-over/.test(d.message)));
  });
});

describe('suppression: quick fixes', () => {
  const diagnostic = { rule: 'cell-blank', range: { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } } };

  test('在此行忽略此规则: above the line, with its indentation and the document EOL', () => {
    const text = 'a\r\nb\r\n  c\td\r\n';
    const [line, file] = suppressionFixes(text, diagnostic);
    assert.match(line.title, /在此行忽略此规则/);
    assert.deepEqual(line.edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  <!-- govreport-disable-next-line cell-blank -->\r\n' }]);
    assert.match(file.title, /在此文件中忽略此规则/);
    assert.deepEqual(file.edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '<!-- govreport-disable cell-blank -->\r\n' }]);
    assert.match(suppressionFixes(text, diagnostic, 'en')[0].title, /Ignore cell-blank on this line/);
  });

  test('an existing comment gets the id added instead of a second comment', () => {
    const text = '<!-- govreport-disable row-total -->\nb\n<!-- govreport-disable-next-line balance -->\nc\n';
    const fixes = suppressionFixes(text, { rule: 'cell-blank', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } } });
    assert.deepEqual(fixes[0].edits, [{ range: { start: { line: 2, character: 40 }, end: { line: 2, character: 40 } }, newText: ' cell-blank' }]);
    assert.deepEqual(fixes[1].edits, [{ range: { start: { line: 0, character: 32 }, end: { line: 0, character: 32 } }, newText: ' cell-blank' }]);
  });

  test('applying them suppresses the finding in analyze', () => {
    const cellBlank = analyze(SAMPLE).diagnostics.find((d) => d.rule === 'cell-blank');
    for (const fix of suppressionFixes(SAMPLE, cellBlank)) {
      const [edit] = fix.edits;
      const lines = SAMPLE.split('\n');
      const line = edit.range.start.line;
      lines[line] = lines[line].slice(0, edit.range.start.character) + edit.newText + lines[line].slice(edit.range.start.character);
      const after = analyze(lines.join('\n')).diagnostics;
      assert.ok(!after.some((d) => d.rule === 'cell-blank'), fix.title);
      assert.ok(!after.some((d) => d.rule === 'unused-suppression'), fix.title);
    }
  });
});
