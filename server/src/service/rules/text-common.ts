// Reading the running text the way the text rules need it. Everything here reads report.paragraphs
// (built once by reader/prose.ts); a rule looks at no more than the paragraph it is judging.
import type { Paragraph, ProseDate, Report } from '../model';
import type { Span } from '../text';

/** Text rules speak on reports in one of the two formats (a legacy report gets legacy-format alone). */
export function checksText(report: Report): boolean {
  return report.isReport && !report.legacy;
}

/**
 * Whether the report falls under the 2021 format (〔2021〕30号): a 2021-or-later year, or, with no year
 * to go by, tables in the 2021 format.
 */
export function under2021Format(report: Report): boolean {
  if (report.year !== null) return report.year >= 2021;
  return report.format === '2021';
}

/** The paragraphs under the headings of one section (all of them when the heading repeats). */
export function paragraphsOf(report: Report, index: number): Paragraph[] {
  return report.paragraphs.filter((paragraph) => paragraph.section?.def.index === index);
}

/**
 * The texts of `paragraphs` with hard-wrapped lines joined: text pasted from a PDF, or typed with line
 * breaks, splits a sentence over lines ("本年度未收取信息处" / "理费。"). A line that does not end a
 * sentence runs on into the paragraph on the very next line of the same section.
 */
export function runningTexts(paragraphs: readonly Paragraph[]): string[] {
  // `paragraphs` is report.paragraphs or one section's (runsOn never crosses a section).
  const texts: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.runsOn && texts.length > 0) texts[texts.length - 1] += paragraph.text;
    else texts.push(paragraph.text);
  }
  return texts;
}

/** The part of a paragraph's text a span covers (the span lies inside the paragraph). */
export function textOf(paragraph: Paragraph, span: Span): string {
  return paragraph.text.slice(span.start - paragraph.span.start, span.end - paragraph.span.start);
}

/** Index in `paragraph.text` of a document offset inside it. */
export function indexIn(paragraph: Paragraph, offset: number): number {
  return offset - paragraph.span.start;
}

/** The paragraph holding the title line, if the title was recognised. */
export function titleParagraph(report: Report): Paragraph | null {
  const title = report.title;
  if (!title) return null;
  for (const paragraph of report.paragraphs) {
    if (paragraph.span.end <= title.span.start) continue;
    return paragraph.span.start < title.span.end ? paragraph : null;
  }
  return null;
}

/** The year written in the title ("2021年" of "…2021年政府信息公开工作年度报告"). */
export function titleYear(report: Report): { paragraph: Paragraph; date: ProseDate } | null {
  const paragraph = titleParagraph(report);
  if (!paragraph) return null;
  const date = paragraph.dates.find((candidate) => candidate.year !== null && candidate.month === null);
  return date ? { paragraph, date } : null;
}

// Clause and sentence delimiters of Chinese running text (and their ASCII forms), as character tests:
// the rules call these on every character of the sentences they read.

/** 。；;！!？? */
export function isSentenceBreak(char: string | undefined): boolean {
  switch (char) {
    case '。':
    case '；':
    case ';':
    case '！':
    case '!':
    case '？':
    case '?':
      return true;
    default:
      return false;
  }
}

/** A sentence break, or ，,：: */
export function isClauseBreak(char: string | undefined): boolean {
  return char === '，' || char === ',' || char === '：' || char === ':' || isSentenceBreak(char);
}

/** "2021年1月20日" from a date's parts (as written numbers, not as the source spelled them). */
export function formatDate(year: number, month: number, day: number, en: boolean): string {
  return en ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : `${year}年${month}月${day}日`;
}
