import type { Cell } from '../model';
import { defineRule, msg, rowName, type Finding, type Message } from './rule';
import { checksTables, placedCells } from './tables-common';

function reason(cell: Cell): Message {
  const token = cell.token;
  if (token.kind !== 'number' || token.value === undefined) return msg('不是数字', 'is not a number');
  if (token.unit !== undefined && cell.column.kind !== 'money') return msg(`带有单位“${token.unit}”，此列只填数字`, `carries the unit "${token.unit}"; this column holds plain numbers`);
  if (token.unit !== undefined) return msg(`的单位“${token.unit}”不是金额单位`, `has the unit "${token.unit}", not a unit of money`);
  if (token.value < 0 && cell.column.kind === 'money') return msg('是负数，金额不能为负', 'is negative; an amount cannot be');
  if (token.value < 0) return msg('是负数，件数不能为负', 'is negative; a count cannot be');
  if (!Number.isInteger(token.value)) return msg('是小数，件数应为整数', 'is fractional; a count is a whole number');
  return msg('不是有效的数值', 'is not a valid value');
}

/** A cell that holds something other than a valid number for its column. */
export default defineRule({
  id: 'cell-invalid',
  category: 'tables',
  defaultSeverity: 'error',
  title: '单元格数值无效',
  titleEn: 'Invalid cell value',
  fixable: false,
  check(report) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const { row, cell } of placedCells(report)) {
      if (cell.state !== 'invalid') continue;
      const why = reason(cell);
      findings.push({
        span: cell.token.span,
        message: msg(
          `“${rowName(row)}”·“${cell.column.label}”的值“${cell.token.raw}”${why.zh}`,
          `"${rowName(row)}" / "${cell.column.label}": "${cell.token.raw}" ${why.en}`,
        ),
      });
    }
    return findings;
  },
});
