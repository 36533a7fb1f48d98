// The shape of a template definition. A format (2019 or 2021) is pure data of this shape; the reader,
// the rules and (later) snippets, completion and docs all read labels from here and nowhere else.
import type { FormatId } from '../types';

export interface SectionDef {
  /** 1..6 */
  index: number;
  /** Chinese numeral as written in the heading: 一 … 六. */
  numeral: string;
  /** The title in the template. */
  short: string;
  /** The longer title used in the notice body and in many real reports. */
  long: string;
}

export type ValueKind =
  /** A non-negative integer count. */
  | 'count'
  /** An integer that may be negative (本年增/减). */
  | 'signed'
  /** An amount of money (decimals allowed; a unit such as 万元 may be written in the cell). */
  | 'money';

export interface ColumnDef {
  /** Stable English id, used in extraction keys and tests. */
  id: string;
  label: string;
  /** Other wordings accepted without a finding (local variants the notices allow). */
  accepted?: string[];
  kind: ValueKind;
}

export interface RowDef {
  id: string;
  /** Numbering as printed in the template: "一、", "（三）", "1." (empty when the template has none). */
  numbering: string;
  /** The label text without its numbering. */
  text: string;
  /** A group label carries no values of its own (subtotals may still be written on it). */
  isGroup?: boolean;
  /** The group this row belongs to (row id). */
  parent?: string;
}

/** One sub-table of section 二, headed by its item line 第二十条第（X）项. */
export interface ActiveItemDef {
  /** The item numeral inside the brackets: 一, 五, 六, 八, 九. */
  item: string;
  /** The label of the label column. */
  labelColumn: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

/** A sum that must hold: target = Σ addends (all cells of one table). */
export interface CellRef {
  row: string;
  column: string;
}

export interface RequestsTableDef {
  /** The corner note of table 三. */
  cornerNote: string;
  /** Group headers of the column area that have no column of their own. */
  columnGroups: string[];
  columns: ColumnDef[];
  /** The column that totals the others on every row. */
  totalColumn: string;
  rows: RowDef[];
  /** Rows summed into （七）总计. */
  resultRows: string[];
  resultTotalRow: string;
  /** Balance: Σ left = Σ right, per column. */
  balance: { left: string[]; right: string[] };
}

export interface ReviewGroupDef {
  id: string;
  /** Header path, e.g. ["行政诉讼", "未经复议直接起诉"]. */
  path: string[];
}

export interface ReviewsTableDef {
  groups: ReviewGroupDef[];
  /** The five columns of each group; the last is the group total. */
  results: ColumnDef[];
  totalColumn: string;
  /** Header labels that span groups (行政复议, 行政诉讼, 未经复议直接起诉, 复议后起诉). */
  groupLabels: string[];
}

export interface TemplateDef {
  format: FormatId;
  /** The notice that defines the format. */
  notice: string;
  /** Report years this format applies to (inclusive; `to` null = open ended). */
  years: { from: number; to: number | null };
  sections: SectionDef[];
  active: ActiveItemDef[];
  requests: RequestsTableDef;
  reviews: ReviewsTableDef;
}
