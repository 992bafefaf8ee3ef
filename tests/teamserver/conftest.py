"""The fixture `server` (tests/teamserver/team.py)."""

from teamserver.team import server  # noqa: F401  (a fixture)
