// Rules across reports (carry-over, similarity): what one report needs to know about the others is a
// small summary — agency, year, table 三's carry rows, the text of sections 一 and 五, all with LSP
// ranges — so a caller can keep an index of many files without keeping their texts or parsed reports.
// Pure: the caller (server or CLI) reads the files, owns the index and decides which reports to pass.
import type { Report } from './model';
import { rules } from './rules';
import { checkCarryOver } from './rules/carry-over';
import { checkSimilarity } from './rules/similarity';
import { firstHeadings } from './rules/sections-common';
import { cellOf, numberCell, rowsById } from './rules/rule';
import type { AnalyzeOptions, Diagnostic, Range, RelatedInformation, Severity } from './types';
import { DEFAULT_DOCS_BASE_URL } from './analyze';
import { analyzeReport, suppressFindings } from './analyze';
import { shiftRange, type ReportPart } from './document';

export interface CarryCell {
  /** Column id ("natural_person", …, "total"). */
  column: string;
  label: string;
  value: number;
  range: Range;
}

/** A row of table 三 as the workspace rules compare it: its numeric cells only. */
export interface CarryRow {
  /** The label as written. */
  label: string;
  range: Range;
  cells: CarryCell[];
}

export interface SectionText {
  /** 1 (总体情况) or 5 (存在的主要问题及改进情况). */
  index: 1 | 5;
  /** The heading as written ("五、存在的主要问题及改进情况"). */
  heading: string;
  headingRange: Range;
  /** The section's text after its heading, as written. */
  body: string;
}

export interface ReportSummary {
  /** The caller's name for the document (a URI in the server, a file URL in the CLI). */
  uri: string;
  /** normalizeAgency of the agency (or of the configured one); null when unknown. */
  agency: string | null;
  /** The agency as written in the title (or as configured). */
  agencyLabel: string | null;
  year: number | null;
  /** Table 三: 二、上年结转政府信息公开申请数量. */
  carriedIn: CarryRow | null;
  /** Table 三: 四、结转下年度继续办理. */
  carriedOut: CarryRow | null;
  /** Sections 一 and 五 (the first heading of each), when present. */
  sections: SectionText[];
  /**
   * In a document of several reports: which one (0-based), ranges in the document's lines. Absent for
   * a document of one report (and in summaries made by summarizeReport).
   */
  report?: number;
}

/**
 * The configured agency (setting `govreport.agency`): a name that every report in its scope is taken
 * to belong to, or a map from names as written to the name to use (for agencies whose title varies).
 */
export type AgencyOverride = string | Record<string, string> | undefined | null;

export interface SummaryOptions {
  uri: string;
  agency?: AgencyOverride;
}

// ---------------------------------------------------------------------------------------------------
// Agency names

