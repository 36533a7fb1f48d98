// The table preview's page script (media/preview.js) and the manifest entries of the preview, without
// VS Code: the script runs in a vm with a stub of the webview API and of the few DOM parts it uses.
// What the page keeps with setState is what the serializer (client/src/preview.ts) gets after a window
// reload, so it must be the shown document's URI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { test } from 'node:test';
import { repoRoot } from './fixtures.mjs';

const SCRIPT = fs.readFileSync(path.join(repoRoot, 'media/preview.js'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

function runPage() {
  const posted = [];
  const states = [];
  const listeners = {};
  const content = {
    innerHTML: '',
    querySelectorAll: () => [],
    addEventListener: () => undefined,
  };
  const context = {
    acquireVsCodeApi: () => ({
      // Copied out of the vm's realm, so deepEqual compares plain objects.
      postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))),
      setState: (state) => states.push(JSON.parse(JSON.stringify(state))),
      getState: () => states.at(-1),
    }),
    document: { getElementById: (id) => (id === 'content' ? content : null) },
    window: {
      innerHeight: 600,
      addEventListener: (type, listener) => (listeners[type] = listener),
      scrollBy: () => undefined,
    },
    Element: class {},
  };
  vm.runInNewContext(SCRIPT, context);
  const send = (data) => listeners.message({ data });
  return { posted, states, content, send };
}

test('the page says it is ready and keeps the shown document URI as its state', () => {
  const page = runPage();
  assert.deepEqual(page.posted, [{ type: 'ready' }]);
  assert.deepEqual(page.states, []);
  page.send({ type: 'update', uri: 'file:///r/report.govreport', html: '<p>a</p>', version: 1 });
  assert.equal(page.content.innerHTML, '<p>a</p>');
  assert.deepEqual(page.states, [{ uri: 'file:///r/report.govreport' }]);
  // A message without a URI (none is sent today) leaves the state alone; cursor messages too.
  page.send({ type: 'update', html: '<p>b</p>' });
  page.send({ type: 'cursor', line: 0, character: 0 });
  assert.deepEqual(page.states, [{ uri: 'file:///r/report.govreport' }]);
  page.send({ type: 'update', uri: 'file:///r/notes.md', html: '<p>c</p>' });
  assert.deepEqual(page.states.at(-1), { uri: 'file:///r/notes.md' });
});

test('the manifest activates on the restored preview and offers it for recognised plain text reports', () => {
  assert.ok(manifest.activationEvents.includes('onWebviewPanel:govreport.preview'));
  const menus = manifest.contributes.menus;
  const palette = menus.commandPalette.filter((entry) => entry.command.startsWith('govreport.showPreview'));
  assert.equal(palette.length, 2);
  for (const entry of palette) assert.match(entry.when, /govreport\.isReport/);
  const title = menus['editor/title'].find((entry) => entry.command === 'govreport.showPreviewToSide');
  assert.match(title.when, /^\(editorLangId == govreport \|\| govreport\.isReport\) && !notebookEditorFocused$/);
});

test('the client keeps no Node API in the preview and registers its serializer for the same view type', () => {
  const source = fs.readFileSync(path.join(repoRoot, 'client/src/preview.ts'), 'utf8');
  assert.doesNotMatch(source, /from ['"](node:|fs|path|os|child_process)/);
  const viewType = /const VIEW_TYPE = '([^']+)'/.exec(source)?.[1];
  assert.equal(`onWebviewPanel:${viewType}`, 'onWebviewPanel:govreport.preview');
  assert.match(source, /registerWebviewPanelSerializer\(VIEW_TYPE,/);
});
