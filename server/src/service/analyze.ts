// analyze(text) = parse once, run every rule, turn spans into LSP ranges. Pure: no I/O, no globals
// beyond the constant rule list; safe on any string.
import type { Cell, Report, Token } from './model';
import { analyzeDocument, analyzeDocumentResult, type ReportPart } from './document';
import { parse } from './reader/parse';
import { rules } from './rules';
import { applySuppressions, readSuppressions, UNUSED_SUPPRESSION, type Suppressions } from './suppress';
import type { Finding } from './rules/rule';
import type { LineIndex, Span } from './text';
import type {
  AnalysisResult,
  AnalyzeOptions,
  CellSummary,
  Diagnostic,
  Range,
  RelatedInformation,
  RowSummary,
  RuleMetadata,
  Severity,
  SectionSummary,
  TableSummary,
} from './types';

export const DEFAULT_DOCS_BASE_URL = 'https://github.com/govreport/govreport/blob/main/docs/rules/';
export const DEFAULT_MAX_SIZE = 5_000_000;

function docsLink(base: string | undefined, id: string): string {
  return `${base ?? DEFAULT_DOCS_BASE_URL}${id}.md`;
}

export function listRules(docsBaseUrl?: string): RuleMetadata[] {
  return rules.map(({ check: _check, ...metadata }) => ({ ...metadata, href: docsLink(docsBaseUrl, metadata.id) }));
}

/**
 * The range of `span`, `lineOffset` lines further down: a report of a larger document is analysed in
 * its own lines and placed in the document's by adding its first line.
 */
function rangeAt(lines: LineIndex, span: Span, lineOffset: number): Range {
  const range = lines.range(span);
  if (lineOffset !== 0) {
    range.start.line += lineOffset;
    range.end.line += lineOffset;
  }
  return range;
}

function toDiagnostic(ruleId: string, severity: Severity, href: string, finding: Finding, lines: LineIndex, lineOffset: number): Diagnostic {
  const diagnostic: Diagnostic = {
    rule: ruleId,
    severity,
    message: finding.message,
    range: rangeAt(lines, finding.span, lineOffset),
    href,
  };
  const related = finding.related;
  if (related && related.length > 0) {
    const information = new Array<RelatedInformation>(related.length);
    for (let i = 0; i < related.length; i++) information[i] = { range: rangeAt(lines, related[i].span, lineOffset), message: related[i].message };
    diagnostic.relatedInformation = information;
  }
  if (finding.fixes && finding.fixes.length > 0) {
    diagnostic.fixes = finding.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit) => ({ range: rangeAt(lines, edit.span, lineOffset), newText: edit.newText })),
      ...(fix.isPreferred ? { isPreferred: true } : {}),
    }));
  }
  return diagnostic;
}

/**
 * The range of a table cell. A token lies within its own line, so its range is read off that line
 * without a search: the whole result gives every cell a range, hundreds per report.
 */
function tokenRange(lines: LineIndex, token: Token, lineOffset: number): Range {
  const line = lines.lines[token.line];
  const { start, end } = token.span;
  if (line === undefined || start < line.start || end > line.end || start > end) return rangeAt(lines, token.span, lineOffset);
  const at = token.line + lineOffset;
  return { start: { line: at, character: start - line.start }, end: { line: at, character: end - line.start } };
}

function summarizeCells(cells: Cell[], lines: LineIndex, lineOffset: number): CellSummary[] {
  const summaries = new Array<CellSummary>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    summaries[i] = {
      column: cell.column.id,
      label: cell.column.label,
      value: cell.state === 'number' ? cell.value : null,
      range: tokenRange(lines, cell.token, lineOffset),
    };
  }
  return summaries;
}

function summarize(report: Report, lineOffset: number): { sections: SectionSummary[]; tables: TableSummary[] } {
  const lines = report.lines;
  const sections = new Array<SectionSummary>(report.sections.length);
  for (let i = 0; i < sections.length; i++) {
    const section = report.sections[i];
    sections[i] = {
      index: section.def.index,
      title: section.title,
      range: rangeAt(lines, section.span, lineOffset),
      headingRange: rangeAt(lines, section.headingSpan, lineOffset),
    };
  }
  const tables = new Array<TableSummary>(report.tables.length);
  for (let t = 0; t < tables.length; t++) {
    const table = report.tables[t];
    const rows = new Array<RowSummary>(table.rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = table.rows[r];
      rows[r] = {
        id: row.def?.id ?? null,
        label: row.label.raw,
        range: rangeAt(lines, row.label.spans[0] ?? row.slots[0]?.span ?? table.span, lineOffset),
        cells: row.cells === null ? null : summarizeCells(row.cells, lines, lineOffset),
      };
    }
    const format = table.format ?? table.template.format;
    const range = rangeAt(lines, table.span, lineOffset);
    // The item goes second, where readers of the JSON expect it.
    tables[t] = table.item
      ? { section: table.section, item: `第二十条第（${table.item.numeral}）项`, format, layout: table.layout, range, rows }
      : { section: table.section, format, layout: table.layout, range, rows };
  }
  return { sections, tables };
}

