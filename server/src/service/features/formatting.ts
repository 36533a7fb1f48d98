// Formatting re-aligns the report's tables to a canonical layout without changing a label or a value
// and without touching prose:
// - a markdown pipe table stays a pipe table: every row gets the same number of cells, each cell padded
//   to its column's display width (East Asian wide characters count as two), the separator row dashed to
//   the same widths with its alignment colons kept;
// - a tab-separated table stays tab-separated, one value row per line, written the way the template
//   renders a row: the label, then its values, one tab between cells, no stray tabs or spaces. Only
//   rows the reader placed cell by cell are rewritten; a row whose cells could not be told apart keeps
//   its line as written, since moving its cells would be a guess. Headers keep the merged-cell layout
//   they were written in.
// Tables in the one-cell-per-line and the space-separated layouts are left as they are: their line
// structure is the layout. Edits are minimal (only the changed part of a changed line), so formatting
// a formatted document returns no edits.
import type { Report, Row, Table } from '../model';
import type { LineIndex, Span } from '../text';
import type { AnalysisResult, Range, TextEdit } from '../types';
import { displayWidth, lineBreak, lineSpan, minimalSpanEdit } from './common';
import type { FeatureOptions } from './types';

const PIPE_LINE = /^\s*\|/;
// The same separator row the reader skips.
const PIPE_SEPARATOR = /^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$/;

type Align = 'none' | 'left' | 'center' | 'right';

interface LineEdit {
  line: number;
  newText: string;
}

// ---- pipe tables ----

/** The cells of a pipe row, split the way the reader splits them. */
function pipeCells(text: string): string[] {
  const body = text.trim();
  const cells = body.split('|');
  cells.shift();
  if (/\|$/.test(body) && cells.length > 0) cells.pop();
  return cells.map((cell) => cell.trim());
}

function alignOf(cell: string): Align {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  return left && right ? 'center' : right ? 'right' : left ? 'left' : 'none';
}

function pad(cell: string, width: number, align: Align): string {
  const room = Math.max(0, width - displayWidth(cell));
  if (align === 'right') return ' '.repeat(room) + cell;
  if (align === 'center') return ' '.repeat(room >> 1) + cell + ' '.repeat(room - (room >> 1));
  return cell + ' '.repeat(room);
}

function dashes(width: number, align: Align): string {
  if (align === 'center') return `:${'-'.repeat(Math.max(1, width - 2))}:`;
  if (align === 'left') return `:${'-'.repeat(Math.max(2, width - 1))}`;
  if (align === 'right') return `${'-'.repeat(Math.max(2, width - 1))}:`;
  return '-'.repeat(Math.max(3, width));
}

function formatPipeBlock(lines: LineIndex, first: number, last: number): LineEdit[] {
  const rows: { line: number; cells: string[]; separator: boolean }[] = [];
  for (let index = first; index <= last; index++) {
    const text = lines.lines[index].text;
    rows.push({ line: index, cells: pipeCells(text), separator: PIPE_SEPARATOR.test(text) });
  }
  const columns = Math.max(...rows.map((row) => row.cells.length));
  if (columns === 0) return [];
  const aligns: Align[] = new Array<Align>(columns).fill('none');
  const separator = rows.find((row) => row.separator);
  separator?.cells.forEach((cell, index) => (aligns[index] = alignOf(cell)));
  const widths = new Array<number>(columns).fill(3);
  for (const row of rows) {
    if (row.separator) continue;
    row.cells.forEach((cell, index) => (widths[index] = Math.max(widths[index], displayWidth(cell))));
  }
  const indent = /^[ \t]*/.exec(lines.lines[first].text)?.[0] ?? '';
  const edits: LineEdit[] = [];
  for (const row of rows) {
    const cells = widths.map((width, index) =>
      row.separator ? dashes(width, aligns[index]) : pad(row.cells[index] ?? '', width, aligns[index]),
    );
    const text = `${indent}| ${cells.join(' | ')} |`;
    if (text !== lines.lines[row.line].text) edits.push({ line: row.line, newText: text });
  }
  return edits;
}

