// Converts the tables of a report from the 2019 format to the 2021 format ("将表格转换为 2021 年格式"):
// every value that maps (templates/conversion.ts) is carried over, what has no counterpart is written as
// "—" (so cell-blank points at it) and listed in the notes, with the values that had to go. Only the
// tables that differ change: table 三 just at its （六） row, the sub-tables of 二 from their header on,
// 第二十条第（九）项 removed; table 四 is the same in both formats. Pure: text in, edits and notes out.
import type { Cell, Report, Row, Table } from './model';
import { parse } from './reader/parse';
import { rowStyle } from './rules/layout-common';
import { minimalEdit, msg, type Message } from './rules/rule';
import { templates } from './templates';
import { from2019, UNMAPPED } from './templates/conversion';
import { activeItemGrid, itemLine, renderRows, requestRowCells, rowLabel, type GridRow } from './templates/render';
import type { ActiveItemDef, RowDef } from './templates/types';
import type { Span } from './text';
import type { Locale, TextEdit } from './types';

export interface Conversion {
  /** Edits on the text (LSP ranges), none overlapping. */
  edits: TextEdit[];
  /** What was carried over, marked or dropped, in the caller's language. */
  notes: string[];
  /** How many tables changed. */
  converted: number;
}

interface Change {
  span: Span;
  newText: string;
}

const target = templates['2021'];

function is2019(table: Table): boolean {
  return (table.format ?? table.template.format) === '2019';
}

/** A cell as written, or the mark for a value that cannot be carried over. */
function written(cell: Cell | undefined): string {
  return cell && cell.token.raw !== '' ? cell.token.raw : UNMAPPED;
}

function cellById(row: Row | undefined, columnId: string): Cell | undefined {
  return row?.cells?.find((cell) => cell.column.id === columnId);
}

/** "规章 0、规范性文件 15": the values of a row or column that the 2021 format has no place for. */
function listValues(parts: { name: string; value: string }[]): string {
  return parts.map((part) => `${part.name} ${part.value}`).join('、');
}

/** The offset of the end of the line holding `offset`. */
function lineEnd(report: Report, offset: number): number {
  return report.lines.lineAt(offset).end;
}

/** Where the header of a sub-table of 二 starts: the first line after its item line with a cell on it. */
function afterItemLine(report: Report, table: Table): number | null {
  const itemSpan = table.item?.label.spans[0];
  if (!itemSpan) return null;
  const lines = report.lines.lines;
  for (let index = report.lines.lineAt(itemSpan.start).index + 1; index < lines.length; index++) {
    const line = lines[index];
    if (line.start > table.span.end) return null;
    const text = line.text.trim();
    // Blank lines and the markdown delimiter row under an item line used as a pipe table's header stay.
    if (text === '' || /^\|?(?=[\s:|]*-)[\s:|-]*$/.test(text)) continue;
    return line.start;
  }
  return null;
}

function convertActive(report: Report, table: Table, notes: Message[], changes: Change[]): void {
  const numeral = table.item?.numeral ?? '';
  const source = table.item?.def ?? null;
  const item: ActiveItemDef | undefined = target.active.find((candidate) => candidate.item === numeral);
  const sourceRows = new Map(table.rows.filter((row) => row.def).map((row) => [row.def!.id, row]));
  const name = itemLine(numeral);
  if (!item) {
    // 第二十条第（九）项 has no place in the 2021 format: its lines go, their values into the notes.
    const itemSpan = table.item!.label.spans[0];
    // Whole lines go, with one of the blank lines around them, so no gap is left behind.
    const lines = report.lines.lines;
    const first = report.lines.lineAt(itemSpan.start);
    const last = report.lines.lineAt(table.span.end);
    const previous = lines[first.index - 1];
    const next = lines[last.index + 1];
    const blankBefore = previous !== undefined && previous.text.trim() === '';
    const blankAfter = next === undefined || next.text.trim() === '';
    const start = blankBefore && blankAfter ? previous.start : first.start;
    changes.push({ span: { start, end: next ? next.start : report.text.length }, newText: '' });
    const values = table.rows.flatMap((row) =>
      (row.cells ?? []).map((cell) => ({ name: `${row.label.raw}·${cell.column.label}`, value: cell.token.raw || '（空）' })),
    );
    notes.push(
      msg(
        `${name}在 2021 年格式中没有对应表格，已删除${values.length ? `（原数据：${listValues(values)}）` : ''}`,
        `${name} has no counterpart in the 2021 format and was removed${values.length ? ` (it held: ${listValues(values)})` : ''}`,
      ),
    );
    return;
  }
  const start = afterItemLine(report, table);
  const style = rowStyle(report, table, table.rows[0] ?? null)?.options ?? null;
  if (start === null || style === null) {
    notes.push(msg(`${name}的排版无法识别，未转换`, `${name}: layout not recognised, not converted`));
    return;
  }
  const columnMap = from2019.activeColumns[numeral] ?? {};
  const sourceColumnOf = (columnId: string): string | undefined =>
    columnMap[columnId] ?? source?.columns.find((column) => column.id === columnId)?.id;
  const grid: GridRow[] = activeItemGrid(item, (row: RowDef, index: number) => {
    const from = sourceColumnOf(item.columns[index].id);
    return from ? written(cellById(sourceRows.get(row.id), from)) : UNMAPPED;
  });
  const newText = renderRows(grid, style);
  const end = lineEnd(report, table.span.end);
  changes.push({ span: { start, end }, newText });

  const unmapped = item.columns.filter((column) => !sourceColumnOf(column.id)).map((column) => `“${column.label}”`);
  if (unmapped.length > 0) {
    notes.push(
      msg(
        `${name}：${unmapped.join('')}在 2019 年格式中没有对应数据，以“${UNMAPPED}”标出，请填写`,
        `${name}: ${unmapped.join(', ')} have no 2019 counterpart; marked "${UNMAPPED}" for you to fill in`,
      ),
    );
  }
  const used = new Set(item.columns.map((column) => sourceColumnOf(column.id)));
  for (const column of source?.columns ?? []) {
    if (used.has(column.id)) continue;
    const values = table.rows
      .filter((row) => row.def)
      .map((row) => ({ name: row.label.raw, value: cellById(row, column.id)?.token.raw ?? '（空）' }));
    notes.push(
      msg(
        `${name}：“${column.label}”在 2021 年格式中没有对应列，已删除（原数据：${listValues(values) || '无'}）`,
        `${name}: "${column.label}" has no 2021 column and was removed (it held: ${listValues(values) || 'nothing'})`,
      ),
    );
  }
  for (const row of table.rows) {
    if (!row.def || item.rows.some((candidate) => candidate.id === row.def!.id)) continue;
    const values = (row.cells ?? []).map((cell) => ({ name: cell.column.label, value: cell.token.raw || '（空）' }));
    notes.push(
      msg(
        `${name}：“${row.label.raw}”行在 2021 年格式中没有对应行，已删除（原数据：${listValues(values) || '无'}）`,
        `${name}: the row "${row.label.raw}" has no 2021 row and was removed (it held: ${listValues(values) || 'nothing'})`,
      ),
    );
  }
}

