// The statistics of a report as one flat record under stable column names, for spreadsheets and data
// analysis (`govreport extract`). The names are made from the template data's ids and nothing else,
// so they cannot drift from the labels and stay the same as long as the ids do:
//   t2_item<N>_<row>_<column>   table 二, item 第二十条第（N）项 (N in Arabic digits): t2_item1_rules_issued
//   t3_<row>_<column>           table 三: t3_public_natural_person, t3_results_total_total
//   t4_<group>_<result>         table 四: t4_review_upheld, t4_litigation_direct_total
// Columns are the union over both formats, 2021 first; a report leaves the other format's columns
// empty. docs/extract.md lists them all (scripts/gen-extract-docs.mjs writes it from this file).
import { formatIds, templates } from './templates';
import type { AnalysisResult, FormatId, Severity } from './types';

export interface ExtractColumn {
  /** The column name, e.g. "t3_public_natural_person". */
  name: string;
  /** The template labels it stands for, joined with " · " (Chinese, for documentation). */
  label: string;
  /** The formats that have this value. */
  formats: FormatId[];
}

/** Columns that describe the report rather than hold a table value. */
export const RECORD_FIELDS = ['path', 'report', 'agency', 'year', 'format', 'input', 'errors', 'warnings', 'infos'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

const ARABIC: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 2021 first: most reports being extracted today follow it. */
const ORDER: FormatId[] = [...formatIds].sort((a, b) => Number(b) - Number(a));

function buildColumns(): ExtractColumn[] {
  const columns = new Map<string, ExtractColumn>();
  const add = (name: string, label: string, format: FormatId) => {
    const existing = columns.get(name);
    if (existing) {
      if (!existing.formats.includes(format)) existing.formats.push(format);
    } else {
      columns.set(name, { name, label, formats: [format] });
    }
  };
  // Table 二, item by item in the order of 第二十条; within an item, the formats' rows and columns.
  const items = [...new Set(ORDER.flatMap((format) => templates[format].active.map((item) => item.item)))].sort(
    (a, b) => ARABIC[a] - ARABIC[b],
  );
  for (const numeral of items) {
    for (const format of ORDER) {
      const item = templates[format].active.find((candidate) => candidate.item === numeral);
      if (!item) continue;
      for (const row of item.rows) {
        for (const column of item.columns) {
          add(`t2_item${ARABIC[numeral]}_${row.id}_${column.id}`, `第二十条第（${numeral}）项 · ${row.text} · ${column.label}`, format);
        }
      }
    }
  }
  // Table 三: rows in template order (the formats differ only in （六）), every row and column.
  for (const format of ORDER) {
    const { rows, columns: values } = templates[format].requests;
    for (const row of rows) {
      for (const column of values) add(`t3_${row.id}_${column.id}`, `${row.numbering}${row.text} · ${column.label}`, format);
    }
  }
  // Table 四: three groups of five.
  for (const format of ORDER) {
    const { groups, results } = templates[format].reviews;
    for (const group of groups) {
      for (const result of results) add(`t4_${group.id}_${result.id}`, `${group.path.join('·')} · ${result.label}`, format);
    }
  }
  const list = [...columns.values()];
  for (const column of list) column.formats.sort();
  return list;
}

let cached: ExtractColumn[] | undefined;

/** Every table value column, in a fixed order. Shared; do not modify. */
export function extractColumns(): readonly ExtractColumn[] {
  cached ??= buildColumns();
  return cached;
}

/** The column of a table value of an analysis result (its table summary), or undefined. */
function columnName(section: 2 | 3 | 4, item: string | undefined, row: string | null, column: string): string | undefined {
  if (section === 2) {
    const numeral = item ? /（(.)）/.exec(item)?.[1] : undefined;
    if (!numeral || !row || !ARABIC[numeral]) return undefined;
    return `t2_item${ARABIC[numeral]}_${row}_${column}`;
  }
  if (section === 3) return row ? `t3_${row}_${column}` : undefined;
  return `t4_${column.replace('.', '_')}`;
}

export type RecordValue = string | number | null;

/**
 * A report's record: `fields` (path, report number and input kind are the caller's) and the value of
 * every table cell it has, by column name; a cell written twice keeps its first value. Blank,
 * placeholder ("—") and invalid cells are null: only numbers are values.
 */
export function extractRecord(result: AnalysisResult): { fields: Omit<Record<RecordField, RecordValue>, 'path' | 'report' | 'input'>; values: Map<string, number | null> } {
  const known = new Set(extractColumns().map((column) => column.name));
  const values = new Map<string, number | null>();
  for (const table of result.tables) {
    for (const row of table.rows) {
      for (const cell of row.cells ?? []) {
        const name = columnName(table.section, table.item, row.id, cell.column);
        if (name === undefined || !known.has(name) || values.has(name)) continue;
        values.set(name, cell.value);
      }
    }
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of result.diagnostics) counts[diagnostic.severity]++;
  return {
    fields: {
      agency: result.agency,
      year: result.year,
      format: result.format,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
    },
    values,
  };
}
