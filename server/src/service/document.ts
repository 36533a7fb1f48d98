// A document of many reports (a county's reports in one file): split it into reports and analyse each
// on its own, as if it were a file of its own, then put the results together in the document's lines.
// Each report's result is kept in its own lines (line 0 = its first line), so a caller that remembers
// them (createDocumentAnalyzer, the language server's per-document cache) re-analyses only the report
// an edit touched and moves the others' findings by a line offset. Pure: the cache is the caller's.
import { analyzeOne, tooLarge } from './analyze';
import type { Report } from './model';
import { isHeadingLine, isTitleLine } from './reader/sections';
import { normalizeLabel } from './text';
import type {
  AnalysisResult,
  AnalyzeOptions,
  Diagnostic,
  Range,
  ReportInfo,
  SectionSummary,
  TableSummary,
} from './types';

/** Where one report of a document is: whole lines, from `startLine` for `lineCount` lines. */
export interface ReportSlice {
  startLine: number;
  lineCount: number;
  /** Offsets in the document: from the start of the first line to the end of the last (no line break). */
  start: number;
  end: number;
}

/** One report of a document, analysed on its own. */
export interface ReportPart extends ReportSlice {
  /** The report's text (its own copy, not a slice that would keep the document alive). */
  text: string;
  /** The parsed report: offsets and lines in `text`, i.e. relative to `start` and `startLine`. */
  report: Report;
  /** The report's analysis in its own lines (line 0 is `startLine`); shared, do not modify. */
  result: AnalysisResult;
}

export interface DocumentAnalysis {
  /** The whole document's result, ranges in the document's lines. */
  result: AnalysisResult;
  /** The reports in document order; one for a document of one report; none when it was too large. */
  reports: ReportPart[];
}

// Labels only a table has, as evidence that the text before a title is a report of its own even
// without section headings: table 三's first rows and table 四's groups.
const TABLE_EVIDENCE = ['本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量', '结转下年度继续办理', '行政复议', '行政诉讼'];

/**
 * Where the reports of a document start. A report starts at a title line (isTitleLine: a short line
 * naming the agency, the year and 政府信息公开工作年度报告, not a sentence) when the text since the
 * previous report's start already holds two section headings or a table label — so the title of the
 * first report, a repeated title or a title-like line before any content never splits. Text before
 * the first title belongs to the first report (the first title never splits, even below a heading).
 * Decided by labels only; layout does not matter.
 */
export function splitReports(text: string): ReportSlice[] {
  const hasCr = text.includes('\r');
  let line = 0;
  return reportSpans(text).map(({ start, end }) => {
    const lineCount = countBreaks(text, start, end, hasCr) + 1;
    const slice = { startLine: line, lineCount, start, end };
    line += lineCount;
    return slice;
  });
}

/**
 * The offsets of the reports (as splitReports, without counting lines: the analysis counts them when
 * it parses a report, and a report it remembers has them counted already).
 */
function reportSpans(text: string): { start: number; end: number }[] {
  // Cheap first: without two title lines there is nothing to split (a single report is parsed as
  // before, with its own line index).
  const titles = titleStarts(text);
  if (titles.length < 2) return [{ start: 0, end: text.length }];
  const walker = new LineWalker(text);
  const starts = [0];
  // The title that opened the current report. The same title again is a running header (a PDF's page
  // header, a web page printed with its title on every page), not the start of another report.
  const titleAt = (start: number): string => normalizeLabel(text.slice(start, walker.end(start)));
  let currentTitle = titleAt(titles[0]);
  // Evidence that the text since the last start is a report: two headings, or a table label. One
  // heading is not enough: a title moved below a stray heading is still the report's own title.
  let headings = 0;
  let seen = false;
  // Text before the first title belongs to the first report, whatever it holds: the first title never
  // starts a report, so the reading starts at it.
  let next = 1;
  for (let pos = titles[0]; ; ) {
    if (seen) {
      // Once the evidence is there, only the next title line matters: jump to it instead of reading
      // every line (a report's second heading comes a few lines after its title).
      while (
        next < titles.length &&
        (titles[next] < pos || isHeadingLine(text.slice(titles[next], walker.end(titles[next]))) || titleAt(titles[next]) === currentTitle)
      ) {
        next++;
      }
      if (next === titles.length) break;
      pos = titles[next++];
      currentTitle = titleAt(pos);
      starts.push(pos);
      seen = false;
      headings = 0;
    } else {
      const line = text.slice(pos, walker.end(pos));
      if (isHeadingLine(line)) {
        if (++headings >= 2) seen = true;
      } else if (line.length > 0 && hasTableLabel(line)) {
        seen = true;
      }
    }
    const end = walker.end(pos);
    if (end >= text.length) break;
    pos = walker.after(end);
  }
  return starts.map((start, k) => {
    const following = k + 1 < starts.length ? starts[k + 1] : -1;
    // The last line ends before the line break that precedes the next report's title.
    const end =
      following < 0
        ? text.length
        : following - (following >= 2 && text.charCodeAt(following - 2) === 13 && text.charCodeAt(following - 1) === 10 ? 2 : 1);
    return { start, end };
  });
}

