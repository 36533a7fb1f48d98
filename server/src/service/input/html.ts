// HTML in, report text out: a published web page (or the HTML mammoth makes of a Word file) becomes
// the plain-text layout the reader already understands, so every rule runs unchanged. Headings and
// paragraphs become lines; each table row becomes one tab-separated line in which the places covered
// by a rowspan/colspan are empty cells, exactly as merged cells look when a Word table is pasted as
// text (the reader drops such empty cells at the ends of a row's values and in label columns).
//
// Every character of the text keeps the HTML source offset it came from (`SourceMap`), so a finding
// can be shown at its table cell in the HTML file, and every table cell keeps its table, row and
// column, so a finding in a Word file can be named ("表三 第5行 第3列"). Pure: string in, text and map
// out; parse5 is plain JavaScript, so this also runs in the browser build.
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];

/**
 * A run of text offsets [text, text + length) from source offset `source`: one source character per
 * text character when `step` is 1 (copied text), all at `source` when it is 0 (separators, collapsed
 * white space, a decoded entity).
 */
export interface SourceSegment {
  text: number;
  source: number;
  length: number;
  step: 0 | 1;
}

/** One slot of a table's grid as written in the text: a cell, or a place covered by a merged cell. */
export interface CellPlace {
  /** The slot's text, and its separator (tab or line break) after it: an empty cell is a zero-width span there. */
  start: number;
  end: number;
  /** 1-based: the table's place among the document's data tables, the row and column in its grid. */
  table: number;
  row: number;
  column: number;
}

/** A line of running text (heading or paragraph) outside tables; `index` counts them from 1. */
export interface ParagraphPlace {
  start: number;
  end: number;
  index: number;
}

export interface SourceMap {
  /** In text order, covering the whole text. */
  segments: SourceSegment[];
  /** In text order. */
  cells: CellPlace[];
  paragraphs: ParagraphPlace[];
  /** How many data tables the document has. */
  tables: number;
}

export interface ReportText {
  text: string;
  map: SourceMap;
}

/** Where a text offset is in the document: a table cell, a paragraph, or neither (the end). */
export type Place =
  | { kind: 'cell'; table: number; row: number; column: number }
  | { kind: 'paragraph'; index: number }
  | null;

// Never part of the report: scripts, styles, forms and the semantic page chrome.
const SKIPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'nav', 'header', 'footer', 'aside', 'form', 'select', 'button', 'input', 'textarea', 'video', 'audio', 'map',
]);

// Government sites mostly mark their chrome with class names rather than tags. Only whole class or id
// tokens count, so "article-header" or "contentHead" are kept.
const CHROME = new Set([
  'nav', 'navbar', 'menu', 'header', 'head', 'top', 'topbar', 'footer', 'foot', 'bottom', 'breadcrumb',
  'breadcrumbs', 'crumb', 'crumbs', 'position', 'location', 'sidebar', 'share', 'copyright', 'toolbar',
  'banner', 'search', 'skip', 'related', 'pager', 'pagination',
]);

const BLOCKS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'html', 'li', 'main', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Spans larger than this are typing mistakes or attacks; a report table is never that big. */
const MAX_SPAN = 200;

