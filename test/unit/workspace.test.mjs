// The workspace rules (carry-over, similarity) through the library and the command line: crafted pairs
// of consecutive years of one agency, agency-name folding and the override, the seeds and the samples.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { makeReport, rangeText, repoRoot, requests2021, seedsDir } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const { analyzeWorkspace, analyzeReport, summarizeReport, checkAcross, normalizeAgency } = require(path.join(repoRoot, 'server/dist/index.js'));

const WORKSPACE_RULES = ['carry-over', 'similarity'];

/** Sections 一 and 五 written anew each year, so similarity has nothing to say. */
const FRESH = {
  2021: {
    1: '2021年，本局围绕优化营商环境，集中清理了一批过时的许可事项，并在门户网站开设“政策直通车”专栏。',
    5: '一是基层站所发布信息的审核环节偏多；二是部分解读材料篇幅过长。下一步将精简审核流程，推广图解。',
  },
  2022: {
    1: '2022年，本局把食品安全抽检结果的发布周期从每季度缩短为每月，并首次公开了年度执法计划。',
    5: '上年度提出的审核环节偏多问题已通过分级审核解决。本年度发现抽检信息的检索功能较弱，将在明年升级。',
  },
};

/** Table 三 of 2022 whose 二 equals 2021's 四 (1, 1, 0, 0, 0, 0, 2) and which balances itself. */
function requests2022() {
  const rows = requests2021();
  rows.find((row) => row.label.startsWith('一、')).values = [10, 1, 0, 1, 0, 0, 12];
  rows.find((row) => row.label.startsWith('二、')).values = [1, 1, 0, 0, 0, 0, 2];
  return rows;
}

function pair({ requests = requests2022(), bodies2022 = FRESH[2022], bodies2021 = FRESH[2021] } = {}) {
  return [
    { uri: 'file:///w/2021.md', text: makeReport({ year: 2021, bodies: bodies2021 }) },
    { uri: 'file:///w/2022.md', text: makeReport({ year: 2022, requests, bodies: bodies2022 }) },
  ];
}

function across(documents, options) {
  const all = analyzeWorkspace(documents, options);
  const out = {};
  for (const [uri, diagnostics] of all) out[uri] = diagnostics.filter((d) => WORKSPACE_RULES.includes(d.rule));
  return out;
}

