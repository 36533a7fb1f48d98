// Finds where the tables are, by their labels alone: a table starts at a cell only that table has
// (an item line 第二十条第（X）项, the corner note or 申请人情况 of table 三, 行政复议 of table 四) and runs
// until a section heading, a line of running text, or the start of another table.
import type { Token } from '../model';
import { memoize } from '../memo';
import { formatIds, templates } from '../templates';
import { bareLabel, normalizeLabel, splitNumbering, type LineIndex } from '../text';
import { hasBarePipeTables, isProseLine, tokenizeLine } from './tokens';

export type ZoneKind = 2 | 3 | 4;

export interface Zone {
  kind: ZoneKind;
  tokens: Token[];
  /** For section 二: the item numeral of the item line that opened the zone. */
  item?: string;
  /**
   * For section 二: the tokens of the item line, the first of `tokens`; several when the line is broken
   * over cells ("第二十条第（一" / "）项", a narrow merged cell in a PDF).
   */
  itemTokens?: Token[];
}

const ITEM_LINE = /^第二十条第\(([一二三四五六七八九十]+)\)项/;

/** Section 二's items in both formats: the numeral, its row labels and its header labels, normalised. */
const activeItems = formatIds.flatMap((id) =>
  templates[id].active.map((item) => ({
    numeral: item.item,
    rows: item.rows.map((row) => bareLabel(row.text)),
    headers: [item.labelColumn, ...item.columns.flatMap((column) => [column.label, ...(column.accepted ?? [])])].map(normalizeLabel),
  })),
);

/**
 * The column labels of every sub-table of section 二 in both formats, normalised: what a header row of
 * any of them holds.
 */
export const activeHeaderLabels: ReadonlySet<string> = new Set(activeItems.flatMap((item) => item.headers));

/** The row labels of every sub-table of section 二 in both formats (normalised, without numbering). */
const activeRowLabels: ReadonlySet<string> = new Set(activeItems.flatMap((item) => item.rows));

/** Per item numeral, its row labels (normalised, without numbering) in either format. */
const rowLabelsByItem: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [...new Set(activeItems.map((item) => item.numeral))].map((numeral) => [
    numeral,
    new Set(activeItems.filter((item) => item.numeral === numeral).flatMap((item) => item.rows)),
  ]),
);

export function itemNumeral(token: Token): string | null {
  if (token.kind !== 'text') return null;
  const match = ITEM_LINE.exec(token.norm);
  return match ? match[1] : null;
}

const requestAnchors = new Set(
  [
    ...templates['2021'].requests.columnGroups.slice(0, 1),
    ...templates['2021'].requests.rows.slice(0, 2).map((row) => row.text),
  ].map(normalizeLabel),
);
const reviewAnchors = new Set(templates['2021'].reviews.groupLabels.map(normalizeLabel));

function anchorKind(token: Token): ZoneKind | null {
  return token.kind === 'text' ? anchorOf(token.norm) : null;
}

/** The zone a text cell opens, per distinct normalised text (every table line asks). */
const anchorOf = memoize((norm: string): ZoneKind | null => {
  if (ITEM_LINE.test(norm)) return 2;
  if (norm.includes('勾稽关系')) return 3;
  if (requestAnchors.has(splitNumbering(norm).text)) return 3;
  if (reviewAnchors.has(norm)) return 4;
  return null;
}, 4096);

/** The longest an item line may be broken: into this many cells. */
const MAX_ITEM_PIECES = 3;
const ITEM_HEAD = '第二十条第(';

/** Whether a normalised text can still grow into an item line: "第二十" or "第二十条第(一". */
function beginsItemLine(norm: string): boolean {
  if (norm.length === 0) return false;
  if (norm.length <= ITEM_HEAD.length) return ITEM_HEAD.startsWith(norm);
  return norm.startsWith(ITEM_HEAD) && /^\([一二三四五六七八九十]+\)?$/.test(norm.slice(ITEM_HEAD.length - 1));
}

