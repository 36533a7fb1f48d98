import { defineRule, tableName, type Finding } from './rule';
import { checksTables } from './tables-common';

/** A table header lacks one of the template's column labels. */
export default defineRule({
  id: 'column-missing',
  category: 'tables',
  defaultSeverity: 'warning',
  title: '表头缺少列',
  titleEn: 'Header lacks a column',
  fixable: false,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      if (table.missingColumns.length === 0 || table.headerSpan === null) continue;
      const line = report.lines.lineAt(table.headerSpan.start);
      findings.push({
        span: { start: table.headerSpan.start, end: Math.min(line.end, table.headerSpan.end) },
        message: en
          ? `The header of ${tableName(table, en)} lacks ${table.missingColumns.map((column) => `"${column.label}"`).join(', ')}`
          : `${tableName(table, en)}的表头缺少${table.missingColumns.map((column) => `“${column.label}”`).join('、')}${table.missingColumns.length > 1 ? '等列' : '列'}`,
      });
    }
    return findings;
  },
});
