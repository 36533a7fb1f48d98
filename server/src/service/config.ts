// The configuration file `.govreportrc.json`: reading its JSON text into a checked config (with the
// problems found in it) and resolving the chain of config files that applies to a report into the
// options it is analysed with. Pure: the server and the CLI find and read the files, this module only
// sees their texts and paths.
//
// Precedence, highest first: an inline comment in the report (suppress.ts) > the config files (the
// nearest folder's file wins over the files further up; within one file the `overrides` win over its
// `rules`, later overrides over earlier ones) > the editor settings (`govreport.rules`, `govreport.format`)
// > each rule's default severity.
import { minimatch } from 'minimatch';
import type { FormatId, Range, SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.govreportrc.json';

const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];
const FORMATS: readonly string[] = ['auto', '2019', '2021'];

export interface ConfigOverride {
  files: string[];
  rules: Record<string, SeveritySetting>;
  format?: 'auto' | FormatId;
}

export interface GovreportConfig {
  root: boolean;
  rules: Record<string, SeveritySetting>;
  overrides: ConfigOverride[];
  ignore: string[];
  format?: 'auto' | FormatId;
}

export interface ConfigProblem {
  message: string;
  /** Where in the file; the start of the file when it cannot be told. */
  range: Range;
}

export interface ParsedConfig {
  /** What could be used (invalid entries left out); an empty config when the JSON is broken. */
  config: GovreportConfig;
  problems: ConfigProblem[];
}

/** One config file of a report's chain: its folder (absolute, "/" separators) and its contents. */
export interface ConfigLayer {
  dir: string;
  config: GovreportConfig;
}

export interface ResolvedConfig {
  /** The rule severities of the config files only (merge them over the editor settings). */
  rules: Record<string, SeveritySetting>;
  format?: 'auto' | FormatId;
  /** A glob of an `ignore` list matches the report: it is not analysed at all. */
  ignored: boolean;
}

function emptyConfig(): GovreportConfig {
  return { root: false, rules: {}, overrides: [], ignore: [] };
}

function positionAt(text: string, offset: number): Range['start'] {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: Math.max(0, Math.min(offset, text.length) - start) };
}

/** The range of a key or string value as written (its first occurrence after `from`), else the file's start. */
function locate(text: string, literal: string, from = 0): Range {
  const quoted = JSON.stringify(literal);
  const at = text.indexOf(quoted, from);
  if (at < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: positionAt(text, at), end: positionAt(text, at + quoted.length) };
}

function parseError(text: string, error: unknown, en: boolean): ConfigProblem {
  const message = error instanceof Error ? error.message : String(error);
  // V8 names the offset ("at position 12") or the line and column ("(line 2 column 3)").
  let offset = 0;
  const position = /position (\d+)/.exec(message);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const lines = text.split('\n');
    const line = Math.min(Number(lineColumn[1]) - 1, lines.length - 1);
    const character = Number(lineColumn[2]) - 1;
    return {
      message: en ? `Not valid JSON: ${message}` : `不是有效的 JSON：${message}`,
      range: { start: { line, character }, end: { line, character: character + 1 } },
    };
  }
  if (position) offset = Number(position[1]);
  const start = positionAt(text, offset);
  return { message: en ? `Not valid JSON: ${message}` : `不是有效的 JSON：${message}`, range: { start, end: { line: start.line, character: start.character + 1 } } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads a config file's text. Never throws: broken JSON gives an empty config and one problem; an
 * unknown rule id, a bad severity or a wrongly typed field is left out and reported, the rest is used.
 */
export function parseConfig(text: string, knownRules: ReadonlySet<string>, locale: 'zh-CN' | 'en' = 'zh-CN'): ParsedConfig {
  const en = locale === 'en';
  const problems: ConfigProblem[] = [];
  const config = emptyConfig();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    return { config, problems: [parseError(text, error, en)] };
  }
  if (!isObject(raw)) {
    return { config, problems: [{ message: en ? 'The configuration must be a JSON object' : '配置必须是一个 JSON 对象', range: locate(text, '') }] };
  }
  const problem = (message: string, literal: string) => problems.push({ message, range: locate(text, literal) });

  const readRules = (value: unknown, into: Record<string, SeveritySetting>, where: string) => {
    if (value === undefined) return;
    if (!isObject(value)) {
      problem(en ? `"${where}" must be an object of rule id → severity` : `“${where}”应为“规则名 → 级别”的对象`, where);
      return;
    }
    for (const [id, severity] of Object.entries(value)) {
      if (!knownRules.has(id)) {
        problem(en ? `Unknown rule id ${id}` : `未知的规则名 ${id}`, id);
        continue;
      }
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
        problem(
          en ? `Severity of ${id} must be one of off, info, warning, error` : `${id} 的级别应为 off、info、warning、error 之一`,
          typeof severity === 'string' ? severity : id,
        );
        continue;
      }
      into[id] = severity as SeveritySetting;
    }
  };
  const readGlobs = (value: unknown, where: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((glob) => typeof glob !== 'string' || glob.trim() === '')) {
      problem(en ? `"${where}" must be a list of glob patterns` : `“${where}”应为 glob 模式的列表`, where);
      return Array.isArray(value) ? value.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : [];
    }
    return value as string[];
  };
  const readFormat = (value: unknown): 'auto' | FormatId | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && FORMATS.includes(value)) return value as 'auto' | FormatId;
    problem(en ? '"format" must be "auto", "2019" or "2021"' : '“format”应为 "auto"、"2019" 或 "2021"', 'format');
    return undefined;
  };

  for (const key of Object.keys(raw)) {
    if (!['$schema', 'root', 'rules', 'overrides', 'ignore', 'format'].includes(key)) {
      problem(en ? `Unknown setting "${key}"` : `未知的配置项“${key}”`, key);
    }
  }
  if (raw.root !== undefined) {
    if (typeof raw.root === 'boolean') config.root = raw.root;
    else problem(en ? '"root" must be true or false' : '“root”应为 true 或 false', 'root');
  }
  readRules(raw.rules, config.rules, 'rules');
  config.ignore = readGlobs(raw.ignore, 'ignore');
  const format = readFormat(raw.format);
  if (format) config.format = format;
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides)) {
      problem(en ? '"overrides" must be a list' : '“overrides”应为列表', 'overrides');
    } else {
      for (const entry of raw.overrides) {
        if (!isObject(entry)) {
          problem(en ? 'Each override must be an object with "files" and "rules"' : '每个 override 应为含 “files” 和 “rules” 的对象', 'overrides');
          continue;
        }
        const files = readGlobs(entry.files, 'files');
        if (files.length === 0) {
          if (entry.files === undefined) problem(en ? 'An override needs "files"' : 'override 缺少 “files”', 'overrides');
          continue;
        }
        const override: ConfigOverride = { files, rules: {} };
        readRules(entry.rules, override.rules, 'rules');
        const overrideFormat = readFormat(entry.format);
        if (overrideFormat) override.format = overrideFormat;
        config.overrides.push(override);
      }
    }
  }
  return { config, problems };
}

