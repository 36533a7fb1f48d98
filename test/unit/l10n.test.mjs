// Localisation completeness: the manifest's %key% strings (package.nls.json, English, the default;
// package.nls.zh-cn.json, Chinese), the client's vscode.l10n.t strings (l10n/bundle.l10n.zh-cn.json),
// and the rule pages' English summaries. A string added in one language only fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (name) => JSON.parse(fs.readFileSync(path.join(root, name), 'utf8'));
const manifest = readJson('package.json');
const nls = { en: readJson('package.nls.json'), zh: readJson('package.nls.zh-cn.json') };
const CJK = /[\u3400-\u9fff]/;
/** Strings that are the product's name or id and read the same in both languages. */
const NAMES = new Set(['govreport']);

/** Every string value of the manifest with its path, e.g. ['contributes.commands[0].title', '%…%']. */
function strings(value, at = '') {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, at ? `${at}.${key}` : key));
  return [];
}

test('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json, and no key is unused', () => {
  const used = new Set(strings(manifest).flatMap(([, value]) => [...value.matchAll(/^%([^%]+)%$/g)].map((m) => m[1])));
  assert.ok(used.size > 40, `only ${used.size} localised manifest strings`);
  for (const key of used) {
    for (const [language, table] of Object.entries(nls)) {
      assert.equal(typeof table[key], 'string', `%${key}% is missing from the ${language} package.nls`);
      assert.ok(table[key].trim().length > 0, `%${key}% is empty in the ${language} package.nls`);
    }
  }
  assert.deepEqual(Object.keys(nls.en).sort(), [...used].sort(), 'package.nls.json has keys package.json does not use');
  assert.deepEqual(Object.keys(nls.zh).sort(), Object.keys(nls.en).sort(), 'package.nls.zh-cn.json and package.nls.json differ in keys');
});

test('the Chinese nls strings are Chinese, the English ones English, and none is just copied', () => {
  for (const [key, en] of Object.entries(nls.en)) {
    const zh = nls.zh[key];
    if (NAMES.has(en)) {
      assert.equal(zh, en, key);
      continue;
    }
    assert.match(zh, CJK, `${key}: the zh-cn text has no Chinese: ${zh}`);
    // English texts may quote Chinese terms (本年, 信息处理费, 表三), but are English sentences.
    assert.match(en, /[A-Za-z]{3,}/, `${key}: the English text has no English: ${en}`);
    assert.notEqual(zh, en, key);
    assert.doesNotMatch(en, / \/ |。/, `${key}: the English text still holds the Chinese half: ${en}`);
    assert.doesNotMatch(zh, / \/ [A-Z]/, `${key}: the Chinese text still holds the English half: ${zh}`);
  }
});

test('no setting or command description, title or category lacks a language: each is a %key%', () => {
  const USER_FACING = /(^displayName$|^description$|\.(description|markdownDescription|deprecationMessage|markdownDeprecationMessage)$|\.(enumDescriptions|markdownEnumDescriptions)\[\d+\]$|^contributes\.commands\[\d+\]\.(title|category|shortTitle)$|^contributes\.languages\[\d+\]\.aliases\[0\]$)/;
  const bare = strings(manifest).filter(([at, value]) => USER_FACING.test(at) && !/^%[^%]+%$/.test(value));
  assert.deepEqual(bare, [], 'user-facing manifest strings must be %key% placeholders with both translations');
  // The settings' own descriptions, spot-checked so the pattern above cannot silently match nothing.
  const properties = manifest.contributes.configuration.properties ?? {};
  for (const [name, schema] of Object.entries(properties)) {
    const text = schema.description ?? schema.markdownDescription;
    assert.match(String(text), /^%[^%]+%$/, `${name} has no localised description`);
  }
});

test('the manifest declares the l10n folder and the package ships it with the nls files', () => {
  assert.equal(manifest.l10n, './l10n');
  assert.ok(fs.existsSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json')));
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim());
  for (const pattern of ['!package.nls.json', '!package.nls.*.json', '!l10n/*.json']) assert.ok(ignore.includes(pattern), `.vscodeignore lacks ${pattern}`);
});

/**
 * Every string literal of a client source with the code just before it (comments removed), by a small
 * lexer: strings, template literals (their ${…} expressions lexed in turn), comments. Enough for the
 * client's plain TypeScript.
 */
