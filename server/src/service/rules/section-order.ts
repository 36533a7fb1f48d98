import { defineRule, type Finding } from './rule';
import { checksSections, firstHeadings } from './sections-common';

/** Sections out of order: a heading that comes after one with a higher number. */
export default defineRule({
  id: 'section-order',
  category: 'sections',
  defaultSeverity: 'warning',
  title: '章节顺序错误',
  titleEn: 'Sections out of order',
  fixable: false,
  check(report, en) {
    if (!checksSections(report)) return [];
    const findings: Finding[] = [];
    let highest = null as (typeof report.sections)[number] | null;
    for (const section of firstHeadings(report)) {
      if (highest && section.def.index < highest.def.index) {
        const self = `${section.def.numeral}、${section.def.short}`;
        const other = `${highest.def.numeral}、${highest.def.short}`;
        findings.push({
          span: section.headingSpan,
          message: en ? `"${self}" should come before "${other}"` : `“${self}”应在“${other}”之前`,
          related: [{ span: highest.headingSpan, message: en ? `"${other}" is here` : `“${other}”在此` }],
        });
      } else {
        highest = section;
      }
    }
    return findings;
  },
});
