// The command line, bin name `govreport`: `check` and `fix`. This file parses argv and wires the
// helpers in ./cli/ to the language service; everything that can be tested alone lives there.
import * as fs from 'node:fs';
import { analyze, analyzeReport, listRules, suppressFindings } from './service/analyze';
import type { AnalysisResult, AnalyzeOptions, Diagnostic, Locale } from './service/types';
import { CliConfig, type ConfigMode } from './cli/config';
import { parseArgs, type ExtractFormat, type UsageError } from './cli/args';
import { decodeBuffer, encodeText, type DecodedText } from './cli/decode';
import { unifiedDiff } from './cli/diff';
import { fixText } from './cli/edits';
import { collectInputs, describeError, REPORT_EXTENSIONS, type Input } from './cli/files';
import { cannotFixConverted, convertInput, CONVERTED_EXTENSIONS, inputKind, mapFindings, type ConvertedFile, type ConvertedInput } from './cli/inputs';
import { ExtractWriter, ProgressBar, recordValues } from './cli/extract';
import { analyzeDocument } from './service/document';
import { localeFromEnv, messages, parseLocale, type Messages } from './cli/messages';
import { addWorkspaceFindings, summarizeFile, type WorkspaceFile } from './cli/workspace';
import {
  countFindings,
  formatDiagnosticLine,
  formatJson,
  formatSarif,
  formatSummary,
  formatText,
  type CheckedFile,
} from './cli/report';

// Bundled by esbuild at build time; server/package.json is the published package's own manifest.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../package.json') as { version: string }).version;

type Exit = 0 | 1 | 2;

function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

interface Loaded {
  input: Input;
  bytes: Buffer;
  decoded: DecodedText;
  /** A web page or Word file: `decoded.text` is then the report text made of it (cli/inputs.ts). */
  converted?: ConvertedInput;
}

/** Reads one input; a web page or Word file (by its name) is converted into report text. */
async function loadOne(input: Input): Promise<Loaded> {
  const bytes = input.kind === 'stdin' ? await readStdin() : fs.readFileSync(input.absolutePath);
  const converted = input.kind === 'file' ? await convertInput(inputKind(input.path), bytes) : null;
  if (converted) return { input, bytes, decoded: { text: converted.text, encoding: 'utf-8' }, converted };
  return { input, bytes, decoded: decodeBuffer(bytes) };
}

/** Reads and decodes each input; unreadable ones are reported on stderr and left out. */
async function load(inputs: readonly Input[], text: Messages): Promise<{ loaded: Loaded[]; failed: boolean }> {
  const loaded: Loaded[] = [];
  let failed = false;
  for (const input of inputs) {
    try {
      loaded.push(await loadOne(input));
    } catch (error) {
      process.stderr.write(text.cannotRead(input.path, describeError(error)) + '\n');
      failed = true;
    }
  }
  return { loaded, failed };
}

function usageError(error: UsageError, text: Messages): Exit {
  let line: string;
  switch (error.kind) {
    case 'unknown-command':
      line = text.unknownCommand(error.value);
      break;
    case 'unknown-option':
      line = text.unknownOption(error.value);
      break;
    case 'missing-value':
      line = text.missingValue(error.option);
      break;
    case 'bad-value':
      line = text.badValue(error.option, error.value, error.allowed);
      break;
    case 'no-paths':
      line = text.noPaths;
      break;
    case 'no-command':
      line = '';
      break;
  }
  process.stderr.write((line ? line + '\n\n' : '') + text.usage);
  return 2;
}

function collect(paths: readonly string[], text: Messages, extensions: RegExp = REPORT_EXTENSIONS): { inputs: Input[]; failed: boolean } {
  const { inputs, errors } = collectInputs(paths, process.cwd(), extensions);
  for (const error of errors) process.stderr.write(text.cannotRead(error.path, error.reason) + '\n');
  return { inputs, failed: errors.length > 0 };
}

