// The text rules on small crafted reports: for each rule the finding (its range, the words and numbers
// its message quotes, its fix), and the texts that look alike but are right, which must stay quiet.
// The fixture's report is consistent: 新收 13, 上年结转 1, （七）总计 12, 予以公开 6, 部分公开 1, 不予公开 1,
// 无法提供 3, 不予处理 1, 结转下年度 2; 行政复议 1, 行政诉讼 1 (未经复议直接起诉); 行政规范性文件 制发 2,
// 废止 1, 现行有效 15.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { active2021, analyze, applyEdits, listRules, makeReport, rangeText, repoRoot, rulesOf } from './fixtures.mjs';

const TEXT_RULES = ['year-mismatch', 'fee-statement', 'fee-unit', 'prose-table', 'cited-format', 'overview-length', 'enumeration', 'deadline'];

function found(text, rule, options) {
  return rulesOf(analyze(text, options), rule);
}

function textFindings(text, options) {
  return analyze(text, options).diagnostics.filter((d) => TEXT_RULES.includes(d.rule));
}

/** A report with `preamble` after the title and the given section bodies. */
function report({ year = 2021, preamble, bodies = {}, title, ...rest } = {}) {
  let text = makeReport({ year, bodies, ...rest });
  if (title) text = text.replace(/^# .*$/m, `# ${title}`);
  if (preamble) text = text.replace('\n\n## 一、', `\n\n${preamble}\n\n## 一、`);
  return text;
}

/** Section 一 with the given sentences after the standard opening. */
function overview(sentences, year = 2021) {
  return `${year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。\n\n${sentences}`;
}

test('the crafted consistent reports have no text finding', () => {
  for (const year of [2019, 2020, 2021, 2022]) {
    for (const layout of ['tab', 'lines', 'pipe', 'space']) assert.deepEqual(textFindings(report({ year, layout })), [], `${year} ${layout}`);
  }
});

describe('year-mismatch', () => {
  test('a statistical period of the year before, with the title year as related information', () => {
    const text = report({ year: 2022, preamble: '本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。' });
    const [d, ...rest] = found(text, 'year-mismatch');
    assert.equal(rest.length, 0);
    assert.equal(rangeText(text, d.range), '2021年1月1日起至2021年12月31日');
    assert.match(d.message, /统计期限写的是“2021年1月1日起至2021年12月31日”（2021 年），而标题为 2022 年度报告/);
    assert.equal(rangeText(text, d.relatedInformation[0].range), '2022年');
    assert.equal(d.severity, 'warning');
  });
  test('the end of the period alone in another year', () => {
    const text = report({ year: 2022, preamble: '统计期限为2022年1月1日至2021年12月31日。' });
    const findings = found(text, 'year-mismatch');
    assert.deepEqual(findings.map((d) => rangeText(text, d.range)), ['2021年12月31日']);
  });
  test('the first words of 总体情况 left from last year', () => {
    const text = report({ year: 2022, bodies: { 1: '2021年，本局认真贯彻落实《条例》，扎实推进政务公开工作。' } });
    const [d] = found(text, 'year-mismatch');
    assert.equal(rangeText(text, d.range), '2021年');
    assert.match(d.message, /总体情况开头写的是“2021年”，而标题为 2022 年度报告/);
  });
  test('a cut-off 截至…12月31日 and a preamble 年度 in another year', () => {
    const text = report({
      year: 2022,
      preamble: '经对本局2021年度政府信息公开工作进行总结，编制本报告。',
      bodies: { 1: overview('截至2021年12月31日，本局现行有效行政规范性文件15件。', 2022) },
    });
    assert.deepEqual(found(text, 'year-mismatch').map((d) => rangeText(text, d.range)).sort(), ['2021年12月31日', '2021年度'].sort());
  });
  test('without a title the statistical period is the reference', () => {
    const text = report({ year: 2022, preamble: '统计期限自2022年1月1日起至2022年12月31日止。', bodies: { 1: '2021年，本局扎实推进政务公开工作。' } }).replace(
      /^# .*\n/,
      '',
    );
    const [d] = found(text, 'year-mismatch');
    assert.equal(rangeText(text, d.range), '2021年');
    assert.match(d.message, /而统计期限写的是“2022年1月1日起至2022年12月31日”/);
  });
  test('other years are not statements of the report year', () => {
    const text = report({
      year: 2022,
      preamble: '本报告根据《2021年度政务公开工作要点》编制，所列数据的统计期限自2022年1月1日起至2022年12月31日止。与2021年度政府信息公开工作相比，各项工作有所加强。',
      bodies: {
        1: overview('本局成立于2019年3月，《条例》自2019年5月15日起施行。全年公开信息较2021年增加120条。', 2022),
        5: '2023年，本局将一是加强培训；二是完善制度。',
        6: '本年度未收取信息处理费。\n\n清河市云溪区示例局\n\n2023年1月20日',
      },
    });
    assert.deepEqual(found(text, 'year-mismatch'), []);
  });
  test('English message', () => {
    const text = report({ year: 2022, bodies: { 1: '2021年，本局扎实推进政务公开工作。' } });
    const [d] = found(text, 'year-mismatch', { locale: 'en' });
    assert.match(d.message, /Section 1 opens with "2021年", but the title is a 2022 report/);
  });
});

describe('fee-statement', () => {
  test('a 2021 report whose section 六 says only 无: the message quotes it, the fix inserts the sentence', () => {
    const text = report({ bodies: { 6: '无。' } });
    const [d, ...rest] = found(text, 'fee-statement');
    assert.equal(rest.length, 0);
    assert.equal(rangeText(text, d.range), '六、其他需要报告的事项');
    assert.match(d.message, /2021 年度报告应在第六部分报告信息处理费的收取情况.*第六部分只写了“无。”/);
    assert.equal(d.severity, 'warning');
    assert.equal(d.fixes.length, 1);
    assert.equal(d.fixes[0].title, '插入“本年度未收取信息处理费。”');
    const fixed = applyEdits(text, d.fixes[0].edits);
    assert.ok(fixed.includes('## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n\n无。'), fixed.slice(-80));
    assert.deepEqual(found(fixed, 'fee-statement'), []);
    assert.deepEqual(analyze(fixed).diagnostics, []);
  });
  test('the fix follows the document: no blank lines, CRLF, full-width indentation', () => {
    const tight = report({ year: 2023, bodies: { 6: '　　无其他需要报告的事项。' } }).replace(/\n\n/g, '\n').replace(/\n/g, '\r\n');
    const [d] = found(tight, 'fee-statement');
    assert.match(d.message, /2023 年度报告/);
    const lines = tight.split('\r\n');
    const heading = lines.findIndex((line) => line.includes('六、其他需要报告的事项'));
    const edit = d.fixes[0].edits[0];
    assert.deepEqual(edit.range.start, { line: heading, character: lines[heading].length });
    assert.equal(edit.newText, '\r\n　　本年度未收取信息处理费。');
    assert.deepEqual(found(applyEdits(tight, d.fixes[0].edits), 'fee-statement'), []);
  });
  test('行政事业性收费 is another fee: still reported', () => {
    assert.equal(found(report({ bodies: { 6: '本年度无行政事业性收费情况。' } }), 'fee-statement').length, 1);
  });
  test('quiet: 2019/2020 reports, any statement of the fee, a missing section 六, the fee stated in another section', () => {
    assert.deepEqual(found(report({ year: 2020, bodies: { 6: '无。' } }), 'fee-statement'), []);
    assert.deepEqual(found(report({ year: 2019, bodies: { 6: '无。' } }), 'fee-statement'), []);
    for (const six of ['本年度共收取信息处理费200元。', '2021年度，本机关无收取信息处理费情况。', '本机关依申请提供政府信息，未向申请人收取任何费用。']) {
      assert.deepEqual(found(report({ bodies: { 6: six } }), 'fee-statement'), [], six);
    }
    const dropped = analyze(report({ drop: [6] }));
    assert.deepEqual(rulesOf(dropped, 'fee-statement'), []);
    assert.equal(rulesOf(dropped, 'section-missing').length, 1);
    assert.deepEqual(found(report({ bodies: { 1: overview('（三）政府信息管理。本年度未收取信息处理费。'), 6: '无。' } }), 'fee-statement'), []);
  });
  test('a statement hard-wrapped over lines (pasted from a PDF) is read as one', () => {
    for (const six of ['本年度未收取信息处\n理费。', '本年度未\n收取信息处理费。', '本机关依申请提供政府信息，未向申请人收\n取任何费用。']) {
      assert.deepEqual(found(report({ bodies: { 6: six } }), 'fee-statement'), [], six);
      assert.deepEqual(found(report({ bodies: { 6: six } }).replace(/\n/g, '\r\n'), 'fee-statement'), [], `${six} (CRLF)`);
    }
    // Stated elsewhere, wrapped there.
    assert.deepEqual(found(report({ bodies: { 1: overview('（三）政府信息管理。本年度未收取信息\n处理费。'), 6: '无。' } }), 'fee-statement'), []);
    // Lines that end a sentence, or a blank line between them, are not one statement.
    assert.equal(found(report({ bodies: { 6: '本年度未收取信息处\n\n理费。' } }), 'fee-statement').length, 1);
    assert.equal(found(report({ bodies: { 6: '本年度无信息处。\n理费。' } }), 'fee-statement').length, 1);
  });
});

describe('fee-unit', () => {
  function withFee(value, year = 2021) {
    const active = active2021();
    active[3].rows[0][1] = [value];
    return report({ year, active });
  }
  test('a 元 in the cell: the message converts it', () => {
    const text = withFee('3560元');
    const [d] = found(text, 'fee-unit');
    assert.equal(rangeText(text, d.range), '3560元');
    assert.match(d.message, /本年收费金额的单位是万元，“3560元”应写作 0\.356/);
    assert.equal(d.severity, 'warning');
    assert.deepEqual(found(text, 'cell-invalid'), []);
  });
  test('more than 4 decimals', () => {
    const text = withFee('0.35605');
    const [d] = found(text, 'fee-unit');
    assert.equal(rangeText(text, d.range), '0.35605');
    assert.match(d.message, /“0\.35605”有 5 位小数/);
  });
  test('quiet: 万元 values with up to 4 decimals, a 万元 unit', () => {
    for (const value of ['0', '0.3560', '12.5', '1.2万元']) assert.deepEqual(found(withFee(value), 'fee-unit'), [], value);
  });
});

describe('prose-table', () => {
  const CONSISTENT =
    '（二）依申请公开。全年新收政府信息公开申请十三件，上年结转1件；办结12件，其中予以公开6件、部分公开1件、不予公开1件、无法提供3件、不予处理1件，结转下年度继续办理2件。全年因政府信息公开工作被申请行政复议1件、提起行政诉讼1件。';

  function withText(sentences, year = 2021) {
    return report({ year, bodies: { 1: overview(sentences, year) } });
  }

  test('quiet when every figure agrees (Arabic and Chinese numerals, 2019 and 2021 format)', () => {
    assert.deepEqual(found(withText(CONSISTENT), 'prose-table'), []);
    assert.deepEqual(found(withText(CONSISTENT, 2020), 'prose-table'), []);
    assert.deepEqual(found(withText('（二）依申请公开。共受理政府信息公开申请14件（新收13件，上年结转1件），均已按时答复。'), 'prose-table'), []);
    assert.deepEqual(found(withText('（二）依申请公开。本年度共受理政府信息公开申请13件。'), 'prose-table'), []);
  });

  const CASES = [
    ['新收政府信息公开申请十四件', '十四件', /新收申请 14.*表三“一、本年新收政府信息公开申请数量”的总计为 13/],
    ['共收到政府信息公开申请15件', '15件', /收到申请 15.*总计为 13（加上年结转 1 为 14）/],
    ['上年结转2件', '2件', /上年结转 2.*“二、上年结转政府信息公开申请数量”的总计为 1/],
    ['办结二十三件', '二十三件', /办结 23.*表三“（七）总计”为 12/],
    ['予以公开5件', '5件', /予以公开 5.*“（一）予以公开”的总计为 6/],
    ['部分公开2件', '2件', /部分公开 2.*“（二）部分公开”的总计为 1/],
    ['不予公开2件', '2件', /不予公开 2.*“（三）不予公开”各项的总计合计为 1/],
    ['无法提供1件', '1件', /无法提供 1.*合计为 3/],
    ['结转下年度继续办理3件', '3件', /结转下年度 3.*“四、结转下年度继续办理”的总计为 2/],
    ['结转4件', '4件', /结转 4.*“四、结转下年度继续办理”的总计为 2，表三“二、上年结转政府信息公开申请数量”的总计为 1/],
  ];
  for (const [sentence, figure, message] of CASES) {
    test(`“${sentence}”`, () => {
      const text = withText(`（二）依申请公开。全年${sentence}。`);
      const [d, ...rest] = found(text, 'prose-table');
      assert.equal(rest.length, 0, JSON.stringify(rest.map((x) => x.message)));
      assert.equal(rangeText(text, d.range), figure);
      assert.match(d.message, message);
      assert.ok(d.relatedInformation.length > 0);
      assert.equal(d.severity, 'warning');
    });
  }

  test('review and lawsuit counts, with the table cells as related information', () => {
    const text = withText('全年因政府信息公开工作被申请行政复议2件、提起行政诉讼3件。');
    const findings = found(text, 'prose-table');
    assert.deepEqual(findings.map((d) => rangeText(text, d.range)), ['2件', '3件']);
    assert.match(findings[0].message, /正文说“全年因政府信息公开工作被申请行政复议2件”（行政复议 2），而表四“行政复议”的总计为 1/);
    assert.match(findings[1].message, /行政诉讼 3.*表四“行政诉讼”共 1（未经复议直接起诉 1 \+ 复议后起诉 0）/);
    assert.equal(findings[1].relatedInformation.length, 2);
  });

  test('a zero in words', () => {
    const text = withText('（二）依申请公开。全年未收到政府信息公开申请。全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。');
    const findings = found(text, 'prose-table');
    assert.deepEqual(
      findings.map((d) => rangeText(text, d.range)),
      ['未收到政府信息公开申请', '未发生因政府信息公开工作被申请行政复议、提起行政诉讼', '未发生因政府信息公开工作被申请行政复议、提起行政诉讼'],
    );
    assert.match(findings[0].message, /新收申请 0.*总计为 13/);
  });

  test('quiet: parts, estimates, comparisons, other years, shared figures and other business', () => {
    for (const sentence of [
      '（二）依申请公开。其中自然人申请11件，法人或其他组织申请3件。',
      '（二）依申请公开。全年新收申请较上年增加5件，同比增长20%。',
      '（二）依申请公开。2020年收到政府信息公开申请30件。',
      '（二）依申请公开。办结后予以公开、部分公开共9件。',
      '（二）依申请公开。通过网上平台受理申请10件，当面受理3件。',
      '（二）依申请公开。收到政府信息公开申请20余件。',
      '（二）依申请公开。全年受理行政许可申请1200件，办结1200件。',
      '（二）依申请公开。办理人大代表建议和政协委员提案12件，均已办结。',
      '全年办结群众来信来访35件。',
      '本局全年办理行政复议案件120件。',
      '全年未发生因政府信息公开工作被申请行政复议后被纠错的情况。',
      '主动公开政府信息312条，予以公开的政策文件27件。',
    ]) {
      assert.deepEqual(found(withText(sentence), 'prose-table').map((d) => d.message), [], sentence);
    }
  });

  test('行政规范性文件 issued, repealed and in force against table 二 (2021 format)', () => {
    assert.deepEqual(found(withText('制发行政规范性文件2件，废止1件，现行有效15件。'), 'prose-table'), []);
    const text = withText('全年制发行政规范性文件3件，废止1件，现行有效十四件。');
    const findings = found(text, 'prose-table');
    assert.deepEqual(findings.map((d) => rangeText(text, d.range)), ['3件', '十四件']);
    assert.match(findings[0].message, /制发规范性文件 3.*表二第二十条第（一）项“行政规范性文件·本年制发件数”为 2/);
    assert.match(findings[1].message, /现行有效规范性文件 14.*“行政规范性文件·现行有效件数”为 15/);
    // 规章 has its own row; the 2019 format has other columns.
    assert.deepEqual(found(withText('制发规章和行政规范性文件3件。'), 'prose-table'), []);
    assert.deepEqual(found(withText('制发规范性文件3件。', 2020), 'prose-table'), []);
  });

  test('a table that cannot be read is not compared', () => {
    const text = withText('（二）依申请公开。全年新收政府信息公开申请99件。').replace('一、本年新收政府信息公开申请数量\t10\t2\t0\t1\t0\t0\t13', '一、本年新收政府信息公开申请数量\t10\t2\t0\t1\t0\t0\t');
    assert.deepEqual(found(text, 'prose-table'), []);
  });

  test('English message', () => {
    const [d] = found(withText('（二）依申请公开。全年办结11件。'), 'prose-table', { locale: 'en' });
    assert.match(d.message, /The text says "全年办结11件" \(requests answered: 11\), but table 3 "（七）总计" has a total of 12/);
  });
});

describe('cited-format', () => {
  const CITE_2019 = '本报告依据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）编制。';
  const CITE_2021 = '本报告依据《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。';
  test('a 2021 report citing 〔2019〕60号', () => {
    const text = report({ year: 2021, preamble: CITE_2019 });
    const [d] = found(text, 'cited-format');
    assert.equal(rangeText(text, d.range), '〔2019〕60号');
    assert.match(d.message, /2021 年度报告应依据国办公开办函〔2021〕30号规定的格式，此处引用的是“〔2019〕60号”/);
    assert.equal(d.severity, 'info');
  });
  test('a 2020 report citing 〔2021〕30号', () => {
    const text = report({ year: 2020, preamble: CITE_2021 });
    assert.deepEqual(found(text, 'cited-format').map((d) => rangeText(text, d.range)), ['〔2021〕30号']);
  });
  test('quiet: the right notice, both notices, another issuer’s number', () => {
    assert.deepEqual(found(report({ year: 2022, preamble: CITE_2021 }), 'cited-format'), []);
    assert.deepEqual(found(report({ year: 2019, preamble: CITE_2019 }), 'cited-format'), []);
    assert.deepEqual(found(report({ year: 2021, preamble: `${CITE_2021}该格式取代了国办公开办函〔2019〕60号规定的格式。` }), 'cited-format'), []);
    assert.deepEqual(found(report({ year: 2021, preamble: '根据某省政办〔2019〕60号文件要求编制。' }), 'cited-format'), []);
  });
});

describe('overview-length', () => {
  const SENTENCE = '本局扎实推进政务公开工作。'; // 13 characters
  test('over 1000 characters in a 2021 report: reported on the heading with the count', () => {
    const text = report({ bodies: { 1: SENTENCE.repeat(77) + '\n\n' + '（一）主动公开。' } }); // 1001 + 8
    const [d] = found(text, 'overview-length');
    assert.equal(rangeText(text, d.range), '一、总体情况');
    assert.match(d.message, /总体情况约 1009 字，30号格式要求篇幅原则上不超过一千字/);
    assert.equal(d.severity, 'info');
  });
  test('quiet: 1000 characters exactly, ASCII words counted as one, white space not counted, a 2020 report', () => {
    assert.deepEqual(found(report({ bodies: { 1: '一'.repeat(1000) } }), 'overview-length'), []);
    assert.equal(found(report({ bodies: { 1: '一'.repeat(1001) } }), 'overview-length').length, 1);
    assert.deepEqual(found(report({ bodies: { 1: '一'.repeat(990) + ' 2021 APP　 ' + '二'.repeat(8) } }), 'overview-length'), []);
    assert.deepEqual(found(report({ year: 2020, bodies: { 1: '一'.repeat(1500) } }), 'overview-length'), []);
  });
});

describe('enumeration', () => {
  function five(body) {
    return report({ bodies: { 5: body } });
  }
  test('a gap in 一是/二是', () => {
    const text = five('一是完善台账；二是统一答复书样本；四是加强培训。');
    const [d, ...rest] = found(text, 'enumeration');
    assert.equal(rest.length, 0);
    assert.equal(rangeText(text, d.range), '四是');
    assert.match(d.message, /“四是”之前缺少“三是”（上一个序号是“二是”）/);
    assert.equal(rangeText(text, d.relatedInformation[0].range), '二是');
    assert.equal(d.severity, 'info');
  });
  test('a repeat, and one finding per list', () => {
    const text = five('一是完善台账；二是统一样本；二是加强培训；四是强化考核。');
    const findings = found(text, 'enumeration');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /序号“二是”重复，应为“三是”/);
  });
  test('paragraph numbers （一）（三）', () => {
    const text = five('（一）存在的主要问题。信息发布不够及时。\n\n（三）改进措施。加强培训。');
    const [d] = found(text, 'enumeration');
    assert.equal(rangeText(text, d.range), '（三）');
    assert.match(d.message, /“（三）”之前缺少“（二）”/);
  });
  test('backwards', () => {
    const [d] = found(five('一是完善台账；二是统一样本；三是加强培训；二是强化考核。'), 'enumeration');
    assert.match(d.message, /“二是”出现在“三是”之后，序号倒退/);
  });
  test('quiet: restarts, words that end in 一是, references, a list continued from outside the section', () => {
    for (const body of [
      '存在问题：一是台账不全；二是样本不一。改进措施：一是完善台账；二是统一样本；三是加强培训。',
      '标准统一是前提，一是完善台账；二是统一样本。',
      '（一）存在问题。第二十条第（五）项的信息公开不及时。\n\n（二）改进措施。加强培训。',
      '二是加强培训；三是强化考核。',
      '（一）问题。一是台账不全；二是样本不一。\n\n（二）措施。一是完善台账；二是统一样本。',
    ]) {
      assert.deepEqual(found(five(body), 'enumeration').map((d) => d.message), [], body);
    }
  });
});

