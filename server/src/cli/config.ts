// `.govreportrc.json` for `govreport check` and `fix`: for each file, the config files in its folder and
// the folders above (up to the filesystem root or a file with `"root": true`), or only the file given
// with `--config`, or none with `--no-config`. Each config file is read once per run; its problems are
// printed once, as warnings on stderr, and the valid rest of it is used. Resolution is the service's
// (service/config.ts), the same as the language server's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listRules } from '../service/analyze';
import {
  CONFIG_FILE_NAME,
  folderChain,
  parseConfig,
  resolveConfig,
  type ConfigLayer,
  type ParsedConfig,
  type ResolvedConfig,
} from '../service/config';
import type { Locale } from '../service/types';
import { describeError, displayPath, type Input } from './files';

export type ConfigMode = { kind: 'lookup' } | { kind: 'none' } | { kind: 'file'; path: string };

const knownRules: ReadonlySet<string> = new Set(listRules().map((rule) => rule.id));

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

export class CliConfig {
  private files = new Map<string, ParsedConfig | null>();
  /** Set when the file named by --config cannot be read (a usage problem: exit status 2). */
  failed = false;

  constructor(
    private readonly mode: ConfigMode,
    private readonly locale: Locale,
    private readonly warn: (line: string) => void,
    private readonly cwd: string = process.cwd(),
  ) {}

  /** The config files' options for an input (stdin: the config files of the current folder, without its globs). */
  optionsFor(input: Input): ResolvedConfig {
    if (this.mode.kind === 'none') return { rules: {}, ignored: false };
    const file = input.kind === 'file' ? toPosix(input.absolutePath) : null;
    const chain: ConfigLayer[] = [];
    if (this.mode.kind === 'file') {
      const configPath = path.resolve(this.cwd, this.mode.path);
      const parsed = this.load(configPath, true);
      if (parsed) chain.push({ dir: toPosix(path.dirname(configPath)), config: parsed.config });
    } else {
      const start = file ?? toPosix(path.join(this.cwd, '-'));
      for (const dir of folderChain(start)) {
        const native = (/^[a-zA-Z]:$/.test(dir) ? dir + '/' : dir).split('/').join(path.sep) || path.sep;
        const parsed = this.load(path.join(native, CONFIG_FILE_NAME), false);
        if (!parsed) continue;
        chain.push({ dir, config: parsed.config });
        if (parsed.config.root) break;
      }
    }
    if (chain.length === 0) return { rules: {}, ignored: false };
    // A path under no folder: only the plain rules and format apply to stdin.
    return resolveConfig(chain, file ?? '\0stdin');
  }

  private load(file: string, required: boolean): ParsedConfig | null {
    if (this.files.has(file)) return this.files.get(file) ?? null;
    let parsed: ParsedConfig | null = null;
    try {
      const text = fs.readFileSync(file, 'utf8');
      parsed = parseConfig(text, knownRules, this.locale);
      const shown = displayPath(path.relative(this.cwd, file) || file);
      for (const problem of parsed.problems) {
        const at = `${shown}:${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
        this.warn(this.locale === 'en' ? `govreport: warning: ${at}: ${problem.message}` : `govreport：警告：${at}：${problem.message}`);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (required || (code !== 'ENOENT' && code !== 'ENOTDIR')) {
        const shown = displayPath(path.relative(this.cwd, file) || file);
        this.warn(
          this.locale === 'en'
            ? `govreport: cannot read the configuration file ${shown}: ${describeError(error)}`
            : `govreport：无法读取配置文件 ${shown}：${describeError(error)}`,
        );
        if (required) this.failed = true;
      }
    }
    this.files.set(file, parsed);
    return parsed;
  }
}
