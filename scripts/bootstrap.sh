#!/usr/bin/env bash
# Creates .venv and installs the project with its test tools; re-installs only when
# pyproject.toml changed. Sourced by scripts/run.sh and scripts/test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "JET Desktop heeft Python 3.11 of nieuwer nodig ($("$PY" --version) gevonden)." >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    echo "==> virtuele omgeving aanmaken in .venv" >&2
    "$PY" -m venv "$VENV"
fi
STAMP="$VENV/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
    echo "==> afhankelijkheden installeren (eenmalig)" >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null
    # sqlcipher3-binary (before 0.8.0; Linux x86_64 only) and sqlcipher3-wheels install the same module
    # `sqlcipher3` as the sqlcipher3 that pyproject.toml names: uninstalling one afterwards would delete the
    # other's files. Remove them first, and sqlcipher3 with them (reinstalled cleanly just below).
    if "$VENV/bin/python" -m pip show -q sqlcipher3-binary >/dev/null 2>&1 \
        || "$VENV/bin/python" -m pip show -q sqlcipher3-wheels >/dev/null 2>&1; then
        echo "==> sqlcipher3-binary vervangen door sqlcipher3" >&2
        "$VENV/bin/python" -m pip uninstall --quiet -y sqlcipher3-binary sqlcipher3-wheels sqlcipher3 >/dev/null 2>&1 || true
    fi
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[test,build]"
    rm -f "$VENV"/.installed-*
    touch "$STAMP"
fi
# Qt needs a few system libraries even offscreen; install them on Debian/Ubuntu when missing.
if ! QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c 'from PySide6 import QtWidgets, QtGui' 2>/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "==> systeembibliotheken voor Qt installeren" >&2
        QT_LIBS="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3"
        # a fresh machine may have empty package lists: update once and try again
        apt-get install -y -q $QT_LIBS >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q $QT_LIBS >/dev/null; }
    else
        echo "Qt kan niet laden: installeer libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3." >&2
        exit 1
    fi
fi
# NSIS's makensis and Wine (64-bit only): the suite compiles the Windows installer script and runs the
# installer and its uninstaller under Wine (tests/test_installer.py)
heeft_wine() { command -v wine64 >/dev/null || [ -x /usr/lib/wine/wine64 ]; }
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && { ! command -v makensis >/dev/null || ! heeft_wine; }; then
    echo "==> NSIS (makensis) en Wine installeren" >&2
    W="nsis wine64"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $W >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $W >/dev/null; }
fi
# With a display: what Qt's window plugin (xcb) needs besides (libxcb-icccm4, libxcb-keysyms1, ...).
source "$ROOT/scripts/qt_venster.sh"
