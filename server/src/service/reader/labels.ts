// Matching the cells of a table against the template's labels: exactly (after normalisation), as the
// first part of a label broken over several cells ("（三）不予" … "公开"), or approximately (a wording
// that deviates, such as 社会组织 for 社会公益组织).
import type { LabelMatch, Token } from '../model';
import { normalizeLabel, similarity, splitNumbering } from '../text';

export interface LabelCandidate<T> {
  key: T;
  /** Normalised text without numbering. */
  text: string;
  /** Normalised numbering ("" when none). */
  numbering: string;
  /** The template wording, for messages and fixes. */
  canonical: string;
  /** Other normalised wordings accepted as exact. */
  accepted: string[];
}

export interface LabelHit<T> {
  candidate: LabelCandidate<T>;
  label: LabelMatch;
  /** What is still to come when the label is broken over cells; "" when complete. */
  remainder: string;
}

/** Below this similarity a cell is not taken for a deviating form of a label. */
export const FUZZY_LABEL_SIMILARITY = 0.6;

export function candidate<T>(key: T, numbering: string, text: string, accepted: string[] = []): LabelCandidate<T> {
  const numberingNorm = numbering === '' ? '' : splitNumbering(normalizeLabel(numbering) + '项').numbering;
  return {
    key,
    text: normalizeLabel(text),
    numbering: numberingNorm,
    canonical: numbering + text,
    accepted: accepted.map((form) => splitNumbering(normalizeLabel(form)).text),
  };
}

/** The text of one cell, or of several consecutive cells read as one label. */
export interface LabelText {
  norm: string;
  raw: string;
  spans: Token['span'][];
}

export function labelTextOf(tokens: Token[]): LabelText {
  return {
    norm: tokens.map((token) => token.norm).join(''),
    raw: tokens.map((token) => token.raw).join(''),
    spans: tokens.map((token) => token.span),
  };
}

function labelFrom(text: LabelText, exact: boolean, canonical: string): LabelMatch {
  return { spans: [...text.spans], raw: text.raw, exact, canonical };
}

/** The candidate whose wording the text has exactly (after normalisation), if any. */
export function matchExact<T>(text: LabelText, candidates: LabelCandidate<T>[]): LabelHit<T> | null {
  if (text.norm.length === 0) return null;
  const bare = splitNumbering(text.norm).text;
  for (const cand of candidates) {
    if (cand.text === bare || cand.text === text.norm || cand.accepted.includes(bare)) {
      return { candidate: cand, label: labelFrom(text, true, cand.canonical), remainder: '' };
    }
  }
  return null;
}

/**
 * Finds the candidate a label names: exactly, as the first part of a label broken over cells, or
 * approximately. `available` limits the last two to labels not found yet, so a deviating label is
 * taken for the row that is missing, not for one that is already there.
 */
export function matchLabel<T>(
  text: LabelText,
  candidates: LabelCandidate<T>[],
  available: (candidate: LabelCandidate<T>) => boolean,
): LabelHit<T> | null {
  const exact = matchExact(text, candidates);
  if (exact) return exact;
  const bare = splitNumbering(text.norm).text;
  if (bare.length === 0) return null;
  if (bare.length >= 2) {
    const prefixOf = candidates.filter((cand) => cand.text.startsWith(bare) && available(cand));
    if (prefixOf.length === 1) {
      const cand = prefixOf[0];
      return { candidate: cand, label: labelFrom(text, false, cand.canonical), remainder: cand.text.slice(bare.length) };
    }
  }
  let best: LabelCandidate<T> | null = null;
  let bestScore = 0;
  for (const cand of candidates) {
    if (!available(cand)) continue;
    const score = similarity(bare, cand.text);
    if (score > bestScore) {
      best = cand;
      bestScore = score;
    }
  }
  if (best && bestScore >= FUZZY_LABEL_SIMILARITY) {
    return { candidate: best, label: labelFrom(text, false, best.canonical), remainder: '' };
  }
  return null;
}

/** Labels broken over cells, waiting for their remaining text. */
export class PendingLabels {
  private readonly pending: { hit: LabelHit<unknown> }[] = [];

  add(hit: LabelHit<unknown>): void {
    if (hit.remainder !== '') this.pending.push({ hit });
  }

  /** Takes a cell that continues a broken label; true when the cell was absorbed. */
  absorb(token: Token): boolean {
    if (token.kind !== 'text') return false;
    for (let i = 0; i < this.pending.length; i++) {
      const { hit } = this.pending[i];
      if (token.norm.length > 0 && hit.remainder.startsWith(token.norm)) {
        hit.remainder = hit.remainder.slice(token.norm.length);
        hit.label.spans.push(token.span);
        hit.label.raw += token.raw;
        if (hit.remainder === '') {
          hit.label.exact = true;
          this.pending.splice(i, 1);
        }
        return true;
      }
    }
    return false;
  }
}
