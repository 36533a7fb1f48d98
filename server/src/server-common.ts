// The language server's LSP wiring around the pure language service (`analyze`), for every platform:
// server.ts (Node: stdio, IPC, sockets) and browser-server.ts (a web worker, VS Code for the web) only
// create the connection and call `startServer`, handing in what exists on their platform alone (the
// workspace index reads files with node:fs, so the web build runs without it). Nothing here may import a
// Node built-in: the web build (scripts/build.mjs) fails if it does.
// Push diagnostics for govreport documents (and plaintext/markdown ones recognised as reports), quick
// fixes from the diagnostics' fixes, and a `source.fixAll.govreport` action; the editor features
// (completion, hover, symbols, folding, code lens, formatting) are wired in features.ts on the report
// cached here per version. Everything else lives in the service; this file only translates between LSP
// and `analyze`.
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Connection,
  Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, suppressFindings } from './service/analyze';
import type { ConfigFiles, ConfigHost } from './config-files';
import type { ResolvedConfig } from './service/config';
import { readSuppressions, removeDirectiveFix, suppressionFixes, UNUSED_SUPPRESSION, type Suppressions } from './service/suppress';
import { localeFromTag } from './service/locale';
import { analysisStatus, ANALYSIS_NOTIFICATION } from './analysis-status';
import { createDocumentAnalyzer, type DocumentAnalyzer, type ReportPart } from './service/document';
import { featureCapabilities, registerFeatures, type FeatureContext } from './features';
import { commandCapabilities, registerCommands } from './commands';
import { registerPreview } from './preview';
import { fixAllRounds, toTextEdits } from './service/fix-all';
import { cancelledError, checkpoint, guardRequest, throwIfCancelled } from './requests';
import { checkAcross, summarizePart, type AgencyOverride, type ReportSummary } from './service/workspace';
import type { IndexHost, ListedReport, WorkspaceIndex } from './workspace';
import type {
  AnalysisResult,
  AnalyzeOptions,
  Diagnostic,
  Fix,
  Locale,
  Range,
  SeveritySetting,
  TextEdit,
} from './service/types';

// ---------------------------------------------------------------------------------------------------
// Settings

/** The `govreport` configuration section as the client may send it. */
interface Settings {
  rules: Record<string, SeveritySetting>;
  format: 'auto' | '2019' | '2021';
  maxFileSize: number | undefined;
  locale: string;
  detect: boolean;
  /** `govreport.agency`: the agency of the reports in scope, or a map of names as written (workspace rules). */
  agency: AgencyOverride;
  /** `govreport.run`: analyse on every change, or only when the document is opened and saved. */
  run: 'onType' | 'onSave';
}

const defaultSettings: Settings = { rules: {}, format: 'auto', maxFileSize: undefined, locale: 'auto', detect: true, agency: undefined, run: 'onType' };

const SEVERITY_SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];

/** Accepts whatever a client sends (null, partial objects, wrong types) and keeps only valid values. */
function normalizeSettings(raw: unknown): Settings {
  const settings: Settings = { ...defaultSettings, rules: {} };
  if (!raw || typeof raw !== 'object') return settings;
  const value = raw as Record<string, unknown>;
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITY_SETTINGS.includes(severity)) {
        settings.rules[id] = severity as SeveritySetting;
      }
    }
  }
  if (value.format === 'auto' || value.format === '2019' || value.format === '2021') settings.format = value.format;
  if (typeof value.maxFileSize === 'number' && Number.isFinite(value.maxFileSize) && value.maxFileSize >= 0) {
    // 0 turns the limit off.
    settings.maxFileSize = value.maxFileSize === 0 ? Number.POSITIVE_INFINITY : value.maxFileSize;
  }
  if (typeof value.locale === 'string' && value.locale.trim() !== '') settings.locale = value.locale.trim();
  if (typeof value.detect === 'boolean') settings.detect = value.detect;
  if (value.run === 'onType' || value.run === 'onSave') settings.run = value.run;
  if (typeof value.agency === 'string' && value.agency.trim() !== '') settings.agency = value.agency.trim();
  else if (value.agency && typeof value.agency === 'object' && !Array.isArray(value.agency)) {
    const map: Record<string, string> = {};
    for (const [from, to] of Object.entries(value.agency as Record<string, unknown>)) if (typeof to === 'string') map[from] = to;
    settings.agency = map;
  }
  return settings;
}