function attr(element: Element, name: string): string | undefined {
  for (const a of element.attrs) if (a.name === name) return a.value;
  return undefined;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function isChrome(element: Element): boolean {
  if (SKIPPED.has(element.tagName)) return true;
  if (attr(element, 'hidden') !== undefined || attr(element, 'aria-hidden') === 'true') return true;
  const style = attr(element, 'style');
  if (style && /display\s*:\s*none/i.test(style)) return true;
  const role = attr(element, 'role');
  if (role === 'navigation' || role === 'banner' || role === 'contentinfo') return true;
  for (const name of [attr(element, 'id') ?? '', ...(attr(element, 'class') ?? '').split(/\s+/)]) {
    if (name && CHROME.has(name.toLowerCase())) return true;
  }
  return false;
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 0xa0;
}

/** A text being collected (a line, or one table cell), one source offset per UTF-16 code unit. */
class Run {
  chars: string[] = [];
  sources: number[] = [];
  /** At the edge of a block inside a cell: white space here is layout, not text. */
  private boundary = false;

  get empty(): boolean {
    return this.chars.length === 0;
  }

  /** Adds a character, collapsing white space the way a browser shows it. */
  add(char: string, source: number): void {
    if (isSpaceCode(char.charCodeAt(0))) {
      if (this.boundary || this.chars.length === 0 || this.chars[this.chars.length - 1] === ' ') return;
      char = ' ';
    }
    this.boundary = false;
    this.chars.push(char);
    this.sources.push(source);
  }

  /** Drops the white space at the end. */
  trimEnd(): void {
    while (this.chars.length > 0 && this.chars[this.chars.length - 1] === ' ') {
      this.chars.pop();
      this.sources.pop();
    }
  }

  /** Adds a character as it is (preformatted text: a report pasted into <pre> keeps its tabs). */
  addRaw(char: string, source: number): void {
    this.boundary = false;
    this.chars.push(char === '\r' || char === '\f' ? ' ' : char);
    this.sources.push(source);
  }

  /** The edge of a block (a <p> in a cell): blanks before and after it are dropped. */
  edge(): void {
    this.trimEnd();
    this.boundary = true;
  }

  reset(): void {
    this.chars = [];
    this.sources = [];
    this.boundary = false;
  }
}

/** The text being written and its map. */
class Output {
  private readonly parts: string[] = [];
  length = 0;
  readonly segments: SourceSegment[] = [];

  write(chars: readonly string[], sources: readonly number[]): void {
    for (let i = 0; i < chars.length; i++) this.writeChar(chars[i], sources[i]);
  }

  writeChar(char: string, source: number): void {
    this.parts.push(char);
    const last = this.segments[this.segments.length - 1];
    if (last && last.text + last.length === this.length) {
      const next = last.source + last.step * last.length;
      if (last.step === 1 && source === next) {
        last.length++;
      } else if (last.length === 1 && source === last.source + 1) {
        last.step = 1;
        last.length++;
      } else if (last.step === 0 && source === last.source) {
        last.length++;
      } else {
        this.segments.push({ text: this.length, source, length: 1, step: 0 });
      }
    } else {
      this.segments.push({ text: this.length, source, length: 1, step: 0 });
    }
    this.length++;
  }

  text(): string {
    return this.parts.join('');
  }
}

interface GridSlot {
  /** The cell that covers this place. */
  cell: Element;
  /** Whether this is the cell's own (top-left) place, which holds its text. */
  origin: boolean;
}

class Converter {
  private readonly out = new Output();
  private readonly line = new Run();
  private readonly cells: CellPlace[] = [];
  /** Inside <pre>: line breaks and tabs are the text's own. */
  private preformatted = false;
  private readonly paragraphs: ParagraphPlace[] = [];
  private tableCount = 0;

  constructor(private readonly source: string) {}

  run(root: Node): ReportText {
    this.block(root);
    this.flushLine();
    return {
      text: this.out.text(),
      map: { segments: this.out.segments, cells: this.cells, paragraphs: this.paragraphs, tables: this.tableCount },
    };
  }

  /** Ends the current line of running text, if it has any. */
  private flushLine(): void {
    this.line.trimEnd();
    if (this.line.empty) {
      this.line.reset();
      return;
    }
    const start = this.out.length;
    this.out.write(this.line.chars, this.line.sources);
    this.paragraphs.push({ start, end: this.out.length, index: this.paragraphs.length + 1 });
    this.out.writeChar('\n', this.line.sources[this.line.sources.length - 1] + 1);
    this.line.reset();
  }

  private block(node: Node): void {
    if (!('childNodes' in node)) return;
    for (const child of node.childNodes) this.node(child, this.line);
  }

  /** Walks a node, inline content going into `run`; blocks end lines (or, inside a cell, nothing). */
  private node(node: Node, run: Run, inCell = false): void {
    if (node.nodeName === '#text') {
      this.text(node as TextNode, run);
      return;
    }
    if (!isElement(node)) return;
    if (isChrome(node)) return;
    const tag = node.tagName;
    if (tag === 'table' && !inCell) {
      if (this.isDataTable(node)) {
        this.flushLine();
        this.table(node);
        return;
      }
    }
    if (tag === 'br') {
      if (inCell) run.edge();
      else this.flushLine();
      return;
    }
    if (tag === 'pre' && !inCell) {
      this.flushLine();
      this.preformatted = true;
      for (const child of node.childNodes) this.node(child, run, inCell);
      this.preformatted = false;
      this.flushLine();
      return;
    }
    const isBlock = BLOCKS.has(tag);
    if (isBlock) {
      if (inCell) run.edge();
      else this.flushLine();
    }
    for (const child of node.childNodes) this.node(child, run, inCell);
    if (isBlock) {
      if (inCell) run.edge();
      else this.flushLine();
    }
  }

  private text(node: TextNode, run: Run): void {
    if (this.preformatted && run === this.line) {
      this.preformattedText(node);
      return;
    }
    const value = node.value;
    const location = node.sourceCodeLocation;
    if (!location) {
      for (let i = 0; i < value.length; i++) run.add(value[i], 0);
      return;
    }
    const raw = this.source.slice(location.startOffset, location.endOffset);
    if (raw === value) {
      for (let i = 0; i < value.length; i++) run.add(value[i], location.startOffset + i);
      return;
    }
    // Entities and CRLF make the source longer than the text: walk both, an entity standing for the
    // characters it decodes to.
    let r = 0;
    for (let v = 0; v < value.length; v++) {
      const at = location.startOffset + Math.min(r, raw.length);
      if (r < raw.length && raw[r] === value[v]) {
        run.add(value[v], at);
        r++;
      } else if (raw[r] === '\r' && value[v] === '\n') {
        run.add('\n', at);
        r += raw[r + 1] === '\n' ? 2 : 1;
      } else if (raw[r] === '&') {
        const semicolon = raw.indexOf(';', r);
        const code = value.codePointAt(v) ?? 0;
        run.add(value[v], at);
        if (code > 0xffff) run.add(value[++v], at);
        r = semicolon >= 0 && semicolon - r <= 32 ? semicolon + 1 : r + 1;
      } else {
        run.add(value[v], at);
        r++;
      }
    }
  }

  /**
   * Text of a <pre> as lines of its own, tabs kept: a report published as preformatted text is already
   * in the layout the reader knows. Source offsets are exact unless entities intervene (then per node).
   */
  private preformattedText(node: TextNode): void {
    const value = node.value;
    const start = node.sourceCodeLocation?.startOffset ?? 0;
    const exact = node.sourceCodeLocation ? this.source.slice(start, node.sourceCodeLocation.endOffset) === value : false;
    for (let i = 0; i < value.length; i++) {
      const at = exact ? start + i : start;
      if (value[i] === '\n') {
        // Blank lines are kept as line breaks of their own: a blank line may end a table.
        if (this.line.empty) this.out.writeChar('\n', at);
        else this.flushLine();
      } else this.line.addRaw(value[i], at);
    }
  }

  /** A table of data, not a page layout table: it holds no other table. */
  private isDataTable(table: Element): boolean {
    const stack: Node[] = [...table.childNodes];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (!isElement(node)) continue;
      if (node.tagName === 'table') return false;
      stack.push(...node.childNodes);
    }
    return true;
  }

  private rowsOf(table: Element): Element[] {
    const rows: Element[] = [];
    const visit = (element: Element) => {
      for (const child of element.childNodes) {
        if (!isElement(child) || isChrome(child)) continue;
        if (child.tagName === 'tr') rows.push(child);
        else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') visit(child);
      }
    };
    visit(table);
    return rows;
  }

  private table(table: Element): void {
    // A caption is a line of its own before the table.
    for (const child of table.childNodes) {
      if (isElement(child) && child.tagName === 'caption') {
        for (const node of child.childNodes) this.node(node, this.line);
        this.flushLine();
      }
    }
    const rows = this.rowsOf(table);
    const grid: GridSlot[][] = rows.map(() => []);
    rows.forEach((row, r) => {
      let column = 0;
      for (const cell of row.childNodes) {
        if (!isElement(cell) || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
        while (grid[r][column] !== undefined) column++;
        const colspan = clampSpan(attr(cell, 'colspan'));
        // rowspan="0" reaches to the end of the table section; the end of the table is close enough.
        const rowspanAttr = attr(cell, 'rowspan');
        const rowspan = rowspanAttr !== undefined && rowspanAttr.trim() === '0' ? rows.length - r : clampSpan(rowspanAttr);
        for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
          for (let dc = 0; dc < colspan; dc++) grid[r + dr][column + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
        column += colspan;
      }
    });
    this.tableCount++;
    const tableIndex = this.tableCount;
    for (let r = 0; r < grid.length; r++) {
      const slots = grid[r];
      // Each place's text (empty where a merged cell covers it) and the source offset its end stands for.
      const placed: { run: Run; end: number }[] = [];
      for (let c = 0; c < slots.length; c++) {
        const slot = slots[c];
        const run = new Run();
        let end: number;
        if (slot === undefined) {
          // A row shorter than the others: nothing is there.
          end = rows[r].sourceCodeLocation?.endTag?.startOffset ?? rows[r].sourceCodeLocation?.endOffset ?? 0;
        } else {
          const location = slot.cell.sourceCodeLocation;
          const inner = location?.startTag?.endOffset ?? location?.startOffset ?? 0;
          end = location?.endTag?.startOffset ?? location?.endOffset ?? inner;
          if (slot.origin) {
            // Paragraphs and line breaks inside a cell join without a separator ("本年新收政府信息公开"
            // + "申请数量"); tabs and line breaks in its text are spaces by now, so a cell stays one cell.
            for (const child of slot.cell.childNodes) this.node(child, run, true);
            run.trimEnd();
          } else {
            // A place covered by a merged cell: empty, pointing at the cell that covers it.
            end = inner;
          }
        }
        placed.push({ run, end });
      }
      // A row with no text at all (a spacer, or wholly covered by cells above) says nothing.
      if (placed.every(({ run }) => run.empty)) continue;
      placed.forEach(({ run, end }, c) => {
        const start = this.out.length;
        this.out.write(run.chars, run.sources);
        this.cells.push({ start, end: this.out.length, table: tableIndex, row: r + 1, column: c + 1 });
        // The separator after a cell stands for that cell's end, so an empty cell (a zero-width span
        // at its separator) points into its own <td>.
        this.out.writeChar(c === placed.length - 1 ? '\n' : '\t', end);
      });
    }
  }
}

function clampSpan(value: string | undefined): number {
  const n = value === undefined ? 1 : parseInt(value, 10);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, MAX_SPAN);
}

/** The element that holds the report: an <article> or <main> about 政府信息公开, otherwise the whole page. */
function contentRoot(document: Node): Node {
  const candidates: Element[] = [];
  const stack: Node[] = [document];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('childNodes' in node)) continue;
    if (isElement(node)) {
      if (isChrome(node) && node.tagName !== 'head') continue;
      if (node.tagName === 'article' || node.tagName === 'main' || attr(node, 'role') === 'main') candidates.push(node);
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
  }
  for (const candidate of candidates) {
    if (textOf(candidate).includes('政府信息公开')) return candidate;
  }
  return document;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as TextNode).value;
  if (!('childNodes' in node)) return '';
  if (isElement(node) && isChrome(node)) return '';
  let text = '';
  for (const child of node.childNodes) text += textOf(child);
  return text;
}

