// No regular expression in the language service may backtrack catastrophically (issue 5). Every regex
// literal and `new RegExp` in server/src/service is found with the TypeScript parser and checked by
// recheck (a static ReDoS checker with a fixed seed, so the verdict is deterministic). A pattern must
// be "safe"; the few that recheck calls polynomial are listed below with the reason they cannot blow
// up (they only ever see short, bounded strings), and the list must stay exact: a new vulnerable
// pattern, or a listed one that changed or went away, fails the test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { checkSync } = require('recheck');

const serviceDir = path.join(repoRoot, 'server/src/service');

/**
 * Polynomial patterns that are accepted, by source text, with the longest input they can see and the
 * highest degree accepted. Worst case: length^degree steps, here at most 120² ≈ 14,000.
 */
const BOUNDED = {
  // Applied to a heading candidate line of at most 80 characters without tabs (findSections).
  '^(\\s*(?:#{1,6}\\s*)?(?:\\*\\*\\s*)?)([一二三四五六七八九十]{1,2}|\\d{1,2})(\\s*[、.．,，:：]\\s*|\\s+)(\\S.*?)(\\s*(?:\\*\\*\\s*)?)$': { maxLength: 80, degree: 2 },
  // Strips trailing blanks and ** from a title line of at most 120 characters (findTitle).
  '\\s*(?:\\*\\*\\s*)?$': { maxLength: 120, degree: 2 },
  // Applied to template row texts only (addendName), never to the document.
  '（.*$': { maxLength: 120, degree: 2 },
  // Anchored, and the second part matches at most 80 characters: at most 80 steps per position of the
  // first part, so linear in the line (completion of a cell).
  '^([\\s|]*)([^\\t|]{0,80})$': { maxLength: Infinity, degree: 2, linearBecause: 'bounded second part' },
};

function collectPatterns() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(serviceDir);
  const patterns = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node) => `${path.relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const slash = text.lastIndexOf('/');
        patterns.push({ where: where(node), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') {
        // A pattern built at run time cannot be checked here unless it is a plain string literal.
        const [first, second] = node.arguments ?? [];
        if (first && ts.isStringLiteralLike(first) && (!second || ts.isStringLiteralLike(second))) {
          patterns.push({ where: where(node), source: first.text, flags: second?.text ?? '' });
        } else patterns.push({ where: where(node), source: null, flags: '' });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return patterns;
}

const patterns = collectPatterns();

test('the service has regular expressions to check', () => {
  assert.ok(patterns.length > 20, `only ${patterns.length} found`);
});

test('no regular expression in server/src/service can backtrack catastrophically', () => {
  const problems = [];
  const usedBounded = new Set();
  for (const pattern of patterns) {
    if (pattern.source === null) {
      problems.push(`${pattern.where}: RegExp built from a non-literal cannot be checked`);
      continue;
    }
    // Flags that recheck does not know (d, v) do not change backtracking.
    const flags = pattern.flags.replace(/[dv]/g, '');
    const result = checkSync(pattern.source, flags, { randomSeed: 0, timeout: 20_000 });
    if (result.status === 'safe') continue;
    const bounded = BOUNDED[pattern.source];
    if (result.status === 'vulnerable' && bounded && result.complexity.type === 'polynomial' && result.complexity.degree <= bounded.degree) {
      usedBounded.add(pattern.source);
      continue;
    }
    problems.push(`${pattern.where}: /${pattern.source}/${pattern.flags} is ${result.status} (${result.complexity?.summary ?? result.error?.kind ?? ''})`);
  }
  assert.deepEqual(problems, []);
  // Every accepted exception is still there (otherwise the list hides nothing and must shrink).
  assert.deepEqual(Object.keys(BOUNDED).filter((source) => !usedBounded.has(source)), []);
});

test('the check can fail: recheck flags exponential and polynomial patterns', () => {
  assert.equal(checkSync('^(a+)+$', '', { randomSeed: 0 }).status, 'vulnerable');
  const polynomial = checkSync('\\s*x?\\s*$', '', { randomSeed: 0 });
  assert.equal(polynomial.status, 'vulnerable');
  assert.equal(polynomial.complexity.type, 'polynomial');
  assert.equal(checkSync('^\\s*(?:\\|\\s*)?:?-{2,}', '', { randomSeed: 0 }).status, 'safe');
});

test('the bounded patterns stay bounded where they are used', () => {
  // The guards the BOUNDED list relies on: a heading candidate is at most 80 characters and has no tab,
  // a title line at most 120. If these guards go, the list above is wrong.
  const sections = fs.readFileSync(path.join(serviceDir, 'reader/sections.ts'), 'utf8');
  assert.match(sections, /text\.length > 80 \|\| text\.includes\('\\t'\)/);
  assert.match(sections, /line\.text\.length > 120\) continue/);
});
