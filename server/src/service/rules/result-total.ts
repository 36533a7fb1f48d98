import { defineRule, rowsById, type Finding } from './rule';
import { addendName, holds, requestTables, resultRows, resultSum, sumFinding, totalColumnFixable } from './arithmetic-common';

/** Table 三: （七）总计 = （一） + （二） + the rows of （三）（四）（五） + （六）, per column. */
export default defineRule({
  id: 'result-total',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三办理结果总计错误',
  titleEn: 'Table 3 result total is wrong',
  fixable: true,
  check(report, en) {
    const findings: Finding[] = [];
    for (const table of requestTables(report)) {
      const rows = rowsById(table);
      const results = resultRows(table, rows);
      if (results === null) continue;
      const totalId = table.template.requests.totalColumn;
      const checks = table.columns.map((column) => ({ columnId: column.id, label: column.label, check: resultSum(table, rows, results, column.id) }));
      for (const { columnId, label, check } of checks) {
        if (check && !holds(check)) {
          const fixable = columnId !== totalId || totalColumnFixable(checks, totalId);
          const names = results.map((row) => addendName(table, row, en));
          findings.push(sumFinding(check, names, en ? `"(7) total" / "${label}"` : `“（七）总计”·“${label}”`, en, fixable));
        }
      }
    }
    return findings;
  },
});
