// Splits the lines of a table area into cells (tokens) with exact spans, whatever the layout: tab-
// separated rows, one cell per line, markdown pipe tables, or cells separated by spaces. Later stages
// never look at layout again; they read labels and values from this stream.
//
// This runs on every line of every table on every keystroke, so it scans each line once with plain
// character tests instead of regular expressions, and classifies each distinct cell text once (memo).
import { memoize } from '../memo';
import type { Token } from '../model';
import { formatIds, templates } from '../templates';
import { bareLabel, normalizeLabel, splitNumbering, withoutZeroWidth, type Line } from '../text';
import type { TableLayout } from '../types';

const PLACEHOLDERS = new Set(['—', '–', '-', '--', '——', '―', '/', '／', '\\', '不适用', 'N/A', 'n/a', 'NA', '无', '空', '－', '一']);

// A number as written in a cell, after NFKC: sign, digits with optional thousands separators, decimals,
// an optional unit. Anchored on both ends and free of nested quantifiers, so it is linear.
const NUMBER = /^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|亿元|元|件|个|项|条|次|人次|%)?$/;

/**
 * Reads one cell's text as a number, a placeholder or text. Every result has the same properties
 * (absent ones undefined), so tokens built from it all share one shape.
 */
export interface Classified {
  kind: Token['kind'];
  value: number | undefined;
  unit: string | undefined;
  merged: true | undefined;
  norm: string;
}

const EMPTY: Classified = { kind: 'empty', value: undefined, unit: undefined, merged: undefined, norm: '' };

function classified(kind: Token['kind'], norm: string, value?: number, unit?: string, merged?: true): Classified {
  return { kind, value, unit, merged, norm };
}

export function classifyCell(raw: string): Classified {
  if (raw === '') return EMPTY;
  // Plain digits, by far the most common cell: NFKC and trimming cannot change them.
  if (isAsciiDigits(raw)) {
    return classified('number', raw, Number(raw), undefined, raw.length > 1 && raw.charCodeAt(0) === 48 ? true : undefined);
  }
  // Zero-width characters inside a cell ("1\u200b2", from a web page) are invisible: not part of it.
  const nfkc = withoutZeroWidth(raw.normalize('NFKC')).trim();
  if (PLACEHOLDERS.has(nfkc) || PLACEHOLDERS.has(raw)) return classified('placeholder', nfkc);
  const match = NUMBER.exec(nfkc);
  if (match) {
    const [, sign, digits, decimals = '', unit] = match;
    const plain = digits.replace(/,/g, '');
    const value = Number(`${sign === '' ? '' : '-'}${plain}${decimals}`);
    // "00", "0000000": a count never starts with 0, so these are cells run together.
    const merged = plain.length > 1 && plain.startsWith('0') && decimals === '';
    return classified('number', nfkc, value, unit, merged || undefined);
  }
  return classified('text', normalizeLabel(raw));
}

function isAsciiDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * Classification of a cell text. Tables repeat the same few texts ("0", the same labels) hundreds of
 * times, and every version of a document repeats them again: each distinct text is normalised once.
 * Texts over 200 characters are rare and not worth keeping.
 */
export const classify: (raw: string) => Classified = memoize(classifyCell, 8192, 200);

/** JavaScript's `\s` (which includes the ideographic space U+3000), as a character test. */
export function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x3000 ||
    code === 0xfeff ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f
  );
}

/** Lines that are running text rather than table cells end a table. */
export function isProseLine(text: string): boolean {
  if (text.includes('\t')) return false;
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  if (start < end && text.charCodeAt(start) === 124 /* | */) return false;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end - start > 100) return true;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    // 。；！？
    if (code === 0x3002 || code === 0xff1b || code === 0xff01 || code === 0xff1f) return true;
  }
  return false;
}

/** Every label of both templates, normalised and without numbering: what a table cell can name. */
const knownLabels: Set<string> = (() => {
  const labels = new Set<string>();
  const add = (label: string) => labels.add(bareLabel(label));
  for (const id of formatIds) {
    const template = templates[id];
    for (const item of template.active) {
      add(item.labelColumn);
      for (const column of item.columns) [column.label, ...(column.accepted ?? [])].forEach(add);
      for (const row of item.rows) add(row.text);
    }
    const { requests, reviews } = template;
    [requests.cornerNote, ...requests.columnGroups, ...requests.columns.map((column) => column.label)].forEach(add);
    for (const row of requests.rows) add(row.text);
    [...reviews.groupLabels, ...reviews.results.map((column) => column.label)].forEach(add);
  }
  return labels;
})();

