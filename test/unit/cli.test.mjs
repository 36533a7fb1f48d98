// Tests of the command line (server/dist/cli.js, run as a child process) and of its pure helpers
// (server/src/cli/*.ts, bundled on the fly with esbuild). Run after `npm run build`:
//   node --test test/unit/cli.test.mjs
// The tests hold for any correct language service: they compare outputs with each other (encodings,
// stdin, text vs JSON vs SARIF, dry-run diff vs written file) rather than with fixed findings.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gb18030Encode } from '../lib/gb18030.cjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = process.env.GOVREPORT_CLI ?? path.join(ROOT, 'server/dist/cli.js');
const SEEDS = process.env.GOVREPORT_SEEDS ?? '/work/shared/examples/seeds';
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/package.json'), 'utf8')).version;

/** Report year of each seed, by file-name prefix. */
const SEED_YEARS = { '000': 2021, '001': 2022, '002': 2020, '003': 2021, '004': 2021 };
// The five real reports are a source of truth the tests depend on: missing, every test here fails.
const seeds = fs.readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).sort();

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-cli-'));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A fresh directory under the test's temporary folder. */
function scratch(name) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const BASE_ENV = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', NO_COLOR: '1', FORCE_COLOR: '' };

function run(args, { input, cwd = ROOT, env = {}, binary = false } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input,
    env: { ...BASE_ENV, ...env },
    encoding: binary ? 'buffer' : 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: binary ? result.stderr.toString('utf8') : result.stderr };
}

function json(args, options) {
  const result = run(['check', '--format', 'json', ...args], options);
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch (error) {
    assert.fail(`stdout is not JSON (${error.message}): ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr}`);
  }
  return { ...result, report };
}

const errorCount = (files) => files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error').length;
const withoutPath = ({ path: _path, ...rest }) => rest;

// ---------------------------------------------------------------------------------------------------
// Encodings: GB18030 bytes come from test/lib/gb18030.cjs (Node decodes GB18030 but cannot encode it).

function utf16be(text) {
  const body = Buffer.from(text, 'utf16le');
  body.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
}

/** The same text in every encoding the CLI detects. */
function encodings(text) {
  return {
    'utf8.txt': Buffer.from(text, 'utf8'),
    'utf8bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'utf16be.txt': utf16be(text),
    'gb18030.txt': gb18030Encode(text),
  };
}

// ---------------------------------------------------------------------------------------------------
// A unified-diff applier of the test's own, to check the diffs `fix --dry-run` prints.

function splitKeepingNewlines(text) {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function applyUnifiedDiff(oldText, diff) {
  if (diff === '') return oldText;
  const lines = diff.split('\n');
  assert.equal(lines.pop(), '', 'a diff ends with a newline');
  assert.match(lines[0], /^--- /);
  assert.match(lines[1], /^\+\+\+ /);
  const old = splitKeepingNewlines(oldText);
  const out = [];
  let cursor = 0; // next old line to copy (0-based)
  let i = 2;
  while (i < lines.length) {
    const header = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[i]);
    assert.ok(header, `hunk header expected, got ${JSON.stringify(lines[i])}`);
    const [oldStart, oldCount, newStart, newCount] = header.slice(1).map(Number);
    const firstOld = oldCount === 0 ? oldStart : oldStart - 1;
    assert.ok(firstOld >= cursor, 'hunks in order');
    while (cursor < firstOld) out.push(old[cursor++]);
    const expectedNewStart = newCount === 0 ? out.length : out.length + 1;
    assert.equal(newStart, expectedNewStart, 'new start line');
    i++;
    let seenOld = 0;
    let seenNew = 0;
    while (i < lines.length && !lines[i].startsWith('@@')) {
      const line = lines[i];
      let content = line.slice(1) + '\n';
      if (lines[i + 1]?.startsWith('\\')) {
        content = line.slice(1);
        i++;
      }
      if (line[0] === ' ' || line[0] === '-') {
        assert.equal(old[cursor], content, `context/deleted line ${cursor + 1} matches`);
        cursor++;
        seenOld++;
      }
      if (line[0] === ' ' || line[0] === '+') {
        out.push(content);
        seenNew++;
      }
      assert.ok(' +-'.includes(line[0]) && line.length > 0, `body line ${JSON.stringify(line)}`);
      i++;
    }
    assert.equal(seenOld, oldCount, 'old line count of the hunk');
    assert.equal(seenNew, newCount, 'new line count of the hunk');
  }
  while (cursor < old.length) out.push(old[cursor++]);
  return out.join('');
}

// ---------------------------------------------------------------------------------------------------
// The helpers of server/src/cli/, bundled for the test.

