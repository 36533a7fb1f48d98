import { defineRule, msg, rowName, type Finding } from './rule';
import { evaluate, holds, requestTables, sumFinding } from './arithmetic-common';

/** Table 三: on every value row, 总计 = the six applicant columns. */
export default defineRule({
  id: 'row-total',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三行合计错误',
  titleEn: 'Table 3 row total is wrong',
  fixable: true,
  check(report) {
    const findings: Finding[] = [];
    for (const table of requestTables(report)) {
      const totalId = table.template.requests.totalColumn;
      for (const row of table.rows) {
        if (!row.cells) continue;
        const target = row.cells.find((cell) => cell.column.id === totalId);
        const addends = row.cells.filter((cell) => cell.column.id !== totalId).map((cell) => ({ name: cell.column.label, cell }));
        const check = evaluate(target, addends);
        if (check && !holds(check)) findings.push(sumFinding(check, msg(`“${rowName(row)}”的总计`, `the total of "${rowName(row)}"`)));
      }
    }
    return findings;
  },
});
