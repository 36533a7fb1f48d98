// The language server: LSP wiring around the pure language service (`analyze`).
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
  createConnection,
  Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, analyzeReport } from './service/analyze';
import type { Report } from './service/model';
import { featureCapabilities, registerFeatures, type FeatureContext } from './features';
import { commandCapabilities, registerCommands } from './commands';
import { fixAllRounds, toTextEdits } from './service/fix-all';
import { cancelledError, checkpoint, guardRequest, throwIfCancelled } from './requests';
import { ResyncingFramer } from './framing';
import { inspect } from 'node:util';
import { checkAcross, summarizeReport, type AgencyOverride, type ReportSummary } from './service/workspace';
import { listReports, WATCH_GLOB, WorkspaceIndex } from './workspace';
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
}

const defaultSettings: Settings = { rules: {}, format: 'auto', maxFileSize: undefined, locale: 'auto', detect: true, agency: undefined };

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
  if (typeof value.agency === 'string' && value.agency.trim() !== '') settings.agency = value.agency.trim();
  else if (value.agency && typeof value.agency === 'object' && !Array.isArray(value.agency)) {
    const map: Record<string, string> = {};
    for (const [from, to] of Object.entries(value.agency as Record<string, unknown>)) if (typeof to === 'string') map[from] = to;
    settings.agency = map;
  }
  return settings;
}

function toLocale(value: string | undefined): Locale {
  return value !== undefined && value.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

// ---------------------------------------------------------------------------------------------------
// Connection and state

/**
 * Over stdio, input passes through the resynchronising framer (framing.ts), so stray bytes or a wrong
 * Content-Length cost one message instead of the connection. Other transports (node IPC, which VS Code
 * uses, sockets, pipes) are picked from argv by createConnection as before.
 */
function createServerConnection(): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const framer = new ResyncingFramer((bytes, reason) => logError(`govreport: dropped ${bytes} bytes of input (${reason})`));
  process.stdin.on('error', (error) => logError('govreport: reading stdin failed', error));
  process.stdin.pipe(framer);
  const created = createConnection(ProposedFeatures.all, framer, process.stdout);
  // createConnection only keeps console output off stdout (the protocol channel) when it opens stdio
  // itself; here that is done by hand.
  const format = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => created.console.log(format(args));
  console.warn = (...args: unknown[]) => created.console.warn(format(args));
  console.error = (...args: unknown[]) => created.console.error(format(args));
  return created;
}

const connection: Connection = createServerConnection();
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
  /** The parsed report behind `result`, for the editor features (null when not analysed). */
  report: Report | null;
  /** The fix-all edits, once computed for this version. */
  fixAll?: TextEdit[];
  /** What the workspace rules know of this version (null: not a report), once computed. */
  summary?: ReportSummary | null;
}
/** One analysis per document version, shared by diagnostics and code actions. */
const cache = new Map<string, CacheEntry>();
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

function logError(message: string, error?: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : error === undefined ? '' : String(error);
  const text = detail ? `${message}: ${detail}` : message;
  try {
    connection.console.error(text);
  } catch {
    try {
      process.stderr.write(text + '\n');
    } catch {
      // nowhere left to report
    }
  }
}

process.on('uncaughtException', (error) => logError('govreport: uncaught exception', error));
process.on('unhandledRejection', (reason) => logError('govreport: unhandled rejection', reason));

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

  const settings = await getSettings(uri);
  const current = documents.get(uri);
  // Stale: changed, closed (or closed and reopened) or reconfigured while the settings were fetched.
  if (current !== document || current.version !== version || settingsGeneration !== generation) return undefined;
  const again = cache.get(uri);
  if (again && again.version === version && again.generation === generation) return again;

  let result: AnalysisResult;
  let report: Report | null = null;
  try {
    if (document.languageId !== 'govreport' && !settings.detect) {
      // Detection is off: a plaintext/markdown document is never reported, so don't analyse it.
      result = { format: null, year: null, agency: null, sections: [], tables: [], diagnostics: [] };
    } else {
      // Parse once: the report is kept for completion, hover, symbols, code lens and formatting.
      ({ report, result } = analyzeReport(current.getText(), analyzeOptions(settings)));
    }
  } catch (error) {
    logError(`govreport: analysis of ${uri} failed`, error);
    return undefined;
  }
  const entry: CacheEntry = { version, generation, settings, result, report };
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
  workspaceIndex.setOpen(current.uri, openSummary(current, entry));
  await publish(current, entry, isReported(current, entry) ? workspaceFindings(current, entry) : []);
}

