// 国办公开办函〔2021〕30号: the format for the 2021 reports and every year since.
import { requestsTable, reviews, sections } from './common';
import type { TemplateDef } from './types';

export const format2021: TemplateDef = {
  format: '2021',
  notice: '国办公开办函〔2021〕30号',
  years: { from: 2021, to: null },
  sections,
  active: [
    {
      item: '一',
      labelColumn: '信息内容',
      columns: [
        { id: 'issued', label: '本年制发件数', kind: 'count' },
        { id: 'repealed', label: '本年废止件数', kind: 'count' },
        { id: 'in_force', label: '现行有效件数', kind: 'count' },
      ],
      rows: [
        { id: 'rules', numbering: '', text: '规章' },
        { id: 'normative_documents', numbering: '', text: '行政规范性文件' },
      ],
    },
    {
      item: '五',
      labelColumn: '信息内容',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count' }],
      rows: [{ id: 'licensing', numbering: '', text: '行政许可' }],
    },
    {
      item: '六',
      labelColumn: '信息内容',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count' }],
      rows: [
        { id: 'penalty', numbering: '', text: '行政处罚' },
        { id: 'coercion', numbering: '', text: '行政强制' },
      ],
    },
    {
      item: '八',
      labelColumn: '信息内容',
      columns: [
        {
          id: 'fees',
          label: '本年收费金额（单位：万元）',
          accepted: ['本年收费金额（单位：万元，保留4位小数）'],
          kind: 'money',
        },
      ],
      rows: [{ id: 'administrative_fees', numbering: '', text: '行政事业性收费' }],
    },
  ],
  requests: requestsTable([
    { id: 'other', numbering: '（六）', text: '其他处理', isGroup: true, parent: 'results' },
    {
      id: 'other_no_correction',
      numbering: '1.',
      text: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      parent: 'other',
    },
    {
      id: 'other_no_fee',
      numbering: '2.',
      text: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      parent: 'other',
    },
    { id: 'other_other', numbering: '3.', text: '其他', parent: 'other' },
  ]),
  reviews,
};
