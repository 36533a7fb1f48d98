// text → Report: title, sections, tables. Runs once per document version; every rule and feature
// reads the result.
import type { Report, Table } from '../model';
import { formatForYear } from '../templates';
import { maskComments } from '../suppress';
import { asciiDigits, isZeroWidth, LineIndex, withoutZeroWidth, normalizeLabel, ZERO_WIDTH_CHARS, type Span } from '../text';
import type { FormatId } from '../types';
import { readProse, textOddities } from './prose';
import { findSections, findTitle } from './sections';
import { readActiveTables, readRequestsTable, readReviewsTable } from './tables';
import { isSpace } from './tokens';
import { findZones } from './zones';

export interface ParseOptions {
  format?: 'auto' | FormatId;
}

/** The report year, from the title, else from the statistical period or a dated heading. */
function findYear(text: string, titleYear: number | null): number | null {
  if (titleYear !== null) return titleYear;
  const start = withoutZeroWidth(asciiDigits(text.slice(0, 20000)));
  const period = /自\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(start);
  if (period) return Number(period[1]);
  const named = /((?:19|20)\d{2})\s*年度?[^。\n]{0,20}?政府信息公开(?:工作)?年度报告/.exec(start.slice(0, 5000));
  return named ? Number(named[1]) : null;
}

// The old (2007) 条例's reports: an overview section and a statistics table with 指标名称 / 计量单位.
const LEGACY_MARKERS = /政府信息公开情况统计表|指标名称\s*计量单位|一、概述/;

// What a PDF or a printed web page carries between the lines of each page, read as blank:
// - page numbers in the two forms official documents print them: "- 3 -" (any dash, as 公文 are
//   numbered) and "第 3 页" (with or without "共 9 页"). A bare "3" is left alone: in a table of one cell
//   per line it is a value;
// - a browser's print header and footer: the date and time, then the page's title; the page's address,
//   alone or with the page counter "3/9"; the counter alone.
const PAGE_NUMBER = /^[ \t\u3000]{0,4}(?:[-—–－―]{1,2}[ \t\u3000]{0,2}\d{1,4}[ \t\u3000]{0,2}[-—–－―]{1,2}|第[ \t\u3000]{0,2}\d{1,4}[ \t\u3000]{0,2}页(?:[ \t\u3000]{0,2}[,，、/／]?[ \t\u3000]{0,2}共[ \t\u3000]{0,2}\d{1,4}[ \t\u3000]{0,2}页)?)[ \t\u3000]{0,4}$/;
const PAGE_COUNTER = /^[ \t\u3000]{0,4}\d{1,3}[ \t\u3000]{0,2}\/[ \t\u3000]{0,2}\d{1,3}[ \t\u3000]{0,4}$/;
const PAGE_ADDRESS = /^[ \t\u3000]{0,4}(?:https?:\/\/|www\.)[^\s]{1,400}(?:[ \t\u3000]{1,8}\d{1,3}[ \t\u3000]{0,2}\/[ \t\u3000]{0,2}\d{1,3})?[ \t\u3000]{0,4}$/;
const PRINT_STAMP = /^[ \t\u3000]{0,4}\d{4}[/-]\d{1,2}[/-]\d{1,2}[ \t\u3000]{0,4}(?:上午|下午|AM|PM)?[ \t\u3000]{0,2}\d{1,2}:\d{2}(?::\d{2})?(?:[ \t\u3000]{0,2}(?:AM|PM))?(?:[ \t\u3000]|$)/;

function isPageFurniture(line: string): boolean {
  // Cheap first (this asks about every line): what each form can start with and must contain.
  let at = 0;
  for (;;) {
    const code = line.charCodeAt(at);
    // Zero-width characters (U+FEFF, see maskZeroWidth) lead as blanks do.
    if (!(code === 32 || code === 9 || code === 0x3000 || code === 0xfeff)) break;
    at++;
  }
  // Every form has three characters at least ("3/9", "-3-", "第3页"); a cell "0" is none of them.
  if (line.length - at < 3) return false;
  const first = line.charCodeAt(at);
  if (first >= 48 && first <= 57) {
    // A counter "3/9", or a stamp "2022/1/28 15:05" / "2022-01-28 15:05".
    if (!line.includes('/') && !line.includes(':')) return false;
  } else if (first === 0x7b2c /* 第 */) {
    if (!line.includes('页')) return false;
  } else if (!(first === 104 /* h */ || first === 119 /* w */ || first === 45 || first === 0x2014 || first === 0x2013 || first === 0xff0d || first === 0x2015)) {
    return false;
  }
  // The forms below know no zero-width characters.
  const text = line.includes('\ufeff') ? line.replace(/\ufeff/g, '') : line;
  if (text.length <= 24 && (PAGE_NUMBER.test(text) || PAGE_COUNTER.test(text))) return true;
  if (text.length <= 420 && PAGE_ADDRESS.test(text)) return true;
  // A print header names the page after its stamp; a sentence that starts with a date and time is prose.
  return text.length <= 160 && PRINT_STAMP.test(text) && !text.includes('。');
}

/**
 * Page numbers, print headers and footers read as blank (inside a table they would be taken for values
 * or rows); returns their lines, since running text goes on across them.
 */
function maskPageFurniture(lines: LineIndex): Set<number> {
  const pages = new Set<number>();
  for (const line of lines.lines) {
    if (line.text.length > 0 && isPageFurniture(line.text)) {
      line.text = '';
      pages.add(line.index);
    }
  }
  return pages;
}