describe('carry-over', () => {
  test('consecutive years that carry over correctly, with sections written anew: nothing', () => {
    const documents = pair();
    const all = analyzeWorkspace(documents);
    // The crafted pair is clean in every other respect too, so any finding would be the workspace rules'.
    for (const [uri, diagnostics] of all) assert.deepEqual(diagnostics, [], uri);
  });

  test('a mismatch is reported per column on this year’s cell, related to last year’s cell', () => {
    const requests = requests2022();
    // 二 says 0 自然人 (2021's 四 says 1); one 总计 less. 一 gains one so that the table still balances.
    requests.find((row) => row.label.startsWith('二、')).values = [0, 1, 0, 0, 0, 0, 1];
    requests.find((row) => row.label.startsWith('一、')).values = [11, 1, 0, 1, 0, 0, 13];
    const documents = pair({ requests });
    const all = analyzeWorkspace(documents);
    const current = all.get('file:///w/2022.md');
    const found = current.filter((d) => d.rule === 'carry-over');
    assert.equal(found.length, 2, JSON.stringify(current, null, 1));
    assert.deepEqual(current.filter((d) => d.rule !== 'carry-over'), [], 'the 2022 report is otherwise clean');
    const [person, total] = found;
    assert.equal(person.severity, 'warning');
    assert.equal(person.message, '上年结转·自然人应为 1（2021 年度报告“四、结转下年度继续办理”），实际为 0');
    assert.equal(total.message, '上年结转·总计应为 2（2021 年度报告“四、结转下年度继续办理”），实际为 1');
    assert.equal(rangeText(documents[1].text, person.range), '0');
    assert.ok(person.href.endsWith('docs/rules/carry-over.md'));
    const [related] = person.relatedInformation;
    assert.equal(related.uri, 'file:///w/2021.md');
    assert.equal(related.message, '2021 年度报告“四、结转下年度继续办理”·自然人：1');
    // Last year's 自然人 cell of row 四.
    const line = documents[0].text.split('\n')[related.range.start.line];
    assert.match(line, /^四、结转下年度继续办理/);
    assert.equal(rangeText(documents[0].text, related.range), '1');
    // The earlier year has no previous report: nothing on it.
    assert.deepEqual(all.get('file:///w/2021.md').filter((d) => WORKSPACE_RULES.includes(d.rule)), []);
  });

  test('English messages, severity settings and off', () => {
    const requests = requests2022();
    requests.find((row) => row.label.startsWith('二、')).values = [0, 1, 0, 0, 0, 0, 1];
    const documents = pair({ requests });
    const en = across(documents, { locale: 'en', rules: { 'carry-over': 'error' } })['file:///w/2022.md'];
    assert.equal(en.length, 2);
    assert.equal(en[0].severity, 'error');
    assert.match(en[0].message, /^Carried in from last year · 自然人 should be 1 \(row 4 "carried over to next year" of the 2021 report\), not 0$/);
    assert.deepEqual(across(documents, { rules: { 'carry-over': 'off' } })['file:///w/2022.md'], []);
  });

  test('only the year before, only the same agency', () => {
    const requests = requests2022();
    requests.find((row) => row.label.startsWith('二、')).values = [0, 1, 0, 0, 0, 0, 1];
    const [earlier, later] = pair({ requests });
    const gap = { uri: 'file:///w/2023.md', text: later.text.replaceAll('2022', '2023') };
    assert.deepEqual(across([earlier, gap])['file:///w/2023.md'], [], 'two years apart');
    const other = { uri: 'file:///w/other.md', text: earlier.text.replace('清河市云溪区示例局', '清河市云溪区另一局') };
    assert.deepEqual(across([other, later])['file:///w/2022.md'], [], 'another agency');
    // The same agency written another way in the title still counts.
    const renamed = { uri: later.uri, text: later.text.replace('清河市云溪区示例局', '清河市 云溪区示例局') };
    assert.equal(across([earlier, renamed])['file:///w/2022.md'].length, 2);
  });

  test('a blank cell is not compared (cell-blank reports it)', () => {
    const requests = requests2022();
    // 商业企业 blank (last year: 1): cell-blank's finding, not carry-over's.
    requests.find((row) => row.label.startsWith('二、')).values = [1, '', 0, 0, 0, 0, 2];
    const all = analyzeWorkspace(pair({ requests })).get('file:///w/2022.md');
    assert.ok(all.some((d) => d.rule === 'cell-blank'));
    assert.deepEqual(all.filter((d) => WORKSPACE_RULES.includes(d.rule)), []);
  });

  test('of two reports for last year, the one that agrees is the reference', () => {
    const [earlier, later] = pair();
    const draft = { uri: 'file:///w/2021-draft.md', text: earlier.text.replace(/^(四、结转下年度继续办理\t)1/m, '$15') };
    assert.notEqual(draft.text, earlier.text);
    assert.deepEqual(across([draft, earlier, later])['file:///w/2022.md'], []);
    assert.deepEqual(across([draft, later])['file:///w/2022.md'].map((d) => d.message), ['上年结转·自然人应为 5（2021 年度报告“四、结转下年度继续办理”），实际为 1']);
  });

  test('the 2019 format of 2020 against the 2021 format of 2021', () => {
    const previous = { uri: 'file:///w/2020.md', text: makeReport({ year: 2020, bodies: FRESH[2021] }) };
    const requests = requests2021();
    requests.find((row) => row.label.startsWith('二、')).values = [1, 1, 0, 0, 0, 0, 2];
    requests.find((row) => row.label.startsWith('一、')).values = [10, 1, 0, 1, 0, 0, 12];
    const current = { uri: 'file:///w/2021.md', text: makeReport({ year: 2021, requests, bodies: FRESH[2022] }) };
    assert.deepEqual(across([previous, current])['file:///w/2021.md'], []);
    requests.find((row) => row.label.startsWith('二、')).values = [1, 0, 0, 0, 0, 0, 1];
    const wrong = { uri: current.uri, text: makeReport({ year: 2021, requests, bodies: FRESH[2022] }) };
    assert.deepEqual(across([previous, wrong])['file:///w/2021.md'].map((d) => d.rule), ['carry-over', 'carry-over']);
  });
});

