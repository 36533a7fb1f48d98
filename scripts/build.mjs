// Bundles the extension client, the language server, the CLI and the library with esbuild, and the web
// build: the client's `browser` entry and the language server as a web worker (VS Code for the web).
// One context per output so `--watch` rebuilds only what changed.
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

/**
 * The web bundles must not reach any Node built-in: the browser has none, and an import that a package's
 * `browser` field maps to an empty module would only fail at run time. Every import of one is an error,
 * naming the importer, so the build fails as soon as shared code grows a Node dependency.
 */
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (!builtins.has(args.path)) return undefined;
      return { errors: [{ text: `Node built-in '${args.path}' imported by ${args.importer} in a web bundle (the web build runs in a browser)` }] };
    });
  },
};

const web = { platform: 'browser', target: 'es2022', plugins: [noNodeBuiltins] };

const entries = [
  // VS Code for the web loads the `browser` entry as CommonJS with `vscode` provided by the host.
  { ...web, entryPoints: ['client/src/browser.ts'], outfile: 'client/dist/browser.js', format: 'cjs', external: ['vscode'] },
  // Started by the web client as a classic worker (from its URL, or its text as a blob): one self-contained iife.
  { ...web, entryPoints: ['server/src/browser-server.ts'], outfile: 'server/dist/browser-server.js', format: 'iife' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] },
  // The Word reader (mammoth) is a bundle of its own, loaded by the CLI and the server on their first
  // .docx file (server/src/cli/docx.ts): at start-up they parse and run only what every run needs.
  { entryPoints: ['server/src/server.ts'], outfile: 'server/dist/server.js', banner: { js: '#!/usr/bin/env node' }, external: ['./docx.js'] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'server/dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['./docx.js'] },
  { entryPoints: ['server/src/cli/docx.ts'], outfile: 'server/dist/docx.js' },
  { entryPoints: ['server/src/index.ts'], outfile: 'server/dist/index.js' },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
