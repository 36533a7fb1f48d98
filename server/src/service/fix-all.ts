// Fix-all: the one place that decides which fixes "fix all" applies, used by the language server's
// `source.fixAll.govreport` action and by `govreport fix`, so the editor and the command line can never
// disagree. A round takes each diagnostic's chosen fix unless it overlaps a fix taken before; fixes of
// dependent totals (a row total feeding （七）总计 feeding the balance) need the text analysed again, so
// rounds repeat until nothing changes (bounded). The rounds' edits are composed into one set of edits
// on the original text, so an editor gets a single WorkspaceEdit that touches only what changed.
// Positions are LSP positions (0-based line, UTF-16 code units); lines end at \r\n, \n or \r, as in LSP.
import type { Diagnostic, Fix, Position, Range, TextEdit } from './types';

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

/** The LSP position of an offset (the inverse of `offsetAt` for offsets outside line breaks). */
export function positionAt(text: string, starts: number[], offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= clamped) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: clamped - starts[low] };
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
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
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
  /** The diagnostics whose fix was accepted. */
  fixed: Diagnostic[];
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/**
 * Whole lines inserted at one place (each starting with a line break, or each ending with one) by the
 * same rule can go in together, one after the other in diagnostic order, which is the order in which
 * the rule reports missing rows or sections. Without this, a table missing twenty rows would need
 * twenty rounds. Different rules' insertions at one place wait for the next round: their order is not
 * diagnostic order (missing rows stacked behind missing section headings at the end of a table landed
 * in the new section, and never fixed their finding).
 */
function stackable(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start !== a.end || b.start !== b.end || a.start !== b.start || a.newText === '' || b.newText === '') return false;
  const leading = isLineBreak(a.newText.charCodeAt(0)) && isLineBreak(b.newText.charCodeAt(0));
  const trailing = isLineBreak(a.newText.charCodeAt(a.newText.length - 1)) && isLineBreak(b.newText.charCodeAt(b.newText.length - 1));
  return leading || trailing;
}

/**
 * Picks, in diagnostic order, each diagnostic's fix whose edits do not overlap any edit accepted before;
 * a fix is taken whole or not at all. Fixes left out can apply after the text is analysed again.
 */
