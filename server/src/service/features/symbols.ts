// Document symbols: sections → tables → row groups → rows, so the outline and the breadcrumbs show the
// report the way the template structures it. Groups nest by the template's `parent` links; a group
// whose label is missing leaves its rows one level up.
import type { Report, Row, Table } from '../model';
import { formatNumber } from '../rules/rule';
import type { Span } from '../text';
import type { AnalysisResult, Locale } from '../types';
import { rowLabel, rowSpan, tableTitle, templateRows } from './common';
import type { DocumentSymbol, FeatureOptions } from './types';

function text(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

const LAYOUT_NAMES: Record<string, [string, string]> = {
  tab: ['制表符分隔', 'tab-separated'],
  lines: ['每格一行', 'one cell per line'],
  pipe: ['Markdown 表格', 'markdown pipe table'],
  space: ['空格分隔', 'space-separated'],
  mixed: ['混合排版', 'mixed layout'],
};

function union(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

interface Node {
  symbol: DocumentSymbol;
  span: Span;
  children: Node[];
}

function rowDetail(table: Table, row: Row): string | undefined {
  if (!row.cells) return undefined;
  // The row's 总计 when the table has one, else its values: enough to recognise the row in the outline.
  const totalId = table.section === 3 ? table.template.requests.totalColumn : null;
  const totalCell = totalId ? row.cells.find((cell) => cell.column.id === totalId) : undefined;
  const show = (cell: { state: string; value: number | null; token: { raw: string } }) =>
    cell.state === 'number' && cell.value !== null ? formatNumber(cell.value) : cell.token.raw || '—';
  if (totalCell) return `${totalCell.column.label} ${show(totalCell)}`;
  return row.cells.map(show).join(' ');
}

function rowSymbols(report: Report, table: Table, locale: Locale): DocumentSymbol[] {
  const lines = report.lines;
  if (table.section === 4) {
    // One row of fifteen values: the three groups are what a reader looks for.
    const row = table.rows[0];
    if (!row?.cells) return [];
    const { groups, totalColumn } = table.template.reviews;
    return groups.flatMap((group) => {
      const cells = row.cells!.filter((cell) => cell.column.id.startsWith(`${group.id}.`));
      if (cells.length === 0) return [];
      const span = cells.map((cell) => cell.token.span).reduce(union);
      const totalCell = cells.find((cell) => cell.column.id === `${group.id}.${totalColumn}`);
      const symbol: DocumentSymbol = {
        name: group.path.join('·'),
        kind: 'group',
        range: lines.range(span),
        selectionRange: lines.range(cells[0].token.span),
        children: [],
      };
      if (totalCell?.state === 'number' && totalCell.value !== null) symbol.detail = `${text(locale, '总计', 'total')} ${formatNumber(totalCell.value)}`;
      return [symbol];
    });
  }

  const defs = templateRows(table);
  const nodes = new Map<string, Node>();
  const top: Node[] = [];
  const ordered: { node: Node; parent: string | undefined }[] = [];
  for (const row of table.rows) {
    const span = rowSpan(row);
    if (!span) continue;
    const isGroup = row.def?.isGroup === true;
    const symbol: DocumentSymbol = {
      // Editors reject a symbol without a name; a row known only by its values still gets one.
      name: rowLabel(row) || text(locale, '（无标签的行）', '(unlabelled row)'),
      kind: isGroup ? 'group' : 'row',
      range: lines.range(span),
      selectionRange: lines.range(row.label.spans[0] ?? span),
      children: [],
    };
    const detail = rowDetail(table, row);
    if (detail) symbol.detail = detail;
    const node: Node = { symbol, span, children: [] };
    // A row seen again (a repeated label) is listed where it is, but only the first one takes children.
    if (row.def && !nodes.has(row.def.id)) nodes.set(row.def.id, node);
    ordered.push({ node, parent: row.def?.parent });
  }
  const parentOf = (id: string | undefined): Node | undefined => {
    // Up the template's groups until one that is present in the table.
    for (let depth = 0; id && depth < 8; depth++) {
      const node = nodes.get(id);
      if (node) return node;
      id = defs.find((def) => def.id === id)?.parent;
    }
    return undefined;
  };
  for (const { node, parent } of ordered) {
    const owner = parentOf(parent);
    if (owner && owner !== node) owner.children.push(node);
    else top.push(node);
  }
  // A group's range covers its rows, so the breadcrumbs show the group for any cell below it.
  const widen = (node: Node): Span => {
    let span = node.span;
    for (const child of node.children) span = union(span, widen(child));
    node.span = span;
    node.symbol.range = lines.range(span);
    node.symbol.children = node.children.map((child) => child.symbol);
    return span;
  };
  top.forEach(widen);
  return top.map((node) => node.symbol);
}

function tableSymbol(report: Report, table: Table, locale: Locale): DocumentSymbol {
  const format = table.format ?? table.template.format;
  const layout = LAYOUT_NAMES[table.layout] ?? LAYOUT_NAMES.mixed;
  const first = table.item?.label.spans[0] ?? table.headerSpan ?? table.span;
  return {
    name: tableTitle(table, locale),
    detail: text(locale, `${format} 年格式 · ${layout[0]}`, `${format} format · ${layout[1]}`),
    kind: 'table',
    range: report.lines.range(table.span),
    selectionRange: report.lines.range({ start: first.start, end: Math.min(first.end, table.span.end) }),
    children: rowSymbols(report, table, locale),
  };
}

export function documentSymbols(report: Report, _result: AnalysisResult | null, options: FeatureOptions = {}): DocumentSymbol[] {
  const locale = options.locale ?? 'zh-CN';
  const lines = report.lines;
  const out: DocumentSymbol[] = [];
  const sections = report.sections.map((section) => {
    // The section's range ends at its last non-blank line rather than at the next heading.
    let end = section.span.end;
    while (end > section.headingSpan.end && /\s/.test(report.text[end - 1])) end--;
    const symbol: DocumentSymbol = {
      name: `${section.numeral}、${section.title}`,
      kind: 'section',
      range: lines.range({ start: section.headingSpan.start, end }),
      selectionRange: lines.range(section.headingSpan),
      children: [],
    };
    return { section, symbol, span: { start: section.headingSpan.start, end } };
  });
  for (const table of report.tables) {
    const symbol = tableSymbol(report, table, locale);
    const owner = sections.find((entry) => table.span.start >= entry.span.start && table.span.start < entry.section.span.end);
    if (owner) {
      owner.symbol.children.push(symbol);
      if (table.span.end > owner.span.end) {
        owner.span = { start: owner.span.start, end: table.span.end };
        owner.symbol.range = lines.range(owner.span);
      }
    } else {
      out.push(symbol);
    }
  }
  out.push(...sections.map((entry) => entry.symbol));
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}
