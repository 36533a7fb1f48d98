// Helpers the editor features share: positions to offsets, which table a place belongs to, the names
// of rows and columns as the template data gives them, and display width for aligning tables.
import type { Row, Table } from '../model';
import type { RowDef } from '../templates';
import type { LineIndex, Span } from '../text';
import type { Locale, Position } from '../types';
import { minimalEdit, tableName } from '../rules/rule';

/** The offset of an LSP position; positions past a line's end or the document's end are clamped. */
export function offsetAt(lines: LineIndex, position: Position): number {
  const all = lines.lines;
  if (!position || !Number.isFinite(position.line) || position.line < 0) return 0;
  if (position.line >= all.length) return lines.text.length;
  const line = all[Math.floor(position.line)];
  const character = Number.isFinite(position.character) ? Math.max(0, Math.floor(position.character)) : 0;
  return line.start + Math.min(character, line.end - line.start);
}

/** First and last line of a span (a span ending at a line start does not reach into that line). */
export function lineSpan(lines: LineIndex, span: Span): { first: number; last: number } {
  const first = lines.position(span.start).line;
  let last = lines.position(span.end).line;
  if (last > first && span.end === lines.lines[last].start) last--;
  return { first, last };
}

export function tableTitle(table: Table, locale: Locale): string {
  return tableName(table, locale === 'en');
}

/** The template rows of a table (section 二: its item's rows; 三: the requests rows; 四: none). */
export function templateRows(table: Table): RowDef[] {
  if (table.section === 2) return table.item?.def?.rows ?? [];
  if (table.section === 3) return table.template.requests.rows;
  return [];
}

/** "（一）予以公开", or the label as written for a row that matches no template row. */
export function rowLabel(row: Row): string {
  if (row.def) return row.def.numbering + row.def.text;
  return row.label.raw || row.label.canonical;
}

/** The row with its groups: "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密". */
export function rowPath(table: Table, def: RowDef): string {
  const defs = templateRows(table);
  const path = [def.numbering + def.text];
  let parent = def.parent;
  // The template nests at most three deep; the bound only guards against a cycle in the data.
  for (let depth = 0; parent && depth < 8; depth++) {
    const group = defs.find((candidate) => candidate.id === parent);
    if (!group) break;
    path.unshift(group.numbering + group.text);
    parent = group.parent;
  }
  return path.join(' › ');
}

/** Everything the row covers: its label and its value cells. */
export function rowSpan(row: Row): Span | null {
  const spans = [...row.label.spans, ...row.slots.map((token) => token.span)];
  if (spans.length === 0) return null;
  return { start: Math.min(...spans.map((span) => span.start)), end: Math.max(...spans.map((span) => span.end)) };
}

/** The line break the document uses, so inserted lines match it. */
export function lineBreak(text: string): string {
  const index = text.search(/\r\n|\n|\r/);
  if (index < 0) return '\n';
  return text.startsWith('\r\n', index) ? '\r\n' : text[index];
}

/**
 * Columns a character takes in a monospaced editor: East Asian wide and full-width characters take
 * two, which is what makes a padded table of Chinese labels line up.
 */
export function charWidth(code: number): number {
  if (code < 0x1100) return 1;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  // Combining marks and zero-width characters take no column.
  if ((code >= 0x0300 && code <= 0x036f) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) return 0;
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

/** The edit that turns `oldText` at `start` into `newText` (see minimalEdit), or null when they are equal. */
export function minimalSpanEdit(start: number, oldText: string, newText: string): { span: Span; newText: string } | null {
  return oldText === newText ? null : minimalEdit({ start, end: start + oldText.length }, oldText, newText);
}
