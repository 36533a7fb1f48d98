// Writes template tables, headings and a whole report skeleton as text, from the template data: the
// source of the fixes that insert a missing section, table or row, of the snippets (scripts/gen-
// snippets.mjs), of the "插入年报模板" command and of the 2019 → 2021 conversion. A table is first built
// as a grid of cells (labels and value cells), then written in a layout: tab-separated rows, markdown
// pipe rows, one cell per line, or cells separated by spaces. In snippet mode every value cell is a tab
// stop `${n:0}` and all other text is escaped, so the result can go into a VS Code snippet as it is.
import type { FormatId } from '../types';
import { templates } from './index';
import type { ActiveItemDef, RowDef, TemplateDef } from './types';

export type RenderLayout = 'tab' | 'pipe' | 'lines' | 'space';

/** A cell that holds a number; written as its value, or as a tab stop in snippet mode. */
export interface ValueCell {
  value: string;
}
/** A label (text) cell, or a value cell. An empty string is an empty cell. */
export type GridCell = string | ValueCell;
export type GridRow = GridCell[];

export interface RenderOptions {
  /** Default 'tab'. */
  layout?: RenderLayout;
  /** Write a VS Code snippet: value cells (and the prose placeholders) become tab stops. */
  snippet?: boolean;
  /** Line break; default '\n'. */
  eol?: string;
  /** Written before each line of the one-cell-per-line layout; default a tab, as Word pastes it. */
  cellIndent?: string;
  /** Pipe rows are padded with empty cells to at least this many cells (to fit a wider table). */
  pipeWidth?: number;
  /** Pipe rows written compactly (`|a|b|`) rather than with spaces (`| a | b |`). */
  pipeCompact?: boolean;
  /** Pipe rows written without their outer pipes (`a | b`), as GFM allows and some tables are. */
  pipeBare?: boolean;
  /** Written before a section heading, e.g. "## "; default none, or "## " in the pipe layout. */
  headingPrefix?: string;
  /** First tab stop number (snippet mode); default 1. */
  firstTabStop?: number;
}

/** Numbers the tab stops of one snippet, across all the pieces written for it. */
class Writer {
  readonly layout: RenderLayout;
  readonly snippet: boolean;
  readonly eol: string;
  private next: number;

  constructor(readonly options: RenderOptions = {}) {
    this.layout = options.layout ?? 'tab';
    this.snippet = options.snippet ?? false;
    this.eol = options.eol ?? '\n';
    this.next = options.firstTabStop ?? 1;
  }

  /** Plain text, escaped for snippet syntax when writing a snippet. */
  text(value: string): string {
    return this.snippet ? escapeSnippet(value) : value;
  }

  /** A placeholder with a default: `${n:default}` in a snippet, the default otherwise. */
  placeholder(value: string): string {
    return this.snippet ? `\${${this.next++}:${escapeSnippet(value)}}` : value;
  }

  /** A placeholder, and what repeats it elsewhere: `$n`, which VS Code keeps equal to it. */
  mirrored(value: string): { first: string; again: string } {
    if (!this.snippet) return { first: value, again: value };
    const stop = this.next;
    return { first: this.placeholder(value), again: `\${${stop}}` };
  }

  /** A choice `${n|a,b|}` in a snippet, the first choice otherwise. */
  choice(values: string[]): string {
    if (!this.snippet) return values[0] ?? '';
    return `\${${this.next++}|${values.map(escapeChoice).join(',')}|}`;
  }

  cell(cell: GridCell): string {
    if (typeof cell !== 'string') return this.placeholder(cell.value);
    // A pipe inside a pipe cell would split it.
    return this.text(this.layout === 'pipe' ? cell.replace(/\|/g, '\\|') : cell);
  }

  /** Rows in the layout, as lines. */
  rows(rows: GridRow[], header: boolean): string[] {
    switch (this.layout) {
      case 'pipe': {
        const width = Math.max(this.options.pipeWidth ?? 0, ...rows.map((row) => row.length));
        const compact = this.options.pipeCompact ?? false;
        const bare = this.options.pipeBare ?? false;
        const inner = (cells: string[]) => cells.join(compact ? '|' : ' | ');
        const line = (cells: string[]) => (bare ? inner(cells) : compact ? `|${inner(cells)}|` : `| ${inner(cells)} |`);
        const lines = rows.map((row) => {
          const cells = row.map((cell) => this.cell(cell));
          while (cells.length < width) cells.push('');
          return line(cells);
        });
        // The first row is the markdown header; the delimiter row follows it.
        if (header && lines.length > 0) lines.splice(1, 0, line(new Array<string>(width).fill('---')));
        return lines;
      }
      case 'lines': {
        // One cell per line, a blank line between rows: how a Word table pasted as text looks.
        const indent = this.text(this.options.cellIndent ?? '\t');
        const lines: string[] = [];
        rows.forEach((row, index) => {
          if (index > 0) lines.push('');
          for (const cell of row) lines.push(indent + this.cell(cell));
        });
        return lines;
      }
      case 'space':
        // Empty cells cannot be written with spaces; the reader places the values by count.
        return rows.map((row) => row.filter((cell) => cell !== '').map((cell) => this.cell(cell)).join(' '));
      default:
        return rows.map((row) => row.map((cell) => this.cell(cell)).join('\t'));
    }
  }