/** The setting's value, or the editor's display language when it is "auto" (service/locale.ts decides). */
function toLocale(value: string | undefined): Locale {
  return localeFromTag(value);
}

// ---------------------------------------------------------------------------------------------------
// Connection and state

/** What only some platforms have; server.ts passes the Node parts, browser-server.ts none of them. */
export interface ServerPlatform {
  /**
   * The index of the report files in the workspace folders (workspace.ts reads them with node:fs) for the
   * workspace rules and 列出本机关历年年报. Without it (the web worker) those see no other report: the
   * workspace rules report nothing and the list is empty.
   */
  workspace?: (host: IndexHost) => WorkspaceSupport;
  /** Where an error goes when the connection cannot take it (Node: stderr). */
  fallbackLog?: (text: string) => void;
  /**
   * The `.govreportrc.json` files above each document (config-files.ts reads them with node:fs) and the
   * glob to watch them with. Without it (the web worker) only the settings apply.
   */
  configFiles?: (host: ConfigHost) => { files: Pick<ConfigFiles, 'resolve' | 'filesChanged' | 'forget'>; watchGlob: string };
}

/** The workspace index as the wiring uses it. */
export interface WorkspaceSupport {
  index: Pick<WorkspaceIndex, 'setFolders' | 'filesChanged' | 'refreshOverrides' | 'setOpen' | 'closeOpen' | 'all'>;
  /** The files the client is asked to watch for the index. */
  watchGlob: string;
  listReports(argument: unknown): Promise<{ agency: string | null; reports: ListedReport[] }>;
}

/** Stands in for the index where there is none: knows no report, so cross-report rules find nothing. */
const noWorkspace: WorkspaceSupport = {
  index: { setFolders() {}, filesChanged() {}, refreshOverrides: async () => undefined, setOpen() {}, closeOpen() {}, all: () => [] },
  watchGlob: '',
  listReports: async () => ({ agency: null, reports: [] }),
};

// Set once by startServer; the handlers below only run after that.
let connection: Connection;
let platform: ServerPlatform = {};
let workspace: WorkspaceSupport = noWorkspace;
let configFiles: { files: Pick<ConfigFiles, 'resolve' | 'filesChanged' | 'forget'>; watchGlob: string } | undefined;
/** Documents whose settings say `govreport.run: onSave`: a change alone does not analyse them. */
const runOnSave = new Set<string>();
const documents = new TextDocuments(TextDocument);

let clientLocale: string | undefined;
let hasConfigurationCapability = false;
let hasDynamicConfigurationRegistration = false;
let hasDocumentChanges = false;
let hasHierarchicalSymbols = false;
let hasDynamicWatchedFiles = false;
let hasWorkspaceFolders = false;
/** The workspace folders (or the root) the index reads, as the client names them. */
let workspaceFolderUris: string[] = [];

/** Settings used when the client cannot answer `workspace/configuration` (pushed by didChangeConfiguration). */
let globalSettings: Settings = defaultSettings;
/** Per-document settings requests; dropped when the configuration changes or the document closes. */
const documentSettings = new Map<string, Promise<Settings>>();
/** Bumped on every configuration change, so analyses started with older settings are discarded. */
let settingsGeneration = 0;

interface CacheEntry {
  version: number;
  generation: number;
  settings: Settings;
  result: AnalysisResult;
  /**
   * The parsed reports behind `result` (one, or each report of a file of many), each with its own
   * analysis, for the editor features and the workspace summary; empty when not analysed.
   */
  reports: ReportPart[];
  /** Time the analysis took, for the `govreport/analysis` notification. */
  durationMs: number;
  /** The fix-all edits, once computed for this version. */
  fixAll?: TextEdit[];
  /** What the workspace rules know of this version, one summary per report (none: not a report), once computed. */
  summaries?: ReportSummary[];
  /** A `.govreportrc.json` ignore glob matches the document: nothing is reported on it. */
  ignored: boolean;
  /** The inline govreport-disable comments of this version (service/suppress.ts). */
  suppressions: Suppressions;
}
/** One analysis per document version, shared by diagnostics and code actions. */
const cache = new Map<string, CacheEntry>();
/**
 * Per open document: the analyzer that remembers its reports' results, so a keystroke re-analyses only
 * the report it touched (in a file of many reports). Dropped on close and on a settings change.
 */
