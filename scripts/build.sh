#!/usr/bin/env bash
# The frozen build on a fresh machine: the venv with PyInstaller (scripts/bootstrap.sh), then
# build_installer.py with any of its options (docs/installer.md): ./scripts/build.sh [--ongetrimd]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
exec "$VENV/bin/python" build_installer.py "$@"
