import { cellName, defineRule, type Finding } from './rule';
import { checksTables } from './tables-common';

/** A cell that must hold a number is empty or holds a placeholder such as "—". */
export default defineRule({
  id: 'cell-blank',
  category: 'tables',
  defaultSeverity: 'warning',
  title: '单元格为空',
  titleEn: 'Blank cell',
  fixable: true,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      for (const row of table.rows) {
        if (row.cells === null) continue;
        for (const cell of row.cells) {
          if (cell.state !== 'blank' && cell.state !== 'placeholder') continue;
          let message: string;
          if (en) {
            const what = cell.state === 'blank' ? 'is blank' : `holds "${cell.token.raw}", not a number`;
            message = `${cellName(table, row, cell.column, en)} ${what}; write 0 when there is nothing to count`;
          } else {
            const what = cell.state === 'blank' ? '为空' : `填写的是“${cell.token.raw}”，不是数字`;
            message = `${cellName(table, row, cell.column, en)}${what}；没有数据时应填 0`;
          }
          findings.push({
            span: cell.token.span,
            message,
            fixes: [{ title: en ? 'Write 0' : '填入 0', edits: [{ span: cell.token.span, newText: '0' }], isPreferred: true }],
          });
        }
      }
    }
    return findings;
  },
});
