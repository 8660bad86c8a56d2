#!/usr/bin/env bash
# The staff console's browser test (test/console-browser.test.ts) runs in Debian's Chromium through
# playwright-core, which downloads no browser of its own. Install the distribution's package when missing.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium is installed: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-chromium: /usr/bin/chromium is missing and this is not root (no sudo); the browser test will be skipped" >&2
    exit 0
  fi
fi

echo "installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version 2>/dev/null | tail -n 1
