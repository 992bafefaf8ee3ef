#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: ./scripts/test.sh [pytest args]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
# lint first (ruff, and the layer rules of import-linter in pyproject.toml); then the suite
echo "==> ruff" >&2
"$VENV/bin/ruff" check --quiet .
echo "==> import-linter" >&2
"$VENV/bin/lint-imports" --no-cache >/dev/null || "$VENV/bin/lint-imports" --no-cache
# the suite on every core (pytest-xdist; one PostgreSQL cluster per worker), a test file per worker at a time
# (its module fixtures are made once); pass -n 0 to run in one process
exec "$VENV/bin/python" -m pytest -n auto --dist loadfile "$@"
