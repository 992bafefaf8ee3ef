#!/usr/bin/env bash
# The store of a release for the upgrade test (tests/storage/test_bijwerken.py; docs/installer.md,
# "Een release maken"): made by THIS checkout's code, so run it on the release commit itself:
#   ./scripts/releasefixture.sh            # writes tests/storage/fixtures/releases/jet-<versie>.db.gz
#   ./scripts/releasefixture.sh COMMIT     # an earlier release, from a temporary worktree of COMMIT
# Demo data (50 jeugdigen, seed 7) and the audit lines of a wachtlijstrapport and a caseloadoverzicht;
# unencrypted so it compresses (the test encrypts it with the current code), about 100 KB.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
BRON="$ROOT"
WERK="$(mktemp -d)"
trap 'rm -rf "$WERK"; [ -n "${WORKTREE:-}" ] && git -C "$ROOT" worktree remove --force "$WORKTREE"' EXIT
if [ $# -ge 1 ]; then
    WORKTREE="$WERK/bron"
    git -C "$ROOT" worktree add --detach "$WORKTREE" "$1" >/dev/null
    BRON="$WORKTREE"
fi
VERSIE="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$BRON/jet_desktop/__init__.py")"
DB="$WERK/jet-$VERSIE.db"
jet() {  # the release's own code, with a data folder of its own (no log or settings of the developer)
    (cd "$WERK" && env -u JET_PASSPHRASE JET_DATA_DIR="$WERK/data" QT_QPA_PLATFORM=offscreen PYTHONPATH="$BRON" \
        "$VENV/bin/python" -c 'import sys; from jet_desktop.cli import main; sys.exit(main(sys.argv[1:]))' \
        --db "$DB" --onversleuteld "$@")
}
jet demo --jeugdigen 50 --seed 7 >/dev/null 2>&1
jet wachtlijst --peildatum 2026-12-01 --pdf "$WERK/w.pdf" >/dev/null
jet caseload --peildatum 2026-12-01 --format xlsx --out "$WERK/c.xlsx" >/dev/null
"$VENV/bin/python" - "$DB" <<'PY'
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode=DELETE")
conn.execute("VACUUM")
conn.close()
PY
DOEL="$ROOT/tests/storage/fixtures/releases/jet-$VERSIE.db.gz"
gzip -9 -n -c "$DB" > "$DOEL"
echo "$DOEL ($(du -k "$DOEL" | cut -f1) KB)"
