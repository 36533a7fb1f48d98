import { defineRule, msg, rowName, type Finding } from './rule';
import { checksTables, placedCells } from './tables-common';

/** A cell that must hold a number is empty or holds a placeholder such as "—". */
export default defineRule({
  id: 'cell-blank',
  category: 'tables',
  defaultSeverity: 'warning',
  title: '单元格为空',
  titleEn: 'Blank cell',
  fixable: true,
  check(report) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const { row, cell } of placedCells(report)) {
      if (cell.state !== 'blank' && cell.state !== 'placeholder') continue;
      const where = `“${rowName(row)}”·“${cell.column.label}”`;
      const whereEn = `"${rowName(row)}" / "${cell.column.label}"`;
      const what = cell.state === 'blank' ? msg('为空', 'is blank') : msg(`填写的是“${cell.token.raw}”，不是数字`, `holds "${cell.token.raw}", not a number`);
      findings.push({
        span: cell.token.span,
        message: msg(`${where}${what.zh}；没有数据时应填 0`, `${whereEn} ${what.en}; write 0 when there is nothing to count`),
        fixes: [
          {
            title: msg('填入 0', 'Write 0'),
            edits: [{ span: cell.token.span, newText: '0' }],
            isPreferred: true,
          },
        ],
      });
    }
    return findings;
  },
});
