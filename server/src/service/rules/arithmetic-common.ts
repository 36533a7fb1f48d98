// The sums of 勾稽关系, read from the template data. A sum is checked only when the target and every
// addend are numbers in placed rows: a row that could not be placed, a blank or an invalid cell has its
// own finding, and guessing around it would produce false total errors.
import type { Cell, Report, Row, Table } from '../model';
import { cellOf, describeSum, describeSumEn, formatNumber, msg, numberCell, type Finding, type Message } from './rule';
import { checksTables } from './tables-common';

export interface Addend {
  name: string;
  cell: Cell;
}

export interface SumCheck {
  target: Cell;
  addends: Addend[];
  /** Written sum − computed sum; 0 when the sum holds. */
  expected: number;
  actual: number;
}

/** Σ addends vs target, or null when any of them is not a number. */
export function evaluate(target: Cell | undefined, addends: { name: string; cell: Cell | undefined }[]): SumCheck | null {
  const actual = numberCell(target);
  if (actual === null || target === undefined) return null;
  let expected = 0;
  const present: Addend[] = [];
  for (const addend of addends) {
    const value = numberCell(addend.cell);
    if (value === null || addend.cell === undefined) return null;
    expected += value;
    present.push({ name: addend.name, cell: addend.cell });
  }
  return { target, addends: present, expected: Math.round(expected * 1e6) / 1e6, actual };
}

export function holds(check: SumCheck): boolean {
  return Math.abs(check.expected - check.actual) < 1e-9;
}

/** The finding for a sum that does not hold: message with the numbers, related cells, the fix. */
export function sumFinding(check: SumCheck, subject: Message): Finding {
  const parts = check.addends.map((addend) => ({ name: addend.name, value: addend.cell.value ?? 0 }));
  const expected = formatNumber(check.expected);
  // The fix title shows the arithmetic the way a person writes it: the non-zero addends.
  const shownValues = parts.filter((part) => part.value !== 0).map((part) => formatNumber(part.value));
  const arithmetic = shownValues.length > 0 ? shownValues.join(' + ') : '0';
  return {
    span: check.target.token.span,
    message: msg(
      `${subject.zh}应为 ${expected}（${describeSum(parts)}），实际为 ${formatNumber(check.actual)}`,
      `${subject.en} should be ${expected} (${describeSumEn(parts)}), but is ${formatNumber(check.actual)}`,
    ),
    related: check.addends.map((addend) => ({
      span: addend.cell.token.span,
      message: msg(`${addend.name}：${formatNumber(addend.cell.value ?? 0)}`, `${addend.name}: ${formatNumber(addend.cell.value ?? 0)}`),
    })),
    fixes: [
      {
        title: msg(
          `将${subject.zh}改为 ${expected}（${arithmetic}）`,
          `Set ${subject.en} to ${expected} (${arithmetic})`,
        ),
        edits: [{ span: check.target.token.span, newText: expected }],
        isPreferred: true,
      },
    ],
  };
}

export function requestTables(report: Report): Table[] {
  return checksTables(report) ? report.tables.filter((table) => table.section === 3) : [];
}

/** A row's short name in a sum: "（三）4" for a numbered sub-row, "（一）予以公开" otherwise. */
export function addendName(table: Table, row: Row): string {
  if (!row.def) return row.label.raw;
  const parent = row.def.parent ? table.template.requests.rows.find((def) => def.id === row.def!.parent) : undefined;
  if (/^\d/.test(row.def.numbering) && parent) return `${parent.numbering}${row.def.numbering.replace(/\.$/, '')}`;
  return row.def.numbering + row.def.text.replace(/（.*$/, '');
}

/** The （七）总计 sum of one column: each result row present and placed, or null. */
export function resultSum(table: Table, rows: Map<string, Row>, columnId: string): SumCheck | null {
  const { requests } = table.template;
  const total = rows.get(requests.resultTotalRow);
  if (!total?.cells) return null;
  const addends: { name: string; cell: Cell | undefined }[] = [];
  for (const id of requests.resultRows) {
    const row = rows.get(id);
    if (!row?.cells) return null;
    addends.push({ name: addendName(table, row), cell: cellOf(row, columnId) });
  }
  return evaluate(cellOf(total, columnId), addends);
}