/** Line ends as LineIndex has them (LF, CR or CRLF), found with indexOf rather than a loop per character. */
class LineWalker {
  private lf = -1;
  private cr = -1;
  private readonly hasCr: boolean;

  constructor(private readonly text: string) {
    this.hasCr = text.includes('\r');
  }

  /** The end of the line that starts at `start`: the offset of its line break, or the text's end. */
  end(start: number): number {
    const text = this.text;
    // The next break found so far is reused until the walk passes it (jumps only go forward).
    if (this.lf < start) this.lf = text.indexOf('\n', start);
    if (this.lf < 0) this.lf = text.length;
    if (!this.hasCr) return this.lf;
    if (this.cr < start) this.cr = text.indexOf('\r', start);
    if (this.cr < 0) this.cr = text.length;
    return Math.min(this.lf, this.cr);
  }

  /** The start of the line after the line break at `end`. */
  after(end: number): number {
    return this.text.charCodeAt(end) === 13 && this.text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
}

/** Line breaks in text[from, to), a CRLF counted once; `hasCr`: whether the text has a CR at all. */
function countBreaks(text: string, from: number, to: number, hasCr: boolean): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
  if (hasCr) {
    for (let at = text.indexOf('\r', from); at >= 0 && at < to; at = text.indexOf('\r', at + 1)) {
      // A CRLF is one break, already counted by its LF when that is inside the range.
      if (!(text.charCodeAt(at + 1) === 10 && at + 1 < to)) count++;
    }
  }
  return count;
}

/** Starts of the lines that are titles (isTitleLine), in order. */
function titleStarts(text: string): number[] {
  const starts = new Set<number>();
  for (const word of ['报告', '年报']) {
    let lastChecked = -1;
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      // A title line is short: look back at most 80 characters for its start.
      let start = at;
      while (start > 0 && at - start <= 80) {
        const code = text.charCodeAt(start - 1);
        if (code === 10 || code === 13) break;
        start--;
      }
      if (at - start > 80 || start === lastChecked) continue;
      lastChecked = start;
      let end = at;
      while (end < text.length && end - start <= 80) {
        const code = text.charCodeAt(end);
        if (code === 10 || code === 13) break;
        end++;
      }
      if (isTitleLine(text.slice(start, end))) starts.add(start);
    }
  }
  return [...starts].sort((a, b) => a - b);
}

function hasTableLabel(line: string): boolean {
  // The raw text first (cheap), then the normalised form the labels are compared in.
  if (!TABLE_EVIDENCE.some((label) => line.includes(label[0]))) return false;
  const norm = line.length > 200 ? line : normalizeLabel(line);
  return TABLE_EVIDENCE.some((label) => norm.includes(label));
}

// ---------------------------------------------------------------------------------------------------
// Moving results by whole lines: character offsets within a line never change, since reports start at
// line starts.

function shiftRange(range: Range, delta: number): Range {
  return {
    start: { line: range.start.line + delta, character: range.start.character },
    end: { line: range.end.line + delta, character: range.end.character },
  };
}