/** Whether a cell text is a label of either template (any table, numbering aside). */
export const isKnownLabel = memoize((text: string): boolean => knownLabels.has(bareLabel(text)), 4096);

const isBareNumbering = memoize((text: string): boolean => {
  const norm = normalizeLabel(text);
  return norm.length > 0 && splitNumbering(norm).text === '';
}, 4096);

/**
 * Cell bounds of one line as a flat list [start0, end0, start1, end1, …] of offsets into the line:
 * one list per line, no object per cell.
 */
type Bounds = number[];

/**
 * The cell bounds of the line being tokenised, as `Bounds` in a buffer that keeps its storage from line
 * to line (tokenizeLine never re-enters itself): emptying a plain array would free its storage and
 * every line would grow a new one.
 */
class LineBounds {
  private readonly values: number[] = [];
  length = 0;

  add(start: number, end: number): void {
    this.values[this.length++] = start;
    this.values[this.length++] = end;
  }

  at(index: number): number {
    return this.values[index];
  }
}

/** Splits text[from, to) at each separator character into cells (see `addCell`). */
function splitCells(text: string, from: number, to: number, separator: number, out: LineBounds): void {
  let start = from;
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) === separator) {
      addCell(text, start, i, out);
      start = i + 1;
    }
  }
  addCell(text, start, to, out);
}

/**
 * Appends the cell text[start, end) with white space trimmed off both ends (an all-blank cell becomes
 * the empty cell at `end`), split further when it holds several space-separated parts.
 */
function addCell(text: string, start: number, end: number, out: LineBounds): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  for (let i = start + 1; i < end - 1; i++) {
    if (isSpace(text.charCodeAt(i))) {
      const parts = spacedParts(text.slice(start, end));
      for (let p = 0; p < parts.length; p += 2) out.add(start + parts[p], start + parts[p + 1]);
      return;
    }
  }
  out.add(start, end);
}

/** The cells a cell text with inner spaces splits into, as bounds relative to it; once per distinct text. */
const spacedParts = memoize((cell: string): Bounds => {
  const parts: Bounds = [];
  splitSpaced(cell, 0, cell.length, parts);
  return parts;
}, 4096);

/**
 * Splits a cell that holds several space-separated parts: each number becomes its own token. Runs of
 * text parts stay one label ("(二) 部分公开 (区分处理的, …)"), unless the run is made of template labels
 * side by side ("信息内容 本年制发件数 本年废止件数"), as in tables whose cells are separated by spaces.
 */
function splitSpaced(text: string, start: number, end: number, out: Bounds): void {
  // The parts: runs of non-space characters.
  const parts: Bounds = [];
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const partStart = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    parts.push(partStart, i);
  }
  let runStart = -1; // index into parts of the first text part of the current run
  let runEnd = -1;
  const flush = () => {
    if (runStart < 0) return;
    // A bare list number ("1.", "（一）") belongs to the label after it.
    const merged: Bounds = [];
    for (let p = runStart; p < runEnd; p += 2) {
      if (p + 2 < runEnd && isBareNumbering(text.slice(parts[p], parts[p + 1]))) {
        merged.push(parts[p], parts[p + 3]);
        p += 2;
      } else {
        merged.push(parts[p], parts[p + 1]);
      }
    }
    let separate = false;
    if (merged.length > 2) {
      for (let m = 0; m < merged.length && !separate; m += 2) separate = isKnownLabel(text.slice(merged[m], merged[m + 1]));
    }
    if (separate) {
      out.push(...merged);
    } else {
      // The second line of a label cell ("三、本年度办理" / "结果") ahead of the next label, which spaces
      // instead of a tab separate from it: split before the longest tail that is a template label.
      let tail = -1;
      for (let m = 2; m < merged.length && tail < 0; m += 2) if (isKnownLabel(text.slice(merged[m], parts[runEnd - 1]))) tail = m;
      if (tail > 0) out.push(parts[runStart], merged[tail - 1], merged[tail], parts[runEnd - 1]);
      else out.push(parts[runStart], parts[runEnd - 1]);
    }
    runStart = -1;
  };
  for (let p = 0; p < parts.length; p += 2) {
    if (classify(text.slice(parts[p], parts[p + 1])).kind === 'text') {
      if (runStart < 0) runStart = p;
      runEnd = p + 2;
    } else {
      flush();
      out.push(parts[p], parts[p + 1]);
    }
  }
  flush();
}

