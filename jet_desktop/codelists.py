"""The code lists as shipped in `resources/`: the seed of a new store, nothing more.

The application reads its code lists from the store (services/codelijsten.py: verwijzers,
productcategorieën, intensiteiten, aanbieders, stapeling rules), where migration 0010 put these files'
rows and the functioneel beheerder edits them. What is read here is the files as they are: for the
demo generator (fictitious data of a fresh store) and for tests that compare the seed with the files.
"""

from __future__ import annotations

import csv

from jet_desktop.domain.codelijsten import Aanbieder, Codelijsten, Intensiteit, Productcategorie, VerwijzerRoute
from jet_desktop.paths import resources_dir

RESOURCES_DIR = resources_dir()  # resources/ of a checkout, or jet_desktop/resources when installed

BESTANDEN = ("verwijzers.csv", "productcategorieen.csv", "intensiteiten.csv", "aanbieders.csv", "stapeling.csv")


def seed_rijen(naam: str) -> list[dict[str, str]]:
    """The rows of one file of resources/ (dicts by column, stripped)."""
    with open(RESOURCES_DIR / naam, encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def uit_bestanden() -> Codelijsten:
    """The code lists of the files (the seed), as the store holds them right after migrating."""
    return Codelijsten(
        verwijzers=tuple(VerwijzerRoute(r["route"], r["omschrijving"], r["ijw_code"], r["ijw_omschrijving"],
                                        r["extern"].lower() == "ja") for r in seed_rijen("verwijzers.csv")),
        productcategorieen=tuple(Productcategorie(r["code"], r["omschrijving"], r["kostencategorie"])
                                 for r in seed_rijen("productcategorieen.csv")),
        intensiteiten=tuple(sorted((Intensiteit(r["code"], r["omschrijving"], int(r["niveau"]))
                                    for r in seed_rijen("intensiteiten.csv")), key=lambda i: i.niveau)),
        aanbieders=tuple(Aanbieder(r["code"], r["naam"]) for r in seed_rijen("aanbieders.csv")),
        stapeling=tuple({**r, "geldig_tot": None, "regelnummer": i}
                        for i, r in enumerate(seed_rijen("stapeling.csv"), 2)),
    )