function safeAnalyze(source: string, options: AnalyzeOptions, path: string): AnalysisResult | Error {
  try {
    return analyze(source, options);
  } catch (error) {
    return error instanceof Error ? error : new Error(`${path}: ${String(error)}`);
  }
}

/** As safeAnalyze, keeping the parsed report for the workspace rules. */
function safeAnalyzeReport(source: string, options: AnalyzeOptions, path: string): ReturnType<typeof analyzeReport> | Error {
  try {
    return analyzeReport(source, options);
  } catch (error) {
    return error instanceof Error ? error : new Error(`${path}: ${String(error)}`);
  }
}

function reportInternalError(path: string, error: Error): void {
  process.stderr.write(`govreport: ${path}: ${error.stack ?? error.message}\n`);
}

/** The options of one file: the config files' rules and format over the defaults (cli/config.ts). */
function fileOptions(configs: CliConfig, input: Input, locale: Locale): { options: AnalyzeOptions; ignored: boolean } {
  const config = configs.optionsFor(input);
  return { options: { locale, rules: config.rules, ...(config.format ? { format: config.format } : {}) }, ignored: config.ignored };
}

async function check(
  format: 'text' | 'json' | 'sarif',
  locale: Locale,
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  configMode: ConfigMode = { kind: 'lookup' },
): Promise<Exit> {
  const text = messages(locale);
  const configs = new CliConfig(configMode, locale, (line) => process.stderr.write(line + '\n'));
  // Inline suppression comments take effect once the workspace rules' findings are in (below).
  const suppress: { result: AnalysisResult; source: string; options: AnalyzeOptions }[] = [];
  const converted: ConvertedFile[] = [];
  const collected = collect(paths, text, CONVERTED_EXTENSIONS);
  const { loaded, failed } = await load(collected.inputs, text);
  let broken = collected.failed || failed;
  const files: CheckedFile[] = [];
  const workspace: WorkspaceFile[] = [];
  const workspaceError = (path: string, error: unknown) => {
    reportInternalError(path, error instanceof Error ? error : new Error(String(error)));
    broken = true;
  };
  for (const { input, decoded, converted: source } of loaded) {
    const { options, ignored } = fileOptions(configs, input, locale);
    if (ignored) continue; // an ignore glob of a .govreportrc.json
    const analysed = safeAnalyzeReport(decoded.text, { ...options, suppressions: false }, input.path);
    if (analysed instanceof Error) {
      reportInternalError(input.path, analysed);
      broken = true;
      continue;
    }
    const { result } = analysed;
    const locations = source ? new Map<Diagnostic, string>() : undefined;
    files.push({ path: input.path, absolutePath: input.kind === 'file' ? input.absolutePath : undefined, result, locations, input: source?.kind });
    if (source && locations) converted.push({ path: input.path, converted: source, result, locations });
    workspace.push({ path: input.path, summaries: summarizeFile(input.path, analysed.reports, workspaceError), result, rules: options.rules });
    suppress.push({ result, source: decoded.text, options });
  }
  // All files of the run form the workspace: carry-over and similarity across them.
  addWorkspaceFindings(workspace, locale, workspaceError);
  const workspaceChecked = workspace.reduce((count, file) => count + file.summaries.length, 0) >= 2;
  for (const { result, source, options } of suppress) {
    result.diagnostics = suppressFindings(source, result.diagnostics, { ...options, isReport: result.format !== null, workspaceChecked });
  }
  // Web pages and Word files: findings move from their report text to the page's source, by name.
  mapFindings(converted, locale);
  if (configs.failed) broken = true;
  let output: string;
  if (format === 'json') output = formatJson(files);
  else if (format === 'sarif') output = formatSarif(files, { version: VERSION, rules: listRules(), locale });
  else output = formatText(files, locale, useColor(process.stdout, env));
  process.stdout.write(output);
  if (broken) return 2;
  return countFindings(files).errors > 0 ? 1 : 0;
}

