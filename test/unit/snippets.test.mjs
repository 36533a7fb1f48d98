// The snippets are generated from the template data (scripts/gen-snippets.mjs, `npm run gen`): the
// committed files must be exactly what the generator writes now, every body must be valid snippet
// syntax, and a skeleton or table inserted with every placeholder at its default must be a report the
// checker finds nothing wrong with in its tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { analyze, listRules, repoRoot } from './fixtures.mjs';
import { generate, loadTemplates } from '../../scripts/gen-snippets.mjs';

const FILES = ['snippets/govreport.code-snippets', 'snippets/markdown.code-snippets'];
const read = (file) => readFileSync(path.join(repoRoot, file), 'utf8');
const manifest = JSON.parse(read('package.json'));

/**
 * Parses VS Code snippet syntax strictly and returns the text with every placeholder at its default:
 * `$n`, `${n}`, `${n:default}` (nested), `${n|a,b|}` (the first choice), `\$ \} \\` escapes. Throws on an
 * unbalanced or malformed placeholder, a stray `$` or `}`, or a tab stop defined twice.
 */
function resolveSnippet(body) {
  const defaults = new Map();
  const mirrors = [];
  let i = 0;
  const fail = (why) => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(body.slice(Math.max(0, i - 20), i + 20))}`);
  };
  // Text until `stop` (a `}` closing a placeholder) or the end; placeholders resolved.
  const parseText = (inside) => {
    let out = '';
    while (i < body.length) {
      const char = body[i];
      if (char === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (char === '\\') {
        fail('a backslash escaping nothing');
      } else if (char === '}') {
        if (inside) return out;
        fail('an unescaped }');
      } else if (char === '$') {
        out += parsePlaceholder();
      } else {
        out += char;
        i++;
      }
    }
    if (inside) fail('an unclosed placeholder');
    return out;
  };
  const define = (number, value) => {
    if (defaults.has(number)) fail(`tab stop ${number} defined twice`);
    defaults.set(number, value);
  };
  const parsePlaceholder = () => {
    i++; // $
    let match = /^\d+/.exec(body.slice(i));
    if (match) {
      i += match[0].length;
      const marker = `\u0000${match[0]}\u0000`;
      mirrors.push(Number(match[0]));
      return Number(match[0]) === 0 ? '' : marker;
    }
    if (body[i] !== '{') fail('a $ that starts nothing');
    i++;
    match = /^\d+/.exec(body.slice(i));
    if (!match) fail('a placeholder without a number');
    const number = Number(match[0]);
    i += match[0].length;
    if (body[i] === '}') {
      i++;
      mirrors.push(number);
      return number === 0 ? '' : `\u0000${number}\u0000`;
    }
    if (body[i] === ':') {
      i++;
      const value = parseText(true);
      i++; // }
      define(number, value);
      return value;
    }
    if (body[i] === '|') {
      i++;
      const choices = [];
      let current = '';
      for (;;) {
        if (i >= body.length) fail('an unclosed choice');
        const char = body[i];
        if (char === '\\' && '$}\\,|'.includes(body[i + 1])) {
          current += body[i + 1];
          i += 2;
        } else if (char === ',') {
          choices.push(current);
          current = '';
          i++;
        } else if (char === '|' && body[i + 1] === '}') {
          choices.push(current);
          i += 2;
          break;
        } else if ('$}|'.includes(char)) {
          fail('an unescaped character in a choice');
        } else {
          current += char;
          i++;
        }
      }
      define(number, choices[0]);
      return choices[0];
    }
    return fail('a malformed placeholder');
  };
  const raw = parseText(false);
  for (const number of mirrors) if (number !== 0 && !defaults.has(number)) throw new Error(`$${number} mirrors no placeholder`);
  return { text: raw.replace(/\u0000(\d+)\u0000/g, (_, n) => defaults.get(Number(n))), tabStops: defaults.size };
}

const TABLE_RULES = new Set(listRules().filter((rule) => rule.category === 'tables' || rule.category === 'arithmetic').map((rule) => rule.id));

function tableFindings(text) {
  return analyze(text).diagnostics.filter((diagnostic) => TABLE_RULES.has(diagnostic.rule));
}

let generated;
let render;

before(async () => {
  generated = await generate();
  render = await loadTemplates();
});

describe('snippets: generated, not hand-written', () => {
  for (const file of FILES) {
    test(`${file} is what \`npm run gen\` writes`, () => {
      assert.equal(read(file), generated[file], `${file} drifted from the template data: run npm run gen`);
    });
  }
  test('the grammar row labels are what `npm run gen` writes', () => {
    const file = 'syntaxes/govreport.tmLanguage.json';
    assert.equal(read(file), generated[file], 'run npm run gen');
  });
  test('package.json registers both files and the gen script', () => {
    const entries = manifest.contributes.snippets;
    assert.ok(entries.some((entry) => entry.language === 'govreport' && entry.path === './snippets/govreport.code-snippets'));
    assert.ok(entries.some((entry) => entry.language === 'markdown' && entry.path === './snippets/markdown.code-snippets'));
    assert.match(manifest.scripts.gen, /gen-snippets\.mjs/);
  });
});

