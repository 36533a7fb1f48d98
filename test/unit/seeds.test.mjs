// The five real reports in ../shared/examples/seeds and the three samples in examples/: each parses,
// and reports exactly its real (or, in the 2022 sample, deliberate) defects. Every expectation in
// test/expected-findings.json was decided by reading the report against templates.md (the samples:
// against examples/README.md); the reason stands beside it, and for the text rules that stay quiet, the
// entry's "text" says why. Then the mutation suite: every value of tables 三 and 四 changed alone must be caught.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, offsetAt, repoRoot, seedsDir } from './fixtures.mjs';

/**
 * Which findings each seed and sample must get, and why: test/expected-findings.json (shared with the
 * extension-host suite in test/e2e/suite), flattened here to [rule, 1-based line] pairs.
 */
const expectedFindings = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/expected-findings.json'), 'utf8'));
const pairs = (entry) => ({ ...entry, findings: entry.findings.flatMap(({ rule, lines }) => lines.map((line) => [rule, line])) });
const flatten = (group) => Object.fromEntries(Object.entries(group).map(([file, entry]) => [file, pairs(entry)]));

const EXPECTED = flatten(expectedFindings.seeds);

/** The samples in examples/, with what only the mutation suite needs for the 2022 one. */
const EXAMPLES = flatten(expectedFindings.examples);
Object.assign(EXAMPLES['望湖街道办事处2022年政府信息公开工作年度报告.md'], {
  // Arithmetic findings the unchanged sample already has.
  arithmetic: 3,
  // The deliberate mistakes put right, as examples/README.md describes them: [1-based line, was, is].
  // The mutation suite runs on the repaired text, where every sum holds; on the text as it is, a
  // change to a cell of a sum that is already wrong may instead repair or offset the mistake.
  repairs: [
    [60, '| 1 | 0 |  | 0 |', '| 1 | 0 | 0 | 0 |'],
    [65, '| 1 | 0 | 6 |', '| 1 | 0 | 5 |'],
    [85, '| 1 | 3 | 0 |', '| 1 | 2 | 0 |'],
  ],
});

const ARITHMETIC = new Set(['row-total', 'result-total', 'group-total', 'balance', 'review-total']);

function sortKey([rule, line]) {
  return `${String(line).padStart(5, '0')} ${rule}`;
}

const findingKey = (d) => `${d.rule} ${d.range.start.line}:${d.range.start.character} ${d.message}`;

/**
 * Changes every placed value of tables 三 and 四 alone (up by one, and down by one when above zero) and
 * checks that an arithmetic rule reports a finding the unchanged text does not have, at the changed
 * cell or pointing to it (related information). Returns the counts and what was missed.
 */
function mutationRecall(text, result) {
  const baseline = new Set(result.diagnostics.filter((d) => ARITHMETIC.has(d.rule)).map(findingKey));
  let cells = 0;
  let caught = 0;
  let offsets = 0;
  const byRule = {};
  const missed = [];
  for (const table of result.tables.filter((candidate) => candidate.section !== 2)) {
    for (const row of table.rows) {
      for (const cell of row.cells ?? []) {
        if (cell.value === null) continue;
        const start = offsetAt(text, cell.range.start);
        const end = offsetAt(text, cell.range.end);
        for (const value of cell.value > 0 ? [cell.value + 1, cell.value - 1] : [cell.value + 1]) {
          cells++;
          const mutated = text.slice(0, start) + String(value) + text.slice(end);
          const arithmetic = analyze(mutated).diagnostics.filter((d) => ARITHMETIC.has(d.rule));
          const found = arithmetic.filter((d) => !baseline.has(findingKey(d)));
          const same = (r) => r.start.line === cell.range.start.line && r.start.character === cell.range.start.character;
          const hit = found.find((d) => same(d.range) || (d.relatedInformation ?? []).some((info) => same(info.range)));
          // Table 四 has one sum per group; only review-total can be the right rule there.
          if (hit && (table.section === 3 || hit.rule === 'review-total')) {
            caught++;
            byRule[hit.rule] = (byRule[hit.rule] ?? 0) + 1;
          } else if (found.length === 0 && arithmetic.length < baseline.size) {
            // No new finding, and one of the findings already there is gone: the change repaired or
            // offset a mistake that was already reported (only possible on a text with mistakes).
            offsets++;
          } else missed.push(`${row.label}/${cell.label} → ${value}`);
        }
      }
    }
  }
  return { cells, caught, offsets, byRule, missed };
}

const recall = { cells: 0, caught: 0 };

