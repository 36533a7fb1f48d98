// 国办公开办函〔2019〕60号: the trial format used for the 2019 and 2020 reports.
import { requestsTable, reviews, sections } from './common';
import type { ColumnDef, TemplateDef } from './types';

const projectColumns: ColumnDef[] = [
  { id: 'previous_year_items', label: '上一年项目数量', kind: 'count' },
  { id: 'change', label: '本年增/减', kind: 'signed' },
];
const decisionsColumn: ColumnDef = { id: 'decisions', label: '处理决定数量', kind: 'count' };

export const format2019: TemplateDef = {
  format: '2019',
  notice: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
  sections,
  active: [
    {
      item: '一',
      labelColumn: '信息内容',
      columns: [
        { id: 'made', label: '本年新制作数量', kind: 'count' },
        { id: 'published', label: '本年新公开数量', kind: 'count' },
        { id: 'total_published', label: '对外公开总数量', kind: 'count' },
      ],
      rows: [
        { id: 'rules', numbering: '', text: '规章' },
        { id: 'normative_documents', numbering: '', text: '规范性文件' },
      ],
    },
    {
      item: '五',
      labelColumn: '信息内容',
      columns: [...projectColumns, decisionsColumn],
      rows: [
        { id: 'licensing', numbering: '', text: '行政许可' },
        { id: 'other_services', numbering: '', text: '其他对外管理服务事项' },
      ],
    },
    {
      item: '六',
      labelColumn: '信息内容',
      columns: [...projectColumns, decisionsColumn],
      rows: [
        { id: 'penalty', numbering: '', text: '行政处罚' },
        { id: 'coercion', numbering: '', text: '行政强制' },
      ],
    },
    {
      item: '八',
      labelColumn: '信息内容',
      columns: projectColumns,
      rows: [{ id: 'administrative_fees', numbering: '', text: '行政事业性收费' }],
    },
    {
      item: '九',
      labelColumn: '信息内容',
      columns: [
        { id: 'procurement_items', label: '采购项目数量', kind: 'count' },
        { id: 'procurement_amount', label: '采购总金额', kind: 'money' },
      ],
      rows: [{ id: 'central_procurement', numbering: '', text: '政府集中采购' }],
    },
  ],
  requests: requestsTable([{ id: 'other', numbering: '（六）', text: '其他处理', parent: 'results' }]),
  reviews,
};
