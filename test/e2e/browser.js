// Browser test of the packaged extension in real VS Code: installs the .vsix built by `npm run package`
// into a fresh code-server (VS Code 1.100.3), opens a seed report from the explorer in headless Chromium,
// waits for the squiggles and the Problems panel rows, checks their text, hovers a cell and takes
// screenshots into test-output/e2e/browser/. With UPDATE_SCREENSHOT=1 it also writes the README
// screenshots docs/images/screenshot.png (the fictional 2022 sample with its deliberate mistakes) and
// docs/images/preview.png (its table preview beside it).
// Usage: node test/e2e/browser.js [path/to/govreport.vsix]   (default: dist/govreport.vsix)
'use strict';
const fs = require('fs');
const path = require('path');
const h = require('./lib/harness');

const VSIX = path.resolve(process.argv[2] || process.env.GOVREPORT_VSIX || path.join(h.REPO, 'dist', 'govreport.vsix'));
const SEED = '003_78928cc5e71a0532.txt';
// Seed 003: what the Problems panel must show (rule id and a piece of the Chinese message).
const SEED_ROWS = [
  { rule: 'column-missing', line: 36 },
  { rule: 'label-mismatch', line: 38, text: '社会公益组织' },
  { rule: 'cell-count', line: 41 },
  { rule: 'cell-count', line: 42 },
];
const SAMPLE = '望湖街道办事处2022年政府信息公开工作年度报告.md';
const SCREENSHOT = path.join(h.REPO, 'docs', 'images', 'screenshot.png');
const PREVIEW_SCREENSHOT = path.join(h.REPO, 'docs', 'images', 'preview.png');

