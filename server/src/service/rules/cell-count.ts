import { defineRule, msg, rowName, tableName, type Finding } from './rule';
import { checksTables, valuesSpan } from './tables-common';

/** A value row with more or fewer values than the table has columns: its values cannot be placed. */
export default defineRule({
  id: 'cell-count',
  category: 'tables',
  defaultSeverity: 'error',
  title: '数值个数与列数不符',
  titleEn: 'Wrong number of values in a row',
  fixable: false,
  check(report) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      const expected = table.columns.length;
      for (const row of table.rows) {
        if (row.problem !== 'count') continue;
        const values = row.slots.filter((slot) => slot.kind !== 'empty').length;
        const blanks = row.emptyCells;
        const name = table.section === 4 ? tableName(table).zh : `“${rowName(row)}”`;
        const nameEn = table.section === 4 ? tableName(table).en : `"${rowName(row)}"`;
        const diff = values < expected ? `少 ${expected - values} 个` : `多 ${values - expected} 个`;
        const diffEn = values < expected ? `${expected - values} missing` : `${values - expected} too many`;
        const blankHint = values < expected && blanks > 0 ? `；有 ${blanks} 个单元格为空白，没有数据时应填 0` : '';
        const blankHintEn = values < expected && blanks > 0 ? `; ${blanks} cells are blank and should hold 0` : '';
        findings.push({
          span: valuesSpan(report, row),
          message: msg(
            `${name}有 ${values} 个数值，表格有 ${expected} 列（${diff}）${blankHint}。无法确定各数值所属的列，此行不参与勾稽关系检查`,
            `${nameEn} has ${values} values for ${expected} columns (${diffEn})${blankHintEn}. The values cannot be placed, so the row is left out of the total checks`,
          ),
          related: row.slots.slice(0, 20).map((slot, index) => ({
            span: slot.span,
            message: msg(`第 ${index + 1} 个值“${slot.raw}”`, `value ${index + 1} "${slot.raw}"`),
          })),
        });
      }
      // A table 四 header with no value row after it.
      if (table.section === 4 && table.rows.length === 0 && table.headerSpan) {
        const line = report.lines.lineAt(table.headerSpan.start);
        findings.push({
          span: { start: table.headerSpan.start, end: line.end },
          message: msg(`${tableName(table).zh}没有数值行，应有 ${expected} 个数值`, `${tableName(table).en} has no values; ${expected} expected`),
        });
      }
    }
    return findings;
  },
});