describe('similarity', () => {
  test('section 一 copied with only the year changed: one info on its heading', () => {
    const documents = pair({ bodies2022: { ...FRESH[2022], 1: FRESH[2021][1].replace('2021', '2022') } });
    const found = across(documents)['file:///w/2022.md'];
    assert.equal(found.length, 1, JSON.stringify(found));
    const [finding] = found;
    assert.equal(finding.rule, 'similarity');
    assert.equal(finding.severity, 'info');
    assert.equal(finding.message, '第一部分与 2021 年度报告约 100% 相同');
    assert.equal(rangeText(documents[1].text, finding.range), '一、总体情况');
    assert.equal(finding.relatedInformation[0].uri, 'file:///w/2021.md');
    assert.equal(rangeText(documents[0].text, finding.relatedInformation[0].range), '一、总体情况');
  });

  test('nearly verbatim (a word changed per sentence, Chinese year) still counts; section 五 too', () => {
    const before = '二〇二一年，我局政府信息公开工作取得了一定成效，但仍存在信息更新不够及时、公开内容不够全面等问题。下一步，我局将加强学习培训，规范公开流程，提高公开质量。';
    const after = '二〇二二年，我局政府信息公开工作取得了较好成效，但仍存在信息更新不够及时、公开内容不够全面等问题。下一步，我局将加强业务培训，规范公开流程，提高公开质量。';
    const documents = pair({ bodies2021: { ...FRESH[2021], 5: before }, bodies2022: { ...FRESH[2022], 5: after } });
    const found = across(documents)['file:///w/2022.md'];
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /^第五部分与 2021 年度报告约 \d+% 相同$/);
    const en = across(documents, { locale: 'en' })['file:///w/2022.md'];
    assert.match(en[0].message, /^Section 五 is about \d+% the same as in the 2021 report$/);
  });

  test('less than half copied: nothing', () => {
    const copiedOne = FRESH[2021][5].split('；')[0];
    const body = `${copiedOne}。本年度新发现：执法信息公开的时效不足，部分处罚决定超过七个工作日才公开；依申请公开答复书的说理仍显简单，对不予公开的理由阐述不充分，复议机关已提出意见。`;
    const found = across(pair({ bodies2022: { ...FRESH[2022], 5: body } }))['file:///w/2022.md'];
    assert.deepEqual(found, []);
  });

  test('a very short section ("无") is not compared', () => {
    const found = across(pair({ bodies2021: { ...FRESH[2021], 5: '无。' }, bodies2022: { ...FRESH[2022], 5: '无。' } }))['file:///w/2022.md'];
    assert.deepEqual(found, []);
  });
});

describe('summaries and agencies', () => {
  test('agency names fold 人民政府, 办事处 and 政府办 variants, but not a place-name prefix', () => {
    assert.equal(normalizeAgency('望湖街道办事处'), normalizeAgency('望湖街道'));
    assert.equal(normalizeAgency('青山镇人民政府'), normalizeAgency('青山镇'));
    assert.equal(normalizeAgency('云溪区人民政府办公室'), normalizeAgency('云溪区政府办'));
    assert.equal(normalizeAgency('ＸＸ县　人民政府'), normalizeAgency('XX县政府'));
    assert.notEqual(normalizeAgency('云溪区人民政府办公室'), normalizeAgency('云溪区人民政府'));
    assert.notEqual(normalizeAgency('云溪区市场监督管理局'), normalizeAgency('市场监督管理局'));
  });

  test('the override: a name for every report in scope, or a map of names as written', () => {
    const requests = requests2022();
    requests.find((row) => row.label.startsWith('二、')).values = [0, 1, 0, 0, 0, 0, 1];
    const [earlier, later] = pair({ requests });
    const renamed = { uri: later.uri, text: later.text.replace('清河市云溪区示例局', '示例局') };
    assert.deepEqual(across([earlier, renamed])['file:///w/2022.md'], []);
    const named = [
      { ...earlier, agency: '清河市云溪区示例局' },
      { ...renamed, agency: '清河市云溪区示例局' },
    ];
    assert.equal(across(named)['file:///w/2022.md'].length, 2);
    const mapped = [earlier, { ...renamed, agency: { 示例局: '清河市云溪区示例局' } }];
    assert.equal(across(mapped)['file:///w/2022.md'].length, 2);
  });

  test('summarizeReport + checkAcross, the way the server and the CLI call them', () => {
    const requests = requests2022();
    requests.find((row) => row.label.startsWith('二、')).values = [0, 1, 0, 0, 0, 0, 1];
    const [earlier, later] = pair({ requests });
    const summaries = [earlier, later].map(({ uri, text }) => summarizeReport(analyzeReport(text).report, { uri }));
    assert.equal(summaries[1].year, 2022);
    assert.equal(summaries[1].agencyLabel, '清河市云溪区示例局');
    assert.equal(summaries[1].carriedIn.cells.length, 7);
    assert.deepEqual(summaries[1].sections.map((s) => s.index), [1, 5]);
    assert.equal(checkAcross(summaries[1], summaries).length, 2);
    assert.deepEqual(checkAcross(summaries[0], summaries), []);
    // Not a report: no summary.
    assert.equal(summarizeReport(analyzeReport('随便写点什么').report, { uri: 'x' }), null);
  });
});

