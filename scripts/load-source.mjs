// The generators (npm run gen) and their drift tests read the project's TypeScript sources directly:
// esbuild bundles the requested exports in memory and they are imported from a data: URL, so a
// generated file always reflects the sources as they are, with nothing built to disk first.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Imports `source` (export statements relative to the repository root) from the TypeScript sources. */
export async function loadSource(source) {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
