import { defineRule, msg, rowName, rowsById, cellOf, type Finding } from './rule';
import { addendName, evaluate, holds, requestTables, sumFinding } from './arithmetic-common';

/** Table 三: a subtotal written on a group row (（三）（四）（五）（六）) = its rows. */
export default defineRule({
  id: 'group-total',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三分组小计错误',
  titleEn: 'Table 3 group subtotal is wrong',
  fixable: true,
  check(report) {
    const findings: Finding[] = [];
    for (const table of requestTables(report)) {
      const rows = rowsById(table);
      const defs = table.template.requests.rows;
      for (const group of table.rows) {
        if (!group.def?.isGroup || !group.cells) continue;
        const children = defs.filter((def) => def.parent === group.def!.id);
        // Only groups of plain rows: 三、本年度办理结果 totals other groups and is checked as （七）.
        if (children.length === 0 || children.some((def) => def.isGroup)) continue;
        const childRows = children.map((def) => rows.get(def.id));
        if (childRows.some((row) => !row?.cells)) continue;
        for (const column of table.columns) {
          const check = evaluate(
            cellOf(group, column.id),
            childRows.map((row) => ({ name: addendName(table, row!), cell: cellOf(row!, column.id) })),
          );
          if (check && !holds(check)) {
            findings.push(sumFinding(check, msg(`“${rowName(group)}”小计·“${column.label}”`, `the subtotal of "${rowName(group)}" / "${column.label}"`)));
          }
        }
      }
    }
    return findings;
  },
});
