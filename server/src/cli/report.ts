// The three output formats of `govreport check`: text for people, JSON (the shape in
// docs/interfaces) for scripts, SARIF 2.1.0 for code-scanning services.
import { pathToFileURL } from 'node:url';
import type { AnalysisResult, Diagnostic, Locale, RuleMetadata, Severity } from '../service/types';
import { messages, type Counts } from './messages';

export interface CheckedFile {
  /** As shown: as given or joined to the directory given, forward slashes; "-" for stdin. */
  path: string;
  /** Absolute path, for SARIF URIs of files given by absolute path; undefined for stdin. */
  absolutePath?: string;
  result: AnalysisResult;
  /** A web page or Word file read as a report (cli/inputs.ts); absent for text. */
  input?: 'html' | 'docx';
  /** For web pages and Word files: each finding's place by name ("表三 第5行 第3列"). */
  locations?: Map<Diagnostic, string>;
}

export function countFindings(files: readonly CheckedFile[]): Counts {
  const counts: Counts = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  for (const file of files) {
    for (const diagnostic of file.result.diagnostics) {
      if (diagnostic.severity === 'error') counts.errors++;
      else if (diagnostic.severity === 'warning') counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------
// Text

const ansi = {
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
  blue: (s: string) => `\x1b[34m${s}\x1b[39m`,
};
const plain = (s: string) => s;

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character
  );
}

/**
 * `path:line:col: severity rule-id message`, 1-based line and column; `path: 表三 第5行 第3列: …` when a
 * place name is given instead (a Word file, where lines and columns mean nothing).
 */
export function formatDiagnosticLine(path: string, diagnostic: Diagnostic, color = false, place?: string): string {
  const severityColor: Record<Severity, (s: string) => string> = color
    ? { error: ansi.red, warning: ansi.yellow, info: ansi.blue }
    : { error: plain, warning: plain, info: plain };
  const { line, character } = diagnostic.range.start;
  const where = place !== undefined ? `${path}: ${place}:` : `${path}:${line + 1}:${character + 1}:`;
  const message = diagnostic.message.replace(/\s*[\r\n]+\s*/g, ' ');
  // A place in another file (workspace rules: last year's report) is shown so it can be opened.
  const elsewhere = (diagnostic.relatedInformation ?? [])
    .filter((info) => info.uri !== undefined)
    .map((info) => ` → ${info.uri}:${info.range.start.line + 1}:${info.range.start.character + 1}`)
    .join('');
  return `${color ? ansi.bold(where) : where} ${severityColor[diagnostic.severity](diagnostic.severity)} ${
    color ? ansi.dim(diagnostic.rule) : diagnostic.rule
  } ${message}${color && elsewhere ? ansi.dim(elsewhere) : elsewhere}`;
}

export function formatSummary(counts: Counts, locale: Locale, color = false): string {
  const summary = messages(locale).summary(counts);
  if (!color) return summary;
  return counts.errors > 0 ? ansi.bold(ansi.red(summary)) : counts.warnings > 0 ? ansi.bold(ansi.yellow(summary)) : ansi.bold(summary);
}

/** One block per file with findings (or not recognised as a report), then the summary line. */
export function formatText(files: readonly CheckedFile[], locale: Locale, color = false): string {
  const text = messages(locale);
  let out = '';
  let previousHadFindings = false;
  for (const file of files) {
    const lines: string[] = [];
    if (file.result.format === null) {
      const line = `${file.path}: ${text.notReport}`;
      lines.push(color ? ansi.dim(line) : line);
    }
    for (const diagnostic of [...file.result.diagnostics].sort(byPosition)) {
      lines.push(formatDiagnosticLine(file.path, diagnostic, color, file.input === 'docx' ? file.locations?.get(diagnostic) : undefined));
    }
    if (lines.length === 0) continue;
    // Files with findings are set apart by a blank line; "not recognised" notes stay together.
    const hasFindings = file.result.diagnostics.length > 0;
    if (out && (hasFindings || previousHadFindings)) out += '\n';
    out += lines.join('\n') + '\n';
    previousHadFindings = hasFindings;
  }
  const summary = formatSummary(countFindings(files), locale, color) + '\n';
  return out ? out + '\n' + summary : summary;
}

// ---------------------------------------------------------------------------------------------------
// JSON

export interface JsonDiagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: Diagnostic['range'];
  href?: string;
  /** Web pages and Word files only: the place by name, "表三 第5行 第3列" or "第12段". */
  location?: string;
  /** Places in other files of the run (the workspace rules' last-year report), by their path as shown. */
  relatedInformation?: { path: string; range: Diagnostic['range']; message: string }[];
}

