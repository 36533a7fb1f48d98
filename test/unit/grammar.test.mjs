// The TextMate grammar (syntaxes/govreport.tmLanguage.json), run by the engine VS Code uses
// (vscode-textmate with the oniguruma regex library): sample lines get the expected scopes, and no line,
// however long or odd, makes a pattern backtrack for long.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { repoRoot, seedsDir } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

let grammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'text.govreport') return null;
      const file = path.join(repoRoot, 'syntaxes/govreport.tmLanguage.json');
      return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  grammar = await registry.loadGrammar('text.govreport');
});

/** Tokens of one line: [{ text, scopes }]. */
function tokenize(line) {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
}

/** The scopes of the token(s) covering `needle` in `line`; asserts they all share them. */
function scopesAt(line, needle, occurrence = 0) {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = line.indexOf(needle, index + 1);
  assert.ok(index >= 0, `"${needle}" in "${line}"`);
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  const covering = tokens.filter((token) => token.startIndex < index + needle.length && token.endIndex > index);
  const first = covering[0];
  assert.ok(
    first.startIndex <= index && covering.every((token) => token.scopes.join(' ') === first.scopes.join(' ')),
    `"${needle}" is one token in "${line}": ${JSON.stringify(tokenize(line))}`,
  );
  return first.scopes;
}

function assertScope(line, needle, scope, occurrence = 0) {
  const scopes = scopesAt(line, needle, occurrence);
  assert.ok(
    scopes.some((name) => name === scope || name.startsWith(`${scope}.`) || name.split(' ').includes(scope)),
    `"${needle}" in "${line}" has ${scope}; got ${scopes.join(', ')}`,
  );
}

function assertNoScope(line, needle, scope) {
  const scopes = scopesAt(line, needle);
  assert.ok(!scopes.some((name) => name.startsWith(scope)), `"${needle}" in "${line}" lacks ${scope}; got ${scopes.join(', ')}`);
}