/** A markdown table's separator line, | --- | :---: |. */
const PIPE_SEPARATOR = /^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$/;

/** Whether a line is a markdown table's delimiter row (| --- | :---: |), which holds no cells. */
export function isPipeDelimiter(text: string): boolean {
  return PIPE_SEPARATOR.test(text);
}

const lineCells = new LineBounds();

/**
 * Whether a text has markdown tables whose rows need not start with a pipe: a delimiter row without
 * its outer pipes ("--- | ---", GFM). Elsewhere a pipe inside a line is text, as it always was.
 */
export function hasBarePipeTables(text: string): boolean {
  return text.includes('|') && BARE_PIPE_DELIMITER.test(text);
}
const BARE_PIPE_DELIMITER = /^[ \t]*:?-{2,}:?[ \t]*\|/m;

/**
 * The cells of one line, as tokens written to out[0], out[1], …; returns how many. The caller reuses
 * `out` from line to line (entries past the count are stale), so a line costs no array of its own.
 * `barePipes`: the text has markdown rows without outer pipes (hasBarePipeTables).
 */
export function tokenizeLine(line: Line, out: Token[], barePipes = false): number {
  const text = line.text;
  const length = text.length;
  let first = 0;
  while (first < length && isSpace(text.charCodeAt(first))) first++;
  const hasTab = text.includes('\t');
  if (first === length && !hasTab) return 0;
  if (first < length && text.charCodeAt(first) !== 124 /* | */) {
    // One cell alone on its line ("\t0", "\t1.属于国家秘密"), as Word and PDF tables paste: the
    // commonest table line, read without splitting. Whatever the separators around it, a single
    // non-blank run is one cell in the one-cell-per-line layout.
    let last = length;
    while (isSpace(text.charCodeAt(last - 1))) last--;
    let inner = first + 1;
    while (inner < last && !isSpace(text.charCodeAt(inner)) && !(barePipes && text.charCodeAt(inner) === 124) /* | */) inner++;
    if (inner >= last) {
      out[0] = cellToken(text, first, last, line, true, 'lines');
      return 1;
    }
  }
  let layout: TableLayout;
  const cells = lineCells;
  cells.length = 0;
  if (first < length && text.charCodeAt(first) === 124 /* | */) {
    if (PIPE_SEPARATOR.test(text)) return 0;
    layout = 'pipe';
    // The outer pipes leave an empty first (and usually last) cell that is no cell at all: the cells
    // are what lies between the first pipe and the closing pipe, if the line has one.
    let end = length;
    while (end > first && isSpace(text.charCodeAt(end - 1))) end--;
    const closing = end - 1;
    if (text.charCodeAt(closing) !== 124) splitCells(text, first + 1, length, 124, cells);
    else if (closing > first) splitCells(text, first + 1, closing, 124, cells);
  } else if (hasTab) {
    layout = 'tab';
    splitCells(text, 0, length, 9, cells);
  } else if (barePipes && text.indexOf('|', first) >= 0) {
    // A markdown row without its outer pipes ("规章 | 0 | 0 | 0"), as GFM allows them in a document
    // whose delimiter row has none either ("--- | ---").
    if (PIPE_SEPARATOR.test(text)) return 0;
    layout = 'pipe';
    let end = length;
    while (end > first && isSpace(text.charCodeAt(end - 1))) end--;
    splitCells(text, first, text.charCodeAt(end - 1) === 124 ? end - 1 : length, 124, cells);
  } else {
    layout = 'space';
    addCell(text, 0, length, cells);
  }
  let nonEmpty = 0;
  for (let c = 0; c < cells.length; c += 2) if (cells.at(c + 1) > cells.at(c)) nonEmpty++;
  // A tab line with one cell (after a leading tab) is the one-cell-per-line layout.
  if ((layout === 'tab' || layout === 'space') && nonEmpty <= 1) layout = 'lines';

  if (nonEmpty === 0) {
    // A line of nothing but separators is one empty cell (one-cell-per-line layout).
    let at = 0;
    while (at < length && text.charCodeAt(at) === 9) at++;
    const offset = line.start + at;
    out[0] = makeToken(EMPTY, offset, offset, '', line.index, false, layout);
    return 1;
  }
  // Empty cells at the ends of a line are what merged cells and ragged rows leave; only empty cells
  // between values stand for blank cells.
  let from = 0;
  let to = cells.length - 2;
  while (cells.at(from + 1) === cells.at(from)) from += 2;
  while (cells.at(to + 1) === cells.at(to)) to -= 2;
  let sawContent = false;
  let count = 0;
  for (let c = from; c <= to; c += 2) {
    const start = cells.at(c);
    const end = cells.at(c + 1);
    if (start === end) {
      out[count++] = makeToken(EMPTY, line.start + start, line.start + end, '', line.index, false, layout);
      continue;
    }
    out[count++] = cellToken(text, start, end, line, !sawContent, layout);
    sawContent = true;
  }
  return count;
}

