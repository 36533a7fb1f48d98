// Finds where the tables are, by their labels alone: a table starts at a cell only that table has
// (an item line 第二十条第（X）项, the corner note or 申请人情况 of table 三, 行政复议 of table 四) and runs
// until a section heading, a line of running text, or the start of another table.
import type { Token } from '../model';
import { memoize } from '../memo';
import { templates } from '../templates';
import { normalizeLabel, splitNumbering, type LineIndex } from '../text';
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
          current = { kind, tokens: [], item, itemTokens: kind === 2 ? [token] : undefined };
          zones.push(current);
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
          current = { kind: 2, tokens: itemTokens.slice(0, -1), item: item[1], itemTokens };
          zones.push(current);
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
  return zones;
}