describe('deadline', () => {
  function signed(date, { year = 2021, title } = {}) {
    return report({ year, title, bodies: { 6: `本年度未收取信息处理费。\n\n清河市云溪区示例局\n\n${date}` } });
  }
  test('a department signing after 31 January', () => {
    const text = signed('2022年2月15日');
    const [d] = found(text, 'deadline');
    assert.equal(rangeText(text, d.range), '2022年2月15日');
    assert.match(d.message, /落款日期 2022年2月15日 晚于公布期限 2022年1月31日/);
    assert.equal(d.severity, 'info');
  });
  test('a date in Chinese numerals', () => {
    const text = signed('二〇二二年二月十五日');
    assert.deepEqual(found(text, 'deadline').map((d) => rangeText(text, d.range)), ['二〇二二年二月十五日']);
  });
  test('a people’s government has until 31 March', () => {
    const title = '清河市云溪区人民政府2021年政府信息公开工作年度报告';
    assert.deepEqual(found(signed('2022年3月20日', { title }), 'deadline'), []);
    const [d] = found(signed('2022年4月2日', { title }), 'deadline');
    assert.match(d.message, /晚于公布期限 2022年3月31日（本级人民政府的年度报告应于次年 3 月 31 日前公布）/);
  });
  test('quiet: on the deadline, no signing date, a date inside a sentence', () => {
    assert.deepEqual(found(signed('2022年1月31日'), 'deadline'), []);
    assert.deepEqual(found(report(), 'deadline'), []);
    assert.deepEqual(found(signed('2022年2月15日召开专题会议审议本报告。'), 'deadline'), []);
  });
});

