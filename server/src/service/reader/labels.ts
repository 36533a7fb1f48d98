// Matching the cells of a table against the template's labels: exactly (after normalisation), as the
// first part of a label broken over several cells ("（三）不予" … "公开"), or approximately (a wording
// that deviates, such as 社会组织 for 社会公益组织).
import type { LabelMatch, Token } from '../model';
import { ownKey } from '../memo';
import { bareLabel, normalizeLabel, similarity, splitNumbering } from '../text';

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
    accepted: accepted.map(bareLabel),
  };
}

/** The text of one cell, or of several consecutive cells read as one label. */
export interface LabelText {
  norm: string;
  raw: string;
  spans: Token['span'][];
}

export function labelTextOf(tokens: Token[]): LabelText {
  // Nearly every label is one cell: no intermediate arrays for it.
  if (tokens.length === 1) return { norm: tokens[0].norm, raw: tokens[0].raw, spans: [tokens[0].span] };
  return {
    norm: tokens.map((token) => token.norm).join(''),
    raw: tokens.map((token) => token.raw).join(''),
    spans: tokens.map((token) => token.span),
  };
}

function labelFrom(text: LabelText, exact: boolean, canonical: string): LabelMatch {
  return { spans: [...text.spans], raw: text.raw, exact, canonical };
}

/**
 * Lookup tables of one candidate list, built on first use and kept as long as the list: the template
 * lists are constants, so every table of every report reuses them.
 */
interface CandidateIndex {
  /** First candidate index per wording (cand.text). */
  text: Map<string, number>;
  /** First candidate index per accepted wording. */
  accepted: Map<string, number>;
  /** Per bare label text: the approximate-match data, see `approximations`. */
  approx: Map<string, Approximations>;
  /** Per normalised text: exactCandidate's answer (an index; the list's length for none). */
  exact: Map<string, number>;
}

interface Approximations {
  /** Candidates whose wording starts with the text. */
  prefixOf: number[];
  /** similarity(text, cand.text) for each candidate. */
  scores: number[];
}

const indexes = new WeakMap<LabelCandidate<unknown>[], CandidateIndex>();

function indexOf<T>(candidates: LabelCandidate<T>[]): CandidateIndex {
  let index = indexes.get(candidates);
  if (index === undefined) {
    index = { text: new Map(), accepted: new Map(), approx: new Map(), exact: new Map() };
    for (let i = 0; i < candidates.length; i++) {
      const cand = candidates[i];
      if (!index.text.has(cand.text)) index.text.set(cand.text, i);
      for (const form of cand.accepted) if (!index.accepted.has(form)) index.accepted.set(form, i);
    }
    indexes.set(candidates, index);
  }
  return index;
}

const prefixes = new WeakMap<LabelCandidate<unknown>[], Set<LabelCandidate<unknown>>>();

/**
 * Whether `cand`'s wording begins another candidate's of the same list ("其他" and
 * "其他法律行政法规禁止公开"): a cell with that wording may be the first piece of the longer label.
 */
export function beginsAnother<T>(cand: LabelCandidate<T>, candidates: LabelCandidate<T>[]): boolean {
  let set = prefixes.get(candidates);
  if (set === undefined) {
    set = new Set();
    for (const short of candidates) {
      if (candidates.some((long) => long !== short && long.text.length > short.text.length && long.text.startsWith(short.text))) set.add(short);
    }
    prefixes.set(candidates, set);
  }
  return set.has(cand);
}

/**
 * The first candidate whose wording a normalised label has exactly: its own wording with or without
 * the numbering, or an accepted wording without numbering.
 */
export function exactCandidate<T>(norm: string, candidates: LabelCandidate<T>[]): LabelCandidate<T> | null {
  if (norm.length === 0) return null;
  const index = indexOf(candidates);
  // Every cell of every table asks, of two lists: each distinct text is looked up once per list.
  let first = index.exact.get(norm);
  if (first === undefined) {
    const bare = splitNumbering(norm).text;
    // The lowest index among the three ways to match is the candidate the list order prefers.
    first = index.text.get(bare) ?? candidates.length;
    const whole = index.text.get(norm);
    if (whole !== undefined && whole < first) first = whole;
    const accepted = index.accepted.get(bare);
    if (accepted !== undefined && accepted < first) first = accepted;
    if (index.exact.size >= MAX_EXACT) index.exact.clear();
    index.exact.set(ownKey(norm), first);
  }
  return first < candidates.length ? candidates[first] : null;
}

/** Bounds the exact answers kept per candidate list (a document's distinct cell texts are a few hundred). */
const MAX_EXACT = 4096;

/** The hit for a text that has a candidate's wording exactly. */
export function exactHit<T>(cand: LabelCandidate<T>, text: LabelText): LabelHit<T> {
  return { candidate: cand, label: labelFrom(text, true, cand.canonical), remainder: '' };
}

