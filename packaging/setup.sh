#!/usr/bin/env bash
# Set up belcat in ./.venv: the system libraries Qt needs (Debian/Ubuntu, when
# run as root and they are missing), then the Python package.
#   bash packaging/setup.sh          # to run the application
#   bash packaging/setup.sh --test   # also the test tools
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

# Libraries of Qt's xcb (real or virtual screen) and offscreen platforms,
# a virtual screen for machines without one, and fonts with Cyrillic.
apt_packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 libxcb-randr0 xvfb xauth fonts-dejavu-core)
# Tests also read exported CSV back with LibreOffice Calc (about 25 s to install
# from a Debian mirror) and compare export speed with the sqlite3 shell.
[ $want_tests = 1 ] && apt_packages+=(libreoffice-calc-nogui sqlite3)
if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing system packages: ${missing[*]}" >&2
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "Note: these system packages are missing (install them as root): ${missing[*]}" >&2
    fi
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
if [ $want_tests = 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