// Titles name the same agency in several ways: "XX街道办事处" / "XX街道", "XX镇人民政府" / "XX镇",
// "XX区人民政府办公室" / "XX区政府办公室" / "XX区政府办". These are folded; a place-name prefix
// ("清河市云溪区望湖街道" vs "望湖街道") is not, since "市场监督管理局" alone names many agencies —
// the setting `govreport.agency` covers such cases.
const AGENCY_NOISE = /[\s\u3000\u200b\ufeff*#_`"'“”‘’「」『』《》〈〉]/g;

export function normalizeAgency(name: string): string {
  let s = name.normalize('NFKC').replace(AGENCY_NOISE, '');
  s = s.replace(/关于$/, '');
  s = s.replace(/人民政府/g, '政府');
  s = s.replace(/政府办$/, '政府办公室');
  s = s.replace(/街道(?:办事处|办)$/, '街道');
  s = s.replace(/([镇乡])政府$/, '$1');
  return s;
}

/** The agency of a report: the configured one, else the title's, normalised; null when neither. */
export function resolveAgency(written: string | null, override: AgencyOverride): { key: string; label: string } | null {
  if (typeof override === 'string' && override.trim() !== '') {
    const key = normalizeAgency(override);
    if (key) return { key, label: override.trim() };
  }
  if (written === null) return null;
  const key = normalizeAgency(written);
  if (!key) return null;
  if (override && typeof override === 'object') {
    for (const [from, to] of Object.entries(override)) {
      if (typeof to === 'string' && to.trim() !== '' && normalizeAgency(from) === key) {
        const mapped = normalizeAgency(to);
        if (mapped) return { key: mapped, label: to.trim() };
      }
    }
  }
  return { key, label: written };
}

// ---------------------------------------------------------------------------------------------------
// Summaries

function carryRow(report: Report, id: 'carried_in' | 'carried_out'): CarryRow | null {
  // The first table 三 (a second one is table-level trouble the single-report rules report).
  const table = report.tables.find((candidate) => candidate.section === 3);
  if (!table) return null;
  const row = rowsById(table).get(id);
  if (!row || !row.cells) return null;
  const cells: CarryCell[] = [];
  for (const column of table.columns) {
    const cell = cellOf(row, column.id);
    const value = numberCell(cell);
    if (cell && value !== null) cells.push({ column: column.id, label: column.label, value, range: report.lines.range(cell.token.span) });
  }
  const labelSpan = row.label.spans[0] ?? row.slots[0]?.span ?? table.span;
  return { label: row.label.raw, range: report.lines.range(labelSpan), cells };
}

/** What the workspace rules need of a parsed report; null for a text that is not a report. */
export function summarizeReport(report: Report, options: SummaryOptions): ReportSummary | null {
  if (!report.isReport) return null;
  const agency = resolveAgency(report.title?.agency ?? null, options.agency);
  const sections: SectionText[] = [];
  for (const section of firstHeadings(report)) {
    const index = section.def.index;
    if (index !== 1 && index !== 5) continue;
    const bodyStart = report.lines.lines[section.line].end;
    sections.push({
      index,
      heading: report.text.slice(section.headingSpan.start, section.headingSpan.end),
      headingRange: report.lines.range(section.headingSpan),
      // An own copy: a slice would keep the whole document text alive in the index.
      body: (' ' + report.text.slice(bodyStart, Math.max(bodyStart, section.span.end))).slice(1),
    });
  }
  const legacy = report.legacy;
  return {
    uri: options.uri,
    agency: agency?.key ?? null,
    agencyLabel: agency?.label ?? null,
    year: report.year,
    carriedIn: legacy ? null : carryRow(report, 'carried_in'),
    carriedOut: legacy ? null : carryRow(report, 'carried_out'),
    sections,
  };
}

/**
 * The summaries of a document's reports: one for a document of one report (as summarizeReport), one per
 * report for a file of many, each numbered (`report`) and with its ranges in the document's lines.
 */
export function summarizeDocument(parts: readonly Pick<ReportPart, 'report' | 'startLine'>[], options: SummaryOptions): ReportSummary[] {
  const out: ReportSummary[] = [];
  parts.forEach((part, index) => {
    const summary = summarizePart(part, index, parts.length, options);
    if (summary) out.push(summary);
  });
  return out;
}

/**
 * The summary of report `index` of a document of `count` reports, as summarizeDocument gives it (null:
 * not a report) — for a caller that re-summarises only the reports that changed.
 */
export function summarizePart(
  part: Pick<ReportPart, 'report' | 'startLine'>,
  index: number,
  count: number,
  options: SummaryOptions,
): ReportSummary | null {
  const summary = summarizeReport(part.report, options);
  if (!summary || count === 1) return summary;
  const delta = part.startLine;
  const row = (carry: CarryRow | null): CarryRow | null =>
    carry && {
      ...carry,
      range: shiftRange(carry.range, delta),
      cells: carry.cells.map((cell) => ({ ...cell, range: shiftRange(cell.range, delta) })),
    };
  return {
    ...summary,
    carriedIn: row(summary.carriedIn),
    carriedOut: row(summary.carriedOut),
    sections: summary.sections.map((section) => ({ ...section, headingRange: shiftRange(section.headingRange, delta) })),
    report: index,
  };
}

// ---------------------------------------------------------------------------------------------------
// Checking across reports

/** A finding of a workspace rule: ranges in the current report, related places in other reports. */
export interface AcrossFinding {
  range: Range;
  message: string;
  related: (RelatedInformation & { uri: string })[];
}

export type AcrossOptions = Pick<AnalyzeOptions, 'locale' | 'rules' | 'docsBaseUrl' | 'onRuleError'>;

/** The same agency's reports of the year before, in a stable order. */
export function previousReports(current: ReportSummary, others: readonly ReportSummary[]): ReportSummary[] {
  if (current.agency === null || current.year === null) return [];
  const year = current.year - 1;
  return others
    // Another document, or another report of the same document (a file of many reports).
    .filter((other) => (other.uri !== current.uri || other.report !== current.report) && other.agency === current.agency && other.year === year)
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

const CHECKS: Record<string, (current: ReportSummary, previous: readonly ReportSummary[], en: boolean) => AcrossFinding[]> = {
  'carry-over': checkCarryOver,
  similarity: checkSimilarity,
};

/** Runs the workspace rules for `current` against `others` (which may include `current` itself). */
export function checkAcross(current: ReportSummary, others: readonly ReportSummary[], options: AcrossOptions = {}): Diagnostic[] {
  const previous = previousReports(current, others);
  if (previous.length === 0) return [];
  const en = (options.locale ?? 'zh-CN') === 'en';
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const check = CHECKS[rule.id];
    if (!check) continue;
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const severity: Severity = setting ?? rule.defaultSeverity;
    let findings: AcrossFinding[];
    try {
      findings = check(current, previous, en);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
      continue;
    }
    const href = `${options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL}${rule.id}.md`;
    for (const finding of findings) {
      diagnostics.push({
        rule: rule.id,
        severity,
        message: finding.message,
        range: finding.range,
        href,
        ...(finding.related.length > 0 ? { relatedInformation: finding.related } : {}),
      });
    }
  }
  return diagnostics;
}

/**
 * Analyses several documents as one workspace: each one's own diagnostics plus the workspace rules
 * against the others. For callers that hold all texts at once (tests, scripts); the server and the CLI
 * use summarizeReport and checkAcross with their own index.
 */
export function analyzeWorkspace(
  documents: readonly { uri: string; text: string; agency?: AgencyOverride }[],
  options: AnalyzeOptions = {},
): Map<string, Diagnostic[]> {
  const analysed = documents.map((document) => {
    const text = String(document.text ?? '');
    // Inline suppression comments apply once the workspace findings are in (below).
    const { reports, result } = analyzeReport(text, { ...options, suppressions: false });
    // A file of several reports has a summary per report; they are checked against each other too.
    const summaries = summarizeDocument(reports, { uri: document.uri, agency: document.agency });
    return { uri: document.uri, text, result, summaries };
  });
  const summaries = analysed.flatMap((entry) => entry.summaries);
  const out = new Map<string, Diagnostic[]>();
  for (const entry of analysed) {
    const across = entry.summaries.flatMap((summary) => checkAcross(summary, summaries, options));
    const all = [...entry.result.diagnostics, ...across];
    out.set(
      entry.uri,
      options.suppressions === false ? all : suppressFindings(entry.text, all, { ...options, isReport: entry.result.format !== null, workspaceChecked: true }),
    );
  }
  return out;
}
