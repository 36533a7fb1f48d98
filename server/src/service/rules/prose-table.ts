import type { Cell, Paragraph, ProseFigure, Report, Table } from '../model';
import type { Span } from '../text';
import { cellOf, defineRule, formatNumber, numberCell, rowName, rowsById, type Finding, type Related } from './rule';
import { checksText, indexIn, isClauseBreak, isSentenceBreak } from './text-common';

// What the text may state, and where the tables hold it. A statement is compared only when its clause
// names exactly one of these and nothing that narrows or shifts it (an applicant type, a channel, a
// comparison with last year, an estimate): a false alarm teaches users to ignore the rule.

type Topic =
  | 'new'
  | 'received'
  | 'carried_in'
  | 'carried_out'
  | 'carried'
  | 'results_total'
  | 'public'
  | 'partial'
  | 'refused'
  | 'unable'
  | 'not_processed'
  | 'review'
  | 'litigation'
  | 'issued'
  | 'repealed'
  | 'in_force';

/** Checked in this order; a clause matching two topics (other than a more specific one) says nothing. */
const TOPICS: { topic: Topic; pattern: RegExp; unless?: RegExp }[] = [
  { topic: 'carried_in', pattern: /上年结转|上年度结转|上一年度结转|上年转入|上年度转入/ },
  { topic: 'carried_out', pattern: /结转下一?年|结转到下一?年|结转至下一?年|转入下一?年|下一?年度继续办理|尚未办结|仍在办理|正在办理/ },
  { topic: 'carried', pattern: /结转/ },
  { topic: 'new', pattern: /新收/, unless: /复议|诉讼|起诉/ },
  { topic: 'received', pattern: /收到|受理|接收|接到/, unless: /复议|诉讼|起诉/ },
  { topic: 'results_total', pattern: /办结|办理完毕|完成办理/, unless: /复议|诉讼|起诉/ },
  { topic: 'public', pattern: /予以公开|同意公开|全部公开/ },
  { topic: 'partial', pattern: /部分公开/ },
  { topic: 'refused', pattern: /不予公开/ },
  { topic: 'unable', pattern: /无法提供/ },
  { topic: 'not_processed', pattern: /不予处理/ },
  { topic: 'review', pattern: /行政复议/, unless: /诉讼|起诉/ },
  { topic: 'litigation', pattern: /行政诉讼|起诉/, unless: /复议/ },
  { topic: 'issued', pattern: /制发|印发|出台/ },
  { topic: 'repealed', pattern: /废止/ },
  { topic: 'in_force', pattern: /现行有效/ },
];

/** Topics a more general one gives way to. */
const SPECIFIC: Partial<Record<Topic, Topic[]>> = {
  carried: ['carried_in', 'carried_out'],
  received: ['new'],
};

// Other business an agency also counts in 件 (建议提案, 行政许可 …): a sentence that names one of these
// before a figure may be about it ("受理行政许可申请1200件，办结1200件"), so its figures are left alone.
const OTHER_SUBJECT = /建议|提案|咨询|信访|来信|来电|投诉|留言|热线|许可|审批|政务服务|办件|事项/;
// Words that make a figure a part, an estimate, a comparison or about something else.
const NARROWING =
  /建议|提案|咨询|信访|来信|来电|投诉|留言|热线|许可|审批|政务服务|办件|事项|自然人|企业|法人|科研|公益|法律服务|社会组织|其他组织|个人|当面|网上|网络|在线|信函|邮寄|传真|邮件|电话|现场|涉及|关于|有关|同比|较上年|比上年|较去年|比去年|增长|减少|增加|下降|累计|历年|平均|约|近|超过|不足|多于|少于|占|维持|纠正|纠错|撤销|败诉|胜诉|审结|确认违法|其他处理|逾期|人次/;
