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
exec "$VENV/bin/python" -m pytest "$@"
