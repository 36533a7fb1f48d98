import type { Cell } from '../model';
import { defineRule, rowName, rowsById, cellOf, type Finding } from './rule';
import { addendName, evaluate, holds, requestTables, sumFinding, totalColumnFixable } from './arithmetic-common';

/** Table 三: a subtotal written on a group row (（三）（四）（五）（六）) = its rows. */
export default defineRule({
  id: 'group-total',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三分组小计错误',
  titleEn: 'Table 3 group subtotal is wrong',
  fixable: true,
  check(report, en) {
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
        const totalId = table.template.requests.totalColumn;
        const checks = table.columns.map((column) => {
          const addends: (Cell | undefined)[] = childRows.map((row) => cellOf(row!, column.id));
          return { columnId: column.id, label: column.label, check: evaluate(cellOf(group, column.id), addends) };
        });
        for (const { columnId, label, check } of checks) {
          if (check && !holds(check)) {
            const fixable = columnId !== totalId || totalColumnFixable(checks, totalId);
            const name = rowName(group);
            const names = childRows.map((row) => addendName(table, row!, en));
            const subject = en ? `the subtotal of "${name}" / "${label}"` : `“${name}”小计·“${label}”`;
            findings.push(sumFinding(check, names, subject, en, fixable));
          }
        }
      }
    }
    return findings;
  },
});