let helpers;
async function loadHelpers() {
  if (helpers) return helpers;
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    stdin: {
      contents: ['decode', 'edits', 'diff', 'report', 'files', 'args', 'messages']
        .map((name) => `export * from './server/src/cli/${name}';`)
        .join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const file = path.join(scratch('helpers'), 'helpers.cjs');
  fs.writeFileSync(file, built.outputFiles[0].text);
  helpers = createRequire(import.meta.url)(file);
  return helpers;
}

// ===================================================================================================

test('the CLI is built', () => {
  assert.ok(fs.existsSync(CLI), `${CLI} missing: run npm run build first`);
});

describe('usage', () => {
  const cases = [
    ['no arguments', []],
    ['unknown command', ['frobnicate', 'x.txt']],
    ['unknown option', ['check', '--bogus', 'x.txt']],
    ['unknown format', ['check', '--format', 'xml', 'x.txt']],
    ['missing option value', ['check', 'x.txt', '--format']],
    ['unknown locale', ['check', '--locale', 'fr', 'x.txt']],
    ['no paths', ['check']],
    ['no paths with options', ['check', '--format', 'json']],
    ['--format is not a fix option', ['fix', '--format', 'json', 'x.txt']],
    ['--dry-run is not a check option', ['check', '--dry-run', 'x.txt']],
    ['option before the command', ['--format', 'json', 'check', 'x.txt']],
  ];
  for (const [name, args] of cases) {
    test(`${name} → usage on stderr, exit 2`, () => {
      const result = run(args);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /govreport check/);
    });
  }

  test('--help prints the usage on stdout, exit 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help'], ['help']]) {
      const result = run(args);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /govreport check \[--format text\|json\|sarif\]/);
      assert.match(result.stdout, /govreport fix \[--dry-run\]/);
    }
  });

  test('--help follows the locale', () => {
    assert.match(run(['--help'], { env: { LANG: 'en_US.UTF-8' } }).stdout, /^Usage:/);
    assert.match(run(['--help']).stdout, /^用法：/);
    assert.match(run(['--help', '--locale', 'en']).stdout, /^Usage:/);
  });

  test('--version prints the package version', () => {
    for (const args of [['--version'], ['-v']]) {
      const result = run(args);
      assert.equal(result.status, 0);
      assert.equal(result.stdout.trim(), VERSION);
    }
  });

  test('option values may follow "="', () => {
    const dir = scratch('eq');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
    const result = run(['check', '--format=json', '--locale=en', 'note.txt'], { cwd: dir });
    assert.equal(result.status, 0);
    assert.equal(JSON.parse(result.stdout).files[0].path, 'note.txt');
  });

  test('"--" ends the options', () => {
    const dir = scratch('dashdash');
    fs.writeFileSync(path.join(dir, '--odd.txt'), 'hello\n');
    const result = run(['check', '--format', 'json', '--', '--odd.txt'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).files[0].path, '--odd.txt');
  });
});

describe('unreadable input', () => {
  test('a missing file: reported on stderr, the others still checked, exit 2', () => {
    const dir = scratch('missing');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
    const { status, stderr, report } = json(['does-not-exist.txt', 'note.txt'], { cwd: dir });
    assert.equal(status, 2);
    assert.match(stderr, /does-not-exist\.txt/);
    assert.deepEqual(report.files.map((f) => f.path), ['note.txt']);
  });

  test('a missing file in text mode exits 2 too', () => {
    const result = run(['check', path.join(tmp, 'nope', 'nothing.txt')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /nothing\.txt/);
  });

  test('fix on a missing file exits 2', () => {
    const result = run(['fix', '--dry-run', path.join(tmp, 'nope.txt')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /nope\.txt/);
  });
});

describe('JSON output', () => {
  test('a file that is not a report', () => {
    const dir = scratch('not-a-report');
    fs.writeFileSync(path.join(dir, 'note.txt'), '这不是年报，只是一张便条。\nJust a note.\n');
    const { status, report } = json(['note.txt'], { cwd: dir });
    assert.equal(status, 0);
    assert.deepEqual(report, { version: 1, files: [{ path: 'note.txt', format: null, year: null, diagnostics: [] }] });
  });

  test('an empty file', () => {
    const dir = scratch('empty');
    fs.writeFileSync(path.join(dir, 'empty.md'), '');
    const { status, report } = json(['empty.md'], { cwd: dir });
    assert.equal(status, 0);
    assert.deepEqual(report.files, [{ path: 'empty.md', format: null, year: null, diagnostics: [] }]);
  });

  test('paths use forward slashes, relative to the cwd as given', () => {
    const dir = scratch('paths');
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'b', 'note.txt'), 'hello\n');
    const { report } = json([path.join('a', 'b', 'note.txt'), './a/b/../b/note.txt'], { cwd: dir });
    assert.deepEqual(report.files.map((f) => f.path), ['a/b/note.txt']); // the same file once
  });

  for (const name of seeds) {
    test(`seed ${name}: path, format, year, diagnostics, exit status`, () => {
      const { status, report, stderr } = json([name], { cwd: SEEDS });
      assert.equal(report.version, 1);
      assert.equal(report.files.length, 1);
      const [file] = report.files;
      assert.deepEqual(Object.keys(file).sort(), ['diagnostics', 'format', 'path', 'year']);
      assert.equal(file.path, name);
      assert.ok(['2019', '2021', 'legacy'].includes(file.format), `format ${file.format}`);
      assert.equal(file.year, SEED_YEARS[name.slice(0, 3)]);
      for (const d of file.diagnostics) {
        assert.equal(typeof d.rule, 'string');
        assert.ok(['error', 'warning', 'info'].includes(d.severity));
        assert.equal(typeof d.message, 'string');
        assert.ok(d.message.length > 0);
        for (const end of [d.range.start, d.range.end]) {
          assert.ok(Number.isInteger(end.line) && end.line >= 0);
          assert.ok(Number.isInteger(end.character) && end.character >= 0);
        }
      }
      assert.equal(status, errorCount(report.files) > 0 ? 1 : 0, stderr);
    });
  }

  test('several seeds at once: files in argument order, same results as one by one', () => {
    const both = json([seeds[1], seeds[0]], { cwd: SEEDS }).report;
    assert.deepEqual(both.files.map((f) => f.path), [seeds[1], seeds[0]]);
    assert.deepEqual(both.files[1], json([seeds[0]], { cwd: SEEDS }).report.files[0]);
  });

  test('--locale en gives the same findings in English', () => {
    const zh = json([seeds[0]], { cwd: SEEDS }).report.files[0];
    const en = json(['--locale', 'en', seeds[0]], { cwd: SEEDS }).report.files[0];
    assert.deepEqual(
      en.diagnostics.map(({ message: _m, ...rest }) => rest),
      zh.diagnostics.map(({ message: _m, ...rest }) => rest),
    );
  });
});

