import { renderSectionSkeleton } from '../templates/render';
import { defineRule, msg, type Finding } from './rule';
import { firstHeadings } from './sections-common';
import { checksTables } from './tables-common';

const TABLE_NAMES: Record<number, { zh: string; en: string }> = {
  2: { zh: '主动公开情况表', en: 'proactive disclosure table' },
  3: { zh: '收到和处理政府信息公开申请情况表', en: 'requests table' },
  4: { zh: '行政复议、行政诉讼情况表', en: 'reviews and lawsuits table' },
};

/** Section 二, 三 or 四 holds no recognisable table. */
export default defineRule({
  id: 'table-missing',
  category: 'tables',
  defaultSeverity: 'error',
  title: '缺少表格',
  titleEn: 'Missing table',
  fixable: true,
  check(report) {
    if (!checksTables(report)) return [];
    const format = report.format ?? report.expectedFormat ?? '2021';
    const findings: Finding[] = [];
    for (const section of firstHeadings(report)) {
      const index = section.def.index;
      if (!(index in TABLE_NAMES)) continue;
      if (report.tables.some((table) => table.section === index)) continue;
      const name = TABLE_NAMES[index];
      const skeleton = renderSectionSkeleton(format, index, true);
      const table = skeleton.slice(skeleton.indexOf('\n\n') + 2);
      const headingLine = report.lines.lines[section.line];
      findings.push({
        span: section.headingSpan,
        message: msg(`第${section.def.numeral}部分没有可识别的${name.zh}`, `Section ${index} has no recognisable ${name.en}`),
        fixes: [
          {
            title: msg(`插入模板表格（${format} 年格式）`, `Insert the template table (${format} format)`),
            edits: [{ span: { start: headingLine.end, end: headingLine.end }, newText: `\n\n${table}` }],
            isPreferred: true,
          },
        ],
      });
    }
    return findings;
  },
});