const analyzers = new Map<string, DocumentAnalyzer>();

function analyzerFor(uri: string): DocumentAnalyzer {
  let analyzer = analyzers.get(uri);
  if (!analyzer) {
    analyzer = createDocumentAnalyzer();
    analyzers.set(uri, analyzer);
  }
  return analyzer;
}
/**
 * Validations scheduled after a change. There is no fixed delay: a change is analysed as soon as the
 * server has handled the input already waiting. `newer` records a further change of the document
 * while the validation waits, so a backlog of edits (input that queued up during a long analysis) is
 * applied first and then analysed once, in its newest version.
 */
interface Scheduled {
  handle: NodeJS.Immediate | undefined;
  since: number;
  newer: boolean;
}
const scheduled = new Map<string, Scheduled>();
/** The last version a validation was started for, so open + first change event analyse once. */
const requested = new Map<string, number>();

/** The longest a validation waits for the input to drain, so a stream of edits cannot starve it. */
const COALESCE_LIMIT_MS = 50;

export function logError(message: string, error?: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : error === undefined ? '' : String(error);
  const text = detail ? `${message}: ${detail}` : message;
  try {
    connection.console.error(text);
  } catch {
    try {
      platform.fallbackLog?.(text);
    } catch {
      // nowhere left to report
    }
  }
}

function getSettings(uri: string): Promise<Settings> {
  if (!hasConfigurationCapability) return Promise.resolve(globalSettings);
  let settings = documentSettings.get(uri);
  if (!settings) {
    settings = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'govreport' })
      .then(normalizeSettings, (error: unknown) => {
        logError('govreport: workspace/configuration failed', error);
        return globalSettings;
      });
    documentSettings.set(uri, settings);
  }
  return settings;
}

function analyzeOptions(settings: Settings): AnalyzeOptions {
  const options: AnalyzeOptions = {
    locale: toLocale(settings.locale === 'auto' ? clientLocale : settings.locale),
    rules: settings.rules,
    format: settings.format,
    onRuleError: (ruleId, error) => logError(`govreport: rule ${ruleId} failed`, error),
    // The server publishes diagnostics and serves features from the parsed report; the result's
    // section and table summaries would be built on every keystroke for nobody.
    summaries: false,
  };
  if (settings.maxFileSize !== undefined) options.maxSize = settings.maxFileSize;
  return options;
}

const DETECTED_LANGUAGES = new Set(['plaintext', 'markdown']);

/** Whether the server looks at this document at all (before analysis). */
function isCandidate(document: TextDocument): boolean {
  return document.languageId === 'govreport' || DETECTED_LANGUAGES.has(document.languageId);
}

/** Whether the server reports on this document, given its analysis. */
function isReported(document: TextDocument, entry: CacheEntry): boolean {
  if (entry.ignored) return false;
  if (document.languageId === 'govreport') return true;
  return DETECTED_LANGUAGES.has(document.languageId) && entry.settings.detect && entry.result.format !== null;
}

/**
 * The analysis of the document's current version, computed at most once per version and settings
 * generation. Undefined when the document changed or closed meanwhile, or when the analysis failed.
 */
async function getAnalysis(document: TextDocument): Promise<CacheEntry | undefined> {
  const { uri, version } = document;
  const generation = settingsGeneration;
  const cached = cache.get(uri);
  if (cached && cached.version === version && cached.generation === generation) return cached;

  const [editorSettings, config] = await Promise.all([getSettings(uri), configFor(uri)]);
  // The config files come between the editor settings and the inline comments (service/config.ts).
  const settings: Settings = config
    ? { ...editorSettings, rules: { ...editorSettings.rules, ...config.rules }, format: config.format ?? editorSettings.format }
    : editorSettings;
  const current = documents.get(uri);
  // Stale: changed, closed (or closed and reopened) or reconfigured while the settings were fetched.
  if (current !== document || current.version !== version || settingsGeneration !== generation) return undefined;
  const again = cache.get(uri);
  if (again && again.version === version && again.generation === generation) return again;

  let result: AnalysisResult;
  let reports: ReportPart[] = [];
  const started = performance.now();
  try {
    if ((document.languageId !== 'govreport' && !settings.detect) || config?.ignored) {
      // Detection is off: a plaintext/markdown document is never reported, so don't analyse it.
      result = { format: null, year: null, agency: null, sections: [], tables: [], diagnostics: [] };
    } else {
      // Parse once: the reports are kept for completion, hover, symbols, code lens and formatting.
      ({ result, reports } = analyzerFor(uri).analyze(current.getText(), analyzeOptions(settings)));
    }
  } catch (error) {
    logError(`govreport: analysis of ${uri} failed`, error);
    return undefined;
  }
  const suppressions = readSuppressions(current.getText());
  const entry: CacheEntry = { version, generation, settings, result, reports, durationMs: performance.now() - started, ignored: config?.ignored ?? false, suppressions };
  if (settings.run === 'onSave') runOnSave.add(uri);
  else runOnSave.delete(uri);
  cache.set(uri, entry);
  return entry;
}

