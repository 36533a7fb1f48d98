import type { Cell } from '../model';
import { defineRule, rowName, type Finding } from './rule';
import { evaluate, holds, requestTables, sumFinding } from './arithmetic-common';

/** Table 三: on every value row, 总计 = the six applicant columns. */
export default defineRule({
  id: 'row-total',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三行合计错误',
  titleEn: 'Table 3 row total is wrong',
  fixable: true,
  check(report, en) {
    const findings: Finding[] = [];
    for (const table of requestTables(report)) {
      const totalId = table.template.requests.totalColumn;
      for (const row of table.rows) {
        const cells = row.cells;
        if (!cells) continue;
        let target: Cell | undefined;
        const addends: Cell[] = [];
        for (const cell of cells) {
          if (cell.column.id !== totalId) addends.push(cell);
          else target ??= cell;
        }
        const check = evaluate(target, addends);
        if (check && !holds(check)) {
          const name = rowName(row);
          const names = addends.map((cell) => cell.column.label);
          findings.push(sumFinding(check, names, en ? `the total of "${name}"` : `“${name}”的总计`, en));
        }
      }
    }
    return findings;
  },
});
