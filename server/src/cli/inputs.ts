// Web pages and Word files in the command line. Both become report text the service checks as it
// checks any text (service/input/html.ts); the findings are then moved back: for HTML to the line and
// column in the page's source, for Word (a zip of XML, where a line and column mean nothing) to a
// name like "表三 第5行 第3列". mammoth (docx → HTML) is asynchronous and needs Node, so it lives here
// and not in the pure service, which the browser build also bundles; it is loaded on the first Word
// file (./docx.ts, a bundle of its own).
import { placeAt, sourceSpan, toReportText, type ReportText, type SourceMap } from '../service/input/html';
import { LineIndex } from '../service/text';
import type { AnalysisResult, Diagnostic, Locale, Position, Range, TableSummary } from '../service/types';
import { decodeBuffer } from './decode';

export type InputKind = 'text' | 'html' | 'docx';

export const HTML_EXTENSIONS = /\.(html?|xhtml)$/i;
export const DOCX_EXTENSIONS = /\.docx$/i;

/** What `check` and `extract` read in a folder: the text reports, web pages and Word files. */
export const CONVERTED_EXTENSIONS = /\.(txt|md|govreport|html?|xhtml|docx)$/i;

/** `fix` edits text only. */
export function cannotFixConverted(path: string, locale: Locale): string {
  return locale === 'en'
    ? `govreport: ${path}: web pages and Word files are checked, not fixed; convert the report to text to fix it`
    : `govreport: ${path}: 网页和 Word 文件只检查、不自动修复；如需修复，请先将报告转换为文本`;
}

/** What a file is, by its name; anything else (and stdin) is text. */
export function inputKind(path: string): InputKind {
  if (HTML_EXTENSIONS.test(path)) return 'html';
  if (DOCX_EXTENSIONS.test(path)) return 'docx';
  return 'text';
}

/** A web page or Word file turned into report text, with what is needed to point back into it. */
export interface ConvertedInput {
  kind: 'html' | 'docx';
  /** The report text the rules read. */
  text: string;
  map: SourceMap;
  /** HTML only: the page's source lines, for positions in the file itself. */
  source?: LineIndex;
}

// A zip file starts with "PK\x03\x04"; anything else named .docx (an old .doc renamed, an HTML page
// saved as .docx) is reported as unreadable rather than read as garbage.
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * A .docx file's report text: mammoth makes HTML of it (paragraphs, tables with their merged cells),
 * which is read like a web page. Images are left out (a report's charts hold no table data, and
 * mammoth would otherwise inline them as base64 into the HTML). For the import command and scripts.
 */
export async function docxToReportText(bytes: Uint8Array): Promise<ReportText & { html: string }> {
  if (!isZip(bytes)) throw new Error('not a Word .docx file (no zip signature; an old .doc must be saved as .docx first)');
  const html = await loadDocx().docxToHtml(bytes);
  return { ...toReportText(html), html };
}

/**
 * server/dist/docx.js, beside the bundle that runs this (cli.js or server.js): required at run time, so
 * esbuild leaves the path alone (scripts/build.mjs marks it external).
 */
function loadDocx(): typeof import('./docx') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./docx.js') as typeof import('./docx');
}

/** Reads a web page or Word file; text files are not this module's business (null). */
export async function convertInput(kind: InputKind, bytes: Uint8Array): Promise<ConvertedInput | null> {
  if (kind === 'html') {
    // The encodings of text files, detected the same way (a page in GBK decodes as GB18030).
    const html = decodeBuffer(bytes).text;
    const { text, map } = toReportText(html);
    return { kind, text, map, source: new LineIndex(html) };
  }
  if (kind === 'docx') {
    const { text, map } = await docxToReportText(bytes);
    return { kind, text, map };
  }
  return null;
}

function offsetOf(lines: LineIndex, position: Position): number {
  const line = lines.lines[Math.min(Math.max(position.line, 0), lines.lines.length - 1)];
  return Math.min(line.start + position.character, line.end);
}

/** A range in the report text, as a range in the HTML source. */
function toSourceRange(converted: ConvertedInput, textLines: LineIndex, range: Range): Range {
  if (!converted.source) return range;
  const span = sourceSpan(converted.map, offsetOf(textLines, range.start), offsetOf(textLines, range.end));
  return converted.source.range(span);
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function tableName(summary: TableSummary | undefined, ordinal: number, locale: Locale): string {
  if (!summary) return locale === 'en' ? `table ${ordinal}` : `第${NUMERALS[ordinal - 1] ?? ordinal}个表格`;
  return locale === 'en' ? `table ${summary.section}` : `表${NUMERALS[summary.section - 1]}`;
}

function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/**
 * Where a finding is in the document, by name: "表三 第5行 第3列" (rows and columns of the table as
 * laid out in the file, counted from 1, header rows included), "第12段" for running text. Tables are
 * named by the report table they hold (表二, 表三, 表四), found from the text range.
 */
export function describePlace(converted: ConvertedInput, result: AnalysisResult, textLines: LineIndex, range: Range, locale: Locale): string {
  const place = placeAt(converted.map, offsetOf(textLines, range.start));
  if (place === null) return locale === 'en' ? 'end of document' : '文末';
  if (place.kind === 'paragraph') return locale === 'en' ? `paragraph ${place.index}` : `第${place.index}段`;
  const summary = result.tables.find((table) => contains(table.range, range.start));
  const name = tableName(summary, place.table, locale);
  return locale === 'en' ? `${name}, row ${place.row}, column ${place.column}` : `${name} 第${place.row}行 第${place.column}列`;
}

/** A file of the run that was converted, its result and the names of its findings' places. */
export interface ConvertedFile {
  path: string;
  converted: ConvertedInput;
  result: AnalysisResult;
  /** Filled by mapFindings: each finding's place by name. */
  locations: Map<Diagnostic, string>;
}

/**
 * Moves the findings of converted files from the report text into the files: names every finding's
 * place, turns HTML ranges into source ranges, and drops fixes (an edit of the text is not an edit of
 * the page, and Word files are not written at all). Related places in other converted files of the
 * run (the workspace rules) move with their file. Call once, after all findings are in.
 */
export function mapFindings(files: readonly ConvertedFile[], locale: Locale): void {
  const byPath = new Map(files.map((file) => [file.path, { file, lines: new LineIndex(file.converted.text) }]));
  for (const { file, lines } of byPath.values()) {
    for (const diagnostic of file.result.diagnostics) {
      file.locations.set(diagnostic, describePlace(file.converted, file.result, lines, diagnostic.range, locale));
      diagnostic.range = toSourceRange(file.converted, lines, diagnostic.range);
      delete diagnostic.fixes;
      for (const info of diagnostic.relatedInformation ?? []) {
        const owner = info.uri === undefined ? { file, lines } : byPath.get(info.uri);
        if (owner) info.range = toSourceRange(owner.file.converted, owner.lines, info.range);
      }
    }
    // A page of several reports: where each one is, in the page too.
    for (const report of file.result.reports ?? []) report.range = toSourceRange(file.converted, lines, report.range);
  }
}
