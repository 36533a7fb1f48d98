// The `govreport/analysis` notification: after publishing a document's diagnostics the server tells the
// client what it found, so the VS Code extension can show the format, year, finding counts and time of
// the last analysis in a language status item (client/src/status.ts). Editors that do not know the
// method ignore it, as JSON-RPC lets them do with any notification.
import { DEFAULT_DOCS_BASE_URL } from './service/analyze';
import type { AnalysisResult, Diagnostic, ReportFormat } from './service/types';

export const ANALYSIS_NOTIFICATION = 'govreport/analysis';

/** The notification's params. Plain JSON; client/src/status.ts declares the same shape. */
export interface AnalysisStatusParams {
  uri: string;
  /** The document version analysed, as in publishDiagnostics. */
  version: number;
  /** Whether the server reports on the document (false: a plain text/markdown file that is no report). */
  reported: boolean;
  format: ReportFormat;
  year: number | null;
  /** How many reports the document holds (a file may hold several). */
  reports: number;
  /** The published findings by severity, the workspace rules' included. */
  counts: { error: number; warning: number; info: number };
  /** Time spent analysing this version, in milliseconds. */
  durationMs: number;
  /** The rules index page, for the item's link. */
  docs: string;
}

export function analysisStatus(
  uri: string,
  version: number,
  reported: boolean,
  result: AnalysisResult,
  reports: number,
  diagnostics: readonly Diagnostic[],
  durationMs: number,
): AnalysisStatusParams {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) if (diagnostic.severity in counts) counts[diagnostic.severity]++;
  return {
    uri,
    version,
    reported,
    format: result.format,
    year: result.year,
    reports,
    counts,
    // Whole microseconds are plenty and keep the JSON short.
    durationMs: Math.round(durationMs * 1000) / 1000,
    docs: `${DEFAULT_DOCS_BASE_URL}README.md`,
  };
}
