#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for triage_app: when run as root, the Debian libraries
# Qt needs (and the virtual screen tools); then a virtualenv in .venv with the package.
#   bash .ci/setup.sh        libraries for a real window, the app
#   bash .ci/setup.sh test   libraries for offscreen Qt, the app and its test tools
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

qt_offscreen="libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core"
qt_window="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libxcb-xinerama0 libcups2"
test_tools="poppler-utils postgresql"  # PostgreSQL: the tests start their own server

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  wanted="$qt_offscreen python3-venv"
  if [ "$mode" = test ]; then wanted="$wanted $test_tools"; else wanted="$wanted $qt_window"; fi
  missing=""
  for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    echo "Installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    python=$candidate; break
  fi
done
[ -n "$python" ] || { echo "triage_app needs Python 3.11 or newer." >&2; exit 1; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$mode" = test ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
