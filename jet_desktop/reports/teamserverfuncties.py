"""What `teamserver init` installs of the reports: the count functions of every Telling
(reports/teamcijfers.py). Passed to services/teamserver.init as `extra` by the command, the demo
server and the tests, since services may not import the reports that hold the queries."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from jet_desktop.reports import matched_care, monitor, monitor_reeksen, teamcijfers

MODULES = (matched_care, monitor, monitor_reeksen)  # each registers its tellingen when imported


def installeer(conn: Connection) -> str:
    namen = teamcijfers.installeer(conn, teamcijfers.tellingen())
    return f"Telfuncties voor de monitor en matched care (alleen aantallen): {len(namen)}"
