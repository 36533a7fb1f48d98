// The `govreport/import` request (server/src/import.ts) against the built server: a web page and a Word
// file (made here with the docx library) come back as report text in the canonical layout, one
// tab-separated line per table row; an unreadable file comes back as an error message, not a failure.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { LspClient } from './lsp-client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const serverPath = path.join(repoRoot, 'server/dist/server.js');

const TITLE = '清河市云溪区示例局2022年政府信息公开工作年度报告';
const base64 = (data) => Buffer.from(data).toString('base64');

describe('govreport/import', () => {
  let client;

  before(async () => {
    client = new LspClient(serverPath, { cwd: repoRoot });
    const response = await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(response.error, undefined);
    client.notify('initialized', {});
  });

  after(() => client?.kill());

  const importFile = async (params) => {
    const { result, error } = await client.request('govreport/import', params, 30000);
    assert.equal(error, undefined, JSON.stringify(error));
    return result;
  };

  test('a web page: the page chrome left out, table rows as tab-separated lines', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>门户网站</title><script>var x = 1;</script></head>
<body><nav>首页 &gt; 政务公开</nav><h1>${TITLE}</h1><p>一、总体情况</p>
<table><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>41</td></tr></table></body></html>`;
    const result = await importFile({ content: base64(html), kind: 'html', name: 'page.html' });
    assert.equal(result.kind, 'html');
    assert.match(result.text, new RegExp(`^${TITLE}$`, 'm'));
    assert.match(result.text, /^行政许可\t41$/m);
    assert.doesNotMatch(result.text, /var x|门户网站/);
  });

  test('a Word file: paragraphs and table rows', async () => {
    const cell = (text) => new TableCell({ children: [new Paragraph(text)] });
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph(TITLE),
            new Paragraph('二、主动公开政府信息情况'),
            new Table({ rows: [new TableRow({ children: [cell('信息内容'), cell('本年处理决定数量')] }), new TableRow({ children: [cell('行政处罚'), cell('152')] })] }),
          ],
        },
      ],
    });
    const bytes = await Packer.toBuffer(document);
    const result = await importFile({ content: base64(bytes), kind: 'docx', name: 'report.docx' });
    assert.equal(result.kind, 'docx', JSON.stringify(result));
    assert.match(result.text, new RegExp(`^${TITLE}$`, 'm'));
    assert.match(result.text, /^行政处罚\t152$/m);
  });

  test('not a Word file, or a bad request: an error message', async () => {
    const notZip = await importFile({ content: base64('<html>saved as .docx</html>'), kind: 'docx' });
    assert.match(notZip.error, /not a Word \.docx file/);
    assert.ok((await importFile({ content: 42, kind: 'html' })).error);
    assert.ok((await importFile({ content: '', kind: 'pdf' })).error);
  });
});
