import { defineRule, msg, rowsById, type Finding } from './rule';
import { holds, requestTables, resultSum, sumFinding } from './arithmetic-common';

/** Table 三: （七）总计 = （一） + （二） + the rows of （三）（四）（五） + （六）, per column. */
export default defineRule({
  id: 'result-total',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三办理结果总计错误',
  titleEn: 'Table 3 result total is wrong',
  fixable: true,
  check(report) {
    const findings: Finding[] = [];
    for (const table of requestTables(report)) {
      const rows = rowsById(table);
      for (const column of table.columns) {
        const check = resultSum(table, rows, column.id);
        if (check && !holds(check)) {
          findings.push(sumFinding(check, msg(`“（七）总计”·“${column.label}”`, `"(7) total" / "${column.label}"`)));
        }
      }
    }
    return findings;
  },
});
