// Extension-host suite: runs INSIDE VS Code's extension host with the real `vscode` API.
// CI: code-server's extensionTestsPath (test/e2e/exthost.js). Desktop: @vscode/test-electron
// (test/e2e/electron.js, `npm run test:electron`). Both open the workspace built by
// harness.makeWorkspace: seeds/ (the five real reports), examples/, report.govreport, quickfix.govreport,
// settings.govreport (copies of seed 001) and notes.txt (not a report).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = 'govreport.govreport';
const TIMEOUT = 20000;

// The findings each seed and sample must get, shared with test/unit/seeds.test.mjs (the reasons are in the file).
const expectedFindings = require('../../expected-findings.json');
const flatten = (group) =>
  Object.fromEntries(
    Object.entries(group).map(([name, entry]) => [name, entry.findings.flatMap(({ rule, lines }) => lines.map((line) => [rule, line]))]),
  );
const SEEDS = flatten(expectedFindings.seeds);
const EXAMPLES = flatten(expectedFindings.examples);

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

const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'govreport');
const findings = (uri) =>
  ours(uri)
    .map((d) => [String(codeOf(d)), d.range.start.line + 1])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
const sorted = (list) => [...list].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));

function file(...parts) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...parts);
}

async function open(uri) {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/**
 * Waits until the server has answered for this document: it has diagnostics, or (for a clean report)
 * a document-symbol request, which the server answers from the same per-version analysis, came back
 * and nothing arrived within a short grace period after it.
 */
async function settled(uri, expectAny) {
  if (expectAny) return waitFor(`diagnostics on ${path.basename(uri.path)}`, () => ours(uri).length > 0);
  await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri).then(undefined, () => undefined);
  await sleep(1000);
  return true;
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// ---------------------------------------------------------------------------------------------------

test('declares its activation events', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const events = extension.packageJSON.activationEvents || [];
  // onWebviewPanel: the table preview's serializer brings an open preview back after a window reload.
  for (const event of ['onLanguage:govreport', 'onLanguage:plaintext', 'onWebviewPanel:govreport.preview']) assert.ok(events.includes(event), `missing ${event}`);
  // VS Code itself creates plaintext models at start-up, so onLanguage:plaintext may already have fired.
  log(`active before any report was opened: ${extension.isActive}`);
});

test('activates on a .govreport file and reports its findings', async () => {
  const uri = file('report.govreport');
  const { document } = await open(uri);
  assert.strictEqual(document.languageId, 'govreport');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  await waitFor('activation', () => extension.isActive);
  const start = Date.now();
  await settled(uri, true);
  log(`first diagnostics ${Date.now() - start} ms after activation`);
  await waitFor('all findings of seed 001', () => findings(uri).length === SEEDS['001_21d8e222a39c5270.txt'].length);
  assert.deepStrictEqual(findings(uri), sorted(SEEDS['001_21d8e222a39c5270.txt']));
  for (const d of ours(uri)) {
    assert.ok(d.message.length > 0);
    assert.ok([vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information].includes(d.severity));
  }
});

test('a recognised plain .txt report is checked (content detection)', async () => {
  const uri = file('seeds', '003_78928cc5e71a0532.txt');
  const { document } = await open(uri);
  // Seed 003 starts with blank lines: neither its name nor its first line makes it a govreport file.
  assert.strictEqual(document.languageId, 'plaintext');
  await settled(uri, true);
  await waitFor('all findings of seed 003', () => findings(uri).length === SEEDS['003_78928cc5e71a0532.txt'].length);
  assert.deepStrictEqual(findings(uri), sorted(SEEDS['003_78928cc5e71a0532.txt']));
});

test('a report named *政府信息公开*年度报告*.txt gets the govreport language', async () => {
  const name = fs.readdirSync(file('examples').fsPath).find((n) => /政府信息公开.*年度报告.*\.txt$/.test(n));
  assert.ok(name, 'no matching sample in examples/');
  const { document } = await open(file('examples', name));
  assert.strictEqual(document.languageId, 'govreport');
});

test('a GB18030 .txt report (named as reports are) is decoded and checked: files.autoGuessEncoding for govreport files', async () => {
  const uri = file('鹿江街道2021年政府信息公开工作年度报告（GB18030）.txt');
  const { document } = await open(uri);
  assert.strictEqual(document.languageId, 'govreport');
  assert.ok(document.getText().includes('政府信息公开工作年度报告'), `not decoded: ${JSON.stringify(document.getText().slice(0, 40))}`);
  const expected = sorted(SEEDS['001_21d8e222a39c5270.txt']);
  await waitFor('the findings of seed 001', () => findings(uri).length === expected.length);
  assert.deepStrictEqual(findings(uri), expected);
});

