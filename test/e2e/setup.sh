#!/usr/bin/env bash
# Installs what the end-to-end tests in real VS Code need, into test/e2e/node_modules:
#   Debian: chromium (the browser Playwright drives), ripgrep (stands in for @vscode/ripgrep's GitHub
#   download), libkrb5-dev (code-server's kerberos module builds from source), fonts-wqy-microhei
#   (Chinese glyphs in screenshots); npm: code-server 4.100.3 (VS Code 1.100.3; newer ones need
#   Node 22+) and playwright-core, from this folder's own package.json and lockfile.
# Only the npm registry and Debian's archive are used. Idempotent: what is installed is skipped.
# Usage: bash test/e2e/setup.sh        (as root, or with sudo available for apt-get)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
CODE_SERVER_VERSION=4.100.3

# ---- Debian packages
packages=(chromium ripgrep libkrb5-dev fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "== apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "== apt packages present: ${packages[*]}"
fi

# ---- npm packages
installed_version() {
  node -p "require('./node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [[ "$(installed_version)" == "$CODE_SERVER_VERSION" && -d node_modules/playwright-core &&
      -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ]]; then
  echo "== code-server $CODE_SERVER_VERSION and playwright-core already installed"
else
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/govreport-e2e-setup.XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache (in os.tmpdir()) already
  # holds the archive it wants; it does not verify a checksum, so Debian's rg packed under that name is
  # accepted.
  rg_cache="$scratch/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache" "$scratch/rg"
  cp "$(command -v rg)" "$scratch/rg/rg"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$scratch/rg" rg
  # unsafe_perm: code-server's postinstall refuses to run as root without it.
  # yes: node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
  # argon2 and kerberos try a prebuilt download first, fail, and build from source: expected.
  export TMPDIR="$scratch" npm_config_unsafe_perm=true npm_config_yes=true
  if [[ -f package-lock.json ]]; then
    echo "== npm ci (test/e2e)"
    npm ci --no-audit --no-fund
  else
    echo "== npm install (test/e2e)"
    npm install --no-audit --no-fund
  fi
  test -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg
fi

home="$(mktemp -d "${TMPDIR:-/tmp}/govreport-e2e-home.XXXXXX")"
version="$(HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" node_modules/.bin/code-server --version 2>/dev/null | grep -E '^[0-9]+\.' || true)"
if [[ "$version" != "$CODE_SERVER_VERSION "* ]]; then
  echo "FAIL: node_modules/.bin/code-server --version gave '$version', expected $CODE_SERVER_VERSION" >&2
  rm -rf "$home"
  exit 1
fi
echo "== code-server $version"
rm -rf "$home"
echo "== chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