describe('encodings', () => {
  test('UTF-8 with BOM, UTF-16 LE/BE with BOM and GB18030 read like UTF-8: same findings, same ranges', () => {
    for (const name of seeds) {
      const dir = scratch(`enc-${name.slice(0, 3)}`);
      const text = fs.readFileSync(path.join(SEEDS, name), 'utf8');
      const files = encodings(text);
      for (const [file, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), bytes);
      const { report, stderr } = json(Object.keys(files), { cwd: dir });
      assert.equal(stderr, '');
      const [reference, ...others] = report.files;
      assert.equal(reference.path, 'utf8.txt');
      for (const other of others) assert.deepEqual(withoutPath(other), withoutPath(reference), `${name} as ${other.path}`);
    }
  });

  test('a GB18030 file made of hand-picked byte pairs (你好, 年报, 中文)', () => {
    const dir = scratch('gb-hand');
    // "你好 2021 年报 中文\n": C4E3 BAC3 = 你好, C4EA B1A8 = 年报, D6D0 CEC4 = 中文.
    const bytes = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x20, 0x32, 0x30, 0x32, 0x31, 0x20, 0xc4, 0xea, 0xb1, 0xa8, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    fs.writeFileSync(path.join(dir, 'gb.txt'), bytes);
    fs.writeFileSync(path.join(dir, 'utf8.txt'), '你好 2021 年报 中文\n');
    const { status, report } = json(['gb.txt', 'utf8.txt'], { cwd: dir });
    assert.equal(status, 0);
    assert.deepEqual(withoutPath(report.files[0]), withoutPath(report.files[1]));
  });

  test('stdin ("-") is decoded the same way', () => {
    const text = fs.readFileSync(path.join(SEEDS, seeds[0]), 'utf8');
    const reference = json([seeds[0]], { cwd: SEEDS }).report.files[0];
    for (const [kind, bytes] of Object.entries(encodings(text))) {
      const { report } = json(['-'], { input: bytes });
      assert.equal(report.files.length, 1);
      assert.equal(report.files[0].path, '-');
      assert.deepEqual(withoutPath(report.files[0]), withoutPath(reference), `stdin as ${kind}`);
    }
  });
});

describe('stdin', () => {
  test('"-" reads stdin', () => {
    const { status, report } = json(['-'], { input: 'hello\n' });
    assert.equal(status, 0);
    assert.deepEqual(report.files, [{ path: '-', format: null, year: null, diagnostics: [] }]);
  });

  test('"-" together with files', () => {
    const dir = scratch('stdin-mixed');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'hello\n');
    const { report } = json(['a.txt', '-'], { input: 'x', cwd: dir });
    assert.deepEqual(report.files.map((f) => f.path), ['a.txt', '-']);
  });
});

describe('directories', () => {
  test('recursive, *.txt *.md *.govreport only, no node_modules or dot-folders, sorted', () => {
    const dir = scratch('tree');
    const files = {
      'reports/b.md': 'b',
      'reports/a.txt': 'a',
      'reports/c.govreport': 'c',
      'reports/d.doc': 'd',
      'reports/e.json': '{}',
      'reports/sub/z.txt': 'z',
      'reports/sub/deeper/y.md': 'y',
      'reports/aa/x.txt': 'x',
      'reports/node_modules/pkg/readme.md': 'n',
      'reports/.git/notes.txt': 'g',
      'reports/.hidden/h.txt': 'h',
      'reports/sub/.cache/c.txt': 'c',
    };
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    const expected = [
      'reports/a.txt',
      'reports/aa/x.txt',
      'reports/b.md',
      'reports/c.govreport',
      'reports/sub/deeper/y.md',
      'reports/sub/z.txt',
    ];
    for (const arg of ['reports', 'reports/', './reports']) {
      const { status, report } = json([arg], { cwd: dir });
      assert.equal(status, 0);
      assert.deepEqual(report.files.map((f) => f.path), expected, `check ${arg}`);
    }
    // A file named on the command line is checked whatever its extension.
    assert.deepEqual(json(['reports/d.doc'], { cwd: dir }).report.files.map((f) => f.path), ['reports/d.doc']);
    // An empty directory is no error.
    fs.mkdirSync(path.join(dir, 'empty'));
    const empty = json(['empty'], { cwd: dir });
    assert.equal(empty.status, 0);
    assert.deepEqual(empty.report.files, []);
  });

  test('the seeds directory', () => {
    const { report } = json([SEEDS]);
    assert.deepEqual(report.files.map((f) => path.basename(f.path)), seeds);
    assert.ok(report.files.every((f) => f.path.startsWith(SEEDS.replace(/\\/g, '/'))));
  });
});

