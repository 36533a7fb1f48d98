// Code lens above each table that has sums (三 and 四): "勾稽关系：全部一致" or "N 处不一致", the count of
// arithmetic findings inside the table; clicking goes to the first one. Rows that could not be read
// are said too, because for them "all consistent" would claim more than was checked.
import type { Report, Table } from '../model';
import type { AnalysisResult, Diagnostic, Locale, Range } from '../types';
import { lineSpan } from './common';
import type { CodeLens, FeatureOptions } from './types';

/** The rules of 勾稽关系: the findings the lens counts. */
export const ARITHMETIC_RULES: ReadonlySet<string> = new Set(['row-total', 'result-total', 'group-total', 'balance', 'review-total']);

function text(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

function inside(range: Range, first: number, last: number): boolean {
  return range.start.line >= first && range.start.line <= last;
}

/** Rows whose values could not be placed under the columns: no sum was checked on them. */
function unreadRows(table: Table): number {
  return table.rows.filter((row) => row.cells === null && row.slots.length > 0).length;
}

export function codeLenses(report: Report, result: AnalysisResult | null, options: FeatureOptions = {}): CodeLens[] {
  const locale = options.locale ?? 'zh-CN';
  if (!report.isReport || report.legacy) return [];
  const diagnostics: Diagnostic[] = (result?.diagnostics ?? []).filter((diagnostic) => ARITHMETIC_RULES.has(diagnostic.rule));
  const lenses: CodeLens[] = [];
  for (const table of report.tables) {
    // Section 二's tables have no sums: a lens there would claim a check that does not exist.
    if (table.section === 2) continue;
    const { first, last } = lineSpan(report.lines, table.span);
    const found = diagnostics
      .filter((diagnostic) => inside(diagnostic.range, first, last))
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const unread = unreadRows(table);
    let title =
      found.length === 0
        ? text(locale, '勾稽关系：全部一致', 'Totals: all consistent')
        : text(locale, `勾稽关系：${found.length} 处不一致`, `Totals: ${found.length} inconsistent`);
    if (unread > 0) title += text(locale, `（${unread} 行无法核对）`, ` (${unread} rows could not be checked)`);
    const lens: CodeLens = {
      range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } },
      title,
      count: found.length,
    };
    if (found.length > 0) lens.target = found[0].range;
    lenses.push(lens);
  }
  return lenses;
}