function convertRequests(report: Report, table: Table, notes: Message[], changes: Change[]): void {
  const { from, into } = from2019.requestsOther;
  const row = table.rows.find((candidate) => candidate.def?.id === from);
  const labelStart = row?.label.spans[0]?.start;
  if (!row || labelStart === undefined) return;
  const style = rowStyle(report, table, row)?.options ?? null;
  if (style === null) {
    notes.push(msg('表三（六）其他处理的排版无法识别，未转换', 'Table 3 （六）: layout not recognised, not converted'));
    return;
  }
  const line = report.lines.lineAt(labelStart);
  // The row starts its line unless a label shares it (tab layout); then the new rows start where it did.
  const shared = style.layout !== 'pipe' && report.text.slice(line.start, labelStart).trim() !== '';
  const start = shared ? labelStart : line.start;
  const last = row.slots[row.slots.length - 1];
  const end = lineEnd(report, last ? last.span.end : labelStart);
  const rows = target.requests.rows.filter((candidate) => candidate.id === from || candidate.parent === from);
  let split = false;
  const columns = target.requests.columns;
  const values = (def: RowDef): string[] =>
    columns.map((column) => {
      const cell = cellById(row, column.id);
      if (def.id === into) return written(cell);
      if (cell?.state === 'number' && cell.value === 0) return '0';
      split = true;
      return UNMAPPED;
    });
  const grid = rows.map((def) => requestRowCells(def, columns.length, def.isGroup ? undefined : values(def)));
  const newText = renderRows(grid, start === line.start ? style : { ...style, cellIndent: '' });
  changes.push({ span: { start, end }, newText });
  const intoLabel = rowLabel(rows.find((def) => def.id === into)!);
  notes.push(
    split
      ? msg(
          `表三“（六）其他处理”已拆为 2021 年格式的三项：原数值计入“${intoLabel}”，其余两项以“${UNMAPPED}”标出，请按实际情况拆分`,
          `Table 3 （六）其他处理 became the three 2021 rows: its values went to "${intoLabel}", the other two are marked "${UNMAPPED}" for you to split`,
        )
      : msg(`表三“（六）其他处理”已拆为 2021 年格式的三项（均为 0）`, `Table 3 （六）其他处理 became the three 2021 rows (all 0)`),
  );
}

/** The edits that convert every 2019-format table of `text` to the 2021 format, and what they did. */
export function convertTo2021(text: string, options: { locale?: Locale } = {}): Conversion {
  const report = parse(String(text ?? ''));
  const notes: Message[] = [];
  const changes: Change[] = [];
  let converted = 0;
  if (report.isReport && !report.legacy) {
    for (const table of report.tables) {
      if (!is2019(table)) continue;
      const before = changes.length;
      if (table.section === 2) convertActive(report, table, notes, changes);
      else if (table.section === 3) convertRequests(report, table, notes, changes);
      if (changes.length > before) converted++;
    }
  }
  if (converted === 0) notes.push(msg('没有需要转换的 2019 年格式表格', 'No table in the 2019 format to convert'));
  const english = options.locale === 'en';
  const edits = changes
    .map((change) => minimalEdit(change.span, report.text.slice(change.span.start, change.span.end), change.newText))
    .filter((edit) => edit.span.start !== edit.span.end || edit.newText !== '')
    .map((edit) => ({ range: report.lines.range(edit.span), newText: edit.newText }));
  return { edits, notes: notes.map((note) => (english ? note.en : note.zh)), converted };
}