function literals(source) {
  const found = [];
  let code = '';
  // Lexes code from i; inside a template expression it stops at the `}` that closes it.
  const lexCode = (i, inExpression) => {
    let depth = 0;
    while (i < source.length) {
      const c = source[i];
      if (c === '/' && source[i + 1] === '/') {
        while (i < source.length && source[i] !== '\n') i++;
      } else if (c === '/' && source[i + 1] === '*') {
        const close = source.indexOf('*/', i + 2);
        i = close < 0 ? source.length : close + 2;
      } else if (c === "'" || c === '"') {
        let j = i + 1;
        while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
        found.push({ quote: c, value: unescape(source.slice(i + 1, j)), before: code.slice(-40) });
        code += '""';
        i = j + 1;
      } else if (c === '`') {
        i = lexTemplate(i + 1);
      } else {
        if (inExpression && c === '{') depth++;
        if (inExpression && c === '}' && depth-- === 0) return i + 1;
        code += c;
        i++;
      }
    }
    return i;
  };
  const lexTemplate = (i) => {
    const before = code.slice(-40);
    let raw = '';
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        raw += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        raw += '${}';
        i = lexCode(i + 2, true);
      } else raw += source[i++];
    }
    found.push({ quote: '`', value: unescape(raw), before });
    code += '""';
    return i + 1;
  };
  lexCode(0, false);
  return found;
}

/** The value of a literal's source text between the quotes. */
function unescape(raw) {
  const simple = { n: '\n', t: '\t', r: '\r', 0: '\0' };
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape) => {
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.replace(/^[ux]\{?|\}$/g, ''), 16));
    return simple[escape] ?? escape;
  });
}

function clientSources() {
  const dir = path.join(root, 'client', 'src');
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((name) => String(name).endsWith('.ts'))
    .map((name) => ({ name: String(name), source: fs.readFileSync(path.join(dir, String(name)), 'utf8') }));
}

const L10N_CALL = /\bl10n\.t\(\s*$/;

test('every vscode.l10n.t string of the client has a zh-cn translation with the same placeholders', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const used = new Set();
  for (const { name, source } of clientSources()) {
    // A call whose message is not a plain literal cannot be looked up in the bundle.
    for (const match of source.matchAll(/\bl10n\.t\(\s*([^\s'"])/g)) assert.fail(`${name}: l10n.t( ${match[1]}… takes a computed message`);
    for (const literal of literals(source)) {
      if (!L10N_CALL.test(literal.before)) continue;
      assert.notEqual(literal.quote, '`', `${name}: a template literal in l10n.t: ${literal.value}`);
      used.add(literal.value);
    }
  }
  assert.ok(used.size > 30, `only ${used.size} l10n strings found in client/src`);
  const placeholders = (text) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();
  for (const message of used) {
    assert.equal(typeof bundle[message], 'string', `no zh-cn translation for: ${message}`);
    assert.deepEqual(placeholders(bundle[message]), placeholders(message), `placeholders differ: ${message}`);
    if (/[A-Za-z]{3,}/.test(message.replace(/govreport|Markdown/g, ''))) assert.match(bundle[message], CJK, `untranslated: ${message}`);
  }
  assert.deepEqual(Object.keys(bundle).filter((key) => !used.has(key)), [], 'the bundle holds strings no code uses');
});

test('no Chinese-only message is left in the client outside vscode.l10n.t', () => {
  const bare = [];
  for (const { name, source } of clientSources()) {
    for (const literal of literals(source)) {
      if (CJK.test(literal.value) && !L10N_CALL.test(literal.before)) bare.push(`${name}: ${literal.value}`);
    }
  }
  assert.deepEqual(bare, []);
});

test('every rule page is in Chinese with an English summary', () => {
  const dir = path.join(root, 'docs', 'rules');
  const pages = fs.readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md');
  assert.ok(pages.length >= 30);
  for (const page of pages) {
    const text = fs.readFileSync(path.join(dir, page), 'utf8');
    assert.match(text.split('\n')[0], CJK, `${page}: the title is not Chinese`);
    const summary = /^## English summary\n+([\s\S]+?)(?=\n## |(?![\s\S]))/m.exec(text);
    assert.ok(summary, `${page} has no "## English summary" section`);
    assert.ok(summary[1].split(/\s+/).filter((word) => /^[A-Za-z]+/.test(word)).length >= 20, `${page}: the English summary is too short`);
  }
});
