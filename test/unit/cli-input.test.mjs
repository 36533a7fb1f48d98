// Web pages and Word files as input: the HTML reader (server/src/service/input/html.ts, through the
// library) and `govreport check` on .html and .docx files the tests build themselves from the sample
// reports' text (test/unit/report-fixtures.mjs): a government-website page with merged headers and
// page chrome, and a Word document made with the `docx` package. Each must give the findings of its
// text twin, at the same cells. Run after `npm run build`.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { offsetAt } from './fixtures.mjs';
import { reportToDocx, reportToHtml } from './report-fixtures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'server/dist/cli.js');
const lib = createRequire(import.meta.url)(path.join(ROOT, 'server/dist/index.js'));

const EXAMPLES = path.join(ROOT, 'examples');
const CLEAN = path.join(EXAMPLES, '望湖街道办事处2021年政府信息公开工作年度报告.txt');
const FAULTY = path.join(EXAMPLES, '望湖街道办事处2022年政府信息公开工作年度报告.md');
const TWINS = { clean: fs.readFileSync(CLEAN, 'utf8'), faulty: fs.readFileSync(FAULTY, 'utf8') };

const BASE_ENV = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', NO_COLOR: '1', FORCE_COLOR: '' };

function run(args, { cwd = ROOT } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: BASE_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function checkJson(args) {
  const result = run(['check', '--no-config', '--format', 'json', ...args]);
  return { status: result.status, stderr: result.stderr, report: JSON.parse(result.stdout) };
}

let tmp;
const files = {};
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-input-'));
  for (const [name, text] of Object.entries(TWINS)) {
    files[`${name}.html`] = path.join(tmp, `${name}.html`);
    fs.writeFileSync(files[`${name}.html`], reportToHtml(text));
    files[`${name}.docx`] = path.join(tmp, `${name}.docx`);
    fs.writeFileSync(files[`${name}.docx`], await reportToDocx(text));
  }
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));


const sliceRange = (text, range) => text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
/** What a stretch of HTML shows: tags out, the entities the builder writes decoded, blanks trimmed. */
const shown = (html) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&ldquo;/g, '“')
    .replace(/&rdquo;/g, '”')
    .replace(/&amp;/g, '&')
    .trim();
const findings = (diagnostics) => diagnostics.map((d) => `${d.rule} ${d.message}`).sort();

// ===================================================================================================