test('every text rule speaks English when asked', () => {
  const text = report({
    year: 2022,
    preamble: '本报告依据国办公开办函〔2019〕60号编制，统计期限自2021年1月1日起至2021年12月31日止。',
    bodies: {
      1: overview('（二）依申请公开。全年办结11件。', 2022) + '一'.repeat(1000),
      5: '一是完善台账；三是加强培训。',
      6: '无。\n\n清河市云溪区示例局\n\n2023年3月1日',
    },
    active: (() => {
      const active = active2021();
      active[3].rows[0][1] = ['3560元'];
      return active;
    })(),
  });
  const en = textFindings(text, { locale: 'en' });
  assert.deepEqual([...new Set(en.map((d) => d.rule))].sort(), [...TEXT_RULES].sort());
  for (const d of en) assert.match(d.message, /^[\x20-\x7e]/, d.message);
  const zh = textFindings(text);
  assert.deepEqual(
    zh.map((d) => [d.rule, d.range]),
    en.map((d) => [d.rule, d.range]),
  );
});

test('the prose reader stays linear on long runs of digits, numerals and markers', () => {
  const fillers = ['1', '一', '（', '一是', '2021年', '1件、', '办结1件', '未收到申请1件', '依申请公开', '2021年度政府信息公开《'];
  for (const filler of fillers) {
    const text = report({ bodies: { 1: filler.repeat(Math.ceil(200_000 / filler.length)) } });
    const start = process.hrtime.bigint();
    analyze(text);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // Linear work on 200,000 characters takes a few milliseconds; a quadratic step would take minutes.
    assert.ok(ms < 1500, `${filler}: ${ms.toFixed(0)} ms`);
  }
});

