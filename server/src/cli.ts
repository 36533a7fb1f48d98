// The command line, bin name `govreport`: `check` and `fix`. This file parses argv and wires the
// helpers in ./cli/ to the language service; everything that can be tested alone lives there.
import * as fs from 'node:fs';
import { analyze, analyzeReport, listRules } from './service/analyze';
import type { Report } from './service/model';
import type { AnalysisResult, Diagnostic, Locale } from './service/types';
import { parseArgs, type UsageError } from './cli/args';
import { decodeBuffer, encodeText, type DecodedText } from './cli/decode';
import { unifiedDiff } from './cli/diff';
import { fixText } from './cli/edits';
import { collectInputs, describeError, type Input } from './cli/files';
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
}

/** Reads and decodes each input; unreadable ones are reported on stderr and left out. */
async function load(inputs: readonly Input[], text: Messages): Promise<{ loaded: Loaded[]; failed: boolean }> {
  const loaded: Loaded[] = [];
  let failed = false;
  for (const input of inputs) {
    try {
      const bytes = input.kind === 'stdin' ? await readStdin() : fs.readFileSync(input.absolutePath);
      loaded.push({ input, bytes, decoded: decodeBuffer(bytes) });
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

function collect(paths: readonly string[], text: Messages): { inputs: Input[]; failed: boolean } {
  const { inputs, errors } = collectInputs(paths);
  for (const error of errors) process.stderr.write(text.cannotRead(error.path, error.reason) + '\n');
  return { inputs, failed: errors.length > 0 };
}

function safeAnalyze(source: string, locale: Locale, path: string): AnalysisResult | Error {
  try {
    return analyze(source, { locale });
  } catch (error) {
    return error instanceof Error ? error : new Error(`${path}: ${String(error)}`);
  }
}

/** As safeAnalyze, keeping the parsed report for the workspace rules. */
function safeAnalyzeReport(source: string, locale: Locale, path: string): { report: Report | null; result: AnalysisResult } | Error {
  try {
    return analyzeReport(source, { locale });
  } catch (error) {
    return error instanceof Error ? error : new Error(`${path}: ${String(error)}`);
  }
}

function reportInternalError(path: string, error: Error): void {
  process.stderr.write(`govreport: ${path}: ${error.stack ?? error.message}\n`);
}

async function check(format: 'text' | 'json' | 'sarif', locale: Locale, paths: readonly string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  const text = messages(locale);
  const collected = collect(paths, text);
  const { loaded, failed } = await load(collected.inputs, text);
  let broken = collected.failed || failed;
  const files: CheckedFile[] = [];
  const workspace: WorkspaceFile[] = [];
  const workspaceError = (path: string, error: unknown) => {
    reportInternalError(path, error instanceof Error ? error : new Error(String(error)));
    broken = true;
  };
  for (const { input, decoded } of loaded) {
    const analysed = safeAnalyzeReport(decoded.text, locale, input.path);
    if (analysed instanceof Error) {
      reportInternalError(input.path, analysed);
      broken = true;
      continue;
    }
    const { report, result } = analysed;
    files.push({ path: input.path, absolutePath: input.kind === 'file' ? input.absolutePath : undefined, result });
    workspace.push({ path: input.path, summary: summarizeFile(input.path, report, workspaceError), result });
  }
  // All files of the run form the workspace: carry-over and similarity across them.
  addWorkspaceFindings(workspace, locale, workspaceError);
  let output: string;
  if (format === 'json') output = formatJson(files);
  else if (format === 'sarif') output = formatSarif(files, { version: VERSION, rules: listRules(), locale });
  else output = formatText(files, locale, useColor(process.stdout, env));
  process.stdout.write(output);
  if (broken) return 2;
  return countFindings(files).errors > 0 ? 1 : 0;
}

async function fix(dryRun: boolean, locale: Locale, paths: readonly string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  const text = messages(locale);
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

  for (const { input, bytes, decoded } of loaded) {
    const original = safeAnalyze(decoded.text, locale, input.path);
    if (original instanceof Error) {
      reportInternalError(input.path, original);
      broken = true;
      if (input.kind === 'stdin' && !dryRun) process.stdout.write(bytes);
      continue;
    }
    let outcome: ReturnType<typeof fixText>;
    let final: AnalysisResult;
    try {
      outcome = fixText(decoded.text, (current) => (current === decoded.text ? original : analyze(current, { locale })).diagnostics);
      final = outcome.text === decoded.text ? original : analyze(outcome.text, { locale });
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

  if (broken) return 2;
  return countFindings(remaining).errors > 0 ? 1 : 0;
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
      return check(command.format, command.locale ?? localeFromEnv(env), command.paths, env);
    case 'fix':
      return fix(command.dryRun, command.locale ?? localeFromEnv(env), command.paths, env);
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