/** The candidate whose wording the text has exactly (after normalisation), if any. */
export function matchExact<T>(text: LabelText, candidates: LabelCandidate<T>[]): LabelHit<T> | null {
  const cand = exactCandidate(text.norm, candidates);
  return cand ? exactHit(cand, text) : null;
}

/** Bounds the approximate-match data kept per candidate list (distinct deviating labels are few). */
const MAX_APPROXIMATIONS = 2048;

/** Prefix and similarity data of a bare label text against a candidate list, computed once per text. */
function approximations<T>(bare: string, candidates: LabelCandidate<T>[]): Approximations {
  const index = indexOf(candidates);
  let found = index.approx.get(bare);
  if (found === undefined) {
    const prefixOf: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < candidates.length; i++) {
      if (candidates[i].text.startsWith(bare)) prefixOf.push(i);
      scores.push(similarity(bare, candidates[i].text));
    }
    found = { prefixOf, scores };
    if (index.approx.size >= MAX_APPROXIMATIONS) index.approx.clear();
    index.approx.set(bare, found);
  }
  return found;
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
  return matchExact(text, candidates) ?? matchApprox(text, candidates, available);
}

/** The second half of `matchLabel`, for callers that already know the text matches no candidate exactly. */
export function matchApprox<T>(
  text: LabelText,
  candidates: LabelCandidate<T>[],
  available: (candidate: LabelCandidate<T>) => boolean,
): LabelHit<T> | null {
  const bare = splitNumbering(text.norm).text;
  if (bare.length === 0) return null;
  const { prefixOf, scores } = approximations(bare, candidates);
  if (bare.length >= 2) {
    let only: LabelCandidate<T> | null = null;
    let count = 0;
    for (const i of prefixOf) {
      if (!available(candidates[i])) continue;
      only = candidates[i];
      count++;
    }
    if (count > 1) {
      // Several labels begin so ("7.属于行" for 属于行政执法案卷 and 属于行政查询事项): the list number
      // written in front tells them apart when exactly one of them has it.
      const numbering = splitNumbering(text.norm).numbering;
      if (numbering !== '') {
        count = 0;
        for (const i of prefixOf) {
          if (!available(candidates[i]) || candidates[i].numbering !== numbering) continue;
          only = candidates[i];
          count++;
        }
      }
    }
    if (count === 1) {
      const cand = only!;
      return { candidate: cand, label: labelFrom(text, false, cand.canonical), remainder: cand.text.slice(bare.length) };
    }
  }
  let best: LabelCandidate<T> | null = null;
  let bestScore = 0;
  for (let i = 0; i < candidates.length; i++) {
    const score = scores[i];
    if (score <= bestScore || !available(candidates[i])) continue;
    best = candidates[i];
    bestScore = score;
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
    if (token.kind !== 'text' || this.pending.length === 0) return false;
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
    return this.absorbSeveral(token);
  }

  /** Whether a broken label waits for its remaining text. */
  get waiting(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Takes a cell that continues a broken row label in other words than the template's: the second part
   * of a wrapped label with a wording error ("2.其他法律" / "法规禁止公开" for 2.其他法律行政法规禁止公开,
   * "7.属于行" / "政执法案件"). Only the label whose last part is `previous` (the text cell just before)
   * takes it, when the cell is no label itself (the caller knows) and resembles what the label lacks.
   * The label stays inexact: its wording is still wrong. True when the cell was absorbed.
   */
  absorbDeviating(token: Token, previous: Token): boolean {
    if (token.kind !== 'text' || token.norm.length < 2 || splitNumbering(token.norm).numbering !== '') return false;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const { hit } = this.pending[i];
      const spans = hit.label.spans;
      if (spans[spans.length - 1].end !== previous.span.end) continue;
      if (similarity(token.norm, hit.remainder) < FUZZY_LABEL_SIMILARITY) return false;
      spans.push(token.span);
      hit.label.raw += token.raw;
      hit.remainder = '';
      this.pending.splice(i, 1);
      return true;
    }
    return false;
  }

  /**
   * A cell that is the rest of several broken labels side by side, in the order they were broken: the
   * second lines of wrapped header cells, which a PDF's text layer puts on one line ("社会公益 法律服务"
   * over "组织 机构"). Each label is completed with the cell.
   */
  private absorbSeveral(token: Token): boolean {
    let rest = token.norm;
    const taken: number[] = [];
    for (let i = 0; i < this.pending.length && rest.length > 0; i++) {
      const remainder = this.pending[i].hit.remainder;
      if (rest.startsWith(remainder)) {
        taken.push(i);
        rest = rest.slice(remainder.length);
      }
    }
    if (taken.length < 2 || rest !== '') return false;
    for (let k = taken.length - 1; k >= 0; k--) {
      const { hit } = this.pending[taken[k]];
      hit.label.spans.push(token.span);
      hit.label.raw += hit.remainder;
      hit.remainder = '';
      hit.label.exact = true;
      this.pending.splice(taken[k], 1);
    }
    return true;
  }
}
