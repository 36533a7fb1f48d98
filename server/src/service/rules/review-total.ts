import { defineRule, msg, type Finding } from './rule';
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
  check(report) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      if (table.section !== 4) continue;
      const { groups, results, totalColumn } = table.template.reviews;
      for (const row of table.rows) {
        if (!row.cells) continue;
        for (const group of groups) {
          const cell = (id: string) => row.cells!.find((candidate) => candidate.column.id === `${group.id}.${id}`);
          const addends = results.filter((result) => result.id !== totalColumn).map((result) => ({ name: result.label, cell: cell(result.id) }));
          const check = evaluate(cell(totalColumn), addends);
          const name = group.path.join('·');
          if (check && !holds(check)) findings.push(sumFinding(check, msg(`“${name}”的总计`, `the total of "${name}"`)));
        }
      }
    }
    return findings;
  },
});
