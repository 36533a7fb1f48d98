import { normalizeLabel, similarity } from '../text';
import { defineRule, minimalEdit, type Finding } from './rule';
import { checksSections } from './sections-common';

/** A heading recognisable as a section whose numeral or wording deviates from both template forms. */
export default defineRule({
  id: 'section-title',
  category: 'sections',
  defaultSeverity: 'warning',
  title: '章节标题与模板不一致',
  titleEn: 'Section heading deviates from the template',
  fixable: true,
  check(report, en) {
    if (!checksSections(report)) return [];
    const findings: Finding[] = [];
    for (const section of report.sections) {
      if (section.titleExact && section.numeralExact) continue;
      const { def } = section;
      const written = report.text.slice(section.headingSpan.start, section.headingSpan.end);
      const title = normalizeLabel(section.title);
      // Keep the form (short or long) the writer was closer to.
      const canonicalTitle = similarity(title, normalizeLabel(def.long)) > similarity(title, normalizeLabel(def.short)) ? def.long : def.short;
      const canonical = `${def.numeral}、${canonicalTitle}`;
      const numbering = !section.numeralExact && section.titleExact;
      findings.push({
        span: section.titleExact ? section.numeralSpan : section.headingSpan,
        message: en
          ? `The ${numbering ? 'numbering' : 'wording'} of the heading "${written}" deviates from the template; expected "${canonical}"`
          : `章节标题“${written}”的${numbering ? '序号' : '标题'}与模板不一致，应为“${canonical}”`,
        fixes: [
          {
            title: en ? `Change to "${canonical}"` : `改为“${canonical}”`,
            edits: [minimalEdit(section.headingSpan, written, canonical)],
            isPreferred: true,
          },
        ],
      });
    }
    return findings;
  },
});
