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

export function findZones(lines: LineIndex, headingLines: Set<number>): Zone[] {
  const zones: Zone[] = [];
  let current: Zone | null = null;
  const tokens: Token[] = [];
  const barePipes = hasBarePipeTables(lines.text);
  for (const line of lines.lines) {
    if (headingLines.has(line.index) || isProseLine(line.text)) {
      current = null;
      continue;
    }
    const count = tokenizeLine(line, tokens, barePipes);
    for (let t = 0; t < count; t++) {
      const token = tokens[t];
      const kind = anchorKind(token);
      if (kind !== null) {
        const item = kind === 2 ? itemNumeral(token) ?? undefined : undefined;
        if (current === null || current.kind !== kind || kind === 2) {
          current = { kind, tokens: [], item };
          zones.push(current);
        }
      }
      if (current !== null) current.tokens.push(token);
    }
  }
  return zones;
}
