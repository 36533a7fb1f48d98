// The language status item (the "{}" next to the language mode in the status bar) for the report in the
// active editor: its format and year, its findings by severity and when it was last analysed; a click
// opens the rules index. The server sends what it found after each publishDiagnostics as the
// `govreport/analysis` notification (server/src/analysis-status.ts). Only the vscode API is used here,
// so the web build can share this file.
import * as vscode from 'vscode';

export const ANALYSIS_NOTIFICATION = 'govreport/analysis';

/** Rules index, until the server has named it. */
const DEFAULT_DOCS = 'https://github.com/govreport/govreport/blob/main/docs/rules/README.md';

/** The notification's params (server/src/analysis-status.ts AnalysisStatusParams). */
export interface AnalysisStatusParams {
  uri: string;
  version: number;
  reported: boolean;
  format: '2019' | '2021' | 'legacy' | null;
  year: number | null;
  reports: number;
  counts: { error: number; warning: number; info: number };
  durationMs: number;
  docs: string;
}

interface Known {
  params: AnalysisStatusParams;
  at: Date;
}

const LANGUAGES = new Set(['govreport', 'plaintext', 'markdown']);

/**
 * The context key telling whether the active editor shows a report: a govreport document, or plain text
 * or markdown the server recognised as one. The preview's editor-title button and commands use it.
 */
export const IS_REPORT_CONTEXT = 'govreport.isReport';

/** Keeps the last analysis of each open document and shows the active one's. */
export class AnalysisStatus implements vscode.Disposable {
  private item: vscode.LanguageStatusItem | undefined;
  private readonly known = new Map<string, Known>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when what is known about a document changed (an analysis arrived, or everything was forgotten). */
  readonly onDidChange = this.changed.event;
  /** The value last given to the context key; undefined before the first setContext. */
  private activeIsReport: boolean | undefined;

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      // An edit makes the shown analysis out of date until the server's next one arrives.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.refresh();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.known.delete(document.uri.toString())),
    ];
  }

  /** The handler of the server's `govreport/analysis` notification. */
  update(params: AnalysisStatusParams): void {
    if (!params || typeof params.uri !== 'string') return;
    this.known.set(params.uri, { params, at: new Date() });
    if (params.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.refresh();
    this.changed.fire();
  }

  /**
   * Whether the document is a report for the extension's views: every govreport document; plain text
   * and markdown once the server's last analysis recognised a report in them.
   */
  isReport(document: vscode.TextDocument): boolean {
    if (document.languageId === 'govreport') return true;
    return LANGUAGES.has(document.languageId) && !!this.known.get(document.uri.toString())?.params.reported;
  }

  /** Forgets every analysis, e.g. when the server restarts (it analyses the open documents again). */
  clear(): void {
    this.known.clear();
    this.refresh();
    this.changed.fire();
  }

  dispose(): void {
    this.item?.dispose();
    this.item = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private refresh(): void {
    const document = vscode.window.activeTextEditor?.document;
    const known = document ? this.known.get(document.uri.toString()) : undefined;
    const isReport = !!document && this.isReport(document);
    if (isReport !== this.activeIsReport) {
      this.activeIsReport = isReport;
      void vscode.commands.executeCommand('setContext', IS_REPORT_CONTEXT, isReport);
    }
    // Always for govreport documents (busy until the first analysis); plain text and markdown only once
    // the server has recognised them as a report, so ordinary notes get no item.
    if (!document || !isReport) {
      this.item?.dispose();
      this.item = undefined;
      return;
    }
    if (!this.item) {
      this.item = vscode.languages.createLanguageStatusItem('govreport.analysis', { language: document.languageId });
      this.item.name = vscode.l10n.t('govreport report check');
    } else {
      // The item is created for one language; the active editor may have moved to another of ours.
      this.item.selector = { language: document.languageId };
    }
    render(this.item, known, document.version);
  }
}

function render(item: vscode.LanguageStatusItem, known: Known | undefined, version: number): void {
  const docs = known?.params.docs || DEFAULT_DOCS;
  item.command = { title: vscode.l10n.t('Rules'), command: 'vscode.open', arguments: [vscode.Uri.parse(docs)], tooltip: docs };
  item.busy = !known || known.params.version !== version;
  if (!known) {
    item.text = 'govreport';
    item.detail = vscode.l10n.t('analysing…');
    item.severity = vscode.LanguageStatusSeverity.Information;
    return;
  }
  const { params, at } = known;
  item.text = describeReport(params);
  const checked = vscode.l10n.t('checked at {0} ({1} ms)', clock(at), Math.round(params.durationMs));
  item.detail = `${describeCounts(params.counts)} · ${checked}`;
  item.severity =
    params.counts.error > 0
      ? vscode.LanguageStatusSeverity.Error
      : params.counts.warning > 0
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
  item.accessibilityInformation = { label: `${item.text}, ${item.detail}` };
}

/** "2021 format · 2022", or what else the document is. */
export function describeReport(params: Pick<AnalysisStatusParams, 'reported' | 'format' | 'year' | 'reports'>): string {
  if (!params.reported || params.format === null) return vscode.l10n.t('Not recognised as a report');
  const format =
    params.format === 'legacy'
      ? vscode.l10n.t('Pre-2019 report')
      : params.format === '2021'
        ? vscode.l10n.t('2021 format')
        : vscode.l10n.t('2019 format');
  const parts = [format];
  if (params.year !== null) parts.push(vscode.l10n.t('{0} report', params.year));
  if (params.reports > 1) parts.push(vscode.l10n.t('{0} reports in this file', params.reports));
  return parts.join(' · ');
}

export function describeCounts(counts: AnalysisStatusParams['counts']): string {
  if (counts.error + counts.warning + counts.info === 0) return vscode.l10n.t('No problems');
  const parts: string[] = [];
  if (counts.error > 0) parts.push(counts.error === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', counts.error));
  if (counts.warning > 0) parts.push(counts.warning === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', counts.warning));
  if (counts.info > 0) parts.push(vscode.l10n.t('{0} info', counts.info));
  return parts.join(vscode.l10n.t(', '));
}

/** The time of day in the display language; the date is today's or near enough for "last analysed". */
function clock(at: Date): string {
  try {
    return at.toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  } catch {
    return at.toTimeString().slice(0, 8);
  }
}
