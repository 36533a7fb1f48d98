// Inline suppression: HTML comments in a report that switch rules off for a line or a stretch of lines.
//
//   <!-- govreport-disable-next-line cell-blank row-total -->   the next line that is not a comment
//   <!-- govreport-disable cell-blank -->  …  <!-- govreport-enable cell-blank -->
//   <!-- govreport-disable -->  …  <!-- govreport-enable -->     no ids: every rule
//   <!-- govreport-disable-next-line cell-blank -- 本街道无此项业务 -->   text after "--" is a reason
//
// A directive must be the only thing on its line (a comment inside a table row would be a cell). The
// same comments are plain text in a .txt report, so they work there too. The reader blanks every
// comment line (maskComments) so that neither a directive nor any other comment is read as prose or as a
// table cell; filtering happens once, on the complete list of a document's findings (its own and the
// workspace rules'), in applySuppressions. Pure: no I/O.
import { LineIndex, type Line } from './text';
import type { Diagnostic, Fix, Locale, Range, SeveritySetting } from './types';

export const UNUSED_SUPPRESSION = 'unused-suppression';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';

export interface DirectiveId {
  id: string;
  /** Where the id is written in the comment. */
  range: Range;
}

export interface Directive {
  kind: DirectiveKind;
  /** The comment's line. */
  line: number;
  /** The whole comment. */
  range: Range;
  /** The rule ids; empty for "every rule". */
  ids: DirectiveId[];
  /** For disable-next-line: the line it covers (the next line that is not a comment), or -1 at the end. */
  target: number;
}

export interface Suppressions {
  directives: Directive[];
}

const NONE: Suppressions = { directives: [] };

// ---------------------------------------------------------------------------------------------------
// Comment lines

/**
 * Lines that hold nothing but an HTML comment (one that may span lines), by index. A comment that shares
 * its line with other text is not a comment line: in a .txt report "<!--" can be real text.
 */
export function commentLines(lines: readonly Line[]): Set<number> {
  const found = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const open = text.indexOf('<!--');
    if (open < 0 || text.slice(0, open).trim() !== '') continue;
    // Find the end of the comment, possibly some lines further down.
    let j = i;
    let close = text.indexOf('-->', open + 4);
    while (close < 0 && j + 1 < lines.length) {
      j++;
      close = lines[j].text.indexOf('-->');
    }
    // Never closed: no later line can close a comment either.
    if (close < 0) break;
    // Lines read once: a comment followed by text is not a comment line, and neither is what it spans.
    if (lines[j].text.slice(close + 3).trim() === '') for (let k = i; k <= j; k++) found.add(k);
    i = j;
  }
  return found;
}

/** Blanks the comment lines of a parsed text in place, so the reader sees them as empty lines. */
export function maskComments(lines: LineIndex): void {
  if (!lines.text.includes('<!--')) return;
  for (const index of commentLines(lines.lines)) lines.lines[index].text = '';
}

// ---------------------------------------------------------------------------------------------------
// Reading directives

const DIRECTIVE = /^(\s*<!--\s*)govreport-(disable-next-line|disable|enable)(?=\s|-->|$)([\s\S]*?)-->\s*$/;
const ID = /[^\s,，、]+/g;

