// Reading tables the way the table and arithmetic rules need them.
import type { Report, Row } from '../model';
import type { Span } from '../text';

/** Whether a piece of a line holds nothing but blanks and pipes: no cell of anything else. */
export function onlySeparators(text: string): boolean {
  return /^[\s\u3000|]*$/.test(text);
}

/** Table rules apply to reports in one of the two formats only. */
export function checksTables(report: Report): boolean {
  return report.isReport && !report.legacy;
}

/** The value cells of a row as one span when they sit on one line; otherwise the row's label. */
export function valuesSpan(row: Row): Span {
  const first = row.slots[0];
  const last = row.slots[row.slots.length - 1];
  if (first && last && first.line === last.line) return { start: first.span.start, end: last.span.end };
  return labelSpan(row);
}

/** The label of a row (its first fragment); for a row without a label, its first value. */
export function labelSpan(row: Row): Span {
  return row.label.spans[0] ?? row.slots[0]?.span ?? { start: 0, end: 0 };
}
