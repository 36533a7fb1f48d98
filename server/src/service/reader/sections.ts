// Finds the six section headings and the report title. A heading is recognised by its title, in the
// short or the long template wording, behind any markdown markers and any numeral style; the numeral
// only decides whether the heading is written correctly.
import type { Section } from '../model';
import { templates } from '../templates';
import type { SectionDef } from '../templates';
import { memoize } from '../memo';
import { isSpace } from './tokens';
import { asciiDigits, normalizeLabel, offsetWithZeroWidth, similarity, withoutZeroWidth, type LineIndex, type Span } from '../text';

const sectionDefs: SectionDef[] = templates['2021'].sections;

interface TitleForm {
  def: SectionDef;
  norm: string;
}
const titleForms: TitleForm[] = sectionDefs.flatMap((def) =>
  [...new Set([def.short, def.long])].map((title) => ({ def, norm: normalizeLabel(title) })),
);

/** How close a heading's title must be to a template title to count as that section. */
const HEADING_SIMILARITY = 0.8;

// Heading line: optional markdown #/bold, a numeral (Chinese or Arabic), a separator, the title.
const HEADING = /^(\s*(?:#{1,6}\s*)?(?:\*\*\s*)?)([一二三四五六七八九十]{1,2}|\d{1,2})(\s*[、.．,，:：]\s*|\s+)(\S.*?)(\s*(?:\*\*\s*)?)$/;

/**
 * Whether a line can be a heading at all: after white space and markdown markers (all HEADING's lead
 * can hold) comes a numeral. Most lines fail this at their first characters, before any regex runs.
 */
function mayBeHeading(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 35 /* # */ || code === 42 /* * */ || isSpace(code)) continue;
    return (code >= 48 && code <= 57) || NUMERALS.includes(text[i]);
  }
  return false;
}
const NUMERALS = '一二三四五六七八九十';

/** The template title a heading's title stands for, if any; each distinct title is compared once. */
const matchTitle = memoize((title: string): { def: SectionDef; exact: boolean } | null => {
  const titleNorm = normalizeLabel(title).replace(/[:：。.]$/, '');
  let best: TitleForm | null = null;
  let bestScore = 0;
  for (const form of titleForms) {
    const score = similarity(titleNorm, form.norm);
    if (score > bestScore) {
      best = form;
      bestScore = score;
    }
  }
  if (!best || bestScore < HEADING_SIMILARITY) return null;
  const def = best.def;
  return { def, exact: titleForms.some((form) => form.def === def && form.norm === titleNorm) };
}, 2048);

/** Whether a line is a section heading findSections would find (for splitting a document into reports). */
export function isHeadingLine(text: string): boolean {
  if (text.length === 0 || text.length > 80 || text.includes('\t') || !mayBeHeading(text)) return false;
  const match = HEADING.exec(text);
  return match !== null && matchTitle(match[4]) !== null;
}

export function findSections(lines: LineIndex): Section[] {
  const found: Section[] = [];
  for (const line of lines.lines) {
    const text = line.text;
    if (text.length === 0 || text.length > 80 || text.includes('\t') || !mayBeHeading(text)) continue;
    const match = HEADING.exec(text);
    if (!match) continue;
    const [, lead, numeral, separator, title] = match;
    const matched = matchTitle(title);
    if (!matched) continue;
    const numeralStart = line.start + lead.length;
    const titleStart = numeralStart + numeral.length + separator.length;
    const titleEnd = titleStart + title.length;
    found.push({
      def: matched.def,
      headingSpan: { start: numeralStart, end: titleEnd },
      numeralSpan: { start: numeralStart, end: numeralStart + numeral.length },
      titleSpan: { start: titleStart, end: titleEnd },
      numeral,
      title,
      titleExact: matched.exact,
      numeralExact: numeral === matched.def.numeral,
      span: { start: line.start, end: lines.text.length },
      line: line.index,
    });
  }
  for (let i = 0; i < found.length - 1; i++) {
    found[i].span = { start: found[i].span.start, end: lines.lines[found[i + 1].line].start };
  }
  return found;
}

/** The title: the first line before section 一 that names the report; agency and year from it. */
export function findTitle(
  lines: LineIndex,
  firstHeadingLine: number,
): { span: Span; agency: string | null; year: number | null } | null {
  const limit = Math.min(firstHeadingLine < 0 ? lines.lines.length : firstHeadingLine, 12);
  for (let i = 0; i < limit; i++) {
    const line = lines.lines[i];
    if (line.text.length > 120) continue;
    // "２０２１年" reads as 2021 (full-width digits, one for one), "20\u200b21年" too (zero-width
    // characters left out).
    const text = withoutZeroWidth(asciiDigits(line.text));
    const match = TITLE.exec(text);
    if (!match) continue;
    const [, lead, agency] = match;
    const leadLength = text === line.text ? lead.length : offsetWithZeroWidth(line.text, lead.length);
    const body = line.text.slice(leadLength).replace(/\s*(?:\*\*\s*)?$/, '');
    const start = line.start + leadLength;
    return { span: { start, end: start + body.length }, agency: agency.trim() || agencyAbove(lines, i), year: Number(match[3]) };
  }
  return null;
}

// An agency's name on a line of its own: Chinese, brackets and the middle dot, as a title's first line
// is set ("樟树市鹿江街道" over "2021年政府信息公开工作年度报告"); a web page's breadcrumb or date line is not.
const AGENCY_LINE = /^[\u4e00-\u9fff（）()·]{2,40}$/;

/** A line without the blanks and markdown marks (# and *) around it. */
function withoutMarks(text: string): string {
  const mark = (code: number) => code === 35 || code === 42 || isSpace(code);
  let start = 0;
  let end = text.length;
  while (start < end && mark(text.charCodeAt(start))) start++;
  while (end > start && mark(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * The agency of a title set over two lines, the name above the year ("樟树市鹿江街道" /
 * "2021年政府信息公开工作年度报告"): the nearest line with text above the title, if it is only a name.
 */
function agencyAbove(lines: LineIndex, titleLine: number): string | null {
  for (let i = titleLine - 1; i >= 0 && i >= titleLine - 2; i--) {
    const text = withoutMarks(lines.lines[i].text);
    if (text.length === 0) continue;
    return AGENCY_LINE.test(text) ? text : null;
  }
  return null;
}

// A line naming the report: optional markdown lead, the agency, the year, 政府信息公开…年度报告.
const TITLE = /^(\s*(?:#{1,6}\s*)?(?:\*\*\s*)?)(.*?)((?:19|20)\d{2})\s*年度?\s*(?:政府信息公开|政务公开|信息公开)[^\n]{0,12}?(?:工作)?(?:年度)?(?:报告|年报)/;
/** What may not stand in a title's agency part: sentence punctuation, quotation and book-title marks. */
const NOT_AGENCY = /[。，,；;：:！!？?、《》〈〉“”"「」]/;

/**
 * Whether a line is a report title standing on its own (where a document of many reports starts the
 * next one): the title form findTitle reads, short, and nothing after 报告 but markdown marks — a
 * sentence that names some report ("根据《…2021年政府信息公开工作年度报告》，…") is not one.
 */
export function isTitleLine(line: string): boolean {
  if (line.length > 80 || !(line.includes('报告') || line.includes('年报'))) return false;
  const text = withoutZeroWidth(asciiDigits(line));
  const match = TITLE.exec(text);
  if (!match) return false;
  if (NOT_AGENCY.test(match[2])) return false;
  return /^[\s*#]*$/.test(text.slice(match[0].length));
}