describe('grammar: scopes', () => {
  test('section headings, plain and markdown', () => {
    assertScope('一、总体情况', '总体情况', 'entity.name.section');
    assertScope('一、总体情况', '一、', 'markup.heading');
    assertScope('## 三、收到和处理政府信息公开申请情况', '三、收到和处理政府信息公开申请情况', 'entity.name.section');
    assertScope('## 三、收到和处理政府信息公开申请情况', '##', 'markup.heading');
    assertScope('六、其他需要报告的事项', '其他需要报告的事项', 'markup.heading');
    assertNoScope('六、其他需要报告的事项', '其他需要报告的事项', 'entity.name.type.row-label');
  });
  test('item lines', () => {
    assertScope('第二十条第（一）项', '第二十条第（一）项', 'entity.name.section');
    assertScope('\t第二十条第(八)项\t\t', '第二十条第(八)项', 'entity.name.section');
  });
  test('row labels of table 三, with any numbering, not taken for headings', () => {
    assertScope('三、本年度办理结果', '本年度办理结果', 'entity.name.type.row-label');
    assertNoScope('三、本年度办理结果', '本年度办理结果', 'markup.heading');
    assertScope('一、本年新收政府信息公开申请数量\t1\t0', '本年新收政府信息公开申请数量', 'entity.name.type.row-label');
    const shared = '（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0';
    assertScope(shared, '不予公开', 'entity.name.type.row-label');
    assertScope(shared, '属于国家秘密', 'entity.name.type.row-label');
    assertScope(shared, '1.', 'punctuation.definition.list.numbering');
    assertScope('3.危及"三安全一稳定"\t0', '危及"三安全一稳定"', 'entity.name.type.row-label');
    assertScope('(二)部分公开(区分处理的,只计这一情形,不计其他情形)\t1', '部分公开(区分处理的,只计这一情形,不计其他情形)', 'entity.name.type.row-label');
    assertScope('| 2.重复申请 | 1 | 0 |', '重复申请', 'entity.name.type.row-label');
    assertScope('\t3.其他', '其他', 'entity.name.type.row-label');
  });
  test('row labels of table 二, both formats', () => {
    assertScope('行政规范性文件\t2\t1\t15', '行政规范性文件', 'entity.name.type.row-label');
    assertScope('政府集中采购\t3\t12.5万元', '政府集中采购', 'entity.name.type.row-label');
    assertScope('行政事业性收费 0', '行政事业性收费', 'entity.name.type.row-label');
  });
  test('a label inside running text is no row label', () => {
    assertNoScope('本年度行政许可事项办理顺利。', '行政许可', 'entity.name.type.row-label');
  });
  test('总计 rows', () => {
    assertScope('（七）总计\t10\t1\t0\t1\t0\t0\t12', '（七）总计', 'keyword.other.total');
    assertScope('| (七) 总计 | 3 |', '(七) 总计', 'keyword.other.total');
  });
  test('numbers', () => {
    const line = '（七）总计\t10\t1,234\t12.5\t１２';
    assertScope(line, '10', 'constant.numeric');
    assertScope(line, '1,234', 'constant.numeric');
    assertScope(line, '12.5', 'constant.numeric');
    assertScope(line, '１２', 'constant.numeric');
  });
  test('document citations and titles', () => {
    const line = '根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求';
    assertScope(line, '国办公开办函〔2021〕30号', 'string.quoted.other.citation');
    assertScope(line, '《中华人民共和国政府信息公开条例》', 'string.quoted.other.title');
    assertScope('按照国办公开办函[2019]60号', '国办公开办函[2019]60号', 'string.quoted.other.citation');
  });
  test('dates', () => {
    const line = '统计期限自2021年1月1日起至2021年12月31日止，2022-01-20发布，二〇二二年一月二十日';
    assertScope(line, '2021年1月1日', 'string.other.date');
    assertScope(line, '2021年12月31日', 'string.other.date');
    assertScope(line, '2022-01-20', 'string.other.date');
    assertScope(line, '二〇二二年一月二十日', 'string.other.date');
  });
});

describe('grammar: never slow', () => {
  const hostile = [
    '一、'.repeat(5000),
    '（'.repeat(10000),
    '1'.repeat(20000),
    '1,'.repeat(10000),
    `${'\t'.repeat(5000)}x`,
    `| ${'0 | '.repeat(5000)}`,
    '第二十条第（'.repeat(3000),
    '国办公开办函〔'.repeat(3000),
    `${'其他'.repeat(5000)}\t`,
    `一、${'总体情况 '.repeat(4000)}`,
    `3.危及"${'"'.repeat(5000)}`,
    '2021年'.repeat(5000),
    '《'.repeat(10000),
  ];
  for (const [index, line] of hostile.entries()) {
    test(`hostile line ${index + 1} (${line.length} characters)`, () => {
      const start = performance.now();
      grammar.tokenizeLine(line, textmate.INITIAL);
      const elapsed = performance.now() - start;
      assert.ok(elapsed < 1500, `took ${elapsed.toFixed(0)} ms`);
    });
  }
  test('the seeds and the generated snippets tokenize quickly', () => {
    const texts = readdirSync(seedsDir).map((file) => readFileSync(path.join(seedsDir, file), 'utf8'));
    const snippets = JSON.parse(readFileSync(path.join(repoRoot, 'snippets/govreport.code-snippets'), 'utf8'));
    texts.push(...Object.values(snippets).map((snippet) => snippet.body.join('\n')));
    const start = performance.now();
    let lines = 0;
    for (const text of texts) {
      let state = textmate.INITIAL;
      for (const line of text.split(/\r?\n/)) {
        state = grammar.tokenizeLine(line, state).ruleStack;
        lines++;
      }
    }
    const elapsed = performance.now() - start;
    assert.ok(elapsed < 5000, `${lines} lines took ${elapsed.toFixed(0)} ms`);
  });
});