describe('toReportText: HTML into report text with a map back', () => {
  test('merged cells become empty cells; rows are tab-separated lines', () => {
    const html = '<table><tr><th rowspan="2">甲</th><th colspan="2">乙</th></tr><tr><td>1</td><td>2</td></tr></table>';
    const { text } = lib.toReportText(html);
    assert.equal(text, '甲\t乙\t\n\t1\t2\n');
  });

  test('page chrome, scripts and styles are left out', () => {
    const html = `<html><head><title>标题2019年</title><style>p{}</style></head><body>
      <div class="header">网站头</div><nav>导航</nav><div class="breadcrumb">当前位置</div>
      <p>正文一</p><script>var a = "脚本";</script><div style="display:none">隐藏</div>
      <footer>页脚</footer><div id="footer">版权所有</div></body></html>`;
    assert.equal(lib.toReportText(html).text, '正文一\n');
  });

  test('an <article> about 政府信息公开 is the report; the rest of the page is not', () => {
    const html = '<body><div>友情链接</div><article><h1>某某局2021年政府信息公开工作年度报告</h1><p>正文</p></article><div>其他栏目</div></body>';
    assert.equal(lib.toReportText(html).text, '某某局2021年政府信息公开工作年度报告\n正文\n');
  });

  test('white space collapses, cells are trimmed, "0 " and "0&nbsp;" are 0, paragraphs in a cell join', () => {
    const html = '<table><tr><td>  本年新收\n  <p>申请数量</p></td><td>0 </td><td>0&nbsp;</td><td>\n</td><td>—</td></tr></table>';
    assert.equal(lib.toReportText(html).text, '本年新收申请数量\t0\t0\t\t—\n');
  });

  test('a layout table holding the report is read as blocks, not as one huge cell', () => {
    const html = '<table><tr><td><p>标题</p><table><tr><td>自然人</td><td>3</td></tr></table><p>正文</p></td></tr></table>';
    assert.equal(lib.toReportText(html).text, '标题\n自然人\t3\n正文\n');
  });

  test('every character maps to its place in the source, through entities and CRLF', () => {
    const html = '<p>甲&ldquo;乙&rdquo;丙</p>\r\n<table><tr><td>x</td><td>42</td></tr></table>';
    const { text, map } = lib.toReportText(html);
    assert.equal(text, '甲“乙”丙\nx\t42\n');
    for (const char of ['甲', '乙', '丙', 'x']) assert.equal(html[lib.sourceOffset(map, text.indexOf(char))], char);
    assert.equal(html.slice(lib.sourceOffset(map, text.indexOf('“')), lib.sourceOffset(map, text.indexOf('“')) + 7), '&ldquo;');
    const at = text.indexOf('42');
    const span = lib.sourceSpan(map, at, at + 2);
    assert.equal(html.slice(span.start, span.end), '42');
  });

  test('an empty cell maps into its own <td>, a covered place to the cell covering it', () => {
    const html = '<table><tr><td rowspan="2">甲</td><td>1</td><td>2</td></tr><tr><td></td><td>3</td></tr></table>';
    const { text, map } = lib.toReportText(html);
    assert.equal(text, '甲\t1\t2\n\t\t3\n');
    // Line 2: the covered place (zero-width at its tab), then the empty <td> (zero-width at the next tab).
    const covered = text.indexOf('\n') + 1;
    assert.equal(html.slice(0, lib.sourceOffset(map, covered)).endsWith('<td rowspan="2">'), true);
    const empty = covered + 1;
    assert.equal(html.slice(lib.sourceOffset(map, empty)).startsWith('</td><td>3</td>'), true);
    assert.deepEqual(lib.placeAt(map, covered), { kind: 'cell', table: 1, row: 2, column: 1 });
    assert.deepEqual(lib.placeAt(map, empty), { kind: 'cell', table: 1, row: 2, column: 2 });
    assert.deepEqual(lib.placeAt(map, text.indexOf('3')), { kind: 'cell', table: 1, row: 2, column: 3 });
    assert.deepEqual(lib.placeAt(map, 0), { kind: 'cell', table: 1, row: 1, column: 1 });
  });

  test('a report published as <pre> text keeps its lines and tabs', () => {
    const twin = TWINS.clean;
    const escaped = twin.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const { text } = lib.toReportText(`<body><nav>首页</nav><pre>${escaped}</pre></body>`);
    assert.equal(text, twin.replace(/\n+$/, '\n'));
  });

  test('never throws, whatever the input', () => {
    for (const input of ['', '<', '<table><tr><td colspan="999999">x', '<td rowspan=0>a</td>', '\u0000\ud800', '<p>' + 'a'.repeat(10000)]) {
      const { text, map } = lib.toReportText(input);
      assert.equal(typeof text, 'string');
      for (let i = 0; i <= text.length; i++) assert.ok(lib.sourceOffset(map, i) >= 0);
    }
  });
});

describe('check on a web page: the findings of its text twin, at its cells', () => {
  for (const name of ['clean', 'faulty']) {
    test(`${name} sample as a government-website page`, () => {
      const html = fs.readFileSync(files[`${name}.html`], 'utf8');
      const twin = checkJson([name === 'clean' ? CLEAN : FAULTY]).report.files[0];
      const { status, report } = checkJson([files[`${name}.html`]]);
      const page = report.files[0];
      assert.equal(status, name === 'clean' ? 0 : 1);
      assert.equal(page.input, 'html');
      assert.equal(page.format, twin.format);
      assert.equal(page.year, twin.year);
      assert.deepEqual(findings(page.diagnostics), findings(twin.diagnostics));
      const byKey = new Map(twin.diagnostics.map((d) => [`${d.rule} ${d.message}`, d]));
      for (const diagnostic of page.diagnostics) {
        const expected = byKey.get(`${diagnostic.rule} ${diagnostic.message}`);
        const twinText = sliceRange(name === 'clean' ? TWINS.clean : TWINS.faulty, expected.range).replace(/^\|\s*|\s*$/g, '');
        if (/[\t|]/.test(twinText)) continue; // a range over several cells has tags in between
        // The same cell: what the page shows there is what the twin has there.
        assert.equal(shown(sliceRange(html, diagnostic.range)), twinText.trim(), `${diagnostic.rule} at ${JSON.stringify(diagnostic.range)}`);
        assert.ok(diagnostic.location, 'a place name too');
        assert.equal(diagnostic.fixes, undefined);
      }
    });
  }

  test('the faulty page: findings point at the <td> of the cell in the page source', () => {
    const html = fs.readFileSync(files['faulty.html'], 'utf8');
    const { report } = checkJson([files['faulty.html']]);
    const at = (rule) => report.files[0].diagnostics.find((d) => d.rule === rule);
    const lineOf = (d) => html.split('\n')[d.range.start.line];
    assert.match(lineOf(at('row-total')), /^\s*<td>6(&nbsp;| )?<\/td>$/);
    assert.match(lineOf(at('cell-blank')), /^\s*<td><\/td>$/);
    assert.equal(html.split('\n')[at('cell-blank').range.start.line].slice(at('cell-blank').range.start.character), '</td>');
    assert.match(lineOf(at('label-mismatch')), /<th>社会组织<\/th>/);
    assert.match(lineOf(at('review-total')), /<td>3/);
    assert.equal(at('row-total').location, '表三 第16行 第10列');
  });

  test('text output: line and column in the page source', () => {
    const result = run(['check', '--no-config', files['faulty.html']]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /faulty\.html:\d+:11: error row-total/);
  });
});