test('a .txt that is not a report gets no diagnostics', async () => {
  const uri = file('notes.txt');
  const { document } = await open(uri);
  assert.strictEqual(document.languageId, 'plaintext');
  await settled(uri, false);
  assert.deepStrictEqual(findings(uri), []);
});

test("each seed's diagnostics are exactly its known findings", async () => {
  for (const [name, expected] of Object.entries(SEEDS)) {
    const uri = file('seeds', name);
    await open(uri);
    await settled(uri, expected.length > 0);
    if (expected.length) await waitFor(`${expected.length} findings on ${name}`, () => findings(uri).length >= expected.length);
    assert.deepStrictEqual(findings(uri), sorted(expected), name);
    log(`${name}: ${expected.length} findings as expected`);
  }
});

test('the samples in examples/ show exactly their deliberate mistakes', async () => {
  for (const [name, expected] of Object.entries(EXAMPLES)) {
    const uri = file('examples', name);
    const { document } = await open(uri);
    assert.strictEqual(document.languageId, 'govreport', `${name} is named like a report`);
    await settled(uri, expected.length > 0);
    if (expected.length) await waitFor(`${expected.length} findings on ${name}`, () => findings(uri).length >= expected.length);
    assert.deepStrictEqual(findings(uri), sorted(expected), name);
  }
});