test('the text rules are listed with the severities of the rule catalogue, and their pages are no longer marked planned', () => {
  const severities = Object.fromEntries(listRules().map((rule) => [rule.id, rule.defaultSeverity]));
  assert.deepEqual(
    TEXT_RULES.map((id) => severities[id]),
    ['warning', 'warning', 'warning', 'warning', 'info', 'info', 'info', 'info'],
  );
  for (const id of TEXT_RULES) {
    const page = fs.readFileSync(path.join(repoRoot, 'docs/rules', `${id}.md`), 'utf8');
    assert.doesNotMatch(page, /状态：计划中/, id);
    assert.match(page, /## English summary/, id);
  }
  const index = fs.readFileSync(path.join(repoRoot, 'docs/rules/README.md'), 'utf8');
  for (const id of TEXT_RULES) assert.match(index, new RegExp(`\\[\`${id}\`\\]\\(${id}\\.md\\) \\| 已实现 \\|`), id);
});

describe('full-width digits in running text (typed with a Chinese input method in full-width mode)', () => {
  const full = (text) => text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
  const withText = (sentences, year = 2021) => report({ year, bodies: { 1: overview(sentences, year) } });
  test('cited-format reads 〔２０１９〕６０号 and quotes it as written', () => {
    const preamble = full('本报告依据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）编制。');
    const text = report({ year: 2021, preamble });
    const [d] = found(text, 'cited-format');
    assert.equal(rangeText(text, d.range), '〔２０１９〕６０号');
    assert.match(d.message, /此处引用的是“〔２０１９〕６０号”/);
  });
  test('prose-table compares 办结１１件 with the table, and is quiet when it agrees', () => {
    const [d] = found(withText(full('（二）依申请公开。全年办结11件。')), 'prose-table');
    assert.match(d.message, /办结１１件/);
    assert.deepEqual(found(withText(full('（二）依申请公开。全年办结12件。')), 'prose-table'), []);
  });
  test('a title whose year is written in full-width digits gives the report year', () => {
    const text = report({ year: 2022 });
    const title = text.split('\n')[0];
    assert.match(title, /2022/);
    const fullTitle = text.replace(title, full(title));
    assert.equal(analyze(fullTitle).year, 2022);
    assert.deepEqual(textFindings(fullTitle), textFindings(text));
    // A 2022 report that says nothing of 信息处理费 is told so for its own year.
    const silent = fullTitle.replace(/本年度未收取信息处理费。/g, '');
    assert.match(found(silent, 'fee-statement')[0]?.message ?? '', /^2022 年度报告/);
  });
  test('a file of two reports whose titles have full-width years is split at the second title', () => {
    const fullTitle = (text) => text.replace(text.split('\n')[0], full(text.split('\n')[0]));
    const both = `${fullTitle(report({ year: 2021 }))}\n${fullTitle(report({ year: 2022 }))}`;
    const result = analyze(both);
    assert.deepEqual(result.reports?.map((part) => part.year), [2021, 2022]);
  });
  test('a clean report with every digit of its text full-width stays clean', () => {
    for (const year of [2020, 2021]) {
      const text = report({ year });
      const fullProse = text.split('\n').map((line) => (/[。；]/.test(line) ? full(line) : line)).join('\n');
      assert.notEqual(fullProse, text);
      assert.deepEqual(textFindings(fullProse), [], String(year));
    }
  });
});

describe('statements hard-wrapped over lines (text pasted from a PDF)', () => {
  /** Every line of running text cut into lines of `width` characters, as a PDF's text layer does. */
  function wrap(text, width) {
    return text
      .split('\n')
      .map((line) => {
        if (!/[。；]/.test(line) || line.length <= width || line.includes('\t') || line.trim().startsWith('|')) return line;
        const parts = [];
        for (let i = 0; i < line.length; i += width) parts.push(line.slice(i, i + width));
        return parts.join('\n');
      })
      .join('\n');
  }
  const findingsOf = (text) =>
    analyze(text)
      .diagnostics.map((d) => `${d.rule}|${d.message}`)
      .sort();

  test('the seeds and samples wrapped at any width from 6 to 80 characters get exactly the same findings', async () => {
    const { baseTexts } = await import('./mutations.mjs');
    for (const [index, text] of baseTexts.entries()) {
      const expected = findingsOf(text);
      for (let width = 6; width <= 80; width++) assert.deepEqual(findingsOf(wrap(text, width)), expected, `text ${index} wrapped at ${width}`);
    }
  });
  test('a page number between the two halves does not break the sentence', () => {
    assert.deepEqual(found(report({ bodies: { 6: '本年度未收取信息处\n— 7 —\n理费。' } }), 'fee-statement'), []);
    assert.deepEqual(found(report({ bodies: { 5: '一是完善台账；二\n第 7 页 共 9 页\n是统一样本；三是加强培训。' } }), 'enumeration'), []);
    // A blank line is a paragraph break, a page number or not.
    assert.equal(found(report({ bodies: { 6: '本年度未收取信息处\n\n— 7 —\n理费。' } }), 'fee-statement').length, 1);
  });
  test('cited-format: a citation broken over lines, or its issuer broken from it, is read whole', () => {
    for (const broken of ['国办公开办函〔2019〕\n60号', '国办公开办函〔20\n19〕60号', '国办公开\n办函〔2019〕60号', '国办公开办函\n〔2019〕60号']) {
      const text = report({ year: 2021, preamble: `本报告依据《通知》（${broken}）编制。` });
      const [d, ...rest] = found(text, 'cited-format');
      assert.equal(rest.length, 0, broken);
      assert.match(d.message, /此处引用的是“〔2019〕60号”/, broken);
      assert.equal(rangeText(text, d.range).replace('\n', ''), '〔2019〕60号', broken);
    }
    // Another issuer's number stays another issuer's, broken or not.
    assert.deepEqual(found(report({ year: 2021, preamble: '根据某省政办\n〔2019〕60号文件要求编制。' }), 'cited-format'), []);
  });
  test('enumeration: 二是 broken after 二 continues the list; a real gap is still found across the break', () => {
    const five = (body) => report({ bodies: { 5: body } });
    assert.deepEqual(found(five('一是完善台账；二\n是统一答复书样本；三是加强培训。'), 'enumeration'), []);
    const text = five('一是完善台账；二是统一样本；四\n是加强培训。');
    const [d] = found(text, 'enumeration');
    assert.match(d.message, /“四是”之前缺少“三是”/);
    assert.equal(rangeText(text, d.range), '四\n是');
    // A line that ends its sentence does not run on: "二" there is not a marker.
    assert.deepEqual(found(five('一是完善台账。统一\n是基础。二是加强培训。'), 'enumeration'), []);
  });
});
