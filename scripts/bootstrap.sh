#!/usr/bin/env bash
# Set up everything SDM Desktop needs on a fresh Debian or Ubuntu machine with
# Python 3.11+: the system libraries Qt needs, a virtual environment in .venv,
# and the project installed into it. Safe to run again; it skips what is done.
#
#   scripts/bootstrap.sh         the app
#   scripts/bootstrap.sh test    the app, the test tools and the checks ./test runs
#   scripts/bootstrap.sh build   the app and PyInstaller (scripts/build_app.sh)
#
# System packages: add a name to the list of the mode that needs it, with a
# comment saying what for.
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-app}"
system_packages=(
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
)
case "$want" in
  app | test | build) ;;
  *) echo "usage: scripts/bootstrap.sh [app|test|build]" >&2; exit 2 ;;
esac
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ] && ! "$python" -c "import ensurepip" >/dev/null 2>&1; then
  system_packages+=(python3-venv)  # Debian keeps venv's pip in its own package
fi
if [ "$want" = build ]; then
  system_packages+=(binutils)  # objdump, which PyInstaller uses to find the libraries a binary needs
fi
if [ "$want" = test ]; then
  # poppler-utils: PDF pages to PNG; xvfb, openbox, xdotool, x11-utils: a real X server with a
  # window manager and real input, for tests/realx/ (see tests/realdisplay.py).
  # postgresql: the central-store tests start their own server; nodejs (and npm, where it does
  # not come with nodejs): the independent FHIR validator (tests/fhir_validator/).
  system_packages+=(poppler-utils xvfb openbox xdotool x11-utils postgresql nodejs)
  command -v npm >/dev/null 2>&1 || system_packages+=(npm)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system libraries: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    echo "Installing system libraries (sudo): ${missing[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extras=""
[ "$want" = test ] && extras="[test,dev]"
[ "$want" = build ] && extras="[freeze]"
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)${extras}"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras}"
  touch "$stamp"
fi
# Bytecode, as an installed wheel has it: the first start of the window then does not
# compile every module. Only what is missing or out of date is compiled.
if [ ! -f .venv/.compiled ] || [ -n "$(find sdm_desktop -name '*.py' -newer .venv/.compiled -print -quit)" ]; then
  .venv/bin/python -m compileall -q sdm_desktop >/dev/null
  touch .venv/.compiled
fi

# The independent FHIR validator the export tests use (@medplum/core), from the npm registry into
# tests/fhir_validator/node_modules, pinned by its package-lock.json.
if [ "$want" = test ] && command -v npm >/dev/null 2>&1; then
  lock_stamp="tests/fhir_validator/node_modules/.installed-$(sha256sum tests/fhir_validator/package-lock.json | cut -c1-16)"
  if [ ! -f "$lock_stamp" ]; then
    (cd tests/fhir_validator && npm ci --no-audit --no-fund --silent)
    touch "$lock_stamp"
  fi
fi
