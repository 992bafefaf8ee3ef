"""Code lists read from `resources/` (data files, not code)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class VerwijzerRoute:
    route: str
    omschrijving: str
    ijw_code: str
    ijw_omschrijving: str
    extern: bool


@lru_cache(maxsize=1)
def verwijzer_routes() -> tuple[VerwijzerRoute, ...]:
    with open(RESOURCES_DIR / "verwijzers.csv", encoding="utf-8", newline="") as f:
        return tuple(
            VerwijzerRoute(r["route"], r["omschrijving"], r["ijw_code"], r["ijw_omschrijving"],
                           r["extern"].strip().lower() == "ja")
            for r in csv.DictReader(f)
        )


def verwijzer_label(route: str) -> str:
    for r in verwijzer_routes():
        if r.route == route:
            return r.omschrijving
    return route
