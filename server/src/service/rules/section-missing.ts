import { templates } from '../templates';
import { renderSectionSkeleton } from '../templates/render';
import type { Span } from '../text';
import { tableOptions } from './layout-common';
import { defineRule, type Finding } from './rule';
import { checksSections, firstHeadings } from './sections-common';

/** One of the six sections is absent. */
export default defineRule({
  id: 'section-missing',
  category: 'sections',
  defaultSeverity: 'error',
  title: '缺少章节',
  titleEn: 'Missing section',
  fixable: true,
  check(report, en) {
    // A text with no section heading at all is judged by the table rules alone.
    if (!checksSections(report) || report.sections.length === 0) return [];
    const present = firstHeadings(report);
    const format = report.format ?? report.expectedFormat ?? '2021';
    // Headings with the report's markdown marks, tables in the layout of its other tables.
    const options = tableOptions(report);
    const eol = options.eol ?? '\n';
    const findings: Finding[] = [];
    for (const def of templates[format].sections) {
      if (present.some((section) => section.def.index === def.index)) continue;
      const next = present.find((section) => section.def.index > def.index);
      const withTable = !report.tables.some((table) => table.section === def.index);
      const skeleton = renderSectionSkeleton(format, def.index, withTable, options);
      let insertAt: number;
      let anchor: Span;
      let newText: string;
      if (next) {
        insertAt = report.lines.lines[next.line].start;
        anchor = next.headingSpan;
        newText = `${skeleton}${eol}${eol}`;
      } else {
        // Point at the last line with text: an empty last line gives no visible squiggle.
        const lines = report.lines.lines;
        let lastIndex = lines.length - 1;
        while (lastIndex > 0 && lines[lastIndex].text.trim() === '') lastIndex--;
        const last = lines[lastIndex];
        insertAt = report.text.length;
        anchor = { start: last.start, end: last.end };
        newText = `${/[\r\n]$/.test(report.text) || report.text.length === 0 ? '' : eol}${eol}${skeleton}${eol}`;
      }
      const heading = `${def.numeral}、${def.short}`;
      findings.push({
        span: anchor,
        message: en ? `Section ${def.index} "${heading}" is missing` : `缺少第${def.numeral}部分“${heading}”`,
        fixes: [
          {
            title: en ? `Insert "${heading}"` : `插入“${heading}”`,
            edits: [{ span: { start: insertAt, end: insertAt }, newText }],
            isPreferred: true,
          },
        ],
      });
    }
    return findings;
  },
});
