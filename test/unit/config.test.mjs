// `.govreportrc.json`: reading a file's text (never throwing, problems located in the file), resolving
// the chain of files above a report (nearest wins, overrides after the file's rules, ignore globs), the
// generated JSON schema, and how the extension ships it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { repoRoot } from './fixtures.mjs';
import { generate, SCHEMA_FILE } from '../../scripts/gen-schema.mjs';

const require = createRequire(import.meta.url);
const { parseConfig, resolveConfig, folderChain, listRules } = require(path.join(repoRoot, 'server/dist/index.js'));
const known = new Set(listRules().map((rule) => rule.id));
const parse = (value) => parseConfig(typeof value === 'string' ? value : JSON.stringify(value, null, 2), known);
const layer = (dir, value) => ({ dir, config: parse(value).config });

describe('config: parsing', () => {
  test('a complete, valid file', () => {
    const { config, problems } = parse({
      $schema: './schemas/govreportrc.schema.json',
      root: true,
      rules: { 'cell-blank': 'off', deadline: 'warning' },
      overrides: [{ files: ['2019/**'], rules: { similarity: 'off' }, format: '2019' }],
      ignore: ['*草稿*'],
      format: '2021',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      root: true,
      rules: { 'cell-blank': 'off', deadline: 'warning' },
      overrides: [{ files: ['2019/**'], rules: { similarity: 'off' }, format: '2019' }],
      ignore: ['*草稿*'],
      format: '2021',
    });
  });

  test('broken JSON: an empty config and one problem where the parser stopped', () => {
    const { config, problems } = parse('{\n  "rules": {\n    "cell-blank": "off",\n  }\n}');
    assert.deepEqual(config, { root: false, rules: {}, overrides: [], ignore: [] });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /不是有效的 JSON/);
    assert.ok(problems[0].range.start.line >= 2, JSON.stringify(problems[0].range));
    assert.equal(parse('').problems.length, 1);
    assert.equal(parse('[1]').problems.length, 1);
    assert.equal(parse('null').problems.length, 1);
  });

  test('unknown rule ids, bad severities and wrong types are left out and located; the rest is used', () => {
    const text = JSON.stringify({ rules: { 'cell-blnk': 'off', 'row-total': 'loud', balance: 'info' }, ignore: 'x', format: '2020', extra: 1 }, null, 2);
    const { config, problems } = parseConfig(text, known);
    assert.deepEqual(config.rules, { balance: 'info' });
    assert.deepEqual(config.ignore, []);
    assert.equal(config.format, undefined);
    const byMessage = Object.fromEntries(problems.map((p) => [p.message, p.range.start.line]));
    assert.equal(byMessage['未知的规则名 cell-blnk'], 2);
    assert.equal(byMessage['row-total 的级别应为 off、info、warning、error 之一'], 3);
    assert.ok('“ignore”应为 glob 模式的列表' in byMessage);
    assert.ok('“format”应为 "auto"、"2019" 或 "2021"' in byMessage);
    assert.ok('未知的配置项“extra”' in byMessage);
    assert.ok(parseConfig(text, known, 'en').problems.some((p) => p.message === 'Unknown rule id cell-blnk'));
  });

  test('overrides without files are dropped; a BOM is fine', () => {
    const { config, problems } = parse('\ufeff' + JSON.stringify({ overrides: [{ rules: { balance: 'off' } }, 3, { files: ['a'], rules: { x: 'off' } }] }));
    assert.deepEqual(config.overrides, [{ files: ['a'], rules: {} }]);
    assert.equal(problems.length, 3);
  });
});

