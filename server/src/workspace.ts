// The server's index of the reports in the workspace folders, for the workspace rules (carry-over,
// similarity) and the list of an agency's reports. It keeps one small summary per report
// (service/workspace.ts), every report of a file of many, never the texts: files are read from disk in the background at start and
// again when the client reports a change, and open documents take precedence over their files on disk.
// Reading is asynchronous and one file per event-loop turn, so indexing never holds up typing.
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeBuffer } from './cli/decode';
import { splitReports } from './service/document';
import { parse } from './service/reader/parse';
import { normalizeAgency, resolveAgency, summarizePart, type AgencyOverride, type ReportSummary } from './service/workspace';

/** File names the index reads: the CLI's (cli/files.ts REPORT_EXTENSIONS). */
export const INDEXED_FILES = /\.(txt|md|govreport)$/i;
/** The watcher glob registered with the client for the same files. */
export const WATCH_GLOB = '**/*.{txt,md,govreport}';

/** Reports are tens of kilobytes; anything much larger is not one, or not worth a parse in the background. */
const MAX_FILE_BYTES = 2_000_000;
/** Enough for every report of a county for decades; a workspace with more files is not a report folder. */
const MAX_FILES = 5000;
const MAX_DEPTH = 12;
/** Changes are announced at most this often, so a scan of many files re-publishes once per batch. */
const NOTIFY_DELAY_MS = 100;

export interface IndexHost {
  logError(message: string, error?: unknown): void;
  /** The `govreport.agency` setting of a workspace folder (undefined when unset). */
  agencyOverride(folderUri: string): Promise<AgencyOverride>;
  /** Reports of these agencies (normalised names) were added, changed or removed. */
  changed(agencies: ReadonlySet<string>): void;
}

interface Entry {
  /** One per report of the file (several for a file of many reports); never empty. */
  summaries: readonly ReportSummary[];
  /** Per summary: the agency as the title writes it, to re-resolve when the setting changes. */
  titleAgencies: readonly (string | null)[];
}

export interface ListedReport {
  year: number;
  uri: string;
  /** The agency as written (or configured) in this report. */
  agency: string | null;
  /** The report is open in the editor (its unsaved text counts). */
  open: boolean;
}

/** The index's name of a document: the file path for file URIs (clients spell those URIs differently), else the URI. */
export function documentKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  let key = documentKeys.get(uri);
  if (key === undefined) {
    // Asked on every keystroke of an open document: each URI is converted once.
    if (documentKeys.size >= 10_000) documentKeys.clear();
    key = fileKey(uri);
    documentKeys.set(uri, key);
  }
  return key;
}

const documentKeys = new Map<string, string>();

function fileKey(uri: string): string {
  try {
    const file = path.normalize(fileURLToPath(uri));
    // Drive letters come in either case from different clients.
    return /^[A-Z]:/.test(file) ? file[0].toLowerCase() + file.slice(1) : file;
  } catch {
    return uri;
  }
}

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Each summary's JSON, made once: an open document's summary is compared as `after` on the keystroke
 * that made it and as `before` on the next one; serialising its section texts twice per keystroke was
 * about a tenth of the server's per-keystroke garbage (summaries are never changed once made).
 */
const fingerprints = new WeakMap<ReportSummary, string>();

function fingerprint(summary: ReportSummary): string {
  let json = fingerprints.get(summary);
  if (json === undefined) {
    json = JSON.stringify(summary);
    fingerprints.set(summary, json);
  }
  return json;
}

