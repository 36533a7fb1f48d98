import type { LabelMatch } from '../model';
import type { Span } from '../text';
import { defineRule, minimalEdit, tableName, type Finding, type FindingFix } from './rule';
import { checksTables } from './tables-common';

// The numbering a writer put in front of a label ("2.", "（三）", "一、", "（2）", "2）", "②"), kept as
// written by the fix.
const WRITTEN_NUMBERING =
  /^\s*(?:[一二三四五六七八九十]+[、.．,，:：]|[(（][一二三四五六七八九十]+[)）]|[(（]\d{1,2}[)）]|\d{1,2}[)）]|[\u2460-\u2473]|\d{1,2}[.．、,，:：]?)\s*/;
const TEMPLATE_NUMBERING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.)/;

function relabel(report: { text: string }, label: LabelMatch, en: boolean): FindingFix[] {
  // A label broken over several cells is left to the writer: joining cells is not a minimal edit.
  if (label.spans.length !== 1 || label.canonical === '') return [];
  const span: Span = label.spans[0];
  const written = report.text.slice(span.start, span.end);
  const numbering = WRITTEN_NUMBERING.exec(written)?.[0] ?? '';
  const canonicalText = label.canonical.replace(TEMPLATE_NUMBERING, '');
  const hasTemplateNumbering = TEMPLATE_NUMBERING.test(label.canonical);
  const target = numbering !== '' ? numbering + canonicalText : hasTemplateNumbering ? label.canonical : canonicalText;
  if (target === written) return [];
  return [
    {
      title: en ? `Change to "${label.canonical}"` : `改为“${label.canonical}”`,
      edits: [minimalEdit(span, written, target)],
      isPreferred: true,
    },
  ];
}

/** A row or column label that deviates from the template wording. */
export default defineRule({
  id: 'label-mismatch',
  category: 'tables',
  defaultSeverity: 'warning',
  title: '表格标签与模板不一致',
  titleEn: 'Table label deviates from the template',
  fixable: true,
  check(report, en) {
    if (!checksTables(report)) return [];
    const findings: Finding[] = [];
    for (const table of report.tables) {
      for (const header of table.header) {
        if (header.label.exact) continue;
        findings.push({
          span: header.label.spans[0],
          message: en
            ? `Column label "${header.label.raw}" deviates from the template; expected "${header.column.label}"`
            : `列标签“${header.label.raw}”与模板不一致，应为“${header.column.label}”`,
          fixes: relabel(report, { ...header.label, canonical: header.column.label }, en),
        });
      }
      for (const row of table.rows) {
        if (row.label.exact || row.label.spans.length === 0) continue;
        if (row.def === null) {
          findings.push({
            span: row.label.spans[0],
            message: en
              ? `Unrecognised row "${row.label.raw}": ${tableName(table, en)} has no such row`
              : `无法识别的行“${row.label.raw}”：${tableName(table, en)}中没有这一行`,
          });
          continue;
        }
        findings.push({
          span: row.label.spans[0],
          message: en
            ? `Row label "${row.label.raw}" deviates from the template; expected "${row.label.canonical}"`
            : `行标签“${row.label.raw}”与模板不一致，应为“${row.label.canonical}”`,
          fixes: relabel(report, row.label, en),
        });
      }
    }
    return findings;
  },
});
