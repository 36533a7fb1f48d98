// Builds the HTML and Word twins of a text report for the input tests: the report's text (tab or
// markdown pipe tables, as in examples/) is read into blocks, which are rendered the way government
// websites and Word files lay the tables out: the official merged headers (rowspan/colspan), table 三
// with three label columns, the tables of section 二 as one table with item rows, page chrome around.
// Only what the samples use is supported; this is test scaffolding, not a second reader.

const SECTION = /^(一|二|三|四|五|六)、/;
const ITEM = /^第二十条第（[一二三四五六七八九]）项$/;

function cellsOf(line) {
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) {
    return trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
  }
  return line.split('\t').map((cell) => cell.trim());
}

const isTableLine = (line) => line.includes('\t') || line.trim().startsWith('|');
const isRuleLine = (line) => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line.trim());

/**
 * The blocks of a report text: { kind: 'title' | 'heading' | 'paragraph', text } and
 * { kind: 'table', rows: [[{ text, colspan?, rowspan?, header? }]] }.
 */
export function readTwin(text) {
  const blocks = [];
  let section = 0;
  let pending = []; // table lines (and item lines) of the current section
  const flush = () => {
    if (pending.length === 0) return;
    if (section === 2) blocks.push({ kind: 'table', rows: activeTable(pending) });
    else if (section === 3) blocks.push({ kind: 'table', rows: requestsTable(pending) });
    else if (section === 4) blocks.push({ kind: 'table', rows: reviewsTable(pending) });
    pending = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || isRuleLine(line)) continue;
    if (line.startsWith('# ')) {
      blocks.push({ kind: 'title', text: line.slice(2).trim() });
      continue;
    }
    const heading = line.replace(/^#+\s*/, '');
    // A heading: markdown, or a plain line starting with the next section's numeral ("三、本年度办理结果"
    // inside section 三 is a row of its table).
    const next = ['一', '二', '三', '四', '五', '六'][section];
    if (line.startsWith('#') || (SECTION.test(line) && line.startsWith(next) && !isTableLine(line) && line.length < 40)) {
      flush();
      section = ['一', '二', '三', '四', '五', '六'].indexOf(heading[0]) + 1;
      blocks.push({ kind: 'heading', text: heading });
      continue;
    }
    // Inside a table, a row without values is a line without tabs ("三、本年度办理结果").
    const labelOnly = pending.length > 0 && line.length < 60 && !line.includes('。');
    if (isTableLine(line) || (section === 2 && ITEM.test(line.trim())) || ((section === 3 || section === 4) && labelOnly)) {
      pending.push(line);
      continue;
    }
    flush();
    blocks.push({ kind: 'paragraph', text: line.trim() });
  }
  flush();
  return blocks;
}

/** Section 二: one table of four columns, each item a full-width row, shorter rows' last cell widened. */
function activeTable(lines) {
  const width = 4;
  return lines.map((line) => {
    if (ITEM.test(line.trim())) return [{ text: line.trim(), colspan: width, header: true }];
    const cells = cellsOf(line).map((text) => ({ text }));
    const isHeader = cells[0].text === '信息内容';
    for (const cell of cells) cell.header = isHeader;
    cells[cells.length - 1].colspan = width - cells.length + 1;
    return cells;
  });
}

const level = (label) => (/^[一二三四五六七八九十]+、/.test(label) ? 1 : /^（/.test(label) ? 2 : 3);

/** Table 三 as published: merged header, three label columns with the groups spanning their rows. */
function requestsTable(lines) {
  const firstData = lines.findIndex((line) => cellsOf(line).some((cell) => cell.startsWith('一、')));
  const head = lines.slice(0, firstData).flatMap((line) => cellsOf(line).filter((cell) => cell !== ''));
  if (head.length !== 10) throw new Error(`table 三 header: expected 10 labels, got ${head.length}`);
  const rows = [
    [
      { text: head[0], colspan: 3, rowspan: 3, header: true },
      { text: head[1], colspan: 7, header: true },
    ],
    [
      { text: head[2], rowspan: 2, header: true },
      { text: head[3], colspan: 5, header: true },
      { text: head[4], rowspan: 2, header: true },
    ],
    head.slice(5).map((text) => ({ text, header: true })),
  ];
  // The rows as a tree: 一、 … contain （一） …, which contain 1. …
  const roots = [];
  const stack = [];
  for (const line of lines.slice(firstData)) {
    const cells = cellsOf(line);
    const hasValues = cells.length >= 8;
    const values = hasValues ? cells.slice(-7) : null;
    const labels = (hasValues ? cells.slice(0, -7) : cells).filter((cell) => cell !== '');
    labels.forEach((label, index) => {
      const node = { label, values: index === labels.length - 1 ? values : null, children: [] };
      const depth = level(label);
      while (stack.length >= depth) stack.pop();
      (stack.length > 0 ? stack[stack.length - 1].children : roots).push(node);
      stack.push(node);
    });
  }
  const leaves = (node) => (node.children.length === 0 ? 1 : node.children.reduce((sum, child) => sum + leaves(child), 0));
  const render = (node, depth, prefix) => {
    if (node.children.length === 0) {
      rows.push([
        ...prefix,
        { text: node.label, colspan: 4 - depth },
        ...(node.values ?? new Array(7).fill('')).map((text) => ({ text })),
      ]);
      return;
    }
    const own = { text: node.label, rowspan: leaves(node) };
    node.children.forEach((child, index) => render(child, depth + 1, index === 0 ? [...prefix, own] : []));
  };
  for (const root of roots) render(root, 1, []);
  return rows;
}

