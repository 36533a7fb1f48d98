import type { Row, Table } from '../model';
import { renderRows, requestRowCells } from '../templates/render';
import { rowStyle } from './layout-common';
import { defineRule, tableName, type Finding, type FindingFix } from './rule';
import { missingItemFindings } from './missing-items';
import { checksTables, onlySeparators } from './tables-common';

/** The row found where the missing one belongs (it goes before that row), or the table's last row. */
function neighbour(table: Table, before: number): Row | null {
  const next = table.rows.find((row) => row.label.spans.some((span) => span.start === before));
  return next ?? table.rows[table.rows.length - 1] ?? null;
}

/** A template row is absent from its table. */
export default defineRule({
  id: 'row-missing',
  category: 'tables',
  defaultSeverity: 'error',
  title: '缺少表格行',
  titleEn: 'Missing table row',
  fixable: true,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      for (const missing of table.missingRows) {
        const label = missing.def.numbering + missing.def.text;
        const line = report.lines.lineAt(missing.before);
        const atEnd = missing.before >= table.span.end;
        const span = atEnd ? { start: line.start, end: line.end } : { start: missing.before, end: line.end };
        const fixes: FindingFix[] = [];
        // Written like the row next to it: tab cells, pipe cells of the same width, or one cell per line.
        const near = neighbour(table, missing.before);
        const style = rowStyle(report, table, near);
        // A line shared with text that is not this table's (another table starting mid-line, a stray
        // label before the row) leaves no place where the new row would be read as this table's.
        const lastLine = report.lines.lineAt(table.span.end);
        const shared = atEnd
          ? !onlySeparators(report.text.slice(table.span.end, lastLine.end))
          : style?.options.layout !== 'tab' && !onlySeparators(report.text.slice(line.start, missing.before));
        // A table of which no row was read (an item line alone, say) has no body to add a row to: the
        // rows would not be read as its own, so no fix is offered.
        if (near && style && !shared) {
          const { options, blankBetweenRows } = style;
          const eol = options.eol ?? '\n';
          const row = renderRows([requestRowCells(missing.def, table.columns.length)], options);
          const separator = blankBetweenRows ? eol + eol : eol;
          let at: number;
          let newText: string;
          if (atEnd) {
            at = lastLine.end;
            newText = separator + row;
          } else if (options.layout === 'tab' && report.text.slice(line.start, missing.before).trim() !== '') {
            // The next row shares its line with a group label ("（四）无法提供\t1.…"): the new row takes
            // that place and the next row moves to a line of its own.
            at = missing.before;
            newText = row + eol;
          } else {
            at = line.start;
            newText = row + separator;
          }
          fixes.push({
            title: en ? `Insert the row "${label}" with zeros` : `插入“${label}”行（数值为 0）`,
            edits: [{ span: { start: at, end: at }, newText }],
            isPreferred: true,
          });
        }
        findings.push({
          span,
          message: en ? `${tableName(table, en)} lacks the row "${label}"` : `${tableName(table, en)}缺少“${label}”行`,
          fixes,
        });
      }
    }
    // Whole sub-tables of section 二: each of their rows is absent too.
    for (const finding of missingItemFindings(report, en)) findings.push(finding);
    return findings;
  },
});
