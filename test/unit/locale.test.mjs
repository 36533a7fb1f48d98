// The message language: service/locale.ts decides it for the language server (the editor's display
// language) and the CLI (LC_ALL / LC_MESSAGES / LANG / LANGUAGE). Chinese unless the locale clearly
// names another language; unset, C and POSIX are Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = process.env.GOVREPORT_CLI ?? path.join(ROOT, 'server/dist/cli.js');

async function loadLocale() {
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/src/service/locale.ts')],
    bundle: true,
    platform: 'neutral',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', built.outputFiles[0].text)(module, module.exports);
  return module.exports;
}

test('localeFromTag: zh, unset, C, POSIX and China\'s other languages are Chinese; any other language is English', async () => {
  const { localeFromTag } = await loadLocale();
  for (const tag of [undefined, null, '', '  ', 'C', 'C.UTF-8', 'POSIX', 'zh', 'zh-cn', 'zh-CN', 'zh_CN.UTF-8', 'zh_TW.Big5', 'zh-Hans-CN', 'ZH', 'ug_CN.UTF-8', 'bo-CN']) {
    assert.equal(localeFromTag(tag), 'zh-CN', String(tag));
  }
  for (const tag of ['en', 'en-US', 'en_GB.UTF-8', 'EN', 'de', 'de_DE.UTF-8@euro', 'fr-FR', 'ja', 'en_CN', 'eng']) {
    assert.equal(localeFromTag(tag), 'en', tag);
  }
});

test('localeFromEnvironment: POSIX precedence, then GNU LANGUAGE unless the locale is C', async () => {
  const { localeFromEnvironment } = await loadLocale();
  assert.equal(localeFromEnvironment({}), 'zh-CN');
  assert.equal(localeFromEnvironment({ LANG: 'en_US.UTF-8' }), 'en');
  assert.equal(localeFromEnvironment({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' }), 'zh-CN');
  assert.equal(localeFromEnvironment({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB' }), 'en');
  assert.equal(localeFromEnvironment({ LANG: 'zh_CN.UTF-8', LC_ALL: '' }), 'zh-CN', 'an empty variable does not count');
  assert.equal(localeFromEnvironment({ LANG: 'de_DE.UTF-8' }), 'en');
  assert.equal(localeFromEnvironment({ LANG: 'zh_CN.UTF-8', LANGUAGE: 'en_US:en' }), 'en');
  assert.equal(localeFromEnvironment({ LANG: 'en_US.UTF-8', LANGUAGE: 'zh_CN:zh' }), 'zh-CN');
  // GNU gettext ignores LANGUAGE in the C locale, and so does this.
  assert.equal(localeFromEnvironment({ LANG: 'C.UTF-8', LANGUAGE: 'en' }), 'zh-CN');
  assert.equal(localeFromEnvironment({ LANGUAGE: 'en' }), 'zh-CN');
});

/** Runs the CLI on a file that is no report: the summary line shows the language. */
function summary(env) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-locale-'));
  fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
  const clean = { ...process.env };
  for (const name of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LC_CTYPE']) delete clean[name];
  const result = spawnSync(process.execPath, [CLI, 'check', 'note.txt'], { cwd: dir, env: { ...clean, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim().split('\n').pop();
}

const ZH = '共 1 个文件，0 个错误，0 个警告，0 个提示';
const EN = '1 file, 0 errors, 0 warnings, 0 info';

test('the CLI: LANG=en_US.UTF-8 English, LANG=zh_CN.UTF-8 Chinese, no locale at all Chinese', () => {
  assert.equal(summary({ LANG: 'en_US.UTF-8' }), EN);
  assert.equal(summary({ LANG: 'zh_CN.UTF-8' }), ZH);
  assert.equal(summary({}), ZH);
  assert.equal(summary({ LANG: 'C.UTF-8' }), ZH);
  assert.equal(summary({ LANG: 'de_DE.UTF-8' }), EN);
  assert.equal(summary({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }), EN);
  assert.equal(summary({ LANG: 'zh_CN.UTF-8', LANGUAGE: 'en' }), EN);
});

test('the CLI: --locale wins over the environment, and the help follows the environment', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-locale-'));
  try {
    fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
    const run = (args, env) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', NO_COLOR: '1', ...env }, encoding: 'utf8' });
    assert.match(run(['check', '--locale', 'zh-CN', 'note.txt'], { LANG: 'en_US.UTF-8' }).stdout, /共 1 个文件/);
    assert.match(run(['check', '--locale=en', 'note.txt'], { LANG: 'zh_CN.UTF-8' }).stdout, /1 file, /);
    assert.match(run(['--help'], { LANG: 'en_US.UTF-8' }).stdout, /^Usage:/);
    assert.match(run(['--help'], { LANG: '' }).stdout, /^用法：/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