// ---------------------------------------------------------------------------------------------------
// Diagnostics

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

function toLspDiagnostic(uri: string, diagnostic: Diagnostic): LspDiagnostic {
  const lsp: LspDiagnostic = {
    range: diagnostic.range,
    severity: SEVERITY[diagnostic.severity] ?? DiagnosticSeverity.Warning,
    code: diagnostic.rule,
    source: 'govreport',
    message: diagnostic.message,
    data: { fixes: diagnostic.fixes ?? [] },
  };
  if (diagnostic.href) lsp.codeDescription = { href: diagnostic.href };
  if (diagnostic.relatedInformation && diagnostic.relatedInformation.length > 0) {
    lsp.relatedInformation = diagnostic.relatedInformation.map((info) => ({
      // The workspace rules point into another report.
      location: { uri: info.uri ?? uri, range: info.range },
      message: info.message,
    }));
  }
  return lsp;
}

async function validate(document: TextDocument): Promise<void> {
  if (!isCandidate(document)) return;
  requested.set(document.uri, document.version);
  const entry = await getAnalysis(document);
  if (!entry) return; // stale or failed: publish nothing new
  const current = documents.get(document.uri);
  if (!current || current.version !== entry.version) return;
  // The index sees the open text, not the file on disk, from now on.
  workspace.index.setOpen(current.uri, openSummaries(current, entry));
  await publish(current, entry, isReported(current, entry) ? workspaceFindings(current, entry) : []);
}

/** Sends the document's own findings and the workspace rules' (computed against the index just now). */
function publish(document: TextDocument, entry: CacheEntry, across: Diagnostic[]): Promise<void> {
  publishedAcross.set(document.uri, { version: entry.version, key: JSON.stringify(across) });
  const reported = isReported(document, entry);
  // Inline suppression applies to the complete list, the workspace rules' findings included.
  const findings = reported ? visibleFindings(entry, [...entry.result.diagnostics, ...across], true) : [];
  const diagnostics = findings.map((diagnostic) => toLspDiagnostic(document.uri, diagnostic));
  const { uri, version } = document;
  // Then the summary for the client's language status item (analysis-status.ts). Queued right away: the
  // writer sends messages in order, and waiting for the diagnostics' write to complete first held the
  // status back until the next event-loop turn, usually the one handling the next keystroke.
  const status = analysisStatus(uri, version, reported, entry.result, entry.reports.length, findings, entry.durationMs);
  const sent = connection.sendDiagnostics({ uri, version, diagnostics });
  const statusSent = connection.sendNotification(ANALYSIS_NOTIFICATION, status);
  return Promise.all([sent, statusSent]).then(() => undefined);
}

// ---------------------------------------------------------------------------------------------------
// Workspace rules (carry-over, similarity): checked against the index of the reports in the workspace
// folders (workspace.ts), in which open documents stand with their current text.

/** The workspace findings last published per document, so an index change re-publishes only real changes. */
const publishedAcross = new Map<string, { version: number; key: string }>();

const indexHost: IndexHost = {
  logError,
  agencyOverride: async (folderUri) => (await getSettings(folderUri)).agency,
  changed: (agencies) => {
    for (const document of documents.all()) {
      const summaries = cache.get(document.uri)?.summaries;
      if (summaries?.some((summary) => summary.agency !== null && agencies.has(summary.agency))) republishAcross(document);
    }
  },
};

