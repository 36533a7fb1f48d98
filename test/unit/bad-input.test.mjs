// Any string returns a result: no exception, no hang, every range inside the document.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyze, makeReport, offsetAt, seedsDir } from './fixtures.mjs';

function checkRanges(text, result) {
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (position) =>
    position.line >= 0 && position.line < lines.length && position.character >= 0 && position.character <= lines[position.line].length;
  for (const diagnostic of result.diagnostics) {
    for (const range of [diagnostic.range, ...(diagnostic.relatedInformation ?? []).map((info) => info.range)]) {
      assert.ok(inside(range.start) && inside(range.end), `${diagnostic.rule} ${JSON.stringify(range)}`);
      assert.ok(offsetAt(text, range.start) <= offsetAt(text, range.end));
    }
    for (const fix of diagnostic.fixes ?? []) for (const edit of fix.edits) assert.ok(inside(edit.range.start) && inside(edit.range.end));
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const cases = {
  empty: '',
  'binary bytes': String.fromCharCode(...Array.from({ length: 4096 }, (_, index) => (index * 37) % 256)),
  'NUL bytes': makeReport().replace(/0/g, '\u0000'),
  'lone surrogates': makeReport().replace(/一/g, '\ud800').replace(/二/g, '\udfff'),
  'a 1 MB single line': '一、总体情况'.repeat(170_000),
  'a table with 2,000 columns': makeReport().replace('一、本年新收政府信息公开申请数量\t', `一、本年新收政府信息公开申请数量\t${'1\t'.repeat(2000)}`),
  'nothing but headings': Array.from({ length: 3000 }, (_, index) => `${'一二三四五六'[index % 6]}、${['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'][index % 6]}`).join('\n'),
  'only tabs and pipes': '\t|\t|\n'.repeat(5000),
  'CR only line ends': makeReport().replace(/\n/g, '\r'),
  'labels without values': makeReport().replace(/\t\d+/g, ''),
  'values without labels': makeReport().replace(/^[^\t\n]+\t/gm, '\t'),
};

for (const [name, text] of Object.entries(cases)) {
  test(`bad input: ${name}`, () => {
    const result = analyze(text);
    assert.ok(Array.isArray(result.diagnostics));
    checkRanges(text, result);
  });
}

test('non-string input is treated as text', () => {
  assert.deepEqual(analyze(undefined).diagnostics, []);
  assert.deepEqual(analyze(null).diagnostics, []);
});

test('random mutations of the seeds: deleted, repeated and swapped lines, width swaps, random characters', () => {
  const next = random(20261122);
  const seeds = fs.readdirSync(seedsDir).map((file) => fs.readFileSync(path.join(seedsDir, file), 'utf8'));
  const alphabet = ['\t', '\n', '\r\n', '|', ' ', '0', '7', '一', '（', '）', '、', '总计', '\u0000', '\ud83d', '—', '１', '#'];
  for (let round = 0; round < 300; round++) {
    let lines = seeds[round % seeds.length].split('\n');
    const operations = 1 + Math.floor(next() * 6);
    for (let op = 0; op < operations; op++) {
      const at = Math.floor(next() * lines.length);
      const other = Math.floor(next() * lines.length);
      switch (Math.floor(next() * 6)) {
        case 0:
          lines.splice(at, 1);
          break;
        case 1:
          lines.splice(at, 0, lines[other]);
          break;
        case 2:
          [lines[at], lines[other]] = [lines[other], lines[at]];
          break;
        case 3:
          lines[at] = (lines[at] ?? '').normalize('NFKC');
          break;
        case 4: {
          const line = lines[at] ?? '';
          const position = Math.floor(next() * (line.length + 1));
          lines[at] = line.slice(0, position) + alphabet[Math.floor(next() * alphabet.length)] + line.slice(position);
          break;
        }
        default:
          lines[at] = (lines[at] ?? '').split('\t').reverse().join('\t');
      }
    }
    const text = lines.join('\n');
    checkRanges(text, analyze(text));
  }
});
