// The sub-tables of section 二 a report lacks altogether (item line, header and rows), for row-missing:
// each of their rows is a template row that is absent. Read off the parsed tables and the template.
import type { Report, Table } from '../model';
import { templates, type ActiveItemDef, type TemplateDef } from '../templates';
import { activeItemGrid, itemLine, renderActiveItem, renderRows, type RenderOptions } from '../templates/render';
import { bareLabel, normalizeLabel, type Span } from '../text';
import { documentLayout, eolOf, rowStyle } from './layout-common';
import type { Finding, FindingFix } from './rule';
import { onlySeparators } from './tables-common';
import { isPipeDelimiter } from '../reader/tokens';

/** Section 二's sub-tables (those read under an item line). */
function activeTables(report: Report): Table[] {
  return report.tables.filter((table) => table.section === 2 && table.item !== undefined);
}

/**
 * The template section 二 is checked against: the format its sub-tables were read in, when that is the
 * format the report's year calls for (or the year is unknown). A report written in the other year's
 * format is template-version's; its items are not compared with either list.
 */
function activeTemplate(report: Report, tables: Table[]): TemplateDef | null {
  let votes2021 = 0;
  for (const table of tables) votes2021 += table.template.format === '2021' ? 1 : -1;
  if (votes2021 === 0) return null;
  const format = votes2021 > 0 ? '2021' : '2019';
  return report.expectedFormat === null || report.expectedFormat === format ? templates[format] : null;
}

interface MissingItem {
  item: ActiveItemDef;
  /** The nearest sub-table before it in template order that the report has, and after it. */
  previous: Table | null;
  next: Table | null;
}

/**
 * The items of the template's section 二 that the report lacks altogether: no item line, and none of
 * the item's rows under another item either (an item line lost above its rows leaves those rows in
 * the sub-table before, where label-mismatch reports them).
 */
function missingItems(report: Report, tables: Table[]): MissingItem[] {
  // No sub-table at all is table-missing's.
  if (tables.length === 0) return [];
  const template = activeTemplate(report, tables);
  if (template === null) return [];
  const tableOf = (item: ActiveItemDef): Table | null => tables.find((table) => table.item!.numeral === item.item) ?? null;
  const items = template.active;
  // Nearly every report has them all: the rows are looked at only when one is absent.
  if (items.every((item) => tableOf(item) !== null)) return [];
  const rowKeys = new Set<string>();
  for (const table of tables) for (const row of table.rows) rowKeys.add(bareLabel(row.label.raw));
  const missing: MissingItem[] = [];
  items.forEach((item, index) => {
    if (tableOf(item) !== null || item.rows.some((row) => rowKeys.has(bareLabel(row.text)))) return;
    let previous: Table | null = null;
    for (let k = index - 1; k >= 0 && previous === null; k--) previous = tableOf(items[k]);
    let next: Table | null = null;
    for (let k = index + 1; k < items.length && next === null; k++) next = tableOf(items[k]);
    missing.push({ item, previous, next });
  });
  return missing;
}

/**
 * How to write a sub-table next to `table`: in its layout (the document's when it mixes layouts), its
 * pipe style or its cell indentation, with the document's line break; `inline` when the item lines are
 * rows of one markdown table that holds all of section 二 ("| 第二十条第（五）项 | | |").
 */
function itemStyle(report: Report, table: Table): { options: RenderOptions; inline: boolean } {
  const style = rowStyle(report, table, table.rows[0] ?? null);
  if (style === null) return { options: { layout: documentLayout(report), eol: eolOf(report) }, inline: false };
  const inline = style.options.layout === 'pipe' && report.lines.lineAt(table.span.start).text.includes('|');
  // A sub-table of its own has its own columns: no padding to the neighbour's width.
  return { options: inline ? style.options : { ...style.options, pipeWidth: undefined }, inline };
}

/**
 * Whether the report separates its sub-tables by a blank line: the line before some item line other
 * than the first is blank. With one sub-table there is nothing to imitate.
 */
function blankBetweenItems(report: Report, tables: Table[]): boolean {
  const lines = report.lines.lines;
  return tables.some((table, index) => {
    if (index === 0) return false;
    const before = lines[report.lines.lineAt(table.span.start).index - 1];
    return before !== undefined && before.text.trim() === '';
  });
}

const SENTENCE_MARK = /[。；;：:！!？?]/;

/**
 * Whether the lines strictly between `from` and `to` hold anything but blank lines and sentences: cells
 * the reader placed in no sub-table (its item line lost or unreadable, say), which the reader may also
 * have taken for running text. A new sub-table there would stand beside them, so no fix is offered.
 */
function strayCellsBetween(report: Report, from: number, to: number): boolean {
  const lines = report.lines.lines;
  for (let index = Math.max(0, from + 1); index < Math.min(to, lines.length); index++) {
    const text = lines[index].text;
    if (text.trim() !== '' && !SENTENCE_MARK.test(text)) return true;
  }
  return false;
}

/**
 * Whether a line between `from` and `to` that is no sentence names one of the item's rows: its cells
 * are there, under an item line the reader could not read (or none).
 */
