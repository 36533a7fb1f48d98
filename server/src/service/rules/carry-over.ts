// carry-over: this year's 二、上年结转 must be last year's 四、结转下年度继续办理, column by column.
// A workspace rule: it needs the same agency's report of the year before, so analyze() cannot run it on
// one text; checkAcross (service/workspace.ts) does, on report summaries.
import type { AcrossFinding, CarryCell, ReportSummary } from '../workspace';
import { defineRule, formatNumber } from './rule';

export default defineRule({
  id: 'carry-over',
  category: 'workspace',
  defaultSeverity: 'warning',
  title: '上年结转与上一年度报告不符',
  titleEn: 'Carried-in requests differ from last year’s report',
  fixable: false,
  // Nothing to say about a report alone.
  check: () => [],
});

function mismatches(current: ReportSummary, previous: ReportSummary): { cell: CarryCell; before: CarryCell }[] {
  const out: { cell: CarryCell; before: CarryCell }[] = [];
  if (!current.carriedIn || !previous.carriedOut) return out;
  for (const cell of current.carriedIn.cells) {
    // Blank, placeholder and invalid cells are left out of the summary: they have their own findings.
    const before = previous.carriedOut.cells.find((candidate) => candidate.column === cell.column);
    if (before && Math.abs(before.value - cell.value) >= 1e-9) out.push({ cell, before });
  }
  return out;
}

/**
 * Findings on this year's 二 cells that differ from last year's 四. With several reports of last year
 * (a draft next to the final one), the one that agrees best is taken: the others are not the reference.
 */
export function checkCarryOver(current: ReportSummary, previous: readonly ReportSummary[], en: boolean): AcrossFinding[] {
  if (!current.carriedIn) return [];
  let best: { report: ReportSummary; found: ReturnType<typeof mismatches> } | null = null;
  for (const report of previous) {
    if (!report.carriedOut) continue;
    const found = mismatches(current, report);
    if (!best || found.length < best.found.length) best = { report, found };
  }
  if (!best) return [];
  const year = best.report.year;
  return best.found.map(({ cell, before }) => ({
    range: cell.range,
    message: en
      ? `Carried in from last year · ${cell.label} should be ${formatNumber(before.value)} (row 4 "carried over to next year" of the ${year} report), not ${formatNumber(cell.value)}`
      : `上年结转·${cell.label}应为 ${formatNumber(before.value)}（${year} 年度报告“四、结转下年度继续办理”），实际为 ${formatNumber(cell.value)}`,
    related: [
      {
        uri: best.report.uri,
        range: before.range,
        message: en
          ? `${year} report, 4 carried over to next year · ${before.label}: ${formatNumber(before.value)}`
          : `${year} 年度报告“四、结转下年度继续办理”·${before.label}：${formatNumber(before.value)}`,
      },
    ],
  }));
}
