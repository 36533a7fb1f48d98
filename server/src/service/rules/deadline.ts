import type { Paragraph, ProseDate, Report } from '../model';
import { defineRule } from './rule';
import { checksText, formatDate, textOf } from './text-common';

/** How many lines from the end the signing date may stand (agency, date, maybe a note or a seal). */
const SIGNATURE_LINES = 4;

/** The signing date: a line that is nothing but a full date, among the last lines of the report. */
function signingDate(report: Report): { paragraph: Paragraph; date: ProseDate } | null {
  const paragraphs = report.paragraphs;
  for (let i = paragraphs.length - 1; i >= 0 && i >= paragraphs.length - SIGNATURE_LINES; i--) {
    const paragraph = paragraphs[i];
    if (paragraph.dates.length !== 1) continue;
    const date = paragraph.dates[0];
    if (date.year === null || date.month === null || date.day === null) continue;
    if (date.span.start !== paragraph.span.start || date.span.end !== paragraph.span.end) continue;
    return { paragraph, date };
  }
  return null;
}

/**
 * 条例 第四十九条: a people's government's own report by 31 March of the next year; its departments and
 * 乡镇/街道 by 31 January. Without an agency in the title the later deadline applies, so that no report
 * is told it is late on a guess.
 */
function deadlineOf(report: Report): { month: number; day: number; government: boolean } {
  const agency = report.title?.agency ?? null;
  const government = agency === null || agency.endsWith('人民政府');
  return government ? { month: 3, day: 31, government } : { month: 1, day: 31, government };
}

/** The date under the report is after the publication deadline. */
export default defineRule({
  id: 'deadline',
  category: 'text',
  defaultSeverity: 'info',
  title: '落款日期晚于公布期限',
  titleEn: 'Signed after the publication deadline',
  fixable: false,
  check(report, en) {
    const year = report.year;
    if (!checksText(report) || year === null) return [];
    const signed = signingDate(report);
    if (!signed) return [];
    const { year: y, month: m, day: d } = signed.date as { year: number; month: number; day: number };
    // A date in the report year itself is no signing date for it (or a typo year-mismatch may see).
    if (y <= year) return [];
    const deadline = deadlineOf(report);
    const late = y > year + 1 || m > deadline.month || (m === deadline.month && d > deadline.day);
    if (!late) return [];
    const limit = formatDate(year + 1, deadline.month, deadline.day, en);
    const quote = textOf(signed.paragraph, signed.date.span);
    const who = en
      ? deadline.government
        ? "a people's government's own report"
        : 'a department or 乡镇/街道 report'
      : deadline.government
        ? '本级人民政府的年度报告'
        : '政府部门和乡镇、街道的年度报告';
    return [
      {
        span: signed.date.span,
        message: en
          ? `Signed on ${quote} (${formatDate(y, m, d, true)}), after the deadline for ${who}, ${limit}`
          : `落款日期 ${quote} 晚于公布期限 ${limit}（${who}应于次年 ${deadline.month} 月 ${deadline.day} 日前公布）`,
      },
    ];
  },
});
