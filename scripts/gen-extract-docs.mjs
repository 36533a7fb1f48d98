// Writes docs/extract.md, the column list of `govreport extract`, from the same code that names the
// columns (server/src/service/extract.ts, which reads the template data), so the documentation cannot
// disagree with the output. `node scripts/gen-extract-docs.mjs` writes the file;
// test/unit/extract.test.mjs renders it in memory and fails when the committed file drifted.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSource, repoRoot } from './load-source.mjs';
import { pathToFileURL } from 'node:url';

export { repoRoot };
export const DOC_PATH = path.join(repoRoot, 'docs', 'extract.md');

/** service/extract.ts, read from the TypeScript sources. */
export function loadExtract() {
  return loadSource("export * from './server/src/service/extract';");
}

const FIELD_DOCS = {
  path: ['文件路径（与 check 的写法相同）', 'the file, as given or found'],
  report: ['文件中的第几份报告，从 1 开始（一个文件可含多份报告）', 'which report of the file, from 1 (a file may hold several)'],
  agency: ['机关名称，取自标题', 'the agency, from the title'],
  year: ['报告年度', 'the report year'],
  format: ['`2021`、`2019` 或 `legacy`', '`2021`, `2019` or `legacy`'],
  input: ['`text`、`html` 或 `docx`', '`text`, `html` or `docx`'],
  errors: ['错误级别的问题数', 'findings of severity error'],
  warnings: ['警告级别的问题数', 'findings of severity warning'],
  infos: ['提示级别的问题数', 'findings of severity info'],
};

const escapeCell = (text) => text.replace(/\|/g, '\\|');

/** The text of docs/extract.md. */
export function renderExtractDocs({ extractColumns, RECORD_FIELDS }) {
  const columns = extractColumns();
  const out = [];
  out.push(
    '# `govreport extract` 的列 / Columns of `govreport extract`',
    '',
    '<!-- 由 scripts/gen-extract-docs.mjs 从模板数据生成，请勿手改 / generated from the template data by scripts/gen-extract-docs.mjs; do not edit -->',
    '',
    '```sh',
    'govreport extract examples > 年报数据.csv             # CSV（RFC 4180，UTF-8，CRLF 换行）',
    'govreport extract --bom 报告目录/ > 年报数据.csv      # 以 UTF-8 BOM 开头，Excel 直接打开不乱码',
    'govreport extract --format json a.html b.docx        # JSON',
    '```',
    '',
    '每份报告一条记录（一个文件含多份报告时每份一条；未识别为年报的文件不输出记录，只在标准错误上提示）。',
    '文件逐个读取、检查并立即写出，内存占用与文件数无关；标准错误是终端时显示进度条。',
    '数值列只放数字：空白、“—”等占位符和无效的单元格为空（JSON 中为 `null`），该格式没有的列也为空。',
    '问题数只含每份报告自身的问题，不含需要同时读取多份报告的 `carry-over`、`similarity`。',
    'CSV 默认不带 BOM（便于其他程序读取）；在中文 Windows 的 Excel 中直接打开时请加 `--bom`。',
    'JSON 是一个对象 `{"version": 1, "columns": [...], "records": [{...}, ...]}`，每条记录占一行，键为下列列名。',
    '退出状态：0 全部读取成功（问题不影响退出状态）；2 用法错误或有文件无法读取。',
    '',
    '*English:* one record per report; files are read, checked and written one at a time (bounded memory), with a',
    'progress bar when stderr is a terminal. Value columns hold numbers only: blank, placeholder (“—”) and invalid',
    'cells and the other format’s columns are empty (`null` in JSON). Finding counts are the report’s own (the',
    'workspace rules need all reports at once and are left out). CSV is RFC 4180, UTF-8, CRLF line ends, no BOM',
    'unless `--bom` (Excel on Chinese Windows needs it). JSON is one object with `columns` and one record a line.',
    'Exit status 0 when every file was read, 2 on bad usage or an unreadable file; findings do not change it.',
    '',
    '## 列名规则 / How columns are named',
    '',
    '列名由模板数据中的英文 id 组成（`server/src/service/templates`），不随标签措辞变化：',
    '',
    '- `t2_item<N>_<行>_<列>`：表二，第二十条第（N）项，例如 `t2_item1_rules_issued`；',
    '- `t3_<行>_<列>`：表三，例如 `t3_public_natural_person`（（一）予以公开 · 自然人）、`t3_results_total_total`（（七）总计 · 总计）；',
    '- `t4_<组>_<结果>`：表四，例如 `t4_review_upheld`、`t4_litigation_direct_total`。',
    '',
    'Names are made of the template data’s ids and nothing else: table 二 `t2_item<N>_<row>_<column>`, table 三',
    '`t3_<row>_<column>`, table 四 `t4_<group>_<result>`. Within each item and table the 2021 format’s columns come first,',
    'then those only the 2019 format has. 同一项、同一表中先列 2021 年格式的列，再列 2019 年格式独有的列。',
    '',
    '## 报告信息 / Report fields',
    '',
    '| 列 / column | 含义 | meaning |',
    '|---|---|---|',
  );
  for (const field of RECORD_FIELDS) {
    const [zh, en] = FIELD_DOCS[field] ?? ['', ''];
    out.push(`| \`${field}\` | ${zh} | ${en} |`);
  }
  out.push('', `## 表格数值 / Table values (${columns.length})`, '', '| 列 / column | 模板标签 / template labels | 格式 / formats |', '|---|---|---|');
  for (const column of columns) out.push(`| \`${column.name}\` | ${escapeCell(column.label)} | ${column.formats.join(', ')} |`);
  out.push('');
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(DOC_PATH, renderExtractDocs(await loadExtract()));
  console.log(`wrote ${path.relative(repoRoot, DOC_PATH)}`);
}
