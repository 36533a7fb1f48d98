// The table preview: a report's tables as HTML in the official layout (merged header cells, the row
// groups of table 三 as rowspans), each value cell marked with the findings on it and, where a sum does
// not hold, the value the sum gives ("应为 17"). Pure: the language server serves the string through the
// `govreport/preview` request and the VS Code client only puts it into a webview, so any editor can show
// the same preview. Headers and labels come from the template data; every piece of text from the
// document is escaped, since a report may contain anything, `<script>` included.
//
// Each cell that stands for a place in the document carries `data-range="line,char,line,char"` (document
// lines, 0-based, UTF-16 like LSP), which is all a viewer needs to follow the cursor and to reveal a
// clicked cell in the editor.
import type { Cell, Report, Row, Table } from '../model';
import type { ReportPart } from '../document';
import { cellOf, formatNumber, rowsById, tableName } from '../rules/rule';
import type { ColumnDef, RowDef } from '../templates';
import type { Span } from '../text';
import type { AnalysisResult, Diagnostic, Locale, Range, Severity } from '../types';
import { ARITHMETIC_RULES } from './codeLens';

export interface PreviewOptions {
  /** Language of the preview's own words (labels stay as the template has them). */
  locale?: Locale;
}

/** A report to preview: its parse, its analysis and the document line it starts on (a file of many). */
export type PreviewPart = Pick<ReportPart, 'report' | 'result' | 'startLine'>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function text(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

function worst(diagnostics: readonly Diagnostic[]): Severity | null {
  for (const severity of SEVERITY_ORDER) if (diagnostics.some((diagnostic) => diagnostic.severity === severity)) return severity;
  return null;
}

function samePosition(a: Range['start'], b: Range['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

/** One HTML cell: its tag, text (already HTML), attributes (escaped here), classes. */
interface CellHtml {
  tag: 'td' | 'th';
  html: string;
  classes?: string[];
  rowspan?: number;
  colspan?: number;
  range?: Range | null;
  title?: string[];
}

/** Everything one report's rendering needs at hand. */
class Renderer {
  private readonly diagnostics: Diagnostic[];
  /** Findings not yet shown on a cell, a label or a header (listed under their table, or at the end). */
  private readonly unplaced: Set<Diagnostic>;
  /** Places the arithmetic findings name as addends: marked as taking part in a wrong sum. */
  private readonly related = new Set<string>();
  /** Findings on exactly one cell, label or header label, by range (see claim). */
  private readonly claimed = new Map<string, Diagnostic[]>();

  constructor(
    private readonly report: Report,
    result: AnalysisResult | null,
    private readonly startLine: number,
    private readonly locale: Locale,
  ) {
    this.diagnostics = result?.diagnostics ?? [];
    this.unplaced = new Set(this.diagnostics);
    for (const diagnostic of this.diagnostics) {
      if (!ARITHMETIC_RULES.has(diagnostic.rule)) continue;
      for (const info of diagnostic.relatedInformation ?? []) if (!info.uri) this.related.add(key(info.range));
    }
  }

  t(zh: string, en: string): string {
    return text(this.locale, zh, en);
  }

  range(span: Span): Range {
    return this.report.lines.range(span);
  }

  /**
   * Claims the findings exactly on each place of a table that the preview shows as a cell (value cells,
   * the slots of rows that could not be placed, labels, header labels) before any cell is written, so
   * that a row's own findings (taken by line, see takeLines) never take a cell's.
   */
  claim(table: Table): void {
    const spans: Span[] = [];
    for (const row of table.rows) {
      for (const cell of row.cells ?? []) spans.push(cell.token.span);
      if (!row.cells) for (const token of row.slots) spans.push(token.span);
      const label = row.label.spans;
      if (label.length > 0) spans.push({ start: label[0].start, end: label[label.length - 1].end });
    }
    for (const header of table.header) {
      const label = header.label.spans;
      if (label.length > 0) spans.push({ start: label[0].start, end: label[label.length - 1].end });
    }
    for (const span of spans) {
      const range = this.range(span);
      const empty = samePosition(range.start, range.end);
      for (const diagnostic of this.unplaced) {
        if (!samePosition(diagnostic.range.start, range.start) || (!empty && !samePosition(diagnostic.range.end, range.end))) continue;
        this.unplaced.delete(diagnostic);
        const list = this.claimed.get(key(range));
        if (list) list.push(diagnostic);
        else this.claimed.set(key(range), [diagnostic]);
      }
    }
  }

  /** The findings claimed for exactly this range. */
  take(range: Range): Diagnostic[] {
    return this.claimed.get(key(range)) ?? [];
  }

  /** The findings still unplaced that start on one of these lines (a row's own findings: cell-count …). */
  takeLines(first: number, last: number): Diagnostic[] {
    const found = [...this.unplaced].filter((diagnostic) => diagnostic.range.start.line >= first && diagnostic.range.start.line <= last);
    for (const diagnostic of found) this.unplaced.delete(diagnostic);
    return found;
  }

  takeSpan(span: Span): Diagnostic[] {
    const { start, end } = this.range(span);
    const found = [...this.unplaced].filter((diagnostic) => {
      const at = diagnostic.range.start;
      return (at.line > start.line || (at.line === start.line && at.character >= start.character)) &&
        (at.line < end.line || (at.line === end.line && at.character <= end.character));
    });
    for (const diagnostic of found) this.unplaced.delete(diagnostic);
    return found;
  }

  isRelated(range: Range): boolean {
    return this.related.has(key(range));
  }

  documentLine(line: number): number {
    return line + this.startLine;
  }

  /** `data-range` in document lines. */
  dataRange(range: Range | null | undefined): string {
    if (!range) return '';
    const d = this.startLine;
    return ` data-range="${range.start.line + d},${range.start.character},${range.end.line + d},${range.end.character}"`;
  }

  cell(cell: CellHtml): string {
    const classes = [...(cell.classes ?? [])];
    let attributes = '';
    if (cell.rowspan && cell.rowspan > 1) attributes += ` rowspan="${cell.rowspan}"`;
    if (cell.colspan && cell.colspan > 1) attributes += ` colspan="${cell.colspan}"`;
    if (cell.range) {
      attributes += this.dataRange(cell.range);
      classes.push('gr-at');
    }
    if (classes.length > 0) attributes += ` class="${escapeHtml(classes.join(' '))}"`;
    if (cell.title && cell.title.length > 0) attributes += ` title="${escapeHtml(cell.title.join('\n'))}"`;
    return `<${cell.tag}${attributes}>${cell.html}</${cell.tag}>`;
  }

  /** Classes and tooltip lines for findings on a place. */
  marks(diagnostics: readonly Diagnostic[]): { classes: string[]; title: string[] } {
    const severity = worst(diagnostics);
    return {
      classes: severity ? ['gr-finding', `gr-${severity}`] : [],
      title: diagnostics.map((diagnostic) => `${diagnostic.message}（${diagnostic.rule}）`),
    };
  }
}

function key(range: Range): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

// ---------------------------------------------------------------------------------------------------
// Sums: the value a wrong total should have, by the rule that found it, from the template's definitions
// (the same sums the rules and the hover check).

function sum(cells: (Cell | undefined)[]): number | null {
  let total = 0;
  for (const cell of cells) {
    if (!cell || cell.state !== 'number' || cell.value === null) return null;
    total += cell.value;
  }
  return Math.round(total * 1e6) / 1e6;
}

function expectedValue(rule: string, table: Table, row: Row, cell: Cell): number | null {
  const column = cell.column.id;
  if (table.section === 4) {
    if (rule !== 'review-total') return null;
    const { groups, results, totalColumn } = table.template.reviews;
    const group = groups.find((candidate) => column === `${candidate.id}.${totalColumn}`);
    if (!group) return null;
    return sum(results.filter((result) => result.id !== totalColumn).map((result) => cellOf(row, `${group.id}.${result.id}`)));
  }
  if (table.section !== 3 || !row.def) return null;
  const requests = table.template.requests;
  const rows = rowsById(table);
  const inColumn = (ids: readonly string[]) => ids.map((id) => { const r = rows.get(id); return r ? cellOf(r, column) : undefined; });
  switch (rule) {
    case 'row-total':
      return row.cells ? sum(row.cells.filter((candidate) => candidate.column.id !== requests.totalColumn)) : null;
    case 'result-total':
      return sum(inColumn(requests.resultRows));
    case 'group-total':
      return sum(inColumn(requests.rows.filter((def) => def.parent === row.def!.id).map((def) => def.id)));
    case 'balance': {
      // The cell is on one side: it should be the other side less the rest of its own side.
      const { left, right } = requests.balance;
      const own = left.includes(row.def.id) ? left : right;
      const other = own === left ? right : left;
      const otherSum = sum(inColumn(other));
      const rest = sum(inColumn(own.filter((id) => id !== row.def!.id)));
      return otherSum === null || rest === null ? null : Math.round((otherSum - rest) * 1e6) / 1e6;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Cells

function valueCell(r: Renderer, table: Table, row: Row, cell: Cell | undefined): string {
  if (!cell) return r.cell({ tag: 'td', html: '', classes: ['gr-value', 'gr-none'] });
  const range = r.range(cell.token.span);
  const diagnostics = r.take(range);
  const { classes, title } = r.marks(diagnostics);
  classes.unshift('gr-value', `gr-${cell.state}`);
  let html = cell.state === 'number' && cell.value !== null ? escapeHtml(formatNumber(cell.value)) : escapeHtml(cell.token.raw);
  const expected: string[] = [];
  for (const diagnostic of diagnostics) {
    if (!ARITHMETIC_RULES.has(diagnostic.rule)) continue;
    classes.push('gr-sum');
    const value = expectedValue(diagnostic.rule, table, row, cell);
    if (value !== null && !expected.includes(formatNumber(value))) expected.push(formatNumber(value));
  }
  if (expected.length > 0) {
    html += expected.map((value) => ` <span class="gr-expected">${escapeHtml(r.t(`应为 ${value}`, `should be ${value}`))}</span>`).join('');
  }
  if (diagnostics.length === 0 && r.isRelated(range)) classes.push('gr-related');
  return r.cell({ tag: 'td', html, classes, range, title });
}

/** The value cells of a row under `columns`: placed cells, or the slots as written when they could not be placed. */
function valueCells(r: Renderer, table: Table, row: Row | undefined, columns: readonly ColumnDef[]): string {
  if (!row) return columns.map(() => r.cell({ tag: 'td', html: '', classes: ['gr-value', 'gr-none'] })).join('');
  if (row.cells) return columns.map((column) => valueCell(r, table, row, cellOf(row, column.id))).join('');
  // Not placed (too many or too few values): show what is written, in order, under the first columns.
  const out: string[] = [];
  columns.forEach((_, index) => {
    const token = row.slots[index];
    if (!token) {
      out.push(r.cell({ tag: 'td', html: '', classes: ['gr-value', 'gr-unplaced'] }));
      return;
    }
    const extra = index === columns.length - 1 ? row.slots.slice(index + 1) : [];
    const range = r.range(token.span);
    const { classes, title } = r.marks(r.take(range));
    const html = [token, ...extra].map((t) => escapeHtml(t.raw)).join(' ');
    out.push(r.cell({ tag: 'td', html, classes: ['gr-value', 'gr-unplaced', ...classes], range, title }));
  });
  return out.join('');
}

function labelRange(r: Renderer, row: Row | undefined): Range | null {
  if (!row || row.label.spans.length === 0) return null;
  const spans = row.label.spans;
  return r.range({ start: spans[0].start, end: spans[spans.length - 1].end });
}

/** The label cell of a row: the template's wording, its findings and the row-level ones (cell-count …). */
function labelCell(
  r: Renderer,
  def: RowDef | null,
  row: Row | undefined,
  layout: { rowspan?: number; colspan?: number },
  classes: string[] = [],
  rowFindings = true,
): string {
  const range = labelRange(r, row);
  const own = range ? r.take(range) : [];
  // A group's label often shares its line with its first member: the line's findings are the member's.
  const diagnostics = range && rowFindings ? [...own, ...r.takeLines(range.start.line, rowLastLine(r, row!))] : own;
  const marks = r.marks(diagnostics);
  const label = def ? def.numbering + def.text : (row?.label.raw ?? '');
  const title = [...marks.title];
  if (def && row && !row.label.exact && row.label.raw) title.unshift(r.t(`表中写作：${row.label.raw}`, `written as: ${row.label.raw}`));
  if (!row) {
    classes = [...classes, 'gr-missing'];
    title.unshift(r.t('报告中缺少此行', 'this row is missing from the report'));
  }
  return r.cell({ tag: 'th', html: escapeHtml(label), classes: ['gr-label', ...classes, ...marks.classes], range, title, ...layout });
}

function rowLastLine(r: Renderer, row: Row): number {
  const ends = [...row.label.spans, ...row.slots.map((token) => token.span)].map((span) => span.end);
  return ends.length > 0 ? r.range({ start: Math.max(...ends), end: Math.max(...ends) }).start.line : 0;
}

/** A header cell of a template column, pointing at the report's own header label when it has one. */
function headerCell(r: Renderer, table: Table, column: ColumnDef, layout: { rowspan?: number; colspan?: number }): string {
  const written = table.header.find((header) => header.column.id === column.id);
  const spans = written?.label.spans ?? [];
  const range = spans.length > 0 ? r.range({ start: spans[0].start, end: spans[spans.length - 1].end }) : null;
  const marks = r.marks(range ? r.take(range) : []);
  const title = [...marks.title];
  if (written && !written.label.exact && written.label.raw) title.unshift(r.t(`表中写作：${written.label.raw}`, `written as: ${written.label.raw}`));
  return r.cell({ tag: 'th', html: escapeHtml(column.label), classes: ['gr-head', ...marks.classes], range, title, ...layout });
}

function plainHead(r: Renderer, label: string, layout: { rowspan?: number; colspan?: number }, classes: string[] = []): string {
  return r.cell({ tag: 'th', html: escapeHtml(label), classes: ['gr-head', ...classes], ...layout });
}

function tr(cells: string[], classes: string[] = []): string {
  return `<tr${classes.length ? ` class="${classes.join(' ')}"` : ''}>${cells.join('')}</tr>`;
}

// ---------------------------------------------------------------------------------------------------
// Tables

/** How many label columns a row tree takes: one per level of groups, plus the rows'. */
function labelDepth(defs: readonly RowDef[]): number {
  const depthOf = (def: RowDef): number => {
    let depth = 0;
    // The template nests at most three deep; the bound only guards against a cycle in the data.
    for (let parent = def.parent; parent && depth < 8; depth++) parent = defs.find((candidate) => candidate.id === parent)?.parent;
    return depth;
  };
  return Math.max(1, ...defs.map((def) => depthOf(def) + 1));
}

/**
 * The label area of a table's body, from the template's row tree: a group is one cell spanning the rows
 * of its members (rowspan) in its own column; a row without members spans the remaining label columns.
 * A subtotal written on a group row gets a row of its own, first in the group.
 */
function bodyRows(r: Renderer, table: Table, defs: readonly RowDef[], columns: readonly ColumnDef[]): string[] {
  const rows = rowsById(table);
  const children = (id: string | undefined) => defs.filter((def) => def.parent === id);
  const labelColumns = labelDepth(defs);
  const hasSubtotal = (def: RowDef) => {
    const row = rows.get(def.id);
    return !!row && row.slots.some((token) => token.kind !== 'empty');
  };
  /** Display rows of a template row: itself (a leaf, or a group's subtotal) and its members'. */
  const height = (def: RowDef): number => {
    const members = children(def.id);
    if (members.length === 0) return 1;
    return members.reduce((total, member) => total + height(member), hasSubtotal(def) ? 1 : 0);
  };

  const out: string[] = [];
  /** Group cells waiting to be put at the start of the next display row. */
  let pending: string[] = [];
  const emit = (def: RowDef, depth: number): void => {
    const members = children(def.id);
    const row = rows.get(def.id);
    if (members.length === 0) {
      const cells = [...pending, labelCell(r, def, row, { colspan: labelColumns - depth }), valueCells(r, table, row, columns)];
      pending = [];
      out.push(tr(cells, row ? [] : ['gr-missing-row']));
      return;
    }
    pending.push(labelCell(r, def, row, { rowspan: height(def) }, ['gr-group'], false));
    if (hasSubtotal(def)) {
      const subtotal = r.cell({ tag: 'th', html: escapeHtml(r.t('小计', 'subtotal')), classes: ['gr-label', 'gr-subtotal'], colspan: labelColumns - depth - 1 });
      out.push(tr([...pending, subtotal, valueCells(r, table, row, columns)]));
      pending = [];
    }
    for (const member of members) emit(member, depth + 1);
  };
  for (const def of children(undefined)) emit(def, 0);

  // Rows the template does not have, and repeats of a template row: as written, at the end.
  const shown = new Set([...rows.values()]);
  for (const row of table.rows) {
    if (shown.has(row)) continue;
    const cells = [labelCell(r, null, row, { colspan: labelColumns }, ['gr-unknown']), valueCells(r, table, row, columns)];
    out.push(tr(cells, ['gr-extra-row']));
  }
  return out;
}

function activeTable(r: Renderer, table: Table): string {
  const item = table.item?.def;
  const columns = item?.columns ?? table.columns;
  const head = tr([plainHead(r, item?.labelColumn ?? '', {}), ...columns.map((column) => headerCell(r, table, column, {}))]);
  const body = bodyRows(r, table, item?.rows ?? [], columns);
  return `<table class="gr-table gr-t2"><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * Table 三's header as the template draws it: the corner note over the label columns; 申请人情况 over
 * every column; under it the first column and the total on their own, the columns between them under
 * 法人或其他组织 (the layout templates/render.ts writes and hover.ts names).
 */
function requestsTable(r: Renderer, table: Table): string {
  const { cornerNote, columnGroups, columns, rows: defs } = table.template.requests;
  const labelColumns = labelDepth(defs);
  const first = columns[0];
  const last = columns[columns.length - 1];
  const inner = columns.slice(1, -1);
  const head = [
    tr([plainHead(r, cornerNote, { rowspan: 3, colspan: labelColumns }, ['gr-corner']), plainHead(r, columnGroups[0] ?? '', { colspan: columns.length })]),
    tr([headerCell(r, table, first, { rowspan: 2 }), plainHead(r, columnGroups[1] ?? '', { colspan: inner.length }), headerCell(r, table, last, { rowspan: 2 })]),
    tr(inner.map((column) => headerCell(r, table, column, {}))),
  ];
  const body = bodyRows(r, table, defs, columns);
  return `<table class="gr-table gr-t3"><thead>${head.join('')}</thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * Table 四's header from the groups' header paths: equal path prefixes of neighbouring groups merge
 * into one cell (行政诉讼 over its two groups); the result labels fill the rows below a shorter path.
 */
function reviewsTable(r: Renderer, table: Table): string {
  const { groups, results } = table.template.reviews;
  const depth = Math.max(...groups.map((group) => group.path.length)) + 1;
  const prefix = (g: number, level: number) => groups[g].path.slice(0, level + 1).join('\u0000');
  const headRows: string[][] = Array.from({ length: depth }, () => []);
  for (let level = 0; level < depth; level++) {
    // Row by row in column order: a group's path element (merged with its neighbours'), or, in the
    // row after its path ends, its result labels reaching down to the last header row.
    for (let g = 0; g < groups.length; g++) {
      const path = groups[g].path;
      if (level < path.length) {
        if (g > 0 && groups[g - 1].path.length > level && prefix(g - 1, level) === prefix(g, level)) continue;
        let span = 1;
        while (g + span < groups.length && groups[g + span].path.length > level && prefix(g + span, level) === prefix(g, level)) span++;
        headRows[level].push(plainHead(r, path[level], { colspan: span * results.length }, ['gr-group-head']));
      } else if (level === path.length) {
        for (const result of results) headRows[level].push(headerCell(r, table, { ...result, id: `${groups[g].id}.${result.id}` }, { rowspan: depth - level }));
      }
    }
  }
  const columns = groups.flatMap((group) => results.map((result) => table.columns.find((c) => c.id === `${group.id}.${result.id}`) ?? { ...result, id: `${group.id}.${result.id}` }));
  const body = table.rows.map((row) => {
    const range = labelRange(r, row);
    const rowFindings = range ? r.takeLines(range.start.line, rowLastLine(r, row)) : [];
    const marks = r.marks(rowFindings);
    return tr([valueCells(r, table, row, columns)], marks.classes);
  });
  return `<table class="gr-table gr-t4"><thead>${headRows.filter((row) => row.length > 0).map((row) => tr(row)).join('')}</thead><tbody>${body.join('')}</tbody></table>`;
}

function tableHtml(r: Renderer, table: Table, diagnostics: readonly Diagnostic[], locale: Locale): string {
  r.claim(table);
  const name = tableName(table, locale === 'en');
  const inner = table.section === 2 ? activeTable(r, table) : table.section === 3 ? requestsTable(r, table) : reviewsTable(r, table);
  // What is left in the table's text (a missing column, a row that is not there …), below it.
  const rest = r.takeSpan(table.span);
  const wrong = diagnostics.filter((diagnostic) => ARITHMETIC_RULES.has(diagnostic.rule)).length;
  // As the code lens says it: rows whose values could not be placed were not checked, so "all
  // consistent" alone would claim more than was checked.
  const unread = table.rows.filter((row) => row.cells === null && row.slots.length > 0).length;
  let summary = wrong === 0 ? r.t('勾稽关系：全部一致', 'Totals: all consistent') : r.t(`勾稽关系：${wrong} 处不一致`, `Totals: ${wrong} inconsistent`);
  if (unread > 0) summary += r.t(`（${unread} 行无法核对）`, ` (${unread} rows could not be checked)`);
  const status = table.section === 2 ? '' : `<span class="gr-status ${wrong === 0 && unread === 0 ? 'gr-ok' : 'gr-bad'}">${escapeHtml(summary)}</span>`;
  const range = r.range({ start: table.span.start, end: table.span.start });
  return [
    `<section class="gr-table-block">`,
    `<h2 class="gr-at"${r.dataRange(range)}>${escapeHtml(name)} ${status}</h2>`,
    `<div class="gr-scroll">${inner}</div>`,
    findingList(r, rest),
    `</section>`,
  ].join('');
}

function findingList(r: Renderer, diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '';
  const items = diagnostics.map(
    (diagnostic) =>
      `<li class="gr-at gr-${diagnostic.severity}"${r.dataRange(diagnostic.range)}>${escapeHtml(
        r.t(`第 ${r.documentLine(diagnostic.range.start.line) + 1} 行`, `line ${r.documentLine(diagnostic.range.start.line) + 1}`),
      )}：${escapeHtml(diagnostic.message)} <span class="gr-rule">${escapeHtml(diagnostic.rule)}</span></li>`,
  );
  return `<ul class="gr-findings">${items.join('')}</ul>`;
}

/** The findings that start in a table's lines (the status line counts the arithmetic ones). */
function tableDiagnostics(r: Renderer, table: Table, all: readonly Diagnostic[]): Diagnostic[] {
  const { start, end } = r.range(table.span);
  return all.filter((diagnostic) => diagnostic.range.start.line >= start.line && diagnostic.range.start.line <= end.line);
}

/** One report's preview (a `<article>`). */
export function preview(report: Report, result: AnalysisResult | null, options: PreviewOptions & { startLine?: number } = {}): string {
  const locale = options.locale ?? 'zh-CN';
  const r = new Renderer(report, result, options.startLine ?? 0, locale);
  const all = result?.diagnostics ?? [];
  const title = report.title ? report.text.slice(report.title.span.start, report.title.span.end).replace(/^#+\s*/, '') : '';
  const parts: string[] = [`<article class="gr-report">`];
  if (title) parts.push(`<h1 class="gr-at"${r.dataRange(r.range(report.title!.span))}>${escapeHtml(title)}</h1>`);
  const facts = [
    report.year !== null ? r.t(`${report.year} 年度`, `year ${report.year}`) : null,
    report.format ? r.t(`${report.format} 年格式`, `${report.format} format`) : null,
    r.t(`${all.filter((d) => d.severity === 'error').length} 个错误，${all.filter((d) => d.severity === 'warning').length} 个警告`,
      `${all.filter((d) => d.severity === 'error').length} errors, ${all.filter((d) => d.severity === 'warning').length} warnings`),
  ].filter((fact): fact is string => fact !== null);
  parts.push(`<p class="gr-facts">${escapeHtml(facts.join(' · '))}</p>`);
  if (!report.isReport || report.legacy || report.tables.length === 0) {
    parts.push(`<p class="gr-empty">${escapeHtml(report.legacy
      ? r.t('这是 2019 年以前的旧式年报，没有模板表格。', 'A pre-2019 report: it has no template tables.')
      : r.t('没有找到可识别的年报表格。', 'No report tables were recognised.'))}</p>`);
  }
  for (const table of report.tables) parts.push(tableHtml(r, table, tableDiagnostics(r, table, all), locale));
  parts.push(`</article>`);
  return parts.join('\n');
}

/** The preview of a document of one or several reports, as the language server parsed it. */
export function documentPreview(parts: readonly PreviewPart[], options: PreviewOptions = {}): string {
  const body = parts.map((part) => preview(part.report, part.result, { ...options, startLine: part.startLine }));
  return `<div class="gr-preview">\n${body.join('\n')}\n</div>\n`;
}