export function selectFixes(text: string, diagnostics: Diagnostic[]): FixSelection {
  const starts = lineStarts(text);
  const eol = documentEol(text);
  const accepted: OffsetEdit[] = [];
  /** The rule whose fix each accepted edit belongs to. */
  const ruleOf = new Map<OffsetEdit, string>();
  const fixed: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const fix = chosenFix(diagnostic);
    if (!fix || fix.edits.length === 0) continue;
    const edits = fix.edits.map((edit) => toOffsetEdit(text, starts, edit, eol));
    const fresh: OffsetEdit[] = [];
    const stacked: { onto: OffsetEdit; edit: OffsetEdit }[] = [];
    let ok = true;
    for (const edit of edits) {
      if (accepted.some((other) => sameEdit(other, edit)) || fresh.some((other) => sameEdit(other, edit))) continue;
      if (fresh.some((other) => conflicts(other, edit))) {
        ok = false;
        break;
      }
      const against = accepted.filter((other) => conflicts(other, edit));
      if (against.length === 0) fresh.push(edit);
      else if (
        against.length === 1 &&
        ruleOf.get(against[0]) === diagnostic.rule &&
        stackable(against[0], edit) &&
        !stacked.some((entry) => entry.onto === against[0])
      ) {
        stacked.push({ onto: against[0], edit });
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const changes = fresh.filter((edit) => text.slice(edit.start, edit.end) !== edit.newText);
    if (changes.length === 0 && stacked.length === 0) continue;
    accepted.push(...changes);
    for (const change of changes) ruleOf.set(change, diagnostic.rule);
    for (const { onto, edit } of stacked) onto.newText += edit.newText;
    fixed.push(diagnostic);
  }
  return { edits: accepted, fixes: fixed.length, fixed };
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

/**
 * Folds `edits` (relative to `current`, none overlapping) into `composed` (relative to the original
 * text, sorted, none overlapping or touching; applying them to the original gives `current`). An edit
 * that meets an earlier round's edit is merged with it, so the result stays a plain set of edits on the
 * original text. Returns the new composed list and the new current text.
 */
function compose(composed: OffsetEdit[], current: string, edits: readonly OffsetEdit[]): { composed: OffsetEdit[]; current: string } {
  let list = composed;
  let text = current;
  // From the end backwards: an edit's offsets stay valid while only text after it has changed.
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    // Where each composed edit's replacement lies in the current text.
    let delta = 0;
    let deltaBefore = 0;
    let first = -1;
    let last = -1;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const imageStart = item.start + delta;
      const imageEnd = imageStart + item.newText.length;
      if (imageEnd < edit.start) deltaBefore = delta + item.newText.length - (item.end - item.start);
      else if (imageStart <= edit.end) {
        if (first < 0) first = i;
        last = i;
      } else break;
      delta += item.newText.length - (item.end - item.start);
    }
    let merged: OffsetEdit;
    if (first < 0) {
      merged = { start: edit.start - deltaBefore, end: edit.end - deltaBefore, newText: edit.newText };
      first = last = list.findIndex((item) => item.start >= merged.start);
      if (first < 0) first = last = list.length;
      list = [...list.slice(0, first), merged, ...list.slice(first)];
    } else {
      // The merged edit covers the new edit and every composed edit it meets, in both texts.
      const head = list[first];
      const tail = list[last];
      const headImage = head.start + deltaBefore;
      let tailDelta = deltaBefore;
      for (let i = first; i < last; i++) tailDelta += list[i].newText.length - (list[i].end - list[i].start);
      const tailImageEnd = tail.start + tailDelta + tail.newText.length;
      const from = Math.min(edit.start, headImage);
      const to = Math.max(edit.end, tailImageEnd);
      merged = {
        start: head.start - (headImage - from),
        end: tail.end + (to - tailImageEnd),
        newText: text.slice(from, edit.start) + edit.newText + text.slice(edit.end, to),
      };
      list = [...list.slice(0, first), merged, ...list.slice(last + 1)];
    }
    text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  }
  return { composed: list, current: text };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** An edit without the ends it leaves unchanged; never splits a surrogate pair. Null when it changes nothing. */
function trimEdit(original: string, edit: OffsetEdit): OffsetEdit | null {
  const old = original.slice(edit.start, edit.end);
  if (old === edit.newText) return null;
  let prefix = 0;
  while (prefix < old.length && prefix < edit.newText.length && old[prefix] === edit.newText[prefix]) prefix++;
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < edit.newText.length - prefix &&
    old[old.length - 1 - suffix] === edit.newText[edit.newText.length - 1 - suffix]
  ) {
    suffix++;
  }
  if (suffix > 0 && old.length - suffix > 0 && isHighSurrogate(old.charCodeAt(old.length - suffix - 1))) suffix--;
  return { start: edit.start + prefix, end: edit.end - suffix, newText: edit.newText.slice(prefix, edit.newText.length - suffix) };
}

export interface FixAllResult {
  /** The text after every round. */
  text: string;
  /** Edits on the original text that turn it into `text`: sorted, none overlapping, none a no-op. */
  edits: OffsetEdit[];
  /** Fixes applied over all rounds. */
  fixes: number;
  rounds: number;
  /** True when the last analysis offered no fix that changes the text (other than ineffective ones). */
  converged: boolean;
  /** Fixes left out because their finding came back unchanged after they were applied. */
  ineffective: number;
}

/** What identifies "the same fix for the same finding": rule, message and the text the fix writes. */
function fixKey(diagnostic: Diagnostic): string | null {
  const fix = chosenFix(diagnostic);
  if (!fix || fix.edits.length === 0) return null;
  return `${diagnostic.rule}\u0000${diagnostic.message}\u0000${fix.edits.map((edit) => edit.newText).join('\u0000')}`;
}

