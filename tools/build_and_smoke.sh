#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle (build.spec) and try the built program
# as a person would: its version, demo data, a printed PDF with the bundled font,
# and the window started without a screen and closed with Ctrl+C.
# Usage: tools/build_and_smoke.sh [VENV]   (default .venv; run from anywhere)
# The bundle lands in build/dist/lianxin/ (build/ is ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}

"$venv/bin/pip" install -q -e ".[build]"
started=$(date +%s)
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath build/dist --workpath build/work build.spec
echo "build: $(( $(date +%s) - started )) s, $(du -sh build/dist/lianxin | cut -f1)"

program=build/dist/lianxin/lianxin
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export LIANXIN_DATA_DIR="$scratch/data" QT_QPA_PLATFORM=offscreen
unset LIANXIN_PASSPHRASE

fail() { echo "smoke: $*" >&2; exit 1; }

# The X11 platform plugin must find every library it needs inside the bundle or on the system.
missing=$(LD_LIBRARY_PATH=build/dist/lianxin/_internal ldd build/dist/lianxin/_internal/PySide6/Qt/plugins/platforms/libqxcb.so | grep "not found" || true)
[ -z "$missing" ] || fail "the X11 plugin lacks: $missing"

"$program" --version | grep -q "^lianxin " || fail "--version"
"$program" --db "$scratch/smoke.db" demo --households 300 2>/dev/null | grep -q "300 households" || fail "demo"
"$program" --db "$scratch/smoke.db" stats --json 2>/dev/null | grep -q '"households":300' || fail "stats --json (orjson bundled)"
"$program" --db "$scratch/smoke.db" print cards -o "$scratch/cards.pdf" 2>/dev/null
[ -s "$scratch/cards.pdf" ] || fail "print wrote no PDF"
if command -v pdffonts >/dev/null; then
  pdffonts "$scratch/cards.pdf" | grep -q "WenQuanYi" || fail "the PDF does not embed the bundled font"
fi

# Encryption at rest and protected workbooks (issue 19): the bundled SQLCipher and msoffcrypto work.
LIANXIN_PASSPHRASE=smoke-passphrase "$program" --db "$scratch/secret.db" demo --households 50 2>/dev/null \
  | grep -q "50 households" || fail "demo into an encrypted database"
head -c 16 "$scratch/secret.db" | grep -q "SQLite format" && fail "the encrypted database is plain"
LIANXIN_PASSPHRASE=smoke-passphrase LIANXIN_WORKBOOK_PASSWORD=smoke-password \
  "$program" --db "$scratch/secret.db" export "$scratch/secret.xlsx" >/dev/null 2>&1 || fail "protected export"
LIANXIN_WORKBOOK_PASSWORD=smoke-password "$program" --db "$scratch/merged.db" merge "$scratch/secret.xlsx" \
  >/dev/null 2>&1 || fail "merge of a protected workbook"

# The window: it must still be up after 5 s, then close on Ctrl+C as its own close does.
set +e
timeout --preserve-status -s INT 5 "$program" --db "$scratch/smoke.db" 2>"$scratch/window.err"
status=$?
set -e
[ "$status" -eq 0 ] || fail "the window ended with status $status: $(head -c 2000 "$scratch/window.err")"
[ ! -s "$scratch/window.err" ] || fail "the window wrote to stderr: $(head -c 2000 "$scratch/window.err")"
echo "smoke: --version, demo, stats, print, window: all good"
