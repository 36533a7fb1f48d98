import { defineRule } from './rule';

/** A report under the 2007 条例 (before the 2019 format): no template tables to check. */
export default defineRule({
  id: 'legacy-format',
  category: 'document',
  defaultSeverity: 'info',
  title: '2019 年以前的旧格式年报',
  titleEn: 'Pre-2019 report in the old format',
  fixable: false,
  check(report, en) {
    if (!report.legacy || !report.legacySpan) return [];
    const year = report.year !== null ? `${report.year} 年度` : '';
    const yearEn = report.year !== null ? `${report.year} ` : '';
    return [
      {
        span: report.legacySpan,
        message: en
          ? `This ${yearEn}report predates the 2019 format (old regulations, no template tables); table and total checks do not apply`
          : `这是${year}旧条例时期的年度报告（2019 年以前，没有统一的表格格式），表格与勾稽关系检查不适用`,
      },
    ];
  },
});