/**
 * Per open document: the last version's summaries by report, so a keystroke re-summarises only the
 * report it touched (the analyzer hands back the very same parsed report for the others). A summary
 * reused is the same object, whose fingerprint in the index (workspace.ts) is not computed again.
 */
const summaryMemo = new Map<string, { key: string; count: number; parts: { report: ReportPart['report']; startLine: number; summary: ReportSummary | null }[] }>();

/** The summaries of an analysed version (none: not a report); undefined when it was not analysed at all. */
function openSummaries(document: TextDocument, entry: CacheEntry): ReportSummary[] | undefined {
  if (entry.reports.length === 0) return undefined;
  if (entry.summaries === undefined) {
    try {
      if (!isReported(document, entry)) {
        entry.summaries = [];
      } else {
        const options = { uri: document.uri, agency: entry.settings.agency };
        const key = JSON.stringify(entry.settings.agency ?? null);
        const count = entry.reports.length;
        const memo = summaryMemo.get(document.uri);
        const usable = memo && memo.key === key && memo.count === count ? memo.parts : [];
        const parts = entry.reports.map((part, index) => {
          const last = usable[index];
          const summary =
            last && last.report === part.report && last.startLine === part.startLine ? last.summary : summarizePart(part, index, count, options);
          return { report: part.report, startLine: part.startLine, summary };
        });
        summaryMemo.set(document.uri, { key, count, parts });
        entry.summaries = parts.flatMap((part) => (part.summary ? [part.summary] : []));
      }
    } catch (error) {
      logError(`govreport: summarising ${document.uri} failed`, error);
      entry.summaries = [];
    }
  }
  return entry.summaries;
}

/** The workspace findings of each report of the document, against the index (its own other reports included). */
function workspaceFindings(document: TextDocument, entry: CacheEntry): Diagnostic[] {
  const summaries = openSummaries(document, entry);
  if (!summaries || summaries.length === 0) return [];
  try {
    const index = workspace.index.all();
    const options = analyzeOptions(entry.settings);
    return summaries.flatMap((summary) => checkAcross(summary, index, options));
  } catch (error) {
    logError(`govreport: workspace rules on ${document.uri} failed`, error);
    return [];
  }
}

/** Another report of the agency changed: publish again if this document's workspace findings differ. */
function republishAcross(document: TextDocument): void {
  const entry = cache.get(document.uri);
  // Not analysed in this version yet: the validation on its way publishes everything.
  if (!entry || entry.version !== document.version || entry.generation !== settingsGeneration) return;
  if (!isReported(document, entry)) return;
  const across = workspaceFindings(document, entry);
  const last = publishedAcross.get(document.uri);
  if (last && last.version === entry.version && last.key === JSON.stringify(across)) return;
  publish(document, entry, across).catch((error: unknown) => logError(`govreport: publishing ${document.uri} failed`, error));
}

function validateSafely(document: TextDocument): void {
  validate(document).catch((error: unknown) => logError(`govreport: validating ${document.uri} failed`, error));
}

function cancelTimer(uri: string): void {
  const pending = scheduled.get(uri);
  if (pending) {
    if (pending.handle) clearImmediate(pending.handle);
    scheduled.delete(uri);
  }
}

function scheduleValidation(uri: string): void {
  const pending = scheduled.get(uri);
  if (pending) {
    pending.newer = true;
    return;
  }
  const entry: Scheduled = { handle: undefined, since: Date.now(), newer: false };
  scheduled.set(uri, entry);
  // The JSON-RPC layer handles one message per event-loop turn and queues the next one when the
  // current handler returns; scheduling from a microtask puts this validation behind that next
  // message, so a change already waiting in the input is seen before analysing.
  queueMicrotask(() => {
    if (scheduled.get(uri) === entry) entry.handle = setImmediate(() => runScheduled(uri, entry));
  });
}

function runScheduled(uri: string, entry: Scheduled): void {
  if (scheduled.get(uri) !== entry) return;
  if (entry.newer && Date.now() - entry.since < COALESCE_LIMIT_MS) {
    // Another change came in meanwhile: more may be waiting behind it. One more turn.
    entry.newer = false;
    entry.handle = setImmediate(() => runScheduled(uri, entry));
    return;
  }
  scheduled.delete(uri);
  const document = documents.get(uri);
  if (document) validateSafely(document);
}

