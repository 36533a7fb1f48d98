// Reads a table with a header and labelled rows (the sub-tables of 二 and table 三) out of a token
// stream: every text cell is matched against the template's row labels; the values of a row are the
// cells between its label and the next label, in whatever layout they were written.
import type { Cell, HeaderLabel, LabelMatch, Row, Token } from '../model';
import type { ColumnDef, RowDef, ValueKind } from '../templates';
import { memoizeByObject } from '../memo';
import { splitNumbering } from '../text';
import { isKnownLabel } from './tokens';
import { beginsAnother, candidate, exactCandidate, exactHit, labelTextOf, matchApprox, PendingLabels, type LabelCandidate, type LabelHit } from './labels';

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
  /**
   * Normalised header labels of the table's other parts (section 二's other sub-tables): one of them
   * followed by labels rather than values is a header printed again, not a value of the row above.
   */
  otherHeaders?: ReadonlySet<string>;
}

// Candidate lists are built once per template list (the templates are constants), so their lookup
// tables (labels.ts) are built once too.
const columnLists = new WeakMap<ColumnDef[], Map<string, LabelCandidate<ColumnDef | string>[]>>();

const rowCandidates = memoizeByObject((rows: RowDef[]): LabelCandidate<RowDef>[] => rows.map((row) => candidate(row, row.numbering, row.text)));