/**
 * The title again further down, alone on its line, is a running header (a PDF's page header, a web page
 * printed with its title on every page): read as blank, like a page number, wherever it falls.
 */
function maskRunningHeaders(lines: LineIndex, titleSpan: Span, pageLines: Set<number>): void {
  const titleLine = lines.lineAt(titleSpan.start);
  // Cheap first: a running header repeats the title's words, which mostly appear only once.
  if (lines.text.indexOf(lines.text.slice(titleSpan.start, titleSpan.end), titleLine.end) < 0) return;
  const title = normalizeLabel(titleLine.text);
  for (let i = titleLine.index + 1; i < lines.lines.length; i++) {
    const line = lines.lines[i];
    const text = line.text;
    if (text.length === 0 || text.length > titleLine.text.length + 16 || !(text.includes('报告') || text.includes('年报'))) continue;
    if (normalizeLabel(text) === title) {
      line.text = '';
      pageLines.add(i);
    }
  }
}

/** Whether text[at] stands next to white space, a line's end or another zero-width character. */
function atBoundary(text: string, at: number): boolean {
  const blank = (code: number) => Number.isNaN(code) || isSpace(code) || isZeroWidth(code);
  return blank(text.charCodeAt(at - 1)) || blank(text.charCodeAt(at + 1));
}

/**
 * The reader sees a zero-width character (isZeroWidth: web pages carry them) at the edge of a cell or a
 * line as U+FEFF, as invisible and white space to every pattern and trim: a cell "0\u200b" is the
 * number 0, a line "\u200b一、总体情况" a heading. One inside a word stays (labels are compared without
 * it; classifyCell drops it from numbers): read as a space it would split the word. One character for
 * one, so offsets do not move; report.text keeps the original.
 */
function maskZeroWidth(lines: LineIndex): void {
  for (const line of lines.lines) {
    line.text = line.text.replace(ZERO_WIDTH_CHARS, (char: string, at: number, text: string) => (atBoundary(text, at) ? '\ufeff' : char));
  }
}

export function parse(text: string, options: ParseOptions = {}): Report {
  const lines = new LineIndex(text);
  // HTML comments (govreport-disable … and any other) are neither prose nor cells: the reader sees
  // their lines as blank. report.text keeps them, so offsets and fixes are unchanged.
  maskComments(lines);
  // Whether the text has zero-width characters or full-width digits at all (most have neither): asked
  // once, here.
  const oddities = textOddities(text);
  if (oddities.zeroWidth) maskZeroWidth(lines);
  const pageLines = maskPageFurniture(lines);
  const sections = findSections(lines);
  const title = findTitle(lines, sections.length > 0 ? sections[0].line : -1);
  if (title) maskRunningHeaders(lines, title.span, pageLines);
  const year = findYear(text, title?.year ?? null);
  const forced = options.format && options.format !== 'auto' ? options.format : null;
  const expectedFormat = forced ?? (year !== null ? formatForYear(year) : null);
  const headingLines = new Set(sections.map((section) => section.line));
  const zones = findZones(lines, headingLines);
  const fallback: FormatId = expectedFormat ?? '2021';
  const context = { fallback };

  const tables: Table[] = [...readActiveTables(zones, context)];
  for (const zone of zones) {
    if (zone.kind === 3) tables.push(readRequestsTable(zone, context));
    else if (zone.kind === 4) tables.push(readReviewsTable(zone, context));
  }
  tables.sort((a, b) => a.span.start - b.span.start);

  const hasRequests = tables.some((table) => table.section === 3);
  const early = year !== null && year < 2019;
  // The markers are looked for only where they decide something: whether a report of 2019 or later
  // without a table 三 is a legacy one, or where a pre-2019 report without a title is marked. (Most
  // reports have a table 三, and the pattern would read the whole text.)
  const legacyMatch = forced || (early ? title !== null : hasRequests) ? null : LEGACY_MARKERS.exec(text);
  const legacy = !forced && (early || (legacyMatch !== null && !hasRequests));
  let legacySpan: Span | null = null;
  if (legacy) {
    legacySpan = title?.span ?? (legacyMatch ? { start: legacyMatch.index, end: legacyMatch.index + legacyMatch[0].length } : { start: 0, end: 0 });
  }

  const tableFormats = tables.map((table) => table.format).filter((format): format is FormatId => format !== null);
  const votes2021 = tableFormats.filter((format) => format === '2021').length;
  const votes2019 = tableFormats.length - votes2021;
  const format: FormatId | null =
    votes2021 > votes2019 ? '2021' : votes2019 > votes2021 ? '2019' : (expectedFormat ?? (tables.length > 0 ? fallback : null));

  // A mention of a table label in some other text is not a table: a report has a title, its section
  // headings, or at least one table row with values.
  const hasValues = tables.some((table) => table.rows.some((row) => row.def !== null && row.slots.length > 0));
  const isReport = title !== null || sections.length >= 2 || hasValues;
  return {
    text,
    lines,
    isReport,
    title: title ? { span: title.span, agency: title.agency } : null,
    year,
    legacy,
    legacySpan,
    sections,
    tables,
    // Only a report's text is read further (the rules see nothing else).
    paragraphs: isReport ? readProse(lines, sections, tables, pageLines, oddities) : [],
    expectedFormat,
    format,
  };
}