/** Where a diagnostic's chosen fix starts in `text`, as an offset. */
function fixStart(text: string, starts: number[], diagnostic: Diagnostic): number {
  const edit = chosenFix(diagnostic)!.edits[0];
  return Math.min(offsetAt(text, starts, edit.range.start), offsetAt(text, starts, edit.range.end));
}

/** Where `offset` of the text before `edits` lies after them (an edit starting at `offset` stays put). */
function mapOffset(offset: number, edits: readonly OffsetEdit[]): number {
  let mapped = offset;
  for (const edit of edits) if (edit.start < offset) mapped += edit.newText.length - (edit.end - edit.start);
  return mapped;
}

/**
 * The rounds of fix-all, one `yield` after each, so a caller can stop between rounds (the language
 * server lets a cancellation in there); the return value is the outcome.
 */
export function* fixAllRounds(
  text: string,
  analyzeText: (text: string) => Diagnostic[],
  maxRounds = 10,
): Generator<number, FixAllResult, void> {
  let current = text;
  let composed: OffsetEdit[] = [];
  let fixes = 0;
  let rounds = 0;
  let converged = false;
  // A fix whose finding comes back unchanged, at the place the fix went, does not work (a rule bug);
  // applying it again would only repeat the same edit, e.g. insert the same row ten times. Such a fix
  // is applied once and then left out.
  const ineffective = new Set<string>();
  /** "key@offset" of each fix applied in the last round, the offset mapped into the current text. */
  let applied = new Set<string>();
  while (rounds < maxRounds) {
    const diagnostics = analyzeText(current);
    if (applied.size > 0) {
      const starts = lineStarts(current);
      for (const diagnostic of diagnostics) {
        const key = fixKey(diagnostic);
        if (key !== null && applied.has(`${key}@${fixStart(current, starts, diagnostic)}`)) ineffective.add(key);
      }
    }
    const usable = ineffective.size === 0 ? diagnostics : diagnostics.filter((diagnostic) => !ineffective.has(fixKey(diagnostic) ?? ''));
    const selection = selectFixes(current, usable);
    if (selection.edits.length === 0) {
      converged = true;
      break;
    }
    const starts = lineStarts(current);
    applied = new Set(selection.fixed.map((diagnostic) => `${fixKey(diagnostic)}@${mapOffset(fixStart(current, starts, diagnostic), selection.edits)}`));
    rounds++;
    const next = compose(composed, current, selection.edits);
    composed = next.composed;
    current = next.current;
    fixes += selection.fixes;
    if (rounds < maxRounds) yield rounds;
  }
  const edits = composed.map((edit) => trimEdit(text, edit)).filter((edit): edit is OffsetEdit => edit !== null);
  return { text: current, edits, fixes, rounds, converged, ineffective: ineffective.size };
}

/**
 * Applies every fix `analyzeText` offers, re-analysing after each round, until a round changes nothing
 * or `maxRounds` rounds have run.
 */
export function fixAll(text: string, analyzeText: (text: string) => Diagnostic[], maxRounds = 10): FixAllResult {
  const rounds = fixAllRounds(text, analyzeText, maxRounds);
  for (;;) {
    const step = rounds.next();
    if (step.done) return step.value;
  }
}

/** LSP text edits on `text` for offset edits on it. */
export function toTextEdits(text: string, edits: readonly OffsetEdit[]): TextEdit[] {
  const starts = lineStarts(text);
  const range = (edit: OffsetEdit): Range => ({ start: positionAt(text, starts, edit.start), end: positionAt(text, starts, edit.end) });
  return edits.map((edit) => ({ range: range(edit), newText: edit.newText }));
}

export interface FixOutcome {
  text: string;
  /** Fixes applied over all rounds. */
  fixes: number;
  rounds: number;
}

/** The command line's view of `fixAll`: the fixed text and how many fixes it took. */
export function fixText(text: string, analyzeText: (text: string) => Diagnostic[], maxRounds = 10): FixOutcome {
  const { text: fixed, fixes, rounds } = fixAll(text, analyzeText, maxRounds);
  return { text: fixed, fixes, rounds };
}
