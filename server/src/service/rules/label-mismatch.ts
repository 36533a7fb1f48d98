import type { LabelMatch } from '../model';
import { defineRule, minimalEdit, tableName, type Finding, type FindingFix, type Related } from './rule';
import { checksTables } from './tables-common';

// The numbering a writer put in front of a label ("2.", "（三）", "一、", "（2）", "2）", "②"), kept as
// written by the fix.
const WRITTEN_NUMBERING =
  /^\s*(?:[一二三四五六七八九十]+[、.．,，:：]|[(（][一二三四五六七八九十]+[)）]|[(（]\d{1,2}[)）]|\d{1,2}[)）]|[\u2460-\u2473]|\d{1,2}[.．、,，:：]?)\s*/;
const TEMPLATE_NUMBERING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.)/;

function relabel(report: { text: string }, label: LabelMatch, en: boolean): FindingFix[] {
  if (label.spans.length === 0 || label.canonical === '') return [];
  // A label broken over several cells (wrapped in a narrow column) is corrected as the cells read
  // together; the edit must then fall within one cell, since joining cells is not a minimal edit.
  let written = '';
  for (const span of label.spans) written += report.text.slice(span.start, span.end);
  const numbering = WRITTEN_NUMBERING.exec(written)?.[0] ?? '';
  const canonicalText = label.canonical.replace(TEMPLATE_NUMBERING, '');
  const hasTemplateNumbering = TEMPLATE_NUMBERING.test(label.canonical);
  const target = numbering !== '' ? numbering + canonicalText : hasTemplateNumbering ? label.canonical : canonicalText;
  if (target === written) return [];
  const edit = minimalEdit({ start: 0, end: written.length }, written, target);
  let at = 0;
  for (const span of label.spans) {
    const length = span.end - span.start;
    // An insertion where two cells meet goes at the end of the first.
    if (edit.span.start >= at && edit.span.end <= at + length) {
      return [
        {
          title: en ? `Change to "${label.canonical}"` : `改为“${label.canonical}”`,
          edits: [{ span: { start: span.start + edit.span.start - at, end: span.start + edit.span.end - at }, newText: edit.newText }],
          isPreferred: true,
        },
      ];
    }
    at += length;
  }
  return [];
}

/** The other cells of a label broken over several, shown with the finding on its first. */
function restOf(report: { text: string }, label: LabelMatch, en: boolean): Related[] | undefined {
  if (label.spans.length < 2) return undefined;
  return label.spans.slice(1).map((span) => {
    const text = report.text.slice(span.start, span.end);
    return { span, message: en ? `the label goes on: "${text}"` : `标签的后续部分“${text}”` };
  });
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
          related: restOf(report, header.label, en),
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
          related: restOf(report, row.label, en),
          fixes: relabel(report, row.label, en),
        });
      }
    }
    return findings;
  },
});