async function fix(
  dryRun: boolean,
  locale: Locale,
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  configMode: ConfigMode = { kind: 'lookup' },
): Promise<Exit> {
  const text = messages(locale);
  const configs = new CliConfig(configMode, locale, (line) => process.stderr.write(line + '\n'));
  const collected = collect(paths, text);
  const { loaded, failed } = await load(collected.inputs, text);
  let broken = collected.failed || failed;
  // The fixed text (stdin) or the diff (--dry-run) owns stdout; the report then goes to stderr.
  const ownsStdout = dryRun || loaded.some(({ input }) => input.kind === 'stdin');
  const reportStream = ownsStdout ? process.stderr : process.stdout;
  const color = useColor(reportStream, env);
  const report: string[] = [];
  const remaining: CheckedFile[] = [];
  let fixedTotal = 0;
  let fixedFiles = 0;

  for (const { input, bytes, decoded, converted } of loaded) {
    if (converted) {
      // An edit of the report text made of a page is no edit of the page: check it, convert it to fix it.
      process.stderr.write(cannotFixConverted(input.path, locale) + '\n');
      broken = true;
      continue;
    }
    const { options, ignored } = fileOptions(configs, input, locale);
    if (ignored) {
      // Ignored by a .govreportrc.json: left as it is (stdin passes through unchanged).
      if (input.kind === 'stdin' && !dryRun) process.stdout.write(bytes);
      continue;
    }
    const original = safeAnalyze(decoded.text, options, input.path);
    if (original instanceof Error) {
      reportInternalError(input.path, original);
      broken = true;
      if (input.kind === 'stdin' && !dryRun) process.stdout.write(bytes);
      continue;
    }
    let outcome: ReturnType<typeof fixText>;
    let final: AnalysisResult;
    try {
      // Suppressed findings are not fixed, and the suppression comments are never touched.
      outcome = fixText(decoded.text, (current) => (current === decoded.text ? original : analyze(current, options)).diagnostics);
      final = outcome.text === decoded.text ? original : analyze(outcome.text, options);
    } catch (error) {
      reportInternalError(input.path, error instanceof Error ? error : new Error(String(error)));
      broken = true;
      if (input.kind === 'stdin' && !dryRun) process.stdout.write(bytes);
      continue;
    }
    const changed = outcome.text !== decoded.text;
    let after = final;

    if (dryRun) {
      if (changed) process.stdout.write(unifiedDiff(decoded.text, outcome.text, input.path, input.path));
    } else if (input.kind === 'stdin') {
      const encoded = changed ? encodeText(outcome.text, decoded.encoding) : bytes;
      if (encoded) process.stdout.write(encoded);
      else {
        process.stderr.write(text.cannotWriteGb18030(input.path) + '\n');
        process.stdout.write(bytes);
        broken = true;
        after = original;
      }
    } else if (changed) {
      const encoded = encodeText(outcome.text, decoded.encoding);
      if (!encoded) {
        process.stderr.write(text.cannotWriteGb18030(input.path) + '\n');
        broken = true;
        after = original;
      } else {
        try {
          fs.writeFileSync(input.absolutePath, encoded);
        } catch (error) {
          process.stderr.write(text.cannotWrite(input.path, describeError(error)) + '\n');
          broken = true;
          after = original;
        }
      }
    }
    if (changed && after === final) {
      fixedTotal += outcome.fixes;
      fixedFiles++;
      report.push(text.fixed(input.path, outcome.fixes, dryRun));
    }
    remaining.push({ path: input.path, result: after });
  }

  const findings = remaining.flatMap((file) =>
    [...file.result.diagnostics].sort(compareDiagnostics).map((d) => formatDiagnosticLine(file.path, d, color)),
  );
  const lines = [...report, ...(report.length > 0 && findings.length > 0 ? [''] : []), ...findings];
  if (lines.length > 0) lines.push('');
  lines.push(text.fixSummary(fixedTotal, fixedFiles, dryRun));
  lines.push(formatSummary(countFindings(remaining), locale, color));
  reportStream.write(lines.join('\n') + '\n');

  if (broken || configs.failed) return 2;
  return countFindings(remaining).errors > 0 ? 1 : 0;
}

