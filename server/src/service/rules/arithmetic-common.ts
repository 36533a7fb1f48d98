// The sums of 勾稽关系, read from the template data. A sum is checked only when the target and every
// addend are numbers in placed rows: a row that could not be placed, a blank or an invalid cell has its
// own finding, and guessing around it would produce false total errors.
import type { Cell, Report, Row, Table } from '../model';
import { cellOf, describeSum, describeSumEn, formatNumber, numberCell, type Finding } from './rule';
import { checksTables } from './tables-common';

// Sums are checked on every keystroke over every row of every table, and nearly all of them hold: a
// check allocates nothing but its result, and the addends' names (for the message) are built only
// for a sum that fails.

export interface SumCheck {
  target: Cell;
  /** The addend cells, every one a number. */
  addends: readonly Cell[];
  /** The computed sum of the addends. */
  expected: number;
  /** The written total. */
  actual: number;
}

/** Σ addends vs target, or null when any of them is not a number. */
export function evaluate(target: Cell | undefined, addends: readonly (Cell | undefined)[]): SumCheck | null {
  const actual = numberCell(target);
  if (actual === null || target === undefined) return null;
  let expected = 0;
  for (let i = 0; i < addends.length; i++) {
    const value = numberCell(addends[i]);
    if (value === null) return null;
    expected += value;
  }
  return { target, addends: addends as readonly Cell[], expected: Math.round(expected * 1e6) / 1e6, actual };
}

export function holds(check: SumCheck): boolean {
  return Math.abs(check.expected - check.actual) < 1e-9;
}

/**
 * The finding for a sum that does not hold: message with the numbers, related cells, the fix (unless
 * the caller knows the fix would fight another sum over the same cell). `names` name the addends, in
 * order; `subject` names the total, in the language `en` selects.
 */
export function sumFinding(check: SumCheck, names: readonly string[], subject: string, en: boolean, fixable = true): Finding {
  const parts = check.addends.map((cell, index) => ({ name: names[index], value: cell.value ?? 0 }));
  const expected = formatNumber(check.expected);
  // The fix title shows the arithmetic the way a person writes it: the non-zero addends.
  const shownValues = parts.filter((part) => part.value !== 0).map((part) => formatNumber(part.value));
  const arithmetic = shownValues.length > 0 ? shownValues.join(' + ') : '0';
  return {
    span: check.target.token.span,
    message: en
      ? `${subject} should be ${expected} (${describeSumEn(parts)}), but is ${formatNumber(check.actual)}`
      : `${subject}应为 ${expected}（${describeSum(parts)}），实际为 ${formatNumber(check.actual)}`,
    related: parts.map((part, index) => ({
      span: check.addends[index].token.span,
      message: en ? `${part.name}: ${formatNumber(part.value)}` : `${part.name}：${formatNumber(part.value)}`,
    })),
    fixes: fixable
      ? [
          {
            title: en ? `Set ${subject} to ${expected} (${arithmetic})` : `将${subject}改为 ${expected}（${arithmetic}）`,
            edits: [{ span: check.target.token.span, newText: expected }],
            isPreferred: true,
          },
        ]
      : [],
  };
}

export function requestTables(report: Report): Table[] {
  return checksTables(report) ? report.tables.filter((table) => table.section === 3) : [];
}

/**
 * A row's short name in a sum: "（三）第4项" ("（三）item 4") for a numbered sub-row, "（一）予以公开"
 * otherwise. The sub-row's number is spelled out: followed by its value, a bare "（三）4 1" read as one
 * number run into another.
 */
export function addendName(table: Table, row: Row, en: boolean): string {
  if (!row.def) return row.label.raw;
  const parent = row.def.parent ? table.template.requests.rows.find((def) => def.id === row.def!.parent) : undefined;
  if (/^\d/.test(row.def.numbering) && parent) {
    const number = row.def.numbering.replace(/\.$/, '');
    return en ? `${parent.numbering}item ${number}` : `${parent.numbering}第${number}项`;
  }
  return row.def.numbering + row.def.text.replace(/（.*$/, '');
}

/** The result rows of a table's （七）总计, each present and placed, or null. */
export function resultRows(table: Table, rows: ReadonlyMap<string, Row>): Row[] | null {
  const { requests } = table.template;
  if (!rows.get(requests.resultTotalRow)?.cells) return null;
  const found: Row[] = [];
  for (const id of requests.resultRows) {
    const row = rows.get(id);
    if (!row?.cells) return null;
    found.push(row);
  }
  return found;
}

/** The （七）总计 sum of one column over `resultRows`, or null. */
export function resultSum(table: Table, rows: ReadonlyMap<string, Row>, results: Row[] | null, columnId: string): SumCheck | null {
  if (results === null) return null;
  const total = rows.get(table.template.requests.resultTotalRow)!;
  const addends: (Cell | undefined)[] = new Array(results.length);
  for (let i = 0; i < results.length; i++) addends[i] = cellOf(results[i], columnId);
  return evaluate(cellOf(total, columnId), addends);
}

/**
 * Whether the fix of a 总计-column sum may be offered. The 总计 cell of a row that is itself a sum of
 * rows (（七）总计, a group subtotal) is the target of two sums: its column (the rows' 总计) and its row
 * (the six applicant columns, row-total). The column sum is the derived one: when every applicant
 * column's sum and every row total hold, it holds too. So its fix is offered only when it agrees with
 * what the applicant columns' sums give; otherwise (a row total is wrong, or an applicant column cannot
 * be checked) the two fixes would rewrite the same cell back and forth, and row-total's fix and the
 * applicant columns' fixes are the ones that mend the table.
 */
export function totalColumnFixable(checks: { columnId: string; check: SumCheck | null }[], totalColumnId: string): boolean {
  const total = checks.find((entry) => entry.columnId === totalColumnId)?.check;
  if (!total) return false;
  let sum = 0;
  for (const entry of checks) {
    if (entry.columnId === totalColumnId) continue;
    if (!entry.check) return false;
    sum += entry.check.expected;
  }
  return Math.abs(sum - total.expected) < 1e-9;
}