function columnCandidates(columns: ColumnDef[], extras: string[]): LabelCandidate<ColumnDef | string>[] {
  let byExtras = columnLists.get(columns);
  if (byExtras === undefined) {
    byExtras = new Map();
    columnLists.set(columns, byExtras);
  }
  const key = extras.join('\n');
  let list = byExtras.get(key);
  if (list === undefined) {
    list = [
      ...columns.map((column) => candidate<ColumnDef | string>(column, '', column.label, column.accepted)),
      ...extras.map((extra) => candidate<ColumnDef | string>(extra, '', extra)),
    ];
    byExtras.set(key, list);
  }
  return list;
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

  /** The text cell before the current one. */
  let previousText: Token | null = null;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'text') {
      if (current !== null) current.zone.push(token);
      continue;
    }
    const previous = previousText;
    previousText = token;
    if (pending.absorb(token)) continue;
    const inHeader = current === null;
    const alone = exactCandidate(token.norm, rows);
    // The rest of a wrapped row label, worded wrongly: part of that label, not a row of its own. (Not in
    // the header, whose wrapped labels' second lines share a line and are matched together.)
    if (
      !inHeader &&
      previous !== null &&
      pending.waiting &&
      alone === null &&
      exactCandidate(token.norm, columns) === null &&
      pending.absorbDeviating(token, previous)
    ) {
      continue;
    }
    if (inHeader) {
      if (headerSpan === null) headerSpan = { start: token.span.start, end: token.span.end };
      else headerSpan.end = token.span.end;
    }

    // A label broken over up to three cells ("本年新" + "制作数量") is read as one when the pieces
    // together are a template label; the longest such run wins, since its first piece may itself be a
    // label ("2.其他" + "法律行政法规禁止公开" is row 2, not the row "3.其他"). The pieces' text is
    // matched before any hit object is built.
    let handled = false;
    let norm = '';
    let longest = 1;
    if (alone !== null && beginsAnother(alone, rows)) {
      for (let pieces = 2; pieces <= MAX_LABEL_PIECES; pieces++) {
        const piece = tokens[i + pieces - 1];
        if (piece === undefined || piece.kind !== 'text') break;
        if (pieces === 2) norm = token.norm;
        norm += piece.norm;
        if (exactCandidate(norm, columns) || exactCandidate(norm, rows)) longest = pieces;
      }
      norm = '';
    }
    for (let pieces = 1; pieces <= MAX_LABEL_PIECES; pieces++) {
      const piece = tokens[i + pieces - 1];
      if (piece === undefined || piece.kind !== 'text') break;
      norm += piece.norm;
      if (pieces < longest) continue;
      const columnCand = exactCandidate(norm, columns);
      const rowCand = exactCandidate(norm, rows);
      if (inHeader && columnCand) {
        // In the header a column label wins: "其他" and "总计" are columns there, not rows.
        const run = tokens.slice(i, i + pieces);
        takeHeader(exactHit(columnCand, labelTextOf(run)), run);
      } else if (columnCand && !hasNumbering(norm) && !valuesFollow(tokens, i + pieces)) {
        // The header again, further down: a PDF or Word table split over pages repeats it. Its "其他"
        // and "总计" followed by more labels, not values, are no rows (they would take the places of
        // "3.其他" and "（七）总计" before those come).
      } else if (rowCand && !matchedRows.has(rowCand.key)) {
        takeRow(exactHit(rowCand, labelTextOf(tokens.slice(i, i + pieces))));
      } else if (rowCand || columnCand) {
        // A row label seen again, or the header repeated where a table was split: no new row.
        if (!columnCand && token.firstInLine) {
          current = { def: null, label: exactHit(rowCand!, labelTextOf(tokens.slice(i, i + pieces))).label, zone: [] };
          entries.push(current);
        }
      } else {
        continue;
      }
      i += pieces - 1;
      handled = true;
      break;
    }
    if (handled) continue;

    // The token alone matched no label exactly (that was the first try above): only approximate
    // matches remain.
    const single = labelTextOf([token]);
    const rowHit = matchApprox(single, rows, (cand) => !matchedRows.has(cand.key));
    if (inHeader) {
      const columnHit = matchApprox(single, columns, (cand) => !matchedColumns.has(cand.key));
      if (columnHit) takeHeader(columnHit, [token]);
      // The first row's label, whole, or its first part ("一、本年新收政府" with the rest on the next line,
      // a label wrapped in a narrow column) when the row's own list number or values follow: no header
      // label has either.
      else if (
        rowHit &&
        token.firstInLine &&
        (rowHit.remainder === '' || numberedAs(token.norm, rowHit.candidate) || valuesFollow(tokens, i + 1))
      ) {
        takeRow(rowHit);
      }
      continue;
    }
    if (rowHit) {
      takeRow(rowHit);
    } else if (
      !hasNumbering(token.norm) &&
      !valuesFollow(tokens, i + 1) &&
      (spec.otherHeaders?.has(token.norm) === true || matchApprox(single, columns, () => true) !== null)
    ) {
      // A column label worded differently ("社会组织") in the header repeated further down, or another
      // sub-table's header repeated at the top of a page, followed by labels rather than values, as the
      // exactly worded ones above: no value of the row before.
    } else if (token.firstInLine && !(current !== null && isStrayValue(tokens, i, (current as GridEntry).zone, spec.columns.length))) {
      current = { def: null, label: { spans: [token.span], raw: token.raw, exact: false, canonical: '' }, zone: [] };
      entries.push(current);
    } else if (current !== null) {
      (current as GridEntry).zone.push(token);
    }
  }
  return { entries, header, headerOther, headerSpan };
}

/** Whether a label starts with the list number the candidate has in the template ("一、" for 一、本年新收…). */
function numberedAs(norm: string, candidate: LabelCandidate<RowDef>): boolean {
  return candidate.numbering !== '' && splitNumbering(norm).numbering === candidate.numbering;
}

/** Whether a label starts with a list number of its own ("3.其他", "（七）总计"). */
function hasNumbering(norm: string): boolean {
  return splitNumbering(norm).numbering !== '';
}

/** The longest text read as a value written wrongly ("x", "不详") rather than as a label. */
const MAX_STRAY_VALUE = 6;

/**
 * Whether a text cell (normalised) may be a value written wrongly ("x", "不详") where a label could
 * stand too: it is short, no note around a table (续表, 单位:件), has no list number and is no label of
 * either template (a row or column label out of place stays a label).
 */
