// Bounded memo tables for pure functions of a string (cell classification, label matching, heading
// titles). Reports repeat the same few hundred cell texts and labels in every version of a document and
// in every report of a county; computing each once is what keeps analysis cheap on every keystroke.
// The memos hold only values derived from their key, never document state, so `analyze` stays a pure
// function: a hit returns exactly what a fresh computation would.

/**
 * An own copy of a key. A string sliced from a document keeps the whole document alive in V8; a memo
 * must not pin old document versions, so keys long enough to be slices are copied once, on insert.
 */
export function ownKey(key: string): string {
  // V8 copies slices shorter than 13 code units anyway; longer ones are flattened into a fresh string.
  return key.length < 13 ? key : (' ' + key).slice(1);
}

/**
 * Two generations of at most `limit` entries each: when the young one is full it becomes the old one
 * and the previous old one is dropped. Entries still in use move back to the young generation on a
 * hit, so the working set of a document survives while one-off texts age out.
 */
export class Memo<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.insert(key, aged);
    return aged;
  }

  set(key: string, value: V): void {
    this.insert(key, value);
  }

  private insert(key: string, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(ownKey(key), value);
  }
}

/**
 * Memoises a pure function of a long-lived object (a template list): computed once per object and kept
 * as long as the object lives. The value is shared by every caller: do not modify it. Not for objects
 * of one parse (a report, a table): V8's young-generation collector treats a WeakMap's young keys as
 * alive, so each such key, and everything it holds, would be copied and promoted to the old generation
 * (with tables as keys that was a tenth of a report's analysis). Keep such a value on the object itself.
 */
export function memoizeByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key: K): V => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      memo.set(key, value);
    }
    return value;
  };
}

/** Memoises a pure function of a string. Keys longer than `maxKey` are computed without memo. */
export function memoize<V>(compute: (key: string) => V, limit = 4096, maxKey = 200): (key: string) => V {
  const memo = new Memo<V>(limit);
  return (key: string): V => {
    if (key.length > maxKey) return compute(key);
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      memo.set(key, value);
    }
    return value;
  };
}
