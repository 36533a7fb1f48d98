// Parsing the command line. No dependencies: options are few and the grammar is plain.
import type { Locale } from '../service/types';
import type { ConfigMode } from './config';
import { parseLocale } from './messages';

export type OutputFormat = 'text' | 'json' | 'sarif';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; format: OutputFormat; locale?: Locale; paths: string[]; config: ConfigMode }
  | { kind: 'fix'; dryRun: boolean; locale?: Locale; paths: string[]; config: ConfigMode }
  | { kind: 'extract'; format: ExtractFormat; bom: boolean; locale?: Locale; paths: string[]; config: ConfigMode };

export type ExtractFormat = 'csv' | 'json';
const EXTRACT_FORMATS: readonly ExtractFormat[] = ['csv', 'json'];

export type UsageError =
  | { kind: 'unknown-command'; value: string }
  | { kind: 'unknown-option'; value: string }
  | { kind: 'missing-value'; option: string }
  | { kind: 'bad-value'; option: string; value: string; allowed: string }
  | { kind: 'no-command' }
  | { kind: 'no-paths' };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: UsageError; locale?: Locale };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

export function parseArgs(argv: readonly string[]): ParseResult {
  // --help and --version win wherever they are (before a "--").
  const optionsPart = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (optionsPart.some((a) => a === '--help' || a === '-h')) return { ok: true, command: { kind: 'help' } };
  if (optionsPart.some((a) => a === '--version' || a === '-v' || a === '-V')) return { ok: true, command: { kind: 'version' } };

  const [name, ...rest] = argv;
  if (name === undefined) return { ok: false, error: { kind: 'no-command' } };
  if (name === 'help') return { ok: true, command: { kind: 'help' } };
  if (name === 'version') return { ok: true, command: { kind: 'version' } };
  if (name !== 'check' && name !== 'fix' && name !== 'extract') {
    return { ok: false, error: name.startsWith('-') ? { kind: 'unknown-option', value: name } : { kind: 'unknown-command', value: name } };
  }

  let format: OutputFormat = 'text';
  let locale: Locale | undefined;
  let dryRun = false;
  let extractFormat: ExtractFormat = 'csv';
  let bom = false;
  // .govreportrc.json: looked up from each file's folder unless --config names one or --no-config.
  let config: ConfigMode = { kind: 'lookup' };
  const paths: string[] = [];
  let error: UsageError | undefined;

  for (let i = 0; i < rest.length && !error; i++) {
    const arg = rest[i];
    if (arg === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const option = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string | undefined => {
      if (eq > 0) return arg.slice(eq + 1);
      if (i + 1 < rest.length) return rest[++i];
      error = { kind: 'missing-value', option };
      return undefined;
    };
    if (option === '--format' && name === 'check') {
      const value = takeValue();
      if (value === undefined) break;
      if (!(FORMATS as readonly string[]).includes(value)) {
        error = { kind: 'bad-value', option, value, allowed: FORMATS.join('|') };
      } else format = value as OutputFormat;
    } else if (option === '--locale') {
      const value = takeValue();
      if (value === undefined) break;
      const parsed = parseLocale(value);
      if (!parsed) error = { kind: 'bad-value', option, value, allowed: 'zh-CN|en' };
      else locale = parsed;
    } else if (option === '--format' && name === 'extract') {
      const value = takeValue();
      if (value === undefined) break;
      if (!(EXTRACT_FORMATS as readonly string[]).includes(value)) {
        error = { kind: 'bad-value', option, value, allowed: EXTRACT_FORMATS.join('|') };
      } else extractFormat = value as ExtractFormat;
    } else if (arg === '--bom' && name === 'extract') {
      bom = true;
    } else if (arg === '--dry-run' && name === 'fix') {
      dryRun = true;
    } else if (option === '--config') {
      const value = takeValue();
      if (value === undefined) break;
      if (value === '') error = { kind: 'missing-value', option };
      else config = { kind: 'file', path: value };
    } else if (arg === '--no-config') {
      config = { kind: 'none' };
    } else {
      error = { kind: 'unknown-option', value: arg };
    }
  }
  if (error) return { ok: false, error, locale };
  if (paths.length === 0) return { ok: false, error: { kind: 'no-paths' }, locale };
  return {
    ok: true,
    command:
      name === 'check'
        ? { kind: 'check', format, locale, paths, config }
        : name === 'extract'
          ? { kind: 'extract', format: extractFormat, bom, locale, paths, config }
          : { kind: 'fix', dryRun, locale, paths, config },
  };
}