describe('config: resolution', () => {
  const file = '/work/reports/2019/望湖街道2019年报告.txt';

  test('no files: nothing', () => {
    assert.deepEqual(resolveConfig([], file), { rules: {}, ignored: false });
  });

  test('the nearest file wins; a file\'s overrides win over its rules; later overrides over earlier', () => {
    const chain = [
      // nearest first
      layer('/work/reports/2019', { rules: { balance: 'warning' } }),
      layer('/work/reports', {
        rules: { balance: 'off', deadline: 'off', 'cell-blank': 'info' },
        overrides: [
          { files: ['2019/**'], rules: { 'cell-blank': 'error', deadline: 'info' } },
          { files: ['*望湖*'], rules: { 'cell-blank': 'warning' } },
        ],
        format: '2021',
      }),
      layer('/work', { rules: { 'row-total': 'off' }, format: '2019' }),
    ];
    assert.deepEqual(resolveConfig(chain, file), {
      rules: { 'row-total': 'off', balance: 'warning', deadline: 'info', 'cell-blank': 'warning' },
      format: '2021',
      ignored: false,
    });
  });

  test('globs: without "/" any depth by name, with "/" from the config folder, a folder name covers its files', () => {
    const matches = (glob, dir = '/work') => resolveConfig([layer(dir, { ignore: [glob] })], file).ignored;
    assert.equal(matches('*2019年报告.txt'), true);
    assert.equal(matches('*.md'), false);
    assert.equal(matches('reports/2019/**'), true);
    assert.equal(matches('2019/**'), false, 'anchored at the config file\'s folder');
    assert.equal(matches('2019/**', '/work/reports'), true);
    assert.equal(matches('reports/'), true);
    assert.equal(matches('**/2019/*.txt'), true);
    assert.equal(matches('./reports/2019/*.txt'), true);
    assert.equal(matches('*草稿*'), false);
  });

  test('ignore in any file of the chain; a path outside the folder (stdin) only gets the plain rules', () => {
    const chain = [layer('/work/reports', { rules: { balance: 'off' } }), layer('/work', { ignore: ['*.txt'], overrides: [{ files: ['**'], rules: { deadline: 'off' } }] })];
    assert.equal(resolveConfig(chain, file).ignored, true);
    assert.deepEqual(resolveConfig(chain, '\0stdin'), { rules: { balance: 'off' }, ignored: false });
  });

  test('Windows paths', () => {
    const chain = [{ dir: 'C:/报告', config: parse({ ignore: ['草稿/'] }).config }];
    assert.equal(resolveConfig(chain, 'c:\\报告\\草稿\\a.txt').ignored, true);
    assert.equal(resolveConfig(chain, 'C:\\报告\\a.txt').ignored, false);
  });

  test('folderChain: from the file\'s folder up to the root', () => {
    assert.deepEqual(folderChain('/a/b/c.txt'), ['/a/b', '/a', '/']);
    assert.deepEqual(folderChain('/c.txt'), ['/']);
    assert.deepEqual(folderChain('C:/x/y.txt'), ['C:/x', 'C:']);
  });
});

describe('config: the JSON schema', () => {
  test('schemas/govreportrc.schema.json is what `npm run gen` writes', async () => {
    const generated = await generate();
    assert.equal(fs.readFileSync(path.join(repoRoot, SCHEMA_FILE), 'utf8'), generated[SCHEMA_FILE], 'run npm run gen');
  });

  test('it names every rule id with its default, in both languages', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, SCHEMA_FILE), 'utf8'));
    const rules = schema.definitions.rules;
    assert.deepEqual(rules.propertyNames.enum, listRules().map((rule) => rule.id));
    for (const rule of listRules()) {
      assert.equal(rules.properties[rule.id].default, rule.defaultSeverity);
      assert.match(rules.properties[rule.id].description, / \/ /);
    }
    assert.deepEqual(schema.definitions.severity.enum, ['off', 'info', 'warning', 'error']);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'format', 'ignore', 'overrides', 'root', 'rules']);
  });

  test('the extension contributes it for .govreportrc.json and ships it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.govreportrc.json', url: './schemas/govreportrc.schema.json' }]);
    assert.match(fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8'), /^!schemas\/\*\.json$/m);
    assert.match(manifest.scripts.gen, /gen-schema\.mjs/);
  });

  test('the run setting: onType or onSave, resource-scoped', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const run = manifest.contributes.configuration.properties['govreport.run'];
    assert.deepEqual(run.enum, ['onType', 'onSave']);
    assert.equal(run.default, 'onType');
    assert.equal(run.scope, 'resource');
  });
});
