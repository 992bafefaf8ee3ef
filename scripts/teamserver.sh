#!/usr/bin/env bash
# A local demo team server: a PostgreSQL cluster in the user's data directory on 127.0.0.1 (the
# PostgreSQL binaries of this machine), `teamserver init`, demo data and a login per demo medewerker.
#   ./scripts/teamserver.sh           start (and set up the first time); prints how to sign in
#   ./scripts/teamserver.sh --stop    stop it
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
exec "$VENV/bin/python" -m jet_desktop.demo.teamserver "$@"