const LAST_YEAR = /上年|去年|上一年/;
// The paragraph is about requests for disclosure / the sentence about disclosure cases.
const REQUESTS_CONTEXT = /依申请|公开申请/;
const CASES_CONTEXT = /信息公开/;
const CASE_TOPICS = new Set<Topic>(['review', 'litigation']);
// 行政规范性文件 issued, repealed, in force (table 二, 第二十条第（一）项, 2021 format): the sentence names
// them before the figure, and not 规章, which has its own row.
const DOCUMENT_TOPICS = new Set<Topic>(['issued', 'repealed', 'in_force']);
const DOCUMENT_COLUMNS: Partial<Record<Topic, string>> = { issued: 'issued', repealed: 'repealed', in_force: 'in_force' };
const AFTER_FIGURE = /^(?:以上|左右|多|余|次|（含|\(含|，含|,含)/;

// "全年未收到政府信息公开申请", "没有受理政府信息公开申请事项", "未收到依申请公开案件".
const NO_REQUESTS = /(?:未|没有)(?:收到|受理|接到|接收)(?:任何|过)?(?:政府信息公开|依申请公开|信息公开)?(?:申请|案件)/;
// "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "无行政复议、行政诉讼案件".
const NO_CASES = /(?:未|没有|无)(?:发生|出现|产生)?(?:因政府信息公开(?:工作)?)?(?:被申请|被提起|被)?(?:行政复议|行政诉讼)/;
const NO_CASES_UNLESS = /纠错|纠正|败诉|撤销|维持|确认违法|但|而|复议后/;

interface Expected {
  value: number;
  /** What the tables say, for the message. */
  describe: (en: boolean) => string;
  related: Related[];
  /** Other readings of the same words that are also right ("受理" = 新收, or 新收 + 上年结转). */
  also?: number[];
}

interface Tables {
  requests: Table | null;
  reviews: Table | null;
  /** Table 二, 第二十条第（一）项. */
  documents: Table | null;
}

function totalCell(table: Table, rowId: string): Cell | undefined {
  const row = rowsById(table).get(rowId);
  return row ? cellOf(row, table.template.requests.totalColumn) : undefined;
}

/** "（二）部分公开": the row's numbering and text, without the template's note in brackets. */
function rowLabel(table: Table, rowId: string): string {
  const row = rowsById(table).get(rowId);
  if (!row) return rowId;
  if (!row.def) return rowName(row);
  const note = row.def.text.indexOf('（');
  return row.def.numbering + (note > 0 ? row.def.text.slice(0, note) : row.def.text);
}

function cellRelated(cell: Cell, name: string, en: boolean): Related {
  return { span: cell.token.span, message: en ? `${name}: ${formatNumber(cell.value ?? 0)}` : `${name}：${formatNumber(cell.value ?? 0)}` };
}

/** The 总计 of one row of table 三. */
function requestRow(tables: Tables, rowId: string, en: boolean): Expected | null {
  const table = tables.requests;
  if (!table) return null;
  const cell = totalCell(table, rowId);
  const value = numberCell(cell);
  if (value === null || !cell) return null;
  const name = rowLabel(table, rowId);
  return {
    value,
    describe: (isEn) =>
      isEn
        ? `table 3 "${name}" has a total of ${formatNumber(value)}`
        : `表三“${name}”${name.endsWith('总计') ? '' : '的总计'}为 ${formatNumber(value)}`,
    related: [cellRelated(cell, name, en)],
  };
}

/** The 总计 of a group of table 三 (（三）不予公开 …): the sum of its rows. */
function requestGroup(tables: Tables, groupId: string, en: boolean): Expected | null {
  const table = tables.requests;
  if (!table) return null;
  const defs = table.template.requests.rows.filter((def) => def.parent === groupId);
  let value = 0;
  const related: Related[] = [];
  for (const def of defs) {
    const cell = totalCell(table, def.id);
    const cellValue = numberCell(cell);
    if (cellValue === null || !cell) return null;
    value += cellValue;
    if (cellValue !== 0) related.push(cellRelated(cell, rowLabel(table, def.id), en));
  }
  const group = table.template.requests.rows.find((def) => def.id === groupId);
  const name = group ? group.numbering + group.text : groupId;
  return {
    value,
    describe: (en) =>
      en ? `the rows of "${name}" in table 3 add up to ${formatNumber(value)}` : `表三“${name}”各项的总计合计为 ${formatNumber(value)}`,
    related,
  };
}

function reviewTotals(tables: Tables, groups: string[], en: boolean): Expected | null {
  const table = tables.reviews;
  if (!table) return null;
  const row = table.rows.find((candidate) => candidate.cells !== null);
  if (!row) return null;
  let value = 0;
  const parts: string[] = [];
  const related: Related[] = [];
  for (const groupId of groups) {
    const cell = cellOf(row, `${groupId}.${table.template.reviews.totalColumn}`);
    const cellValue = numberCell(cell);
    if (cellValue === null || !cell) return null;
    value += cellValue;
    const group = table.template.reviews.groups.find((candidate) => candidate.id === groupId);
    const name = group ? group.path[group.path.length - 1] : groupId;
    parts.push(`${name} ${formatNumber(cellValue)}`);
    related.push(cellRelated(cell, `${name}·总计`, en));
  }
  const subject = groups.length === 1 ? '行政复议' : '行政诉讼';
  return {
    value,
    describe: (isEn) =>
      groups.length === 1
        ? isEn
          ? `table 4 gives a 行政复议 total of ${formatNumber(value)}`
          : `表四“行政复议”的总计为 ${formatNumber(value)}`
        : isEn
          ? `table 4 gives ${formatNumber(value)} lawsuits (行政诉讼) in all (${parts.join(' + ')})`
          : `表四“${subject}”共 ${formatNumber(value)}（${parts.join(' + ')}）`,
    related,
  };
}

/** A cell of 行政规范性文件 in table 二 第二十条第（一）项 (the 2021 columns only). */
function documentsCell(tables: Tables, columnId: string, en: boolean): Expected | null {
  const table = tables.documents;
  if (!table) return null;
  const row = rowsById(table).get('normative_documents');
  const cell = row ? cellOf(row, columnId) : undefined;
  const value = numberCell(cell);
  if (value === null || !cell || !row) return null;
  const name = `${rowName(row)}·${cell.column.label}`;
  return {
    value,
    describe: (isEn) =>
      isEn ? `table 2 (第二十条第（一）项) "${name}" is ${formatNumber(value)}` : `表二第二十条第（一）项“${name}”为 ${formatNumber(value)}`,
    related: [cellRelated(cell, name, en)],
  };
}

function expectedFor(topic: Topic, tables: Tables, en: boolean): Expected | null {
  switch (topic) {
    case 'issued':
    case 'repealed':
    case 'in_force':
      return documentsCell(tables, DOCUMENT_COLUMNS[topic]!, en);
    case 'new':
      return requestRow(tables, 'new', en);
    case 'received': {
      // "受理/收到申请 N 件" is 新收, or 新收 with last year's carried over.
      const fresh = requestRow(tables, 'new', en);
      const carried = requestRow(tables, 'carried_in', en);
      if (!fresh) return null;
      if (!carried || carried.value === 0) return fresh;
      const both = fresh.value + carried.value;
      return {
        ...fresh,
        also: [both],
        describe: (isEn) =>
          isEn
            ? `${fresh.describe(true)} (${formatNumber(both)} with the ${formatNumber(carried.value)} carried over)`
            : `${fresh.describe(false)}（加上年结转 ${formatNumber(carried.value)} 为 ${formatNumber(both)}）`,
        related: [...fresh.related, ...carried.related],
      };
    }
    case 'carried_in':
    case 'carried_out':
    case 'results_total':
    case 'public':
    case 'partial':
      return requestRow(tables, topic, en);
    case 'carried': {
      // A bare "结转 N 件" is most often carried to next year, but may be last year's: either fits.
      const out = requestRow(tables, 'carried_out', en);
      const into = requestRow(tables, 'carried_in', en);
      if (!out || !into) return null;
      return {
        ...out,
        also: [into.value],
        describe: (isEn) => (isEn ? `${out.describe(true)}; ${into.describe(true)}` : `${out.describe(false)}，${into.describe(false)}`),
        related: [...out.related, ...into.related],
      };
    }
    case 'refused':
    case 'unable':
    case 'not_processed':
      return requestGroup(tables, topic, en);
    case 'review':
      return reviewTotals(tables, ['review'], en);
    case 'litigation':
      return reviewTotals(tables, ['litigation_direct', 'litigation_after_review'], en);
  }
}

/** The one topic a stretch of text names, and where its words start; null when none or several. */
function topicOf(words: string): { topic: Topic; at: number } | null {
  const found: { topic: Topic; at: number }[] = [];
  for (const { topic, pattern, unless } of TOPICS) {
    const match = pattern.exec(words);
    if (!match || (unless && unless.test(words))) continue;
    if (SPECIFIC[topic]?.some((specific) => found.some((entry) => entry.topic === specific))) continue;
    found.push({ topic, at: match.index });
  }
  return found.length === 1 ? found[0] : null;
}

interface Statement {
  span: Span;
  quote: string;
  topic: Topic;
  value: number;
}

function isCaseFigure(figure: ProseFigure): boolean {
  return figure.unit === '件' || figure.unit === '起' || figure.unit === '宗';
}

// How far the rule looks back or ahead from a figure for its sentence: far more than any real sentence,
// and a bound, so that a paragraph of thousands of figures without a full stop costs linear time.
const REACH = 300;

/** Where the sentence holding text[at] starts (at most REACH back). */
function sentenceStartOf(text: string, at: number): number {
  const limit = Math.max(0, at - REACH);
  let start = at;
  while (start > limit && !isSentenceBreak(text[start - 1])) start--;
  return start;
}

/** The sentence around text[from, to) (at most REACH ahead). */
function sentenceAround(text: string, from: number, to: number): string {
  const limit = Math.min(text.length, to + REACH);
  let end = to;
  while (end < limit && !isSentenceBreak(text[end])) end++;
  return text.slice(sentenceStartOf(text, from), end);
}

/** "新收政府信息公开申请21件", "办结21件", "被申请行政复议2件": a figure and the words before it. */
function figureStatements(report: Report, paragraph: Paragraph, out: Statement[]): void {
  const { text } = paragraph;
  const requestsContext = REQUESTS_CONTEXT.test(text);
  const { dates } = paragraph;
  // Dates before the current clause are behind for good: clauses only move forward.
  let nextDate = 0;
  let previousEnd = 0;
  for (const figure of paragraph.figures) {
    const start = indexIn(paragraph, figure.span.start);
    const end = indexIn(paragraph, figure.span.end);
    const boundary = previousEnd;
    previousEnd = end;
    if (!isCaseFigure(figure)) continue;
    // The clause: back to the nearest delimiter (or the figure before, which has its own words).
    let from = start;
    const reach = Math.max(boundary, start - REACH);
    while (from > reach && !isClauseBreak(text[from - 1]) && text[from - 1] !== '、') from--;
    const words = text.slice(from, start);
    // "予以公开、部分公开共11件": a list of topics sharing one figure. The list item before the 、 has a
    // figure of its own exactly when the figure before this one ends after that item's clause starts.
    if (from > 0 && text[from - 1] === '、') {
      let back = from - 1;
      const limit = Math.max(0, back - REACH);
      while (back > limit && !isClauseBreak(text[back - 1])) back--;
      if (boundary <= back) continue;
    }
    if (NARROWING.test(words) || AFTER_FIGURE.test(text.slice(end, end + 3))) continue;
    const sentenceStart = sentenceStartOf(text, from);
    if (OTHER_SUBJECT.test(text.slice(sentenceStart, from))) continue;
    const found = topicOf(words);
    if (!found) continue;
    if (CASE_TOPICS.has(found.topic)) {
      // "因政府信息公开工作被申请行政复议2件", not a 司法局's "办理行政复议案件120件".
      if (!CASES_CONTEXT.test(sentenceAround(text, from, end))) continue;
    } else if (DOCUMENT_TOPICS.has(found.topic)) {
      // "制发行政规范性文件2件，废止1件，现行有效9件": 规范性文件 named before the figure, 规章 not.
      const before = text.slice(sentenceStart, start);
      if (!before.includes('规范性文件') || before.includes('规章')) continue;
    } else {
      if (!requestsContext) continue;
      if ((found.topic === 'new' || found.topic === 'received') && !words.includes('申请')) continue;
    }
    if (found.topic !== 'carried_in' && LAST_YEAR.test(words)) continue;
    // "2020年收到申请30件" in a 2021 report: about another year.
    while (nextDate < dates.length && indexIn(paragraph, dates[nextDate].span.start) < from) nextDate++;
    let otherYear = false;
    for (let i = nextDate; i < dates.length && indexIn(paragraph, dates[i].span.start) < start && !otherYear; i++) {
      otherYear = dates[i].year !== null && dates[i].year !== report.year;
    }
    if (otherYear) continue;
    // The whole clause when it is short ("全年因政府信息公开工作被申请行政复议3件"), else from the topic's words.
    const quoteStart = end - from <= 24 ? from : from + found.at;
    out.push({
      span: figure.span,
      quote: text.slice(quoteStart, end),
      topic: found.topic,
      value: figure.value,
    });
  }
}

/** "未收到政府信息公开申请", "未发生……行政复议、行政诉讼": a zero stated in words. */
function zeroStatements(paragraph: Paragraph, out: Statement[]): void {
  const { text } = paragraph;
  // Most paragraphs deny nothing about requests or cases: two cheap searches settle them.
  if (!(text.includes('未') || text.includes('没有') || text.includes('无'))) return;
  if (!(text.includes('申请') || text.includes('案件') || text.includes('行政复议') || text.includes('行政诉讼'))) return;
  const { figures } = paragraph;
  // Figures of earlier sentences are passed for good.
  let nextFigure = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSentenceBreak(text[i])) continue;
    const base = from;
    from = i + 1;
    let hasFigure = false;
    for (; nextFigure < figures.length && indexIn(paragraph, figures[nextFigure].span.start) < i; nextFigure++) {
      hasFigure ||= isCaseFigure(figures[nextFigure]);
    }
    if (hasFigure) continue;
    const sentence = text.slice(base, i);
    if (!(sentence.includes('申请') || sentence.includes('案件') || sentence.includes('行政复议') || sentence.includes('行政诉讼'))) continue;
    const span = (match: RegExpExecArray): Span => ({
      start: paragraph.span.start + base + match.index,
      end: paragraph.span.start + base + match.index + match[0].length,
    });
    const requests = NO_REQUESTS.exec(sentence);
    if (requests && REQUESTS_CONTEXT.test(text) && !NARROWING.test(sentence)) {
      out.push({ span: span(requests), quote: requests[0], topic: 'new', value: 0 });
    }
    const cases = NO_CASES.exec(sentence);
    if (cases && !NO_CASES_UNLESS.test(sentence) && CASES_CONTEXT.test(sentence)) {
      // The words run from the negation to the last of 行政复议 / 行政诉讼 / 起诉 they deny.
      const last = Math.max(
        sentence.lastIndexOf('行政复议') + 4,
        sentence.lastIndexOf('行政诉讼') + 4,
        sentence.lastIndexOf('起诉') + 2,
        cases.index + cases[0].length,
      );
      const words = sentence.slice(cases.index, last);
      const where = { start: paragraph.span.start + base + cases.index, end: paragraph.span.start + base + last };
      if (words.includes('行政复议')) out.push({ span: where, quote: words, topic: 'review', value: 0 });
      if (words.includes('行政诉讼') || words.includes('起诉')) out.push({ span: where, quote: words, topic: 'litigation', value: 0 });
    }
  }
}

