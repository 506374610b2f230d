#!/usr/bin/env bash
# The browser tests drive Debian's own chromium package (never a downloaded browser). `npm test`
# runs this first (its pretest script), so on a fresh machine `npm ci` and `npm test` are all it
# takes: with chromium there, nothing happens; as root with apt-get, it installs the package;
# otherwise it says the one command to run, and fails before any test does.
set -euo pipefail
# The path the browser tests launch (test/support/browser.ts); tests of this script point it elsewhere.
CHROMIUM="${OVERBRUG_CHROMIUM_PATH:-/usr/bin/chromium}"
PACKAGES="chromium fonts-dejavu-core"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "npm test: the browser tests need Chromium at $CHROMIUM, and this machine has no apt-get to install Debian's package." >&2
  echo "Install Chromium so that $CHROMIUM starts it, then run npm test again." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "npm test: the browser tests need Debian's chromium package at $CHROMIUM, and installing it needs root. Run once:" >&2
  echo "" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $PACKAGES" >&2
  echo "" >&2
  echo "then npm test again." >&2
  exit 1
fi
echo "npm test: installing Debian's chromium package for the browser tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # the package names, one word each
apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  echo "npm test: apt-get installed $PACKAGES, yet $CHROMIUM is not there. Install Chromium so that it is, then run npm test again." >&2
  exit 1
fi
"$CHROMIUM" --version
