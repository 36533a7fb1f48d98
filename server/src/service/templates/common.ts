// Parts the 2019 and 2021 formats share: the six sections, most of table 三 and all of table 四.
import type { ColumnDef, RequestsTableDef, ReviewsTableDef, RowDef, SectionDef } from './types';

export const sections: SectionDef[] = [
  { index: 1, numeral: '一', short: '总体情况', long: '总体情况' },
  { index: 2, numeral: '二', short: '主动公开政府信息情况', long: '行政机关主动公开政府信息情况' },
  { index: 3, numeral: '三', short: '收到和处理政府信息公开申请情况', long: '行政机关收到和处理政府信息公开申请情况' },
  { index: 4, numeral: '四', short: '政府信息公开行政复议、行政诉讼情况', long: '因政府信息公开工作被申请行政复议、提起行政诉讼情况' },
  { index: 5, numeral: '五', short: '存在的主要问题及改进情况', long: '政府信息公开工作存在的主要问题及改进情况' },
  { index: 6, numeral: '六', short: '其他需要报告的事项', long: '其他需要报告的事项' },
];

const requestCornerNote = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const requestColumnGroups = ['申请人情况', '法人或其他组织'];

const requestColumns: ColumnDef[] = [
  { id: 'natural_person', label: '自然人', kind: 'count' },
  { id: 'commercial', label: '商业企业', kind: 'count' },
  { id: 'research', label: '科研机构', kind: 'count' },
  { id: 'public_interest', label: '社会公益组织', kind: 'count' },
  { id: 'legal_service', label: '法律服务机构', kind: 'count' },
  { id: 'other_org', label: '其他', kind: 'count' },
  { id: 'total', label: '总计', kind: 'count' },
];

/** Rows of table 三 up to （五）不予处理, identical in both formats. */
const requestRowsHead: RowDef[] = [
  { id: 'new', numbering: '一、', text: '本年新收政府信息公开申请数量' },
  { id: 'carried_in', numbering: '二、', text: '上年结转政府信息公开申请数量' },
  { id: 'results', numbering: '三、', text: '本年度办理结果', isGroup: true },
  { id: 'public', numbering: '（一）', text: '予以公开', parent: 'results' },
  { id: 'partial', numbering: '（二）', text: '部分公开（区分处理的，只计这一情形，不计其他情形）', parent: 'results' },
  { id: 'refused', numbering: '（三）', text: '不予公开', isGroup: true, parent: 'results' },
  { id: 'refused_state_secret', numbering: '1.', text: '属于国家秘密', parent: 'refused' },
  { id: 'refused_prohibited', numbering: '2.', text: '其他法律行政法规禁止公开', parent: 'refused' },
  { id: 'refused_three_security', numbering: '3.', text: '危及“三安全一稳定”', parent: 'refused' },
  { id: 'refused_third_party', numbering: '4.', text: '保护第三方合法权益', parent: 'refused' },
  { id: 'refused_internal_affairs', numbering: '5.', text: '属于三类内部事务信息', parent: 'refused' },
  { id: 'refused_process', numbering: '6.', text: '属于四类过程性信息', parent: 'refused' },
  { id: 'refused_enforcement_file', numbering: '7.', text: '属于行政执法案卷', parent: 'refused' },
  { id: 'refused_inquiry', numbering: '8.', text: '属于行政查询事项', parent: 'refused' },
  { id: 'unable', numbering: '（四）', text: '无法提供', isGroup: true, parent: 'results' },
  { id: 'unable_not_held', numbering: '1.', text: '本机关不掌握相关政府信息', parent: 'unable' },
  { id: 'unable_needs_creation', numbering: '2.', text: '没有现成信息需要另行制作', parent: 'unable' },
  { id: 'unable_unclear', numbering: '3.', text: '补正后申请内容仍不明确', parent: 'unable' },
  { id: 'not_processed', numbering: '（五）', text: '不予处理', isGroup: true, parent: 'results' },
  { id: 'not_processed_petition', numbering: '1.', text: '信访举报投诉类申请', parent: 'not_processed' },
  { id: 'not_processed_repeat', numbering: '2.', text: '重复申请', parent: 'not_processed' },
  { id: 'not_processed_publication', numbering: '3.', text: '要求提供公开出版物', parent: 'not_processed' },
  { id: 'not_processed_mass', numbering: '4.', text: '无正当理由大量反复申请', parent: 'not_processed' },
  { id: 'not_processed_confirm', numbering: '5.', text: '要求行政机关确认或重新出具已获取信息', parent: 'not_processed' },
];

/** Rows after （六）, identical in both formats. */
const requestRowsTail: RowDef[] = [
  { id: 'results_total', numbering: '（七）', text: '总计', parent: 'results' },
  { id: 'carried_out', numbering: '四、', text: '结转下年度继续办理' },
];

/** Result rows of the shared part that （七）总计 adds up (leaf rows only; group subtotals are not added again). */
const requestResultRowsHead = requestRowsHead
  .filter((row) => row.parent !== undefined && !row.isGroup)
  .map((row) => row.id);

/**
 * Table 三 of a format, given its （六）其他处理 rows (the only part in which the formats differ). The
 * leaf rows among them are added into （七）总计.
 */
export function requestsTable(otherRows: RowDef[]): RequestsTableDef {
  return {
    cornerNote: requestCornerNote,
    columnGroups: requestColumnGroups,
    columns: requestColumns,
    totalColumn: 'total',
    rows: [...requestRowsHead, ...otherRows, ...requestRowsTail],
    resultRows: [...requestResultRowsHead, ...otherRows.filter((row) => !row.isGroup).map((row) => row.id)],
    resultTotalRow: 'results_total',
    balance: { left: ['new', 'carried_in'], right: ['results_total', 'carried_out'] },
  };
}

const reviewResults: ColumnDef[] = [
  { id: 'upheld', label: '结果维持', kind: 'count' },
  { id: 'corrected', label: '结果纠正', kind: 'count' },
  { id: 'other_result', label: '其他结果', kind: 'count' },
  { id: 'pending', label: '尚未审结', kind: 'count' },
  { id: 'total', label: '总计', kind: 'count' },
];

export const reviews: ReviewsTableDef = {
  groups: [
    { id: 'review', path: ['行政复议'] },
    { id: 'litigation_direct', path: ['行政诉讼', '未经复议直接起诉'] },
    { id: 'litigation_after_review', path: ['行政诉讼', '复议后起诉'] },
  ],
  results: reviewResults,
  totalColumn: 'total',
  groupLabels: ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉'],
};
