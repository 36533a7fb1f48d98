// `govreport extract`: one record per report, CSV or JSON, written while the files are read so that
// ten thousand reports take the memory of one. Column names come from service/extract.ts.
import { extractColumns, extractRecord, RECORD_FIELDS, type RecordValue } from '../service/extract';
import type { AnalysisResult } from '../service/types';

import type { ExtractFormat } from './args';
export type { ExtractFormat };

/** The UTF-8 byte order mark: Excel (in Chinese Windows above all) reads a CSV without it as GBK. */
export const BOM = '\ufeff';

/** All column names of a record, in order. */
export function recordColumns(): string[] {
  return [...RECORD_FIELDS, ...extractColumns().map((column) => column.name)];
}

/** One report's record as values in column order. */
export function recordValues(path: string, report: number, input: string, result: AnalysisResult): RecordValue[] {
  const { fields, values } = extractRecord(result);
  const all: Record<string, RecordValue> = { path, report, input, ...fields };
  return [...RECORD_FIELDS.map((field) => all[field] ?? null), ...extractColumns().map((column) => values.get(column.name) ?? null)];
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: RecordValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 lines end in CRLF. */
export function csvLine(values: readonly RecordValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * The output of one run, in pieces: `start()`, then `record()` for each report, then `end()`. JSON is
 * one object {"version": 1, "columns": [...], "records": [{...}, ...]}, one record per line, valid
 * JSON only once `end()` is written.
 */
export class ExtractWriter {
  private readonly columns = recordColumns();
  private count = 0;

  constructor(
    private readonly format: ExtractFormat,
    private readonly bom: boolean,
  ) {}

  start(): string {
    if (this.format === 'csv') return (this.bom ? BOM : '') + csvLine(this.columns);
    return `{"version":1,"columns":${JSON.stringify(this.columns)},"records":[`;
  }

  record(values: readonly RecordValue[]): string {
    if (this.format === 'csv') return csvLine(values);
    const object: Record<string, RecordValue> = {};
    this.columns.forEach((name, index) => (object[name] = values[index]));
    return (this.count++ === 0 ? '\n' : ',\n') + JSON.stringify(object);
  }

  end(): string {
    return this.format === 'csv' ? '' : `${this.count > 0 ? '\n' : ''}]}\n`;
  }
}

/** A progress bar on a terminal: redrawn at most ten times a second, erased at the end. */
export class ProgressBar {
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
  ) {}

  update(done: number, current: string): void {
    const now = Date.now();
    if (done < this.total && now - this.last < 100) return;
    this.last = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const counter = ` ${done}/${this.total} `;
    const barWidth = Math.min(30, Math.max(10, width - counter.length - 20));
    const filled = this.total === 0 ? barWidth : Math.round((done / this.total) * barWidth);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
    const room = width - bar.length - counter.length;
    // Names are mostly Chinese (two columns each): cut by half the room to stay on one line.
    const name = current.length > room / 2 ? '…' + current.slice(current.length - Math.floor(room / 2) + 1) : current;
    this.stream.write(`\r\x1b[K${bar}${counter}${name}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
