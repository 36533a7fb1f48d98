// Generates what is derived from the template data and committed: the VS Code snippets
// (snippets/govreport.code-snippets, snippets/markdown.code-snippets) and the row-label pattern of the
// grammar (syntaxes/govreport.tmLanguage.json, repository "row-label"). Every label comes from
// server/src/service/templates and every table is written by its render.ts, so snippets, fixes and the
// "插入年报模板" command cannot disagree. `npm run gen` writes the files; test/unit/snippets.test.mjs
// regenerates them in memory and fails when the committed ones drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSource, repoRoot } from './load-source.mjs';
import { pathToFileURL } from 'node:url';

export { repoRoot };

/** The template modules, read from the TypeScript sources. */
export function loadTemplates() {
  return loadSource(
    [
      "export * from './server/src/service/templates/render';",
      "export { templates, formatIds } from './server/src/service/templates/index';",
    ].join('\n'),
  );
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六'];
const LAYOUTS = {
  tab: { name: '制表符分隔', suffix: '' },
  pipe: { name: 'Markdown 管道表格', suffix: 'md' },
};

/** 2021 is today's format and gets the short prefixes; 2019 ones carry the year. */
function formatTag(format) {
  return format === '2021' ? '' : format;
}

function snippet(prefix, body, description) {
  return { prefix, body: body.split('\n'), description };
}

/**
 * The snippets, by name. `markdown` selects the set for markdown documents: the pipe layout, with
 * markdown headings, and with the short prefixes as well (a markdown author types `nb2021`, not `nb2021md`).
 */
export function buildSnippets(t, markdown) {
  const out = {};
  const layouts = markdown ? ['pipe'] : ['tab', 'pipe'];
  for (const format of ['2021', '2019']) {
    const template = t.templates[format];
    const tag = formatTag(format);
    for (const layout of layouts) {
      const { name, suffix } = LAYOUTS[layout];
      const prefixes = (chinese, pinyin) => {
        const list = [`${chinese}${suffix}`, `${pinyin}${suffix}`];
        if (markdown) list.push(chinese, pinyin);
        return [...new Set(list)];
      };
      const yearTag = format === '2021' ? '2021' : format;
      const reportPrefixes = prefixes(`年报${yearTag}`, `nb${yearTag}`);
      if (format === '2021') reportPrefixes.push(...prefixes('年报', 'nb').filter((p) => !reportPrefixes.includes(p)));
      out[`年报全文（${format} 年格式，${name}）`] = snippet(
        reportPrefixes,
        t.renderReport(format, { layout, snippet: true }),
        `政府信息公开工作年度报告全文骨架：${template.notice}格式（${template.years.from} 年度起），六个部分、全部模板表格（各单元格为 0，按 Tab 逐格填写）${format === '2021' ? '和信息处理费说明' : ''}；表格为${name}。`,
      );
      for (const section of [2, 3, 4]) {
        const body = t.renderTable(format, section, { layout, snippet: true });
        // Table 四 is the same in both formats: one snippet for both.
        const same = format === '2019' && body === t.renderTable('2021', section, { layout, snippet: true });
        if (same) continue;
        const chinese = `表${NUMERALS[section]}${section === 4 ? '' : tag}`;
        const pinyin = `b${section}${section === 4 || tag === '' ? '' : `_${tag}`}`;
        const formats = section === 4 ? '两种格式相同' : `${format} 年格式`;
        const what = { 2: '主动公开政府信息情况', 3: '收到和处理政府信息公开申请情况', 4: '政府信息公开行政复议、行政诉讼情况' }[section];
        out[`表${NUMERALS[section]}（${formats}，${name}）`] = snippet(
          prefixes(chinese, pinyin),
          body,
          `第${NUMERALS[section]}部分“${what}”的模板表格（${section === 4 ? '〔2019〕60号与〔2021〕30号' : template.notice}），${name}，各单元格为 0，按 Tab 逐格填写。`,
        );
      }
    }
  }
  const headingOptions = { snippet: true, headingPrefix: markdown ? '## ' : '' };
  for (const section of t.templates['2021'].sections) {
    const { index, numeral, short, long } = section;
    out[`标题 ${numeral}、${short}`] = snippet(
      [`标题${numeral}`, `bt${index}`, short, ...(long !== short ? [long] : [])],
      t.renderHeading('2021', index, headingOptions),
      `第${numeral}部分的标题（两种格式相同）${long !== short ? `；也可写作“${numeral}、${long}”` : ''}。`,
    );
  }
  out['信息处理费说明'] = snippet(
    ['信息处理费', 'xxclf', '收费'],
    t.renderFeeStatement({ snippet: true }),
    '第六部分“其他需要报告的事项”中的信息处理费收取情况（〔2021〕30号要求报告，未收取也应说明）。',
  );
  return out;
}

// ---- the grammar's row labels ----------------------------------------------------------------------

/** A label as a regex that accepts the usual variants of brackets, quotes and commas. */
function labelPattern(label) {
  let out = '';
  for (const char of label) {
    if (char === '（' || char === '(') out += '[（(]';
    else if (char === '）' || char === ')') out += '[）)]';
    else if ('“”"'.includes(char)) out += '["“”]?';
    else if (char === '，' || char === ',') out += '[，,]';
    else out += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

/** The row labels of both formats' tables 二 and 三 (without numbering), longest first. */
function rowLabels(t) {
  const labels = new Set();
  for (const format of t.formatIds) {
    const template = t.templates[format];
    for (const item of template.active) for (const row of item.rows) labels.add(row.text);
    for (const row of template.requests.rows) if (row.id !== template.requests.resultTotalRow) labels.add(row.text);
  }
  return [...labels].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** The grammar rule for row labels: a template row label, with any numbering, alone in its cell. */
export function rowLabelRule(t) {
  const numbering = '[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,2}[.．、]?';
  return {
    comment: 'Generated by scripts/gen-snippets.mjs from the template data; do not edit by hand.',
    match: `(?<=^|[\\t|])[ \\t\u3000]*(${numbering})?[ \\t]*(${rowLabels(t).map(labelPattern).join('|')})(?=[\\s\u3000|]|$)`,
    captures: {
      1: { name: 'punctuation.definition.list.numbering.govreport' },
      2: { name: 'entity.name.type.row-label.govreport' },
    },
  };
}

function grammarText(t) {
  const file = path.join(repoRoot, 'syntaxes/govreport.tmLanguage.json');
  const grammar = JSON.parse(readFileSync(file, 'utf8'));
  grammar.repository['row-label'] = rowLabelRule(t);
  return JSON.stringify(grammar, null, 2) + '\n';
}

/** Every generated file, by path relative to the repository, with its content. */
export async function generate() {
  const t = await loadTemplates();
  const json = (value) => JSON.stringify(value, null, 2) + '\n';
  return {
    'snippets/govreport.code-snippets': json(buildSnippets(t, false)),
    'snippets/markdown.code-snippets': json(buildSnippets(t, true)),
    'syntaxes/govreport.tmLanguage.json': grammarText(t),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await generate();
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(path.join(repoRoot, file), content);
    console.log(`wrote ${file}`);
  }
}