for (const [dir, expectations] of [
  [seedsDir, EXPECTED],
  [path.join(repoRoot, 'examples'), EXAMPLES],
]) {
  for (const [file, expected] of Object.entries(expectations)) {
    describe(`${dir === seedsDir ? 'seed' : 'sample'} ${file}`, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const result = analyze(text);

      test('year and format', () => {
        assert.equal(result.year, expected.year);
        assert.equal(result.format, expected.format);
        assert.deepEqual([...new Set(result.tables.map((table) => table.section))], [2, 3, 4]);
        assert.deepEqual(
          result.sections.map((section) => section.index).filter((index, i, all) => all.indexOf(index) === i),
          // The 2022 sample lacks section 六 on purpose.
          expected.findings.some(([rule]) => rule === 'section-missing') ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6],
        );
      });

      test('exactly its real defects', () => {
        const actual = result.diagnostics.map((d) => [d.rule, d.range.start.line + 1]).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
        const wanted = [...expected.findings].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
        assert.deepEqual(actual, wanted);
      });

      test('every range lies inside the document', () => {
        for (const diagnostic of result.diagnostics) {
          for (const r of [diagnostic.range, ...(diagnostic.relatedInformation ?? []).map((info) => info.range)]) {
            const start = offsetAt(text, r.start);
            const end = offsetAt(text, r.end);
            assert.ok(start <= end && end <= text.length, JSON.stringify(r));
          }
        }
      });

      test(expected.arithmetic ? 'only its deliberate arithmetic findings' : 'no arithmetic finding on the unchanged text', () => {
        assert.equal(result.diagnostics.filter((d) => ARITHMETIC.has(d.rule)).length, expected.arithmetic ?? 0);
      });

      /** The text with its deliberate mistakes put right (the seeds and clean samples need none). */
      function repaired() {
        const lines = text.split('\n');
        for (const [line, was, is] of expected.repairs ?? []) {
          assert.ok(lines[line - 1].includes(was), `line ${line}: ${lines[line - 1]}`);
          lines[line - 1] = lines[line - 1].replace(was, is);
        }
        return lines.join('\n');
      }

      test('mutation: every placed value of tables 三 and 四 changed alone is caught at or pointing to it', () => {
        const clean = repaired();
        const cleanResult = analyze(clean);
        assert.deepEqual(cleanResult.diagnostics.filter((d) => ARITHMETIC.has(d.rule) || d.rule === 'cell-blank').map((d) => d.message), []);
        const { cells, caught, offsets, byRule, missed } = mutationRecall(clean, cleanResult);
        recall.cells += cells;
        recall.caught += caught;
        assert.ok(cells > 0);
        assert.equal(offsets, 0);
        console.log(`# mutation recall ${file}: ${caught}/${cells} (${JSON.stringify(byRule)})`);
        assert.deepEqual(missed, []);
      });

      if (expected.repairs) {
        test('mutation of the text as it is: each change is caught, or repairs or offsets a deliberate mistake', () => {
          const { cells, caught, offsets, missed } = mutationRecall(text, result);
          console.log(`# mutation of ${file} with its mistakes: ${caught} caught, ${offsets} repair or offset a reported mistake, of ${cells}`);
          assert.ok(caught > 0 && offsets > 0);
          assert.deepEqual(missed, []);
        });
      }
    });
  }
}

test('mutation recall over all seeds and samples is 100%', () => {
  // Runs after the per-file suites above (node:test runs top-level tests in order).
  assert.ok(recall.cells > 1000, `only ${recall.cells} mutations`);
  console.log(`# mutation recall, all seeds and samples: ${recall.caught}/${recall.cells} = ${((100 * recall.caught) / recall.cells).toFixed(1)}%`);
  assert.equal(recall.caught, recall.cells);
});

test('the mutation check can fail: a change outside the tables is not counted as caught', () => {
  // A report whose only value row is outside any sum: changing it must show up as missed.
  const text = fs.readFileSync(path.join(seedsDir, '002_1b3f5fa6c3b14b9f.txt'), 'utf8');
  const result = analyze(text);
  const table = result.tables.find((candidate) => candidate.section === 4);
  const fake = { ...result, tables: [{ ...table, rows: table.rows.map((row) => ({ ...row, cells: row.cells?.map((cell) => ({ ...cell, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })) })) }] };
  const { missed } = mutationRecall(text, fake);
  assert.ok(missed.length > 0);
});

// The same reports in the shapes they arrive in: a table copied out of a PDF has runs of spaces where
// the Word file had tabs, and a label cell's second line ("三、本年度办理" / "结果") then stands in front of
// the next row's label on the same line. Every seed and sample keeps its findings (rule and message);
// only the count of blank cells may change, since spaces cannot show an empty cell.
test('tabs written as runs of spaces (a table copied out of a PDF) change no finding', () => {
  const key = (text) =>
    analyze(text)
      .diagnostics.map((d) => `${d.rule}|${d.message.replace(/；有 \d+ 个单元格为空白，没有数据时应填 0/, '')}`)
      .sort();
  const files = [
    ...fs.readdirSync(seedsDir).map((name) => path.join(seedsDir, name)),
    ...fs.readdirSync(path.join(repoRoot, 'examples')).filter((name) => /\.(txt|md)$/.test(name) && name !== 'README.md').map((name) => path.join(repoRoot, 'examples', name)),
  ];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(key(text.replace(/\t/g, '   ')), key(text), path.basename(file));
  }
});
