// The running text of a report, line by line, with the dates, figures, enumeration markers and document
// numbers found in it. Built once per parse, after the tables, so the text rules share one reading of
// the prose instead of each scanning the document: every line is looked at once, and each prose line is
// scanned once.
import type { Paragraph, ProseCitation, ProseDate, ProseFigure, ProseMarker, Section, Table } from '../model';
import { asciiDigits, hasFullWidthDigits, hasZeroWidth, isZeroWidth, type LineIndex, type Span } from '../text';
import { isSpace } from './tokens';

// One pattern reads every kind of statement. Groups:
//  1-4   a year, optionally with month and day: 2021年 · 2021年度 · 2021年12月31日 · 二〇二二年一月二十日
//  5-6   a month and day without a year: 12月31日
//  7-8   a document number: 〔2019〕60号
//  9-10  a number in digits with a measure word for things counted: 21件 · 1,234条 · 3次
//  11-12 the same in Chinese numerals: 二十三件
//  13    一是 / 二是 …
//  14    （一） / (二) …
// It is sticky and tried only where a statement can begin (a digit, a Chinese numeral, an opening
// bracket: a few percent of the characters), so most of the text costs one table lookup. Every
// repetition is bounded and a number is read only from the start of its run (the lookbehinds), so an
// attempt costs a constant and the scan is linear in the line.
const SCAN =
  /(?<!\d)((?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})\s{0,2}年(度)?(?:\s{0,2}(\d{1,2}|[一二三四五六七八九十]{1,3})\s{0,2}月(?:\s{0,2}(\d{1,2}|[一二三四五六七八九十]{1,3})\s{0,2}[日号])?)?|(?<!\d)(\d{1,2})\s{0,2}月\s{0,2}(\d{1,2})\s{0,2}日|[〔［[【（(]\s{0,2}((?:19|20)\d{2})\s{0,2}[〕］\]】）)]\s{0,2}(\d{1,4})\s{0,2}号|(?<![\d.,，])(\d{1,3}(?:[,，]\d{3}){1,4}|\d{1,12}(?:\.\d{1,8})?)\s{0,2}(件|起|宗|条|项|次|个|份)|(?<![〇零一二两三四五六七八九十百千万])([〇零一二两三四五六七八九十百千万]{1,8})\s{0,2}(件|起|宗|条|项|次|个|份)|([一二三四五六七八九十]{1,3})是|[（(]([一二三四五六七八九十]{1,3})[）)]/y;

/** The characters a statement can begin with, by UTF-16 code. */
const STARTS: Uint8Array = (() => {
  const starts = new Uint8Array(0x10000);
  for (const char of '0123456789〇零一二两三四五六七八九十百千万〔［[【（(') starts[char.charCodeAt(0)] = 1;
  return starts;
})();

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * The value of a Chinese numeral written as words ("二十三" 23, "一百零五" 105, "十" 10, "两万" 20000);
 * NaN for runs that are not one number ("二三" is "two or three").
 */
export function chineseNumber(text: string): number {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const char of text) {
    const d = CN_DIGITS[char];
    if (d !== undefined) {
      // Two digits in a row only after a zero ("一百零五"); otherwise it is a range or a digit string.
      if (digit > 0) return NaN;
      digit = d;
      continue;
    }
    const unit = CN_UNITS[char];
    if (unit !== undefined) {
      section += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else if (char === '万') {
      total += (section + Math.max(digit, 0)) * 10000;
      section = 0;
      digit = -1;
    } else return NaN;
  }
  return total + section + Math.max(digit, 0);
}

/** A number written with Arabic digits or as Chinese words. */
function numberValue(text: string): number {
  const code = text.charCodeAt(0);
  if (code >= 48 && code <= 57) return Number(text.replace(/[,，]/g, ''));
  return chineseNumber(text);
}

/** A year written digit by digit: "2021", "二〇二一". */
function yearValue(text: string): number {
  const code = text.charCodeAt(0);
  if (code >= 48 && code <= 57) return Number(text);
  let value = 0;
  for (const char of text) value = value * 10 + (CN_DIGITS[char] ?? NaN);
  return value;
}

function smallNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = numberValue(text);
  return Number.isFinite(value) ? value : null;
}

/** A character that can end a word: an enumeration marker right after one ("统一是") is no marker. */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
  );
}

/** Length of the lead to drop: blanks and markdown marks (#, >, -, *, +, **) before the text. */
function leadLength(text: string): number {
  let i = 0;
  for (;;) {
    const start = i;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const code = text.charCodeAt(i);
    if (code === 35 /* # */ || code === 62 /* > */) {
      while (text.charCodeAt(i) === code) i++;
    } else if ((code === 45 /* - */ || code === 43 /* + */ || code === 42 /* * */) && isSpace(text.charCodeAt(i + 1))) {
      i++;
    } else if (code === 42 && text.charCodeAt(i + 1) === 42) {
      i += 2;
    }
    if (i === start) return i;
  }
}

