// The Node flags the VS Code extension (and npm run bench) start the language server with
// (server/src/launch.ts): V8's background threads never outnumber the cores the server's main thread
// leaves free, and never exceed Node's own default of four.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './fixtures.mjs';

const { languageServerExecArgv } = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));

test('one V8 worker thread fewer than the cores, between 1 and 4', () => {
  const pool = (cores) => languageServerExecArgv(cores);
  assert.deepEqual(pool(1), ['--v8-pool-size=1']);
  assert.deepEqual(pool(2), ['--v8-pool-size=1']);
  assert.deepEqual(pool(3), ['--v8-pool-size=2']);
  assert.deepEqual(pool(5), ['--v8-pool-size=4']);
  assert.deepEqual(pool(64), ['--v8-pool-size=4']);
  // Whatever the host reports, the flags stay valid.
  for (const odd of [0, -3, Number.NaN, Infinity, 2.7]) assert.match(pool(odd)[0], /^--v8-pool-size=[1-4]$/);
});

test('node accepts the flags: a bundle starts with them', () => {
  const flags = languageServerExecArgv(2);
  const result = spawnSync(process.execPath, [...flags, path.join(repoRoot, 'server/dist/cli.js'), '--version'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /\d+\.\d+\.\d+/);
});
