// Public types of the language service: what `analyze` returns and what the server, the CLI and the
// library expose. Ranges are LSP ranges (0-based lines, UTF-16 code units), so every consumer can use
// them as they are.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** The two official formats: 国办公开办函〔2019〕60号 and 〔2021〕30号. */
export type FormatId = '2019' | '2021';
/** What a document is: one of the formats, a pre-2019 report, or not a report at all (null). */
export type ReportFormat = FormatId | 'legacy' | null;

export type Locale = 'zh-CN' | 'en';

export interface AnalyzeOptions {
  /** Message language; Chinese unless the caller asks for English. */
  locale?: Locale;
  /** Per-rule severity overrides, e.g. { 'cell-blank': 'off' }. */
  rules?: Record<string, SeveritySetting>;
  /** Force the template instead of deciding by the report year and the tables' labels. */
  format?: 'auto' | FormatId;
  /** Base of the rule documentation links; `<base><rule-id>.md`. */
  docsBaseUrl?: string;
  /** Documents longer than this (in UTF-16 code units) get one info finding and no analysis. */
  maxSize?: number;
  /** Called when a rule throws; the other rules still report. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /**
   * false: leave `sections` and `tables` of the result empty, for callers that read only the
   * diagnostics (the language server, on every keystroke); they cost a range object per cell.
   */
  summaries?: boolean;
  /**
   * false: leave the inline `<!-- govreport-disable … -->` comments to the caller, which adds findings
   * of its own first (the workspace rules) and then calls suppressFindings on the complete list.
   */
  suppressions?: boolean;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface RelatedInformation {
  /**
   * The document the range is in, when it is another one than the diagnostic's (the workspace rules
   * point at last year's report); absent for a place in the same document.
   */
  uri?: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The rule's documentation page. */
  href: string;
  relatedInformation?: RelatedInformation[];
  fixes?: Fix[];
}

export interface SectionSummary {
  /** 1..6 for 一..六. */
  index: number;
  title: string;
  range: Range;
  /** The heading line. */
  headingRange: Range;
}

export interface TableSummary {
  /** The section whose table this is: 2 (主动公开), 3 (依申请公开) or 4 (复议、诉讼). */
  section: 2 | 3 | 4;
  /** For the tables of section 二: the item line, e.g. "第二十条第（一）项". */
  item?: string;
  format: FormatId | null;
  layout: TableLayout;
  range: Range;
  rows: RowSummary[];
}

export interface RowSummary {
  /** The template row id (e.g. "results_total"), or null for a row matching no template row. */
  id: string | null;
  /** The label as written. */
  label: string;
  range: Range;
  /** The values under their columns; null when they could not be placed. */
  cells: CellSummary[] | null;
}

export interface CellSummary {
  /** Column id, e.g. "natural_person" or "review.total". */
  column: string;
  label: string;
  /** The number, or null for a blank, placeholder or invalid cell. */
  value: number | null;
  range: Range;
}

export type TableLayout = 'tab' | 'lines' | 'pipe' | 'space' | 'mixed';

export interface RuleMetadata {
  id: string;
  category: 'document' | 'sections' | 'tables' | 'arithmetic' | 'text' | 'workspace';
  defaultSeverity: Severity;
  /** One line, Chinese. */
  title: string;
  /** One line, English. */
  titleEn: string;
  fixable: boolean;
  href: string;
}

export interface AnalysisResult {
  format: ReportFormat;
  year: number | null;
  agency: string | null;
  sections: SectionSummary[];
  tables: TableSummary[];
  diagnostics: Diagnostic[];
  /**
   * Only for a document of several reports (a county's reports in one file): each report, which was
   * analysed on its own. `format`, `year` and `agency` above are then those of the first report.
   */
  reports?: ReportInfo[];
}

/** One report of a document of several reports. */
export interface ReportInfo {
  /** From the start of its first line (its title, or the document's start) to the end of its last line. */
  range: Range;
  agency: string | null;
  year: number | null;
  format: ReportFormat;
}