function trailLength(text: string, lead: number): number {
  let end = text.length;
  while (end > lead && isSpace(text.charCodeAt(end - 1))) end--;
  while (end > lead + 1 && text.charCodeAt(end - 1) === 42 && text.charCodeAt(end - 2) === 42) {
    end -= 2;
    while (end > lead && isSpace(text.charCodeAt(end - 1))) end--;
  }
  return end;
}

/**
 * The text the scan reads, and where each of its characters is in the paragraph's text. Full-width
 * digits read as ASCII ones, one for one. Zero-width characters inside a word (web pages carry them:
 * "20\u200b21年", "〔2019〕6\u200b0号") are left out, so the statement around them reads whole; `at`
 * then maps each character back (null when nothing was left out, as in nearly every text).
 */
function scanText(written: string, oddities: TextOddities): { text: string; at: Int32Array | null } {
  const text = oddities.fullWidthDigits ? asciiDigits(written) : written;
  if (!oddities.zeroWidth || !hasZeroWidth(text)) return { text, at: null };
  const at = new Int32Array(text.length + 1);
  let kept = '';
  for (let i = 0; i < text.length; i++) {
    if (isZeroWidth(text.charCodeAt(i))) continue;
    at[kept.length] = i;
    kept += text[i];
  }
  at[kept.length] = text.length;
  return { text: kept, at };
}

/** What a report's text holds that the scan reads past; parse asks once for the whole text. */
export interface TextOddities {
  /** Zero-width characters (isZeroWidth) anywhere. */
  zeroWidth: boolean;
  /** Full-width digits ("２０２１年") anywhere. */
  fullWidthDigits: boolean;
}

export function textOddities(text: string): TextOddities {
  return { zeroWidth: hasZeroWidth(text), fullWidthDigits: hasFullWidthDigits(text) };
}

/** Reads the statements of a paragraph. */
function scan(paragraph: Paragraph, oddities: TextOddities): void {
  const { text, at: written } = scanText(paragraph.text, oddities);
  const base = paragraph.span.start;
  for (let at = 0; at < text.length; at++) {
    if (STARTS[text.charCodeAt(at)] === 0) continue;
    SCAN.lastIndex = at;
    const match = SCAN.exec(text);
    if (match === null) continue;
    // Go on after the statement (the loop's at++ steps onto its next character).
    const next = at + match[0].length - 1;
    // Where the statement is written: from its first character to just after its last.
    const start = written === null ? at : written[at];
    const end = written === null ? at + match[0].length : written[next] + 1;
    const span = { start: base + start, end: base + end };
    // As written (full-width digits and zero-width characters included).
    const raw = text === paragraph.text ? match[0] : paragraph.text.slice(start, end);
    if (match[1] !== undefined) {
      const date: ProseDate = {
        span,
        year: yearValue(match[1]),
        month: smallNumber(match[3]),
        day: smallNumber(match[4]),
        yearly: match[2] !== undefined,
      };
      paragraph.dates.push(date);
    } else if (match[5] !== undefined) {
      paragraph.dates.push({ span, year: null, month: Number(match[5]), day: Number(match[6]), yearly: false });
    } else if (match[7] !== undefined) {
      const citation: ProseCitation = { span, year: Number(match[7]), number: Number(match[8]), raw, before: text.slice(Math.max(0, at - 4), at) };
      paragraph.citations.push(citation);
    } else if (match[9] !== undefined || match[11] !== undefined) {
      const digits = match[9] ?? match[11];
      const value = numberValue(digits);
      if (Number.isFinite(value)) {
        const figure: ProseFigure = { span, value, unit: match[10] ?? match[12], raw };
        paragraph.figures.push(figure);
      }
    } else {
      const shi = match[13] !== undefined;
      const value = chineseNumber(shi ? match[13] : match[14]);
      // "统一是…": a marker follows punctuation, a blank or the start, never a word.
      // (The next character is tried again: "统一是三是" would otherwise hide the real marker.)
      if (shi && at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
      if (Number.isFinite(value) && value !== 0) {
        const marker: ProseMarker = { span, kind: shi ? 'shi' : 'paren', value, raw, atStart: at === 0 };
        paragraph.markers.push(marker);
      }
    }
    at = next;
  }
}

/** How a line of running text ends when its sentence (or its heading) is complete. */
const LINE_CLOSED = /[。！？；：!?;:…”’」』）)】]$/;

/**
 * Whether a line of running text ends its sentence. One that does not, followed directly by another
 * line of text, was wrapped by hand or by a PDF: the sentence runs on into the next line.
 */
export function endsSentence(text: string): boolean {
  return LINE_CLOSED.test(text);
}

/** Enough of each side of a line break to hold any statement the scan reads (the longest is under 25). */
const JUNCTION = 32;

/**
 * The statements of `found` (read in a junction of two lines) that run over the line break, placed by
 * `place`, go to `before` (the line they start in) in place of what either side read of them alone
 * ("2021年" / "12月31日" for "2021年12月31日"). Returns the new lists.
 */
function joinAcross<T extends { span: Span }>(found: T[], before: T[], after: T[], place: (item: T) => T | null): [T[], T[]] {
  for (const item of found) {
    const placed = place(item);
    if (placed === null) continue;
    before = before.filter((other) => other.span.end <= placed.span.start);
    after = after.filter((other) => other.span.start >= placed.span.end);
    before.push(placed);
  }
  return [before, after];
}

