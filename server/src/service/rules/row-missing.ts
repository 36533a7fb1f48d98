import { renderRequestRow } from '../templates/render';
import { defineRule, msg, tableName, type Finding, type FindingFix } from './rule';
import { checksTables } from './tables-common';

/** A template row is absent from its table. */
export default defineRule({
  id: 'row-missing',
  category: 'tables',
  defaultSeverity: 'error',
  title: '缺少表格行',
  titleEn: 'Missing table row',
  fixable: true,
  check(report) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      for (const missing of table.missingRows) {
        const label = missing.def.numbering + missing.def.text;
        const line = report.lines.lineAt(missing.before);
        const atEnd = missing.before >= table.span.end;
        const span = atEnd ? { start: line.start, end: line.end } : { start: missing.before, end: line.end };
        const fixes: FindingFix[] = [];
        // The row can be written for the tab layout; other layouts get the fix from the formatter later.
        if (table.layout === 'tab') {
          const row = renderRequestRow(missing.def, table.columns.length);
          const at = atEnd ? line.end : line.start;
          fixes.push({
            title: msg(`插入“${label}”行（数值为 0）`, `Insert the row "${label}" with zeros`),
            edits: [{ span: { start: at, end: at }, newText: atEnd ? `\n${row}` : `${row}\n` }],
            isPreferred: true,
          });
        }
        findings.push({
          span,
          message: msg(`${tableName(table).zh}缺少“${label}”行`, `${tableName(table).en} lacks the row "${label}"`),
          fixes,
        });
      }
    }
    return findings;
  },
});
