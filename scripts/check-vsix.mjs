// Checks a packaged .vsix (a zip): lists its files and sizes, fails when it holds anything that must not
// ship (sources, tests, source maps, node_modules, docs, examples, scripts) or lacks what the extension
// loads at run time, or when it grows beyond a sanity limit.
// Usage: node scripts/check-vsix.mjs [dist/govreport.vsix]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const file = process.argv[2] ?? 'dist/govreport.vsix';
const MAX_BYTES = 1024 * 1024; // the four bundles (desktop and web, client and server) are ~2.2 MB unpacked, ~0.6 MB packed

const data = fs.readFileSync(file);

// End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
let eocd = -1;
for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
  if (data.readUInt32LE(i) === 0x06054b50) {
    eocd = i;
    break;
  }
}
if (eocd < 0) fail(`${file} is not a zip file`);
const count = data.readUInt16LE(eocd + 10);
let offset = data.readUInt32LE(eocd + 16);
const entries = [];
for (let i = 0; i < count; i++) {
  if (data.readUInt32LE(offset) !== 0x02014b50) fail('corrupt central directory');
  const method = data.readUInt16LE(offset + 10);
  const packed = data.readUInt32LE(offset + 20);
  const size = data.readUInt32LE(offset + 24);
  const nameLength = data.readUInt16LE(offset + 28);
  const extraLength = data.readUInt16LE(offset + 30);
  const commentLength = data.readUInt16LE(offset + 32);
  const local = data.readUInt32LE(offset + 42);
  const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
  entries.push({ name, size, packed, method, local });
  offset += 46 + nameLength + extraLength + commentLength;
}

function read(entry) {
  const start = entry.local + 30 + data.readUInt16LE(entry.local + 26) + data.readUInt16LE(entry.local + 28);
  const raw = data.subarray(start, start + entry.packed);
  return entry.method === 8 ? zlib.inflateRawSync(raw) : raw;
}

const names = entries.map((e) => e.name);
const problems = [];
const forbidden = [
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.map$/, 'a source map'],
  [/\.tsx?$/, 'TypeScript source'],
  [/^extension\/(client|server)\/src\//, 'sources'],
  [/^extension\/test(-output)?\//, 'tests'],
  [/^extension\/(docs|examples|scripts|\.ci|\.vscode|\.git)\//, 'development files'],
  [/(^|\/)(tsconfig[^/]*\.json|package-lock\.json|\.gitignore|\.vscodeignore)$/, 'development files'],
  [/^extension\/server\/dist\/(cli|index)\.js$/, 'the CLI/library bundle (not used by the extension)'],
  [/\.vsix$/, 'another .vsix'],
];
for (const name of names) {
  for (const [pattern, what] of forbidden) if (pattern.test(name)) problems.push(`${name}: ${what} must not be packaged`);
}
const required = [
  'extension/package.json',
  'extension/client/dist/extension.js',
  'extension/server/dist/server.js',
  // The Word reader the server loads on its first .docx import.
  'extension/server/dist/docx.js',
  // The web build (VS Code for the web): the `browser` client and the server's web worker.
  'extension/client/dist/browser.js',
  'extension/server/dist/browser-server.js',
  // The table preview's page style and script (client/src/preview.ts).
  'extension/media/preview.css',
  'extension/media/preview.js',
  'extension/language-configuration.json',
  'extension/images/icon.png',
  // The manifest's %key% strings and the client's translated strings (package.nls*.json, l10n/).
  'extension/package.nls.json',
  'extension/package.nls.zh-cn.json',
  'extension/l10n/bundle.l10n.zh-cn.json',
];
for (const name of required) if (!names.includes(name)) problems.push(`${name} is missing`);

// Every file the manifest points at must be inside the package.
const manifest = JSON.parse(read(entries.find((e) => e.name === 'extension/package.json')).toString('utf8'));
const pointed = [
  manifest.main,
  manifest.browser,
  manifest.icon,
  ...(manifest.contributes?.languages ?? []).map((l) => l.configuration),
  ...(manifest.contributes?.grammars ?? []).map((g) => g.path),
  ...(manifest.contributes?.snippets ?? []).map((s) => s.path),
  // Local schemas only: a URL is fetched by VS Code, not shipped.
  ...(manifest.contributes?.jsonValidation ?? []).map((j) => j.url).filter((url) => !/^[a-z]+:/i.test(url ?? '')),
].filter(Boolean);
for (const p of pointed) {
  const name = `extension/${path.posix.normalize(p.replace(/^\.\//, ''))}`;
  if (!names.includes(name)) problems.push(`${name} (named in package.json) is missing`);
}

// "l10n" names a folder: it must hold the bundles.
if (manifest.l10n) {
  const folder = `extension/${path.posix.normalize(manifest.l10n.replace(/^\.\//, ''))}/`;
  if (!names.some((name) => name.startsWith(folder) && name.endsWith('.json'))) problems.push(`${folder} (named in package.json "l10n") holds no bundle`);
}
// Every %key% of the packaged manifest must resolve in the packaged default package.nls.json.
const nlsEntry = entries.find((e) => e.name === 'extension/package.nls.json');
if (nlsEntry) {
  const nls = JSON.parse(read(nlsEntry).toString('utf8'));
  const keys = [...JSON.stringify(manifest).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  for (const key of keys) if (typeof nls[key] !== 'string') problems.push(`%${key}% (package.json) is not in package.nls.json`);
}

const total = entries.reduce((sum, e) => sum + e.size, 0);
console.log(`${file}: ${entries.length} files, ${(data.length / 1024).toFixed(1)} KiB packed, ${(total / 1024).toFixed(1)} KiB unpacked`);
for (const e of entries) console.log(`  ${String(e.size).padStart(8)}  ${e.name}`);
if (data.length > MAX_BYTES) problems.push(`${file} is ${data.length} bytes, more than ${MAX_BYTES}`);
if (problems.length) fail(problems.join('\n'));

function fail(message) {
  console.error(`check-vsix: ${message}`);
  process.exit(1);
}