export function mayBeValueText(norm: string): boolean {
  return norm.length <= MAX_STRAY_VALUE && !TABLE_NOTE.test(norm) && !hasNumbering(norm) && !isKnownLabel(norm);
}

/**
 * What is printed around and inside a table rather than in its cells (normalised): 续表 over the part
 * after a page break, the unit (单位:件), a table's own number (表三, 表 3).
 */
const TABLE_NOTE = /^(?:\(?续表[一二三四五六七八九十\d]{0,2}\)?|单位.*|表[一二三四五六七八九十\d]{1,2})$/;

/**
 * Whether the text cell tokens[at], alone on its line in the one-cell-per-line layout, is a value of the
 * row before written as text ("x", "不详") rather than the label of a row of its own: it may be one
 * (mayBeValueText), and with it the row has exactly as many cells as the table has columns (the values
 * before it in the row, itself, and the values after it up to the next text). In every other layout a
 * row's values share its line, and such a cell is read as a value there already.
 */
function isStrayValue(tokens: Token[], at: number, zone: Token[], columns: number): boolean {
  const token = tokens[at];
  if (token.layout !== 'lines' || !mayBeValueText(token.norm)) return false;
  let cells = 1;
  for (const cell of zone) if (cell.kind !== 'empty') cells++;
  for (let k = at + 1; k < tokens.length && tokens[k].kind !== 'text'; k++) if (tokens[k].kind !== 'empty') cells++;
  return cells === columns;
}

/** Whether the first non-empty token from `from` on is a value: what follows a row's label. */
function valuesFollow(tokens: Token[], from: number): boolean {
  for (let k = from; k < tokens.length; k++) {
    const kind = tokens[k].kind;
    if (kind === 'empty') continue;
    return kind !== 'text';
  }
  return false;
}

/**
 * Drops the empty cells at the ends of a row's value area: merged cells leave them, they stand for
 * nothing. Returns the area itself when there is nothing to drop (nobody modifies either).
 */
export function trimSlots(zone: Token[]): Token[] {
  let first = 0;
  let last = zone.length - 1;
  while (first <= last && zone[first].kind === 'empty') first++;
  while (last >= first && zone[last].kind === 'empty') last--;
  return first === 0 && last === zone.length - 1 ? zone : zone.slice(first, last + 1);
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
 * Whether a row with too few cells holds exactly one digit per column in integers: "000" for three
 * columns is three cells run together. Counted over the characters, without building strings.
 */
function digitsRunTogether(slots: Token[], columns: number): boolean {
  let digits = 0;
  for (const token of slots) {
    if (token.kind !== 'number') return false;
    const raw = token.raw;
    for (let i = 0; i < raw.length; i++) {
      const code = raw.charCodeAt(i);
      if (code >= 48 && code <= 57) digits++;
      else if (code === 46 /* . */ || code === 44 /* , */) return false;
    }
  }
  return digits === columns;
}

/**
 * Places a row's values under the columns. Only an unambiguous reading is accepted: as many cells as
 * columns (blank cells included), or as many non-empty cells as columns (the empty ones being what
 * merged cells left). Anything else leaves the row unplaced, with the reason.
 */
export function placeRow(def: RowDef | null, label: LabelMatch, zone: Token[], columns: ColumnDef[]): Row {
  const slots = trimSlots(zone);
  let emptyCells = 0;
  for (const token of zone) if (token.kind === 'empty') emptyCells++;
  const row: Row = { def, label, slots, emptyCells, cells: null };
  if (slots.length === 0) return row;
  let anyMerged = false;
  for (const token of slots) if (token.merged) anyMerged = true;
  if (anyMerged || (slots.length < columns.length && digitsRunTogether(slots, columns.length))) {
    row.problem = 'merged';
    return row;
  }
  if (slots.length === columns.length) {
    const cells = new Array<Cell>(slots.length);
    for (let i = 0; i < slots.length; i++) cells[i] = toCell(columns[i], slots[i]);
    row.cells = cells;
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
