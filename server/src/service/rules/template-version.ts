import type { Table } from '../model';
import { templates } from '../templates';
import type { FormatId } from '../types';
import { defineRule, tableName, type Finding } from './rule';

function notice(format: FormatId): string {
  return templates[format].notice;
}

/** Tables that follow the other format than the year requires, or a report that mixes both. */
export default defineRule({
  id: 'template-version',
  category: 'document',
  defaultSeverity: 'warning',
  title: '表格格式与报告年度不符',
  titleEn: 'Tables follow the wrong year\'s format',
  fixable: false,
  check(report, en) {
    const findings: Finding[] = [];
    const judged = report.tables.filter((table) => table.format !== null && table.formatEvidence.length > 0);
    // Section 二's sub-tables count as one table: one finding for the lot, not one per item.
    const groups = new Map<string, Table[]>();
    for (const table of judged) {
      const key = `${table.section}:${table.format}`;
      const group = groups.get(key);
      if (group) group.push(table);
      else groups.set(key, [table]);
    }
    const expected = report.expectedFormat;
    if (expected !== null) {
      for (const tables of groups.values()) {
        const table = tables[0];
        if (table.format === expected) continue;
        const evidence = table.formatEvidence[0].token;
        const year = en ? (report.year !== null ? `A ${report.year} report` : 'This report') : report.year !== null ? `${report.year} 年度报告` : '本报告';
        const also = en ? 'also in that format' : '同样按旧格式填写';
        findings.push({
          span: evidence.span,
          message: en
            ? `${year} must use the ${expected} format (${notice(expected)}), but ${tableName(table, en)} follows the ${table.format} format ("${evidence.raw}")`
            : `${year}应使用${notice(expected)}格式，${tableName(table, en)}却按${notice(table.format!)}格式填写（“${evidence.raw}”）`,
          related: tables.slice(1).map((other) => ({ span: other.formatEvidence[0].token.span, message: also })),
        });
      }
    } else {
      const formats = new Set(judged.map((table) => table.format));
      if (formats.size > 1) {
        const odd = judged.find((table) => table.format !== report.format) ?? judged[0];
        findings.push({
          span: odd.formatEvidence[0].token.span,
          message: en
            ? `The report mixes the 2019 and 2021 formats: ${tableName(odd, en)} follows the ${odd.format} format`
            : `本报告的表格混用了 2019 年（60号）和 2021 年（30号）两种格式：${tableName(odd, en)}按${notice(odd.format!)}格式填写`,
        });
      }
    }
    return findings;
  },
});
