// What a rule is: metadata plus a check that reads the parsed report and returns findings. Rules are
// data in a list (rules/index.ts); analyze() runs them, applies severities and turns spans into ranges.
import type { Cell, Report, Row, Table } from '../model';
import type { ColumnDef } from '../templates';
import type { Span } from '../text';
import type { RuleMetadata } from '../types';

/** A message in both languages (for texts that are not findings, such as the conversion notes). */
export interface Message {
  zh: string;
  en: string;
}

export function msg(zh: string, en: string): Message {
  return { zh, en };
}

export interface FindingEdit {
  span: Span;
  newText: string;
}

// Findings carry their texts in the caller's language only: a rule is told the locale and builds just
// that text (`en ? … : …`), since a large document has thousands of findings and related entries and
// the other language's strings would be built only to be dropped.

export interface FindingFix {
  title: string;
  edits: FindingEdit[];
  isPreferred?: boolean;
}

export interface Related {
  span: Span;
  message: string;
}

export interface Finding {
  span: Span;
  message: string;
  related?: Related[];
  fixes?: FindingFix[];
}

export interface Rule extends Omit<RuleMetadata, 'href'> {
  /** `en`: write the findings in English; otherwise in Chinese. */
  check(report: Report, en: boolean): Finding[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

// ---- helpers shared by the rules (reading the model, never the text) ----

/** "（七）总计", "行政处罚", "行政复议·总计": how a row is named in messages. */
export function rowName(row: Row): string {
  if (row.def) return row.def.numbering + row.def.text;
  return row.label.raw || row.label.canonical;
}

/**
 * A cell as messages name it: “row”·“column”. Table 四 has one row, named by its table: its column labels
 * already name the group (“行政复议·尚未审结”).
 */
export function cellName(table: Table, row: Row, column: ColumnDef, en: boolean): string {
  if (table.section === 4) return en ? `${tableName(table, en)} / "${column.label}"` : `${tableName(table, en)}·“${column.label}”`;
  return en ? `"${rowName(row)}" / "${column.label}"` : `“${rowName(row)}”·“${column.label}”`;
}

export function tableName(table: Table, en: boolean): string {
  if (table.section === 2) {
    const item = table.item ? `第二十条第（${table.item.numeral}）项` : '';
    return en ? `table 2 ${item}` : `表二${item}`;
  }
  if (table.section === 3) return en ? 'table 3 (requests)' : '表三（依申请公开）';
  return en ? 'table 4 (reviews and lawsuits)' : '表四（复议、诉讼）';
}

export function numberCell(cell: Cell | undefined): number | null {
  return cell && cell.state === 'number' ? cell.value : null;
}

export function cellOf(row: Row, columnId: string): Cell | undefined {
  const cells = row.cells;
  if (cells === null) return undefined;
  for (let i = 0; i < cells.length; i++) if (cells[i].column.id === columnId) return cells[i];
  return undefined;
}

/**
 * Placed rows of a table by template row id (the first one when a row repeats). Built once per parsed
 * table (several rules and features ask) and shared.
 */
export function rowsById(table: Table): ReadonlyMap<string, Row> {
  if (table.rowsById !== undefined) return table.rowsById;
  const rows = new Map<string, Row>();
  for (const row of table.rows) if (row.def && !rows.has(row.def.id)) rows.set(row.def.id, row);
  table.rowsById = rows;
  return rows;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

/** "自然人 3 + 商业企业 2 + 其他 2" — the non-zero addends, or every addend when all are zero. */
export function describeSum(parts: { name: string; value: number }[], joinZh = ' + '): string {
  const shown = parts.filter((part) => part.value !== 0);
  if (shown.length === 0) return parts.length > 3 ? `各项均为 0` : parts.map((part) => `${part.name} 0`).join(joinZh);
  return shown.map((part) => `${part.name} ${formatNumber(part.value)}`).join(joinZh);
}

export function describeSumEn(parts: { name: string; value: number }[]): string {
  const shown = parts.filter((part) => part.value !== 0);
  if (shown.length === 0) return 'all parts are 0';
  return shown.map((part) => `${part.name} ${formatNumber(part.value)}`).join(' + ');
}

/**
 * The smallest edit that turns `oldText` at `span` into `newText`: common ends are left alone, but never
 * so that the edit starts or ends inside a surrogate pair or a CRLF.
 */
export function minimalEdit(span: Span, oldText: string, newText: string): FindingEdit {
  let prefix = 0;
  while (prefix < oldText.length && prefix < newText.length && oldText[prefix] === newText[prefix]) prefix++;
  if (prefix > 0 && /[\uDC00-\uDFFF\n]/.test(oldText[prefix] ?? '')) prefix--;
  let suffix = 0;
  while (
    suffix < oldText.length - prefix &&
    suffix < newText.length - prefix &&
    oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
  ) {
    suffix++;
  }
  if (suffix > 0 && /[\uD800-\uDBFF\r]/.test(oldText[oldText.length - 1 - suffix] ?? '')) suffix--;
  return {
    span: { start: span.start + prefix, end: span.end - suffix },
    newText: newText.slice(prefix, newText.length - suffix),
  };
}
