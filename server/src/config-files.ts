// The language server's side of `.govreportrc.json` (Node only: it reads files): finds the config files
// that apply to a document (its folder and every folder above, up to the filesystem root or a file with
// `"root": true`), reads each once and keeps it until the client reports a change of it
// (workspace/didChangeWatchedFiles, glob CONFIG_WATCH_GLOB registered next to the report files' one),
// and publishes the problems found in a config file as diagnostics on that file. Resolution itself is
// pure and shared with the CLI (service/config.ts).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CONFIG_FILE_NAME,
  folderChain,
  parseConfig,
  resolveConfig,
  type ConfigLayer,
  type ConfigProblem,
  type ParsedConfig,
  type ResolvedConfig,
} from './service/config';
import { listRules } from './service/analyze';
import type { Locale } from './service/types';

export const CONFIG_WATCH_GLOB = `**/${CONFIG_FILE_NAME}`;

export interface ConfigHost {
  logError(message: string, error?: unknown): void;
  /** Show a config file's problems (an empty list clears them). */
  publish(uri: string, problems: ConfigProblem[]): void;
  locale(): Locale;
}

const knownRules: ReadonlySet<string> = new Set(listRules().map((rule) => rule.id));

export class ConfigFiles {
  /** Config file path → its parsed contents, or null when there is no such file. */
  private files = new Map<string, Promise<ParsedConfig | null>>();
  /**
   * Document URI → its resolved options, kept until a config file changes: the server asks on every
   * analysis (every keystroke), and walking the folder chain each time made paths and promises for
   * nothing.
   */
  private resolved = new Map<string, Promise<ResolvedConfig | null>>();
  /** Files whose problems are shown, so fixing them clears the diagnostics. */
  private shown = new Set<string>();

  constructor(private readonly host: ConfigHost) {}

  /** The config files' options for a document; null for a document that is not a local file. */
  resolve(uri: string): Promise<ResolvedConfig | null> {
    let resolved = this.resolved.get(uri);
    if (!resolved) {
      resolved = this.resolveChain(uri);
      this.resolved.set(uri, resolved);
      // A failure is not kept: the next analysis tries again.
      resolved.catch(() => {
        if (this.resolved.get(uri) === resolved) this.resolved.delete(uri);
      });
    }
    return resolved;
  }

  /** Forgets a closed document's resolved options. */
  forget(uri: string): void {
    this.resolved.delete(uri);
  }

  private async resolveChain(uri: string): Promise<ResolvedConfig | null> {
    if (!uri.startsWith('file:')) return null;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return null;
    }
    const chain: ConfigLayer[] = [];
    for (const dir of folderChain(file.split(path.sep).join('/'))) {
      // "C:" alone would be the drive's current folder, not its root.
      const native = (/^[a-zA-Z]:$/.test(dir) ? dir + '/' : dir).split('/').join(path.sep) || path.sep;
      const parsed = await this.load(path.join(native, CONFIG_FILE_NAME));
      if (!parsed) continue;
      chain.push({ dir, config: parsed.config });
      if (parsed.config.root) break;
    }
    return chain.length > 0 ? resolveConfig(chain, file.split(path.sep).join('/')) : { rules: {}, ignored: false };
  }

  /** Client file events; true when a config file was among them (open documents must be re-analysed). */
  filesChanged(changes: readonly { uri: string; type: number }[]): boolean {
    let any = false;
    for (const change of changes) {
      if (typeof change?.uri !== 'string' || !change.uri.startsWith('file:')) continue;
      let file: string;
      try {
        file = fileURLToPath(change.uri);
      } catch {
        continue;
      }
      if (path.basename(file) === CONFIG_FILE_NAME) {
        this.files.delete(file);
        any = true;
        // A deleted file's problems go with it; a changed one is shown again when it is read.
        if (change.type === 3 && this.shown.delete(file)) this.host.publish(change.uri, []);
      } else if (change.type === 3) {
        // A deleted folder takes its config files along.
        for (const known of [...this.files.keys()]) {
          if (known.startsWith(file + path.sep)) {
            this.files.delete(known);
            any = true;
          }
        }
      }
    }
    // Resolved options may rest on any of the files: resolve anew.
    if (any) this.resolved.clear();
    return any;
  }

  private load(file: string): Promise<ParsedConfig | null> {
    let loaded = this.files.get(file);
    if (!loaded) {
      loaded = this.read(file);
      this.files.set(file, loaded);
    }
    return loaded;
  }

  private async read(file: string): Promise<ParsedConfig | null> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.host.logError(`govreport: reading ${file} failed`, error);
      return null;
    }
    const parsed = parseConfig(text, knownRules, this.host.locale());
    if (parsed.problems.length > 0 || this.shown.has(file)) {
      if (parsed.problems.length > 0) this.shown.add(file);
      else this.shown.delete(file);
      try {
        this.host.publish(pathToFileURL(file).href, parsed.problems);
      } catch (error) {
        this.host.logError(`govreport: publishing the problems of ${file} failed`, error);
      }
    }
    return parsed;
  }
}