/**
 * Runs the rules on a parsed report. Features that already hold the report call this directly.
 * `lineOffset`: the report's first line in a larger document (its ranges are moved by it).
 */
export function diagnose(report: Report, options: AnalyzeOptions = {}, lineOffset = 0): Diagnostic[] {
  if (!report.isReport) return [];
  const en = (options.locale ?? 'zh-CN') === 'en';
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const severity: Severity = setting ?? rule.defaultSeverity;
    // A pre-2019 report has no template tables: only the document rules speak.
    if (report.legacy && rule.category !== 'document') continue;
    let findings: Finding[];
    try {
      findings = rule.check(report, en);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
      continue;
    }
    if (findings.length === 0) continue;
    const href = docsLink(options.docsBaseUrl, rule.id);
    for (const finding of findings) diagnostics.push(toDiagnostic(rule.id, severity, href, finding, report.lines, lineOffset));
  }
  return diagnostics;
}

/** The result for a document over the size limit (one info finding), or null when it is within it. */
export function tooLarge(text: string, options: AnalyzeOptions): AnalysisResult | null {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (text.length <= maxSize) return null;
  const locale = options.locale ?? 'zh-CN';
  const message =
    locale === 'en'
      ? `The document is larger than ${maxSize} characters; it was not analysed (setting govreport.maxFileSize)`
      : `文档超过 ${maxSize} 个字符，未做检查（可在设置 govreport.maxFileSize 中调整）`;
  return {
    format: null,
    year: null,
    agency: null,
    sections: [],
    tables: [],
    diagnostics: [
      {
        rule: 'max-size',
        severity: 'info',
        message,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        href: docsLink(options.docsBaseUrl, 'max-size'),
      },
    ],
  };
}

/**
 * One report's text, parsed and checked as a whole (no size limit, no splitting into reports). The
 * ranges are in the report's own lines, or `lineOffset` lines further down.
 */
export function analyzeOne(text: string, options: AnalyzeOptions = {}, lineOffset = 0): { report: Report; result: AnalysisResult } {
  const report = parse(text, { format: options.format });
  const format = !report.isReport ? null : report.legacy ? 'legacy' : report.format;
  const { sections, tables } = options.summaries === false ? { sections: [], tables: [] } : summarize(report, lineOffset);
  return {
    report,
    result: {
      format,
      year: report.isReport ? report.year : null,
      agency: report.title?.agency ?? null,
      sections,
      tables,
      diagnostics: diagnose(report, options, lineOffset),
    },
  };
}

/**
 * The analysis and the parsed report. A document of several reports (document.ts) is analysed report
 * by report; `report` is then its first report, whose offsets and lines are the document's own, and
 * `reports` has them all (one for a document of one report; none when it was too large).
 */
export function analyzeReport(
  text: string,
  options: AnalyzeOptions = {},
): { report: Report | null; result: AnalysisResult; reports: ReportPart[] } {
  const { result, reports } = analyzeDocument(text, options);
  return { report: reports[0]?.report ?? null, result: withSuppressions(String(text ?? ''), result, options), reports };
}

/** Text in, findings out: the library's entry point. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  const source = String(text ?? '');
  return withSuppressions(source, analyzeDocumentResult(source, options), options);
}

const ruleIds: ReadonlySet<string> = new Set(rules.map((rule) => rule.id));
const workspaceRuleIds: ReadonlySet<string> = new Set(rules.filter((rule) => rule.category === 'workspace').map((rule) => rule.id));

/**
 * The one place inline suppression comments (suppress.ts) take effect: the findings they suppress are
 * dropped and those that suppress nothing are reported. Callers that add the workspace rules' findings
 * (the server, the CLI) pass `suppressions: false` to analyze and call this on the complete list, with
 * `workspaceChecked` true.
 */
export function suppressFindings(
  text: string,
  diagnostics: readonly Diagnostic[],
  options: AnalyzeOptions & { isReport: boolean; workspaceChecked?: boolean },
  suppressions: Suppressions = readSuppressions(text),
): Diagnostic[] {
  return applySuppressions(suppressions, diagnostics, {
    locale: options.locale,
    rules: options.rules,
    knownRules: ruleIds,
    workspaceRules: workspaceRuleIds,
    workspaceChecked: options.workspaceChecked ?? false,
    reportUnused: options.isReport,
    href: docsLink(options.docsBaseUrl, UNUSED_SUPPRESSION),
  });
}

function withSuppressions(text: string, result: AnalysisResult, options: AnalyzeOptions): AnalysisResult {
  if (options.suppressions === false) return result;
  const suppressions = readSuppressions(text);
  if (suppressions.directives.length === 0) return result;
  return { ...result, diagnostics: suppressFindings(text, result.diagnostics, { ...options, isReport: result.format !== null }, suppressions) };
}