export interface JsonReport {
  version: 1;
  files: Array<{
    path: string;
    format: AnalysisResult['format'];
    year: number | null;
    /** Only for a web page ("html") or a Word file ("docx"); for "docx", `range` is in the report text made of it. */
    input?: 'html' | 'docx';
    /** Only for a file of several reports: each report's place, agency, year and format. */
    reports?: NonNullable<AnalysisResult['reports']>;
    diagnostics: JsonDiagnostic[];
  }>;
}

export function toJson(files: readonly CheckedFile[]): JsonReport {
  return {
    version: 1,
    files: files.map((file) => ({
      path: file.path,
      format: file.result.format,
      year: file.result.year,
      ...(file.input ? { input: file.input } : {}),
      ...(file.result.reports ? { reports: file.result.reports } : {}),
      diagnostics: file.result.diagnostics.map((d) => {
        const out: JsonDiagnostic = { rule: d.rule, severity: d.severity, message: d.message, range: d.range };
        if (d.href) out.href = d.href;
        const place = file.locations?.get(d);
        if (place !== undefined) out.location = place;
        // Only places in other files: the shape of every other finding stays as it was.
        const elsewhere = (d.relatedInformation ?? []).filter((info) => info.uri !== undefined);
        if (elsewhere.length > 0) {
          out.relatedInformation = elsewhere.map((info) => ({ path: info.uri!, range: info.range, message: info.message }));
        }
        return out;
      }),
    })),
  };
}

export function formatJson(files: readonly CheckedFile[]): string {
  return JSON.stringify(toJson(files), null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------------
// SARIF 2.1.0

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/govreport/govreport';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

/** A relative path as a relative URI reference; an absolute one as a file: URL. */
export function artifactUri(file: Pick<CheckedFile, 'path' | 'absolutePath'>): string {
  const isAbsolute = /^(\/|[A-Za-z]:\/|\/\/)/.test(file.path);
  if (isAbsolute && file.absolutePath) return pathToFileURL(file.absolutePath).href;
  return file.path.split('/').map(encodeURIComponent).join('/');
}

function region(range: Diagnostic['range']) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export interface SarifOptions {
  version: string;
  rules: readonly RuleMetadata[];
  locale: Locale;
}

export function toSarif(files: readonly CheckedFile[], options: SarifOptions): Record<string, unknown> {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  // Related places in other files name them by their path as shown (cli/workspace.ts).
  const byPath = new Map(files.map((file) => [file.path, file]));
  const results: unknown[] = [];
  for (const file of files) {
    const uri = artifactUri(file);
    const location = (range: Diagnostic['range'], other?: string) => ({
      physicalLocation: {
        artifactLocation: { uri: other === undefined ? uri : artifactUri(byPath.get(other) ?? { path: other }) },
        region: region(range),
      },
    });
    for (const d of file.result.diagnostics) {
      const result: Record<string, unknown> = {
        ruleId: d.rule,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [location(d.range)],
      };
      const place = file.locations?.get(d);
      if (file.input === 'docx') {
        // A Word file has no lines: the whole file, and the place by name.
        result.locations = [{ physicalLocation: { artifactLocation: { uri } }, ...(place ? { message: { text: place } } : {}) }];
      }
      const index = ruleIndex.get(d.rule);
      if (index !== undefined) result.ruleIndex = index;
      if (d.relatedInformation && d.relatedInformation.length > 0) {
        result.relatedLocations = d.relatedInformation.map((info, id) => ({
          id,
          ...location(info.range, info.uri),
          message: { text: info.message },
        }));
      }
      const fixes = (d.fixes ?? []).filter((fix) => fix.edits.length > 0);
      if (fixes.length > 0) {
        result.fixes = fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation: { uri },
              replacements: fix.edits.map((edit) => ({
                deletedRegion: region(edit.range),
                insertedContent: { text: edit.newText },
              })),
            },
          ],
        }));
      }
      results.push(result);
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'govreport',
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            rules: options.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: options.locale === 'en' ? rule.titleEn : rule.title },
              helpUri: rule.href,
              defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
              properties: { category: rule.category, fixable: rule.fixable, title: rule.title, titleEn: rule.titleEn },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(files: readonly CheckedFile[], options: SarifOptions): string {
  return JSON.stringify(toSarif(files, options), null, 2) + '\n';
}
