#!/usr/bin/env bash
# Real-editor end-to-end tests: headless Neovim (built-in LSP client) and batch Emacs (eglot) against
# the built server (server/dist/server.js --stdio), on a copy of a seed report.
# Exit status non-zero on any failure. Outside CI ($CI unset) a missing editor is skipped; in CI it fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
server="${GOVREPORT_SERVER:-$repo/server/dist/server.js}"   # override to test an installed server
seed="$(cd "$repo/.." && pwd)/shared/examples/seeds/001_21d8e222a39c5270.txt"
work="$repo/test-output/editors"            # ignored by git (test-output/)

if [[ ! -f "$server" ]]; then
  echo "FAIL: $server not found; run 'npm run build' first" >&2
  exit 1
fi
if [[ ! -f "$seed" ]]; then
  echo "FAIL: seed report $seed not found" >&2
  exit 1
fi

rm -rf "$work"
mkdir -p "$work/xdg/config" "$work/xdg/data" "$work/xdg/state" "$work/xdg/cache" "$work/home"
# Keep every editor's state, logs and caches out of the real home.
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data"
export XDG_STATE_HOME="$work/xdg/state" XDG_CACHE_HOME="$work/xdg/cache"
export GOVREPORT_SERVER="$server"
export EXPECT_CODE="${EXPECT_CODE:-cell-count}"

status=0
ran=0

# missing EDITOR: skip outside CI, fail in CI (.ci/run installs the editors there).
missing() {
  if [[ -n "${CI:-}" ]]; then
    echo "FAIL: $1 not installed (CI must install it; see .ci/run)" >&2
    status=1
  else
    echo "SKIP: $1 not installed"
  fi
}

if command -v nvim >/dev/null 2>&1; then
  install -m 644 "$seed" "$work/nvim-report.govreport"
  echo "== Neovim: $(nvim --version | head -n 1)"
  if (cd "$here" && TEST_FILE="$work/nvim-report.govreport" \
        timeout 90 nvim --headless -u NONE -i NONE -n -c 'luafile nvim-test.lua' </dev/null); then
    ran=$((ran + 1))
  else
    echo "FAIL: Neovim test (LSP log: $XDG_CACHE_HOME/nvim/lsp.log, $XDG_STATE_HOME/nvim/lsp.log)" >&2
    status=1
  fi
else
  missing nvim
fi

has_eglot() {
  command -v emacs >/dev/null 2>&1 &&
    HOME="$work/home" emacs --batch -q --eval "(progn (require 'package) (package-initialize) (require 'eglot))" >/dev/null 2>&1
}

if has_eglot; then
  install -m 644 "$seed" "$work/emacs-report.govreport"
  echo "== Emacs: $(emacs --version | head -n 1)"
  if (cd "$here" && HOME="$work/home" TEST_FILE="$work/emacs-report.govreport" \
        timeout 90 emacs --batch -q -l emacs-test.el </dev/null); then
    ran=$((ran + 1))
  else
    echo "FAIL: Emacs test" >&2
    status=1
  fi
else
  missing "emacs with eglot (emacs-nox elpa-eglot)"
fi

if [[ $status -eq 0 ]]; then
  echo "editors: $ran passed"
fi
exit $status
