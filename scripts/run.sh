#!/usr/bin/env bash
# Start JET Desktop on its default store (SQLite in the user data directory):
#   ./scripts/run.sh            opens the application
#   ./scripts/run.sh --db F     opens another file; any jet-desktop arguments work
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
if [ $# -eq 0 ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "Geen beeldscherm gevonden (DISPLAY leeg): JET Desktop start zonder venster (offscreen)." >&2
    export QT_QPA_PLATFORM=offscreen
fi
# The window (no subcommand, or only options such as --db): start Qt once with its plugin first, so a
# display it cannot use is a Dutch message instead of Qt's abort (exit 134).
if [ -z "${QT_QPA_PLATFORM:-}" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && { [ $# -eq 0 ] || [[ "$1" == -* ]]; }; then
    "$VENV/bin/python" -m jet_desktop.platform_check --probe >/dev/null || exit 1
fi
exec "$VENV/bin/jet-desktop" "$@"
