// Property test over stdio: random sequences of incremental edits (line breaks of all three kinds,
// tabs, digits, headings, a report title that splits a file in two, deletions across lines), sent as
// the editor sends them: several changes in one didChange, and several didChange notifications without
// waiting for the diagnostics in between. Whatever the sequence, the diagnostics the server publishes
// for the last version must be exactly the library's analysis of the text the edits produce, with every
// range inside that text. This covers the incremental text sync, the edit coalescing and the per-report
// reuse of createDocumentAnalyzer together; the seed is fixed so a failure replays.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { LspClient } from './lsp-client.mjs';
import { repoRoot } from '../unit/fixtures.mjs';
import { exampleTexts as samples, seedTexts as seeds } from '../unit/mutations.mjs';

const serverPath = path.join(repoRoot, 'server/dist/server.js');
const library = createRequire(import.meta.url)(path.join(repoRoot, 'server/dist/index.js'));
const SEED = Number(process.env.GOVREPORT_PROPERTY_SEED) || 20261122;

// A single report, a CRLF report and a file of several reports (the samples: one agency, two years).
const bases = [seeds[4], seeds[1].replace(/\n/g, '\r\n'), [seeds[0], ...samples].join('\n')];

/** Line starts as LSP counts lines: \r\n, \n and a lone \r each end one. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (code === 13 || code === 10) starts.push(i + 1);
  }
  return starts;
}

function positionAt(starts, offset) {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** An offset moved off the middle of a \r\n pair (LSP has no position between the two). */
function onBoundary(text, offset) {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

const title = seeds[0].split('\n')[0];
const PIECES = ['\n', '\r\n', '\r', '\t', '0', '7', '12', ' ', '|', '。', '一、总体情况\n', '（七）总计\t1', `\n${title}\n`, '<!-- govreport-disable-next-line -->\n'];
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(60)),
  insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((pieces) => pieces.join('')),
});
// Notifications of one to three changes each; a batch's notifications are sent without waiting.
const scriptArb = fc.record({
  base: fc.nat(bases.length - 1),
  batches: fc.array(fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
});

/** The LSP change for `edit` on `text`, and the text after it. */
function change(text, edit) {
  const start = onBoundary(text, edit.at % (text.length + 1));
  const end = onBoundary(text, Math.min(text.length, start + edit.remove));
  const starts = lineStarts(text);
  return {
    change: { range: { start: positionAt(starts, start), end: positionAt(starts, end) }, text: edit.insert },
    text: text.slice(0, start) + edit.insert + text.slice(end),
  };
}

const SEVERITY = { error: 1, warning: 2, info: 3 };
const WORKSPACE_RULES = new Set(['carry-over', 'similarity']);

describe('random incremental edits over stdio', () => {
  /** @type {LspClient} */
  let client;
  let documents = 0;

  before(async () => {
    client = new LspClient(serverPath, { cwd: repoRoot, onRequest: () => null });
    const response = await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(response.error, undefined);
    client.notify('initialized', {});
  });
  after(() => client?.kill());

  test('the last version gets exactly the analysis of the edited text', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, async ({ base, batches }) => {
        const uri = pathToFileURL(path.join(repoRoot, 'test-output', 'protocol', `edits-${documents++}.govreport`)).href;
        let text = bases[base];
        let version = 1;
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version, text } });
        for (const batch of batches) {
          const since = client.notifications.length;
          for (const edits of batch) {
            const contentChanges = [];
            for (const edit of edits) {
              const next = change(text, edit);
              contentChanges.push(next.change);
              text = next.text;
            }
            client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges });
          }
          const published = await client.waitForDiagnostics(uri, { since, version });
          // The workspace rules compare the reports of a file with each other: the library's analyze
          // leaves them to its caller, so they are compared separately below.
          const own = published.diagnostics.filter((d) => !WORKSPACE_RULES.has(d.code));
          const expected = library.analyze(text, { locale: 'zh-CN' }).diagnostics.filter((d) => !WORKSPACE_RULES.has(d.rule));
          assert.deepEqual(
            own.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
            expected.map((d) => ({ code: d.rule, severity: SEVERITY[d.severity], message: d.message, range: d.range })),
            `version ${version}`,
          );
          const starts = lineStarts(text);
          for (const d of published.diagnostics) {
            for (const range of [d.range, ...(d.relatedInformation ?? []).filter((info) => info.location.uri === uri).map((info) => info.location.range)]) {
              for (const position of [range.start, range.end]) {
                assert.ok(position.line >= 0 && position.line < starts.length, `line ${position.line} outside the document`);
                const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
                const content = text.slice(starts[position.line], lineEnd).replace(/\r?\n$|\r$/, '').length;
                assert.ok(position.character >= 0 && position.character <= content, `character ${position.character} past line ${position.line}`);
              }
            }
          }
        }
        client.notify('textDocument/didClose', { textDocument: { uri } });
      }),
      { seed: SEED, numRuns: Number(process.env.GOVREPORT_PROPERTY_RUNS) || 40 },
    );
  });

  test('the check can fail: a diagnostic for a different text is caught', async () => {
    const uri = pathToFileURL(path.join(repoRoot, 'test-output', 'protocol', 'edits-control.govreport')).href;
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text: bases[0] } });
    const published = await client.waitForDiagnostics(uri, { since, version: 1 });
    const other = library.analyze(bases[0].replace('（七）总计', '（七）合计'), { locale: 'zh-CN' }).diagnostics;
    assert.notDeepEqual(
      published.diagnostics.map((d) => [d.code, d.range]),
      other.map((d) => [d.rule, d.range]),
    );
  });
});
