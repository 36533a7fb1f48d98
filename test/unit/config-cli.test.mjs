// `govreport check` and `fix` with `.govreportrc.json` files in temporary folders: found upwards, stopped
// by "root": true, overrides by glob, ignore globs, --config and --no-config, broken files as warnings,
// and inline suppression comments.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { repoRoot } from './fixtures.mjs';

const CLI = path.join(repoRoot, 'server/dist/cli.js');
const SAMPLE = fs.readFileSync(path.join(repoRoot, 'examples/望湖街道办事处2022年政府信息公开工作年度报告.md'), 'utf8');
const ENV = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', NO_COLOR: '1', FORCE_COLOR: '' };
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-config-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

let count = 0;
/** A fresh folder with these files (path → text, or an object written as JSON). */
function tree(files) {
  const root = path.join(temp, String(count++));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

function run(args, cwd) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: ENV, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `check --format json`: file path → its rule ids, sorted. */
function rules(args, cwd) {
  const result = run(['check', '--format', 'json', ...args], cwd);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const json = JSON.parse(result.stdout);
  return Object.fromEntries(json.files.map((file) => [file.path, file.diagnostics.map((d) => d.rule).sort()]));
}

const ALL = ['cell-blank', 'label-mismatch', 'result-total', 'review-total', 'row-total', 'section-missing'];
const without = (...ids) => ALL.filter((id) => !ids.includes(id));

describe('CLI: .govreportrc.json', () => {
  test('found upwards from the report\'s folder', () => {
    const root = tree({ '.govreportrc.json': { root: true, rules: { 'cell-blank': 'off' } }, 'a/b/r.md': SAMPLE });
    assert.deepEqual(rules(['a'], root), { 'a/b/r.md': without('cell-blank') });
    // The lookup starts at the file, not at the current folder.
    assert.deepEqual(rules([path.join(root, 'a/b/r.md')], os.tmpdir())[path.join(root, 'a/b/r.md')], without('cell-blank'));
  });

  test('the nearest file wins; "root": true stops the lookup', () => {
    const root = tree({
      '.govreportrc.json': { root: true, rules: { 'cell-blank': 'off', 'label-mismatch': 'off' } },
      'a/.govreportrc.json': { rules: { 'cell-blank': 'error' } },
      'a/r.md': SAMPLE,
      'b/.govreportrc.json': { root: true },
      'b/r.md': SAMPLE,
    });
    assert.deepEqual(rules(['.'], root), { 'a/r.md': without('label-mismatch'), 'b/r.md': ALL });
    const severities = JSON.parse(run(['check', '--format', 'json', 'a'], root).stdout).files[0].diagnostics;
    assert.equal(severities.find((d) => d.rule === 'cell-blank').severity, 'error');
  });

  test('overrides by glob, and ignore', () => {
    const root = tree({
      '.govreportrc.json': {
        root: true,
        overrides: [
          { files: ['drafts/**'], rules: { 'row-total': 'off' } },
          { files: ['*区*'], rules: { 'section-missing': 'off' } },
        ],
        ignore: ['*草稿*', 'old/'],
      },
      'drafts/r.md': SAMPLE,
      'x/云溪区r.md': SAMPLE,
      'x/r.md': SAMPLE,
      'x/草稿r.md': SAMPLE,
      'old/r.md': SAMPLE,
    });
    assert.deepEqual(rules(['.'], root), { 'drafts/r.md': without('row-total'), 'x/r.md': ALL, 'x/云溪区r.md': without('section-missing') });
    // An ignored file named on the command line is skipped as well.
    assert.deepEqual(rules(['x/草稿r.md'], root), {});
  });

  test('--no-config reads none; --config reads only the given one', () => {
    const root = tree({
      '.govreportrc.json': { root: true, rules: { 'cell-blank': 'off' } },
      'other.json': { rules: { 'row-total': 'off' }, ignore: ['skip*'] },
      'r.md': SAMPLE,
      'skip.md': SAMPLE,
    });
    assert.deepEqual(rules(['r.md'], root), { 'r.md': without('cell-blank') });
    assert.deepEqual(rules(['--no-config', 'r.md'], root), { 'r.md': ALL });
    assert.deepEqual(rules(['--config', 'other.json', '.'], root), { 'r.md': without('row-total') });
    const missing = run(['check', '--config', 'nope.json', 'r.md'], root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /无法读取配置文件 nope\.json/);
  });

  test('a broken config file is a warning line, never a crash; its valid part applies', () => {
    const root = tree({ '.govreportrc.json': '{"root": true, "rules": {"cell-blank": "off", "cell-blnk": "off", "row-total": "loud"}}', 'r.md': SAMPLE });
    const result = run(['check', '--format', 'json', 'r.md'], root);
    assert.equal(result.status, 1);
    assert.deepEqual(JSON.parse(result.stdout).files[0].diagnostics.map((d) => d.rule).sort(), without('cell-blank'));
    const warnings = result.stderr.trim().split('\n');
    assert.equal(warnings.length, 2, result.stderr);
    assert.match(warnings[0], /^govreport：警告：\.govreportrc\.json:1:\d+：未知的规则名 cell-blnk$/);
    const broken = tree({ '.govreportrc.json': '{"root": true, "rules": {', 'r.md': SAMPLE });
    const again = run(['check', 'r.md'], broken);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /不是有效的 JSON/);
  });

  test('fix honours the config: a rule switched off is not fixed', () => {
    const root = tree({ '.govreportrc.json': { root: true, rules: { 'row-total': 'off' } }, 'r.md': SAMPLE });
    const withConfig = run(['fix', '--dry-run', 'r.md'], root).stdout;
    const without = run(['fix', '--dry-run', '--no-config', 'r.md'], root).stdout;
    assert.ok(without.split('\n').length > withConfig.split('\n').length, 'the row-total fix is left out');
  });
});

describe('CLI: inline suppression', () => {
  const lines = SAMPLE.split('\n');
  lines.splice(59, 0, '<!-- govreport-disable-next-line cell-blank -->');
  lines.splice(2, 0, '<!-- govreport-disable-next-line balance -->');
  const suppressed = lines.join('\n');

  test('check drops the suppressed finding and reports the comment that suppresses nothing', () => {
    const root = tree({ '.govreportrc.json': { root: true }, 'r.md': suppressed });
    assert.deepEqual(rules(['r.md'], root), { 'r.md': [...without('cell-blank'), 'unused-suppression'].sort() });
    // The config file's severities reach unused-suppression too.
    const off = tree({ '.govreportrc.json': { root: true, rules: { 'unused-suppression': 'off' } }, 'r.md': suppressed });
    assert.deepEqual(rules(['r.md'], off), { 'r.md': without('cell-blank') });
  });

  test('fix never inserts or removes a suppression comment', () => {
    const root = tree({ '.govreportrc.json': { root: true }, 'r.md': suppressed });
    const result = run(['fix', 'r.md'], root);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    const fixed = fs.readFileSync(path.join(root, 'r.md'), 'utf8');
    assert.equal(fixed.match(/govreport-disable/g).length, 2);
    // The suppressed blank cell was not filled in by fix-all.
    const cellLine = suppressed.split('\n')[60];
    assert.ok(fixed.split('\n').includes(cellLine), 'the suppressed line is unchanged');
  });
});