/** Table 四 as published: 行政复议 over five columns, 行政诉讼 over ten, its two groups over five each. */
function reviewsTable(lines) {
  const valueLine = lines.findIndex((line) => cellsOf(line).every((cell) => /^[\d.—\-]*$/.test(cell)));
  const head = lines.slice(0, valueLine).flatMap((line) => cellsOf(line).filter((cell) => cell !== ''));
  if (head.length !== 19) throw new Error(`table 四 header: expected 19 labels, got ${head.length}`);
  const values = cellsOf(lines[valueLine]);
  return [
    [
      { text: head[0], colspan: 5, header: true },
      { text: head[1], colspan: 10, header: true },
    ],
    [
      ...head.slice(2, 7).map((text) => ({ text, rowspan: 2, header: true })),
      { text: head[7], colspan: 5, header: true },
      { text: head[8], colspan: 5, header: true },
    ],
    head.slice(9).map((text) => ({ text, header: true })),
    values.map((text) => ({ text })),
  ];
}

// ---------------------------------------------------------------------------------------------------
// HTML

const escapeHtml = (text) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/“/g, '&ldquo;')
    .replace(/”/g, '&rdquo;');

/** A value cell the various ways sites write them: "0 ", "0&nbsp;", wrapped in <p><span>. */
function valueHtml(text, index) {
  if (text === '') return '';
  switch (index % 4) {
    case 1:
      return `${escapeHtml(text)} `;
    case 2:
      return `${escapeHtml(text)}&nbsp;`;
    case 3:
      return `<p style="text-align:center"><span style="font-size:14px">${escapeHtml(text)}</span></p>`;
    default:
      return escapeHtml(text);
  }
}

function tableHtml(rows) {
  let counter = 0;
  const body = rows
    .map((row) => {
      const cells = row.map((cell) => {
        const tag = cell.header ? 'th' : 'td';
        const spans = `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
        const content = cell.header ? escapeHtml(cell.text) : valueHtml(cell.text, counter++);
        return `<${tag}${spans}>${content}</${tag}>`;
      });
      return `    <tr>\n      ${cells.join('\n      ')}\n    </tr>`;
    })
    .join('\n');
  return `<table border="1" cellspacing="0" style="border-collapse:collapse">\n  <tbody>\n${body}\n  </tbody>\n</table>`;
}

/** The report as a page of a government website: header, navigation, breadcrumbs, article, footer, scripts. */
export function reportToHtml(text) {
  const blocks = readTwin(text);
  const title = blocks.find((block) => block.kind === 'title')?.text ?? '政府信息公开工作年度报告';
  let headings = 0;
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return `<h1 class="article-title">${escapeHtml(block.text)}</h1>`;
        case 'heading':
          // Some sites use headings, others bold paragraphs.
          return headings++ % 2 === 0
            ? `<h2>${escapeHtml(block.text)}</h2>`
            : `<p style="text-indent:2em"><strong>${escapeHtml(block.text)}</strong></p>`;
        case 'paragraph':
          return `<p style="text-indent:2em">${escapeHtml(block.text)}</p>`;
        case 'table':
          return tableHtml(block.rows);
      }
      return '';
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}_清河市云溪区人民政府</title>
<style>.article td { border: 1px solid #000; } /* 2019年政府信息公开工作年度报告 */</style>
<script>var crumbs = ["首页", "政务公开", "2019年政府信息公开工作年度报告"];</script>
</head>
<body>
<div class="header"><div class="logo">清河市云溪区人民政府</div></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/ndbg/">政府信息公开年报</a></li></ul></nav>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 2019年政府信息公开工作年度报告</div>
<div class="main">
<article class="article">
${body}
</article>
<div class="share">分享到：微信 微博</div>
</div>
<div class="footer"><p>主办：清河市云溪区人民政府办公室　版权所有 © 2024　联系电话：0000-1234567</p></div>
<script>document.querySelectorAll('td').forEach(function (td) { td.title = '2018年'; });</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------------
// Word

/** The report as a Word document (the `docx` package), tables with merged cells as Word makes them. */
export async function reportToDocx(text) {
  const docx = await import('docx');
  const { Document, Packer, Paragraph, Table, TableRow, TableCell, TextRun, HeadingLevel, WidthType } = docx;
  const children = [];
  for (const block of readTwin(text)) {
    if (block.kind === 'title') children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(block.text)] }));
    else if (block.kind === 'heading') children.push(new Paragraph({ children: [new TextRun({ text: block.text, bold: true })] }));
    else if (block.kind === 'paragraph') children.push(new Paragraph({ children: [new TextRun(block.text)] }));
    else {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.rows.map(
            (row) =>
              new TableRow({
                children: row.map(
                  (cell) =>
                    new TableCell({
                      columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
                      rowSpan: cell.rowspan > 1 ? cell.rowspan : undefined,
                      children: [new Paragraph({ children: cell.text === '' ? [] : [new TextRun(cell.text)] })],
                    }),
                ),
              }),
          ),
        }),
      );
      // Word puts a paragraph between consecutive tables; so do reports.
      children.push(new Paragraph({ children: [] }));
    }
  }
  const document = new Document({ sections: [{ children }] });
  return Packer.toBuffer(document);
}