describe('snippets: contents', () => {
  const snippets = JSON.parse(read('snippets/govreport.code-snippets'));
  const markdown = JSON.parse(read('snippets/markdown.code-snippets'));
  const all = [...Object.entries(snippets), ...Object.entries(markdown).map(([name, value]) => [`markdown: ${name}`, value])];
  const byPrefix = (set, prefix) => Object.values(set).find((snippet) => snippet.prefix.includes(prefix));

  test('each has prefixes, a body and a Chinese description', () => {
    for (const [name, snippet] of all) {
      assert.ok(Array.isArray(snippet.prefix) && snippet.prefix.length > 0, name);
      assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, name);
      assert.match(snippet.description, /[\u4e00-\u9fff]/, name);
    }
  });
  test('no prefix names two snippets of a file', () => {
    for (const set of [snippets, markdown]) {
      const prefixes = Object.values(set).flatMap((snippet) => snippet.prefix);
      assert.deepEqual(prefixes.filter((prefix, index) => prefixes.indexOf(prefix) !== index), []);
    }
  });
  test('every body is valid snippet syntax; tables, reports and the fee statement have tab stops', () => {
    for (const [name, snippet] of all) {
      const { tabStops } = resolveSnippet(snippet.body.join('\n'));
      if (!name.includes('标题')) assert.ok(tabStops > 0, name);
    }
  });
  test('the expected prefixes exist', () => {
    for (const prefix of ['nb2021', 'nb2019', '年报', '年报2021', '年报2019', 'nb2021md', '表二', '表三', '表四', 'b2', 'b3', 'b4', 'b3md', 'b3_2019', '表三2019md', 'bt1', '标题六', '信息处理费']) {
      assert.ok(byPrefix(snippets, prefix), prefix);
    }
    for (const prefix of ['nb2021', 'nb2019', 'b3', '表三', 'b3md']) assert.ok(byPrefix(markdown, prefix), `markdown ${prefix}`);
  });
  test('resolved at their defaults, snippets are exactly the plain rendering (escaping is right)', () => {
    const pairs = [
      [byPrefix(snippets, 'nb2021'), render.renderReport('2021', { layout: 'tab' })],
      [byPrefix(snippets, 'nb2019md'), render.renderReport('2019', { layout: 'pipe' })],
      [byPrefix(snippets, 'b3'), render.renderTable('2021', 3, { layout: 'tab' })],
      [byPrefix(snippets, 'b2_2019md'), render.renderTable('2019', 2, { layout: 'pipe' })],
      [byPrefix(snippets, 'b4'), render.renderTable('2019', 4, { layout: 'tab' })],
      [byPrefix(snippets, '信息处理费'), render.renderFeeStatement()],
      [byPrefix(markdown, 'bt2'), render.renderHeading('2021', 2, { headingPrefix: '## ' })],
    ];
    for (const [snippet, plain] of pairs) assert.equal(resolveSnippet(snippet.body.join('\n')).text, plain);
  });
  test('escaping: $, } and \\ in text read literally', () => {
    assert.equal(render.escapeSnippet('a$b}c\\d'), 'a\\$b\\}c\\\\d');
    assert.equal(resolveSnippet(render.escapeSnippet('费用 $5 {x} \\n')).text, '费用 $5 {x} \\n');
    assert.equal(render.renderRows([['a|b', { value: '1$' }]], { layout: 'pipe', snippet: true }), '| a\\\\|b | ${1:1\\$} |');
  });
  test('the 信息处理费 statement names the fee and offers "not collected" first', () => {
    const text = resolveSnippet(byPrefix(snippets, '信息处理费').body.join('\n')).text;
    assert.match(text, /未收取信息处理费/);
  });
});

describe('snippets: inserted at their defaults, the tables are right', () => {
  const snippets = JSON.parse(read('snippets/govreport.code-snippets'));
  const markdown = JSON.parse(read('snippets/markdown.code-snippets'));
  for (const [file, set] of [['govreport', snippets], ['markdown', markdown]]) {
    for (const [name, snippet] of Object.entries(set)) {
      if (!/^年报全文/.test(name)) continue;
      test(`${file}: ${name}`, () => {
        const text = resolveSnippet(snippet.body.join('\n')).text;
        const result = analyze(text);
        assert.deepEqual(result.diagnostics, []);
        const format = name.includes('2019') ? '2019' : '2021';
        assert.equal(result.format, format);
        assert.equal(result.year, Number(format));
        assert.equal(result.sections.length, 6);
        assert.deepEqual([...new Set(result.tables.map((table) => table.section))], [2, 3, 4]);
        for (const table of result.tables) {
          for (const row of table.rows) if (row.cells) assert.ok(row.cells.every((cell) => cell.value === 0));
        }
      });
    }
    test(`${file}: each table alone under a title`, () => {
      for (const [name, snippet] of Object.entries(set)) {
        if (!/^表[二三四]/.test(name)) continue;
        const year = name.includes('2019') ? 2019 : 2021;
        const text = `某某单位${year}年政府信息公开工作年度报告\n\n${resolveSnippet(snippet.body.join('\n')).text}\n`;
        assert.deepEqual(tableFindings(text), [], name);
        const section = { 二: 2, 三: 3, 四: 4 }[name[1]];
        assert.ok(analyze(text).tables.length > 0 && analyze(text).tables.every((table) => table.section === section), name);
      }
    });
  }
  test('the skeleton stays clean when VS Code turns leading tabs into spaces', () => {
    const body = byPrefixOf(snippets, 'nb2021');
    const text = resolveSnippet(body).text.replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length));
    assert.deepEqual(tableFindings(text), []);
  });
});

function byPrefixOf(set, prefix) {
  return Object.values(set).find((snippet) => snippet.prefix.includes(prefix)).body.join('\n');
}
