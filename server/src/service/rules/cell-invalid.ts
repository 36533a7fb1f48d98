import type { Cell } from '../model';
import { cellName, defineRule, type Finding } from './rule';
import { checksTables } from './tables-common';

function reason(cell: Cell, en: boolean): string {
  const token = cell.token;
  if (token.kind !== 'number' || token.value === undefined) return en ? 'is not a number' : '不是数字';
  if (token.unit !== undefined && cell.column.kind !== 'money') {
    return en ? `carries the unit "${token.unit}"; this column holds plain numbers` : `带有单位“${token.unit}”，此列只填数字`;
  }
  if (token.unit !== undefined) return en ? `has the unit "${token.unit}", not a unit of money` : `的单位“${token.unit}”不是金额单位`;
  if (token.value < 0 && cell.column.kind === 'money') return en ? 'is negative; an amount cannot be' : '是负数，金额不能为负';
  if (token.value < 0) return en ? 'is negative; a count cannot be' : '是负数，件数不能为负';
  if (!Number.isInteger(token.value)) return en ? 'is fractional; a count is a whole number' : '是小数，件数应为整数';
  return en ? 'is not a valid value' : '不是有效的数值';
}

/** A cell that holds something other than a valid number for its column. */
export default defineRule({
  id: 'cell-invalid',
  category: 'tables',
  defaultSeverity: 'error',
  title: '单元格数值无效',
  titleEn: 'Invalid cell value',
  fixable: false,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      for (const row of table.rows) {
        if (row.cells === null) continue;
        for (const cell of row.cells) {
          if (cell.state !== 'invalid') continue;
          const why = reason(cell, en);
          findings.push({
            span: cell.token.span,
            message: en
              ? `${cellName(table, row, cell.column, en)}: "${cell.token.raw}" ${why}`
              : `${cellName(table, row, cell.column, en)}的值“${cell.token.raw}”${why}`,
          });
        }
      }
    }
    return findings;
  },
});
