// analyze(text) = parse once, run every rule, turn spans into LSP ranges. Pure: no I/O, no globals
// beyond the constant rule list; safe on any string.
import type { Report } from './model';
import { parse } from './reader/parse';
import { rules, type Rule } from './rules';
import type { Finding, Message } from './rules/rule';
import type { LineIndex } from './text';
import type {
  AnalysisResult,
  AnalyzeOptions,
  Diagnostic,
  Locale,
  RuleMetadata,
  Severity,
  SectionSummary,
  TableSummary,
} from './types';

export const DEFAULT_DOCS_BASE_URL = 'https://github.com/govreport/govreport/blob/main/docs/rules/';
export const DEFAULT_MAX_SIZE = 5_000_000;

function docsLink(base: string | undefined, id: string): string {
  return `${base ?? DEFAULT_DOCS_BASE_URL}${id}.md`;
}

export function listRules(docsBaseUrl?: string): RuleMetadata[] {
  return rules.map(({ check: _check, ...metadata }) => ({ ...metadata, href: docsLink(docsBaseUrl, metadata.id) }));
}

function text(message: Message, locale: Locale): string {
  return locale === 'en' ? message.en : message.zh;
}

function toDiagnostic(rule: Rule, severity: Severity, finding: Finding, lines: LineIndex, options: AnalyzeOptions): Diagnostic {
  const locale = options.locale ?? 'zh-CN';
  const diagnostic: Diagnostic = {
    rule: rule.id,
    severity,
    message: text(finding.message, locale),
    range: lines.range(finding.span),
    href: docsLink(options.docsBaseUrl, rule.id),
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      range: lines.range(related.span),
      message: text(related.message, locale),
    }));
  }
  if (finding.fixes && finding.fixes.length > 0) {
    diagnostic.fixes = finding.fixes.map((fix) => ({
      title: text(fix.title, locale),
      edits: fix.edits.map((edit) => ({ range: lines.range(edit.span), newText: edit.newText })),
      ...(fix.isPreferred ? { isPreferred: true } : {}),
    }));
  }
  return diagnostic;
}

function summarize(report: Report): { sections: SectionSummary[]; tables: TableSummary[] } {
  return {
    sections: report.sections.map((section) => ({
      index: section.def.index,
      title: section.title,
      range: report.lines.range(section.span),
      headingRange: report.lines.range(section.headingSpan),
    })),
    tables: report.tables.map((table) => ({
      section: table.section,
      ...(table.item ? { item: `第二十条第（${table.item.numeral}）项` } : {}),
      format: table.format ?? table.template.format,
      layout: table.layout,
      range: report.lines.range(table.span),
      rows: table.rows.map((row) => ({
        id: row.def?.id ?? null,
        label: row.label.raw,
        range: report.lines.range(row.label.spans[0] ?? row.slots[0]?.span ?? table.span),
        cells:
          row.cells?.map((cell) => ({
            column: cell.column.id,
            label: cell.column.label,
            value: cell.state === 'number' ? cell.value : null,
            range: report.lines.range(cell.token.span),
          })) ?? null,
      })),
    })),
  };
}

/** Runs the rules on a parsed report. Features that already hold the report call this directly. */
export function diagnose(report: Report, options: AnalyzeOptions = {}): Diagnostic[] {
  if (!report.isReport) return [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const severity: Severity = setting ?? rule.defaultSeverity;
    // A pre-2019 report has no template tables: only the document rules speak.
    if (report.legacy && rule.category !== 'document') continue;
    let findings: Finding[];
    try {
      findings = rule.check(report);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
      continue;
    }
    for (const finding of findings) diagnostics.push(toDiagnostic(rule, severity, finding, report.lines, options));
  }
  return diagnostics;
}

export function analyzeReport(text: string, options: AnalyzeOptions = {}): { report: Report | null; result: AnalysisResult } {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (text.length > maxSize) {
    const locale = options.locale ?? 'zh-CN';
    const message =
      locale === 'en'
        ? `The document is larger than ${maxSize} characters; it was not analysed (setting govreport.maxFileSize)`
        : `文档超过 ${maxSize} 个字符，未做检查（可在设置 govreport.maxFileSize 中调整）`;
    return {
      report: null,
      result: {
        format: null,
        year: null,
        agency: null,
        sections: [],
        tables: [],
        diagnostics: [
          {
            rule: 'max-size',
            severity: 'info',
            message,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            href: docsLink(options.docsBaseUrl, 'max-size'),
          },
        ],
      },
    };
  }
  const report = parse(text, { format: options.format });
  const format = !report.isReport ? null : report.legacy ? 'legacy' : report.format;
  return {
    report,
    result: {
      format,
      year: report.isReport ? report.year : null,
      agency: report.title?.agency ?? null,
      ...summarize(report),
      diagnostics: diagnose(report, options),
    },
  };
}

/** Text in, findings out: the library's entry point. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeReport(String(text ?? ''), options).result;
}