describe('check on a Word file: the findings of its text twin, named by table, row and column', () => {
  for (const name of ['clean', 'faulty']) {
    test(`${name} sample as a .docx made with the docx package`, () => {
      const twin = checkJson([name === 'clean' ? CLEAN : FAULTY]).report.files[0];
      const { status, report } = checkJson([files[`${name}.docx`]]);
      const document = report.files[0];
      assert.equal(status, name === 'clean' ? 0 : 1);
      assert.equal(document.input, 'docx');
      assert.equal(document.format, twin.format);
      assert.equal(document.year, twin.year);
      assert.deepEqual(findings(document.diagnostics), findings(twin.diagnostics));
      for (const diagnostic of document.diagnostics) assert.equal(typeof diagnostic.location, 'string');
    });
  }

  test('the places, hand-counted in the Word tables (header rows included, merged label columns counted)', () => {
    const { report } = checkJson([files['faulty.docx']]);
    const place = Object.fromEntries(report.files[0].diagnostics.map((d) => [d.rule, d.location]));
    assert.deepEqual(place, {
      'label-mismatch': '表三 第3行 第7列', // 社会组织: columns 1–3 are the label columns, 4 自然人
      'cell-blank': '表三 第11行 第6列', // 4.保护第三方合法权益 · 科研机构
      'row-total': '表三 第16行 第10列', // 1.本机关不掌握相关政府信息 · 总计
      'result-total': '表三 第27行 第10列', // （七）总计 · 总计
      'review-total': '表四 第4行 第10列', // 未经复议直接起诉 · 总计
      'section-missing': '第18段',
    });
  });

  test('text output names the place instead of a line and column', () => {
    const result = run(['check', '--no-config', files['faulty.docx']]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /faulty\.docx: 表三 第16行 第10列: error row-total/);
    const english = run(['check', '--no-config', '--locale', 'en', files['faulty.docx']]);
    assert.match(english.stdout, /faulty\.docx: table 3, row 16, column 10: error row-total/);
  });

  test('SARIF: the Word file as a whole, the place as the message of the location', () => {
    const result = run(['check', '--no-config', '--format', 'sarif', files['faulty.docx']]);
    const sarif = JSON.parse(result.stdout);
    const rowTotal = sarif.runs[0].results.find((r) => r.ruleId === 'row-total');
    assert.equal(rowTotal.locations[0].physicalLocation.region, undefined);
    assert.equal(rowTotal.locations[0].message.text, '表三 第16行 第10列');
  });

  test('a file named .docx that is not one cannot be read (exit 2)', () => {
    const fake = path.join(tmp, 'old.docx');
    fs.writeFileSync(fake, 'not a zip');
    const result = run(['check', '--no-config', fake]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /old\.docx/);
  });
});

describe('check and fix over folders and mixed inputs', () => {
  test('a folder: text, web pages and Word files are all checked, and are one workspace', () => {
    const dir = path.join(tmp, 'mixed');
    fs.mkdirSync(dir, { recursive: true });
    // Last year's report as a web page, this year's as a Word file: carry-over compares them.
    fs.copyFileSync(files['clean.html'], path.join(dir, 'a-2021.html'));
    fs.copyFileSync(files['faulty.docx'], path.join(dir, 'b-2022.docx'));
    fs.writeFileSync(path.join(dir, 'notes.pdf'), 'ignored');
    const { report } = checkJson([dir]);
    assert.deepEqual(report.files.map((f) => [path.basename(f.path), f.input]), [
      ['a-2021.html', 'html'],
      ['b-2022.docx', 'docx'],
    ]);
    // The samples' carry-over holds (README of examples/): no carry-over finding across the two inputs.
    assert.equal(report.files[1].diagnostics.filter((d) => d.rule === 'carry-over').length, 0);
  });

  test('fix leaves web pages and Word files alone and says so (exit 2)', () => {
    const copy = path.join(tmp, 'fix.html');
    fs.copyFileSync(files['faulty.html'], copy);
    const before = fs.readFileSync(copy, 'utf8');
    const result = run(['fix', '--no-config', copy]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /网页和 Word 文件只检查/);
    assert.equal(fs.readFileSync(copy, 'utf8'), before);
  });
});