export class WorkspaceIndex {
  /** Folder path → its URI as the client sent it. */
  private folders = new Map<string, string>();
  private overrides = new Map<string, AgencyOverride>();
  /** Reports read from disk, by documentKey. */
  private disk = new Map<string, Entry>();
  /** Open documents by documentKey: the summaries of their reports (none when the open text is not a report). */
  private open = new Map<string, readonly ReportSummary[]>();
  private queue = new Set<string>();
  private working = false;
  private active = 0;
  private idle: Promise<void> = Promise.resolve();
  private finishIdle: (() => void) | undefined;
  private files = 0;
  private pending = new Set<string>();
  /** Open documents changed since the listeners were last told: their summaries before the first change. */
  private openBefore = new Map<string, readonly ReportSummary[] | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly host: IndexHost) {}

  // ---- folders and files ----------------------------------------------------------------------------

  /** Replaces the indexed folders; new ones are scanned in the background. */
  setFolders(uris: readonly string[]): void {
    const next = new Map<string, string>();
    for (const uri of uris) {
      if (!uri.startsWith('file:')) continue; // only local folders can be read with fs
      next.set(documentKey(uri), uri);
    }
    for (const folder of [...this.folders.keys()]) {
      if (next.has(folder)) continue;
      this.folders.delete(folder);
      this.overrides.delete(folder);
      for (const key of [...this.disk.keys()]) if (this.folderOf(key) === undefined) this.remove(key);
    }
    for (const [folder, uri] of next) {
      if (this.folders.has(folder)) continue;
      this.folders.set(folder, uri);
      this.run(() => this.scanFolder(folder));
    }
  }

  /** Client file events: created (1) and changed (2) are read again, deleted (3) are dropped. */
  filesChanged(changes: readonly { uri: string; type: number }[]): void {
    for (const change of changes) {
      if (typeof change?.uri !== 'string' || !change.uri.startsWith('file:')) continue;
      const key = documentKey(change.uri);
      if (change.type === 3) {
        // A deleted folder takes the reports under it along.
        for (const existing of [...this.disk.keys()]) {
          if (existing === key || existing.startsWith(key + path.sep)) this.remove(existing);
        }
        this.queue.delete(key);
      } else if (this.folderOf(key) !== undefined && INDEXED_FILES.test(key)) {
        this.enqueue(key);
      }
    }
  }

  /** The setting may have changed: read it again per folder and re-resolve every report's agency. */
  async refreshOverrides(): Promise<void> {
    for (const folder of this.folders.keys()) await this.loadOverride(folder);
    for (const [key, entry] of this.disk) {
      const override = this.overrides.get(this.folderOf(key) ?? '');
      let changed = false;
      const summaries = entry.summaries.map((summary, k) => {
        const agency = resolveAgency(entry.titleAgencies[k] ?? null, override);
        if ((agency?.key ?? null) === summary.agency && (agency?.label ?? null) === summary.agencyLabel) return summary;
        changed = true;
        return { ...summary, agency: agency?.key ?? null, agencyLabel: agency?.label ?? null };
      });
      if (!changed) continue;
      if (!this.open.has(key)) this.note(entry.summaries, summaries);
      this.disk.set(key, { ...entry, summaries });
    }
  }

  /** Resolves once the files found so far are indexed (or after `timeoutMs`). */
  settled(timeoutMs: number): Promise<void> {
    return Promise.race([this.idle, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref?.())]);
  }

  dispose(): void {
    this.disposed = true;
    this.queue.clear();
    if (this.timer) clearTimeout(this.timer);
  }

  // ---- open documents -----------------------------------------------------------------------------

  /**
   * The open document's current summaries, one per report (none: its text is not a report). Undefined
   * hands it back to the disk, as when the document was not analysed at all.
   */
  setOpen(uri: string, summaries: readonly ReportSummary[] | undefined): void {
    const key = documentKey(uri);
    // Compared when the listeners are told (note), not on every keystroke: comparing serialises the
    // summaries, and a burst of typing needs only its first and last state compared.
    if (!this.openBefore.has(key)) this.openBefore.set(key, this.effective(key));
    if (summaries === undefined) this.open.delete(key);
    else this.open.set(key, summaries);
    this.schedule();
  }

  /** The document closed: its file on disk counts again, read anew since it may have been saved. */
  closeOpen(uri: string): void {
    const key = documentKey(uri);
    if (!this.open.has(key)) return;
    const before = this.effective(key);
    this.open.delete(key);
    this.note(before, this.effective(key));
    if (uri.startsWith('file:') && this.folderOf(key) !== undefined && INDEXED_FILES.test(key)) this.enqueue(key);
  }

  // ---- queries ------------------------------------------------------------------------------------

  /** Every report known: open documents, and files on disk that are not open. */
  all(): ReportSummary[] {
    const out: ReportSummary[] = [];
    for (const [key, entry] of this.disk) if (!this.open.has(key)) out.push(...entry.summaries);
    for (const summaries of this.open.values()) out.push(...summaries);
    return out;
  }

  /** The (first) summary the index holds for a document (open first). */
  get(uri: string): ReportSummary | null {
    return this.effective(documentKey(uri))?.[0] ?? null;
  }

  /** The reports of one agency (normalised name), by year, then by URI. */
  reportsOf(agency: string): ListedReport[] {
    const listed: ListedReport[] = [];
    const add = (summary: ReportSummary, open: boolean) => {
      if (summary.agency === agency && summary.year !== null) listed.push({ year: summary.year, uri: summary.uri, agency: summary.agencyLabel, open });
    };
    for (const [key, entry] of this.disk) if (!this.open.has(key)) for (const summary of entry.summaries) add(summary, false);
    for (const summaries of this.open.values()) for (const summary of summaries) add(summary, true);
    return listed.sort((a, b) => a.year - b.year || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  // ---- internals ----------------------------------------------------------------------------------

  private effective(key: string): readonly ReportSummary[] | undefined {
    if (this.open.has(key)) return this.open.get(key);
    return this.disk.get(key)?.summaries;
  }

  /** The workspace folder a path is in (the innermost one). */
  private folderOf(key: string): string | undefined {
    let found: string | undefined;
    for (const folder of this.folders.keys()) {
      const inside = key === folder || key.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
      if (inside && (found === undefined || folder.length > found.length)) found = folder;
    }
    return found;
  }

  private remove(key: string): void {
    const entry = this.disk.get(key);
    if (!entry) return;
    this.disk.delete(key);
    this.files = Math.max(0, this.files - 1);
    if (!this.open.has(key)) this.note(entry.summaries, undefined);
  }

  private enqueue(key: string): void {
    this.queue.add(key);
    this.run(async () => undefined);
  }

  /** Runs `task` (a folder walk), then drains the queue; `idle` resolves when no task is left. */
  private run(task: () => Promise<void>): void {
    if (this.active++ === 0) this.idle = new Promise((resolve) => (this.finishIdle = resolve));
    void (async () => {
      try {
        await task();
        await this.drain();
      } catch (error) {
        this.host.logError('govreport: indexing the workspace failed', error);
      } finally {
        if (--this.active === 0) {
          const finish = this.finishIdle;
          this.finishIdle = undefined;
          finish?.();
        }
      }
    })();
  }

  /** One file per event-loop turn, one drainer at a time (it also takes what other tasks queue meanwhile). */
  private async drain(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      while (this.queue.size > 0 && !this.disposed) {
        const key: string = this.queue.values().next().value!;
        this.queue.delete(key);
        await this.readFile(key);
        await yieldTurn();
      }
    } finally {
      this.working = false;
    }
  }

  private async loadOverride(folder: string): Promise<void> {
    const uri = this.folders.get(folder);
    if (uri === undefined) return;
    try {
      this.overrides.set(folder, await this.host.agencyOverride(uri));
    } catch (error) {
      this.host.logError('govreport: reading govreport.agency failed', error);
    }
  }

  private async scanFolder(folder: string): Promise<void> {
    await this.loadOverride(folder);
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > MAX_DEPTH || this.disposed || !this.folders.has(folder)) return;
      let entries: Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return; // unreadable folders are simply not indexed
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        // Symbolic links are not followed: they lead out of the folder or round in circles.
        if (entry.isDirectory()) {
          if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
          await walk(full, depth + 1);
        } else if (entry.isFile() && INDEXED_FILES.test(entry.name)) {
          if (this.files + this.queue.size >= MAX_FILES) return;
          this.queue.add(full);
        }
      }
    };
    await walk(folder, 0);
  }

  private async readFile(key: string): Promise<void> {
    const folder = this.folderOf(key);
    if (folder === undefined) return;
    const summaries: ReportSummary[] = [];
    const titleAgencies: (string | null)[] = [];
    try {
      const stat = await fs.stat(key);
      if (stat.isFile() && stat.size <= MAX_FILE_BYTES) {
        const { text } = decodeBuffer(await fs.readFile(key));
        // Only a text that mentions 公开 can be a disclosure report; skip the parse for the rest.
        if (text.includes('公开')) {
          // A file of several reports: each is parsed on its own and summarised in the file's lines.
          const slices = splitReports(text);
          const options = { uri: pathToFileURL(key).href, agency: this.overrides.get(folder) };
          slices.forEach((slice, index) => {
            const report = parse(slices.length === 1 ? text : text.slice(slice.start, slice.end));
            const summary = summarizePart({ report, startLine: slice.startLine }, index, slices.length, options);
            if (!summary || summary.year === null) return;
            summaries.push(summary);
            titleAgencies.push(report.title?.agency ?? null);
          });
        }
      }
    } catch (error) {
      // A file deleted meanwhile is gone from the index; anything else is worth a line in the log.
      if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') this.host.logError(`govreport: indexing ${key} failed`, error);
    }
    if (this.disposed || this.folderOf(key) === undefined) return;
    const previous = this.disk.get(key);
    if (summaries.length === 0) {
      this.remove(key);
      return;
    }
    if (!previous) this.files++;
    this.disk.set(key, { summaries, titleAgencies });
    if (!this.open.has(key)) this.note(previous?.summaries, summaries);
  }

  /**
   * Records that a document's reports changed from `before` to `after`; listeners hear of it shortly,
   * for the agencies of the reports that were added, changed or removed.
   */
  private note(before: readonly ReportSummary[] | undefined, after: readonly ReportSummary[] | undefined): void {
    this.collect(before, after);
    if (this.pending.size > 0) this.schedule();
  }

  /** Adds the agencies of the reports that differ between `before` and `after` to those to tell. */
  private collect(before: readonly ReportSummary[] | undefined, after: readonly ReportSummary[] | undefined): void {
    if (before === after) return;
    const was = new Set((before ?? []).map(fingerprint));
    const is = new Set((after ?? []).map(fingerprint));
    for (const summary of before ?? []) if (summary.agency && !is.has(fingerprint(summary))) this.pending.add(summary.agency);
    for (const summary of after ?? []) if (summary.agency && !was.has(fingerprint(summary))) this.pending.add(summary.agency);
  }

  /** Tells the listeners shortly (once for everything that changes meanwhile). */
  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const [key, before] of this.openBefore) this.collect(before, this.effective(key));
      this.openBefore.clear();
      if (this.pending.size === 0) return;
      const agencies = this.pending;
      this.pending = new Set();
      try {
        this.host.changed(agencies);
      } catch (error) {
        this.host.logError('govreport: re-checking after an index change failed', error);
      }
    }, NOTIFY_DELAY_MS);
  }
}

/**
 * `govreport.server.listReports`: (uri of a report | { uri } | { agency }) → { agency, reports } with
 * the agency as written and its reports by year; an empty list when the document names no agency.
 */
export async function listReports(index: WorkspaceIndex, argument: unknown): Promise<{ agency: string | null; reports: ListedReport[] }> {
  // A list right after start should not miss the files still being read.
  await index.settled(3000);
  const value = argument && typeof argument === 'object' ? (argument as { uri?: unknown; agency?: unknown }) : {};
  const uri = typeof argument === 'string' ? argument : typeof value.uri === 'string' ? value.uri : undefined;
  if (typeof value.agency === 'string' && value.agency.trim() !== '') {
    const key = normalizeAgency(value.agency);
    return { agency: value.agency.trim(), reports: index.reportsOf(key) };
  }
  const summary = uri !== undefined ? index.get(uri) : null;
  if (!summary?.agency) return { agency: summary?.agencyLabel ?? null, reports: [] };
  return { agency: summary.agencyLabel, reports: index.reportsOf(summary.agency) };
}
