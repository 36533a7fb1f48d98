// Offsets, lines and label normalisation. The service works on UTF-16 offsets into the original text
// (JavaScript string indices), which are exactly LSP's character units, so converting to a position
// is a binary search over line starts and never re-reads the text.
import { memoize } from './memo';
import type { Position, Range } from './types';

export interface Span {
  start: number;
  end: number;
}

export interface Line {
  /** 0-based line number. */
  index: number;
  start: number;
  /** End of the content, before the line break. */
  end: number;
  text: string;
}

export class LineIndex {
  readonly lines: Line[] = [];

  constructor(readonly text: string) {
    let start = 0;
    const length = text.length;
    if (text.indexOf('\r') < 0) {
      // Most texts have \n only: indexOf finds each break natively, a third faster than testing every
      // character here.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        this.lines.push({ index: this.lines.length, start, end: i, text: text.slice(start, i) });
        start = i + 1;
      }
      this.lines.push({ index: this.lines.length, start, end: length, text: text.slice(start, length) });
      return;
    }
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 || code === 13) {
        this.lines.push({ index: this.lines.length, start, end: i, text: text.slice(start, i) });
        if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.lines.push({ index: this.lines.length, start, end: length, text: text.slice(start, length) });
  }

  /** The line of the last lookup: findings and cells are converted in document order, mostly. */
  private recent = 0;

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const lines = this.lines;
    let low: number;
    const recent = this.recent;
    if (lines[recent].start <= clamped && (recent + 1 === lines.length || lines[recent + 1].start > clamped)) {
      low = recent;
    } else if (recent + 1 < lines.length && lines[recent + 1].start <= clamped && (recent + 2 === lines.length || lines[recent + 2].start > clamped)) {
      low = recent + 1;
    } else {
      low = 0;
      let high = lines.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (lines[mid].start <= clamped) low = mid;
        else high = mid - 1;
      }
    }
    this.recent = low;
    const line = lines[low];
    // An offset inside a CRLF pair belongs to the end of the line.
    return { line: low, character: Math.min(clamped, line.end) - line.start };
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  lineAt(offset: number): Line {
    return this.lines[this.position(offset).line];
  }
}

/**
 * Zero-width characters other than U+FEFF (U+200B–U+200D, U+2060): invisible, and unlike U+FEFF not
 * white space to JavaScript's \s and trim(). Web pages carry them around and inside cells and words.
 */
export function isZeroWidth(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060;
}

/**
 * Whether a text has a zero-width character (isZeroWidth) anywhere: four native searches cost half of
 * one pass of a pattern, and most texts have none.
 */
export function hasZeroWidth(text: string): boolean {
  return text.indexOf('\u200b') >= 0 || text.indexOf('\u200c') >= 0 || text.indexOf('\u200d') >= 0 || text.indexOf('\u2060') >= 0;
}

/** Every zero-width character of isZeroWidth, for replace(). */
export const ZERO_WIDTH_CHARS = /[\u200b-\u200d\u2060]/g;

/**
 * The text without its zero-width characters, so a year or a number with one inside ("20\u200b21年")
 * reads whole. Offsets in the result do not hold in the text when there were any.
 */
export function withoutZeroWidth(text: string): string {
  return hasZeroWidth(text) ? text.replace(ZERO_WIDTH_CHARS, '') : text;
}

/**
 * Where `text` has its `kept`-th character, zero-width ones not counted: an offset into
 * withoutZeroWidth(text) as an offset into `text`.
 */
export function offsetWithZeroWidth(text: string, kept: number): number {
  let at = 0;
  for (let seen = 0; at < text.length && seen < kept; at++) if (!isZeroWidth(text.charCodeAt(at))) seen++;
  return at;
}

const FULL_WIDTH_DIGIT = /[０-９]/;
const FULL_WIDTH_DIGITS = /[０-９]/g;

/**
 * The text with full-width digits ("２０２１年", as a Chinese input method in full-width mode types
 * them) as ASCII digits, one character for one: offsets and lengths found in it hold in the text.
 */
/** Whether a text has a full-width digit anywhere (asciiDigits would change it). */
export function hasFullWidthDigits(text: string): boolean {
  return FULL_WIDTH_DIGIT.test(text);
}

export function asciiDigits(text: string): string {
  if (!FULL_WIDTH_DIGIT.test(text)) return text;
  return text.replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

const QUOTES = /["'“”‘’「」『』〝〞]/g;
const SPACES = /[\s\u3000\u200b-\u200d\u2060\ufeff*#_`]/g;

/**
 * The comparable form of a label: NFKC (full-width digits, letters and brackets become ASCII),
 * without white space, quotes, markdown emphasis or a colon at the end ("三、本年度办理结果："), and
 * with 、． after a list number as ".".
 * Memoised: labels recur in every table, every report and every version of a document.
 */
export const normalizeLabel: (text: string) => string = memoize((text: string): string =>
  withoutTrailingColons(text.normalize('NFKC').replace(SPACES, '').replace(QUOTES, '').replace(/[［【]/g, '(').replace(/[］】]/g, ')')),
);

function withoutTrailingColons(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 58 /* : */) end--;
  // A cell of nothing but colons stays what it is.
  return end === text.length || end === 0 ? text : text.slice(0, end);
}

/**
 * Splits a label into its numbering ("一、", "(三)", "1.") and its text, both normalised. Memoised;
 * the result is shared between callers and must not be modified.
 */
export const splitNumbering: (normalized: string) => { numbering: string; text: string } = memoize(splitNumberingOnce);

/** A label's comparable text without its numbering: what two writings of one label share. */
export function bareLabel(text: string): string {
  return splitNumbering(normalizeLabel(text)).text;
}

function splitNumberingOnce(normalized: string): { numbering: string; text: string } {
  let match = /^([一二三四五六七八九十]+)[、.,:]/.exec(normalized);
  if (match) return { numbering: `${match[1]}、`, text: normalized.slice(match[0].length) };
  match = /^\(([一二三四五六七八九十]+)\)/.exec(normalized);
  if (match) return { numbering: `(${match[1]})`, text: normalized.slice(match[0].length) };
  // "(1)" "1)" (（1） after NFKC), as some reports number the rows under a group.
  match = /^\(?(\d{1,2})\)/.exec(normalized);
  if (match) return { numbering: `${match[1]}.`, text: normalized.slice(match[0].length) };
  // "1." "1、" "1:" — or a bare "1" directly followed by a Chinese character ("1属于国家秘密").
  match = /^(\d{1,2})(?:[.、,:](?!\d)|(?=[\u4e00-\u9fff]))/.exec(normalized);
  if (match) return { numbering: `${match[1]}.`, text: normalized.slice(match[0].length) };
  return { numbering: '', text: normalized };
}

/**
 * Similarity of two strings in [0, 1]: twice the longest common subsequence over the total length.
 * Labels are short (under 40 characters), so the quadratic table is cheap.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length > 200 || b.length > 200) return 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
  }
  return (2 * previous[b.length]) / (a.length + b.length);
}
