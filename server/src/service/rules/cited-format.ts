import type { ProseCitation } from '../model';
import { defineRule, type Finding } from './rule';
import { checksText } from './text-common';

/** The notices that define the two formats, by the years whose reports they govern. */
const NOTICES = [
  { year: 2019, number: 60, appliesTo: (year: number) => year === 2019 || year === 2020 },
  { year: 2021, number: 30, appliesTo: (year: number) => year >= 2021 },
];

function noticeOf(citation: ProseCitation) {
  const notice = NOTICES.find((candidate) => candidate.year === citation.year && candidate.number === citation.number);
  if (!notice) return undefined;
  // Other issuers number their documents too ("某政办〔2019〕60号"): the number is the format notice
  // only behind 国办公开办函 (or standing alone, as in "（〔2019〕60号）").
  const before = citation.before;
  if (before.endsWith('公开办函')) return notice;
  const last = before.charCodeAt(before.length - 1);
  return before.length === 0 || !(last >= 0x4e00 && last <= 0x9fff) ? notice : undefined;
}

/** Cites the format of the other period (〔2019〕60号 in a 2021+ report, 〔2021〕30号 before 2021). */
export default defineRule({
  id: 'cited-format',
  category: 'text',
  defaultSeverity: 'info',
  title: '引用了另一时期的格式文件',
  titleEn: 'Cites the format notice of another period',
  fixable: false,
  check(report, en) {
    const year = report.year;
    if (!checksText(report) || year === null || year < 2019) return [];
    const right = NOTICES.find((notice) => notice.appliesTo(year))!;
    const wrong: { citation: ProseCitation; quote: string }[] = [];
    for (const paragraph of report.paragraphs) {
      for (const citation of paragraph.citations) {
        const notice = noticeOf(citation);
        if (!notice) continue;
        // A report that also cites the right notice is telling the history of the formats, not
        // following the wrong one.
        if (notice === right) return [];
        wrong.push({ citation, quote: citation.raw });
      }
    }
    const findings: Finding[] = [];
    for (const { citation, quote } of wrong) {
      findings.push({
        span: citation.span,
        message: en
          ? `A ${year} report follows the format of 国办公开办函〔${right.year}〕${right.number}号; this cites "${quote}", the format of ${citation.year === 2019 ? 'the 2019 and 2020 reports' : 'the reports from 2021 on'}`
          : `${year} 年度报告应依据国办公开办函〔${right.year}〕${right.number}号规定的格式，此处引用的是“${quote}”（${citation.year === 2019 ? '2019、2020 年度报告的格式' : '2021 年度起的报告格式'}）`,
      });
    }
    return findings;
  },
});
