#!/usr/bin/env bash
# Build the frozen app (PyInstaller, one folder) and smoke-test it:
#   dist/sdm-desktop/sdm-desktop       the window
#   dist/sdm-desktop/sdm-desktop-cli   the same program with a console
# Prints one line per check and the build's size and start times; exits non-zero if a
# check fails. Build on the system you ship to (Windows for Windows): see docs/install.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh build

started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/sdm-desktop.spec
echo "built dist/sdm-desktop in $(( $(date +%s) - started )) s"

app=dist/sdm-desktop
exe=""
[ -f "$app/sdm-desktop-cli.exe" ] && exe=".exe"
cli="$app/sdm-desktop-cli$exe"
window="$app/sdm-desktop$exe"

# Per-user folders of the smoke test, removed at the end.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export SDM_DESKTOP_CONFIG_DIR="$scratch/config" SDM_DESKTOP_CACHE_DIR="$scratch/cache"
export SDM_DESKTOP_DATA_DIR="$scratch/data" SDM_DESKTOP_LOG_DIR="$scratch/log"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname -s)" = Linux ]; then
  export QT_QPA_PLATFORM=offscreen
fi

failed=0
check() {  # check NAME COMMAND...: run it, print PASS or FAIL with what it printed
  local name=$1; shift
  if "$@" >"$scratch/out" 2>&1; then
    echo "PASS  $name"
  else
    echo "FAIL  $name"; sed 's/^/      /' "$scratch/out"; failed=1
  fi
}
seconds() {  # the wall time of one run of a command, in seconds
  .venv/bin/python -c 'import subprocess, sys, time; t = time.perf_counter(); subprocess.run(sys.argv[1:], capture_output=True); print(f"{time.perf_counter() - t:.2f}")' "$@"
}

check "window starts, loads the library and paints (--quit-after-load)" "$window" --quit-after-load
check "validate: 11 files, no errors" sh -c "'$cli' validate | tail -n 1 | grep -q '^11 files checked: 0 errors'"
check "list --json: 11 documents" sh -c "'$cli' list --json | .venv/bin/python -c 'import json, sys; assert len(json.load(sys.stdin)) == 11'"
check "pdf --grid af-anticoagulation" sh -c "'$cli' pdf --grid af-anticoagulation --out '$scratch/af.pdf' && head -c 4 '$scratch/af.pdf' | grep -q '%PDF'"
if [ "$(uname -s)" = Linux ]; then
  # The dynamic linker reports every library it loads: list and validate must not load Qt.
  check "list and validate do not load Qt" sh -c "! LD_DEBUG=files '$cli' list 2>&1 >/dev/null | grep -q libQt6 && ! LD_DEBUG=files '$cli' validate 2>&1 >/dev/null | grep -q libQt6"
fi
check "the log was written" test -s "$scratch/log/sdm-desktop.log"

size=$(du -sm "$app" | cut -f1)
echo "size: ${size} MB in $(find "$app" -type f | wc -l) files"
echo "start, window with --quit-after-load: $(seconds "$window" --quit-after-load) s (frozen)," \
     "$(seconds .venv/bin/python -m sdm_desktop --quit-after-load) s (python -m sdm_desktop)"
echo "start, list: $(seconds "$cli" list) s (frozen), $(seconds .venv/bin/python -m sdm_desktop list) s (python -m sdm_desktop)"
[ "$failed" = 0 ] && echo "all smoke tests passed" || { echo "smoke tests FAILED" >&2; exit 1; }
