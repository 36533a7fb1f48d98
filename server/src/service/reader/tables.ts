// Turns the zones into tables of the model: which format each follows, the header, the rows and their
// placed values, and the template rows that are missing.
import type { HeaderLabel, LabelMatch, Row, Table, Token } from '../model';
import { formatIds, templates } from '../templates';
import type { ActiveItemDef, ColumnDef, RowDef, TemplateDef } from '../templates';
import { bareLabel, splitNumbering, type Span } from '../text';
import type { FormatId, TableLayout } from '../types';
import { candidate, labelTextOf, matchLabel, PendingLabels, type LabelCandidate } from './labels';
import { memoizeByObject } from '../memo';
import { mayBeValueText, placeRow, readGrid, trimSlots, type GridEntry } from './grid';
import { activeHeaderLabels, itemNumeral, type Zone } from './zones';

function spanOf(tokens: Token[]): Span {
  if (tokens.length === 0) return { start: 0, end: 0 };
  return { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end };
}

const LAYOUTS: readonly TableLayout[] = ['tab', 'lines', 'pipe', 'space', 'mixed'];

function layoutOf(tokens: Token[]): TableLayout {
  // Counts per layout, and the order in which the layouts first appear (a tie goes to the first).
  const counts = [0, 0, 0, 0, 0];
  const order: number[] = [];
  for (const token of tokens) {
    if (token.kind === 'empty') continue;
    const index = LAYOUTS.indexOf(token.layout);
    if (counts[index]++ === 0) order.push(index);
  }
  // Single cells on their own line are ambiguous ("lines" or a short tab row); only real layouts vote.
  let best: TableLayout = 'lines';
  let bestCount = 0;
  let total = 0;
  for (const index of order) {
    const count = counts[index];
    total += count;
    if (count > bestCount) {
      best = LAYOUTS[index];
      bestCount = count;
    }
  }
  return bestCount >= total * 0.7 ? best : 'mixed';
}

/** Labels that belong to one format only: the evidence of which format a table follows. */
function formatOnlyLabels(collect: (template: TemplateDef) => string[]): Map<string, FormatId> {
  const seen = new Map<string, Set<FormatId>>();
  for (const id of formatIds) {
    for (const label of collect(templates[id])) {
      const norm = bareLabel(label);
      if (!seen.has(norm)) seen.set(norm, new Set());
      seen.get(norm)!.add(id);
    }
  }
  const only = new Map<string, FormatId>();
  for (const [label, ids] of seen) if (ids.size === 1) only.set(label, [...ids][0]);
  return only;
}

const activeOnly = formatOnlyLabels((template) =>
  template.active.flatMap((item) => [...item.columns.flatMap((column) => [column.label, ...(column.accepted ?? [])]), ...item.rows.map((row) => row.text)]),
);

function evidenceOf(tokens: Token[], only: Map<string, FormatId>): { format: FormatId; token: Token }[] {
  const evidence: { format: FormatId; token: Token }[] = [];
  for (const token of tokens) {
    if (token.kind !== 'text') continue;
    const format = only.get(splitNumbering(token.norm).text);
    if (format) evidence.push({ format, token });
  }
  return evidence;
}

function majority(evidence: { format: FormatId }[]): FormatId | null {
  let score = 0;
  for (const item of evidence) score += item.format === '2021' ? 1 : -1;
  if (score > 0) return '2021';
  if (score < 0) return '2019';
  return null;
}

/** Template rows not found, each placed before the next row that was found. */
function missingRows(defs: RowDef[], rows: Row[], tableEnd: number): { def: RowDef; before: number }[] {
  const found = new Map<string, Row>();
  for (const row of rows) if (row.def && !found.has(row.def.id)) found.set(row.def.id, row);
  const missing: { def: RowDef; before: number }[] = [];
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i];
    if (found.has(def.id) || def.isGroup) continue;
    // A group label may be missing while its rows are there; the rows carry the values.
    let before = tableEnd;
    for (let j = i + 1; j < defs.length; j++) {
      const next = found.get(defs[j].id);
      if (next) {
        before = Math.min(...next.label.spans.map((span) => span.start));
        break;
      }
    }
    missing.push({ def, before });
  }
  return missing;
}

// Lookups of the template's row lists (constants), built once per list rather than per table read.
/** Each row's index in the list, by id. */
const positionsOf = memoizeByObject((defs: RowDef[]): ReadonlyMap<string, number> => new Map(defs.map((def, index) => [def.id, index])));
/** The rows of the list by id. */
const defsById = memoizeByObject((defs: RowDef[]): ReadonlyMap<string, RowDef> => new Map(defs.map((row) => [row.id, row])));

/**
 * A row whose label matches no template row takes the place of the one template row missing between
 * its neighbours, if there is exactly one: it is that row with a deviating label.
 */
