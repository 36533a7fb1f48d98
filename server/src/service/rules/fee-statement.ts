import type { Paragraph, Report } from '../model';
import { eolOf } from './layout-common';
import { defineRule, type Finding } from './rule';
import { firstHeadings } from './sections-common';
import { checksText, paragraphsOf, runningTexts, under2021Format } from './text-common';

export const FEE_SENTENCE = '本年度未收取信息处理费。';

/**
 * Section 六 speaks of the fees for answering requests: 信息处理费 (or 处理费), or 收取/收费 together with
 * 申请/信息公开 ("未向申请人收取任何费用"). 行政事业性收费 alone is another matter.
 */
function mentionsFee(text: string): boolean {
  if (text.includes('处理费')) return true;
  return (text.includes('收取') || text.includes('收费')) && (text.includes('申请') || text.includes('信息公开'));
}

/** How the inserted paragraph is written: the document's line break, blank lines and indentation. */
function insertion(report: Report, headingLine: number, body: Paragraph[]): string {
  const eol = eolOf(report);
  const lines = report.lines.lines;
  const next = lines[headingLine + 1];
  // Paragraphs separated by blank lines when the line after a heading is blank (here or, for a
  // heading at the very end, after the first heading of the report).
  const sample = next ?? lines[(report.sections[0]?.line ?? -2) + 1];
  const blank = sample !== undefined && sample.text.trim() === '';
  // The indentation of the section's first paragraph (full-width spaces, tabs), if it has one.
  let indent = '';
  if (body.length > 0) {
    const line = lines[body[0].line];
    const lead = line.text.slice(0, body[0].span.start - line.start);
    if (/^[ \t\u3000]*$/.test(lead)) indent = lead;
  }
  return `${eol}${blank ? eol : ''}${indent}${FEE_SENTENCE}`;
}

/** 2021+ report: section 六 does not state the 信息处理费 collected. */
export default defineRule({
  id: 'fee-statement',
  category: 'text',
  defaultSeverity: 'warning',
  title: '第六部分未报告信息处理费',
  titleEn: 'Section 6 does not report the information processing fees',
  fixable: true,
  check(report, en) {
    if (!checksText(report) || !under2021Format(report)) return [];
    // No section 六 at all is section-missing's finding.
    const six = firstHeadings(report).find((section) => section.def.index === 6);
    if (!six) return [];
    const body = paragraphsOf(report, 6);
    // Read across hard-wrapped lines: "本年度未收取信息处" / "理费。" is a statement.
    const texts = runningTexts(body);
    if (texts.some(mentionsFee)) return [];
    // Stated elsewhere (some reports put it under 政府信息管理): not forgotten, only misplaced.
    if (runningTexts(report.paragraphs).some((text) => text.includes('信息处理费'))) return [];
    const year = report.year !== null ? report.year : null;
    const yearZh = year !== null ? `${year} 年度` : '2021 年度及以后的';
    const yearEn = year !== null ? `a ${year}` : 'a 2021-or-later';
    // Quote what section 六 says instead, when it is short ("无", "2021年我办无需要报告事项。").
    const said = texts.length > 0 && texts[0].length <= 30 ? texts[0] : null;
    const message = en
      ? `Section 6 of ${yearEn} report must state the information processing fees (信息处理费) collected, even none ("${FEE_SENTENCE}")${said !== null ? `; it only says "${said}"` : ''}`
      : `${yearZh}报告应在第六部分报告信息处理费的收取情况，未收取也应写明（如“${FEE_SENTENCE}”）${said !== null ? `；第六部分只写了“${said}”` : ''}`;
    const headingLine = report.lines.lines[six.line];
    const finding: Finding = {
      span: six.headingSpan,
      message,
      fixes: [
        {
          title: en ? `Insert "${FEE_SENTENCE}" (no fees collected this year)` : `插入“${FEE_SENTENCE}”`,
          edits: [{ span: { start: headingLine.end, end: headingLine.end }, newText: insertion(report, six.line, body) }],
          isPreferred: true,
        },
      ],
    };
    return [finding];
  },
});
