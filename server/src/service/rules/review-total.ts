import { cellOf, defineRule, type Finding } from './rule';
import { evaluate, holds, sumFinding } from './arithmetic-common';
import { checksTables } from './tables-common';

/** Table 四: in each of the three groups, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export default defineRule({
  id: 'review-total',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表四合计错误',
  titleEn: 'Table 4 total is wrong',
  fixable: true,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      if (table.section !== 4) continue;
      const { groups, results, totalColumn } = table.template.reviews;
      const parts = results.filter((result) => result.id !== totalColumn);
      for (const row of table.rows) {
        if (!row.cells) continue;
        for (const group of groups) {
          const check = evaluate(
            cellOf(row, `${group.id}.${totalColumn}`),
            parts.map((result) => cellOf(row, `${group.id}.${result.id}`)),
          );
          if (check && !holds(check)) {
            const name = group.path.join('·');
            const names = parts.map((result) => result.label);
            findings.push(sumFinding(check, names, en ? `the total of "${name}"` : `“${name}”的总计`, en));
          }
        }
      }
    }
    return findings;
  },
});
