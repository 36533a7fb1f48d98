// Inputs for the property tests: the real seeds, the samples in examples/ and crafted reports, and
// random mutations of them, described as data so fast-check can generate and shrink them and a failing
// case can be replayed from its printed recipe: mutate(baseTexts[index], mutations).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { makeReport, repoRoot, seedsDir } from './fixtures.mjs';

export const seedTexts = fs.readdirSync(seedsDir).sort().map((file) => fs.readFileSync(path.join(seedsDir, file), 'utf8'));
export const exampleDir = path.join(repoRoot, 'examples');
export const exampleTexts = fs
  .readdirSync(exampleDir)
  .filter((file) => /\.(txt|md)$/.test(file) && file !== 'README.md')
  .sort()
  .map((file) => fs.readFileSync(path.join(exampleDir, file), 'utf8'));
export const craftedTexts = ['tab', 'lines', 'pipe', 'space'].flatMap((layout) => [makeReport({ layout }), makeReport({ layout, year: 2020 })]);
export const baseTexts = [...seedTexts, ...exampleTexts, ...craftedTexts];

const HALF_TO_FULL = new Map([
  ...'0123456789'.split('').map((digit) => [digit, String.fromCharCode(digit.charCodeAt(0) + 0xfee0)]),
  ['(', '（'],
  [')', '）'],
  [',', '，'],
  ['.', '．'],
  [':', '：'],
  ['|', '｜'],
  [' ', '\u3000'],
]);

/** One width swap on a line: half-width → full-width, or full-width → half-width (NFKC). */
function swapWidth(line, toFull) {
  if (!toFull) return line.normalize('NFKC');
  return [...line].map((char) => HALF_TO_FULL.get(char) ?? char).join('');
}

/** A permutation of `items` chosen by `key` (deterministic, so shrinking and replay work). */
function permute(items, key) {
  const out = [...items];
  let state = key >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const LONG_UNITS = ['1\t', '一', ' ', '|', '12', '总计', '\u3000', 'a'];

/** Mutations, as data: fast-check generates and shrinks these; `mutate` applies them. */
export const mutationArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete'), at: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('repeat'), at: fc.nat(), to: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('swap'), at: fc.nat(), to: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('shuffle-cells'), at: fc.nat(), key: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('width'), at: fc.nat(), toFull: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('number'), at: fc.nat(), value: fc.oneof(fc.nat(99), fc.constantFrom('', '—', '-3', '1.5', '1,000', '007', '3万元')) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crlf'), cr: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert'), at: fc.nat(), text: fc.constantFrom('\ufeff', '\u0000', '\ud800', '\udc00', '\ud83d', '\t', '|', '\r', '\n', '\u2028', '\u200b') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert'), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('long-line'), at: fc.nat(), unit: fc.constantFrom(...LONG_UNITS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('columns'), at: fc.nat(), count: fc.integer({ min: 1000, max: 4000 }) }) },
);

export function mutate(text, mutations) {
  let lines = text.split('\n');
  let crlf = null;
  let bom = false;
  for (const mutation of mutations) {
    const at = lines.length === 0 ? 0 : mutation.at % lines.length;
    const to = lines.length === 0 ? 0 : (mutation.to ?? 0) % lines.length;
    switch (mutation.kind) {
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'repeat':
        lines.splice(to, 0, lines[at] ?? '');
        break;
      case 'swap':
        [lines[at], lines[to]] = [lines[to] ?? '', lines[at] ?? ''];
        break;
      case 'shuffle-cells': {
        const line = lines[at] ?? '';
        const separator = line.includes('\t') ? '\t' : line.includes('|') ? '|' : ' ';
        lines[at] = permute(line.split(separator), mutation.key).join(separator);
        break;
      }
      case 'width':
        lines[at] = swapWidth(lines[at] ?? '', mutation.toFull);
        break;
      case 'number': {
        // Replaces the n-th number of the line, or appends one.
        const line = lines[at] ?? '';
        const numbers = [...line.matchAll(/\d+/g)];
        if (numbers.length === 0) lines[at] = `${line}\t${mutation.value}`;
        else {
          const hit = numbers[mutation.at % numbers.length];
          lines[at] = line.slice(0, hit.index) + mutation.value + line.slice(hit.index + hit[0].length);
        }
        break;
      }
      case 'crlf':
        crlf = mutation.cr ? '\r' : '\r\n';
        break;
      case 'insert': {
        const line = lines[at] ?? '';
        const position = mutation.at % (line.length + 1);
        if (mutation.text === '\ufeff' && mutation.at % 2 === 0) bom = true;
        else lines[at] = line.slice(0, position) + mutation.text + line.slice(position);
        break;
      }
      case 'long-line':
        lines.splice(at, 0, mutation.unit.repeat(Math.ceil(100_000 / mutation.unit.length)));
        break;
      case 'columns':
        lines[at] = (lines[at] ?? '') + '\t0'.repeat(mutation.count);
        break;
      default:
        throw new Error(mutation.kind);
    }
  }
  return (bom ? '\ufeff' : '') + lines.join(crlf ?? '\n');
}

