// Folding ranges for the sections (heading to last line of text before the next heading) and the tables.
import type { Report } from '../model';
import type { AnalysisResult } from '../types';
import { lineSpan } from './common';
import type { FoldingRange } from './types';

function lastTextLine(report: Report, from: number, to: number): number {
  let last = to;
  while (last > from && report.lines.lines[last].text.trim() === '') last--;
  return last;
}

export function foldingRanges(report: Report, _result: AnalysisResult | null): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const section of report.sections) {
    const { last } = lineSpan(report.lines, section.span);
    const end = lastTextLine(report, section.line, last);
    if (end > section.line) ranges.push({ startLine: section.line, endLine: end, kind: 'section' });
  }
  for (const table of report.tables) {
    const { first, last } = lineSpan(report.lines, table.span);
    if (last > first) ranges.push({ startLine: first, endLine: last, kind: 'table' });
  }
  // Editors expect them by start line; a table folds inside its section.
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
