import { defineRule, rowName, tableName, type Finding } from './rule';
import { checksTables, valuesSpan } from './tables-common';

/** Digits run together with no separator, so the row's cells cannot be told apart. */
export default defineRule({
  id: 'cells-merged',
  category: 'tables',
  defaultSeverity: 'error',
  title: '数字粘连，无法分辨单元格',
  titleEn: 'Cells run together',
  fixable: false,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      for (const row of table.rows) {
        if (row.problem !== 'merged') continue;
        const merged = row.slots.find((slot) => slot.merged) ?? row.slots.find((slot) => slot.kind === 'number' && slot.raw.length > 1);
        const name = table.section === 4 ? tableName(table, en) : en ? `"${rowName(row)}"` : `“${rowName(row)}”`;
        findings.push({
          span: merged ? merged.span : valuesSpan(row),
          message: en
            ? `In ${name} the digits "${merged?.raw ?? ''}" look like several cells run together; separate them with tabs or spaces. The row is left out of the total checks`
            : `${name}的数字“${merged?.raw ?? ''}”像是几个单元格连在了一起（缺少分隔符），无法分辨各列数值；请用制表符或空格分开，此行不参与勾稽关系检查`,
        });
      }
    }
    return findings;
  },
});
