import { defineRule, formatNumber, type Finding } from './rule';
import { checksTables } from './tables-common';

/** The 2021 template's fee column, 本年收费金额（单位：万元）. */
const FEE_COLUMN = 'fees';

/** Digits after the decimal point of a number as written ("0.35605" → 5). */
function decimals(written: string): number {
  const dot = written.indexOf('.');
  if (dot < 0) return 0;
  let count = 0;
  for (let i = dot + 1; i < written.length; i++) {
    const code = written.charCodeAt(i);
    if (code < 48 || code > 57) break;
    count++;
  }
  return count;
}

/** 本年收费金额 looks like 元, not 万元: a 元 unit in the cell, or more than 4 decimals. */
export default defineRule({
  id: 'fee-unit',
  category: 'text',
  defaultSeverity: 'warning',
  title: '收费金额疑似以“元”填写',
  titleEn: 'Fee amount looks like yuan, not 10,000 yuan',
  fixable: false,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      if (table.section !== 2) continue;
      for (const row of table.rows) {
        for (const cell of row.cells ?? []) {
          if (cell.column.id !== FEE_COLUMN || cell.state !== 'number' || cell.value === null) continue;
          const token = cell.token;
          const written = token.raw;
          if (token.unit === '元') {
            const converted = formatNumber(Math.round((cell.value / 10000) * 1e8) / 1e8);
            findings.push({
              span: token.span,
              message: en
                ? `The fee amount (本年收费金额) is in 10,000 yuan (万元): "${written}" is ${converted}`
                : `本年收费金额的单位是万元，“${written}”应写作 ${converted}`,
            });
          } else if (token.unit === undefined && decimals(token.norm) > 4) {
            findings.push({
              span: token.span,
              message: en
                ? `The fee amount (本年收费金额) is in 10,000 yuan (万元), where 4 decimals are already one yuan; "${written}" has ${decimals(token.norm)}: check the unit`
                : `本年收费金额的单位是万元，4 位小数已精确到 1 元；“${written}”有 ${decimals(token.norm)} 位小数，请核对单位`,
            });
          }
        }
      }
    }
    return findings;
  },
});
