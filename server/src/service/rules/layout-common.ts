// How the text around an insertion is written, so that the fixes that insert a section, a table or a row
// write it the same way: the document's line break, its markdown heading marks, the layout of its
// tables, and for a row the exact style of the neighbouring rows (pipe width, cell indentation).
import type { Report, Row, Table } from '../model';
import type { RenderLayout, RenderOptions } from '../templates/render';
import type { Line } from '../text';

/** The document's line break (its first one), so inserted lines match the rest. */
export function eolOf(report: Report): string {
  // Read at the end of the first line (no scan: fixes ask for it once per inserted row).
  const lines = report.lines.lines;
  if (lines.length < 2) return '\n';
  const at = lines[0].end;
  if (report.text[at] !== '\r') return '\n';
  return report.text[at + 1] === '\n' ? '\r\n' : '\r';
}

const MARKDOWN_HEADING = /^[ \t]{0,3}(#{1,6}[ \t]+)/;

/** The markdown marks before the section headings ("## "), or none. */
export function headingPrefixOf(report: Report): string {
  for (const section of report.sections) {
    const line = report.lines.lines[section.line];
    const match = MARKDOWN_HEADING.exec(report.text.slice(line.start, section.headingSpan.start));
    if (match) return match[1];
  }
  return '';
}

function isMarkdown(report: Report): boolean {
  if (headingPrefixOf(report) !== '') return true;
  const title = report.title ? report.lines.lineAt(report.title.span.start).text : '';
  return MARKDOWN_HEADING.test(title);
}

/**
 * The layout a new table in this report should take: that of most of its tables, or for a report with
 * none, markdown pipes in a markdown document and tabs elsewhere.
 */
export function documentLayout(report: Report): RenderLayout {
  const counts = new Map<RenderLayout, number>();
  for (const table of report.tables) {
    if (table.layout === 'mixed') continue;
    counts.set(table.layout, (counts.get(table.layout) ?? 0) + 1);
  }
  let best: RenderLayout | null = null;
  for (const [layout, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = layout;
  return best ?? (isMarkdown(report) ? 'pipe' : 'tab');
}

/** Options for writing a whole table (or section skeleton) into the report. */
export function tableOptions(report: Report): RenderOptions {
  return { layout: documentLayout(report), eol: eolOf(report), headingPrefix: headingPrefixOf(report) };
}

/** The line holding a row's label (or its first value). */
function rowLine(report: Report, row: Row): Line | null {
  const at = row.label.spans[0]?.start ?? row.slots[0]?.span.start;
  return at === undefined ? null : report.lines.lineAt(at);
}

function rowLayout(table: Table, row: Row | null): RenderLayout | null {
  if (table.layout !== 'mixed') return table.layout;
  // A mixed table: write the row the way its neighbour is written.
  const layout = row?.slots.find((token) => token.kind !== 'empty')?.layout;
  return layout && layout !== 'mixed' ? layout : null;
}

export interface RowStyle {
  options: RenderOptions;
  /** The one-cell-per-line layout separates rows by a blank line. */
  blankBetweenRows: boolean;
}

/**
 * How to write a new row next to `near` (a row of the table) so that it looks like its neighbours:
 * its layout, for pipes the width and spacing of the neighbour's line, for one cell per line the
 * indentation of the cells and whether a blank line separates rows. Null when the table's layout is
 * too irregular to imitate.
 */
export function rowStyle(report: Report, table: Table, near: Row | null): RowStyle | null {
  const layout = rowLayout(table, near);
  if (layout === null) return null;
  const options: RenderOptions = { layout, eol: eolOf(report) };
  const line = near ? rowLine(report, near) : null;
  let blankBetweenRows = false;
  if (line && layout === 'pipe') {
    const body = line.text.trim();
    // "| a | b |" has one pipe more than cells; a row without the closing pipe has as many, and one
    // without either outer pipe (GFM allows it) one fewer.
    const pipes = body.split('|').length - 1;
    const leading = body.startsWith('|');
    options.pipeWidth = pipes + 1 - (leading ? 1 : 0) - (body.endsWith('|') ? 1 : 0);
    options.pipeBare = !leading;
    options.pipeCompact = leading ? !/\|[ \t]/.test(body) : !/[ \t]\|/.test(body);
  }
  if (line && layout === 'lines') {
    options.cellIndent = /^[ \t\u3000]*/.exec(line.text)?.[0] ?? '';
    const previous = report.lines.lines[line.index - 1];
    blankBetweenRows = previous !== undefined && previous.text.trim() === '';
  }
  return { options, blankBetweenRows };
}
