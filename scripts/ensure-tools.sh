#!/usr/bin/env bash
# Installs what building and testing newsmark needs and a fresh machine may lack:
# the wasm32 target, wasm-bindgen-cli at the exact version Cargo.lock pins, the npm dev tools
# (wasm-opt from binaryen, playwright-core, mark.js, vite, web-ext) and Debian's Chromium.
# Usage: scripts/ensure-tools.sh [wasm] [npm] [chromium]   (no argument: all)
set -euo pipefail
cd "$(dirname "$0")/.."
WANTED="${*:-wasm npm chromium}"

if [[ " $WANTED " == *" wasm "* ]]; then
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "ensure-tools: adding the wasm32-unknown-unknown target" >&2
    rustup target add wasm32-unknown-unknown
  fi
  locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  installed=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$installed" != "$locked" ]; then
    echo "ensure-tools: installing wasm-bindgen-cli $locked (found '${installed:-none}'), a few minutes" >&2
    cargo install wasm-bindgen-cli --version "$locked" --force
  fi
fi

if [[ " $WANTED " == *" npm "* ]]; then
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "ensure-tools: npm ci" >&2
    npm ci --no-audit --no-fund
  fi
fi

if [[ " $WANTED " == *" chromium "* ]]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "ensure-tools: installing Debian's chromium and chromium-driver" >&2
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