function revalidateAll(): void {
  for (const document of documents.all()) {
    cancelTimer(document.uri);
    validateSafely(document);
  }
}

// ---------------------------------------------------------------------------------------------------
// Code actions

const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.govreport`;

function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((prefix) => kind === prefix || kind.startsWith(prefix + '.'));
}

function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | null;
  return !!p && typeof p.line === 'number' && typeof p.character === 'number';
}

function isRange(value: unknown): value is Range {
  const r = value as { start?: unknown; end?: unknown } | null;
  return !!r && isPosition(r.start) && isPosition(r.end);
}

/** Fixes as they come back from the client in `data`; anything malformed is dropped. */
function validFixes(value: unknown): Fix[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (fix): fix is Fix =>
      !!fix &&
      typeof fix.title === 'string' &&
      Array.isArray(fix.edits) &&
      fix.edits.every((edit: unknown) => {
        const e = edit as { range?: unknown; newText?: unknown } | null;
        return !!e && isRange(e.range) && typeof e.newText === 'string';
      }),
  );
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function workspaceEdit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((edit) => ({ range: edit.range, newText: edit.newText }));
  if (hasDocumentChanges) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] };
  }
  return { changes: { [document.uri]: lspEdits } };
}

/** The fixes of a diagnostic sent back by the client: its `data`, or else the matching cached one. */
function fixesFor(diagnostic: LspDiagnostic, entry: CacheEntry): Fix[] {
  const data = diagnostic.data as { fixes?: unknown } | undefined;
  const fromData = validFixes(data?.fixes);
  if (fromData.length > 0) return fromData;
  const match = entry.result.diagnostics.find(
    (d) => d.rule === diagnostic.code && d.message === diagnostic.message && sameRange(d.range, diagnostic.range),
  );
  return match?.fixes ?? [];
}

/**
 * The fix-all edits of the entry's document version: the shared fix-all (service/fix-all.ts, the same
 * as `govreport fix`), which re-analyses after each round until no fix is left, composed into edits on
 * the current text. Memoised on the entry, since editors ask for code actions on every cursor move.
 */
async function fixAllEdits(document: TextDocument, entry: CacheEntry, token: CancellationToken): Promise<TextEdit[]> {
  if (entry.fixAll) return entry.fixAll;
  if (document.version !== entry.version) throw cancelledError();
  const original = document.getText();
  const options = analyzeOptions(entry.settings);
  // Suppressed findings are not fixed; analyze() drops them in the later rounds.
  const own = visibleFindings(entry, entry.result.diagnostics, false);
  const rounds = fixAllRounds(original, (text) => (text === original ? own : analyze(text, options).diagnostics));
  let step = rounds.next();
  while (!step.done) {
    // Between rounds: let a cancellation or a newer version in.
    await checkpoint(token);
    step = rounds.next();
  }
  // Edits for a version the editor no longer has would land on the wrong text: drop them.
  if (documents.get(document.uri)?.version !== entry.version) throw cancelledError();
  entry.fixAll = toTextEdits(original, step.value.edits);
  return entry.fixAll;
}

async function fixAllAction(document: TextDocument, entry: CacheEntry, token: CancellationToken): Promise<CodeAction | undefined> {
  // Cheap first: no action at all when no diagnostic carries a fix.
  if (!entry.result.diagnostics.some((diagnostic) => diagnostic.fixes && diagnostic.fixes.length > 0)) return undefined;
  const edits = await fixAllEdits(document, entry, token);
  if (edits.length === 0) return undefined;
  const english = toLocale(entry.settings.locale === 'auto' ? clientLocale : entry.settings.locale) === 'en';
  return {
    title: english ? 'Fix all auto-fixable govreport problems' : '修复所有可自动修复的问题（govreport）',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(document, edits),
  };
}

async function codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const document = documents.get(params?.textDocument?.uri);
  if (!document || !isCandidate(document)) return [];
  const entry = await getAnalysis(document);
  if (!entry || !isReported(document, entry)) return [];
  throwIfCancelled(token);
  const only = params.context?.only;
  const actions: CodeAction[] = [];

  if (wanted(CodeActionKind.QuickFix, only)) {
    const ignoring: CodeAction[] = [];
    for (const diagnostic of params.context?.diagnostics ?? []) {
      if (diagnostic?.source !== 'govreport') continue;
      for (const fix of fixesFor(diagnostic, entry)) {
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit(document, fix.edits),
        };
        if (fix.isPreferred) action.isPreferred = true;
        actions.push(action);
      }
      // Hiding a finding is a quick fix of its own, listed after every real fix and never part of fix-all.
      for (const fix of ignoreFixes(document, entry, diagnostic)) {
        ignoring.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(document, fix.edits) });
      }
    }
    actions.push(...ignoring);
  }
  if (wanted(FIX_ALL_KIND, only)) {
    const fixAll = await fixAllAction(document, entry, token);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------------
// Configuration files and inline suppression

/** The `.govreportrc.json` options of a document; null where there are none to read. */
async function configFor(uri: string): Promise<ResolvedConfig | null> {
  if (!configFiles) return null;
  try {
    return await configFiles.files.resolve(uri);
  } catch (error) {
    logError(`govreport: reading the configuration files of ${uri} failed`, error);
    return null;
  }
}

/** The findings the document's govreport-disable comments leave, plus the comments that suppress nothing. */
function visibleFindings(entry: CacheEntry, diagnostics: Diagnostic[], complete: boolean): Diagnostic[] {
  if (entry.suppressions.directives.length === 0) return diagnostics;
  return suppressFindings('', diagnostics, {
    ...analyzeOptions(entry.settings),
    isReport: complete,
    // Without a workspace index (the web worker) the workspace rules never speak, so their
    // suppressions are not called unused.
    workspaceChecked: complete && workspace !== noWorkspace,
  }, entry.suppressions);
}

/** "在此行忽略此规则", "在此文件中忽略此规则"; for an unused suppression, "删除此忽略注释". */
function ignoreFixes(document: TextDocument, entry: CacheEntry, diagnostic: LspDiagnostic): Fix[] {
  const rule = typeof diagnostic.code === 'string' ? diagnostic.code : '';
  if (!rule || !isRange(diagnostic.range)) return [];
  const locale = toLocale(entry.settings.locale === 'auto' ? clientLocale : entry.settings.locale);
  const text = document.getText();
  if (rule === UNUSED_SUPPRESSION) {
    const remove = removeDirectiveFix(text, diagnostic.range, locale);
    return remove ? [remove] : [];
  }
  return suppressionFixes(text, { rule, range: diagnostic.range }, locale);
}

// ---------------------------------------------------------------------------------------------------
// Wiring

/** Wires the handlers to `created` and starts listening; call once per process or worker. */
export function startServer(created: Connection, options: ServerPlatform = {}): void {
  connection = created;
  platform = options;
  workspace = options.workspace?.(indexHost) ?? noWorkspace;
  configFiles = options.configFiles?.({
    logError,
    publish: (uri, problems) => {
      const diagnostics: LspDiagnostic[] = problems.map((problem) => ({
        range: problem.range,
        severity: DiagnosticSeverity.Warning,
        source: 'govreport',
        message: problem.message,
      }));
      connection.sendDiagnostics({ uri, diagnostics }).catch((error: unknown) => logError(`govreport: publishing ${uri} failed`, error));
    },
    locale: () => toLocale(clientLocale),
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    clientLocale = params.locale;
    hasConfigurationCapability = !!capabilities.workspace?.configuration;
    hasDynamicConfigurationRegistration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    hasDocumentChanges = !!capabilities.workspace?.workspaceEdit?.documentChanges;
    hasHierarchicalSymbols = !!capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    hasDynamicWatchedFiles = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    hasWorkspaceFolders = !!capabilities.workspace?.workspaceFolders;
    const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders.map((folder) => folder?.uri) : [];
    workspaceFolderUris = folders.filter((uri): uri is string => typeof uri === 'string');
    if (workspaceFolderUris.length === 0 && typeof params.rootUri === 'string') workspaceFolderUris = [params.rootUri];
    return {
      capabilities: {
        // didSave too, for `govreport.run: onSave`.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...featureCapabilities,
        ...commandCapabilities,
        ...(hasWorkspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'govreport-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability && hasDynamicConfigurationRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'govreport' })
        .catch((error: unknown) => logError('govreport: registering for configuration changes failed', error));
    }
    // The report files of the workspace, for carry-over and similarity; read in the background.
    workspace.index.setFolders(workspaceFolderUris);
    const watchers = [workspace.watchGlob, configFiles?.watchGlob].filter((glob): glob is string => !!glob).map((globPattern) => ({ globPattern }));
    if (hasDynamicWatchedFiles && watchers.length > 0) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers })
        .catch((error: unknown) => logError('govreport: registering the file watcher failed', error));
    }
    if (hasWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        workspaceFolderUris = [...workspaceFolderUris.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
        workspace.index.setFolders(workspaceFolderUris);
      });
    }
  });

  // Files changed on disk (watcher registered above, or the client's own): the index reads them again and
  // the open reports of the same agency are re-checked.
  // A .govreportrc.json changed: every open document is analysed again with the new options.
  connection.onDidChangeWatchedFiles((params) => {
    const changes = Array.isArray(params?.changes) ? params.changes : [];
    workspace.index.filesChanged(changes);
    if (configFiles?.files.filesChanged(changes)) {
      settingsGeneration++;
      cache.clear();
      revalidateAll();
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsGeneration++;
    documentSettings.clear();
    cache.clear();
    analyzers.clear();
    if (!hasConfigurationCapability) {
      const settings = (change.settings as { govreport?: unknown } | null | undefined)?.govreport;
      globalSettings = normalizeSettings(settings);
    }
    revalidateAll();
    workspace.index.refreshOverrides().catch((error: unknown) => logError('govreport: re-reading govreport.agency failed', error));
  });

  documents.onDidOpen((event) => {
    cancelTimer(event.document.uri);
    validateSafely(event.document);
  });

  documents.onDidChangeContent((event) => {
    const { uri, version } = event.document;
    if (requested.get(uri) === version) return; // the open event already started this version
    if (runOnSave.has(uri)) return; // govreport.run: onSave
    scheduleValidation(uri);
  });

  documents.onDidSave((event) => {
    if (!runOnSave.has(event.document.uri)) return; // onType: the change was analysed already
    cancelTimer(event.document.uri);
    validateSafely(event.document);
  });

  documents.onDidClose((event) => {
    const { uri } = event.document;
    cancelTimer(uri);
    cache.delete(uri);
    analyzers.delete(uri);
    requested.delete(uri);
    runOnSave.delete(uri);
    documentSettings.delete(uri);
    publishedAcross.delete(uri);
    summaryMemo.delete(uri);
    configFiles?.files.forget(uri);
    workspace.index.closeOpen(uri);
    connection
      .sendDiagnostics({ uri, diagnostics: [] })
      .catch((error: unknown) => logError(`govreport: clearing diagnostics of ${uri} failed`, error));
  });

  connection.onCodeAction(guardRequest('code actions', [] as CodeAction[], codeActions, logError));

  /** The parsed report and analysis of a document the server reports on, for the editor features. */
  async function featureContext(uri: string): Promise<FeatureContext | undefined> {
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document || !isCandidate(document)) return undefined;
    const entry = await getAnalysis(document);
    if (!entry || entry.reports.length === 0 || !isReported(document, entry)) return undefined;
    const locale = toLocale(entry.settings.locale === 'auto' ? clientLocale : entry.settings.locale);
    return { document, reports: entry.reports, result: entry.result, locale };
  }

  registerFeatures(connection, featureContext, logError, () => hasHierarchicalSymbols);
  // govreport/preview: the HTML of the document's tables for the version analysed (preview.ts).
  registerPreview(connection, featureContext, (uri) => documents.get(uri), logError);

  // workspace/executeCommand: the server commands (commands.ts); fix-all is the code action's very edits.
  registerCommands(
    connection,
    {
      document: (uri) => documents.get(uri),
      fixAllEdits: async (document, token) => {
        const entry = isCandidate(document) ? await getAnalysis(document) : undefined;
        return entry && isReported(document, entry) ? fixAllEdits(document, entry, token) : undefined;
      },
      workspaceEdit,
      locale: async (document) => {
        const settings = await getSettings(document.uri);
        return toLocale(settings.locale === 'auto' ? clientLocale : settings.locale);
      },
      listReports: (argument) => workspace.listReports(argument),
    },
    logError,
  );

  documents.listen(connection);
  connection.listen();
}
