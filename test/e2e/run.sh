#!/usr/bin/env bash
# End-to-end tests in real VS Code (code-server 4.100.3 = VS Code 1.100.3, headless Debian Chromium):
#   1. npm run package: dist/govreport.vsix, its contents and size checked (needs only the root install);
#   2. exthost.js: suite/index.js inside the real extension host (extensionTestsPath), no error logged;
#      exthost.js --web: suite-web/index.js inside the web worker extension host, where the `browser`
#      entry runs and the server is a web worker (the web build);
#   3. browser.js: the .vsix installed into code-server, a seed opened in the UI, squiggles, Problems
#      rows, hover, screenshots in test-output/e2e/browser/.
# Steps 2-3 need test/e2e/setup.sh to have run. Outside CI ($CI unset) they are skipped when it has not;
# in CI that is a failure (.ci/run runs setup.sh first). Everything runs with per-run HOME/XDG folders
# under test-output/e2e/ and every process started is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

mkdir -p test-output
echo "== package: npm run package"
npm run --silent package >test-output/package.log 2>&1 || {
  cat test-output/package.log >&2
  echo "FAIL: npm run package" >&2
  exit 1
}
grep -E '^(/|dist/).*\.vsix: ' test-output/package.log || tail -n 3 test-output/package.log

if [[ ! -x "$here/node_modules/.bin/code-server" || ! -d "$here/node_modules/playwright-core" || ! -x /usr/bin/chromium ]]; then
  if [[ -n "${CI:-}" ]]; then
    echo "FAIL: code-server/playwright-core/chromium not installed (CI must run bash test/e2e/setup.sh; see .ci/run)" >&2
    exit 1
  fi
  echo "SKIP: VS Code (code-server) tests: run 'bash test/e2e/setup.sh' once to install code-server and chromium"
  exit 0
fi

status=0
echo "== VS Code extension host suite (code-server $(node -p "require('$here/node_modules/code-server/package.json').version"))"
timeout --foreground -k 10 300 node "$here/exthost.js" || { echo "FAIL: extension host suite (logs: test-output/e2e/exthost/)" >&2; status=1; }
echo "== VS Code web worker extension host suite (the web build: client/dist/browser.js, server in a web worker)"
timeout --foreground -k 10 300 node "$here/exthost.js" --web || { echo "FAIL: web extension host suite (logs: test-output/e2e/webhost/)" >&2; status=1; }
echo "== VS Code in Chromium with the packaged .vsix"
timeout --foreground -k 10 300 node "$here/browser.js" "$repo/dist/govreport.vsix" || { echo "FAIL: browser test (screenshots and logs: test-output/e2e/browser/)" >&2; status=1; }
if [[ $status -eq 0 ]]; then
  echo "e2e: extension host suites (Node and web worker) and browser test passed"
fi
exit $status