describe('seeds and samples', () => {
  const read = (dir, names) => names.map((name) => ({ uri: `file://${path.join(dir, name)}`, text: fs.readFileSync(path.join(dir, name), 'utf8') }));

  test('the seeds are different agencies: no finding across them', () => {
    const names = fs.readdirSync(seedsDir).filter((name) => name.endsWith('.txt'));
    const found = across(read(seedsDir, names));
    for (const [uri, diagnostics] of Object.entries(found)) assert.deepEqual(diagnostics, [], uri);
  });

  test('the Wanghu samples of 2021 and 2022 carry over correctly and are not copied', () => {
    const dir = path.join(repoRoot, 'examples');
    const names = fs.readdirSync(dir).filter((name) => /\.(txt|md)$/.test(name) && name !== 'README.md');
    const documents = read(dir, names);
    const summaries = documents.map(({ uri, text }) => summarizeReport(analyzeReport(text).report, { uri }));
    const wanghu = summaries.filter((summary) => summary.agencyLabel?.includes('望湖'));
    assert.deepEqual(wanghu.map((summary) => summary.year).sort(), [2021, 2022]);
    assert.equal(new Set(wanghu.map((summary) => summary.agency)).size, 1, 'one agency');
    const found = across(documents);
    for (const [uri, diagnostics] of Object.entries(found)) assert.deepEqual(diagnostics, [], uri);
  });
});

describe('govreport check across the files of one run', () => {
  const CLI = path.join(repoRoot, 'server/dist/cli.js');
  const ENV = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '' };
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-ws-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function run(args, cwd) {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: ENV, encoding: 'utf8' });
    if (result.error) throw result.error;
    return result;
  }

  /** A folder with the 2021 and 2022 reports; 2022's 二 is `carriedIn`. */
  function folder(name, carriedIn) {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    const requests = requests2022();
    if (carriedIn) {
      requests.find((row) => row.label.startsWith('二、')).values = carriedIn;
      // 一 takes up the difference, so the 2022 table still balances.
      requests.find((row) => row.label.startsWith('一、')).values = [11 - carriedIn[0], 2 - carriedIn[1], 0, 1, 0, 0, 14 - carriedIn[6]];
    }
    const [earlier, later] = pair({ requests });
    fs.writeFileSync(path.join(dir, '示例局2021年政府信息公开工作年度报告.txt'), earlier.text);
    fs.writeFileSync(path.join(dir, '示例局2022年政府信息公开工作年度报告.txt'), later.text);
    return dir;
  }

  test('matching years: no finding, exit 0', () => {
    const dir = folder('ok');
    const result = run(['check', '--format', 'json', '.'], dir);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.files.map((file) => file.diagnostics), [[], []]);
  });

  test('a mismatch: warnings on the 2022 file with the 2021 file as related place (JSON, text, SARIF)', () => {
    const dir = folder('mismatch', [0, 1, 0, 0, 0, 0, 1]);
    const json = run(['check', '--format', 'json', '.'], dir);
    assert.equal(json.status, 0, 'warnings only');
    const [earlier, later] = JSON.parse(json.stdout).files;
    assert.deepEqual(earlier.diagnostics, []);
    assert.deepEqual(later.diagnostics.map((d) => d.rule), ['carry-over', 'carry-over']);
    const [person] = later.diagnostics;
    assert.equal(person.severity, 'warning');
    assert.equal(person.message, '上年结转·自然人应为 1（2021 年度报告“四、结转下年度继续办理”），实际为 0');
    assert.deepEqual(Object.keys(person).sort(), ['href', 'message', 'range', 'relatedInformation', 'rule', 'severity']);
    assert.equal(person.relatedInformation[0].path, earlier.path);
    const lines = fs.readFileSync(path.join(dir, earlier.path), 'utf8').split('\n');
    assert.match(lines[person.relatedInformation[0].range.start.line], /^四、结转下年度继续办理/);

    const text = run(['check', '.'], dir);
    const line = text.stdout.split('\n').find((candidate) => candidate.includes('carry-over'));
    assert.match(line, /^示例局2022年政府信息公开工作年度报告\.txt:\d+:\d+: warning carry-over 上年结转·自然人应为 1.* → 示例局2021年政府信息公开工作年度报告\.txt:\d+:\d+$/);

    const sarif = JSON.parse(run(['check', '--format', 'sarif', '.'], dir).stdout);
    const result = sarif.runs[0].results.find((candidate) => candidate.ruleId === 'carry-over');
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, encodeURIComponent(earlier.path));
    assert.ok(sarif.runs[0].tool.driver.rules.some((rule) => rule.id === 'carry-over' && rule.properties.category === 'workspace'));
  });

  test('only the files given form the workspace', () => {
    const dir = folder('alone', [0, 1, 0, 0, 0, 0, 1]);
    const result = run(['check', '--format', 'json', '示例局2022年政府信息公开工作年度报告.txt'], dir);
    assert.deepEqual(JSON.parse(result.stdout).files[0].diagnostics, []);
  });

  test('English messages with --locale en', () => {
    const dir = folder('en', [0, 1, 0, 0, 0, 0, 1]);
    const result = run(['check', '--format', 'json', '--locale', 'en', '.'], dir);
    const messages = JSON.parse(result.stdout).files[1].diagnostics.map((d) => d.message);
    assert.match(messages[0], /^Carried in from last year · 自然人 should be 1/);
  });
});
