import { defineRule } from './rule';

/**
 * A govreport-disable / disable-next-line / enable comment that suppresses (or enables) nothing, or
 * names an unknown rule. Listed for its metadata and severity setting: the findings come from
 * applySuppressions (suppress.ts), which sees a document's complete findings, the workspace rules' too.
 */
export default defineRule({
  id: 'unused-suppression',
  category: 'document',
  defaultSeverity: 'info',
  title: '忽略注释没有忽略任何问题',
  titleEn: 'A suppression comment suppresses nothing',
  fixable: false,
  check() {
    return [];
  },
});
