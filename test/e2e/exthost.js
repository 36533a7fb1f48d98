// Runs suite/index.js inside the real extension host of code-server (VS Code 1.100.3), the way
// @vscode/test-web does it: the workbench URL carries a payload with extensionDevelopmentPath (this
// repository, so the freshly built client/dist and server/dist are used) and extensionTestsPath;
// Playwright exposes codeAutomationLog/codeAutomationExit to receive the output and the exit code.
// Afterwards the extension host logs must hold no error.
// With --web the web build is tested instead: extensionDevelopmentKind "web" makes VS Code run the
// manifest's `browser` entry in its web worker extension host (the server in a nested web worker), and
// the suite is suite-web/index.js, which needs nothing but `vscode`.
// Usage: node test/e2e/exthost.js [--web]   (after npm run build and bash test/e2e/setup.sh)
'use strict';
const fs = require('fs');
const path = require('path');
const h = require('./lib/harness');

const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180000);
const WEB = process.argv.includes('--web');

async function main() {
  if (!h.installed()) throw new Error('code-server/playwright-core/chromium missing: run bash test/e2e/setup.sh');
  const run = h.runDir(WEB ? 'webhost' : 'exthost');
  // The web build: `remote.extensionKind` "web" makes VS Code prefer the web worker extension host for
  // this extension (its manifest has both `main` and `browser`, which otherwise runs it on the remote).
  h.writeUserSettings(run.userData, WEB ? { 'remote.extensionKind': { 'govreport.govreport': ['web'] } } : {});
  const workspace = h.makeWorkspace(path.join(run.dir, 'workspace'));
  const server = await h.startCodeServer(run);
  h.log(`code-server on ${server.url} (logs: ${run.dir})`);
  let browser;
  try {
    browser = await h.launchBrowser(run);
    const page = browser.pages()[0] || (await browser.newPage());
    page.on('pageerror', (error) => h.log('page error:', error.message));
    // Everything the workbench and the extension host log arrives here; the suite's own lines are shown,
    // the rest (workbench chatter, the offline extension gallery) goes to console.log in the run folder.
    const consoleLog = fs.createWriteStream(path.join(run.dir, 'console.log'));
    const workerErrors = [];
    const exit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const parts = Array.isArray(args) ? args : [args];
        const text = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
        consoleLog.write(`[${type}] ${text}\n`);
        // The web worker extension host logs into the browser, not into the server's log files.
        if (WEB && type === 'error' && /govreport/i.test(text) && !text.includes('suite-web')) workerErrors.push(text);
        if (text.startsWith('[suite]') || process.env.E2E_VERBOSE) console.log(text);
      });
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    const payload = [
      ['extensionDevelopmentPath', server.remote(h.REPO)],
      ['extensionTestsPath', server.remote(path.join(h.E2E, WEB ? 'suite-web' : 'suite', 'index.js'))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([
      exit,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no result from the extension host within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    h.log(`extension host suite exit code ${code}`);
    // Give the log writers a moment, then look for errors in the extension host and govreport logs.
    await h.sleep(500);
    const errors = [...h.logErrors(run.userData), ...workerErrors];
    if (errors.length) {
      console.error(`errors in the extension host logs:\n  ${errors.join('\n  ')}`);
      return 1;
    }
    h.log('extension host logs: no errors');
    return code;
  } catch (error) {
    try {
      const page = browser && browser.pages()[0];
      if (page) await page.screenshot({ path: path.join(run.dir, 'failure.png') });
    } catch {
      // no screenshot then
    }
    throw error;
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`FAIL: ${error.stack || error}`);
    process.exit(1);
  },
);
