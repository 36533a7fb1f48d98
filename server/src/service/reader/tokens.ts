// Splits the lines of a table area into cells (tokens) with exact spans, whatever the layout: tab-
// separated rows, one cell per line, markdown pipe tables, or cells separated by spaces. Later stages
// never look at layout again; they read labels and values from this stream.
import type { Token } from '../model';
import { formatIds, templates } from '../templates';
import { normalizeLabel, splitNumbering, type Line } from '../text';
import type { TableLayout } from '../types';

const PLACEHOLDERS = new Set(['—', '–', '-', '--', '——', '―', '/', '／', '\\', '不适用', 'N/A', 'n/a', 'NA', '无', '空', '－', '一']);

// A number as written in a cell, after NFKC: sign, digits with optional thousands separators, decimals,
// an optional unit. Anchored on both ends and free of nested quantifiers, so it is linear.
const NUMBER = /^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|亿元|元|件|个|项|条|次|人次|%)?$/;

/** Reads one cell's text as a number, a placeholder or text. */
type Classified = Pick<Token, 'kind' | 'value' | 'unit' | 'merged' | 'norm'>;

/**
 * Classification of cell texts seen during one parse. Tables repeat the same few texts ("0", the same
 * labels) hundreds of times; normalising each once keeps tokenising linear and cheap.
 */
export class CellCache {
  private readonly seen = new Map<string, Classified>();

  classify(raw: string): Classified {
    let classified = this.seen.get(raw);
    if (classified === undefined) {
      classified = classifyCell(raw);
      if (raw.length <= 200) this.seen.set(raw, classified);
    }
    return classified;
  }
}

export function classifyCell(raw: string): Classified {
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

/** Every label of both templates, normalised and without numbering: what a table cell can name. */
const knownLabels: Set<string> = (() => {
  const labels = new Set<string>();
  const add = (label: string) => labels.add(splitNumbering(normalizeLabel(label)).text);
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

function isKnownLabel(text: string): boolean {
  return knownLabels.has(splitNumbering(normalizeLabel(text)).text);
}

function isBareNumbering(text: string): boolean {
  const norm = normalizeLabel(text);
  return norm.length > 0 && splitNumbering(norm).text === '' ;
}

/**
 * Splits a cell that holds several space-separated parts: each number becomes its own token. Runs of
 * text parts stay one label ("(二) 部分公开 (区分处理的, …)"), unless the run is made of template labels
 * side by side ("信息内容 本年制发件数 本年废止件数"), as in tables whose cells are separated by spaces.
 */
function splitSpaced(text: string, cell: RawCell, cache: CellCache): RawCell[] {
  const parts: RawCell[] = [];
  const body = text.slice(cell.start, cell.end);
  const pattern = /[^\s\u3000]+/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body)) !== null) {
    parts.push({ start: cell.start + match.index, end: cell.start + match.index + match[0].length });
  }
  if (parts.length <= 1) return [cell];
  const out: RawCell[] = [];
  let textRun: RawCell[] = [];
  const flush = () => {
    if (textRun.length === 0) return;
    const pieces = textRun.map((part) => text.slice(part.start, part.end));
    // A bare list number ("1.", "（一）") belongs to the label after it.
    const merged: RawCell[] = [];
    for (let i = 0; i < textRun.length; i++) {
      if (isBareNumbering(pieces[i]) && i + 1 < textRun.length) {
        merged.push({ start: textRun[i].start, end: textRun[i + 1].end });
        i++;
      } else {
        merged.push(textRun[i]);
      }
    }
    const separate = merged.length > 1 && merged.some((part) => isKnownLabel(text.slice(part.start, part.end)));
    if (separate) out.push(...merged);
    else out.push({ start: textRun[0].start, end: textRun[textRun.length - 1].end });
    textRun = [];
  };
  for (const part of parts) {
    if (cache.classify(text.slice(part.start, part.end)).kind === 'text') {
      textRun.push(part);
    } else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}

function isPipeSeparator(text: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(text);
}

/** The cells of one line, as tokens. */
export function tokenizeLine(line: Line, cache: CellCache = new CellCache()): Token[] {
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
    if (cell.end > cell.start) expanded.push(...splitSpaced(text, cell, cache));
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
    const classified = cache.classify(raw);
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
