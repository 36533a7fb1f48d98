// Web extension host suite: runs INSIDE code-server's web worker extension host (test/e2e/exthost.js
// --web: the payload's extensionDevelopmentKind "web" makes VS Code run this repository's `browser`
// entry, client/dist/browser.js, in the browser, and the language server in a web worker,
// server/dist/browser-server.js). Only `vscode` can be required here: the module is fetched and run in
// the worker, with no Node modules and no file system but the workbench's.
'use strict';
const vscode = require('vscode');

const EXTENSION_ID = 'govreport.govreport';
const TIMEOUT = 30000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.log('[suite]', ...args);

async function waitFor(what, test, timeout = TIMEOUT) {
  const start = Date.now();
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}:\n  actual   ${a}\n  expected ${e}`);
}

const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'govreport');
const byLine = (a, b) => a[1] - b[1] || a[0].localeCompare(b[0]);
const findings = (uri) => ours(uri).map((d) => [String(codeOf(d)), d.range.start.line + 1]).sort(byLine);
const file = (...parts) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...parts);

async function run() {
  // A worker has importScripts and no `process`/`require` of its own: this is the web extension host.
  check(typeof importScripts === 'function', 'not running in a web worker');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  check(extension, `extension ${EXTENSION_ID} is not loaded`);
  check(extension.packageJSON.browser, 'the manifest has no browser entry');
  log(`extension kind ${vscode.ExtensionKind[extension.extensionKind]}, location ${extension.extensionUri.scheme}:`);

  // The findings the seeds must get, shared with the unit and desktop suites (test/expected-findings.json).
  const json = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'test', 'expected-findings.json'));
  const expected = JSON.parse(new TextDecoder().decode(json)).seeds;

  const uri = file('report.govreport');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  check(document.languageId === 'govreport', `language ${document.languageId}`);
  await waitFor('activation', () => extension.isActive);
  const start = Date.now();
  await waitFor('diagnostics from the web worker server', () => ours(uri).length > 0);
  log(`first diagnostics ${Date.now() - start} ms after activation`);

  for (const [name, entry] of Object.entries(expected)) {
    const want = entry.findings.flatMap(({ rule, lines }) => lines.map((line) => [rule, line])).sort(byLine);
    const seed = file('seeds', name);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(seed), { preview: false });
    if (want.length) await waitFor(`${want.length} findings on ${name}`, () => findings(seed).length >= want.length);
    else await sleep(1000);
    same(findings(seed), want, name);
    log(`${name}: ${want.length} findings as expected`);
  }

  // A request beyond diagnostics: the quick fixes come from the worker too.
  const withFix = ours(uri).find((d) => codeOf(d) === 'label-mismatch');
  check(withFix, 'a label-mismatch finding on seed 001');
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, withFix.range, vscode.CodeActionKind.QuickFix.value);
  check(actions && actions.some((a) => a.edit), 'a quick fix from the web worker server');
  log(`quick fixes: ${actions.length}`);

  // A restart ends the old worker and starts a new one, which must serve the edit the quick fix makes.
  const before = findings(uri).filter(([rule]) => rule === 'label-mismatch').length;
  await vscode.commands.executeCommand('govreport.restartServer');
  check(await vscode.workspace.applyEdit(actions.find((a) => a.edit).edit), 'the quick fix applies');
  await waitFor('the fixed finding to go after the restart', () => findings(uri).filter(([rule]) => rule === 'label-mismatch').length === before - 1);
  log('restart: the new worker re-checked the fixed report');
  log('all passed');
}

module.exports = { run };
