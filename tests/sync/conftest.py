"""Fixtures of the offline tests: the team server of tests/teamserver/team.py and laptops taken from it."""

from teamserver.team import server  # noqa: F401  (a fixture)