test('a quick fix applies and its diagnostic goes away', async () => {
  const uri = file('quickfix.govreport');
  const { document } = await open(uri);
  await waitFor('label-mismatch on line 57', () => ours(uri).find((d) => codeOf(d) === 'label-mismatch'));
  const diagnostic = ours(uri).find((d) => codeOf(d) === 'label-mismatch');
  assert.strictEqual(diagnostic.range.start.line, 56);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = (actions || []).find((a) => a.edit && (!a.diagnostics || a.diagnostics.some((d) => codeOf(d) === 'label-mismatch')));
  assert.ok(fix, `no quick fix for label-mismatch; got ${JSON.stringify(actions)}`);
  log(`quick fix: ${fix.title}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit failed');
  assert.match(document.lineAt(56).text, /其他法律行政法规禁止公开/);
  await waitFor('the label-mismatch diagnostic to go', () => !ours(uri).some((d) => codeOf(d) === 'label-mismatch'));
  // Only that finding went: the cell-count findings on the same table remain.
  assert.strictEqual(ours(uri).filter((d) => codeOf(d) === 'cell-count').length, 21);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('a wrong total, a blank cell and a missing row are repaired entirely by quick fixes', async () => {
  const uri = file('repair.govreport');
  const { document } = await open(uri);
  await waitFor('three findings', () => ours(uri).length === 3);
  assert.deepStrictEqual(ours(uri).map((d) => String(codeOf(d))).sort(), ['cell-blank', 'row-missing', 'row-total']);
  // One preferred quick fix at a time, as a user would click them, until nothing is left to fix.
  for (let round = 0; round < 5 && ours(uri).length > 0; round++) {
    const diagnostic = ours(uri)[0];
    const before = document.version;
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    // The actions VS Code hands back do not always carry their diagnostics; those for this range are this
    // finding's (each of the three sits on its own line).
    const fix = (actions || []).find((a) => a.isPreferred && a.edit);
    assert.ok(fix, `no preferred quick fix for ${codeOf(diagnostic)}: ${JSON.stringify((actions || []).map((a) => [a.title, a.isPreferred, (a.diagnostics || []).map(codeOf)]))}`);
    log(`quick fix: ${fix.title}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit failed');
    await waitFor(`diagnostics after ${fix.title}`, () => document.version > before && !ours(uri).some((d) => d.message === diagnostic.message));
  }
  assert.deepStrictEqual(ours(uri).map((d) => d.message), []);
  const sample = fs.readFileSync(file('examples', '望湖街道办事处2021年政府信息公开工作年度报告.txt').fsPath, 'utf8');
  assert.strictEqual(document.getText(), sample, 'the repaired report is the clean sample again');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('the nb2021 snippet inserts the 2021 report skeleton', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const snippetFile = path.join(extension.extensionPath, 'snippets', 'govreport.code-snippets');
  assert.ok(fs.existsSync(snippetFile), `${snippetFile} is missing`);
  const declared = (extension.packageJSON.contributes.snippets || []).map((s) => path.normalize(s.path));
  assert.ok(declared.includes(path.normalize('./snippets/govreport.code-snippets')), 'snippets not contributed in package.json');
  // The file is JSON with comments allowed; strip line comments that start a line before parsing.
  const snippets = JSON.parse(fs.readFileSync(snippetFile, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
  const name = Object.keys(snippets).find((key) => [].concat(snippets[key].prefix).includes('nb2021'));
  assert.ok(name, 'no snippet with prefix nb2021');
  const document = await vscode.workspace.openTextDocument({ language: 'govreport', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'govreport', name });
  await waitFor('the snippet text', () => document.getText().length > 200);
  const text = document.getText();
  for (const heading of ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项']) {
    assert.ok(text.includes(heading), `snippet lacks ${heading}`);
  }
  // The skeleton is a complete report: no section or table is missing.
  await sleep(1500);
  const structural = ours(document.uri).filter((d) => ['section-missing', 'table-missing', 'row-missing'].includes(codeOf(d)));
  assert.deepStrictEqual(structural.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`), []);
  log(`snippet "${name}": ${document.lineCount} lines, ${ours(document.uri).length} diagnostics (placeholders)`);
  assert.ok(editor);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('the outline lists the six sections', async () => {
  const uri = file('seeds', '004_6f3e4622a0ccbca1.txt');
  await open(uri);
  const symbols = await waitFor('document symbols', async () => {
    const result = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    return result && result.length ? result : undefined;
  });
  const names = symbols.map((s) => s.name);
  log(`outline: ${JSON.stringify(names)}`);
  const sections = ['总体情况', '主动公开', '申请', '复议', '问题', '其他'];
  for (const word of sections) assert.ok(names.some((n) => n.includes(word)), `no outline entry with ${word}: ${JSON.stringify(names)}`);
  const starts = symbols.map((s) => (s.range || s.location.range).start.line);
  assert.deepStrictEqual(starts, [...starts].sort((a, b) => a - b), 'outline out of document order');
});

test('a settings change takes effect (govreport.rules cell-count off)', async () => {
  const uri = file('settings.govreport');
  await open(uri);
  await waitFor('cell-count findings', () => ours(uri).some((d) => codeOf(d) === 'cell-count'));
  const config = vscode.workspace.getConfiguration('govreport');
  await config.update('rules', { 'cell-count': 'off' }, vscode.ConfigurationTarget.Global);
  try {
    await waitFor('cell-count to disappear', () => !ours(uri).some((d) => codeOf(d) === 'cell-count'));
    // Every other finding of seed 001 stays (label-mismatch, fee-statement).
    assert.deepStrictEqual(findings(uri), sorted(SEEDS['001_21d8e222a39c5270.txt'].filter(([rule]) => rule !== 'cell-count')));
    await config.update('locale', 'en', vscode.ConfigurationTarget.Global);
    await waitFor('an English message', () => ours(uri).some((d) => /^[\x20-\x7e]/.test(d.message) && /[a-z]{3}/.test(d.message)));
  } finally {
    await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    await config.update('locale', undefined, vscode.ConfigurationTarget.Global);
  }
  await waitFor('cell-count to come back', () => ours(uri).filter((d) => codeOf(d) === 'cell-count').length === 21);
});

test('the restart command brings the server back', async () => {
  const uri = file('report.govreport');
  await open(uri);
  await vscode.commands.executeCommand('govreport.restartServer');
  await waitFor('findings after restart', () => findings(uri).length === SEEDS['001_21d8e222a39c5270.txt'].length);
});

test("the server process runs with V8's background threads sized to the machine", async () => {
  // The client forks the server with --clientProcessId=<this extension host's pid>: that is ours.
  await open(file('report.govreport'));
  const { languageServerExecArgv } = require(path.resolve(__dirname, '../../../server/dist/index.js'));
  const expected = languageServerExecArgv(require('os').availableParallelism());
  if (process.platform === 'win32') {
    log(`not checked on Windows (no ps); expected ${expected.join(' ')}`);
    return;
  }
  const line = await waitFor('the language server process', () =>
    require('child_process')
      .execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .find((args) => args.includes(path.join('server', 'dist', 'server.js')) && args.includes(`--clientProcessId=${process.pid}`)),
  );
  log(`server: ${line.trim()}`);
  for (const flag of expected) assert.ok(line.split(/\s+/).includes(flag), `${flag} missing from: ${line}`);
});

test('the manifest is localised: every %key% resolved from package.nls*.json in the display language', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const manifest = extension.packageJSON;
  const unresolved = JSON.stringify(manifest).match(/"%[^"%]+%"/g) || [];
  assert.deepStrictEqual(unresolved, [], 'placeholders left in the manifest: the nls files were not packaged or not read');
  const chinese = /^zh/i.test(vscode.env.language);
  const nls = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, chinese ? 'package.nls.zh-cn.json' : 'package.nls.json'), 'utf8'));
  const title = manifest.contributes.commands.find((command) => command.command === 'govreport.insertTemplate').title;
  assert.strictEqual(title, nls['command.insertTemplate.title']);
  log(`display language ${vscode.env.language}: "${manifest.displayName}", "${title}"`);
  // The language status item cannot be read through the API; its data path is covered by
  // test/protocol/status.test.mjs (the govreport/analysis notification).
});


test('the table preview opens beside the 2022 sample with its wrong totals marked', async () => {
  const uri = file('examples', '望湖街道办事处2022年政府信息公开工作年度报告.md');
  await open(uri);
  await settled(uri, true);
  // The command answers with what the page first shows: the server's HTML for this version.
  const shown = await vscode.commands.executeCommand('govreport.showPreviewToSide');
  assert.ok(shown && shown.isReport, `preview answer: ${JSON.stringify(shown && { ...shown, html: undefined })}`);
  // Chinese or English as govreport.locale "auto" follows the display language.
  for (const [written, sum] of [[6, 5], [16, 17], [3, 2]]) {
    const marked = new RegExp(`>${written} <span class="gr-expected">(应为 ${sum}|should be ${sum})</span>`);
    assert.ok(marked.test(shown.html), `preview lacks ${marked}`);
  }
  const webviewTab = () =>
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('govreport.preview'));
  const tab = await waitFor('the preview webview tab', webviewTab);
  log(`preview tab "${tab.label}" in column ${tab.group.viewColumn}`);
  assert.ok(tab.label.includes('望湖街道办事处2022年'), tab.label);
  // Beside the editor, which keeps the focus.
  assert.notStrictEqual(tab.group.viewColumn, vscode.window.activeTextEditor && vscode.window.activeTextEditor.viewColumn);
  assert.strictEqual(vscode.window.activeTextEditor.document.uri.toString(), uri.toString());
  await vscode.window.tabGroups.close(tab);
  await waitFor('the preview to close', () => !webviewTab());
});

test('the preview follows the active report, plain text reports included, but not other text', async () => {
  const webviewTab = () =>
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('govreport.preview'));
  const report = file('report.govreport');
  await open(report);
  await settled(report, false);
  const shown = await vscode.commands.executeCommand('govreport.showPreviewToSide');
  assert.ok(shown && shown.isReport, `preview answer: ${JSON.stringify(shown && { ...shown, html: undefined })}`);
  await waitFor('the preview of report.govreport', () => webviewTab() && webviewTab().label.includes('report.govreport'));
  // notes.txt is plain text the server did not recognise as a report: the preview stays.
  const notes = file('notes.txt');
  await open(notes);
  await settled(notes, false);
  assert.ok(webviewTab().label.includes('report.govreport'), webviewTab().label);
  // Seed 003 is plain text too, but a report (content detection, govreport/analysis reported: true).
  const seed = file('seeds', '003_78928cc5e71a0532.txt');
  const { document } = await open(seed);
  assert.strictEqual(document.languageId, 'plaintext');
  const tab = await waitFor('the preview to follow seed 003', () => {
    const current = webviewTab();
    return current && current.label.includes('003_78928cc5e71a0532') && current;
  });
  log(`preview followed to "${tab.label}"`);
  await vscode.window.tabGroups.close(tab);
  await waitFor('the preview to close', () => !webviewTab());
});

// ---------------------------------------------------------------------------------------------------

exports.run = async function run() {
  let failed = 0;
  const start = Date.now();
  for (const { name, fn } of tests) {
    const t = Date.now();
    try {
      await fn();
      log(`ok   ${name} (${Date.now() - t} ms)`);
    } catch (error) {
      failed++;
      log(`FAIL ${name} (${Date.now() - t} ms)\n${error && error.stack ? error.stack : error}`);
    }
  }
  log(`${tests.length - failed} passed, ${failed} failed in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  if (failed) throw new Error(`${failed} extension-host test(s) failed`);
};
