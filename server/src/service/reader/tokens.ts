// Splits the lines of a table area into cells (tokens) with exact spans, whatever the layout: tab-
// separated rows, one cell per line, markdown pipe tables, or cells separated by spaces. Later stages
// never look at layout again; they read labels and values from this stream.
import type { Token } from '../model';
import { normalizeLabel, type Line } from '../text';
import type { TableLayout } from '../types';

const PLACEHOLDERS = new Set(['—', '–', '-', '--', '——', '―', '/', '／', '\\', '不适用', 'N/A', 'n/a', 'NA', '无', '空', '－', '一']);

// A number as written in a cell, after NFKC: sign, digits with optional thousands separators, decimals,
// an optional unit. Anchored on both ends and free of nested quantifiers, so it is linear.
const NUMBER = /^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|亿元|元|件|个|项|条|次|人次|%)?$/;

/** Reads one cell's text as a number, a placeholder or text. */
export function classifyCell(raw: string): Pick<Token, 'kind' | 'value' | 'unit' | 'merged' | 'norm'> {
  if (raw === '') return { kind: 'empty', norm: '' };
  const nfkc = raw.normalize('NFKC').trim();
  if (PLACEHOLDERS.has(nfkc) || PLACEHOLDERS.has(raw)) return { kind: 'placeholder', norm: nfkc };
  const match = NUMBER.exec(nfkc);
  if (match) {
    const [, sign, digits, decimals = '', unit] = match;
    const plain = digits.replace(/,/g, '');
    const value = Number(`${sign === '' ? '' : '-'}${plain}${decimals}`);
    // "00", "0000000": a count never starts with 0, so these are cells run together.
    const merged = plain.length > 1 && plain.startsWith('0') && decimals === '';
    return { kind: 'number', value, unit, merged: merged || undefined, norm: nfkc };
  }
  return { kind: 'text', norm: normalizeLabel(raw) };
}

function isBlank(text: string): boolean {
  return /^[\s\u3000]*$/.test(text);
}

/** Lines that are running text rather than table cells end a table. */
export function isProseLine(text: string): boolean {
  if (text.includes('\t') || /^\s*\|/.test(text)) return false;
  const trimmed = text.trim();
  return /[。；！？]/.test(trimmed) || trimmed.length > 100;
}

interface RawCell {
  start: number;
  end: number;
}

/** Trims white space off a cell's bounds. */
function trimCell(text: string, start: number, end: number): RawCell {
  while (start < end && /[\s\u3000]/.test(text[start])) start++;
  while (end > start && /[\s\u3000]/.test(text[end - 1])) end--;
  return { start, end };
}

function splitBy(text: string, separator: string): RawCell[] {
  const cells: RawCell[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === separator) {
      cells.push(trimCell(text, start, i));
      start = i + 1;
    }
  }
  return cells;
}

/**
 * Splits a cell that holds several space-separated parts: each number becomes its own token, runs of
 * text parts stay one label ("(二) 部分公开 (区分处理的, …)" is one label; "规章 0 0 0" is four cells).
 */
function splitSpaced(text: string, cell: RawCell): RawCell[] {
  const parts: RawCell[] = [];
  const body = text.slice(cell.start, cell.end);
  const pattern = /[^\s\u3000]+/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body)) !== null) {
    parts.push({ start: cell.start + match.index, end: cell.start + match.index + match[0].length });
  }
  if (parts.length <= 1) return [cell];
  const out: RawCell[] = [];
  let textRun: RawCell | null = null;
  for (const part of parts) {
    const kind = classifyCell(text.slice(part.start, part.end)).kind;
    if (kind === 'text') {
      textRun = textRun ? { start: textRun.start, end: part.end } : { ...part };
    } else {
      if (textRun) out.push(textRun);
      textRun = null;
      out.push(part);
    }
  }
  if (textRun) out.push(textRun);
  return out;
}

function isPipeSeparator(text: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(text);
}

/** The cells of one line, as tokens. */
export function tokenizeLine(line: Line): Token[] {
  const text = line.text;
  if (isBlank(text) && !text.includes('\t')) return [];
  let layout: TableLayout;
  let cells: RawCell[];
  if (/^\s*\|/.test(text)) {
    if (isPipeSeparator(text)) return [];
    layout = 'pipe';
    cells = splitBy(text, '|');
    // The outer pipes leave an empty first (and usually last) cell that is no cell at all.
    cells.shift();
    if (/\|\s*$/.test(text)) cells.pop();
  } else if (text.includes('\t')) {
    layout = 'tab';
    cells = splitBy(text, '\t');
  } else {
    layout = 'space';
    cells = [trimCell(text, 0, text.length)];
  }
  const expanded: RawCell[] = [];
  for (const cell of cells) {
    if (cell.end > cell.start) expanded.push(...splitSpaced(text, cell));
    else expanded.push(cell);
  }
  // A tab line with one cell (after a leading tab) is the one-cell-per-line layout.
  const nonEmpty = expanded.filter((cell) => cell.end > cell.start);
  if (layout === 'tab' && nonEmpty.length <= 1) layout = 'lines';
  if (layout === 'space' && nonEmpty.length <= 1) layout = 'lines';

  let first = 0;
  let last = expanded.length - 1;
  if (nonEmpty.length === 0) {
    // A line of nothing but separators is one empty cell (one-cell-per-line layout).
    const at = line.start + Math.min(text.length, Math.max(0, text.search(/[^\t]|$/)));
    return [{ kind: 'empty', span: { start: at, end: at }, raw: '', norm: '', line: line.index, firstInLine: false, layout }];
  }
  // Empty cells at the ends of a line are what merged cells and ragged rows leave; only empty cells
  // between values stand for blank cells.
  while (expanded[first].end === expanded[first].start) first++;
  while (expanded[last].end === expanded[last].start) last--;
  const tokens: Token[] = [];
  let sawContent = false;
  for (let i = first; i <= last; i++) {
    const cell = expanded[i];
    const raw = text.slice(cell.start, cell.end);
    const classified = classifyCell(raw);
    tokens.push({
      ...classified,
      span: { start: line.start + cell.start, end: line.start + cell.end },
      raw,
      line: line.index,
      firstInLine: !sawContent && classified.kind !== 'empty',
      layout,
    });
    if (classified.kind !== 'empty') sawContent = true;
  }
  return tokens;
}
