// Builds small reports for the rule tests, in any layout, from plain data. Labels are written out
// here on purpose (not taken from the templates under test), so a wrong template label fails a test.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const seedsDir = path.resolve(repoRoot, '../shared/examples/seeds');
export const { analyze, listRules } = require(path.join(repoRoot, 'server/dist/index.js'));

export const T3_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** Table 三 of a consistent 2021 report (every sum holds). */
export function requests2021() {
  const zero = [0, 0, 0, 0, 0, 0, 0];
  return [
    ['一、本年新收政府信息公开申请数量', [10, 2, 0, 1, 0, 0, 13]],
    ['二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]],
    ['三、本年度办理结果', null],
    ['（一）予以公开', [5, 1, 0, 0, 0, 0, 6]],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [1, 0, 0, 0, 0, 0, 1]],
    ['（三）不予公开', null],
    ['1.属于国家秘密', zero],
    ['2.其他法律行政法规禁止公开', zero],
    ['3.危及“三安全一稳定”', [1, 0, 0, 0, 0, 0, 1]],
    ['4.保护第三方合法权益', zero],
    ['5.属于三类内部事务信息', zero],
    ['6.属于四类过程性信息', zero],
    ['7.属于行政执法案卷', zero],
    ['8.属于行政查询事项', zero],
    ['（四）无法提供', null],
    ['1.本机关不掌握相关政府信息', [2, 0, 0, 1, 0, 0, 3]],
    ['2.没有现成信息需要另行制作', zero],
    ['3.补正后申请内容仍不明确', zero],
    ['（五）不予处理', null],
    ['1.信访举报投诉类申请', zero],
    ['2.重复申请', [1, 0, 0, 0, 0, 0, 1]],
    ['3.要求提供公开出版物', zero],
    ['4.无正当理由大量反复申请', zero],
    ['5.要求行政机关确认或重新出具已获取信息', zero],
    ['（六）其他处理', null],
    ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', zero],
    ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', zero],
    ['3.其他', zero],
    ['（七）总计', [10, 1, 0, 1, 0, 0, 12]],
    ['四、结转下年度继续办理', [1, 1, 0, 0, 0, 0, 2]],
  ].map(([label, values]) => ({ label, values: values && [...values] }));
}

/** The same in the 2019 format: （六）其他处理 is one value row. */
export function requests2019() {
  const rows = requests2021().filter((row) => !/^[123]\.(申请人|其他$)/.test(row.label));
  rows.find((row) => row.label === '（六）其他处理').values = [0, 0, 0, 0, 0, 0, 0];
  return rows;
}

export function active2021() {
  return [
    { item: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: [['规章', [0, 0, 0]], ['行政规范性文件', [2, 1, 15]]] },
    { item: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: [['行政许可', [120]]] },
    { item: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: [['行政处罚', [35]], ['行政强制', [2]]] },
    { item: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: [['行政事业性收费', [0]]] },
  ];
}

export function active2019() {
  return [
    { item: '第二十条第（一）项', columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'], rows: [['规章', [0, 0, 0]], ['规范性文件', [2, 2, 15]]] },
    { item: '第二十条第（五）项', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], rows: [['行政许可', [40, -2, 120]], ['其他对外管理服务事项', [5, 0, 8]]] },
    { item: '第二十条第（六）项', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], rows: [['行政处罚', [60, 1, 35]], ['行政强制', [4, 0, 2]]] },
    { item: '第二十条第（八）项', columns: ['上一年项目数量', '本年增/减'], rows: [['行政事业性收费', [1, 0]]] },
    { item: '第二十条第（九）项', columns: ['采购项目数量', '采购总金额'], rows: [['政府集中采购', [3, '12.5万元']]] },
  ];
}

export const REVIEWS = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0];