  /** A line of its own (an item line, a heading): a paragraph in markdown, one cell elsewhere. */
  line(value: string): string {
    return this.layout === 'lines' ? this.text(this.options.cellIndent ?? '\t') + this.text(value) : this.text(value);
  }

  join(lines: string[]): string {
    return lines.join(this.eol);
  }
}

/** Escapes `$`, `}` and `\` so that text reads literally in VS Code snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** Inside a choice `${1|a,b|}`, `,` and `|` are syntax as well. */
function escapeChoice(text: string): string {
  return text.replace(/[$}\\,|]/g, '\\$&');
}

function zeros(count: number): ValueCell[] {
  return Array.from({ length: count }, () => ({ value: '0' }));
}

// ---- grids: the template tables as rows of cells ------------------------------------------------

export function itemLine(item: ActiveItemDef | string): string {
  return `第二十条第（${typeof item === 'string' ? item : item.item}）项`;
}

/** The label of a template row as the template prints it. */
export function rowLabel(row: RowDef): string {
  return row.numbering + row.text;
}

/** A sub-table of section 二 (without its item line): header and rows. */
export function activeItemGrid(item: ActiveItemDef, values?: (row: RowDef, columnIndex: number) => string): GridRow[] {
  return [
    [item.labelColumn, ...item.columns.map((column) => column.label)],
    ...item.rows.map((row) => [
      rowLabel(row),
      ...item.columns.map((_, index) => ({ value: values ? values(row, index) : '0' })),
    ]),
  ];
}

/** A row of table 三 (or of a table of 二): group rows carry no values. */
export function requestRowCells(row: RowDef, columnCount: number, values?: string[]): GridRow {
  if (row.isGroup) return [rowLabel(row)];
  return [rowLabel(row), ...(values ? values.map((value) => ({ value })) : zeros(columnCount))];
}

/** The three header rows of table 三, as the template draws them (merged cells left empty). */
export function requestsHeaderGrid(template: TemplateDef): GridRow[] {
  const { cornerNote, columnGroups, columns } = template.requests;
  const inner = columns.slice(1, -1).map((column) => column.label);
  return [
    [cornerNote, columnGroups[0]],
    ['', columns[0].label, columnGroups[1], ...inner.slice(1).map(() => ''), columns[columns.length - 1].label],
    ['', '', ...inner, ''],
  ];
}

export function requestsGrid(template: TemplateDef): GridRow[] {
  const table = template.requests;
  return [...requestsHeaderGrid(template), ...table.rows.map((row) => requestRowCells(row, table.columns.length))];
}

/** Table 四: a header of three rows and one row of values. */
export function reviewsGrid(template: TemplateDef, values?: string[]): GridRow[] {
  const { groups, results } = template.reviews;
  const width = results.length;
  const blank = (count: number) => new Array<string>(count).fill('');
  const labels = results.map((result) => result.label);
  const top = [groups[0].path[0], ...blank(width - 1), groups[1].path[0], ...blank(width * 2 - 1)];
  const middle = [...labels, groups[1].path[1], ...blank(width - 1), groups[2].path[1], ...blank(width - 1)];
  const bottom = [...blank(width), ...labels, ...labels];
  const count = groups.length * width;
  return [top, middle, bottom, values ? values.map((value) => ({ value })) : zeros(count)];
}

// ---- tables as text ------------------------------------------------------------------------------

/** One sub-table of section 二: its item line, then its header and rows. */
function writeActiveItem(writer: Writer, item: ActiveItemDef): string[] {
  const lines = [writer.line(itemLine(item))];
  // A markdown table after a paragraph needs a blank line to start.
  if (writer.layout === 'pipe' || writer.layout === 'lines') lines.push('');
  lines.push(...writer.rows(activeItemGrid(item), true));
  return lines;
}

function writeActiveTables(writer: Writer, template: TemplateDef): string[] {
  const lines: string[] = [];
  template.active.forEach((item, index) => {
    if (index > 0) lines.push('');
    lines.push(...writeActiveItem(writer, item));
  });
  return lines;
}

function writeTable(writer: Writer, template: TemplateDef, section: 2 | 3 | 4): string[] {
  if (section === 2) return writeActiveTables(writer, template);
  return writer.rows(section === 3 ? requestsGrid(template) : reviewsGrid(template), true);
}

/** Section 二's sub-tables, each under its item line, zeros in every cell. */
export function renderActiveTables(format: FormatId, options: RenderOptions = {}): string {
  const writer = new Writer(options);
  return writer.join(writeActiveTables(writer, templates[format]));
}

/** One sub-table of section 二 under its item line, zeros in every cell. */
export function renderActiveItem(item: ActiveItemDef, options: RenderOptions = {}): string {
  const writer = new Writer(options);
  return writer.join(writeActiveItem(writer, item));
}

export function renderRequestsTable(format: FormatId, options: RenderOptions = {}): string {
  const writer = new Writer(options);
  return writer.join(writeTable(writer, templates[format], 3));
}