/** Writes to stdout, waiting when the reader is slower than the reports (bounded memory). */
async function writeOut(chunk: string): Promise<void> {
  if (chunk === '' || process.stdout.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      process.stdout.off('drain', done);
      process.stdout.off('close', done);
      resolve();
    };
    process.stdout.on('drain', done);
    process.stdout.on('close', done);
  });
}

/**
 * `govreport extract`: one record per report (a file of several reports gives several), each file read,
 * analysed and written before the next is read. The workspace rules are left out: they would need every
 * report at once. Exit 2 when a file could not be read, 0 otherwise (findings are data here).
 */
async function extract(format: ExtractFormat, bom: boolean, locale: Locale, paths: readonly string[], configMode: ConfigMode = { kind: 'lookup' }): Promise<Exit> {
  const text = messages(locale);
  const configs = new CliConfig(configMode, locale, (line) => process.stderr.write(line + '\n'));
  const collected = collect(paths, text, CONVERTED_EXTENSIONS);
  let broken = collected.failed;
  const writer = new ExtractWriter(format, bom);
  const progress = process.stderr.isTTY ? new ProgressBar(process.stderr, collected.inputs.length) : null;
  await writeOut(writer.start());
  let done = 0;
  for (const input of collected.inputs) {
    progress?.update(done, input.path);
    let loaded: Loaded;
    try {
      loaded = await loadOne(input);
    } catch (error) {
      progress?.done();
      process.stderr.write(text.cannotRead(input.path, describeError(error)) + '\n');
      broken = true;
      done++;
      continue;
    }
    const { options, ignored } = fileOptions(configs, input, locale);
    if (!ignored) {
      try {
        const { reports, result } = analyzeDocument(loaded.decoded.text, options);
        const kind = loaded.converted?.kind ?? 'text';
        // One record per report; a file that is no report gives none, and a note.
        const parts = (reports.length > 0 ? reports.map((part) => part.result) : [result]).filter((part) => part.format !== null);
        if (parts.length === 0) {
          progress?.done();
          process.stderr.write(`${input.path}: ${text.notReport}\n`);
        }
        let chunk = '';
        parts.forEach((part, index) => (chunk += writer.record(recordValues(input.path, index + 1, kind, part))));
        await writeOut(chunk);
      } catch (error) {
        progress?.done();
        reportInternalError(input.path, error instanceof Error ? error : new Error(String(error)));
        broken = true;
      }
    }
    done++;
  }
  progress?.update(done, '');
  progress?.done();
  await writeOut(writer.end());
  return broken || configs.failed ? 2 : 0;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** A --locale given next to --help, so the help can follow it. */
function localeInArgs(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--locale') return parseLocale(argv[i + 1] ?? '');
    if (argv[i].startsWith('--locale=')) return parseLocale(argv[i].slice('--locale='.length));
  }
  return undefined;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return usageError(parsed.error, messages(parsed.locale ?? localeFromEnv(env)));
  const command = parsed.command;
  switch (command.kind) {
    case 'help':
      process.stdout.write(messages(localeInArgs(argv) ?? localeFromEnv(env)).usage);
      return 0;
    case 'version':
      process.stdout.write(VERSION + '\n');
      return 0;
    case 'check':
      return check(command.format, command.locale ?? localeFromEnv(env), command.paths, env, command.config);
    case 'fix':
      return fix(command.dryRun, command.locale ?? localeFromEnv(env), command.paths, env, command.config);
    case 'extract':
      return extract(command.format, command.bom, command.locale ?? localeFromEnv(env), command.paths, command.config);
  }
}

// A closed pipe (`govreport check . | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`govreport: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
