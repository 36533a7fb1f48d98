// The library entry: `analyze(text, options)` and the rule list, with their public types.
export { analyze, listRules } from './service/analyze';
// A file of several reports is analysed report by report; createDocumentAnalyzer remembers each
// report's result, so an editor re-analyses only the report an edit touched.
export { analyzeDocument, createDocumentAnalyzer, splitReports, type DocumentAnalysis, type DocumentAnalyzer, type ReportPart } from './service/document';
export type * from './service/types';
// Inline `<!-- govreport-disable … -->` comments (applied by analyze; suppressFindings for a caller that
// adds findings of its own) and `.govreportrc.json` (parse a file's text, resolve a chain of them).
export { suppressFindings } from './service/analyze';
export { readSuppressions, suppressionFixes, type Suppressions, type Directive } from './service/suppress';
export { parseConfig, resolveConfig, folderChain, CONFIG_FILE_NAME, type GovreportConfig, type ConfigLayer, type ResolvedConfig } from './service/config';
// Fix-all as `govreport fix` and the server's source.fixAll.govreport apply it (rounds until a fixpoint).
export { fixAll, toTextEdits } from './service/fix-all';
// Editor features (completion, hover, outline, folding, code lens, formatting): each takes the report
// parsed by `analyzeReport` and its analysis, so an editor integration parses once per version.
export { analyzeReport } from './service/analyze';
export { completion, hover, documentSymbols, foldingRanges, codeLenses, format } from './service/features';
// The same for a document of one or several reports: they take analyzeDocument(text).reports.
export { documentCompletion, documentHover, documentOutline, documentFolding, documentCodeLenses, documentFormat } from './service/features';
export type * from './service/features/types';
// The table preview as HTML (the language server's `govreport/preview` request; the VS Code webview).
export { preview, documentPreview, escapeHtml, type PreviewOptions, type PreviewPart } from './service/features/preview';
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
// Web pages (and the HTML of Word files) as report text, with a map back into the HTML: the rules run
// on the text; sourceSpan/placeAt say where a finding is in the page.
export { toReportText, sourceOffset, sourceSpan, placeAt, type ReportText, type SourceMap, type Place } from './service/input/html';
// `govreport extract`'s columns and records: one flat record of a report's table values.
export { extractColumns, extractRecord, RECORD_FIELDS, type ExtractColumn } from './service/extract';
// The Node flags a client should start the language server with (the VS Code extension does).
export { languageServerExecArgv } from './launch';