export function renderReviewsTable(format: FormatId, options: RenderOptions = {}): string {
  const writer = new Writer(options);
  return writer.join(writeTable(writer, templates[format], 4));
}

/** The template table of section 二, 三 or 四. */
export function renderTable(format: FormatId, section: 2 | 3 | 4, options: RenderOptions = {}): string {
  const writer = new Writer(options);
  return writer.join(writeTable(writer, templates[format], section));
}

/**
 * Rows of cells in a layout: rows to go into an existing table, or with `header` a markdown table's
 * first rows (the delimiter row after the first).
 */
export function renderRows(rows: GridRow[], options: RenderOptions = {}, header = false): string {
  const writer = new Writer(options);
  return writer.join(writer.rows(rows, header));
}

/** A row of table 三 (tab-separated) as the template writes it: group rows without values. */
export function renderRequestRow(row: RowDef, columnCount: number, options: RenderOptions = {}): string {
  return renderRows([requestRowCells(row, columnCount)], options);
}

// ---- headings, sections, the whole report --------------------------------------------------------

function headingPrefix(options: RenderOptions): string {
  return options.headingPrefix ?? (options.layout === 'pipe' ? '## ' : '');
}

/** A section heading as the template words it: "一、总体情况" (behind `headingPrefix`). */
export function renderHeading(format: FormatId, index: number, options: RenderOptions = {}): string {
  const def = templates[format].sections.find((section) => section.index === index);
  if (!def) return '';
  return new Writer(options).text(`${headingPrefix(options)}${def.numeral}、${def.short}`);
}

/** A section heading, and the template table of 二/三/四 under it when asked. */
export function renderSectionSkeleton(format: FormatId, index: number, withTable: boolean, options: RenderOptions = {}): string {
  const heading = renderHeading(format, index, options);
  if (!heading || !withTable || (index !== 2 && index !== 3 && index !== 4)) return heading;
  const writer = new Writer(options);
  return writer.join([heading, '', ...writeTable(writer, templates[format], index)]);
}

/**
 * Our wording of the 信息处理费 statement that 国办公开办函〔2021〕30号 requires in section 六 (the template
 * only says "收取信息处理费情况在此处报告"). The first choice is the usual case.
 */
const FEE_STATEMENT = {
  before: '本年度，本机关',
  choices: ['未收取信息处理费', '依据《政府信息公开信息处理费管理办法》收取信息处理费 0 元'],
  after: '。',
};

/** Prompts in the skeleton where the author writes prose (not template text: our own words). */
const PROSE = {
  agency: '某某单位',
  basis: (notice: string) => `本报告依据《中华人民共和国政府信息公开条例》和${notice}的要求编制。`,
  overview: '（在此概述本年度主动公开、依申请公开、政府信息管理、平台建设、监督保障等工作情况。）',
  problems: '（在此写明本年度存在的主要问题、改进措施以及上年度问题的整改情况。）',
  other: '（在此报告其他需要报告的事项。）',
};

function writeFeeStatement(writer: Writer): string {
  return writer.text(FEE_STATEMENT.before) + writer.choice(FEE_STATEMENT.choices) + writer.text(FEE_STATEMENT.after);
}

/** The 信息处理费 statement for section 六 (2021 format). */
export function renderFeeStatement(options: RenderOptions = {}): string {
  return writeFeeStatement(new Writer(options));
}

/**
 * A whole report in a format: title, legal basis and statistical period, the six sections with the
 * template tables (zeros in every cell), prompts for the prose, and the 信息处理费 statement where the
 * format requires it. The year is the first the format applies to.
 */
export function renderReport(format: FormatId, options: RenderOptions = {}): string {
  const writer = new Writer(options);
  const template = templates[format];
  const prefix = headingPrefix(options);
  const markdown = prefix !== '';
  const agency = writer.placeholder(PROSE.agency);
  // The year's tab stop is repeated, so VS Code mirrors what the author types into every place.
  const { first: year, again: yearAgain } = writer.mirrored(String(template.years.from));
  const lines: string[] = [
    `${markdown ? writer.text('# ') : ''}${agency}${year}${writer.text('年政府信息公开工作年度报告')}`,
    '',
    writer.text(PROSE.basis(template.notice)) +
      writer.text('本报告中所列数据的统计期限自') +
      yearAgain +
      writer.text('年1月1日起至') +
      yearAgain +
      writer.text('年12月31日止。'),
  ];
  for (const section of template.sections) {
    lines.push('', writer.text(`${prefix}${section.numeral}、${section.short}`), '');
    const index = section.index;
    if (index === 2 || index === 3 || index === 4) lines.push(...writeTable(writer, template, index));
    else if (index === 1) lines.push(writer.placeholder(PROSE.overview));
    else if (index === 5) lines.push(writer.placeholder(PROSE.problems));
    else if (format === '2021') lines.push(writeFeeStatement(writer));
    else lines.push(writer.placeholder(PROSE.other));
  }
  lines.push('');
  return writer.join(lines) + (writer.snippet ? '$0' : '');
}