export function shiftDiagnostic(diagnostic: Diagnostic, delta: number): Diagnostic {
  const shifted: Diagnostic = { ...diagnostic, range: shiftRange(diagnostic.range, delta) };
  if (diagnostic.relatedInformation) {
    // Workspace findings point into other documents; those ranges stay as they are.
    shifted.relatedInformation = diagnostic.relatedInformation.map((info) =>
      info.uri === undefined ? { ...info, range: shiftRange(info.range, delta) } : info,
    );
  }
  if (diagnostic.fixes) {
    shifted.fixes = diagnostic.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, delta) })),
    }));
  }
  return shifted;
}

function shiftSection(section: SectionSummary, delta: number): SectionSummary {
  return { ...section, range: shiftRange(section.range, delta), headingRange: shiftRange(section.headingRange, delta) };
}

function shiftTable(table: TableSummary, delta: number): TableSummary {
  return {
    ...table,
    range: shiftRange(table.range, delta),
    rows: table.rows.map((row) => ({
      ...row,
      range: shiftRange(row.range, delta),
      cells: row.cells?.map((cell) => ({ ...cell, range: shiftRange(cell.range, delta) })) ?? null,
    })),
  };
}

export { shiftRange };

// ---------------------------------------------------------------------------------------------------
// Analysis

/** The options that change a report's result (not the size limit, which applies to the document). */
function optionsKey(options: AnalyzeOptions): string {
  return JSON.stringify([options.locale ?? null, options.rules ?? null, options.format ?? null, options.docsBaseUrl ?? null, options.summaries ?? true]);
}

interface Analysed {
  /** The report's own text (the cache key). */
  text: string;
  report: Report;
  result: AnalysisResult;
  /**
   * The result moved to the line the report was at last time. A keystroke that adds no line leaves
   * every other report where it was, and its moved findings are reused as they are.
   */
  placed?: Placed;
}

interface Placed {
  line: number;
  sections: SectionSummary[];
  tables: TableSummary[];
  diagnostics: Diagnostic[];
}

/** The remembered analysis of a report's text; `index`: its place in the document. */
type Lookup = (text: string, index: number) => Analysed | undefined;

function run(text: string, options: AnalyzeOptions, lookup?: Lookup, store?: (value: Analysed) => void): DocumentAnalysis {
  const large = tooLarge(text, options);
  if (large) return { result: large, reports: [] };
  const slices = reportSpans(text);
  const reports: ReportPart[] = [];
  const entries: Analysed[] = [];
  let line = 0;
  for (const slice of slices) {
    const sliced = slices.length === 1 ? text : text.slice(slice.start, slice.end);
    let analysed = lookup?.(sliced, entries.length);
    if (!analysed) {
      // An own copy: the report (and a cache entry) must not keep the whole document version alive.
      const own = slices.length === 1 || sliced.length < 13 ? sliced : (' ' + sliced).slice(1);
      analysed = { text: own, ...analyzeOne(own, options) };
      store?.(analysed);
    }
    // The report's line index counted its lines (the same count as splitReports').
    const lineCount = analysed.report.lines.lines.length;
    reports.push({ startLine: line, lineCount, start: slice.start, end: slice.end, text: analysed.text, report: analysed.report, result: analysed.result });
    entries.push(analysed);
    line += lineCount;
  }
  return { result: combine(reports, entries), reports };
}

/** Where a report of the document is (from its first line, `startLine`, to the end of its last) and what it is. */
function reportInfo(report: Report, startLine: number, result: AnalysisResult): ReportInfo {
  const lines = report.lines.lines;
  const lastLine = lines[lines.length - 1];
  return {
    range: { start: { line: startLine, character: 0 }, end: { line: startLine + lines.length - 1, character: lastLine.end - lastLine.start } },
    agency: result.agency,
    year: result.year,
    format: result.format,
  };
}

