// What an analysis leaves behind. A report's parsed model is garbage once its result is built; nothing
// of it may stay reachable from the next analysis, or V8 copies it out of the young generation and
// promotes it (a WeakMap keyed by parsed tables did that: every table, with all its rows and tokens,
// went to the old generation, and collection took a fifth of the time). Measured in bytes from V8's
// own collector trace, never in time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot, seedsDir } from './fixtures.mjs';

/** Bytes promoted to the old generation per analysis of `file`, once the code is warm. */
function promotedPerAnalysis(file, runs) {
  const script = `
    const { analyze } = require(${JSON.stringify(path.join(repoRoot, 'server/dist/index.js'))});
    const text = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8');
    for (let i = 0; i < 1500; i++) analyze(text);
    console.log('-- measured --');
    for (let i = 0; i < ${runs}; i++) analyze(text);
  `;
  // A fixed young generation, so the trace does not depend on how V8 sizes it on this machine.
  const child = spawnSync(process.execPath, ['--trace-gc-nvp', '--min-semi-space-size=16', '--max-semi-space-size=16', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(child.status, 0, child.stderr);
  const measured = child.stdout.slice(child.stdout.indexOf('-- measured --'));
  let promoted = 0;
  let scavenges = 0;
  for (const line of measured.split('\n')) {
    if (!/\bgc=s\b/.test(line)) continue;
    scavenges++;
    promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? NaN);
  }
  return { perAnalysis: promoted / runs, scavenges };
}

test('analysing a report again and again promotes (almost) nothing to the old generation', () => {
  const { perAnalysis, scavenges } = promotedPerAnalysis(path.join(seedsDir, '004_6f3e4622a0ccbca1.txt'), 3000);
  // The run allocates about 900 MB, so the young generation is collected many times over.
  assert.ok(scavenges >= 10, `only ${scavenges} young-generation collections were traced`);
  // About 200 KB of one analysis is alive at any time; an analysis that kept its tables reachable
  // promoted some 20 KB each time.
  assert.ok(perAnalysis < 2048, `${Math.round(perAnalysis)} bytes promoted per analysis`);
});
