// The workspace rules in `govreport check`: every file of one run is part of the index, so the
// carry-over and similarity of each report are checked against the others given with it. A related
// place in another file names that file by its path as shown (the CLI's name for a document), which
// the text, JSON and SARIF outputs print as they print the file's own path.
import type { Report } from '../service/model';
import type { AnalysisResult, Locale } from '../service/types';
import { checkAcross, summarizeReport, type ReportSummary } from '../service/workspace';

export interface WorkspaceFile {
  /** As shown ("-" for stdin). */
  path: string;
  /** Null for a text that is not a report. */
  summary: ReportSummary | null;
  result: AnalysisResult;
}

type OnError = (path: string, error: unknown) => void;

/**
 * The summary of a file's report, taken right after its analysis so that the parsed report (many times
 * the size of the text) need not be kept for the whole run.
 */
export function summarizeFile(path: string, report: Report | null, onError?: OnError): ReportSummary | null {
  if (!report) return null;
  try {
    return summarizeReport(report, { uri: path });
  } catch (error) {
    onError?.(path, error);
    return null;
  }
}

/** Appends each report's workspace findings to its result (in place), after its own findings. */
export function addWorkspaceFindings(files: readonly WorkspaceFile[], locale: Locale, onError?: OnError): void {
  const index = files.flatMap((file) => (file.summary ? [file.summary] : []));
  if (index.length < 2) return;
  for (const file of files) {
    if (!file.summary) continue;
    const found = checkAcross(file.summary, index, { locale, onRuleError: (_rule, error) => onError?.(file.path, error) });
    if (found.length > 0) file.result.diagnostics.push(...found);
  }
}