/** The directives of a text, in document order. Cheap when the text has no comment at all. */
export function readSuppressions(text: string, lines?: LineIndex): Suppressions {
  if (!text.includes('govreport-')) return NONE;
  const index = lines ?? new LineIndex(text);
  const comments = commentLines(index.lines);
  const directives: Directive[] = [];
  // The first line after each run of comment lines, so a stack of directives costs no rescans.
  const runEnd = new Map<number, number>();
  const afterRun = (line: number): number => {
    let end = runEnd.get(line);
    if (end === undefined) {
      end = line + 1;
      while (comments.has(end)) end++;
      for (let k = line; k < end; k++) runEnd.set(k, end);
    }
    return end;
  };
  for (const lineNumber of comments) {
    const line = index.lines[lineNumber];
    const match = DIRECTIVE.exec(line.text);
    if (!match) continue;
    const kind = match[2] as DirectiveKind;
    let body = match[3];
    const bodyStart = match[1].length + 'govreport-'.length + kind.length;
    // "-- reason": the rest is for the reader, not a rule id.
    const reason = body.search(/(^|\s)--(\s|$)/);
    if (reason >= 0) body = body.slice(0, reason);
    const ids: DirectiveId[] = [];
    for (const id of body.matchAll(ID)) {
      const start = bodyStart + (id.index ?? 0);
      ids.push({ id: id[0], range: { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: start + id[0].length } } });
    }
    const lead = match[1].length - match[1].trimStart().length;
    const end = line.text.trimEnd().length;
    let target = -1;
    if (kind === 'disable-next-line') {
      const next = afterRun(lineNumber);
      if (next < index.lines.length) target = next;
    }
    directives.push({
      kind,
      line: lineNumber,
      range: { start: { line: lineNumber, character: lead }, end: { line: lineNumber, character: end } },
      ids,
      target,
    });
  }
  directives.sort((a, b) => a.line - b.line);
  return { directives };
}

// ---------------------------------------------------------------------------------------------------
// Filtering

export interface SuppressOptions {
  locale?: Locale;
  /** The effective severities: suppressions of a rule that is off are not reported as unused. */
  rules?: Record<string, SeveritySetting>;
  /** Every rule id there is (unknown ids in a directive are reported). */
  knownRules: ReadonlySet<string>;
  /**
   * The rules whose findings are in the list only when the caller checked them (the workspace rules):
   * unless `workspaceChecked`, a suppression that names only such rules is never called unused.
   */
  workspaceRules?: ReadonlySet<string>;
  workspaceChecked?: boolean;
  /** false: filter only, report no unused suppression (a text that is not a report). */
  reportUnused?: boolean;
  /** The unused-suppression rule's documentation page. */
  href?: string;
}

/** "Who suppressed it": a directive and the id in it (-1: the directive names no id, so every rule). */
type Use = `${number}:${number}`;

/**
 * The findings that no directive suppresses, followed by one `unused-suppression` finding per directive
 * id that suppressed nothing (and per unknown rule id). Directives apply in document order:
 * disable-next-line covers its target line; disable opens a stretch for its ids (or every rule) that
 * the matching enable closes; an enable of one id inside a "disable every rule" stretch re-enables that
 * rule only. A finding belongs to the line its range starts on.
 */
