// `npm run test:electron`: the extension-host suite (suite/index.js) in desktop VS Code through
// @vscode/test-electron (a root devDependency). It downloads VS Code into .vscode-test/ unless
// VSCODE_EXECUTABLE points at an installed `code` binary; where neither works (no internet, as in CI
// here) use test/e2e/exthost.js, which runs the same suite in code-server.
// Per-run user data and extensions folders under test-output/e2e/electron keep the real profile untouched.
'use strict';
const path = require('path');
const h = require('./lib/harness');

async function main() {
  const { runTests } = require('@vscode/test-electron');
  const run = h.runDir('electron');
  h.writeUserSettings(run.userData);
  const workspace = h.makeWorkspace(path.join(run.dir, 'workspace'));
  const options = {
    extensionDevelopmentPath: h.REPO,
    extensionTestsPath: path.join(h.E2E, 'suite', 'index.js'),
    launchArgs: [
      workspace,
      '--user-data-dir', run.userData,
      '--extensions-dir', run.extensions,
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  };
  if (process.env.VSCODE_EXECUTABLE) options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  else options.version = process.env.VSCODE_VERSION || '1.100.3';
  const code = await runTests(options);
  const errors = h.logErrors(run.userData);
  if (errors.length) {
    console.error(`errors in the extension host logs:\n  ${errors.join('\n  ')}`);
    return 1;
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`FAIL: ${error && error.stack ? error.stack : error}`);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/.test(String(error))) {
      console.error('VS Code could not be downloaded. Set VSCODE_EXECUTABLE to an installed VS Code, or run the same suite in code-server: bash test/e2e/setup.sh && node test/e2e/exthost.js');
    }
    process.exit(1);
  },
);
