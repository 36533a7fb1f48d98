// `npm run package`: builds dist/govreport.vsix with @vscode/vsce, offline. vsce runs the
// vscode:prepublish script (a minified production build); --no-dependencies because the client and
// the server are self-contained esbuild bundles (.vscodeignore keeps everything else out). Then the
// package's contents and size are checked by scripts/check-vsix.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'dist', 'govreport.vsix');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(path.join(repo, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-update-package-json', '--out', out]);
run(process.execPath, [path.join(repo, 'scripts', 'check-vsix.mjs'), out]);
