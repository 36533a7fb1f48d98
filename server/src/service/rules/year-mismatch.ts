import type { Paragraph, ProseDate, Report } from '../model';
import type { Span } from '../text';
import { defineRule, type Finding, type Related } from './rule';
import { indexIn, textOf, titleParagraph, titleYear } from './text-common';

/** A place where the text says which year the report is about. */
interface YearStatement {
  kind: 'period' | 'cutoff' | 'opening' | 'preamble';
  year: number;
  span: Span;
  /** The words as written ("2020年1月1日", "2020年"). */
  quote: string;
}

// "自2021年1月1日起至2021年12月31日止", "2021年1月1日至12月31日", "2021年1月1日—2021年12月31日"
// (tested on the words between the two dates, blanks removed).
const PERIOD_JOIN = /^起?(?:至|到|—|－|-|~|～)$/;

function isYearStart(date: ProseDate): boolean {
  return date.month === 1 && date.day === 1 && date.year !== null;
}

function isYearEnd(date: ProseDate): boolean {
  return date.month === 12 && date.day === 31;
}

/**
 * The statements of the report year in one paragraph: the statistical period, a cut-off "截至…12月31日",
 * the year opening the account of section 一, and "…年度政府信息公开工作" in the preamble. Other years
 * (plans for next year, last year's comparisons, founding dates, the signing date) are not statements
 * of the report year and are never compared.
 */
function statementsIn(paragraph: Paragraph, opening: boolean, preamble: boolean, out: YearStatement[]): void {
  const { dates, text } = paragraph;
  // Whether the scan so far stands inside 《…》 (a document's name), kept up to date as the dates move
  // forward, so the whole paragraph is read once.
  let scanned = 0;
  let inName = false;
  const insideName = (at: number): boolean => {
    for (; scanned < at; scanned++) {
      const char = text[scanned];
      if (char === '《') inName = true;
      else if (char === '》') inName = false;
    }
    return inName;
  };
  const push = (kind: YearStatement['kind'], date: ProseDate) =>
    out.push({ kind, year: date.year!, span: date.span, quote: textOf(paragraph, date.span) });
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i];
    const next = dates[i + 1];
    if (isYearStart(date) && next && isYearEnd(next)) {
      const gap = next.span.start - date.span.end;
      const between = gap <= 8 ? text.slice(indexIn(paragraph, date.span.end), indexIn(paragraph, next.span.start)) : '';
      if (gap <= 8 && PERIOD_JOIN.test(between.replace(/\s+/g, ''))) {
        if (next.year === null || next.year === date.year) {
          // One statement for the whole period: "2020年1月1日起至2020年12月31日".
          const span = { start: date.span.start, end: next.span.end };
          out.push({ kind: 'period', year: date.year!, span, quote: textOf(paragraph, span) });
        } else {
          push('period', date);
          push('period', next);
        }
        i++;
        continue;
      }
    }
    if (date.year === null) continue;
    const at = indexIn(paragraph, date.span.start);
    const before = text.slice(Math.max(0, at - 3), at);
    if (isYearEnd(date) && /(?:截至|截止|截止到|截至到)$/.test(before)) {
      push('cutoff', date);
      continue;
    }
    if (date.month !== null) continue;
    const after = text.slice(indexIn(paragraph, date.span.end), indexIn(paragraph, date.span.end) + 6);
    // "2021年，我局……" / "2021年以来" / "2021年是……" as the first words of section 一.
    if (opening && at === 0 && /^(?:[，,、]|以来|是)/.test(after)) {
      push('opening', date);
      continue;
    }
    // "经对我街道2020年度政府信息公开工作情况进行……总结" before section 一; not "与2020年度…相比", nor a
    // document's name ("《2021年度政务公开工作要点》").
    if (preamble && date.yearly && /^(?:政府信息公开|政务公开|信息公开)/.test(after) && !/[上与较比同]$/.test(before)) {
      if (!insideName(at)) push('preamble', date);
    }
  }
}

function describe(statement: YearStatement, en: boolean): string {
  const { quote, year } = statement;
  switch (statement.kind) {
    case 'period':
      return en ? `The statistical period says "${quote}" (${year})` : `统计期限写的是“${quote}”（${year} 年）`;
    case 'cutoff':
      return en ? `"截至${quote}" counts up to the end of ${year}` : `“截至${quote}”统计到 ${year} 年底`;
    case 'opening':
      return en ? `Section 1 opens with "${quote}"` : `总体情况开头写的是“${quote}”`;
    default:
      return en ? `The preamble speaks of "${quote}"` : `前言中写的是“${quote}”`;
  }
}

function collect(report: Report): YearStatement[] {
  const statements: YearStatement[] = [];
  const title = titleParagraph(report);
  let firstOfOne = true;
  for (const paragraph of report.paragraphs) {
    if (paragraph === title) continue;
    const index = paragraph.section?.def.index ?? 0;
    const opening = index === 1 && firstOfOne;
    if (index === 1) firstOfOne = false;
    if (paragraph.dates.length === 0) continue;
    statementsIn(paragraph, opening, index === 0, statements);
  }
  return statements;
}

/** The years of title, statistical period and 本年 statements disagree. */
export default defineRule({
  id: 'year-mismatch',
  category: 'document',
  defaultSeverity: 'warning',
  title: '报告中的年份前后不一',
  titleEn: 'The report year is stated inconsistently',
  fixable: false,
  check(report, en) {
    if (!report.isReport) return [];
    const statements = collect(report);
    if (statements.length === 0) return [];
    // Measured against the title's year; without a title, against the first statement (usually the
    // statistical period in the preamble).
    const title = titleYear(report);
    const reference = title ? title.date.year! : statements[0].year;
    const referenceText = en
      ? title
        ? `the title is a ${reference} report`
        : `${describe(statements[0], true).replace(/^The/, 'the')}`
      : title
        ? `标题为 ${reference} 年度报告`
        : describe(statements[0], false);
    const related: Related[] = title
      ? [{ span: title.date.span, message: en ? `The title: ${reference}` : `标题中的年度：${reference} 年` }]
      : [{ span: statements[0].span, message: describe(statements[0], en) }];
    const findings: Finding[] = [];
    for (const statement of statements) {
      if (statement.year === reference) continue;
      findings.push({
        span: statement.span,
        message: en ? `${describe(statement, true)}, but ${referenceText}` : `${describe(statement, false)}，而${referenceText}`,
        related,
      });
    }
    return findings;
  },
});
