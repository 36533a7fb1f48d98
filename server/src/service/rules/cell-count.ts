import type { Token } from '../model';
import { defineRule, rowName, tableName, type Finding, type Related } from './rule';
import { checksTables, labelSpan, valuesSpan } from './tables-common';

/** At most this many values of a miscounted row are pointed out one by one. */
const MAX_RELATED = 20;

/**
 * The values one by one, when they stand on several lines (one cell per line): there the finding's
 * range covers lines the user cannot see at once. Values that share one line are all under the
 * squiggle already, and listing them again would only add a row per value to the Problems view.
 */
function valuesByLine(slots: readonly Token[], en: boolean): Related[] | undefined {
  if (slots.length === 0 || slots.every((slot) => slot.line === slots[0].line)) return undefined;
  const shown = Math.min(slots.length, MAX_RELATED);
  const related: Related[] = new Array(shown);
  for (let index = 0; index < shown; index++) {
    const slot = slots[index];
    related[index] = { span: slot.span, message: en ? `value ${index + 1} "${slot.raw}"` : `第 ${index + 1} 个值“${slot.raw}”` };
  }
  return related;
}

/** A value row with more or fewer values than the table has columns: its values cannot be placed. */
export default defineRule({
  id: 'cell-count',
  category: 'tables',
  defaultSeverity: 'error',
  title: '数值个数与列数不符',
  titleEn: 'Wrong number of values in a row',
  fixable: false,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      const expected = table.columns.length;
      table.rows.forEach((row, index) => {
        const next = table.rows[index + 1];
        if (
          row.problem === undefined &&
          row.slots.length === 0 &&
          row.def !== null &&
          !row.def.isGroup &&
          row.label.exact &&
          (next === undefined || next.def !== null)
        ) {
          // A template row written with its label only (blank to the end of the line, or the next label
          // straight after it): every value is missing. Only a label read exactly, and followed by another
          // template row or nothing: a fragment that merely resembles a label, or text the reader could not
          // place after it (the rest of a label wrapped in a narrow column, with the values), leaves it
          // open where the values went.
          const name = en ? `"${rowName(row)}"` : `“${rowName(row)}”`;
          findings.push({
            span: labelSpan(row),
            message: en
              ? `${name} has no values; ${expected} expected (write 0 where there is nothing to count)`
              : `${name}没有数值，应有 ${expected} 个；没有数据时应填 0`,
          });
          return;
        }
        if (row.problem !== 'count') return;
        let values = 0;
        for (const slot of row.slots) if (slot.kind !== 'empty') values++;
        const blanks = row.emptyCells;
        const name = table.section === 4 ? tableName(table, en) : en ? `"${rowName(row)}"` : `“${rowName(row)}”`;
        let message: string;
        if (en) {
          const diff = values < expected ? `${expected - values} missing` : `${values - expected} too many`;
          const blankHint = values < expected && blanks > 0 ? `; ${blanks} cells are blank and should hold 0` : '';
          message = `${name} has ${values} values for ${expected} columns (${diff})${blankHint}. The values cannot be placed, so the row is left out of the total checks`;
        } else {
          const diff = values < expected ? `少 ${expected - values} 个` : `多 ${values - expected} 个`;
          const blankHint = values < expected && blanks > 0 ? `；有 ${blanks} 个单元格为空白，没有数据时应填 0` : '';
          message = `${name}有 ${values} 个数值，表格有 ${expected} 列（${diff}）${blankHint}。无法确定各数值所属的列，此行不参与勾稽关系检查`;
        }
        findings.push({ span: valuesSpan(row), message, related: valuesByLine(row.slots, en) });
      });
      // A table 四 header with no value row after it.
      if (table.section === 4 && table.rows.length === 0 && table.headerSpan) {
        const line = report.lines.lineAt(table.headerSpan.start);
        findings.push({
          span: { start: table.headerSpan.start, end: line.end },
          message: en ? `${tableName(table, en)} has no values; ${expected} expected` : `${tableName(table, en)}没有数值行，应有 ${expected} 个数值`,
        });
      }
    }
    return findings;
  },
});
