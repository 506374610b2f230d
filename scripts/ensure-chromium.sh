#!/usr/bin/env bash
# The browser tests drive Debian's own chromium package (never a downloaded browser). CI runs this
# before `npm test`; it installs the package when /usr/bin/chromium is missing.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  "$CHROMIUM" --version 2>/dev/null || true
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Debian's chromium at $CHROMIUM, and installing it needs root." >&2
  echo "Install it once with:  sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "No apt-get here: install Chromium so that $CHROMIUM exists, then run the tests again." >&2
  exit 1
fi
echo "Installing Debian's chromium package for the browser tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
"$CHROMIUM" --version