function adoptUnknownRows(entries: GridEntry[], defs: RowDef[]): void {
  const order = positionsOf(defs);
  const taken = new Set(entries.filter((entry) => entry.def).map((entry) => entry.def!.id));
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.def || trimSlots(entry.zone).length === 0) continue;
    let low = -1;
    for (let j = i - 1; j >= 0; j--) {
      const def = entries[j].def;
      if (def) {
        low = order.get(def.id) ?? -1;
        break;
      }
    }
    let high = defs.length;
    for (let j = i + 1; j < entries.length; j++) {
      const def = entries[j].def;
      if (def) {
        high = order.get(def.id) ?? defs.length;
        break;
      }
    }
    const gap = defs.slice(low + 1, high).filter((def) => !def.isGroup && !taken.has(def.id));
    if (gap.length === 1) {
      entry.def = gap[0];
      entry.label = { ...entry.label, canonical: gap[0].numbering + gap[0].text };
      taken.add(gap[0].id);
    }
  }
}

function buildRows(entries: GridEntry[], columns: ColumnDef[]): Row[] {
  return entries
    .map((entry) => placeRow(entry.def, entry.label, entry.zone, columns))
    // A line of text with no values after it, matching no label, is a note, not a row.
    .filter((row) => row.def !== null || row.slots.length > 0);
}

function missingColumns(columns: ColumnDef[], header: HeaderLabel[], headerFound: boolean): ColumnDef[] {
  if (!headerFound) return [];
  const present = new Set(header.map((label) => label.column.id));
  return columns.filter((column) => !present.has(column.id));
}

export interface ReadContext {
  /** The format to validate against when a table's labels fit both. */
  fallback: FormatId;
}

/** The sub-tables of section 二, one per item line. */
export function readActiveTables(zones: Zone[], context: ReadContext): Table[] {
  const items = zones.filter((zone) => zone.kind === 2);
  const evidenceAll = items.flatMap((zone) => evidenceOf(zone.tokens, activeOnly));
  const groupFormat = majority(evidenceAll);
  return items.map((zone) => {
    const itemTokens = zone.itemTokens ?? zone.tokens.slice(0, 1);
    const itemToken = itemTokens[0];
    const tokens = zone.tokens.slice(itemTokens.length);
    const numeral = zone.item ?? itemNumeral(itemToken) ?? '';
    const evidence = evidenceOf(tokens, activeOnly);
    // 第二十条第（九）项 exists in the 2019 format only.
    if (numeral === '九') evidence.push({ format: '2019', token: itemToken });
    const own = majority(evidence);
    const formatId = own ?? groupFormat ?? context.fallback;
    let def: ActiveItemDef | null = templates[formatId].active.find((item) => item.item === numeral) ?? null;
    let template = templates[formatId];
    if (!def) {
      const other = formatIds.find((id) => templates[id].active.some((item) => item.item === numeral));
      if (other) {
        template = templates[other];
        def = template.active.find((item) => item.item === numeral) ?? null;
      }
    }
    const itemLabel: LabelMatch = {
      spans: itemTokens.map((token) => token.span),
      raw: itemTokens.map((token) => token.raw).join(''),
      exact: true,
      canonical: `第二十条第（${numeral}）项`,
    };
    const columns = def?.columns ?? [];
    const grid = readGrid(tokens, { rows: def?.rows ?? [], columns, headerExtras: def ? [def.labelColumn] : [], otherHeaders: activeHeaderLabels });
    const span = spanOf(zone.tokens);
    const rows = buildRows(grid.entries, columns);
    return {
      section: 2,
      item: { def, numeral, label: itemLabel },
      format: own,
      template,
      formatEvidence: evidence,
      layout: layoutOf(tokens),
      span,
      columns,
      header: grid.header,
      missingColumns: missingColumns(columns, grid.header, grid.header.length > 0 || grid.headerOther.length > 0),
      headerSpan: grid.headerSpan,
      rows,
      missingRows: def ? missingRows(def.rows, rows, span.end) : [],
      rowsById: undefined,
    } satisfies Table;
  });
}

/** The first token starting at `start` (tokens are in document order: binary search). */
function tokenAt(tokens: Token[], start: number): Token | undefined {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].span.start < start) low = mid + 1;
    else high = mid;
  }
  return low < tokens.length && tokens[low].span.start === start ? tokens[low] : undefined;
}

const SUBROWS_2021 = new Set(
  templates['2021'].requests.rows.filter((row) => row.parent === 'other').map((row) => row.id),
);

