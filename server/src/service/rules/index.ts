// The explicit list of rules, in the order their findings are reported.
import balance from './balance';
import cellBlank from './cell-blank';
import cellCount from './cell-count';
import cellInvalid from './cell-invalid';
import cellsMerged from './cells-merged';
import columnMissing from './column-missing';
import groupTotal from './group-total';
import labelMismatch from './label-mismatch';
import legacyFormat from './legacy-format';
import resultTotal from './result-total';
import reviewTotal from './review-total';
import rowMissing from './row-missing';
import rowTotal from './row-total';
import type { Rule } from './rule';
import sectionDuplicate from './section-duplicate';
import sectionMissing from './section-missing';
import sectionOrder from './section-order';
import sectionTitle from './section-title';
import tableMissing from './table-missing';
import templateVersion from './template-version';

export const rules: readonly Rule[] = [
  legacyFormat,
  templateVersion,
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
];

export type { Rule } from './rule';