const TOPIC_NAMES: Record<Topic, [string, string]> = {
  new: ['新收申请', 'new requests'],
  received: ['收到申请', 'requests received'],
  carried_in: ['上年结转', 'carried over from last year'],
  carried_out: ['结转下年度', 'carried over to next year'],
  carried: ['结转', 'carried over'],
  results_total: ['办结', 'requests answered'],
  public: ['予以公开', 'disclosed'],
  partial: ['部分公开', 'partly disclosed'],
  refused: ['不予公开', 'refused'],
  unable: ['无法提供', 'unable to provide'],
  not_processed: ['不予处理', 'not processed'],
  review: ['行政复议', 'administrative reviews'],
  litigation: ['行政诉讼', 'lawsuits'],
  issued: ['制发规范性文件', 'normative documents issued'],
  repealed: ['废止规范性文件', 'normative documents repealed'],
  in_force: ['现行有效规范性文件', 'normative documents in force'],
};

/** A figure in the text contradicts the tables. */
export default defineRule({
  id: 'prose-table',
  category: 'text',
  defaultSeverity: 'warning',
  title: '正文数字与表格不符',
  titleEn: 'A figure in the text contradicts the tables',
  fixable: false,
  check(report, en) {
    if (!checksText(report)) return [];
    const tables: Tables = {
      requests: report.tables.find((table) => table.section === 3) ?? null,
      reviews: report.tables.find((table) => table.section === 4) ?? null,
      documents: report.tables.find((table) => table.section === 2 && table.item?.numeral === '一') ?? null,
    };
    if (!tables.requests && !tables.reviews && !tables.documents) return [];
    const statements: Statement[] = [];
    for (const paragraph of report.paragraphs) {
      if (paragraph.figures.length > 0) figureStatements(report, paragraph, statements);
      zeroStatements(paragraph, statements);
    }
    const findings: Finding[] = [];
    for (const statement of statements) {
      const expected = expectedFor(statement.topic, tables, en);
      if (!expected) continue;
      const { value } = statement;
      if (value === expected.value || expected.also?.includes(value)) continue;
      const [topicZh, topicEn] = TOPIC_NAMES[statement.topic];
      findings.push({
        span: statement.span,
        message: en
          ? `The text says "${statement.quote}" (${topicEn}: ${formatNumber(value)}), but ${expected.describe(true)}`
          : `正文说“${statement.quote}”（${topicZh} ${formatNumber(value)}），而${expected.describe(false)}`,
        related: expected.related,
      });
    }
    return findings;
  },
});
