// Writes template tables and headings as text, from the template data: the source of the fixes that
// insert a missing section, table or row (and, later, of the snippets).
import type { FormatId } from '../types';
import { templates } from './index';
import type { RowDef } from './types';

const TAB = '\t';

function zeros(count: number): string[] {
  return new Array<string>(count).fill('0');
}

/** Section 二's sub-tables, tab-separated, zeros in every cell. */
export function renderActiveTables(format: FormatId): string {
  const lines: string[] = [];
  for (const item of templates[format].active) {
    lines.push(`第二十条第（${item.item}）项`);
    lines.push([item.labelColumn, ...item.columns.map((column) => column.label)].join(TAB));
    for (const row of item.rows) lines.push([row.text, ...zeros(item.columns.length)].join(TAB));
  }
  return lines.join('\n');
}

/** A row of table 三 as the template writes it: group rows without values. */
export function renderRequestRow(row: RowDef, columnCount: number): string {
  const label = row.numbering + row.text;
  return row.isGroup ? label : [label, ...zeros(columnCount)].join(TAB);
}

export function renderRequestsTable(format: FormatId): string {
  const table = templates[format].requests;
  const lines = [
    [table.cornerNote, table.columnGroups[0]].join(TAB),
    ['', table.columns[0].label, table.columnGroups[1], '', '', '', '', table.columns[table.columns.length - 1].label].join(TAB),
    ['', '', ...table.columns.slice(1, -1).map((column) => column.label), ''].join(TAB),
    ...table.rows.map((row) => renderRequestRow(row, table.columns.length)),
  ];
  return lines.join('\n');
}

export function renderReviewsTable(format: FormatId): string {
  const { groups, results } = templates[format].reviews;
  const top = [groups[0].path[0], '', '', '', '', groups[1].path[0], ...new Array<string>(9).fill('')];
  const middle = [...results.map((result) => result.label), groups[1].path[1], '', '', '', '', groups[2].path[1], '', '', '', ''];
  const bottom = ['', '', '', '', '', ...results.map((result) => result.label), ...results.map((result) => result.label)];
  return [top, middle, bottom, zeros(groups.length * results.length)].map((cells) => cells.join(TAB)).join('\n');
}

/** A section heading, and the template table of 二/三/四 under it when asked. */
export function renderSectionSkeleton(format: FormatId, index: number, withTable: boolean): string {
  const def = templates[format].sections.find((section) => section.index === index);
  if (!def) return '';
  const heading = `${def.numeral}、${def.short}`;
  if (!withTable) return heading;
  const table =
    index === 2 ? renderActiveTables(format) : index === 3 ? renderRequestsTable(format) : index === 4 ? renderReviewsTable(format) : '';
  return table ? `${heading}\n\n${table}` : heading;
}
