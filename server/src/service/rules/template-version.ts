import type { Table } from '../model';
import { templates } from '../templates';
import type { FormatId } from '../types';
import { defineRule, msg, tableName, type Finding } from './rule';

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
  check(report) {
    const findings: Finding[] = [];
    const judged = report.tables.filter((table) => table.format !== null && table.formatEvidence.length > 0);
    // Section 二's sub-tables count as one table: one finding for the lot, not one per item.
    const groups = new Map<string, Table[]>();
    for (const table of judged) {
      const key = `${table.section}:${table.format}`;
      groups.set(key, [...(groups.get(key) ?? []), table]);
    }
    const expected = report.expectedFormat;
    if (expected !== null) {
      for (const tables of groups.values()) {
        const table = tables[0];
        if (table.format === expected) continue;
        const evidence = table.formatEvidence[0].token;
        const year = report.year !== null ? `${report.year} 年度报告` : '本报告';
        const yearEn = report.year !== null ? `A ${report.year} report` : 'This report';
        findings.push({
          span: evidence.span,
          message: msg(
            `${year}应使用${notice(expected)}格式，${tableName(table).zh}却按${notice(table.format!)}格式填写（“${evidence.raw}”）`,
            `${yearEn} must use the ${expected} format (${notice(expected)}), but ${tableName(table).en} follows the ${table.format} format ("${evidence.raw}")`,
          ),
          related: tables.slice(1).map((other) => ({ span: other.formatEvidence[0].token.span, message: msg('同样按旧格式填写', 'also in that format') })),
        });
      }
    } else {
      const formats = new Set(judged.map((table) => table.format));
      if (formats.size > 1) {
        const odd = judged.find((table) => table.format !== report.format) ?? judged[0];
        findings.push({
          span: odd.formatEvidence[0].token.span,
          message: msg(
            `本报告的表格混用了 2019 年（60号）和 2021 年（30号）两种格式：${tableName(odd).zh}按${notice(odd.format!)}格式填写`,
            `The report mixes the 2019 and 2021 formats: ${tableName(odd).en} follows the ${odd.format} format`,
          ),
        });
      }
    }
    return findings;
  },
});