/** The document's result from its reports' results. */
function combine(reports: ReportPart[], entries: Analysed[]): AnalysisResult {
  const first = reports[0].result;
  if (reports.length === 1) {
    // A copy of the arrays, so a caller that appends findings (the CLI's workspace rules) cannot
    // change a remembered result.
    return { ...first, sections: first.sections.slice(), tables: first.tables.slice(), diagnostics: first.diagnostics.slice() };
  }
  const sections: SectionSummary[] = [];
  const tables: TableSummary[] = [];
  const diagnostics: Diagnostic[] = [];
  const infos: ReportInfo[] = [];
  reports.forEach((part, index) => {
    const delta = part.startLine;
    let placed = entries[index].placed;
    if (!placed || placed.line !== delta) {
      placed = {
        line: delta,
        sections: part.result.sections.map((section) => shiftSection(section, delta)),
        tables: part.result.tables.map((table) => shiftTable(table, delta)),
        diagnostics: part.result.diagnostics.map((diagnostic) => shiftDiagnostic(diagnostic, delta)),
      };
      entries[index].placed = placed;
    }
    for (const section of placed.sections) sections.push(section);
    for (const table of placed.tables) tables.push(table);
    for (const diagnostic of placed.diagnostics) diagnostics.push(diagnostic);
    infos.push(reportInfo(part.report, delta, part.result));
  });
  return { format: first.format, year: first.year, agency: first.agency, sections, tables, diagnostics, reports: infos };
}

/**
 * The document's result alone, equal to analyzeDocument(text).result: analyze()'s path. Each report is
 * analysed straight into the document's lines and its parsed model dropped before the next one is read.
 * Keeping every model alive to the end (as analyzeDocument must, for its callers) made the garbage
 * collector copy and promote them all: on a 1 MB document of 149 reports that cost more than a third
 * of the time.
 */
export function analyzeDocumentResult(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  const large = tooLarge(text, options);
  if (large) return large;
  const slices = reportSpans(text);
  if (slices.length === 1) return analyzeOne(text, options).result;
  const sections: SectionSummary[] = [];
  const tables: TableSummary[] = [];
  const diagnostics: Diagnostic[] = [];
  const infos: ReportInfo[] = [];
  let first: AnalysisResult | undefined;
  let line = 0;
  for (const slice of slices) {
    const { report, result } = analyzeOne(text.slice(slice.start, slice.end), options, line);
    first ??= result;
    for (const section of result.sections) sections.push(section);
    for (const table of result.tables) tables.push(table);
    for (const diagnostic of result.diagnostics) diagnostics.push(diagnostic);
    infos.push(reportInfo(report, line, result));
    line += report.lines.lines.length;
  }
  const { format, year, agency } = first as AnalysisResult;
  return { format, year, agency, sections, tables, diagnostics, reports: infos };
}

/** Analyses a document of one or many reports, once (no memory of earlier versions). */
export function analyzeDocument(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  return run(String(text ?? ''), options);
}

export interface DocumentAnalyzer {
  /** As analyzeDocument; reports whose text and options are unchanged since the last call are reused. */
  analyze(text: string, options?: AnalyzeOptions): DocumentAnalysis;
}

/**
 * An analyzer that remembers the reports of the last version it analysed, keyed by each report's exact
 * text (and the options): on a keystroke only the report that changed is analysed again. The result
 * equals analyzeDocument's; its diagnostics and summaries are shared with earlier results (the reports
 * that did not move), so treat them as read-only. One per open document; drop it when it closes.
 */
export function createDocumentAnalyzer(): DocumentAnalyzer {
  let key = '';
  let previous = new Map<string, Analysed>();
  /** The last version's reports in document order. */
  let order: Analysed[] = [];
  return {
    analyze(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
      const currentKey = optionsKey(options);
      if (currentKey !== key) {
        key = currentKey;
        previous = new Map();
        order = [];
      }
      // Only the reports of this version are kept for the next one, so memory stays one document's.
      const next = new Map<string, Analysed>();
      const old = previous;
      const oldOrder = order;
      const nextOrder: Analysed[] = [];
      const analysis = run(
        String(text ?? ''),
        options,
        (sliced, index) => {
          // Mostly the report at the same place, compared without hashing its text; else any report of
          // the last version (reports added or removed before it), or a repeat within this one.
          const same = oldOrder[index];
          const hit = same !== undefined && same.text === sliced ? same : (old.get(sliced) ?? next.get(sliced));
          if (hit) {
            next.set(hit.text, hit);
            nextOrder.push(hit);
          }
          return hit;
        },
        (value) => {
          next.set(value.text, value);
          nextOrder.push(value);
        },
      );
      previous = next;
      order = nextOrder;
      return analysis;
    },
  };
}
