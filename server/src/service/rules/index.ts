// The explicit list of rules, in the order their findings are reported.
import balance from './balance';
import carryOver from './carry-over';
import cellBlank from './cell-blank';
import cellCount from './cell-count';
import cellInvalid from './cell-invalid';
import cellsMerged from './cells-merged';
import citedFormat from './cited-format';
import columnMissing from './column-missing';
import deadline from './deadline';
import enumeration from './enumeration';
import feeStatement from './fee-statement';
import feeUnit from './fee-unit';
import groupTotal from './group-total';
import labelMismatch from './label-mismatch';
import legacyFormat from './legacy-format';
import overviewLength from './overview-length';
import proseTable from './prose-table';
import resultTotal from './result-total';
import reviewTotal from './review-total';
import rowMissing from './row-missing';
import rowTotal from './row-total';
import type { Rule } from './rule';
import sectionDuplicate from './section-duplicate';
import sectionMissing from './section-missing';
import sectionOrder from './section-order';
import sectionTitle from './section-title';
import similarity from './similarity';
import tableMissing from './table-missing';
import templateVersion from './template-version';
import unusedSuppression from './unused-suppression';
import yearMismatch from './year-mismatch';

export const rules: readonly Rule[] = [
  legacyFormat,
  templateVersion,
  yearMismatch,
  sectionMissing,
  sectionOrder,
  sectionDuplicate,
  sectionTitle,
  tableMissing,
  rowMissing,
  labelMismatch,
  columnMissing,
  cellCount,
  cellBlank,
  cellInvalid,
  cellsMerged,
  rowTotal,
  resultTotal,
  groupTotal,
  balance,
  reviewTotal,
  feeStatement,
  feeUnit,
  proseTable,
  citedFormat,
  overviewLength,
  enumeration,
  deadline,
  // Workspace rules: listed for their metadata; checkAcross (service/workspace.ts) runs them across reports.
  carryOver,
  similarity,
  // Reported by applySuppressions (suppress.ts) on a document's complete findings.
  unusedSuppression,
];

export type { Rule } from './rule';
