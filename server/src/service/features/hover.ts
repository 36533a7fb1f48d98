// Hover: on a value cell, the full names of its row and column and every sum of the template it takes
// part in, with the value computed from the cells ("（七）总计 · 自然人 = 12；本行合计 = 15"); on a
// finding, its message and a link to the rule's page. The sums come from the template's definitions
// (requests.totalColumn, resultRows, balance, the row groups; reviews.groups), never from restated labels.
import type { Cell, Report, Row, Table } from '../model';
import { cellOf, formatNumber, rowsById } from '../rules/rule';
import type { RowDef } from '../templates';
import type { Span } from '../text';
import type { AnalysisResult, Diagnostic, Locale, Position, Range } from '../types';
import { offsetAt, rowLabel, rowPath, tableTitle, templateRows } from './common';
import type { FeatureOptions, Hover } from './types';

function text(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

function contains(span: Span, offset: number): boolean {
  return span.start === span.end ? offset === span.start : offset >= span.start && offset < span.end;
}

function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

function rangeContains(range: Range, position: Position): boolean {
  if (comparePositions(range.start, range.end) === 0) return comparePositions(range.start, position) === 0;
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) < 0;
}

/** A sum as the hover shows it: its name, the value the cells give, the value written (if any). */
interface SumLine {
  name: string;
  computed: number | null;
  written: number | null;
}

/** Σ of the cells, or null when any of them is missing or not a number (then no sum can be told). */
function total(cells: (Cell | undefined)[]): number | null {
  let sum = 0;
  for (const cell of cells) {
    if (!cell || cell.state !== 'number' || cell.value === null) return null;
    sum += cell.value;
  }
  return Math.round(sum * 1e6) / 1e6;
}

function writtenValue(cell: Cell | undefined): number | null {
  return cell && cell.state === 'number' ? cell.value : null;
}

/** "一" for "一、", "（七）总计" for "（七）": how a row is named inside a formula. */
function formulaName(def: RowDef): string {
  const match = /^(.+)、$/.exec(def.numbering);
  return match ? match[1] : def.numbering + def.text;
}

function requestSums(table: Table, row: Row, cell: Cell, locale: Locale): SumLine[] {
  const def = row.def;
  if (!def) return [];
  const requests = table.template.requests;
  const rows = rowsById(table);
  const defs = templateRows(table);
  const column = cell.column;
  const sums: SumLine[] = [];

  // （七）总计 of this column, for a result row or for （七） itself.
  if (requests.resultRows.includes(def.id) || def.id === requests.resultTotalRow) {
    const totalDef = defs.find((candidate) => candidate.id === requests.resultTotalRow);
    const addends = requests.resultRows.map((id) => { const r = rows.get(id); return r ? cellOf(r, column.id) : undefined; });
    const target = rows.get(requests.resultTotalRow);
    if (totalDef) {
      sums.push({
        name: `${totalDef.numbering}${totalDef.text} · ${column.label}`,
        computed: total(addends),
        written: target ? writtenValue(cellOf(target, column.id)) : null,
      });
    }
  }

  // The subtotal of a group of plain rows (（三）不予公开 …), for its rows or the group row itself.
  const groupId = def.isGroup ? def.id : def.parent;
  const group = defs.find((candidate) => candidate.id === groupId);
  if (group) {
    const children = defs.filter((candidate) => candidate.parent === group.id);
    // 三、本年度办理结果 adds up groups; its sum is （七）总计, shown above.
    if (children.length > 0 && !children.some((child) => child.isGroup)) {
      const groupRow = rows.get(group.id);
      sums.push({
        name: `${group.numbering}${group.text} · ${column.label}${text(locale, ' 小计', ' subtotal')}`,
        computed: total(children.map((child) => { const r = rows.get(child.id); return r ? cellOf(r, column.id) : undefined; })),
        written: groupRow ? writtenValue(cellOf(groupRow, column.id)) : null,
      });
    }
  }

  // 总计 of the row: the applicant columns added up.
  if (row.cells) {
    const totalCell = row.cells.find((candidate) => candidate.column.id === requests.totalColumn);
    sums.push({
      name: text(locale, '本行合计', 'row total'),
      computed: total(row.cells.filter((candidate) => candidate.column.id !== requests.totalColumn)),
      written: writtenValue(totalCell),
    });
  }
  return sums;
}

/** 一 + 二 = （七）总计 + 四, for the cells of those rows. */
function balanceLine(table: Table, row: Row, cell: Cell): string | null {
  const def = row.def;
  if (!def) return null;
  const { balance } = table.template.requests;
  if (!balance.left.includes(def.id) && !balance.right.includes(def.id)) return null;
  const rows = rowsById(table);
  const defs = templateRows(table);
  const side = (ids: string[]): string => {
    const names = ids.map((id) => { const d = defs.find((candidate) => candidate.id === id); return d ? formulaName(d) : id; });
    const value = total(ids.map((id) => { const r = rows.get(id); return r ? cellOf(r, cell.column.id) : undefined; }));
    return `${names.join(' + ')} = ${value === null ? '?' : formatNumber(value)}`;
  };
  return `${side(balance.left)}；${side(balance.right)}`;
}

function reviewSums(table: Table, cell: Cell): SumLine[] {
  const { groups, results, totalColumn } = table.template.reviews;
  const group = groups.find((candidate) => cell.column.id.startsWith(`${candidate.id}.`));
  const row = table.rows[0];
  if (!group || !row?.cells) return [];
  const find = (id: string) => row.cells!.find((candidate) => candidate.column.id === `${group.id}.${id}`);
  const totalDef = results.find((result) => result.id === totalColumn);
  return [
    {
      name: `${group.path.join('·')} · ${totalDef?.label ?? totalColumn}`,
      computed: total(results.filter((result) => result.id !== totalColumn).map((result) => find(result.id))),
      written: writtenValue(find(totalColumn)),
    },
  ];
}

