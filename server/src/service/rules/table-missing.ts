import { renderTable } from '../templates/render';
import { tableOptions } from './layout-common';
import { defineRule, type Finding } from './rule';
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
  check(report, en) {
    if (!checksTables(report)) return [];
    const format = report.format ?? report.expectedFormat ?? '2021';
    const findings: Finding[] = [];
    for (const section of firstHeadings(report)) {
      const index = section.def.index;
      if (!(index in TABLE_NAMES)) continue;
      if (report.tables.some((table) => table.section === index)) continue;
      const name = TABLE_NAMES[index];
      // In the layout of the report's other tables (pipes in a markdown report), with its line breaks.
      const options = tableOptions(report);
      const eol = options.eol ?? '\n';
      const table = renderTable(format, index as 2 | 3 | 4, options);
      const headingLine = report.lines.lines[section.line];
      findings.push({
        span: section.headingSpan,
        message: en ? `Section ${index} has no recognisable ${name.en}` : `第${section.def.numeral}部分没有可识别的${name.zh}`,
        fixes: [
          {
            title: en ? `Insert the template table (${format} format)` : `插入模板表格（${format} 年格式）`,
            edits: [{ span: { start: headingLine.end, end: headingLine.end }, newText: `${eol}${eol}${table}` }],
            isPreferred: true,
          },
        ],
      });
    }
    return findings;
  },
});