/**
 * The report text of an HTML page and the map back into the HTML. Never throws on any string: parse5
 * recovers from every error the way browsers do.
 */
export function toReportText(html: string): ReportText {
  const source = String(html ?? '');
  const document = parse(source, { sourceCodeLocationInfo: true });
  return new Converter(source).run(contentRoot(document));
}

function segmentAt(map: SourceMap, offset: number): SourceSegment | undefined {
  const segments = map.segments;
  let low = 0;
  let high = segments.length - 1;
  if (high < 0 || offset < segments[0].text) return segments[0];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid].text <= offset) low = mid;
    else high = mid - 1;
  }
  return segments[low];
}

/** The HTML source offset of a text offset (the end of the text maps to just after its last character). */
export function sourceOffset(map: SourceMap, offset: number): number {
  const segment = segmentAt(map, offset);
  if (!segment) return 0;
  const within = offset - segment.text;
  if (within >= segment.length) return segment.source + (segment.step === 1 ? segment.length : 1);
  return segment.source + segment.step * within;
}

/** The HTML source span of a text span: a non-empty span ends just after the source of its last character. */
export function sourceSpan(map: SourceMap, start: number, end: number): { start: number; end: number } {
  const from = sourceOffset(map, start);
  if (end <= start) return { start: from, end: from };
  const to = sourceOffset(map, end - 1) + 1;
  return { start: from, end: Math.max(from, to) };
}

function findPlace<T extends { start: number; end: number }>(list: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = list[mid];
    if (offset < item.start) high = mid - 1;
    else if (offset > item.end) low = mid + 1;
    else return item;
  }
  return undefined;
}

/** The table cell or paragraph a text offset is in. */
export function placeAt(map: SourceMap, offset: number): Place {
  const cell = findPlace(map.cells, offset);
  if (cell) return { kind: 'cell', table: cell.table, row: cell.row, column: cell.column };
  const paragraph = findPlace(map.paragraphs, offset);
  if (paragraph) return { kind: 'paragraph', index: paragraph.index };
  return null;
}
