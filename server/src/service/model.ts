// The parsed report: what every rule and every editor feature reads. Built once per document version
// by `parse` (reader/); nothing in here knows about LSP or files.
import type { ActiveItemDef, ColumnDef, RowDef, SectionDef, TemplateDef } from './templates';
import type { LineIndex, Span } from './text';
import type { FormatId, TableLayout } from './types';

export type TokenKind = 'text' | 'number' | 'placeholder' | 'empty';

/** One cell of a table as written, in any layout. */
export interface Token {
  kind: TokenKind;
  /** Exact place in the text; zero-width for an empty cell. */
  span: Span;
  /** As written (trimmed). */
  raw: string;
  /** normalizeLabel(raw), for text tokens. */
  norm: string;
  /** For numbers: the value. */
  value?: number;
  /** For numbers: a unit written in the cell (万元, 元, 件 …). */
  unit?: string;
  /** For numbers: digits that look like several cells run together ("000", "0 0" without separator). */
  merged?: boolean;
  line: number;
  /** The first non-empty token of its line. */
  firstInLine: boolean;
  layout: TableLayout;
}

/** A label as found, possibly in several fragments ("（三）不予" … "公开"). */
export interface LabelMatch {
  spans: Span[];
  /** The fragments joined, as written. */
  raw: string;
  /** True when the wording is the template's (or an accepted variant). */
  exact: boolean;
  /** The canonical label (numbering + text for rows). */
  canonical: string;
}

export type CellState = 'number' | 'blank' | 'placeholder' | 'invalid';

export interface Cell {
  column: ColumnDef;
  token: Token;
  state: CellState;
  /** The numeric value; null unless state is 'number'. */
  value: number | null;
}

export type RowProblem = 'count' | 'merged';

export interface Row {
  /** The template row, or null for a row whose label matches none. */
  def: RowDef | null;
  label: LabelMatch;
  /** The value slots after the label (leading and trailing empty cells dropped). */
  slots: Token[];
  /** Empty cells in the row's value area (blank cells, or what merged cells left). */
  emptyCells: number;
  /** The cells, one per column, when the values could be placed; otherwise null. */
  cells: Cell[] | null;
  problem?: RowProblem;
}

export interface HeaderLabel {
  column: ColumnDef;
  label: LabelMatch;
}

export interface Table {
  section: 2 | 3 | 4;
  /** For section 二: the item (一/五/六/八/九) and its line. */
  item?: { def: ActiveItemDef | null; numeral: string; label: LabelMatch };
  /** The format this table follows, by its labels; null when its labels fit both. */
  format: FormatId | null;
  /** The format the table was validated against. */
  template: TemplateDef;
  /** Tokens whose wording belongs to one format only, as evidence for `format`. */
  formatEvidence: { format: FormatId; token: Token }[];
  layout: TableLayout;
  span: Span;
  /** The value columns of its rows. */
  columns: ColumnDef[];
  header: HeaderLabel[];
  /** Header labels the template has and this table lacks. */
  missingColumns: ColumnDef[];
  /** Where the header is (for findings about missing columns). */
  headerSpan: Span | null;
  /** Rows in document order (template rows and unrecognised ones). */
  rows: Row[];
  /** Template rows not found, each with the offset of the row it should precede. */
  missingRows: { def: RowDef; before: number }[];
  /**
   * Placed rows by template row id, built on first use by rowsById (rules/rule.ts); undefined until
   * then. Kept on the table, not in a WeakMap keyed by it: V8's young-generation collector keeps a
   * WeakMap's young keys alive, so every parsed table (and all it holds) was copied and promoted.
   */
  rowsById?: ReadonlyMap<string, Row>;
}

export interface Section {
  def: SectionDef;
  /** The heading line without markdown markers. */
  headingSpan: Span;
  numeralSpan: Span;
  titleSpan: Span;
  /** The numeral as written. */
  numeral: string;
  /** The title as written. */
  title: string;
  /** The title is the short or the long template form. */
  titleExact: boolean;
  /** The numeral is the section's own. */
  numeralExact: boolean;
  /** From the heading to the next heading. */
  span: Span;
  line: number;
}

/** A date or a year in the text: "2021年", "2021年度", "2021年12月31日", "12月31日", "二〇二二年一月二十日". */
export interface ProseDate {
  span: Span;
  /** Null for a month and day without a year ("至12月31日"). */
  year: number | null;
  month: number | null;
  day: number | null;
  /** Written "…年度". */
  yearly: boolean;
}

/** A number with the measure word of things counted (件 起 宗 条 项 次 个 份): "21件", "二十三件", "3次". */
export interface ProseFigure {
  /** The number and its measure word. */
  span: Span;
  value: number;
  unit: string;
  /** As written. */
  raw: string;
}

/** An enumeration marker: "二是" (kind 'shi') or "（二）" (kind 'paren'). */
export interface ProseMarker {
  span: Span;
  kind: 'shi' | 'paren';
  /** 2 for 二是 / （二）. */
  value: number;
  raw: string;
  /** First thing in its paragraph (after blanks and markdown marks). */
  atStart: boolean;
}

/** A document number: "〔2019〕60号". */
export interface ProseCitation {
  span: Span;
  year: number;
  number: number;
  /** As written, without a line break it may run over. */
  raw: string;
  /** Up to four characters of the running text before it (across a hard line break): its issuer's end, "公开办函". */
  before: string;
}

/**
 * A line of running text (outside headings and tables), with what the reader found in it. The text
 * rules read these; none of them scans the document again.
 */
export interface Paragraph {
  /** The section it is in (the nearest heading above it); null before the first heading. */
  section: Section | null;
  /** The line without leading blanks and markdown marks (#, >, list bullets, **), trimmed. */
  text: string;
  /** Where `text` is: `text[i]` is at `span.start + i`. */
  span: Span;
  line: number;
  /**
   * The previous paragraph's sentence runs on into this one: it did not end its sentence and this
   * line follows it directly in the same section (a hard line break, or a page number between them,
   * as in text copied out of a PDF).
   */
  runsOn: boolean;
  /** In order of position, each kind separately. */
  dates: ProseDate[];
  figures: ProseFigure[];
  markers: ProseMarker[];
  citations: ProseCitation[];
}

export interface Report {
  text: string;
  lines: LineIndex;
  /** A title, a recognised section or a recognised table: the text is a report. */
  isReport: boolean;
  title: { span: Span; agency: string | null } | null;
  year: number | null;
  /** Pre-2019 report (old 条例, no template tables). */
  legacy: boolean;
  /** Where legacy was recognised. */
  legacySpan: Span | null;
  /** Every recognised section heading in document order (repeats included). */
  sections: Section[];
  tables: Table[];
  /** The running text, line by line, in document order (reader/prose.ts). */
  paragraphs: Paragraph[];
  /** The format the report must follow (by option or by year); null when unknown. */
  expectedFormat: FormatId | null;
  /** The format its tables follow (or the expected one when the tables don't tell). */
  format: FormatId | null;
}
