import { defineRule, type Finding } from './rule';
import { checksSections } from './sections-common';

/** A section heading that appears a second time. */
export default defineRule({
  id: 'section-duplicate',
  category: 'sections',
  defaultSeverity: 'warning',
  title: '章节标题重复',
  titleEn: 'Repeated section heading',
  fixable: true,
  check(report, en) {
    if (!checksSections(report)) return [];
    const findings: Finding[] = [];
    const first = new Map<number, (typeof report.sections)[number]>();
    for (const section of report.sections) {
      const earlier = first.get(section.def.index);
      if (!earlier) {
        first.set(section.def.index, section);
        continue;
      }
      const heading = `${section.def.numeral}、${section.def.short}`;
      const lines = report.lines.lines;
      const line = lines[section.line];
      // Removing the heading removes its whole line, with the line break after it.
      const end = section.line + 1 < lines.length ? lines[section.line + 1].start : line.end;
      findings.push({
        span: section.headingSpan,
        message: en ? `"${heading}" appears again (already on line ${earlier.line + 1})` : `“${heading}”重复出现（第 ${earlier.line + 1} 行已有）`,
        related: [{ span: earlier.headingSpan, message: en ? 'first heading' : '第一次出现' }],
        fixes: [
          {
            title: en ? 'Remove the repeated heading' : '删除重复的标题',
            edits: [{ span: { start: line.start, end }, newText: '' }],
            isPreferred: true,
          },
        ],
      });
    }
    return findings;
  },
});