// ---------------------------------------------------------------------------------------------------
// Resolution

/** Without the "/" at its end (a loop, not /\/+$/, which backtracks on long runs of slashes). */
function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}

/** "/a/b" and "/a/b/c/d.txt" → "c/d.txt"; null when the file is not under the folder. */
export function relativeTo(dir: string, file: string): string | null {
  const base = trimTrailingSlashes(dir.replace(/\\/g, '/'));
  const path = file.replace(/\\/g, '/');
  if (base === '') return path.replace(/^\/+/, '');
  // Windows drive letters come in either case.
  const same = (a: string, b: string) => a === b || (/^[a-zA-Z]:/.test(a) && a.toLowerCase() === b.toLowerCase());
  if (!same(path.slice(0, base.length), base) || path.charAt(base.length) !== '/') return null;
  return path.slice(base.length + 1);
}

/**
 * Whether a glob matches a path relative to the config file's folder. A glob without "/" matches the
 * file's name at any depth (as in .gitignore: "*草稿*" catches drafts in every subfolder); one with "/"
 * matches the relative path from the config file's folder ("2019/**").
 */
export function globMatches(glob: string, relativePath: string): boolean {
  const pattern = glob.replace(/^\.\//, '');
  const options = { dot: true, matchBase: !pattern.includes('/'), nocomment: true };
  if (minimatch(relativePath, pattern, options)) return true;
  // "drafts/" or "drafts" naming a folder: everything under it.
  const folder = trimTrailingSlashes(pattern);
  return !folder.includes('*') && (relativePath.startsWith(folder + '/') || ('/' + relativePath).includes('/' + folder + '/'));
}

/**
 * The options the config files give a report. `chain` is nearest first (the report's own folder's file,
 * then its parents' up to and including one with `"root": true`); `file` is the report's absolute path
 * with "/" separators. Files further up apply first, nearer ones over them.
 */
export function resolveConfig(chain: readonly ConfigLayer[], file: string): ResolvedConfig {
  const resolved: ResolvedConfig = { rules: {}, ignored: false };
  for (let i = chain.length - 1; i >= 0; i--) {
    const { dir, config } = chain[i];
    const relative = relativeTo(dir, file);
    if (config.format) resolved.format = config.format;
    Object.assign(resolved.rules, config.rules);
    if (relative === null) continue; // stdin or a file outside the folder: only the plain settings apply
    if (config.ignore.some((glob) => globMatches(glob, relative))) resolved.ignored = true;
    for (const override of config.overrides) {
      if (!override.files.some((glob) => globMatches(glob, relative))) continue;
      Object.assign(resolved.rules, override.rules);
      if (override.format) resolved.format = override.format;
    }
  }
  return resolved;
}

/** The folders to look in for config files, from the report's folder up to the root ("/" separators). */
export function folderChain(file: string): string[] {
  const path = file.replace(/\\/g, '/');
  const dirs: string[] = [];
  let dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  for (;;) {
    dirs.push(dir === '' ? '/' : dir);
    const slash = dir.lastIndexOf('/');
    if (slash < 0 || dir === '' || /^[a-zA-Z]:$/.test(dir)) break;
    dir = dir.slice(0, slash);
    if (dir === '' && dirs[dirs.length - 1] === '/') break;
  }
  return dirs;
}
