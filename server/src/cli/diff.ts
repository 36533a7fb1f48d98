// A line-based unified diff (the format `diff -u`, `patch` and `git apply` read), for `fix --dry-run`.
// Lines are compared with their line break, so a changed line break shows as a changed line; a last
// line without a line break gets the "\ No newline at end of file" marker.

type Op = { kind: '=' | '-' | '+'; line: string };

/** Splits after each \n, keeping it; a final line without a line break is kept too. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Beyond this many differences the middle is shown as one replacement (still a correct diff). */
const MAX_EDIT_DISTANCE = 4000;

/** Myers' O(ND) difference algorithm; null when the distance exceeds `limit`. */
function myers(a: readonly string[], b: readonly string[], limit: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, limit);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3).fill(-1);
  v[offset + 1] = 0;
  // trace[d] holds v[k] for k in [-d-1, d+1] as it was before step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[], depth: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d >= 0; d--) {
    const snapshot = trace[d];
    const at = (k: number) => snapshot[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY && x > 0 && y > 0) {
      ops.push({ kind: '=', line: a[x - 1] });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[y - 1] });
      else ops.push({ kind: '-', line: a[x - 1] });
      x = prevX;
      y = prevY;
    }
  }
  return ops.reverse();
}

/** The line operations turning `a` into `b`: common head and tail, then Myers on the middle. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB, MAX_EDIT_DISTANCE) ?? [
    ...midA.map((line): Op => ({ kind: '-', line })),
    ...midB.map((line): Op => ({ kind: '+', line })),
  ];
  return [
    ...a.slice(0, head).map((line): Op => ({ kind: '=', line })),
    ...middle,
    ...a.slice(a.length - tail).map((line): Op => ({ kind: '=', line })),
  ];
}

function formatLine(prefix: string, line: string): string {
  return line.endsWith('\n') ? prefix + line : `${prefix}${line}\n\\ No newline at end of file\n`;
}

function range(start: number, count: number): string {
  // An empty range names the line before it (0 at the very top), as diff -u does.
  return `${count === 0 ? start - 1 : start},${count}`;
}

/**
 * The unified diff from `oldText` to `newText` with `context` lines around each change; "" when equal.
 */
export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const changes: number[] = [];
  ops.forEach((op, index) => {
    if (op.kind !== '=') changes.push(index);
  });
  if (changes.length === 0) return '';

  // Group changes whose gap of unchanged lines is at most twice the context.
  const groups: Array<[number, number]> = [];
  let first = changes[0];
  let last = changes[0];
  for (const index of changes.slice(1)) {
    if (index - last - 1 > 2 * context) {
      groups.push([first, last]);
      first = index;
    }
    last = index;
  }
  groups.push([first, last]);

  // Line numbers (1-based) of each op's position in the old and new text.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 1;
  let n = 1;
  for (const op of ops) {
    oldLine.push(o);
    newLine.push(n);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') n++;
  }

  let out = `--- ${oldLabel}\n+++ ${newLabel}\n`;
  for (const [from, to] of groups) {
    const start = Math.max(0, from - context);
    const end = Math.min(ops.length - 1, to + context);
    let oldCount = 0;
    let newCount = 0;
    let body = '';
    for (let i = start; i <= end; i++) {
      const op = ops[i];
      if (op.kind !== '+') oldCount++;
      if (op.kind !== '-') newCount++;
      body += formatLine(op.kind === '=' ? ' ' : op.kind, op.line);
    }
    out += `@@ -${range(oldLine[start], oldCount)} +${range(newLine[start], newCount)} @@\n${body}`;
  }
  return out;
}