async function main() {
  if (!h.installed()) throw new Error('code-server/playwright-core/chromium missing: run bash test/e2e/setup.sh');
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} not found: run npm run package`);
  const run = h.runDir('browser');
  const shots = run.dir;

  // 1. Install the .vsix the way a user would.
  h.log(h.installVsix(run, VSIX).split('\n').pop());
  const installedDirs = fs.readdirSync(run.extensions).filter((n) => n.startsWith('govreport.govreport-'));
  if (installedDirs.length !== 1) throw new Error(`expected one govreport extension in ${run.extensions}, found ${installedDirs}`);
  const installedDir = path.join(run.extensions, installedDirs[0]);
  for (const needed of ['package.json', 'client/dist/extension.js', 'server/dist/server.js']) {
    if (!fs.existsSync(path.join(installedDir, needed))) throw new Error(`installed extension lacks ${needed}`);
  }

  // Messages in Chinese whatever the browser's display language (VS Code's own UI stays English).
  h.writeUserSettings(run.userData, {
    'govreport.locale': 'zh-CN',
    'editor.fontSize': 14,
    'editor.minimap.enabled': false,
    'editor.hover.delay': 200,
    'editor.hover.above': false,
    'editor.stickyScroll.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'workbench.activityBar.location': 'hidden',
    'breadcrumbs.enabled': false,
  });
  const workspace = path.join(run.dir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.copyFileSync(path.join(h.SEEDS, SEED), path.join(workspace, SEED));
  fs.copyFileSync(path.join(h.REPO, 'examples', SAMPLE), path.join(workspace, SAMPLE));

  const server = await h.startCodeServer(run);
  h.log(`code-server on ${server.url}`);
  let browser;
  let page;
  try {
    browser = await h.launchBrowser(run, { viewport: { width: 1280, height: 800 } });
    page = browser.pages()[0] || (await browser.newPage());
    page.on('pageerror', (error) => h.log('page error:', error.message));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    h.log('workbench loaded');

    // 2. Open the seed from the explorer; wait for squiggles.
    await openFromExplorer(page, SEED);
    await page.waitForSelector('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning', { timeout: 60000 });
    h.log('squiggles visible');
    await page.screenshot({ path: path.join(shots, '1-seed-squiggles.png') });

    // 3. Problems panel rows.
    const rows = await problems(page, SEED_ROWS.length);
    h.log(`Problems panel:\n    ${rows.join('\n    ')}`);
    for (const want of SEED_ROWS) {
      const hit = rows.find((row) => row.includes(want.rule) && row.includes(`Ln ${want.line},`) && (!want.text || row.includes(want.text)));
      if (!hit) throw new Error(`no Problems row for ${want.rule} on line ${want.line}${want.text ? ` with ${want.text}` : ''}`);
    }
    if (!rows.every((row) => /[\u4e00-\u9fff]/.test(row) && row.includes('govreport'))) throw new Error('a row lacks a Chinese message or the govreport source');
    await page.screenshot({ path: path.join(shots, '2-seed-problems.png') });

    // 4. Hover the cell with the label-mismatch squiggle (line 38, 社会组织): the hover shows the message.
    const hover = await hoverLine(page, 38, '社会组织');
    h.log(`hover: ${JSON.stringify(hover.slice(0, 160))}`);
    if (!hover.includes('社会公益组织')) throw new Error(`hover does not show the label-mismatch message: ${hover}`);
    await page.screenshot({ path: path.join(shots, '3-seed-hover.png') });

    // 5. The language mode in the status bar is the extension's language (the .txt is content-detected,
    //    so it stays Plain Text) and the sample .md named like a report is govreport.
    await openFromExplorer(page, SAMPLE);
    await page.waitForFunction(
      () => [...document.querySelectorAll('.statusbar-item')].some((el) => /政府信息公开年报|Government Disclosure Report|govreport/.test(el.textContent || '')),
      undefined,
      { timeout: 30000 },
    );
    // Related-information rows make the list longer than the panel (it renders only what is visible),
    // so each of the six deliberate mistakes is looked up with the Problems filter.
    await problems(page, 1, SAMPLE);
    const filter = page.locator('input[aria-label="Filter Problems"]').first();
    for (const rule of ['label-mismatch', 'cell-blank', 'row-total', 'result-total', 'review-total', 'section-missing']) {
      await filter.fill(rule);
      const rows = await problems(page, 1, SAMPLE, (row) => row.includes(rule));
      h.log(`sample report, ${rule}: ${rows[0].slice(0, 90)}`);
    }
    await filter.fill('');
    const sampleHover = await hoverLine(page, 65, '6');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 10000 });
    if (!/总计/.test(sampleHover)) throw new Error(`sample hover lacks the row-total message: ${sampleHover}`);
    const shot = path.join(shots, '4-sample-hover.png');
    await page.screenshot({ path: shot });
    if (process.env.UPDATE_SCREENSHOT) {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      fs.copyFileSync(shot, SCREENSHOT);
      h.log(`README screenshot -> ${path.relative(h.REPO, SCREENSHOT)}`);
    }

    // 6. The table preview beside the sample (the editor title button): its wrong totals marked with the
    //    values their sums give, the cell at the cursor outlined once the cursor moves to line 65.
    if (await page.locator('.markers-panel').isVisible().catch(() => false)) await page.keyboard.press('Control+J');
    // Room for the editor and the preview side by side: a wider window, and the explorer goes.
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.keyboard.press('Control+B');
    await page.locator('.editor-actions .codicon-open-preview').first().click();
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('.gr-expected').nth(2).waitFor({ timeout: 30000 });
    const expected = await preview.locator('.gr-expected').allInnerTexts();
    h.log(`preview: ${expected.join(', ')}`);
    if (expected.join(',') !== '应为 5,应为 17,应为 2') throw new Error(`preview marks ${JSON.stringify(expected)}, expected 应为 5, 应为 17, 应为 2`);
    // Into the text editor, by the editor's own box: its view-lines element may reach under the preview.
    const editorBox = await page.locator('.editor-instance .monaco-editor').first().boundingBox();
    if (!editorBox) throw new Error('no text editor on screen');
    await page.mouse.click(editorBox.x + 120, editorBox.y + 120);
    // Word wrap (Alt+Z), so the wide table rows are seen whole next to the preview.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Alt+Z');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+G');
    await page.keyboard.type('65:57');
    await page.keyboard.press('Enter');
    await preview.locator('td.gr-cursor').first().waitFor({ timeout: 15000 });
    const atCursor = await preview.locator('td.gr-cursor').first().innerText();
    h.log(`preview cell at the cursor: ${atCursor}`);
    if (!atCursor.startsWith('6')) throw new Error(`the preview outlines "${atCursor}" at line 65, expected the total 6`);
    await page.waitForTimeout(300);
    const previewShot = path.join(shots, '5-sample-preview.png');
    await page.screenshot({ path: previewShot });
    if (process.env.UPDATE_SCREENSHOT) {
      fs.copyFileSync(previewShot, PREVIEW_SCREENSHOT);
      h.log(`README preview screenshot -> ${path.relative(h.REPO, PREVIEW_SCREENSHOT)}`);
    }

    // 7. The extension host ran the installed copy, and logged no error.
    const hostLog = findFile(path.join(run.userData, 'logs'), /^(remote)?exthost\.log$/);
    const text = hostLog ? fs.readFileSync(hostLog, 'utf8') : '';
    if (!/_doActivateExtension govreport\.govreport/.test(text)) throw new Error('govreport.govreport was not activated (extension host log)');
    const errors = h.logErrors(run.userData);
    if (errors.length) throw new Error(`errors in the extension host logs:\n  ${errors.join('\n  ')}`);
    h.log(`screenshots in ${path.relative(h.REPO, shots)}/`);
    return 0;
  } catch (error) {
    if (page) await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
  }
}

async function openFromExplorer(page, name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  await row.first().waitFor({ timeout: 60000 });
  await row.first().click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30000 });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 30000 });
}

/** Opens the Problems panel and returns the marker rows' text (file header rows left out). */
async function problems(page, atLeast, file, keep = () => true) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ timeout: 30000 });
  const markerRows = page.locator('.markers-panel .monaco-list-row', { has: page.locator('.marker-message-details, .marker-source, .marker-code') });
  let texts = [];
  const start = Date.now();
  for (;;) {
    texts = (await markerRows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(keep);
    if (file) {
      const header = await page.locator('.markers-panel .monaco-list-row', { hasText: file }).count();
      if (!header) texts = [];
    }
    if (texts.length >= atLeast) return texts;
    if (Date.now() - start > 30000) throw new Error(`Problems panel shows ${texts.length} rows, expected ${atLeast}: ${JSON.stringify(texts)}`);
    await page.waitForTimeout(200);
  }
}

/** Puts the mouse over the first `needle` on a 1-based line (revealing it first) and returns the hover text. */
async function hoverLine(page, line, needle) {
  // Go to the line with Ctrl+G so that it is rendered, then hover over the text.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  const lineEl = page.locator('.editor-instance .monaco-editor .view-line', { hasText: needle });
  const count = await lineEl.count();
  let box = null;
  for (let i = 0; i < count && !box; i++) {
    const el = lineEl.nth(i);
    const top = await el.evaluate((node) => parseFloat(node.style.top));
    const lineHeight = await el.evaluate((node) => node.getBoundingClientRect().height);
    const current = await page.locator('.editor-instance .monaco-editor .current-line').first().boundingBox();
    const me = await el.boundingBox();
    if (current && me && Math.abs(current.y - me.y) < lineHeight / 2) box = { el, top };
  }
  if (!box) throw new Error(`line ${line} with ${needle} not found on screen`);
  const point = await box.el.evaluate((node, text) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = t.textContent.indexOf(text);
      if (at >= 0) {
        const r = document.createRange();
        r.setStart(t, at);
        r.setEnd(t, at + text.length);
        const rect = r.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, needle);
  if (!point) throw new Error(`text ${needle} not found on line ${line}`);
  await page.mouse.move(point.x, point.y - 30);
  await page.mouse.move(point.x, point.y, { steps: 5 });
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents, .monaco-hover:not(.hidden) .marker.hover-contents');
  await hover.first().waitFor({ state: 'visible', timeout: 15000 });
  await page.waitForTimeout(300);
  return (await page.locator('.monaco-hover:not(.hidden)').first().innerText()).replace(/\s+/g, ' ').trim();
}

function findFile(dir, pattern) {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(file, pattern);
      if (found) return found;
    } else if (pattern.test(entry.name)) return file;
  }
  return undefined;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`FAIL: ${error.stack || error}`);
    process.exit(1);
  },
);