const T3_HEADER = [
  ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
  ['', '自然人', '法人或其他组织', '', '', '', '', '总计'],
  ['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
];
const T4_HEADER = [
  ['行政复议', '', '', '', '', '行政诉讼'],
  ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '', '', '', '', '复议后起诉'],
  ['', '', '', '', '', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
];

/** Writes rows of cells in a layout: tab, lines (one cell per line), pipe or space. */
export function writeRows(rows, layout) {
  const text = (cell) => (cell === null || cell === undefined ? '' : String(cell));
  switch (layout) {
    case 'tab':
      return rows.map((cells) => cells.map(text).join('\t')).join('\n');
    case 'lines':
      return rows.map((cells) => cells.map((cell) => `\t${text(cell)}`).join('\n')).join('\n\n');
    case 'space':
      return rows.map((cells) => cells.map(text).filter((cell) => cell !== '').join(' ')).join('\n');
    case 'pipe': {
      const width = Math.max(...rows.map((cells) => cells.length));
      const pad = (cells) => [...cells.map(text), ...new Array(width - cells.length).fill('')];
      const [first, ...rest] = rows;
      return [
        `| ${pad(first).join(' | ')} |`,
        `|${new Array(width).fill(' --- ').join('|')}|`,
        ...rest.map((cells) => `| ${pad(cells).join(' | ')} |`),
      ].join('\n');
    }
    default:
      throw new Error(layout);
  }
}

export function requestsRows(rows) {
  return [...T3_HEADER, ...rows.map(({ label, values }) => (values ? [label, ...values] : [label]))];
}

export function reviewsRows(values = REVIEWS) {
  return [...T4_HEADER, [...values]];
}

export function activeRows(items) {
  return items.flatMap(({ item, columns, rows }) => [[item], ['信息内容', ...columns], ...rows.map(([label, values]) => [label, ...values])]);
}

/**
 * A whole report. `parts` overrides pieces: { year, format: '2021'|'2019', layout, requests, reviews,
 * active, sections: {1: text|null, …} (null drops the section), feeText }.
 */
export function makeReport(parts = {}) {
  const year = parts.year ?? 2021;
  const format = parts.format ?? (year >= 2021 ? '2021' : '2019');
  const layout = parts.layout ?? 'tab';
  const requests = parts.requests ?? (format === '2021' ? requests2021() : requests2019());
  const active = parts.active ?? (format === '2021' ? active2021() : active2019());
  const headings = {
    1: '一、总体情况',
    2: '二、主动公开政府信息情况',
    3: '三、收到和处理政府信息公开申请情况',
    4: '四、政府信息公开行政复议、行政诉讼情况',
    5: '五、存在的主要问题及改进情况',
    6: '六、其他需要报告的事项',
    ...(parts.headings ?? {}),
  };
  const bodies = {
    1: `${year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。`,
    2: writeRows(activeRows(active), layout),
    3: writeRows(requestsRows(requests), layout),
    4: writeRows(reviewsRows(parts.reviews), layout),
    5: '一是信息发布的及时性有待提高；二是政策解读形式还不够丰富。下一步将加强培训，完善制度。',
    6: '本年度未收取信息处理费。',
    ...(parts.bodies ?? {}),
  };
  const order = parts.order ?? [1, 2, 3, 4, 5, 6];
  const out = [`# 清河市云溪区示例局${year}年政府信息公开工作年度报告`, ''];
  for (const index of order) {
    if (parts.drop?.includes(index)) continue;
    out.push(`## ${headings[index]}`, '', bodies[index], '');
  }
  return out.join('\n');
}

export function rulesOf(result, rule) {
  return result.diagnostics.filter((diagnostic) => diagnostic.rule === rule);
}

/** Offset of a 0-based LSP position in text. */
export function offsetAt(text, position) {
  let line = 0;
  let index = 0;
  while (line < position.line) {
    const next = text.indexOf('\n', index);
    if (next < 0) return text.length;
    index = next + 1;
    line++;
  }
  return index + position.character;
}

/** Applies LSP text edits (non-overlapping) to text. */
export function applyEdits(text, edits) {
  const resolved = edits
    .map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of resolved) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** The text a diagnostic's range covers. */
export function rangeText(text, range) {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}
