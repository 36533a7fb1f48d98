// Applying the fixes `analyze` offers as plain text edits.
// Positions are LSP positions (0-based line, UTF-16 code units); lines end at \r\n, \n or \r, as in LSP.
import type { Diagnostic, Fix, Position, TextEdit } from '../service/types';

/** Offsets (UTF-16 code units) at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The offset of an LSP position; out-of-range lines and characters are clamped, as LSP clients do. */
export function offsetAt(text: string, starts: number[], position: Position): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return text.length;
  const start = starts[position.line];
  let end = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  // The character cannot reach into the line break.
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return Math.min(start + Math.max(0, position.character), end);
}

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

function conflicts(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true; // overlapping spans
  // An insertion touching another edit: the order of the two would be a guess.
  const aEmpty = a.start === a.end;
  const bEmpty = b.start === b.end;
  if (aEmpty || bEmpty) return a.start <= b.end && b.start <= a.end;
  return false;
}

function sameEdit(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** The fix to apply for a diagnostic: the preferred one, else the first. */
export function chosenFix(diagnostic: Diagnostic): Fix | undefined {
  const fixes = diagnostic.fixes;
  if (!fixes || fixes.length === 0) return undefined;
  return fixes.find((fix) => fix.isPreferred) ?? fixes[0];
}

/** The document's line break when it uses \r\n throughout; inserted text then gets \r\n too. */
function documentEol(text: string): '\n' | '\r\n' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  return crlf > 0 && crlf === lf ? '\r\n' : '\n';
}

function adaptEol(newText: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? newText : newText.replace(/\r?\n/g, '\r\n');
}

export interface FixSelection {
  /** Edits of the accepted fixes, none overlapping another. */
  edits: OffsetEdit[];
  /** How many fixes were accepted. */
  fixes: number;
}

/**
 * Picks, in diagnostic order, each diagnostic's fix whose edits do not overlap any edit accepted before;
 * a fix is taken whole or not at all. Fixes left out can apply after the text is analysed again.
 */
export function selectFixes(text: string, diagnostics: Diagnostic[]): FixSelection {
  const starts = lineStarts(text);
  const eol = documentEol(text);
  const accepted: OffsetEdit[] = [];
  let fixes = 0;
  for (const diagnostic of diagnostics) {
    const fix = chosenFix(diagnostic);
    if (!fix || fix.edits.length === 0) continue;
    const edits = fix.edits.map((edit) => toOffsetEdit(text, starts, edit, eol));
    const fresh: OffsetEdit[] = [];
    let ok = true;
    for (const edit of edits) {
      if (accepted.some((other) => sameEdit(other, edit)) || fresh.some((other) => sameEdit(other, edit))) continue;
      if (accepted.some((other) => conflicts(other, edit)) || fresh.some((other) => conflicts(other, edit))) {
        ok = false;
        break;
      }
      fresh.push(edit);
    }
    if (!ok) continue;
    const changes = fresh.filter((edit) => text.slice(edit.start, edit.end) !== edit.newText);
    if (changes.length === 0) continue;
    accepted.push(...changes);
    fixes++;
  }
  return { edits: accepted, fixes };
}

function toOffsetEdit(text: string, starts: number[], edit: TextEdit, eol: '\n' | '\r\n'): OffsetEdit {
  let start = offsetAt(text, starts, edit.range.start);
  let end = offsetAt(text, starts, edit.range.end);
  if (end < start) [start, end] = [end, start];
  return { start, end, newText: adaptEol(edit.newText, eol) };
}

/** Applies non-overlapping edits, from the end of the text backwards. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error('overlapping edits');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** Applies LSP text edits (all relative to `text`, none overlapping). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  return applyEdits(
    text,
    edits.map((edit) => ({ start: offsetAt(text, starts, edit.range.start), end: offsetAt(text, starts, edit.range.end), newText: edit.newText })),
  );
}

export interface FixOutcome {
  text: string;
  /** Fixes applied over all rounds. */
  fixes: number;
  rounds: number;
}

/**
 * Applies every fix `analyzeText` offers, re-analysing after each round, until a round changes nothing
 * or `maxRounds` rounds have run.
 */
export function fixText(text: string, analyzeText: (text: string) => Diagnostic[], maxRounds = 10): FixOutcome {
  let current = text;
  let fixes = 0;
  let rounds = 0;
  while (rounds < maxRounds) {
    const selection = selectFixes(current, analyzeText(current));
    if (selection.edits.length === 0) break;
    const next = applyEdits(current, selection.edits);
    rounds++;
    if (next === current) break;
    current = next;
    fixes += selection.fixes;
  }
  return { text: current, fixes, rounds };
}
