// Turning the command line's PATH arguments into the list of documents to read.
// A directory is searched recursively for *.txt, *.md and *.govreport, skipping node_modules and folders
// whose name starts with a dot; entries are sorted by name so the output is the same on every machine.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Input =
  | { kind: 'stdin'; path: '-' }
  | { kind: 'file'; /** as shown */ path: string; absolutePath: string };

export interface InputError {
  path: string;
  reason: string;
}

export interface CollectedInputs {
  inputs: Input[];
  errors: InputError[];
}

export const REPORT_EXTENSIONS = /\.(txt|md|govreport)$/i;

/** Forward slashes, no "./" or "a/../" detours; absolute paths stay absolute. */
export function displayPath(given: string): string {
  const normalized = path.posix.normalize(given.replace(/\\/g, '/'));
  return normalized === '.' ? '.' : normalized.replace(/\/$/, '') || '/';
}

export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code === 'ENOENT') return 'no such file or directory (ENOENT)';
    if (code === 'EACCES' || code === 'EPERM') return `permission denied (${String(code)})`;
    if (code === 'EISDIR') return 'is a directory (EISDIR)';
    if (typeof message === 'string') return message;
  }
  return String(error);
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** `extensions`: the names searched for in folders (a file named explicitly is read whatever its name). */
export function collectInputs(args: readonly string[], cwd: string = process.cwd(), extensions: RegExp = REPORT_EXTENSIONS): CollectedInputs {
  const inputs: Input[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const visitedDirs = new Set<string>();

  const addFile = (shown: string, absolutePath: string) => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    inputs.push({ kind: 'file', path: shown, absolutePath });
  };

  const walk = (shown: string, absolutePath: string) => {
    let real: string;
    try {
      real = fs.realpathSync(absolutePath);
    } catch {
      real = absolutePath;
    }
    if (visitedDirs.has(real)) return; // a symlink loop or a folder given twice
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absolutePath, { withFileTypes: true });
    } catch (error) {
      errors.push({ path: shown, reason: describeError(error) });
      return;
    }
    entries.sort(byName);
    for (const entry of entries) {
      const childShown = shown === '.' ? entry.name : path.posix.join(shown, entry.name);
      const childAbsolute = path.join(absolutePath, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = fs.statSync(childAbsolute);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          continue; // a dangling link is not a document
        }
      }
      if (isDirectory) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        walk(childShown, childAbsolute);
      } else if (isFile && extensions.test(entry.name)) {
        addFile(childShown, childAbsolute);
      }
    }
  };

  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has('-')) {
        seen.add('-');
        inputs.push({ kind: 'stdin', path: '-' });
      }
      continue;
    }
    const shown = displayPath(arg);
    const absolutePath = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolutePath);
    } catch (error) {
      errors.push({ path: shown, reason: describeError(error) });
      continue;
    }
    if (stat.isDirectory()) walk(shown, absolutePath);
    else addFile(shown, absolutePath); // a file named explicitly is checked whatever its extension
  }
  return { inputs, errors };
}