/** Whether the lines strictly between `from` and `to` are all page numbers (there are usually none). */
function onlyPagesBetween(from: number, to: number, pageLines: ReadonlySet<number>): boolean {
  for (let line = from + 1; line < to; line++) if (!pageLines.has(line)) return false;
  return true;
}

/**
 * Statements split by a hard line break, as in text pasted from a PDF ("〔2019〕" / "60号", "……。二" /
 * "是……", "2021年" / "12月31日"): where a line does not end its sentence and the next line of the same
 * section follows directly, the end of the one and the start of the other are read together, and a
 * statement running over the break is kept with the line it starts in, its span crossing the break.
 */
function readAcrossBreaks(paragraphs: Paragraph[], oddities: TextOddities): void {
  for (let i = 0; i + 1 < paragraphs.length; i++) {
    const line = paragraphs[i];
    const next = paragraphs[i + 1];
    if (!next.runsOn) continue;
    const tailStart = Math.max(0, line.text.length - JUNCTION);
    const tail = line.text.length - tailStart;
    const junction: Paragraph = {
      section: line.section,
      text: line.text.slice(tailStart) + next.text.slice(0, JUNCTION),
      span: { start: 0, end: 0 },
      line: line.line,
      runsOn: false,
      dates: [],
      figures: [],
      markers: [],
      citations: [],
    };
    scan(junction, oddities);
    const spanOf = (span: Span): Span | null =>
      span.start < tail && span.end > tail ? { start: line.span.start + tailStart + span.start, end: next.span.start + span.end - tail } : null;
    const place = <T extends { span: Span }>(item: T): T | null => {
      const span = spanOf(item.span);
      return span === null ? null : { ...item, span };
    };
    [line.dates, next.dates] = joinAcross(junction.dates, line.dates, next.dates, place);
    [line.figures, next.figures] = joinAcross(junction.figures, line.figures, next.figures, place);
    [line.citations, next.citations] = joinAcross(junction.citations, line.citations, next.citations, place);
    [line.markers, next.markers] = joinAcross(junction.markers, line.markers, next.markers, (marker) => {
      const placed = place(marker);
      // At the start of its paragraph only when the line holds nothing before it.
      return placed === null ? null : { ...placed, atStart: placed.span.start === line.span.start };
    });
  }
  // A citation near the start of a line that continues the line before has its issuer's name there
  // ("国办公" / "开办函〔2019〕60号"): its `before` is read across the break(s).
  for (let i = 1; i < paragraphs.length; i++) {
    for (const citation of paragraphs[i].citations) {
      const at = citation.span.start - paragraphs[i].span.start;
      if (at >= 4) continue;
      let before = paragraphs[i].text.slice(0, at);
      for (let k = i; k > 0 && before.length < 4 && paragraphs[k].runsOn; k--) before = paragraphs[k - 1].text + before;
      citation.before = before.slice(-4);
    }
  }
}

/**
 * The prose lines of the report: every line with text that is not a section heading, not a table line
 * and not a stray cell line (tabs or a markdown pipe row outside a recognised table). Sections and
 * tables come in document order.
 */
export function readProse(
  lines: LineIndex,
  sections: Section[],
  tables: Table[],
  pageLines: ReadonlySet<number> = new Set(),
  oddities: TextOddities = textOddities(lines.text),
): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const spans = tables.map((table) => table.span).sort((a, b) => a.start - b.start);
  let nextTable = 0;
  let nextSection = 0;
  let section: Section | null = null;
  for (const line of lines.lines) {
    while (nextSection < sections.length && sections[nextSection].line <= line.index) section = sections[nextSection++];
    if (section !== null && section.line === line.index) continue;
    // A table's lines are cells: a table ends at the first line of running text (reader/zones.ts), so
    // no prose line lies inside a table's span.
    while (nextTable < spans.length && spans[nextTable].end <= line.start) nextTable++;
    if (nextTable < spans.length && spans[nextTable].start < line.end) continue;
    const raw = line.text;
    const lead = leadLength(raw);
    if (lead === raw.length || raw.charCodeAt(lead) === 124 /* | */) continue;
    const end = trailLength(raw, lead);
    // Stray cells of a table the reader did not recognise: a tab inside a line that is not a sentence.
    const tab = raw.indexOf('\t', lead);
    if (tab >= 0 && tab < end && raw.indexOf('。', lead) < 0) continue;
    const text = raw.slice(lead, end);
    const previous = paragraphs.length > 0 ? paragraphs[paragraphs.length - 1] : null;
    const paragraph: Paragraph = {
      section,
      text,
      span: { start: line.start + lead, end: line.start + end },
      line: line.index,
      runsOn: previous !== null && previous.section === section && !endsSentence(previous.text) && onlyPagesBetween(previous.line, line.index, pageLines),
      dates: [],
      figures: [],
      markers: [],
      citations: [],
    };
    scan(paragraph, oddities);
    paragraphs.push(paragraph);
  }
  readAcrossBreaks(paragraphs, oddities);
  return paragraphs;
}
