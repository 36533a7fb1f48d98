// `govreport extract`: one record per report under the documented column names. The expected values
// are read off the sample reports by hand (examples/), not copied from the output. Run after
// `npm run build`.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportToDocx, reportToHtml } from './report-fixtures.mjs';
import { DOC_PATH, loadExtract, renderExtractDocs } from '../../scripts/gen-extract-docs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'server/dist/cli.js');
const lib = createRequire(import.meta.url)(path.join(ROOT, 'server/dist/index.js'));
const BASE_ENV = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', NO_COLOR: '1', FORCE_COLOR: '' };

const S2021 = 'examples/望湖街道办事处2021年政府信息公开工作年度报告.txt';
const S2022 = 'examples/望湖街道办事处2022年政府信息公开工作年度报告.md';
const S2020 = 'examples/云溪区市场监督管理局2020年政府信息公开工作年度报告.txt';

function run(args, { cwd = ROOT, encoding = 'utf8' } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: BASE_ENV, encoding, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/** RFC 4180 parsing, for reading the output back (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') field += text[i++];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  assert.equal(field, '', 'the output ends with CRLF');
  return rows;
}

function records(csv) {
  const [header, ...rows] = parseCsv(csv);
  return { header, rows: rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]]))) };
}

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-extract-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The 2021 sample's tables, read off examples/望湖街道办事处2021年政府信息公开工作年度报告.txt.
// Table 三 columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const ZERO = [0, 0, 0, 0, 0, 0, 0];
const SAMPLE_2021_T3 = {
  new: [15, 3, 0, 1, 2, 0, 21],
  carried_in: [1, 0, 0, 0, 0, 0, 1],
  public: [6, 2, 0, 1, 1, 0, 10],
  partial: [1, 0, 0, 0, 0, 0, 1],
  refused_state_secret: ZERO,
  refused_prohibited: ZERO,
  refused_three_security: ZERO,
  refused_third_party: [1, 0, 0, 0, 0, 0, 1],
  refused_internal_affairs: ZERO,
  refused_process: ZERO,
  refused_enforcement_file: ZERO,
  refused_inquiry: ZERO,
  unable_not_held: [4, 1, 0, 0, 1, 0, 6],
  unable_needs_creation: [1, 0, 0, 0, 0, 0, 1],
  unable_unclear: ZERO,
  not_processed_petition: [1, 0, 0, 0, 0, 0, 1],
  not_processed_repeat: ZERO,
  not_processed_publication: ZERO,
  not_processed_mass: ZERO,
  not_processed_confirm: ZERO,
  other_no_correction: [1, 0, 0, 0, 0, 0, 1],
  other_no_fee: ZERO,
  other_other: ZERO,
  results_total: [15, 3, 0, 1, 2, 0, 21],
  carried_out: [1, 0, 0, 0, 0, 0, 1],
};
const T3_COLUMNS = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
const SAMPLE_2021 = {
  path: S2021,
  report: 1,
  agency: '清河市云溪区望湖街道办事处',
  year: 2021,
  format: '2021',
  input: 'text',
  errors: 0,
  warnings: 0,
  infos: 0,
  t2_item1_rules_issued: 0,
  t2_item1_rules_repealed: 0,
  t2_item1_rules_in_force: 0,
  t2_item1_normative_documents_issued: 2,
  t2_item1_normative_documents_repealed: 1,
  t2_item1_normative_documents_in_force: 9,
  t2_item5_licensing_decisions: 37,
  t2_item6_penalty_decisions: 128,
  t2_item6_coercion_decisions: 6,
  t2_item8_administrative_fees_fees: 0,
  ...Object.fromEntries(
    Object.entries(SAMPLE_2021_T3).flatMap(([row, values]) => values.map((value, i) => [`t3_${row}_${T3_COLUMNS[i]}`, value])),
  ),
  // Table 四: 行政复议 1 0 0 1 2; 未经复议直接起诉 0 0 1 0 1; 复议后起诉 all 0.
  ...Object.fromEntries(
    [
      ['review', [1, 0, 0, 1, 2]],
      ['litigation_direct', [0, 0, 1, 0, 1]],
      ['litigation_after_review', [0, 0, 0, 0, 0]],
    ].flatMap(([group, values]) =>
      ['upheld', 'corrected', 'other_result', 'pending', 'total'].map((result, i) => [`t4_${group}_${result}`, values[i]]),
    ),
  ),
};

// ===================================================================================================

describe('extract --format csv on the samples', () => {
  let output;
  before(() => {
    output = run(['extract', '--no-config', 'examples']);
  });

  test('one record per report; README.md is no report (a note, no record); exit 0 despite findings', () => {
    assert.equal(output.status, 0, output.stderr);
    const { rows } = records(output.stdout);
    assert.deepEqual(
      rows.map((row) => row.path),
      [S2020, S2021, S2022],
    );
    assert.match(output.stderr, /examples\/README\.md: 未识别为年报/);
    assert.ok(!output.stdout.startsWith('\ufeff'), 'no BOM unless asked');
  });

  test('the header is the documented column list', () => {
    const { header } = records(output.stdout);
    assert.deepEqual(header, [...lib.RECORD_FIELDS, ...lib.extractColumns().map((column) => column.name)]);
    assert.equal(new Set(header).size, header.length, 'no name twice');
    for (const name of header) assert.match(name, /^[a-z][a-z0-9_]*$/);
  });

  test('the 2021 sample: the exact CSV line (every other column empty)', () => {
    const { header } = records(output.stdout);
    const expected = header.map((name) => (name in SAMPLE_2021 ? String(SAMPLE_2021[name]) : '')).join(',') + '\r\n';
    const line = output.stdout.split('\r\n').find((l) => l.startsWith(S2021 + ',')) + '\r\n';
    assert.equal(line, expected);
    for (const name of Object.keys(SAMPLE_2021)) assert.ok(header.includes(name), `${name} is a column`);
  });

  test('the 2021 sample: （七）总计 and the balance 一 + 二 = （七）+ 四, column by column', () => {
    const row = records(output.stdout).rows.find((r) => r.path === S2021);
    assert.deepEqual(
      T3_COLUMNS.map((c) => row[`t3_results_total_${c}`]),
      ['15', '3', '0', '1', '2', '0', '21'],
    );
    for (const c of T3_COLUMNS) {
      assert.equal(Number(row[`t3_new_${c}`]) + Number(row[`t3_carried_in_${c}`]), Number(row[`t3_results_total_${c}`]) + Number(row[`t3_carried_out_${c}`]));
    }
  });

  test('the 2022 sample: its deliberate mistakes are counted and its blank cell is empty', () => {
    const row = records(output.stdout).rows.find((r) => r.path === S2022);
    assert.equal(row.year, '2022');
    assert.equal(row.format, '2021');
    assert.equal(row.errors, '4'); // row-total, result-total, review-total, section-missing
    assert.equal(row.warnings, '2'); // label-mismatch, cell-blank
    assert.equal(row.t3_refused_third_party_research, ''); // the blank 科研机构 cell of line 60
    assert.equal(row.t3_refused_third_party_natural_person, '1');
    assert.equal(row.t3_unable_not_held_total, '6'); // as written (should be 5)
    assert.equal(row.t3_results_total_total, '16');
    assert.equal(row.t3_new_natural_person, '12');
    assert.equal(row.t2_item1_normative_documents_in_force, '8');
    assert.equal(row.t4_litigation_direct_total, '3');
    assert.equal(row.t4_review_total, '3');
  });

  test('the 2020 sample (2019 format): its own columns filled, the 2021-only ones empty', () => {
    const row = records(output.stdout).rows.find((r) => r.path === S2020);
    assert.equal(row.agency, '清河市云溪区市场监督管理局');
    assert.equal(row.year, '2020');
    assert.equal(row.format, '2019');
    assert.equal(row.t2_item1_rules_issued, '');
    assert.equal(row.t2_item9_central_procurement_procurement_amount, '386.52');
    assert.equal(row.t2_item5_licensing_change, '-3');
    assert.equal(row.t3_other_other_total, ''); // a 2021 row
    assert.equal(row.t3_other_total, '1'); // the 2019 format's single （六）其他处理 row: 1 0 0 0 0 0 1
  });
});

describe('extract: options, formats and inputs', () => {
  test('--bom starts the CSV with the UTF-8 byte order mark', () => {
    const result = run(['extract', '--no-config', '--bom', S2021], { encoding: 'buffer' });
    assert.deepEqual([...result.stdout.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(result.stdout.subarray(3, 8).toString(), 'path,');
  });

  test('--format json: one object, columns and records, numbers as numbers, blanks as null', () => {
    const csv = records(run(['extract', '--no-config', 'examples']).stdout);
    const result = run(['extract', '--no-config', '--format', 'json', 'examples']);
    assert.equal(result.status, 0);
    const parsed = JSON.parse(result.stdout);
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.columns, csv.header);
    assert.equal(parsed.records.length, 3);
    const sample = parsed.records.find((r) => r.path === S2021);
    for (const [name, value] of Object.entries(SAMPLE_2021)) assert.equal(sample[name], value, name);
    assert.equal(sample.t2_item1_rules_made, null);
    // One record a line, so the output can be read as it comes.
    assert.equal(result.stdout.trim().split('\n').length, 3 + 2);
  });

  test('RFC 4180: a field with a comma or a quote is quoted, its quotes doubled', () => {
    const name = path.join(tmp, 'a,"b".txt');
    fs.copyFileSync(path.join(ROOT, S2021), name);
    const result = run(['extract', '--no-config', name]);
    const line = result.stdout.split('\r\n')[1];
    assert.ok(line.startsWith(`"${name.replace(/"/g, '""')}",1,`), line.slice(0, 80));
    assert.equal(records(result.stdout).rows[0].path, name);
  });

  test('a file of several reports gives one record per report', () => {
    const file = path.join(tmp, 'county.txt');
    fs.writeFileSync(file, fs.readFileSync(path.join(ROOT, S2021), 'utf8') + '\n' + fs.readFileSync(path.join(ROOT, S2020), 'utf8'));
    const { rows } = records(run(['extract', '--no-config', file]).stdout);
    assert.deepEqual(
      rows.map((row) => [row.report, row.year, row.format]),
      [
        ['1', '2021', '2021'],
        ['2', '2020', '2019'],
      ],
    );
    assert.equal(rows[0].t3_results_total_total, '21');
  });

  test('a web page and a Word file give the record of their text twin', async () => {
    const text = fs.readFileSync(path.join(ROOT, S2022), 'utf8');
    fs.writeFileSync(path.join(tmp, 'twin.html'), reportToHtml(text));
    fs.writeFileSync(path.join(tmp, 'twin.docx'), await reportToDocx(text));
    const { rows } = records(run(['extract', '--no-config', path.join(ROOT, S2022), path.join(tmp, 'twin.html'), path.join(tmp, 'twin.docx')]).stdout);
    assert.deepEqual(
      rows.map((row) => row.input),
      ['text', 'html', 'docx'],
    );
    const strip = ({ path: _path, input: _input, ...rest }) => rest;
    assert.deepEqual(strip(rows[1]), strip(rows[0]));
    assert.deepEqual(strip(rows[2]), strip(rows[0]));
  });

  test('many files: every one gives its record, in order; an unreadable one gives exit 2 and a note', () => {
    const dir = path.join(tmp, 'many');
    fs.mkdirSync(dir);
    const sample = fs.readFileSync(path.join(ROOT, S2021));
    for (let i = 0; i < 120; i++) fs.writeFileSync(path.join(dir, `r${String(i).padStart(3, '0')}.txt`), sample);
    fs.writeFileSync(path.join(dir, 'broken.docx'), 'not a zip');
    const result = run(['extract', '--no-config', dir]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /broken\.docx/);
    const { rows } = records(result.stdout);
    assert.equal(rows.length, 120);
    assert.equal(rows[119].path.endsWith('r119.txt'), true);
    assert.ok(rows.every((row) => row.t3_results_total_total === '21'));
    // Not on a terminal: no progress bar.
    assert.doesNotMatch(result.stderr, /\[#/);
  });

  test('bad usage: an unknown format is exit 2', () => {
    const result = run(['extract', '--format', 'xlsx', S2021]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /csv\|json/);
  });
});

describe('extract: helpers', () => {
  let helpers;
  before(async () => {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      stdin: { contents: "export * from './server/src/cli/extract';", resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    const file = path.join(tmp, 'extract-helpers.cjs');
    fs.writeFileSync(file, built.outputFiles[0].text);
    helpers = createRequire(import.meta.url)(file);
  });

  test('csvField quotes only what needs it', () => {
    assert.equal(helpers.csvField(null), '');
    assert.equal(helpers.csvField(0), '0');
    assert.equal(helpers.csvField('-3'), '-3');
    assert.equal(helpers.csvField('a,b'), '"a,b"');
    assert.equal(helpers.csvField('say "hi"'), '"say ""hi"""');
    assert.equal(helpers.csvField('two\nlines'), '"two\nlines"');
    assert.equal(helpers.csvLine(['a', null, 1]), 'a,,1\r\n');
  });

  test('the progress bar draws on one line, throttled, and erases itself', () => {
    const writes = [];
    const stream = { columns: 60, write: (chunk) => writes.push(chunk) };
    const bar = new helpers.ProgressBar(stream, 4);
    bar.update(0, '甲.txt');
    bar.update(1, '乙.txt'); // within 100 ms: not redrawn
    bar.update(4, '');
    bar.done();
    assert.equal(writes.length, 3);
    assert.match(writes[0], /^\r\x1b\[K\[-+\] 0\/4 甲\.txt$/);
    assert.match(writes[1], /^\r\x1b\[K\[#+\] 4\/4 $/);
    assert.equal(writes[2], '\r\x1b[K');
    for (const chunk of writes) assert.ok(!chunk.includes('\n'));
  });
});

describe('docs/extract.md', () => {
  test('is generated from the template data and up to date (node scripts/gen-extract-docs.mjs)', async () => {
    const expected = renderExtractDocs(await loadExtract());
    assert.equal(fs.readFileSync(DOC_PATH, 'utf8'), expected);
    for (const column of lib.extractColumns()) assert.ok(expected.includes(`| \`${column.name}\` |`));
  });

  test('column names come from the template ids: every row and column of table 三, every group of table 四', () => {
    const names = new Set(lib.extractColumns().map((column) => column.name));
    assert.ok(names.has('t3_public_natural_person'));
    assert.ok(names.has('t3_other_no_fee_total')); // 2021 only
    assert.ok(names.has('t2_item9_central_procurement_procurement_amount')); // 2019 only
    assert.equal([...names].filter((name) => name.startsWith('t4_')).length, 15);
    assert.equal([...names].filter((name) => name.startsWith('t3_')).length, 30 * 7); // 24 shared rows, （六） and its 3, （七）, 四
  });
});
