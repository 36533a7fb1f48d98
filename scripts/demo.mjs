// `npm run demo`: real VS Code (code-server 4.100.3) in the browser with the packaged extension installed
// and the sample reports open. Builds and packages the extension (npm run package), installs code-server
// the first time (bash test/e2e/setup.sh: apt packages + test/e2e/node_modules), installs the .vsix into a
// fresh profile under test-output/demo/, copies examples/ there (the repository's files stay untouched)
// and serves on 127.0.0.1 only, without a password. Prints the address; Ctrl-C stops code-server, its
// extension host and the language server (the whole process group) and checks that nothing is left.
// Options (environment): DEMO_PORT (default 8080, or a free port when that is taken).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const h = require(path.join(repo, 'test', 'e2e', 'lib', 'harness.js'));

function step(title, command, args) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`demo: ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Processes still in the process group `pgid` (from ps), as "pid command" lines. */
function leftovers(pgid) {
  const ps = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return (ps.stdout || '')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && Number(f[1]) === pgid)
    .map((f) => `${f[0]} ${f.slice(2).join(' ')}`);
}

step('build and package the extension', 'npm', ['run', '--silent', 'package']);
if (!h.installed()) step('install code-server 4.100.3 (first run only)', 'bash', [path.join(repo, 'test', 'e2e', 'setup.sh')]);

const run = h.runDir('demo');
const vsix = path.join(repo, 'dist', 'govreport.vsix');
console.log(`\n== install ${path.relative(repo, vsix)} into a fresh code-server profile`);
console.log(h.installVsix(run, vsix).split('\n').pop());
h.writeUserSettings(run.userData, { 'workbench.startupEditor': 'none', 'editor.minimap.enabled': false });

const workspace = path.join(run.dir, 'examples');
fs.cpSync(path.join(repo, 'examples'), workspace, { recursive: true });
const first = fs.readdirSync(workspace).find((n) => n.endsWith('.md') && n !== 'README.md') ?? 'README.md';

const wanted = Number(process.env.DEMO_PORT || 8080);
const port = (await portFree(wanted)) ? wanted : await h.freePort();
const server = await h.startCodeServer(run, { port, folder: workspace, signals: false });
const open = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(
  JSON.stringify([['openFile', server.remote(path.join(workspace, first))]]),
)}`;
console.log(`
govreport demo: VS Code ${'(code-server 4.100.3)'} with the govreport extension and the sample reports

    ${server.url}/

    opening ${first} directly:
    ${open}

Bound to 127.0.0.1 without a password: open it in a browser on this machine (or forward the port).
The workspace is a copy of examples/ in ${path.relative(repo, workspace)}; logs in ${path.relative(repo, run.dir)}.
Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n== ${signal}: stopping code-server (process group ${server.pid})`);
  await server.stop();
  const left = leftovers(server.pid);
  if (left.length) {
    console.error(`demo: still running:\n  ${left.join('\n  ')}`);
    process.exit(1);
  }
  console.log('stopped; no process left');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal));

// If code-server dies on its own, say so and leave.
const watch = setInterval(() => {
  if (!stopping && !server.alive()) {
    clearInterval(watch);
    console.error(`demo: code-server exited; see ${server.logFile}`);
    process.exit(1);
  }
}, 1000);
