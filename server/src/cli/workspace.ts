// The workspace rules in `govreport check`: every file of one run is part of the index, so the
// carry-over and similarity of each report are checked against the others given with it. A related
// place in another file names that file by its path as shown (the CLI's name for a document), which
// the text, JSON and SARIF outputs print as they print the file's own path.
import type { ReportPart } from '../service/document';
import type { AnalysisResult, Locale, SeveritySetting } from '../service/types';
import { checkAcross, summarizeDocument, type ReportSummary } from '../service/workspace';

export interface WorkspaceFile {
  /** As shown ("-" for stdin). */
  path: string;
  /** One per report: none for a text that is not a report, several for a file of many reports. */
  summaries: ReportSummary[];
  result: AnalysisResult;
  /** The file's rule severities (its .govreportrc.json), which the workspace rules follow too. */
  rules?: Record<string, SeveritySetting>;
}

type OnError = (path: string, error: unknown) => void;

/**
 * The summaries of a file's reports, taken right after its analysis so that the parsed reports (many
 * times the size of the text) need not be kept for the whole run.
 */
export function summarizeFile(path: string, reports: readonly ReportPart[], onError?: OnError): ReportSummary[] {
  try {
    return summarizeDocument(reports, { uri: path });
  } catch (error) {
    onError?.(path, error);
    return [];
  }
}

/** Appends each report's workspace findings to its result (in place), after its own findings. */
export function addWorkspaceFindings(files: readonly WorkspaceFile[], locale: Locale, onError?: OnError): void {
  const index = files.flatMap((file) => file.summaries);
  if (index.length < 2) return;
  // The workspace rules compare a report with its own agency's reports only: handing each report just
  // those (in index order) keeps a run over a thousand files from filtering the whole index a thousand times.
  const byAgency = new Map<string, ReportSummary[]>();
  for (const summary of index) {
    if (summary.agency === null) continue;
    const list = byAgency.get(summary.agency);
    if (list) list.push(summary);
    else byAgency.set(summary.agency, [summary]);
  }
  for (const file of files) {
    // A file of several reports: each is checked against the other files and its own other reports.
    for (const summary of file.summaries) {
      const peers = summary.agency === null ? [] : (byAgency.get(summary.agency) ?? []);
      const found = checkAcross(summary, peers, { locale, rules: file.rules, onRuleError: (_rule, error) => onError?.(file.path, error) });
      if (found.length > 0) file.result.diagnostics.push(...found);
    }
  }
}