export function findZones(lines: LineIndex, headingLines: Set<number>): Zone[] {
  const zones: Zone[] = [];
  let current: Zone | null = null;
  const tokens: Token[] = [];
  const barePipes = hasBarePipeTables(lines.text);
  /** Text tokens in a row that may be the start of an item line broken over cells. */
  const pieces: Token[] = [];
  /**
   * Section 二's zones whose item line repeats an earlier one and that directly follow another zone of
   * section 二 (no heading or text between), with that zone: the candidates for a repeated page top.
   */
  let followers: Map<Zone, Zone> | null = null;
  /** The numerals of the item lines that opened a zone so far. */
  const opened = new Set<string | undefined>();
  /** Adds a zone that opens after `previous` (the current zone) and returns it. */
  const open = (zone: Zone, previous: Zone | null): Zone => {
    if (zone.kind === 2) {
      if (previous?.kind === 2 && opened.has(zone.item)) (followers ??= new Map()).set(zone, previous);
      opened.add(zone.item);
    }
    zones.push(zone);
    return zone;
  };
  for (const line of lines.lines) {
    if (headingLines.has(line.index) || isProseLine(line.text)) {
      current = null;
      if (pieces.length > 0) pieces.length = 0;
      continue;
    }
    const count = tokenizeLine(line, tokens, barePipes);
    for (let t = 0; t < count; t++) {
      const token = tokens[t];
      const kind = anchorKind(token);
      if (kind !== null) {
        if (pieces.length > 0) pieces.length = 0;
        const item = kind === 2 ? itemNumeral(token) ?? undefined : undefined;
        if (current === null || current.kind !== kind || kind === 2) {
          current = open({ kind, tokens: [], item, itemTokens: kind === 2 ? [token] : undefined }, current);
        }
      } else if (token.kind === 'text' && (pieces.length > 0 || token.norm.charCodeAt(0) === 0x7b2c /* 第 */)) {
        // An item line broken over cells: its pieces, once they make one, open the zone as it would.
        // (Cheap first: nearly every cell is no piece of one.)
        let joined = '';
        for (const piece of pieces) joined += piece.norm;
        joined += token.norm;
        const item = pieces.length > 0 ? ITEM_LINE.exec(joined) : null;
        if (item !== null) {
          const itemTokens = [...pieces, token];
          // The earlier pieces (and any blank cells between them) went to the zone before; they belong
          // to this one.
          const at = current === null ? -1 : current.tokens.lastIndexOf(pieces[0]);
          if (at >= 0) current!.tokens.length = at;
          pieces.length = 0;
          current = open({ kind: 2, tokens: itemTokens.slice(0, -1), item: item[1], itemTokens }, current);
        } else if (pieces.length > 0 && pieces.length < MAX_ITEM_PIECES && beginsItemLine(joined)) {
          pieces.push(token);
        } else {
          pieces.length = 0;
          if (beginsItemLine(token.norm)) pieces.push(token);
        }
      } else if (token.kind !== 'empty' && pieces.length > 0) {
        pieces.length = 0;
      }
      if (current !== null) current.tokens.push(token);
    }
  }
  return followers === null ? zones : withoutRepeatedItems(zones, followers);
}

/**
 * Section 二's table with its top printed again after a page break is read as one: Word repeats a
 * table's first rows on every page (the first item line and its column labels), and a sub-table broken
 * over pages may carry its own item line again. Read as sub-tables of their own, these would split the
 * rows of one item between two tables, each missing the other's rows.
 *
 * A zone is such a repeat when it follows another of section 二 directly, its item line is that zone's
 * or the first one's, and its first row is one the zone before (or the zone that took it in) still
 * lacks: the rows after the break go on with the item before it. (An item written twice starts again
 * with its own first row, and stays a table of its own.) Its tokens join the zone before, without the item line; the column labels after it
 * are a header row again, which the table reader passes over.
 */
function withoutRepeatedItems(zones: Zone[], followers: Map<Zone, Zone>): Zone[] {
  const firstItem = zones.find((zone) => zone.kind === 2)?.item;
  const kept: Zone[] = [];
  /** Where the tokens of a zone merged away went. */
  const mergedInto = new Map<Zone, Zone>();
  for (const zone of zones) {
    const before = followers.get(zone);
    const target = before === undefined ? undefined : (mergedInto.get(before) ?? before);
    if (target === undefined || zone.item === undefined || !(zone.item === target.item || zone.item === firstItem) || !continuesRows(zone, target)) {
      kept.push(zone);
      continue;
    }
    const itemTokens = zone.itemTokens ?? zone.tokens.slice(0, 1);
    for (const token of zone.tokens.slice(itemTokens.length)) target.tokens.push(token);
    mergedInto.set(zone, target);
  }
  return kept;
}

/**
 * Whether the first row of `zone` (the first cell after its item line that is a row label of section 二,
 * past its header, however its labels are broken over cells) is a row of `target`'s item that `target`
 * does not have yet.
 */
function continuesRows(zone: Zone, target: Zone): boolean {
  const skip = zone.itemTokens?.length ?? 1;
  let label: string | undefined;
  for (let index = skip; index < zone.tokens.length && label === undefined; index++) {
    const token = zone.tokens[index];
    if (token.kind !== 'text') continue;
    const text = splitNumbering(token.norm).text;
    if (activeRowLabels.has(text)) label = text;
  }
  // Nothing after the repeated header but the next item: nothing to split.
  if (label === undefined) return true;
  if (target.item === undefined || !rowLabelsByItem.get(target.item)?.has(label)) return false;
  return !target.tokens.some((token) => token.kind === 'text' && splitNumbering(token.norm).text === label);
}
