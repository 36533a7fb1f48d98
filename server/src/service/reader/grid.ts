// Reads a table with a header and labelled rows (the sub-tables of 二 and table 三) out of a token
// stream: every text cell is matched against the template's row labels; the values of a row are the
// cells between its label and the next label, in whatever layout they were written.
import type { Cell, HeaderLabel, LabelMatch, Row, Token } from '../model';
import type { ColumnDef, RowDef, ValueKind } from '../templates';
import { candidate, labelTextOf, matchExact, matchLabel, PendingLabels, type LabelCandidate, type LabelHit } from './labels';

export interface GridEntry {
  def: RowDef | null;
  label: LabelMatch;
  zone: Token[];
}

export interface GridRead {
  entries: GridEntry[];
  header: HeaderLabel[];
  /** Tokens of header labels that are not value columns (corner note, group headers). */
  headerOther: Token[];
  headerSpan: { start: number; end: number } | null;
}

export interface GridSpec {
  rows: RowDef[];
  columns: ColumnDef[];
  /** Header labels that name no value column but belong to the header (group headers, corner note). */
  headerExtras: string[];
}

function rowCandidates(rows: RowDef[]): LabelCandidate<RowDef>[] {
  return rows.map((row) => candidate(row, row.numbering, row.text));
}

function columnCandidates(columns: ColumnDef[], extras: string[]): LabelCandidate<ColumnDef | string>[] {
  return [
    ...columns.map((column) => candidate<ColumnDef | string>(column, '', column.label, column.accepted)),
    ...extras.map((extra) => candidate<ColumnDef | string>(extra, '', extra)),
  ];
}

const MAX_LABEL_PIECES = 3;

export function readGrid(tokens: Token[], spec: GridSpec): GridRead {
  const rows = rowCandidates(spec.rows);
  const columns = columnCandidates(spec.columns, spec.headerExtras);
  const matchedRows = new Set<RowDef>();
  const matchedColumns = new Set<ColumnDef | string>();
  const pending = new PendingLabels();
  const entries: GridEntry[] = [];
  const header: HeaderLabel[] = [];
  const headerOther: Token[] = [];
  let headerSpan: { start: number; end: number } | null = null;
  let current: GridEntry | null = null;

  const takeHeader = (hit: LabelHit<ColumnDef | string>, pieces: Token[]): void => {
    pending.add(hit);
    matchedColumns.add(hit.candidate.key);
    const key = hit.candidate.key;
    if (typeof key === 'string') headerOther.push(...pieces);
    else header.push({ column: key, label: hit.label });
  };
  const takeRow = (hit: LabelHit<RowDef>): void => {
    pending.add(hit);
    matchedRows.add(hit.candidate.key);
    current = { def: hit.candidate.key, label: hit.label, zone: [] };
    entries.push(current);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'text') {
      if (current !== null) current.zone.push(token);
      continue;
    }
    if (pending.absorb(token)) continue;
    const inHeader = current === null;
    if (inHeader) headerSpan = headerSpan ? { start: headerSpan.start, end: token.span.end } : { ...token.span };

    // A label broken over up to three cells ("本年新" + "制作数量") is read as one when the pieces
    // together are a template label.
    let handled = false;
    for (let pieces = 1; pieces <= MAX_LABEL_PIECES && !handled; pieces++) {
      const run = tokens.slice(i, i + pieces);
      if (run.length < pieces || run.some((piece) => piece.kind !== 'text')) break;
      const text = labelTextOf(run);
      const columnHit = matchExact(text, columns);
      const rowHit = matchExact(text, rows);
      if (inHeader && columnHit) {
        // In the header a column label wins: "其他" and "总计" are columns there, not rows.
        takeHeader(columnHit, run);
      } else if (rowHit && !matchedRows.has(rowHit.candidate.key)) {
        takeRow(rowHit);
      } else if (rowHit || columnHit) {
        // A row label seen again, or the header repeated where a table was split: no new row.
        if (!columnHit && token.firstInLine) {
          current = { def: null, label: rowHit!.label, zone: [] };
          entries.push(current);
        }
      } else {
        continue;
      }
      i += pieces - 1;
      handled = true;
    }
    if (handled) continue;

    const single = labelTextOf([token]);
    const rowHit = matchLabel(single, rows, (cand) => !matchedRows.has(cand.key));
    if (inHeader) {
      const columnHit = matchLabel(single, columns, (cand) => !matchedColumns.has(cand.key));
      if (columnHit) takeHeader(columnHit, [token]);
      else if (rowHit && rowHit.remainder === '' && token.firstInLine) takeRow(rowHit);
      continue;
    }
    if (rowHit) {
      takeRow(rowHit);
    } else if (token.firstInLine) {
      current = { def: null, label: { spans: [token.span], raw: token.raw, exact: false, canonical: '' }, zone: [] };
      entries.push(current);
    } else if (current !== null) {
      (current as GridEntry).zone.push(token);
    }
  }
  return { entries, header, headerOther, headerSpan };
}

/** Drops the empty cells at the ends of a row's value area: merged cells leave them, they stand for nothing. */
export function trimSlots(zone: Token[]): Token[] {
  let first = 0;
  let last = zone.length - 1;
  while (first <= last && zone[first].kind === 'empty') first++;
  while (last >= first && zone[last].kind === 'empty') last--;
  return zone.slice(first, last + 1);
}

function validFor(kind: ValueKind, token: Token): boolean {
  if (token.kind !== 'number' || token.value === undefined) return false;
  if (kind === 'money') return token.value >= 0 && (token.unit === undefined || /元$/.test(token.unit));
  if (token.unit !== undefined || !Number.isInteger(token.value)) return false;
  return kind === 'signed' || token.value >= 0;
}

function toCell(column: ColumnDef, token: Token): Cell {
  if (token.kind === 'empty') return { column, token, state: 'blank', value: null };
  if (token.kind === 'placeholder') return { column, token, state: 'placeholder', value: null };
  if (token.kind === 'number' && validFor(column.kind, token)) return { column, token, state: 'number', value: token.value ?? null };
  return { column, token, state: 'invalid', value: null };
}

/**
 * Places a row's values under the columns. Only an unambiguous reading is accepted: as many cells as
 * columns (blank cells included), or as many non-empty cells as columns (the empty ones being what
 * merged cells left). Anything else leaves the row unplaced, with the reason.
 */
export function placeRow(def: RowDef | null, label: LabelMatch, zone: Token[], columns: ColumnDef[]): Row {
  const slots = trimSlots(zone);
  const emptyCells = zone.filter((token) => token.kind === 'empty').length;
  const row: Row = { def, label, slots, emptyCells, cells: null };
  if (slots.length === 0) return row;
  const digits = slots.reduce((sum, token) => sum + (token.kind === 'number' ? token.raw.replace(/\D/g, '').length : 0), 0);
  const allIntegers = slots.every((token) => token.kind === 'number' && !/[.,]/.test(token.raw));
  if (slots.some((token) => token.merged) || (slots.length < columns.length && allIntegers && digits === columns.length)) {
    row.problem = 'merged';
    return row;
  }
  if (slots.length === columns.length) {
    row.cells = slots.map((token, index) => toCell(columns[index], token));
    return row;
  }
  const filled = slots.filter((token) => token.kind !== 'empty');
  if (filled.length === columns.length) {
    row.cells = filled.map((token, index) => toCell(columns[index], token));
    return row;
  }
  row.problem = 'count';
  return row;
}
