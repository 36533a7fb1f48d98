// Completion from the template data: at the start of a line outside the tables, the section headings
// the report still lacks; on a new line in a table, the template rows it lacks (the whole row, zeros
// in every cell, written in the table's own layout); in a table's header, its column labels.
import type { Report, Table } from '../model';
import { templates } from '../templates';
import { renderRows, renderSectionSkeleton, requestRowCells } from '../templates/render';
import type { RowDef } from '../templates';
import type { AnalysisResult, FormatId, Locale, Position, Range } from '../types';
import { lineBreak, lineSpan, offsetAt, rowSpan, tableTitle, templateRows } from './common';
import type { CompletionItem, FeatureOptions } from './types';

// What may stand before the cursor for a heading to be offered: markdown markers and the first few
// characters of a heading, never a sentence.
const HEADING_PREFIX = /^(\s*(?:#{1,6}\s*)?)([^\t|。，；,;]{0,20})$/;
const CELL_PREFIX = /^([\s|]*)([^\t|]{0,80})$/;

function text(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

function rangeOf(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

/** Lines a table occupies; a new line right under it still counts, as that is where rows are added. */
function tableAtLine(report: Report, line: number): { table: Table; first: number; last: number; below: boolean } | null {
  let below: { table: Table; first: number; last: number; below: boolean } | null = null;
  for (const table of report.tables) {
    const { first, last } = lineSpan(report.lines, table.span);
    if (line >= first && line <= last) return { table, first, last, below: false };
    if (line === last + 1) below = { table, first, last, below: true };
  }
  return below;
}

/** The last line of the header: everything in the table above its first row. */
function headerLastLine(report: Report, table: Table, first: number): number {
  const rowLines = table.rows
    .map((row) => rowSpan(row))
    .filter((span) => span !== null)
    .map((span) => report.lines.position(span!.start).line);
  // Table 四's one row starts at its header (its label is the first header cell): only its values count.
  if (table.section === 4) {
    const values = table.rows[0]?.slots[0];
    return values ? report.lines.position(values.span.start).line - 1 : table.headerSpan ? lineSpan(report.lines, table.headerSpan).last : first;
  }
  if (rowLines.length > 0) return Math.min(...rowLines) - 1;
  return table.headerSpan ? lineSpan(report.lines, table.headerSpan).last : first;
}

// ---- section headings ----

function sectionItems(report: Report, lineIndex: number, before: string, locale: Locale): CompletionItem[] {
  const match = HEADING_PREFIX.exec(before);
  if (!match || report.sections.some((section) => section.line === lineIndex)) return [];
  const [, lead, typed] = match;
  const format: FormatId = report.format ?? report.expectedFormat ?? '2021';
  const present = new Set(report.sections.map((section) => section.def.index));
  const missing = templates[format].sections.filter((def) => !present.has(def.index));
  if (missing.length === 0) return [];
  // The heading that fits here: after the last heading above the cursor and before the next one.
  const above = report.sections.filter((section) => section.line < lineIndex).map((section) => section.def.index);
  const belowIndexes = report.sections.filter((section) => section.line > lineIndex).map((section) => section.def.index);
  const low = above.length > 0 ? Math.max(...above) : 0;
  const high = belowIndexes.length > 0 ? Math.min(...belowIndexes) : 7;
  const fitting = missing.find((def) => def.index > low && def.index < high);
  // Write the heading with the markdown marker the other headings use, unless one is already typed.
  const marker = lead.includes('#') ? '' : headingMarker(report);
  return missing.map((def) => {
    const heading = renderSectionSkeleton(format, def.index, false);
    const item: CompletionItem = {
      label: heading,
      kind: 'section',
      detail: text(locale, '缺少的章节', 'missing section'),
      edit: { range: rangeOf(lineIndex, lead.length, lead.length + typed.length), newText: marker + heading },
      filterText: heading,
      sortText: `0${def.index}`,
    };
    if (def === fitting) item.preselect = true;
    return item;
  });
}

/** "## " when the report's headings are markdown headings of that level; "" otherwise. */
function headingMarker(report: Report): string {
  for (const section of report.sections) {
    const line = report.lines.lines[section.line];
    const lead = line.text.slice(0, section.headingSpan.start - line.start);
    const match = /^\s*(#{1,6})\s*$/.exec(lead);
    if (match) return `${match[1]} `;
  }
  return '';
}

// ---- rows ----

/** How many cells the pipe rows of the table have (the nearest pipe line to the cursor), so a new row fits. */
function pipeWidth(report: Report, lineIndex: number, first: number, last: number): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let index = first; index <= last; index++) {
    const lineText = report.lines.lines[index].text;
    if (index === lineIndex || !/^\s*\|/.test(lineText) || /^\s*(?:\|\s*)?:?-{2,}/.test(lineText)) continue;
    const cells = lineText.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').length;
    if (Math.abs(index - lineIndex) < bestDistance) {
      best = cells;
      bestDistance = Math.abs(index - lineIndex);
    }
  }
  return best;
}

/** The row written in the table's layout by the template renderer, zeros in every value cell. */
function rowText(
  def: RowDef,
  table: Table,
  context: { report: Report; lineIndex: number; lead: string; first: number; last: number },
): string {
  const eol = lineBreak(context.report.text);
  const cells = requestRowCells(def, table.columns.length);
  switch (table.layout) {
    case 'pipe': {
      const line = renderRows([cells], { layout: 'pipe', pipeWidth: pipeWidth(context.report, context.lineIndex, context.first, context.last) });
      // A pipe already typed at the line start is the row's opening pipe.
      return context.lead.includes('|') ? line.replace(/^\|\s?/, '') : line;
    }
    case 'lines': {
      // One cell per line, each indented like the rows of the table (the seeds indent with a tab); the
      // label's line keeps the indentation already typed.
      const typedIndent = /^[\t \u3000]*/.exec(context.lead)?.[0] ?? '';
      const indent = typedIndent || indentOfRows(context.report, table);
      const text = renderRows([cells], { layout: 'lines', eol, cellIndent: indent });
      return typedIndent ? text.slice(indent.length) : text;
    }
    case 'space':
      return renderRows([cells], { layout: 'space' });
    default:
      return renderRows([cells], { layout: 'tab' });
  }
}

function indentOfRows(report: Report, table: Table): string {
  const row = table.rows.find((candidate) => candidate.label.spans.length > 0);
  if (!row) return '';
  const line = report.lines.lineAt(row.label.spans[0].start);
  return /^[\t \u3000]*/.exec(line.text)?.[0] ?? '';
}

function rowItems(
  report: Report,
  table: Table,
  place: { lineIndex: number; before: string; first: number; last: number },
  locale: Locale,
): CompletionItem[] {
  const match = CELL_PREFIX.exec(place.before);
  if (!match) return [];
  const [, lead, typed] = match;
  const defs = templateRows(table);
  if (defs.length === 0) return [];
  const present = new Set(table.rows.map((row) => row.def?.id).filter((id) => id !== undefined));
  const where = tableTitle(table, locale);
  const items: CompletionItem[] = [];
  defs.forEach((def, index) => {
    if (present.has(def.id)) return;
    // A group label is offered only while none of its rows is there: otherwise the group is just unlabelled.
    if (def.isGroup && table.rows.some((row) => row.def?.parent === def.id)) return;
    const label = def.numbering + def.text;
    const newText = rowText(def, table, { report, lineIndex: place.lineIndex, lead, first: place.first, last: place.last });
    items.push({
      label,
      kind: 'row',
      detail: def.isGroup ? text(locale, `${where}缺少的分组行`, `group row missing from ${where}`) : text(locale, `${where}缺少的行（各列填 0）`, `row missing from ${where} (zeros in every column)`),
      edit: { range: rangeOf(place.lineIndex, lead.length, lead.length + typed.length), newText },
      filterText: label,
      sortText: String(index).padStart(3, '0'),
    });
  });
  return items;
}

// ---- header ----

/** The header labels of a table, in template order. */
function headerLabels(table: Table): string[] {
  if (table.section === 2) {
    const def = table.item?.def;
    return def ? [def.labelColumn, ...def.columns.map((column) => column.label)] : [];
  }
  if (table.section === 3) {
    const { cornerNote, columnGroups, columns } = table.template.requests;
    return [cornerNote, ...columnGroups, ...columns.map((column) => column.label)];
  }
  const { groupLabels, results } = table.template.reviews;
  return [...groupLabels, ...results.map((column) => column.label)];
}

function columnItems(table: Table, lineIndex: number, before: string, locale: Locale): CompletionItem[] {
  // The cell being typed: after the last separator on the line.
  const match = /(?:^|[\t|])(?=[^\t|]*$)[\s\u3000]*([^\t|]{0,80})$/.exec(before);
  if (!match) return [];
  const typed = match[1];
  const start = before.length - typed.length;
  const missing = new Set(table.missingColumns.map((column) => column.label));
  const labels = [...new Set(headerLabels(table))];
  return labels.map((label, index) => ({
    label,
    kind: 'column' as const,
    detail: missing.has(label)
      ? text(locale, '表头缺少的列', 'column missing from the header')
      : text(locale, `${tableTitle(table, locale)}的表头`, `header of ${tableTitle(table, locale)}`),
    edit: { range: rangeOf(lineIndex, start, before.length), newText: label },
    filterText: label,
    // Missing columns first, each group in template order.
    sortText: `${missing.has(label) ? 0 : 1}${String(index).padStart(3, '0')}`,
  }));
}

/** Completion items at a position; an empty list where nothing from the template fits. */
export function completion(
  report: Report,
  _result: AnalysisResult | null,
  position: Position,
  options: FeatureOptions = {},
): CompletionItem[] {
  const locale = options.locale ?? 'zh-CN';
  const offset = offsetAt(report.lines, position);
  const { line: lineIndex, character } = report.lines.position(offset);
  const line = report.lines.lines[lineIndex];
  const before = line.text.slice(0, character);
  const after = line.text.slice(character);
  // A whole row or heading goes on a line of its own: never in front of text already on the line.
  const lineEnd = after.trim() === '';
  const found = tableAtLine(report, lineIndex);
  const items: CompletionItem[] = [];
  if (found) {
    const headerEnd = headerLastLine(report, found.table, found.first);
    const place = { lineIndex, before, first: found.first, last: found.last };
    if (!found.below && lineIndex <= headerEnd) {
      // A header label fills one cell: the cursor must be at the end of one.
      if (/^[ \u3000]*(?:[\t|]|$)/.test(after)) items.push(...columnItems(found.table, lineIndex, before, locale));
    } else if (lineEnd) {
      items.push(...rowItems(report, found.table, place, locale));
    }
  }
  // Headings go where no table is: on a table's own lines only rows and columns make sense.
  if ((!found || found.below) && lineEnd) items.push(...sectionItems(report, lineIndex, before, locale));
  return items;
}