export function applySuppressions(suppressions: Suppressions, diagnostics: readonly Diagnostic[], options: SuppressOptions): Diagnostic[] {
  const directives = suppressions.directives;
  if (directives.length === 0) return diagnostics.slice();
  const en = options.locale === 'en';
  const used = new Set<Use>();
  const unused: { directive: number; id: number; message: string }[] = [];
  const known = options.knownRules;

  // Next-line directives by target line.
  const nextLine = new Map<number, number[]>();
  directives.forEach((directive, d) => {
    if (directive.kind !== 'disable-next-line' || directive.target < 0) return;
    const list = nextLine.get(directive.target) ?? [];
    list.push(d);
    nextLine.set(directive.target, list);
  });

  // Sweep findings in line order, applying disable/enable directives as their lines are passed.
  const order = diagnostics.map((_, i) => i).sort((a, b) => diagnostics[a].range.start.line - diagnostics[b].range.start.line || a - b);
  const suppressed = new Uint8Array(diagnostics.length);
  const specific = new Map<string, Use>();
  let all: Use | null = null;
  const allExcept = new Set<string>();
  let next = 0;
  const advance = (line: number) => {
    while (next < directives.length && directives[next].line < line) {
      const d = next++;
      const directive = directives[d];
      if (directive.kind === 'disable') {
        if (directive.ids.length === 0) {
          // A second "disable everything" inside the first suppresses nothing the first does not.
          if (all === null) all = `${d}:-1`;
          allExcept.clear();
        }
        directive.ids.forEach((entry, k) => {
          if (!specific.has(entry.id)) specific.set(entry.id, `${d}:${k}`);
          allExcept.delete(entry.id);
        });
      } else if (directive.kind === 'enable') {
        if (directive.ids.length === 0) {
          if (all === null && specific.size === 0) unused.push({ directive: d, id: -1, message: en ? 'This enable comment enables nothing: no rule is disabled here' : '此 enable 注释没有作用：此处没有被忽略的规则' });
          all = null;
          allExcept.clear();
          specific.clear();
        }
        directive.ids.forEach((entry, k) => {
          const wasOff = specific.delete(entry.id) || (all !== null && !allExcept.has(entry.id));
          if (all !== null) allExcept.add(entry.id);
          if (!wasOff && known.has(entry.id)) {
            unused.push({ directive: d, id: k, message: en ? `This enable comment enables nothing: ${entry.id} is not disabled here` : `此 enable 注释没有作用：此处 ${entry.id} 并未被忽略` });
          }
        });
      }
    }
  };
  for (const i of order) {
    const diagnostic = diagnostics[i];
    const line = diagnostic.range.start.line;
    const rule = diagnostic.rule;
    if (rule === UNUSED_SUPPRESSION) continue;
    advance(line + 1);
    let by: Use | null = null;
    for (const d of nextLine.get(line) ?? []) {
      const ids = directives[d].ids;
      if (ids.length === 0) by = `${d}:-1`;
      else {
        const k = ids.findIndex((entry) => entry.id === rule);
        if (k >= 0) by = `${d}:${k}`;
      }
      if (by) break;
    }
    if (!by) by = specific.get(rule) ?? null;
    if (!by && all !== null && !allExcept.has(rule)) by = all;
    if (by) {
      suppressed[i] = 1;
      used.add(by);
    }
  }
  advance(Number.POSITIVE_INFINITY);

  const kept = diagnostics.filter((_, i) => suppressed[i] === 0);
  if (options.reportUnused === false) return kept;
  const severity = options.rules?.[UNUSED_SUPPRESSION] ?? 'info';
  if (severity === 'off') return kept;
  const isOff = (id: string) => options.rules?.[id] === 'off';
  const quietWorkspace = (id: string) => !options.workspaceChecked && (options.workspaceRules?.has(id) ?? false);
  const findings: { range: Range; message: string }[] = [];
  directives.forEach((directive, d) => {
    if (directive.kind === 'enable') return;
    const what = directive.kind === 'disable-next-line' ? 'disable-next-line' : 'disable';
    if (directive.ids.length === 0) {
      if (!used.has(`${d}:-1`)) {
        findings.push({
          range: directive.range,
          message: en ? `This ${what} comment suppresses nothing: no finding here` : `此 ${what} 注释没有忽略任何问题：此处没有问题`,
        });
      }
      return;
    }
    directive.ids.forEach((entry, k) => {
      if (!known.has(entry.id)) {
        findings.push({ range: entry.range, message: en ? `Unknown rule id ${entry.id}` : `未知的规则名 ${entry.id}` });
        return;
      }
      if (used.has(`${d}:${k}`) || isOff(entry.id) || quietWorkspace(entry.id)) return;
      findings.push({
        range: entry.range,
        message: en ? `This ${what} comment suppresses nothing: no ${entry.id} finding here` : `此 ${what} 注释没有忽略任何问题：此处没有 ${entry.id} 问题`,
      });
    });
  });
  for (const entry of unused) {
    const directive = directives[entry.directive];
    findings.push({ range: entry.id < 0 ? directive.range : directive.ids[entry.id].range, message: entry.message });
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (const finding of findings) {
    kept.push({ rule: UNUSED_SUPPRESSION, severity, message: finding.message, range: finding.range, href: options.href ?? '' });
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------
// Quick fixes: offered by the editor next to each finding's own fixes, never part of fix-all (they
// hide a problem rather than fix it).

// An editor asks for the fixes of every finding in view at once, all on one text: index its lines once.
let lastText: string | undefined;
let lastLines: LineIndex | undefined;
function linesOf(text: string): LineIndex {
  if (text !== lastText || !lastLines) {
    lastText = text;
    lastLines = new LineIndex(text);
  }
  return lastLines;
}

function eolOf(text: string): string {
  const lf = text.indexOf('\n');
  if (lf > 0 && text.charCodeAt(lf - 1) === 13) return '\r\n';
  if (lf < 0 && text.includes('\r')) return '\r';
  return '\n';
}

function appendId(line: Line, lineNumber: number, rule: string): Fix['edits'][number] | null {
  const match = DIRECTIVE.exec(line.text);
  if (!match) return null;
  const body = match[3];
  if (body.trim() === '' || /(^|\s)--(\s|$)/.test(body)) return null; // every rule already, or a reason to keep last
  const ids: string[] = body.match(ID) ?? [];
  if (ids.includes(rule)) return null;
  const at = match[1].length + 'govreport-'.length + match[2].length + body.trimEnd().length;
  return { range: { start: { line: lineNumber, character: at }, end: { line: lineNumber, character: at } }, newText: ` ${rule}` };
}

/**
 * "在此行忽略此规则" (a disable-next-line comment above the finding's line, indented like it, in the
 * document's line breaks; or the id added to such a comment already there) and "在此文件中忽略此规则" (a
 * disable comment at the very top of the document, so the whole file including its title line is
 * covered; or the id added to a disable comment already on the first line).
 */
export function suppressionFixes(text: string, diagnostic: Pick<Diagnostic, 'rule' | 'range'>, locale: Locale = 'zh-CN'): Fix[] {
  const en = locale === 'en';
  const rule = diagnostic.rule;
  if (!rule || rule === UNUSED_SUPPRESSION || rule === 'max-size' || /\s/.test(rule)) return [];
  const lines = linesOf(text);
  const eol = eolOf(text);
  const lineNumber = Math.min(Math.max(0, diagnostic.range.start.line), lines.lines.length - 1);
  const line = lines.lines[lineNumber];
  const fixes: Fix[] = [];

  const above = lineNumber > 0 ? lines.lines[lineNumber - 1] : null;
  const merged = above && /govreport-disable-next-line/.test(above.text) ? appendId(above, lineNumber - 1, rule) : null;
  const indent = /^[ \t\u3000]*/.exec(line.text)?.[0] ?? '';
  fixes.push({
    title: en ? `Ignore ${rule} on this line` : `在此行忽略此规则（${rule}）`,
    edits: [
      merged ?? {
        range: { start: { line: lineNumber, character: 0 }, end: { line: lineNumber, character: 0 } },
        newText: `${indent}<!-- govreport-disable-next-line ${rule} -->${eol}`,
      },
    ],
  });

  const first = lines.lines[0];
  // The editor's text has no BOM as a character, but a text read from disk may: insert after it.
  const bom = first.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const top = /^\uFEFF?\s*<!--\s*govreport-disable(?=\s)/.test(first.text) ? appendId({ ...first, text: first.text.slice(bom) }, 0, rule) : null;
  if (top) top.range = { start: { line: 0, character: top.range.start.character + bom }, end: { line: 0, character: top.range.end.character + bom } };
  fixes.push({
    title: en ? `Ignore ${rule} in this file` : `在此文件中忽略此规则（${rule}）`,
    edits: [top ?? { range: { start: { line: 0, character: bom }, end: { line: 0, character: bom } }, newText: `<!-- govreport-disable ${rule} -->${eol}` }],
  });
  return fixes;
}

/** The edit that deletes a directive's whole line (for the unused-suppression finding). */
export function removeDirectiveFix(text: string, range: Range, locale: Locale = 'zh-CN'): Fix | null {
  const lines = linesOf(text);
  const line = lines.lines[range.start.line];
  if (!line || !DIRECTIVE.test(line.text)) return null;
  const nextLine = lines.lines[range.start.line + 1];
  const edit = nextLine
    ? { range: { start: { line: line.index, character: 0 }, end: { line: line.index + 1, character: 0 } }, newText: '' }
    : { range: { start: { line: line.index, character: 0 }, end: { line: line.index, character: line.end - line.start } }, newText: '' };
  return { title: locale === 'en' ? 'Remove this govreport comment' : '删除此忽略注释', edits: [edit] };
}
