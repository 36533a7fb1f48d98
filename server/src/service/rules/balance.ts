import { cellOf, defineRule, formatNumber, msg, numberCell, rowsById, type Finding } from './rule';
import { holds, requestTables, resultSum } from './arithmetic-common';

/** Table 三: 一 + 二 = （七）总计 + 四, per column (the corner note of the table). */
export default defineRule({
  id: 'balance',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三收支不平衡',
  titleEn: 'Table 3 does not balance',
  fixable: true,
  check(report) {
    const findings: Finding[] = [];
    for (const table of requestTables(report)) {
      const rows = rowsById(table);
      const { balance } = table.template.requests;
      const [newRow, carriedIn] = balance.left.map((id) => rows.get(id));
      const [totalRow, carriedOut] = balance.right.map((id) => rows.get(id));
      if (!newRow?.cells || !carriedIn?.cells || !totalRow?.cells || !carriedOut?.cells) continue;
      for (const column of table.columns) {
        const received = numberCell(cellOf(newRow, column.id));
        const carried = numberCell(cellOf(carriedIn, column.id));
        const total = numberCell(cellOf(totalRow, column.id));
        const outCell = cellOf(carriedOut, column.id);
        const out = numberCell(outCell);
        if (received === null || carried === null || total === null || out === null || !outCell) continue;
        if (Math.abs(received + carried - (total + out)) < 1e-9) continue;
        // When （七）总计 itself is off from its rows and the corrected total would balance, the
        // result-total finding already says what is wrong; a second error here would be a guess.
        const sum = resultSum(table, rows, column.id);
        if (sum && !holds(sum) && Math.abs(received + carried - (sum.expected + out)) < 1e-9) continue;
        const fixed = received + carried - total;
        const totalCell = cellOf(totalRow, column.id)!;
        findings.push({
          span: outCell.token.span,
          message: msg(
            `“${column.label}”列不平衡：一 + 二 = ${formatNumber(received)} + ${formatNumber(carried)} = ${formatNumber(received + carried)}，（七）总计 + 四 = ${formatNumber(total)} + ${formatNumber(out)} = ${formatNumber(total + out)}`,
            `Column "${column.label}" does not balance: 1 + 2 = ${formatNumber(received)} + ${formatNumber(carried)} = ${formatNumber(received + carried)}, (7) total + 4 = ${formatNumber(total)} + ${formatNumber(out)} = ${formatNumber(total + out)}`,
          ),
          related: [
            { span: cellOf(newRow, column.id)!.token.span, message: msg(`一、本年新收：${formatNumber(received)}`, `1 new: ${formatNumber(received)}`) },
            { span: cellOf(carriedIn, column.id)!.token.span, message: msg(`二、上年结转：${formatNumber(carried)}`, `2 carried in: ${formatNumber(carried)}`) },
            { span: totalCell.token.span, message: msg(`（七）总计：${formatNumber(total)}`, `(7) total: ${formatNumber(total)}`) },
          ],
          fixes:
            fixed >= 0
              ? [
                  {
                    title: msg(
                      `将“四、结转下年度继续办理”改为 ${formatNumber(fixed)}（${formatNumber(received)} + ${formatNumber(carried)} − ${formatNumber(total)}）`,
                      `Set "4 carried over" to ${formatNumber(fixed)} (${formatNumber(received)} + ${formatNumber(carried)} − ${formatNumber(total)})`,
                    ),
                    edits: [{ span: outCell.token.span, newText: formatNumber(fixed) }],
                    isPreferred: true,
                  },
                ]
              : [],
        });
      }
    }
    return findings;
  },
});