function describeSum(sum: SumLine, locale: Locale): string {
  if (sum.computed === null) return `${sum.name} = ?${text(locale, '（有单元格缺失或不是数字）', ' (a cell is missing or not a number)')}`;
  const base = `${sum.name} = ${formatNumber(sum.computed)}`;
  if (sum.written !== null && Math.abs(sum.written - sum.computed) > 1e-9) {
    return `${base}${text(locale, `（表中为 ${formatNumber(sum.written)}）`, ` (written: ${formatNumber(sum.written)})`)}`;
  }
  return base;
}

/** "申请人情况 › 法人或其他组织 › 商业企业": the header cells above a column of table 三. */
function columnPath(table: Table, cell: Cell): string {
  if (table.section !== 3) return cell.column.label;
  const { columnGroups, columns } = table.template.requests;
  const index = columns.findIndex((column) => column.id === cell.column.id);
  // The template heads every column with 申请人情况; the columns between the first and the total
  // stand under 法人或其他组织 (the layout render.ts writes).
  const path = [columnGroups[0]];
  if (index > 0 && index < columns.length - 1 && columnGroups[1]) path.push(columnGroups[1]);
  return [...path, cell.column.label].join(' › ');
}

function cellValue(cell: Cell, locale: Locale): string {
  if (cell.state === 'number' && cell.value !== null) return formatNumber(cell.value);
  if (cell.state === 'blank') return text(locale, '（空白）', '(blank)');
  if (cell.state === 'placeholder') return `${cell.token.raw}${text(locale, '（占位符）', ' (placeholder)')}`;
  return `${cell.token.raw}${text(locale, '（无效）', ' (invalid)')}`;
}

function cellHover(report: Report, offset: number, locale: Locale): { markdown: string; span: Span } | null {
  for (const table of report.tables) {
    if (offset < table.span.start || offset > table.span.end) continue;
    for (const row of table.rows) {
      for (const cell of row.cells ?? []) {
        if (!contains(cell.token.span, offset)) continue;
        const where = tableTitle(table, locale);
        const rowName = row.def ? rowPath(table, row.def) : row.label.raw;
        const title = table.section === 4 ? cell.column.label : `${row.def ? rowLabel(row) : row.label.raw} · ${cell.column.label}`;
        const lines = [`**${title}** = ${cellValue(cell, locale)}`, ''];
        const colon = text(locale, '：', ': ');
        lines.push(table.section === 4 ? `${where}${colon}${columnPath(table, cell)}` : `${where}${colon}${rowName}｜${columnPath(table, cell)}`);
        const sums = table.section === 3 ? requestSums(table, row, cell, locale) : table.section === 4 ? reviewSums(table, cell) : [];
        const parts = sums.map((sum) => describeSum(sum, locale));
        const balance = table.section === 3 ? balanceLine(table, row, cell) : null;
        if (balance) parts.push(balance);
        if (parts.length > 0) lines.push('', `${text(locale, '勾稽关系：', 'Sums: ')}${parts.join('；')}`);
        return { markdown: lines.join('\n'), span: cell.token.span };
      }
    }
  }
  return null;
}

/** On a row label: where the row sits in the template. */
function labelHover(report: Report, offset: number, locale: Locale): { markdown: string; span: Span } | null {
  for (const table of report.tables) {
    if (offset < table.span.start || offset > table.span.end) continue;
    for (const row of table.rows) {
      if (!row.def || table.section === 4) continue;
      const span = row.label.spans.find((candidate) => contains(candidate, offset));
      if (!span) continue;
      return { markdown: `**${rowLabel(row)}**\n\n${tableTitle(table, locale)}${text(locale, '：', ': ')}${rowPath(table, row.def)}`, span };
    }
  }
  return null;
}

const SEVERITY_NAMES: Record<Diagnostic['severity'], [string, string]> = {
  error: ['错误', 'Error'],
  warning: ['警告', 'Warning'],
  info: ['提示', 'Info'],
};

function diagnosticLines(diagnostic: Diagnostic, locale: Locale): string {
  const [zh, en] = SEVERITY_NAMES[diagnostic.severity] ?? SEVERITY_NAMES.warning;
  const colon = text(locale, '：', ': ');
  const link = `[${text(locale, '规则说明', 'rule page')}${colon}${diagnostic.rule}](${diagnostic.href})`;
  return `${text(locale, zh, en)}${colon}${diagnostic.message}\n\n${link}`;
}

export function hover(report: Report, result: AnalysisResult | null, position: Position, options: FeatureOptions = {}): Hover | null {
  const locale = options.locale ?? 'zh-CN';
  const offset = offsetAt(report.lines, position);
  const at = report.lines.position(offset);
  const target = cellHover(report, offset, locale) ?? labelHover(report, offset, locale);
  const diagnostics = (result?.diagnostics ?? []).filter((diagnostic) => rangeContains(diagnostic.range, at));
  if (!target && diagnostics.length === 0) return null;
  const blocks: string[] = [];
  if (target) blocks.push(target.markdown);
  for (const diagnostic of diagnostics) blocks.push(diagnosticLines(diagnostic, locale));
  const range = target ? report.lines.range(target.span) : diagnostics[0].range;
  return { contents: blocks.join('\n\n---\n\n'), range };
}