/** Sends the document's own findings and the workspace rules' (computed against the index just now). */
function publish(document: TextDocument, entry: CacheEntry, across: Diagnostic[]): Promise<void> {
  publishedAcross.set(document.uri, { version: entry.version, key: JSON.stringify(across) });
  const diagnostics = isReported(document, entry)
    ? [...entry.result.diagnostics, ...across].map((diagnostic) => toLspDiagnostic(document.uri, diagnostic))
    : [];
  return connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

// ---------------------------------------------------------------------------------------------------
// Workspace rules (carry-over, similarity): checked against the index of the reports in the workspace
// folders (workspace.ts), in which open documents stand with their current text.

/** The workspace findings last published per document, so an index change re-publishes only real changes. */
const publishedAcross = new Map<string, { version: number; key: string }>();

const workspaceIndex = new WorkspaceIndex({
  logError,
  agencyOverride: async (folderUri) => (await getSettings(folderUri)).agency,
  changed: (agencies) => {
    for (const document of documents.all()) {
      const agency = cache.get(document.uri)?.summary?.agency;
      if (agency && agencies.has(agency)) republishAcross(document);
    }
  },
});

/** The summary of an analysed version (null: not a report); undefined when it was not analysed at all. */
function openSummary(document: TextDocument, entry: CacheEntry): ReportSummary | null | undefined {
  if (!entry.report) return undefined;
  if (entry.summary === undefined) {
    try {
      entry.summary = isReported(document, entry)
        ? summarizeReport(entry.report, { uri: document.uri, agency: entry.settings.agency })
        : null;
    } catch (error) {
      logError(`govreport: summarising ${document.uri} failed`, error);
      entry.summary = null;
    }
  }
  return entry.summary;
}

function workspaceFindings(document: TextDocument, entry: CacheEntry): Diagnostic[] {
  const summary = openSummary(document, entry);
  if (!summary) return [];
  try {
    return checkAcross(summary, workspaceIndex.all(), analyzeOptions(entry.settings));
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
  const rounds = fixAllRounds(original, (text) => (text === original ? entry.result.diagnostics : analyze(text, options).diagnostics));
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
    }
  }
  if (wanted(FIX_ALL_KIND, only)) {
    const fixAll = await fixAllAction(document, entry, token);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------------
// Wiring

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
      textDocumentSync: TextDocumentSyncKind.Incremental,
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
  workspaceIndex.setFolders(workspaceFolderUris);
  if (hasDynamicWatchedFiles) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] })
      .catch((error: unknown) => logError('govreport: registering the file watcher failed', error));
  }
  if (hasWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      workspaceFolderUris = [...workspaceFolderUris.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
      workspaceIndex.setFolders(workspaceFolderUris);
    });
  }
});

// Files changed on disk (watcher registered above, or the client's own): the index reads them again and
// the open reports of the same agency are re-checked.
connection.onDidChangeWatchedFiles((params) => workspaceIndex.filesChanged(Array.isArray(params?.changes) ? params.changes : []));

connection.onDidChangeConfiguration((change) => {
  settingsGeneration++;
  documentSettings.clear();
  cache.clear();
  if (!hasConfigurationCapability) {
    const settings = (change.settings as { govreport?: unknown } | null | undefined)?.govreport;
    globalSettings = normalizeSettings(settings);
  }
  revalidateAll();
  workspaceIndex.refreshOverrides().catch((error: unknown) => logError('govreport: re-reading govreport.agency failed', error));
});

documents.onDidOpen((event) => {
  cancelTimer(event.document.uri);
  validateSafely(event.document);
});

documents.onDidChangeContent((event) => {
  const { uri, version } = event.document;
  if (requested.get(uri) === version) return; // the open event already started this version
  scheduleValidation(uri);
});

documents.onDidClose((event) => {
  const { uri } = event.document;
  cancelTimer(uri);
  cache.delete(uri);
  requested.delete(uri);
  documentSettings.delete(uri);
  publishedAcross.delete(uri);
  workspaceIndex.closeOpen(uri);
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
  if (!entry?.report || !isReported(document, entry)) return undefined;
  const locale = toLocale(entry.settings.locale === 'auto' ? clientLocale : entry.settings.locale);
  return { document, report: entry.report, result: entry.result, locale };
}

registerFeatures(connection, featureContext, logError, () => hasHierarchicalSymbols);

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
    listReports: (argument) => listReports(workspaceIndex, argument),
  },
  logError,
);

documents.listen(connection);
connection.listen();
