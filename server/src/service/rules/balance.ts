import { cellOf, defineRule, formatNumber, numberCell, rowsById, type Finding } from './rule';
import { holds, requestTables, resultRows, resultSum } from './arithmetic-common';

/** Table 三: 一 + 二 = （七）总计 + 四, per column (the corner note of the table). */
export default defineRule({
  id: 'balance',
  category: 'arithmetic',
  defaultSeverity: 'error',
  title: '表三收支不平衡',
  titleEn: 'Table 3 does not balance',
  fixable: true,
  check(report, en) {
    const findings: Finding[] = [];
    for (const table of requestTables(report)) {
      const rows = rowsById(table);
      const { balance } = table.template.requests;
      const [newRow, carriedIn] = balance.left.map((id) => rows.get(id));
      const [totalRow, carriedOut] = balance.right.map((id) => rows.get(id));
      if (!newRow?.cells || !carriedIn?.cells || !totalRow?.cells || !carriedOut?.cells) continue;
      const results = resultRows(table, rows);
      const totalColumn = table.template.requests.totalColumn;
      // What 四 of each applicant column is once the fixes below are applied (null: unknown). The fix of
      // the 总计 column is offered only when it agrees with them, so it never fights the row total of
      // 四 (row-total) over the same cell: fix-all would otherwise flip that cell for ever.
      let settledOutSum: number | null = 0;
      for (const column of table.columns) {
        if (column.id === totalColumn || settledOutSum === null) continue;
        const received = numberCell(cellOf(newRow, column.id));
        const carried = numberCell(cellOf(carriedIn, column.id));
        const total = numberCell(cellOf(totalRow, column.id));
        const out = numberCell(cellOf(carriedOut, column.id));
        if (received === null || carried === null || total === null || out === null) settledOutSum = null;
        else if (Math.abs(received + carried - (total + out)) < 1e-9) settledOutSum += out;
        else {
          const sum = resultSum(table, rows, results, column.id);
          if (sum && !holds(sum) && Math.abs(received + carried - (sum.expected + out)) < 1e-9) settledOutSum += out;
          else settledOutSum = received + carried - total >= 0 ? settledOutSum + received + carried - total : null;
        }
      }
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
        const sum = resultSum(table, rows, results, column.id);
        if (sum && !holds(sum) && Math.abs(received + carried - (sum.expected + out)) < 1e-9) continue;
        const fixed = received + carried - total;
        const fixable = fixed >= 0 && (column.id !== totalColumn || (settledOutSum !== null && Math.abs(settledOutSum - fixed) < 1e-9));
        const totalCell = cellOf(totalRow, column.id)!;
        findings.push({
          span: outCell.token.span,
          message: en
            ? `Column "${column.label}" does not balance: 1 + 2 = ${formatNumber(received)} + ${formatNumber(carried)} = ${formatNumber(received + carried)}, (7) total + 4 = ${formatNumber(total)} + ${formatNumber(out)} = ${formatNumber(total + out)}`
            : `“${column.label}”列不平衡：一 + 二 = ${formatNumber(received)} + ${formatNumber(carried)} = ${formatNumber(received + carried)}，（七）总计 + 四 = ${formatNumber(total)} + ${formatNumber(out)} = ${formatNumber(total + out)}`,
          related: [
            { span: cellOf(newRow, column.id)!.token.span, message: en ? `1 new: ${formatNumber(received)}` : `一、本年新收：${formatNumber(received)}` },
            { span: cellOf(carriedIn, column.id)!.token.span, message: en ? `2 carried in: ${formatNumber(carried)}` : `二、上年结转：${formatNumber(carried)}` },
            { span: totalCell.token.span, message: en ? `(7) total: ${formatNumber(total)}` : `（七）总计：${formatNumber(total)}` },
          ],
          fixes:
            fixable
              ? [
                  {
                    title: en
                      ? `Set "4 carried over" to ${formatNumber(fixed)} (${formatNumber(received)} + ${formatNumber(carried)} − ${formatNumber(total)})`
                      : `将“四、结转下年度继续办理”改为 ${formatNumber(fixed)}（${formatNumber(received)} + ${formatNumber(carried)} − ${formatNumber(total)}）`,
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
