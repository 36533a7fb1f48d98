// Shared plumbing for the end-to-end runs in real VS Code (code-server 4.100.3 = VS Code 1.100.3):
// per-run folders (HOME, XDG_*, TMPDIR, user data, extensions) so nothing lands in the real home,
// a free port on 127.0.0.1, code-server and Chromium started in their own process groups and always
// stopped, the test workspace, and the extension host log check.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { gb18030Encode } = require('../../lib/gb18030.cjs');

const E2E = path.resolve(__dirname, '..');
const REPO = path.resolve(E2E, '..', '..');
const SEEDS = path.resolve(REPO, '..', 'shared', 'examples', 'seeds');
const EXAMPLES = path.join(REPO, 'examples');
const OUTPUT = path.join(REPO, 'test-output', 'e2e');
const CODE_SERVER = path.join(E2E, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const t0 = Date.now();
function log(...args) {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

function installed() {
  return fs.existsSync(CODE_SERVER) && fs.existsSync(path.join(E2E, 'node_modules', 'playwright-core')) && fs.existsSync(CHROMIUM);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh folder under test-output/e2e/<name> with home/xdg/tmp inside, and the env pointing there. */
function runDir(name) {
  const dir = path.join(OUTPUT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sub of ['home', 'xdg/config', 'xdg/data', 'xdg/state', 'xdg/cache', 'tmp', 'user/User', 'extensions']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  const env = {
    ...process.env,
    HOME: path.join(dir, 'home'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg/config'),
    XDG_DATA_HOME: path.join(dir, 'xdg/data'),
    XDG_STATE_HOME: path.join(dir, 'xdg/state'),
    XDG_CACHE_HOME: path.join(dir, 'xdg/cache'),
    XDG_RUNTIME_DIR: path.join(dir, 'tmp'),
    TMPDIR: path.join(dir, 'tmp'),
  };
  // Keep code-server's own config (password, bind address) out of the user's ~/.config/code-server.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI;
  return { dir, env, userData: path.join(dir, 'user'), extensions: path.join(dir, 'extensions') };
}

/** Quiet user settings: no welcome page, telemetry, update checks or trust prompts. */
function writeUserSettings(userData, extra = {}) {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'window.commandCenter': false,
    ...extra,
  };
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

// Every process group started here, killed on any exit (normal, error, Ctrl-C, SIGTERM).
const groups = new Set();
function killGroups(signal = 'SIGTERM') {
  for (const pid of groups) {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => killGroups('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      killGroups('SIGTERM');
      process.exit(130);
    });
  }
}

/** Runs code-server once to install a .vsix into `extensions`; throws with its output on failure. */
function installVsix(run, vsix) {
  const result = spawnSync(CODE_SERVER, ['--extensions-dir', run.extensions, '--user-data-dir', run.userData, '--install-extension', vsix], {
    env: run.env,
    encoding: 'utf8',
    timeout: 120000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (${result.status}):\n${output}`);
  }
  return output.trim();
}

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group and waits for /healthz.
 * Returns { port, url, pid, remote(p), stop() }. With `signals: false` the caller handles Ctrl-C itself
 * (and calls stop()); the group is still killed when this process exits.
 */
async function startCodeServer(run, { port, folder, args = [], signals = true } = {}) {
  if (signals) hookExit();
  else process.on('exit', () => killGroups('SIGKILL'));
  port = port || (await freePort());
  const logFile = path.join(run.dir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const argv = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', run.userData,
    '--extensions-dir', run.extensions,
    '--ignore-last-opened',
    ...args,
  ];
  if (folder) argv.push(folder);
  const child = spawn(CODE_SERVER, argv, { env: run.env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  groups.add(child.pid);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`code-server did not answer on ${url} within 60 s; see ${logFile}`);
    await sleep(100);
  }
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (!groups.has(child.pid)) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && alive(); i++) await sleep(100);
    try {
      process.kill(-child.pid, 'SIGKILL'); // anything left in the group (extension host, language server)
    } catch {
      // all gone
    }
    groups.delete(child.pid);
  };
  return { port, url, pid: child.pid, logFile, alive, remote: (p) => `vscode-remote://127.0.0.1:${port}${p}`, stop };
}

/** Headless Debian Chromium through playwright-core, with its profile and HOME inside the run folder. */
async function launchBrowser(run, { viewport = { width: 1400, height: 900 } } = {}) {
  hookExit();
  const { chromium } = require('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(run.dir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    env: run.env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return context;
}

/**
 * The workspace the suites open: the five seeds under their own names, the samples from examples/,
 * a .govreport copy, a copy for the quick fix, and a .txt that is not a report.
 */
const GB18030_REPORT = '鹿江街道2021年政府信息公开工作年度报告（GB18030）.txt';

function makeWorkspace(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'seeds'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'examples'), { recursive: true });
  for (const name of fs.readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) {
    fs.copyFileSync(path.join(SEEDS, name), path.join(dir, 'seeds', name));
  }
  for (const name of fs.readdirSync(EXAMPLES).filter((n) => /\.(txt|md)$/.test(n) && n !== 'README.md')) {
    fs.copyFileSync(path.join(EXAMPLES, name), path.join(dir, 'examples', name));
  }
  fs.copyFileSync(path.join(SEEDS, '001_21d8e222a39c5270.txt'), path.join(dir, 'report.govreport'));
  fs.copyFileSync(path.join(SEEDS, '001_21d8e222a39c5270.txt'), path.join(dir, 'quickfix.govreport'));
  fs.copyFileSync(path.join(SEEDS, '001_21d8e222a39c5270.txt'), path.join(dir, 'settings.govreport'));
  // Seed 001 saved in GB18030, as Notepad on a Chinese Windows saved "ANSI" text, under a report's usual
  // name (the name gives it the govreport language, whose files.autoGuessEncoding then decodes it).
  fs.writeFileSync(path.join(dir, GB18030_REPORT), gb18030Encode(fs.readFileSync(path.join(SEEDS, '001_21d8e222a39c5270.txt'), 'utf8')));
  // The 2021 sample with a wrong total, a blank cell and a missing row, to be repaired by quick fixes.
  const sample = fs.readFileSync(path.join(EXAMPLES, '望湖街道办事处2021年政府信息公开工作年度报告.txt'), 'utf8');
  fs.writeFileSync(
    path.join(dir, 'repair.govreport'),
    sample
      .replace('1.本机关不掌握相关政府信息\t4\t1\t0\t0\t1\t0\t6', '1.本机关不掌握相关政府信息\t4\t1\t0\t0\t1\t0\t7')
      .replace('4.保护第三方合法权益\t1\t0\t0', '4.保护第三方合法权益\t1\t\t0')
      .replace(/\n3\.补正后申请内容仍不明确\t[^\n]*/, ''),
  );
  fs.writeFileSync(path.join(dir, 'notes.txt'), '会议纪要\n\n一、参会人员：张三、李四。\n二、会议内容：讨论下周工作安排。\n');
  return dir;
}

/**
 * Error-level entries (with their stack lines) of the extension host log and of the govreport output
 * channel (a log channel, so its client and server messages carry levels), under a user data dir's logs/.
 * Errors raised inside VS Code's own built-in extensions (e.g. the JSON language client complaining at
 * shutdown) are not ours and are left out unless they mention govreport.
 */
function logErrors(userData) {
  const errors = [];
  const root = path.join(userData, 'logs');
  const builtin = /[\\/](lib[\\/]vscode|resources[\\/]app)[\\/]extensions[\\/]/;
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/^(remote)?exthost\.log$/i.test(entry.name) || /govreport/i.test(path.relative(root, file))) {
        // An entry starts with a timestamp; the lines up to the next one belong to it (stack traces).
        const entries = fs.readFileSync(file, 'utf8').split(/\n(?=\d{4}-\d\d-\d\d[ T]\d)/);
        for (const text of entries) {
          if (!/^\S+ \S+ \[error\]/.test(text)) continue;
          if (builtin.test(text) && !/govreport/i.test(text)) continue;
          errors.push(`${path.relative(root, file)}: ${text.trim()}`);
        }
      }
    }
  };
  walk(root);
  return errors;
}

module.exports = {
  E2E,
  REPO,
  SEEDS,
  OUTPUT,
  CODE_SERVER,
  CHROMIUM,
  log,
  sleep,
  installed,
  freePort,
  runDir,
  writeUserSettings,
  installVsix,
  startCodeServer,
  launchBrowser,
  makeWorkspace,
  logErrors,
  killGroups,
};