describe('SARIF output', () => {
  function sarif(args, options) {
    const result = run(['check', '--format', 'sarif', ...args], options);
    return { ...result, log: JSON.parse(result.stdout) };
  }

  test('shape: version 2.1.0, one run, the govreport driver', () => {
    const dir = scratch('sarif-shape');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
    const { status, log } = sarif(['note.txt'], { cwd: dir });
    assert.equal(status, 0);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'govreport');
    assert.equal(driver.version, VERSION);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.ok(Array.isArray(driver.rules));
    assert.deepEqual(log.runs[0].results, []);
  });

  test('driver rules: every rule with id, shortDescription, helpUri, defaultConfiguration.level', () => {
    const { log } = sarif(['-'], { input: 'hello' });
    const rules = log.runs[0].tool.driver.rules;
    assert.ok(rules.length > 0, 'listRules() returns the rules');
    for (const id of ['section-missing', 'row-total', 'balance', 'review-total', 'cell-count']) {
      assert.ok(rules.some((r) => r.id === id), `rule ${id} listed`);
    }
    for (const rule of rules) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.ok(rule.shortDescription.text.length > 0);
      assert.match(rule.helpUri, new RegExp(`${rule.id}`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids unique');
  });

  test('results match the JSON findings (1-based regions, levels, rule ids)', () => {
    const args = seeds.slice(0, 3);
    const { log, status } = sarif(args, { cwd: SEEDS });
    const { report, status: jsonStatus } = json(args, { cwd: SEEDS });
    assert.equal(status, jsonStatus);
    const expected = report.files.flatMap((file) =>
      file.diagnostics.map((d) => ({
        ruleId: d.rule,
        level: d.severity === 'info' ? 'note' : d.severity,
        message: d.message,
        uri: file.path,
        region: {
          startLine: d.range.start.line + 1,
          startColumn: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
        },
      })),
    );
    const actual = log.runs[0].results.map((r) => ({
      ruleId: r.ruleId,
      level: r.level,
      message: r.message.text,
      uri: r.locations[0].physicalLocation.artifactLocation.uri,
      region: r.locations[0].physicalLocation.region,
    }));
    assert.deepEqual(actual, expected);
    const rules = log.runs[0].tool.driver.rules;
    for (const r of log.runs[0].results) {
      if (r.ruleIndex !== undefined) assert.equal(rules[r.ruleIndex].id, r.ruleId);
    }
  });
});

describe('text output', () => {
  const SUMMARY_ZH = /^共 (\d+) 个文件，(\d+) 个错误，(\d+) 个警告，(\d+) 个提示$/m;
  const SUMMARY_EN = /^(\d+) files?, (\d+) errors?, (\d+) warnings?, (\d+) info$/m;

  test('a non-report file is listed as such, then the summary', () => {
    const dir = scratch('text-note');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
    const zh = run(['check', 'note.txt'], { cwd: dir });
    assert.equal(zh.status, 0);
    assert.equal(zh.stdout, 'note.txt: 未识别为年报\n\n共 1 个文件，0 个错误，0 个警告，0 个提示\n');
    const en = run(['check', '--locale', 'en', 'note.txt'], { cwd: dir });
    assert.equal(en.stdout, 'note.txt: not recognised as a report\n\n1 file, 0 errors, 0 warnings, 0 info\n');
  });

  test('the locale comes from LC_ALL, LC_MESSAGES, LANG', () => {
    const dir = scratch('text-locale');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
    assert.match(run(['check', 'note.txt'], { cwd: dir, env: { LANG: 'en_US.UTF-8' } }).stdout, SUMMARY_EN);
    assert.match(run(['check', 'note.txt'], { cwd: dir, env: { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' } }).stdout, SUMMARY_ZH);
    assert.match(run(['check', 'note.txt'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB' } }).stdout, SUMMARY_EN);
    assert.match(run(['check', 'note.txt'], { cwd: dir, env: { LANG: 'C' } }).stdout, SUMMARY_ZH);
    assert.match(run(['check', '--locale', 'zh-CN', 'note.txt'], { cwd: dir, env: { LANG: 'en_US' } }).stdout, SUMMARY_ZH);
  });

  test('no colour unless a TTY or FORCE_COLOR; NO_COLOR wins', () => {
    const dir = scratch('text-colour');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'hello\n');
    assert.doesNotMatch(run(['check', 'note.txt'], { cwd: dir, env: { NO_COLOR: '' } }).stdout, /\x1b\[/);
    assert.match(run(['check', 'note.txt'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
    assert.doesNotMatch(run(['check', 'note.txt'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  test('one line per finding, path:line:col: severity rule message, matching the JSON; summary counts', () => {
    const { stdout, status } = run(['check', ...seeds], { cwd: SEEDS });
    const { report, status: jsonStatus } = json(seeds, { cwd: SEEDS });
    assert.equal(status, jsonStatus);
    const summary = SUMMARY_ZH.exec(stdout);
    assert.ok(summary, stdout);
    const all = report.files.flatMap((f) => f.diagnostics);
    assert.deepEqual(summary.slice(1).map(Number), [
      report.files.length,
      all.filter((d) => d.severity === 'error').length,
      all.filter((d) => d.severity === 'warning').length,
      all.filter((d) => d.severity === 'info').length,
    ]);
    const lines = stdout.split('\n').filter((line) => /^[^:]+:\d+:\d+: /.test(line));
    const expected = report.files.flatMap((file) =>
      [...file.diagnostics]
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .map((d) => `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.rule} ${d.message.replace(/\s*[\r\n]+\s*/g, ' ')}`),
    );
    assert.deepEqual([...lines].sort(), [...expected].sort());
    // Grouped per file, in argument order.
    const order = lines.map((line) => line.slice(0, line.indexOf(':')));
    assert.deepEqual(order, [...order].sort((a, b) => seeds.indexOf(a) - seeds.indexOf(b)));
  });
});

describe('fix', () => {
  const variants = {
    'utf-8': (text) => Buffer.from(text, 'utf8'),
    'utf-8 with BOM': (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    'utf-16le': (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'utf-16be': utf16be,
  };
  const decode = (bytes, kind) => {
    if (kind === 'utf-8') return bytes.toString('utf8');
    if (kind === 'utf-8 with BOM') return bytes.subarray(3).toString('utf8');
    if (kind === 'utf-16le') return bytes.subarray(2).toString('utf16le');
    const body = Buffer.from(bytes.subarray(2));
    body.swap16();
    return body.toString('utf16le');
  };

  for (const name of seeds) {
    test(`seed ${name}: --dry-run diff = what fix writes; encoding kept; idempotent; exit status`, () => {
      const text = fs.readFileSync(path.join(SEEDS, name), 'utf8');
      let fixedUtf8;
      for (const [kind, encode] of Object.entries(variants)) {
        const dir = scratch(`fix-${name.slice(0, 3)}-${kind.replace(/\W+/g, '')}`);
        const file = path.join(dir, 'report.txt');
        const original = encode(text);
        fs.writeFileSync(file, original);

        const dry = run(['fix', '--dry-run', 'report.txt'], { cwd: dir });
        assert.notEqual(dry.status, 2, dry.stderr);
        assert.deepEqual(fs.readFileSync(file), original, '--dry-run writes nothing');
        if (dry.stdout) {
          assert.match(dry.stdout, /^--- report\.txt\n\+\+\+ report\.txt\n@@ /);
        }

        const real = run(['fix', 'report.txt'], { cwd: dir });
        assert.equal(real.status, dry.status, real.stderr);
        const written = fs.readFileSync(file);
        const fixed = decode(written, kind);
        assert.deepEqual(encode(fixed), written, `written back as ${kind}`);
        assert.equal(applyUnifiedDiff(text, dry.stdout), fixed, 'the dry-run diff applied to the original gives the written file');
        if (fixedUtf8 === undefined) fixedUtf8 = fixed;
        else assert.equal(fixed, fixedUtf8, `${kind} fixed like UTF-8`);

        // Nothing left to fix; remaining errors decide the exit status.
        const again = run(['fix', '--dry-run', 'report.txt'], { cwd: dir });
        assert.equal(again.stdout, '', 'a second fix changes nothing');
        const { report } = json(['report.txt'], { cwd: dir });
        assert.equal(real.status, errorCount(report.files) > 0 ? 1 : 0);
      }
    });
  }

  test('a wrong total, a missing row and a blank cell: fix repairs all three and leaves no arithmetic finding', () => {
    const dir = scratch('fix-repair');
    const sample = fs.readFileSync(path.join(ROOT, 'examples/望湖街道办事处2021年政府信息公开工作年度报告.txt'), 'utf8');
    const broken = sample
      .replace('1.本机关不掌握相关政府信息\t4\t1\t0\t0\t1\t0\t6', '1.本机关不掌握相关政府信息\t4\t1\t0\t0\t1\t0\t7') // wrong total
      .replace('4.保护第三方合法权益\t1\t0\t0', '4.保护第三方合法权益\t1\t\t0') // blank cell
      .replace(/\n3\.补正后申请内容仍不明确\t[^\n]*/, ''); // missing row
    assert.notEqual(broken, sample);
    fs.writeFileSync(path.join(dir, 'report.txt'), broken);
    const rules = (files) => files[0].diagnostics.map((d) => d.rule).sort();
    assert.deepEqual(rules(json(['report.txt'], { cwd: dir }).report.files), ['cell-blank', 'row-missing', 'row-total']);
    const result = run(['fix', 'report.txt'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(rules(json(['report.txt'], { cwd: dir }).report.files), []);
    // The repaired report is the clean sample again, character for character.
    assert.equal(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), sample);
  });

  test('a GB18030 file is never rewritten', () => {
    const dir = scratch('fix-gb');
    const text = fs.readFileSync(path.join(SEEDS, seeds[0]), 'utf8');
    fs.writeFileSync(path.join(dir, 'utf8.txt'), text);
    const gb = gb18030Encode(text);
    fs.writeFileSync(path.join(dir, 'gb.txt'), gb);
    const wouldChange = run(['fix', '--dry-run', 'utf8.txt'], { cwd: dir }).stdout !== '';
    // The dry run shows the same diff as for the UTF-8 file.
    assert.equal(run(['fix', '--dry-run', 'gb.txt'], { cwd: dir }).stdout.replaceAll('gb.txt', 'utf8.txt'), run(['fix', '--dry-run', 'utf8.txt'], { cwd: dir }).stdout);
    const result = run(['fix', 'gb.txt'], { cwd: dir });
    assert.deepEqual(fs.readFileSync(path.join(dir, 'gb.txt')), gb);
    if (wouldChange) {
      assert.equal(result.status, 2);
      assert.match(result.stderr, /无法写回 GB18030 文件，请先转换为 UTF-8/);
    } else {
      assert.doesNotMatch(result.stderr, /GB18030/);
    }
  });

  test('a clean or unrecognised file is left alone, exit 0', () => {
    const dir = scratch('fix-clean');
    const file = path.join(dir, 'note.txt');
    fs.writeFileSync(file, 'hello\r\nworld');
    const stat = fs.statSync(file);
    const dry = run(['fix', '--dry-run', 'note.txt'], { cwd: dir });
    assert.equal(dry.status, 0);
    assert.equal(dry.stdout, '');
    const real = run(['fix', 'note.txt'], { cwd: dir });
    assert.equal(real.status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), 'hello\r\nworld');
    assert.equal(fs.statSync(file).mtimeMs, stat.mtimeMs, 'not rewritten');
  });

  test('fix - writes the (fixed) text to stdout in the input encoding', () => {
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('你好\n', 'utf16le')]);
    const result = run(['fix', '-'], { input, binary: true });
    assert.equal(result.status, 0);
    assert.deepEqual(result.stdout, input);
  });
});

// ===================================================================================================
// Helpers, tested directly.

describe('helpers: decode', () => {
  test('BOMs, UTF-8, GB18030', async () => {
    const { decodeBuffer } = await loadHelpers();
    assert.deepEqual(decodeBuffer(Buffer.from('年报 abc', 'utf8')), { text: '年报 abc', encoding: 'utf-8' });
    assert.deepEqual(decodeBuffer(Buffer.from('\ufeff年报', 'utf8')), { text: '年报', encoding: 'utf-8-bom' });
    assert.deepEqual(decodeBuffer(Buffer.from('\ufeff年报', 'utf16le')), { text: '年报', encoding: 'utf-16le' });
    assert.deepEqual(decodeBuffer(utf16be('年报')), { text: '年报', encoding: 'utf-16be' });
    assert.deepEqual(decodeBuffer(Buffer.from([0xc4, 0xe3, 0xba, 0xc3])), { text: '你好', encoding: 'gb18030' });
    assert.deepEqual(decodeBuffer(Buffer.from([0x32, 0x30, 0xc4, 0xea, 0xb1, 0xa8])), { text: '20年报', encoding: 'gb18030' });
    assert.deepEqual(decodeBuffer(Buffer.alloc(0)), { text: '', encoding: 'utf-8' });
    assert.deepEqual(decodeBuffer(Buffer.from('plain ascii')), { text: 'plain ascii', encoding: 'utf-8' });
    // A BOM character after the BOM is text, not stripped twice.
    assert.equal(decodeBuffer(Buffer.from('\ufeff\ufeffx', 'utf8')).text, '\ufeffx');
  });

  test('encodeText round-trips, GB18030 cannot be written', async () => {
    const { decodeBuffer, encodeText } = await loadHelpers();
    for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be']) {
      const text = '一、总体情况\r\n𠮷 tab\there\n';
      assert.deepEqual(decodeBuffer(encodeText(text, encoding)), { text, encoding });
    }
    assert.equal(encodeText('你好', 'gb18030'), null);
  });
});

describe('helpers: text edits', () => {
  const pos = (line, character) => ({ line, character });
  const range = (l1, c1, l2, c2) => ({ start: pos(l1, c1), end: pos(l2, c2) });
  const diag = (fixes) => ({ rule: 'x', severity: 'error', message: 'm', range: range(0, 0, 0, 0), href: '', fixes });

  test('offsets: \\n, \\r\\n and \\r line breaks; positions clamped to the line', async () => {
    const { lineStarts, offsetAt } = await loadHelpers();
    const text = 'ab\r\ncd\ref\ngh';
    const starts = lineStarts(text);
    assert.deepEqual(starts, [0, 4, 7, 10]);
    assert.equal(offsetAt(text, starts, pos(1, 1)), 5);
    assert.equal(offsetAt(text, starts, pos(0, 99)), 2, 'not into the \\r\\n');
    assert.equal(offsetAt(text, starts, pos(2, 99)), 9);
    assert.equal(offsetAt(text, starts, pos(3, 99)), 12);
    assert.equal(offsetAt(text, starts, pos(9, 0)), 12);
  });

  test('applyTextEdits applies from the end, positions relative to the original', async () => {
    const { applyTextEdits } = await loadHelpers();
    const text = '总计 8\n自然人 3\n';
    const edited = applyTextEdits(text, [
      { range: range(0, 3, 0, 4), newText: '7' },
      { range: range(1, 0, 1, 0), newText: '（一）' },
      { range: range(2, 0, 2, 0), newText: '六、其他需要报告的事项\n' },
    ]);
    assert.equal(edited, '总计 7\n（一）自然人 3\n六、其他需要报告的事项\n');
  });

  test('selectFixes: preferred fix, overlaps skipped, whole fixes only, duplicates once, CRLF kept', async () => {
    const { selectFixes, applyEdits } = await loadHelpers();
    const text = 'aaaa\r\nbbbb\r\ncccc\r\n';
    const selection = selectFixes(text, [
      diag([{ title: 'first', edits: [{ range: range(0, 0, 0, 2), newText: 'X' }] }, { title: 'preferred', isPreferred: true, edits: [{ range: range(0, 0, 0, 4), newText: 'P' }] }]),
      // overlaps the preferred fix above: skipped (a later round can take it)
      diag([{ title: 'overlap', edits: [{ range: range(0, 3, 1, 1), newText: 'O' }] }]),
      // two edits, the second overlapping: the whole fix is skipped
      diag([{ title: 'half', edits: [{ range: range(2, 0, 2, 1), newText: 'H' }, { range: range(0, 1, 0, 2), newText: 'H' }] }]),
      // the same edit offered twice counts once
      diag([{ title: 'dup', edits: [{ range: range(1, 0, 1, 4), newText: 'B' }] }]),
      diag([{ title: 'dup', edits: [{ range: range(1, 0, 1, 4), newText: 'B' }] }]),
      // an insertion gets the document's line break
      diag([{ title: 'insert', edits: [{ range: range(3, 0, 3, 0), newText: 'new line\n' }] }]),
      // a no-op fix is not counted
      diag([{ title: 'noop', edits: [{ range: range(2, 0, 2, 4), newText: 'cccc' }] }]),
      diag(undefined),
      diag([]),
    ]);
    assert.equal(selection.fixes, 3);
    assert.equal(applyEdits(text, selection.edits), 'P\r\nB\r\ncccc\r\nnew line\r\n');
  });

  test('fixText re-analyses until nothing changes, at most 10 rounds', async () => {
    const { fixText } = await loadHelpers();
    // A fake rule: each "a" becomes "b", each "b" becomes "c" (so a needs two rounds); overlapping fixes wait.
    const analyzeText = (text) => {
      const diagnostics = [];
      const lines = text.split('\n');
      lines.forEach((line, l) => {
        for (let c = 0; c < line.length; c++) {
          const next = { a: 'b', b: 'c' }[line[c]];
          if (next) diagnostics.push(diag([{ title: 't', edits: [{ range: range(l, c, l, c + 1), newText: next }] }]));
          if (line[c] === 'w') diagnostics.push(diag([{ title: 'wide', edits: [{ range: range(l, c - 1, l, c + 1), newText: 'W' }] }]));
        }
      });
      return diagnostics;
    };
    const outcome = fixText('ab\nxaw\n', analyzeText);
    assert.equal(outcome.text, 'cc\nxW\n');
    assert.ok(outcome.rounds >= 2);
    // A fix that never converges stops after 10 rounds (its finding changes each round, so it is not
    // taken for an ineffective fix).
    let calls = 0;
    const endless = fixText('', (text) => {
      calls++;
      return [{ ...diag([{ title: 'grow', edits: [{ range: range(0, 0, 0, 0), newText: 'x' }] }]), message: `length ${text.length}` }];
    });
    assert.equal(endless.text, 'x'.repeat(10));
    assert.equal(endless.rounds, 10);
    assert.equal(calls, 10);
    // A fix whose finding comes back unchanged after it was applied is applied once, not ten times.
    const stuck = fixText('', () => [diag([{ title: 'grow', edits: [{ range: range(0, 0, 0, 0), newText: 'x' }] }])]);
    assert.equal(stuck.text, 'x');
    assert.equal(stuck.rounds, 1);
  });
});

describe('helpers: unified diff', () => {
  test('equal texts give no diff', async () => {
    const { unifiedDiff } = await loadHelpers();
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'f', 'f'), '');
  });

  test('a known diff, with context and two hunks', async () => {
    const { unifiedDiff } = await loadHelpers();
    const oldText = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('');
    const newText = oldText.replace('line 2\n', 'line two\n').replace('line 15\n', '').replace('line 20\n', 'line 20\nline 21\n');
    assert.equal(
      unifiedDiff(oldText, newText, 'a.txt', 'a.txt'),
      [
        '--- a.txt',
        '+++ a.txt',
        '@@ -1,5 +1,5 @@',
        ' line 1',
        '-line 2',
        '+line two',
        ' line 3',
        ' line 4',
        ' line 5',
        '@@ -12,9 +12,9 @@',
        ' line 12',
        ' line 13',
        ' line 14',
        '-line 15',
        ' line 16',
        ' line 17',
        ' line 18',
        ' line 19',
        ' line 20',
        '+line 21',
        '',
      ].join('\n'),
    );
  });

  test('no newline at end of file; empty old or new text', async () => {
    const { unifiedDiff } = await loadHelpers();
    assert.equal(unifiedDiff('a\nb', 'a\nc', 'f', 'f'), '--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('', 'x\n', 'f', 'f'), '--- f\n+++ f\n@@ -0,0 +1,1 @@\n+x\n');
    assert.equal(unifiedDiff('x\n', '', 'f', 'f'), '--- f\n+++ f\n@@ -1,1 +0,0 @@\n-x\n');
    for (const [a, b] of [['a\nb', 'a\nb\n'], ['a\nb\n', 'a\nb'], ['', 'x'], ['x', ''], ['a\r\nb\r\n', 'a\nb\r\n']]) {
      assert.equal(applyUnifiedDiff(a, unifiedDiff(a, b, 'f', 'f')), b, JSON.stringify([a, b]));
    }
  });

  test('random edits: the diff applies back (own applier, and patch(1) when present)', async () => {
    const { unifiedDiff } = await loadHelpers();
    let seed = 42;
    const random = (n) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const words = ['一、总体情况', '总计 7', '自然人 3', '', '其他', '（一）', '同上', 'x'];
    const hasPatch = spawnSync('patch', ['--version']).status === 0;
    const dir = scratch('diff-random');
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: random(30) }, () => words[random(words.length)]);
      const edited = [...lines];
      for (let k = random(6); k > 0; k--) {
        const at = random(edited.length + 1);
        const op = random(3);
        if (op === 0) edited.splice(at, 0, words[random(words.length)]);
        else if (op === 1) edited.splice(at, 1);
        else edited.splice(at, 1, words[random(words.length)] + '!');
      }
      const finalNewline = () => (random(4) === 0 ? '' : '\n');
      const a = lines.length ? lines.join('\n') + finalNewline() : '';
      const b = edited.length ? edited.join('\n') + finalNewline() : '';
      const diff = unifiedDiff(a, b, 'f.txt', 'f.txt', random(4));
      assert.equal(applyUnifiedDiff(a, diff), b, `round ${round}: ${JSON.stringify({ a, b, diff })}`);
      if (hasPatch && round < 60 && diff) {
        fs.writeFileSync(path.join(dir, 'f.txt'), a);
        const patched = spawnSync('patch', ['-s', '-p0', '-f', '--no-backup-if-mismatch'], { cwd: dir, input: diff });
        assert.equal(patched.status, 0, `patch: ${patched.stdout}${patched.stderr}\n${diff}`);
        assert.equal(fs.readFileSync(path.join(dir, 'f.txt'), 'utf8'), b, `patch(1), round ${round}`);
      }
    }
  });

  test('large inputs stay fast and correct', async () => {
    const { unifiedDiff } = await loadHelpers();
    const a = Array.from({ length: 20000 }, (_, i) => `row ${i}\n`).join('');
    const b = Array.from({ length: 20000 }, (_, i) => `row ${i % 7 === 0 ? 'changed ' : ''}${i}\n`).join('');
    const started = Date.now();
    const diff = unifiedDiff(a, b, 'f', 'f');
    assert.equal(applyUnifiedDiff(a, diff), b);
    assert.ok(Date.now() - started < 10000);
  });
});

describe('helpers: formatters', () => {
  const result = (diagnostics, format = '2021', year = 2021) => ({ format, year, agency: null, sections: [], tables: [], diagnostics });
  const d = (rule, severity, l1, c1, l2, c2, extra = {}) => ({
    rule,
    severity,
    message: `${rule} 消息`,
    range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } },
    href: `https://example.org/rules/${rule}.md`,
    ...extra,
  });
  const files = [
    {
      path: 'dir/甲 报告.txt',
      absolutePath: '/abs/dir/甲 报告.txt',
      result: result([d('row-total', 'error', 40, 30, 40, 31), d('section-order', 'warning', 2, 0, 2, 6), d('deadline', 'info', 0, 0, 0, 1)]),
    },
    { path: 'note.md', absolutePath: '/abs/note.md', result: result([], null, null) },
  ];

  test('text', async () => {
    const { formatText } = await loadHelpers();
    assert.equal(
      formatText(files, 'zh-CN', false),
      [
        'dir/甲 报告.txt:1:1: info deadline deadline 消息',
        'dir/甲 报告.txt:3:1: warning section-order section-order 消息',
        'dir/甲 报告.txt:41:31: error row-total row-total 消息',
        '',
        'note.md: 未识别为年报',
        '',
        '共 2 个文件，1 个错误，1 个警告，1 个提示',
        '',
      ].join('\n'),
    );
    assert.match(formatText([], 'en', false), /^0 files, 0 errors, 0 warnings, 0 info\n$/);
  });

  test('JSON keeps the listed fields', async () => {
    const { toJson } = await loadHelpers();
    const withExtras = [{ ...files[0], result: result([d('row-total', 'error', 1, 2, 3, 4, { relatedInformation: [], fixes: [] })]) }];
    assert.deepEqual(toJson(withExtras), {
      version: 1,
      files: [
        {
          path: 'dir/甲 报告.txt',
          format: '2021',
          year: 2021,
          diagnostics: [
            {
              rule: 'row-total',
              severity: 'error',
              message: 'row-total 消息',
              range: { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } },
              href: 'https://example.org/rules/row-total.md',
            },
          ],
        },
      ],
    });
  });

  test('SARIF: levels, 1-based regions, URIs, rule index, related locations and fixes', async () => {
    const { toSarif } = await loadHelpers();
    const rules = [
      { id: 'deadline', category: 'text', defaultSeverity: 'info', title: '期限', titleEn: 'Deadline', fixable: false, href: 'https://example.org/rules/deadline.md' },
      { id: 'row-total', category: 'arithmetic', defaultSeverity: 'error', title: '总计', titleEn: 'Row total', fixable: true, href: 'https://example.org/rules/row-total.md' },
    ];
    const withFix = d('row-total', 'error', 40, 30, 40, 31, {
      relatedInformation: [{ range: { start: { line: 40, character: 10 }, end: { line: 40, character: 11 } }, message: '自然人' }],
      fixes: [{ title: '改为 7', edits: [{ range: { start: { line: 40, character: 30 }, end: { line: 40, character: 31 } }, newText: '7' }] }],
    });
    const log = toSarif(
      [
        { ...files[0], result: result([withFix, d('deadline', 'info', 0, 0, 0, 1), d('unlisted', 'warning', 1, 1, 1, 1)]) },
        { path: '/abs/x.txt', absolutePath: '/abs/x.txt', result: result([d('deadline', 'info', 0, 0, 0, 1)]) },
      ],
      { version: '9.9.9', rules, locale: 'en' },
    );
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.version, '9.9.9');
    assert.deepEqual(run0.tool.driver.rules[1], {
      id: 'row-total',
      shortDescription: { text: 'Row total' },
      helpUri: 'https://example.org/rules/row-total.md',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'arithmetic', fixable: true, title: '总计', titleEn: 'Row total' },
    });
    assert.equal(run0.tool.driver.rules[0].defaultConfiguration.level, 'note');
    const [first, second, third, fourth] = run0.results;
    assert.equal(first.ruleId, 'row-total');
    assert.equal(first.ruleIndex, 1);
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'dir/%E7%94%B2%20%E6%8A%A5%E5%91%8A.txt' },
      region: { startLine: 41, startColumn: 31, endLine: 41, endColumn: 32 },
    });
    assert.equal(first.relatedLocations[0].message.text, '自然人');
    assert.deepEqual(first.fixes[0].artifactChanges[0].replacements[0], {
      deletedRegion: { startLine: 41, startColumn: 31, endLine: 41, endColumn: 32 },
      insertedContent: { text: '7' },
    });
    assert.equal(second.level, 'note');
    assert.equal(third.ruleIndex, undefined);
    assert.equal(third.level, 'warning');
    assert.equal(fourth.locations[0].physicalLocation.artifactLocation.uri, 'file:///abs/x.txt');
  });
});

describe('helpers: arguments and locale', () => {
  test('parseArgs', async () => {
    const { parseArgs } = await loadHelpers();
    assert.deepEqual(parseArgs(['check', 'a', '--format', 'sarif', 'b', '--locale=en-US']), {
      ok: true,
      command: { kind: 'check', format: 'sarif', locale: 'en', paths: ['a', 'b'], config: { kind: 'lookup' } },
    });
    assert.deepEqual(parseArgs(['fix', '--dry-run', '-']), {
      ok: true,
      command: { kind: 'fix', dryRun: true, locale: undefined, paths: ['-'], config: { kind: 'lookup' } },
    });
    assert.deepEqual(parseArgs(['check', '--config', 'x/.govreportrc.json', 'a']).command.config, { kind: 'file', path: 'x/.govreportrc.json' });
    assert.deepEqual(parseArgs(['fix', '--no-config', 'a']).command.config, { kind: 'none' });
    assert.equal(parseArgs(['check', '--config']).error.kind, 'missing-value');
    assert.equal(parseArgs(['check', '--format']).error.kind, 'missing-value');
    assert.equal(parseArgs(['check', '-x', 'a']).error.kind, 'unknown-option');
    assert.equal(parseArgs(['lint', 'a']).error.kind, 'unknown-command');
    assert.equal(parseArgs([]).error.kind, 'no-command');
    assert.deepEqual(parseArgs(['check', '--', '--help']), {
      ok: true,
      command: { kind: 'check', format: 'text', locale: undefined, paths: ['--help'], config: { kind: 'lookup' } },
    });
  });

  test('localeFromEnv', async () => {
    const { localeFromEnv } = await loadHelpers();
    assert.equal(localeFromEnv({}), 'zh-CN');
    assert.equal(localeFromEnv({ LANG: 'en_US.UTF-8' }), 'en');
    assert.equal(localeFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' }), 'zh-CN');
    assert.equal(localeFromEnv({ LANG: 'zh_CN', LC_MESSAGES: 'en' }), 'en');
    assert.equal(localeFromEnv({ LANG: 'C.UTF-8' }), 'zh-CN');
  });
});