/** The runs of pipe lines that hold a recognised pipe table (a markdown table is aligned as a whole). */
function pipeBlocks(report: Report, tables: Table[]): { first: number; last: number }[] {
  const all = report.lines.lines;
  const blocks: { first: number; last: number }[] = [];
  for (const table of tables) {
    if (table.layout !== 'pipe') continue;
    const span = lineSpan(report.lines, table.span);
    if (!PIPE_LINE.test(all[span.first].text)) continue;
    if (blocks.some((block) => span.first >= block.first && span.first <= block.last)) continue;
    let first = span.first;
    let last = span.first;
    while (first > 0 && PIPE_LINE.test(all[first - 1].text)) first--;
    while (last + 1 < all.length && PIPE_LINE.test(all[last + 1].text)) last++;
    blocks.push({ first, last });
  }
  return blocks;
}

// ---- tab tables ----

function cover(text: string, lineStart: number, spans: Span[]): boolean {
  // Every non-blank character of the line lies in one of the spans: nothing on it is left unaccounted.
  for (let i = 0; i < text.length; i++) {
    if (/[\s\u3000]/.test(text[i])) continue;
    const offset = lineStart + i;
    if (!spans.some((span) => offset >= span.start && offset < span.end)) return false;
  }
  return true;
}

function spanText(report: Report, span: Span): string {
  return report.text.slice(span.start, span.end);
}

/** The canonical line of one placed row, or null when its line holds anything else. */
function tabRowLine(report: Report, table: Table, row: Row, index: number, eol: string): LineEdit | null {
  if (!row.cells || row.cells.length === 0) return null;
  const withLabel = table.section !== 4;
  if (withLabel && row.label.spans.length !== 1) return null;
  const cellSpans = row.cells.map((cell) => cell.token.span);
  const anchor = withLabel ? row.label.spans[0] : row.slots[0].span;
  const lineNo = report.lines.position(anchor.start).line;
  const all = [...(withLabel ? [row.label.spans[0]] : []), ...row.slots.map((token) => token.span)];
  if (all.some((span) => report.lines.position(span.start).line !== lineNo || report.lines.position(span.end).line !== lineNo)) return null;
  // Group labels without values written before the row on its line ("三、本年度办理结果 ⇥ （一）予以公开 …")
  // go on lines of their own: one row per line.
  const groups: Span[] = [];
  for (let j = index - 1; j >= 0; j--) {
    const previous = table.rows[j];
    const span = previous.label.spans[0];
    if (previous.slots.length > 0 || previous.label.spans.length !== 1 || report.lines.position(span.start).line !== lineNo) break;
    groups.unshift(span);
  }
  const line = report.lines.lines[lineNo];
  if (!cover(line.text, line.start, [...groups, ...all])) return null;
  const cells = [...(withLabel ? [spanText(report, row.label.spans[0])] : []), ...cellSpans.map((span) => spanText(report, span))];
  const newText = [...groups.map((span) => spanText(report, span)), cells.join('\t')].join(eol);
  return newText === line.text ? null : { line: lineNo, newText };
}

function formatTabTable(report: Report, table: Table, eol: string): LineEdit[] {
  const edits: LineEdit[] = [];
  table.rows.forEach((row, index) => {
    const edit = tabRowLine(report, table, row, index, eol);
    if (edit && !edits.some((other) => other.line === edit.line)) edits.push(edit);
  });
  return edits;
}

function lineInRange(line: number, range: Range | undefined): boolean {
  if (!range) return true;
  return line >= range.start.line && line <= range.end.line;
}

/**
 * Edits that re-align the tables; with `range`, only the tables it touches (a pipe table as a whole,
 * a tab table's rows on the lines in the range).
 */
export function format(report: Report, _result: AnalysisResult | null, range?: Range, _options: FeatureOptions = {}): TextEdit[] {
  if (!report.isReport || report.legacy) return [];
  const eol = lineBreak(report.text);
  const lineEdits: LineEdit[] = [];
  for (const block of pipeBlocks(report, report.tables)) {
    if (range && (block.last < range.start.line || block.first > range.end.line)) continue;
    lineEdits.push(...formatPipeBlock(report.lines, block.first, block.last));
  }
  for (const table of report.tables) {
    if (table.layout !== 'tab') continue;
    for (const edit of formatTabTable(report, table, eol)) if (lineInRange(edit.line, range)) lineEdits.push(edit);
  }
  const seen = new Set<number>();
  const edits: TextEdit[] = [];
  for (const edit of lineEdits.sort((a, b) => a.line - b.line)) {
    if (seen.has(edit.line)) continue;
    seen.add(edit.line);
    const line = report.lines.lines[edit.line];
    const minimal = minimalSpanEdit(line.start, line.text, edit.newText);
    if (minimal) edits.push({ range: report.lines.range(minimal.span), newText: minimal.newText });
  }
  return edits;
}
