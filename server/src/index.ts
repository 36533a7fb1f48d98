// The library entry: `analyze(text, options)` and the rule list, with their public types.
export { analyze, listRules } from './service/analyze';
export type * from './service/types';
// Fix-all as `govreport fix` and the server's source.fixAll.govreport apply it (rounds until a fixpoint).
export { fixAll, toTextEdits } from './service/fix-all';
// Editor features (completion, hover, outline, folding, code lens, formatting): each takes the report
// parsed by `analyzeReport` and its analysis, so an editor integration parses once per version.
export { analyzeReport } from './service/analyze';
export { completion, hover, documentSymbols, foldingRanges, codeLenses, format } from './service/features';
export type * from './service/features/types';
// The 2019 → 2021 table conversion behind the "将表格转换为 2021 年格式" command.
export { convertTo2021, type Conversion } from './service/convert';
// Workspace rules (carry-over, similarity): a summary per report, checked against the others; the
// caller keeps the index. analyzeWorkspace does both for texts held in memory.
export {
  summarizeReport,
  checkAcross,
  analyzeWorkspace,
  normalizeAgency,
  type ReportSummary,
  type AgencyOverride,
  type AcrossOptions,
} from './service/workspace';
