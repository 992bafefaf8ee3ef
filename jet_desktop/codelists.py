"""Code lists read from `resources/` (data files, not code)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from jet_desktop.paths import resources_dir

RESOURCES_DIR = resources_dir()  # resources/ of a checkout, or jet_desktop/resources when installed


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


def _rows(name: str) -> list[dict[str, str]]:
    with open(RESOURCES_DIR / name, encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


@dataclass(frozen=True)
class Productcategorie:
    code: str  # iJw JZ020, e.g. "45"
    omschrijving: str
    kostencategorie: str  # the line of the cost overview (Heerenveen letter) it counts under


@dataclass(frozen=True)
class Intensiteit:
    code: str
    omschrijving: str
    niveau: int  # higher = heavier; opschaling compares these


@dataclass(frozen=True)
class Aanbieder:
    code: str
    naam: str


@lru_cache(maxsize=1)
def productcategorieen() -> tuple[Productcategorie, ...]:
    return tuple(Productcategorie(r["code"], r["omschrijving"], r["kostencategorie"])
                 for r in _rows("productcategorieen.csv"))


@lru_cache(maxsize=1)
def intensiteiten() -> tuple[Intensiteit, ...]:
    """Ordered from light to heavy."""
    return tuple(sorted((Intensiteit(r["code"], r["omschrijving"], int(r["niveau"]))
                         for r in _rows("intensiteiten.csv")), key=lambda i: i.niveau))


@lru_cache(maxsize=1)
def aanbieders() -> tuple[Aanbieder, ...]:
    return tuple(Aanbieder(r["code"], r["naam"]) for r in _rows("aanbieders.csv"))


def productcategorie_label(code: str) -> str:
    return next((f"{p.code} {p.omschrijving}" for p in productcategorieen() if p.code == code), code)


def intensiteit_label(code: str) -> str:
    return next((i.omschrijving for i in intensiteiten() if i.code == code), code)


def aanbieder_label(code: str) -> str:
    return next((a.naam for a in aanbieders() if a.code == code), code)


def stapeling_regels():
    """The stapeling table (resources/stapeling.csv), read afresh at each call so an edit by the
    functioneel beheerder counts at the next report. Raises domain ValidationError on a bad row."""
    from jet_desktop.domain.matched_care import parse_stapeling_regels

    return parse_stapeling_regels(_rows("stapeling.csv"), [p.code for p in productcategorieen()])