/** The token of the non-empty cell text[start, end) of `line`. */
function cellToken(text: string, start: number, end: number, line: Line, firstInLine: boolean, layout: TableLayout): Token {
  const first = text.charCodeAt(start);
  if (first === 42 /* * */ || first === 95 /* _ */) {
    // Markdown emphasis around a whole cell ("**12**", "*（七）总计*"): the cell is what it wraps, so a
    // bold total reads as a number and a fix rewrites the number, keeping the emphasis.
    const marks = emphasisMarks(text, start, end);
    if (marks > 0) {
      start += marks;
      end -= marks;
    }
  }
  const raw = text.slice(start, end);
  const value = digitsValue(text, start, end);
  // Plain digits, most cells of a table, need no classification (and no memo lookup): NFKC and
  // trimming cannot change them, and their value is read while checking them.
  const cell = value >= 0 ? numberCell(raw, value) : classify(raw);
  return makeToken(cell, line.start + start, line.start + end, raw, line.index, firstInLine, layout);
}

/**
 * How many emphasis characters (* or _, up to three) wrap text[start, end) on both ends alike, with
 * something other than white space between them; 0 when it is not so wrapped.
 */
function emphasisMarks(text: string, start: number, end: number): number {
  const mark = text.charCodeAt(start);
  let count = 0;
  while (count < 3 && text.charCodeAt(start + count) === mark && text.charCodeAt(end - 1 - count) === mark && start + 2 * count + 2 < end) count++;
  if (count === 0 || isSpace(text.charCodeAt(start + count)) || isSpace(text.charCodeAt(end - 1 - count))) return 0;
  // The run must end where the inner text begins: "**" + "*x" is not three marks on one side only.
  return text.charCodeAt(start + count) === mark || text.charCodeAt(end - 1 - count) === mark ? 0 : count;
}

/**
 * The value of text[start, end) when it is plain ASCII digits, else -1. Up to 15 digits the value is
 * accumulated exactly; longer runs go through Number, as classifyCell does.
 */
function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return end - start <= 15 ? value : Number(text.slice(start, end));
}

/** Reusable classification of a plain-digit cell, filled in per token (makeToken copies it at once). */
const digitCell: Classified = { kind: 'number', value: 0, unit: undefined, merged: undefined, norm: '' };

/** What classifyCell gives for a plain-digit text, without allocating. */
function numberCell(raw: string, value: number): Classified {
  digitCell.value = value;
  digitCell.norm = raw;
  digitCell.merged = raw.length > 1 && raw.charCodeAt(0) === 48 ? true : undefined;
  return digitCell;
}

/** Every token is built here, with its properties in one order, so they all share one shape. */
function makeToken(
  cell: Classified,
  start: number,
  end: number,
  raw: string,
  line: number,
  firstInLine: boolean,
  layout: TableLayout,
): Token {
  return {
    kind: cell.kind,
    value: cell.value,
    unit: cell.unit,
    merged: cell.merged,
    norm: cell.norm,
    span: { start, end },
    raw,
    line,
    firstInLine,
    layout,
  };
}