/** Table 三. Both formats share it but for （六）: one value row in 2019, a group of three in 2021. */
export function readRequestsTable(zone: Zone, context: ReadContext): Table {
  const union = templates['2021'].requests;
  const grid = readGrid(zone.tokens, { rows: union.rows, columns: union.columns, headerExtras: [union.cornerNote, ...union.columnGroups] });
  const evidence: { format: FormatId; token: Token }[] = [];
  const firstToken = (entry: GridEntry): Token => tokenAt(zone.tokens, entry.label.spans[0].start) ?? zone.tokens[0];
  for (const entry of grid.entries) {
    if (entry.def && SUBROWS_2021.has(entry.def.id)) evidence.push({ format: '2021', token: firstToken(entry) });
  }
  const other = grid.entries.find((entry) => entry.def?.id === 'other');
  if (evidence.length === 0 && other && trimSlots(other.zone).length > 0) evidence.push({ format: '2019', token: firstToken(other) });
  const own = majority(evidence);
  const template = templates[own ?? context.fallback];
  const defs = defsById(template.requests.rows);
  for (const entry of grid.entries) {
    // Rows of the other format's （六） are rows this template does not have.
    if (entry.def) entry.def = defs.get(entry.def.id) ?? null;
  }
  adoptUnknownRows(grid.entries, template.requests.rows);
  const span = spanOf(zone.tokens);
  const rows = buildRows(grid.entries, template.requests.columns);
  return {
    section: 3,
    format: own,
    template,
    formatEvidence: evidence,
    layout: layoutOf(zone.tokens),
    span,
    columns: template.requests.columns,
    header: grid.header,
    missingColumns: missingColumns(template.requests.columns, grid.header, grid.header.length > 0 || grid.headerOther.length > 0),
    headerSpan: grid.headerSpan,
    rows,
    missingRows: missingRows(template.requests.rows, rows, span.end),
    rowsById: undefined,
  };
}

// One candidate list per template, so its lookup tables (labels.ts) are built once.
const reviewCandidates = memoizeByObject((template: TemplateDef): LabelCandidate<string>[] => {
  const { results, groupLabels } = template.reviews;
  return [
    ...results.map((result) => candidate<string>(result.id, '', result.label)),
    ...groupLabels.map((label) => candidate<string>(label, '', label)),
  ];
});

// The fifteen value columns of table 四 per template, built once (tables share them; nobody modifies them).
const reviewColumns = memoizeByObject((template: TemplateDef): ColumnDef[] => {
  const { groups, results } = template.reviews;
  return groups.flatMap((group) =>
    results.map((result) => ({ ...result, id: `${group.id}.${result.id}`, label: `${group.path.join('·')}·${result.label}` })),
  );
});

/** Table 四: a header of three groups of five and one row of fifteen values. */
export function readReviewsTable(zone: Zone, context: ReadContext): Table {
  const template = templates[context.fallback];
  const { groups, results, groupLabels } = template.reviews;
  const columns = reviewColumns(template);
  const candidates = reviewCandidates(template);
  const pending = new PendingLabels();
  const seen = new Map<string, number>();
  const header: HeaderLabel[] = [];
  let lastText = -1;
  /** The last text cell that is (part of) a label: the header ends there. */
  let lastLabel = -1;
  for (let i = 0; i < zone.tokens.length; i++) {
    const token = zone.tokens[i];
    if (token.kind !== 'text') continue;
    lastText = i;
    if (pending.absorb(token)) {
      lastLabel = i;
      continue;
    }
    const hit = matchLabel(labelTextOf([token]), candidates, () => true);
    if (!hit) continue;
    lastLabel = i;
    pending.add(hit);
    seen.set(hit.candidate.key, (seen.get(hit.candidate.key) ?? 0) + 1);
    const result = results.find((column) => column.id === hit.candidate.key);
    if (result && !hit.label.exact && hit.remainder === '') header.push({ column: result, label: hit.label });
  }
  // The values follow the header. A text among them ("x", "不详") is a value written wrongly when it may
  // be one and with it the values are exactly the columns; otherwise the values follow the last text.
  let headerEnd = lastLabel;
  let values = zone.tokens.slice(lastLabel + 1);
  if (lastText !== lastLabel && !(trimSlots(values).length === columns.length && values.every((token) => token.kind !== 'text' || mayBeValueText(token.norm)))) {
    headerEnd = lastText;
    values = zone.tokens.slice(lastText + 1);
  }
  const headerTokens = zone.tokens.slice(0, headerEnd + 1).filter((token) => token.kind === 'text');
  if (trimSlots(values).length !== columns.length) {
    // Values interleaved with labels (a table written column by column): take them in order.
    const scattered = zone.tokens.filter((token) => token.kind === 'number' || token.kind === 'placeholder');
    if (scattered.length === columns.length) values = scattered;
  }
  const firstHeader = headerTokens[0];
  const rowLabel: LabelMatch = {
    spans: firstHeader ? [firstHeader.span] : [],
    raw: firstHeader?.raw ?? '',
    exact: true,
    canonical: groupLabels[0],
  };
  const row = placeRow(null, rowLabel, values, columns);
  const missing: ColumnDef[] = [];
  if (headerTokens.length > 0) {
    for (const result of results) {
      if ((seen.get(result.id) ?? 0) < groups.length) missing.push(result);
    }
    for (const label of groupLabels) {
      if (!seen.has(label)) missing.push({ id: label, label, kind: 'count' });
    }
  }
  const span = spanOf(zone.tokens);
  return {
    section: 4,
    format: null,
    template,
    formatEvidence: [],
    layout: layoutOf(zone.tokens),
    span,
    columns,
    header,
    missingColumns: missing,
    headerSpan: headerTokens.length > 0 ? spanOf(headerTokens) : null,
    rows: row.slots.length > 0 ? [row] : [],
    missingRows: [],
    rowsById: undefined,
  };
}