function rowsWrittenElsewhere(report: Report, item: ActiveItemDef, from: number, to: number): boolean {
  const lines = report.lines.lines;
  const labels = item.rows.map((row) => bareLabel(row.text));
  for (let index = Math.max(0, from + 1); index < Math.min(to, lines.length); index++) {
    const text = lines[index].text;
    if (text.trim() === '' || SENTENCE_MARK.test(text)) continue;
    const norm = normalizeLabel(text);
    if (labels.some((label) => norm.includes(label))) return true;
  }
  return false;
}

/** The line of the first heading below line `after` (where section 二 ends), or the document's end. */
function sectionEndAfter(report: Report, after: number): number {
  const next = report.sections.find((section) => section.line > after);
  return next === undefined ? report.lines.lines.length : next.line;
}

function insertion(item: ActiveItemDef, edits: FindingFix['edits'], en: boolean): FindingFix {
  return { title: en ? `Insert ${itemLine(item)} with zeros` : `插入${itemLine(item)}（数值为 0）`, edits, isPreferred: true };
}

/** The finding for a sub-table of section 二 that is missing altogether, with a fix that inserts it. */
function missingItemFinding(report: Report, tables: Table[], { item, previous, next }: MissingItem, en: boolean): Finding {
  const neighbour = (next ?? previous) as Table;
  const { options, inline } = itemStyle(report, neighbour);
  const eol = options.eol ?? '\n';
  // As rows of the one markdown table; else the item line as a paragraph over a table of its own.
  const block = inline ? renderRows([[itemLine(item)], ...activeItemGrid(item)], options) : renderActiveItem(item, options);
  // Markdown needs a blank line between a table and the paragraph after it, and one cell per line
  // separates its rows by blank lines anyway; otherwise the sub-tables are separated as the others are.
  const spaced = !inline && (options.layout === 'pipe' || options.layout === 'lines' || blankBetweenItems(report, tables));
  const separator = spaced ? eol + eol : eol;

  // Section 二's lines, and those around the place the sub-table goes: from the sub-table before it (or
  // the heading) to the one after it (or the next heading).
  const headingLine = report.sections.find((section) => section.def.index === 2)?.line ?? -1;
  const gapStart = previous !== null ? report.lines.lineAt(previous.span.end).index : headingLine;
  const gapEnd = next !== null ? report.lines.lineAt(next.span.start).index : sectionEndAfter(report, gapStart);
  const unread = rowsWrittenElsewhere(report, item, headingLine, sectionEndAfter(report, Math.max(headingLine, gapStart)));
  const clear = !unread && !strayCellsBetween(report, gapStart, gapEnd);

  const fixes: FindingFix[] = [];
  let span: Span;
  if (next !== null) {
    // Before the next sub-table's item line, where the template has it.
    const line = report.lines.lineAt(next.span.start);
    span = { start: next.span.start, end: line.end };
    const delimiter = inline ? report.lines.lines[line.index + 1] : undefined;
    if (clear && onlySeparators(report.text.slice(line.start, next.span.start))) {
      if (delimiter !== undefined && isPipeDelimiter(delimiter.text)) {
        // That item line is the markdown table's header row: the new sub-table goes first, its item
        // line the header row, and the delimiter row (as wide as its widest row) follows it instead.
        const header = renderRows([[itemLine(item)], ...activeItemGrid(item)], options, true);
        const after = report.lines.lines[delimiter.index + 1];
        fixes.push(
          insertion(
            item,
            [
              { span: { start: line.start, end: line.start }, newText: header + eol },
              { span: { start: delimiter.start, end: after === undefined ? delimiter.end : after.start }, newText: '' },
            ],
            en,
          ),
        );
      } else {
        fixes.push(insertion(item, [{ span: { start: line.start, end: line.start }, newText: block + separator }], en));
      }
    }
  } else {
    // After the last sub-table before it.
    const line = report.lines.lineAt(previous!.span.end);
    span = { start: line.start, end: line.end };
    if (clear && onlySeparators(report.text.slice(previous!.span.end, line.end))) {
      fixes.push(insertion(item, [{ span: { start: line.end, end: line.end }, newText: separator + block }], en));
    }
  }

  const rows = item.rows.map((row) => row.numbering + row.text);
  let message = en
    ? `Table 2 lacks ${itemLine(item)} (row${rows.length > 1 ? 's' : ''} ${rows.map((row) => `"${row}"`).join(', ')})`
    : `表二缺少${itemLine(item)}（${rows.map((row) => `“${row}”`).join('')}行）`;
  if (unread) {
    message += en
      ? '; its rows are written in section 2 but under no readable item line: is the item line missing or mistyped?'
      : '；第二部分写有该项的行，但找不到可识别的项目行，项目行是否缺失或写错？';
  }
  return { span, message, fixes };
}

/** Findings for the sub-tables of section 二 that are missing altogether. */
export function missingItemFindings(report: Report, en: boolean): Finding[] {
  const tables = activeTables(report);
  return missingItems(report, tables).map((missing) => missingItemFinding(report, tables, missing, en));
}
