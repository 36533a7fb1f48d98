// The editor features on a whole document, which may hold several reports (document.ts). Each feature
// runs on the report a position is in (or on every report) with that report's own parse and result, in
// its own lines, and its ranges are moved to the document's lines. A document of one report gives
// exactly what the single-report features give.
import type { ReportPart } from '../document';
import { shiftRange } from '../document';
import type { Position, Range, TextEdit } from '../types';
import { codeLenses } from './codeLens';
import { completion } from './completion';
import { foldingRanges } from './folding';
import { format } from './formatting';
import { hover } from './hover';
import { documentSymbols } from './symbols';
import type { CodeLens, CompletionItem, DocumentSymbol, FeatureOptions, FoldingRange, Hover } from './types';

/** The report that holds `line` (the first for a line before it, the last for one past the end). */
export function partAt(parts: readonly ReportPart[], line: number): ReportPart | undefined {
  let low = 0;
  let high = parts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (parts[mid].startLine <= line) low = mid;
    else high = mid - 1;
  }
  return parts[low];
}

function relative(position: Position, part: ReportPart): Position {
  if (!position || typeof position.line !== 'number') return position;
  return { line: position.line - part.startLine, character: position.character };
}

function shiftEdit(edit: TextEdit, delta: number): TextEdit {
  return { ...edit, range: shiftRange(edit.range, delta) };
}

function shiftSymbol(symbol: DocumentSymbol, delta: number): DocumentSymbol {
  return {
    ...symbol,
    range: shiftRange(symbol.range, delta),
    selectionRange: shiftRange(symbol.selectionRange, delta),
    children: symbol.children.map((child) => shiftSymbol(child, delta)),
  };
}

export function documentCompletion(parts: readonly ReportPart[], position: Position, options: FeatureOptions = {}): CompletionItem[] {
  const part = partAt(parts, position?.line);
  if (!part) return [];
  const items = completion(part.report, part.result, relative(position, part), options);
  return part.startLine === 0 ? items : items.map((item) => ({ ...item, edit: shiftEdit(item.edit, part.startLine) }));
}

export function documentHover(parts: readonly ReportPart[], position: Position, options: FeatureOptions = {}): Hover | null {
  const part = partAt(parts, position?.line);
  if (!part) return null;
  const found = hover(part.report, part.result, relative(position, part), options);
  return found && part.startLine !== 0 ? { ...found, range: shiftRange(found.range, part.startLine) } : found;
}

/**
 * The outline. One report: its sections and tables as they are. Several: each report is a top-level
 * symbol (named by its title) with its own outline under it.
 */
export function documentOutline(parts: readonly ReportPart[], options: FeatureOptions = {}): DocumentSymbol[] {
  if (parts.length === 1) return documentSymbols(parts[0].report, parts[0].result, options);
  const en = options.locale === 'en';
  return parts.map((part, index) => {
    const report = part.report;
    const title = report.title ? report.text.slice(report.title.span.start, report.title.span.end) : '';
    const lines = report.lines;
    const last = lines.lines[part.lineCount - 1];
    const range: Range = { start: { line: 0, character: 0 }, end: { line: part.lineCount - 1, character: last.end - last.start } };
    const selection = report.title ? lines.range(report.title.span) : { start: range.start, end: range.start };
    const detail = [part.result.year !== null ? String(part.result.year) : null, part.result.format].filter(Boolean).join(' · ');
    const symbol: DocumentSymbol = {
      name: title || (en ? `Report ${index + 1}` : `第 ${index + 1} 份报告`),
      ...(detail ? { detail } : {}),
      kind: 'report',
      range,
      selectionRange: selection,
      children: documentSymbols(report, part.result, options),
    };
    return shiftSymbol(symbol, part.startLine);
  });
}

export function documentFolding(parts: readonly ReportPart[]): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const part of parts) {
    for (const range of foldingRanges(part.report, part.result)) {
      out.push(part.startLine === 0 ? range : { ...range, startLine: range.startLine + part.startLine, endLine: range.endLine + part.startLine });
    }
  }
  return out;
}

export function documentCodeLenses(parts: readonly ReportPart[], options: FeatureOptions = {}): CodeLens[] {
  const out: CodeLens[] = [];
  for (const part of parts) {
    for (const lens of codeLenses(part.report, part.result, options)) {
      if (part.startLine === 0) out.push(lens);
      else {
        const shifted: CodeLens = { ...lens, range: shiftRange(lens.range, part.startLine) };
        if (lens.target) shifted.target = shiftRange(lens.target, part.startLine);
        out.push(shifted);
      }
    }
  }
  return out;
}

/** Formatting edits for the whole document, or for the reports `range` touches (clipped to each). */
export function documentFormat(parts: readonly ReportPart[], range?: Range): TextEdit[] {
  const out: TextEdit[] = [];
  for (const part of parts) {
    let local: Range | undefined;
    if (range) {
      const first = part.startLine;
      const last = part.startLine + part.lineCount - 1;
      if (range.end.line < first || range.start.line > last) continue;
      local = {
        start: range.start.line < first ? { line: 0, character: 0 } : relative(range.start, part),
        end: range.end.line > last ? { line: part.lineCount - 1, character: Number.MAX_SAFE_INTEGER } : relative(range.end, part),
      };
    }
    for (const edit of format(part.report, part.result, local)) out.push(part.startLine === 0 ? edit : shiftEdit(edit, part.startLine));
  }
  return out;
}
