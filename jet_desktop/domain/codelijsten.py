"""The code lists as values: verwijzers, productcategorieën, intensiteiten, aanbieders and the stapeling
rules, as read from the store in one go (services/codelijsten.py). Pure: no database, no files.

A code is *ended from a date* (`geldig_tot`): from that day on it is not offered and not accepted for a
new aanmelding or toewijzing, while a record that already holds it keeps it and keeps showing its label.
A code is never renumbered: the code is what a record stores; the label (omschrijving, naam) may change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from jet_desktop.domain.errors import FieldError
from jet_desktop.domain.matched_care import KOLOMMEN, StapelingRegel, parse_stapeling_regels
from jet_desktop.domain.toewijzing import Codes


@dataclass(frozen=True)
class VerwijzerRoute:
    route: str  # stored on the aanmelding (aanmelding.verwijzer_route)
    omschrijving: str
    ijw_code: str  # iJw COD327 "type verwijzer"
    ijw_omschrijving: str
    extern: bool  # an external referrer (not the family itself)
    geldig_tot: date | None = None

    @property
    def code(self) -> str:
        return self.route

    @property
    def label(self) -> str:
        return self.omschrijving


@dataclass(frozen=True)
class Productcategorie:
    code: str  # iJw JZ020, e.g. "45"
    omschrijving: str
    kostencategorie: str  # the line of the cost overview (Heerenveen letter) it counts under
    geldig_tot: date | None = None

    @property
    def label(self) -> str:
        return f"{self.code} {self.omschrijving}"


@dataclass(frozen=True)
class Intensiteit:
    code: str
    omschrijving: str
    niveau: int  # higher = heavier; opschaling compares these
    geldig_tot: date | None = None

    @property
    def label(self) -> str:
        return self.omschrijving


@dataclass(frozen=True)
class Aanbieder:
    code: str
    naam: str
    geldig_tot: date | None = None

    @property
    def label(self) -> str:
        return self.naam


def geldig_op(item, datum: date) -> bool:
    """Is the code (or stapeling rule) still in force on `datum`? Ended from `geldig_tot` on."""
    return item.geldig_tot is None or datum < item.geldig_tot


def beeindigd_fout(veld: str, label: str, item, datum: date | None) -> FieldError | None:
    """The message for a code ended on or before `datum` (None when it may be used that day)."""
    if item is None or datum is None or geldig_op(item, datum):
        return None
    return FieldError(veld, f"{label}: {item.label} is beëindigd per {item.geldig_tot:%d-%m-%Y}; "
                            "kies een andere uit de lijst.")


@dataclass(frozen=True)
class Codelijsten:
    """Every code list at one moment, ended codes included (they label old records). Lists are in the
    order the functioneel beheerder keeps them; intensiteiten from light to heavy. `stapeling` holds
    the rows of the stapeling table as the store has them (dicts with the columns of
    domain.matched_care.KOLOMMEN, plus `geldig_tot` and `regelnummer`)."""

    verwijzers: tuple[VerwijzerRoute, ...] = ()
    productcategorieen: tuple[Productcategorie, ...] = ()
    intensiteiten: tuple[Intensiteit, ...] = ()
    aanbieders: tuple[Aanbieder, ...] = ()
    stapeling: tuple[dict, ...] = ()
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for naam in ("verwijzers", "productcategorieen", "intensiteiten", "aanbieders"):
            self._index[naam] = {i.code: i for i in getattr(self, naam)}

    # -- one item by code (None: unknown code)
    def verwijzer(self, route: str) -> VerwijzerRoute | None:
        return self._index["verwijzers"].get(route)

    def productcategorie(self, code: str) -> Productcategorie | None:
        return self._index["productcategorieen"].get(code)

    def intensiteit(self, code: str) -> Intensiteit | None:
        return self._index["intensiteiten"].get(code)

    def aanbieder(self, code: str) -> Aanbieder | None:
        return self._index["aanbieders"].get(code)

    # -- labels: an ended code keeps its label; an unknown code shows as itself
    def verwijzer_label(self, route: str) -> str:
        return r.omschrijving if (r := self.verwijzer(route)) else route

    def productcategorie_label(self, code: str) -> str:
        return p.label if (p := self.productcategorie(code)) else code

    def intensiteit_label(self, code: str) -> str:
        return i.omschrijving if (i := self.intensiteit(code)) else code

    def aanbieder_label(self, code: str) -> str:
        return a.naam if (a := self.aanbieder(code)) else code

    def niveau(self, code: str) -> int:
        return i.niveau if (i := self.intensiteit(code)) else 0

    def verwijzer_labels(self) -> dict[str, str]:
        return {r.route: r.omschrijving for r in self.verwijzers}

    # -- what a form offers on a day: the codes in force, and the record's own code even when ended
    def aangeboden(self, lijst: str, datum: date, huidig: str | None = None) -> tuple:
        return tuple(i for i in getattr(self, lijst) if geldig_op(i, datum) or i.code == huidig)

    # -- validation of a new or changed record
    def verwijzer_fouten(self, route: str, datum: date | None, huidig: str | None = None) -> list[FieldError]:
        r = self.verwijzer(route)
        if r is None:
            return [FieldError("verwijzer_route", "Verwijzer: kies een verwijsroute uit de lijst.")]
        if route == huidig:
            return []  # the record keeps the code it has, ended or not
        fout = beeindigd_fout("verwijzer_route", "Verwijzer", r, datum)
        return [fout] if fout else []

    def toewijzing_codes(self) -> Codes:
        """The codes a toewijzing may hold at all (ended ones included: see `toewijzing_beeindigd`)."""
        return Codes(set(self._index["productcategorieen"]), set(self._index["intensiteiten"]),
                     set(self._index["aanbieders"]))

    def toewijzing_beeindigd(self, productcategorie: str, intensiteit: str, aanbieder: str, startdatum: date | None,
                             huidig: tuple[str, str, str] | None = None) -> list[FieldError]:
        """A code ended on or before the toewijzing's startdatum, unless the toewijzing already holds it."""
        fouten = []
        for veld, label, code, item, oud in (
                ("productcategorie", "Productcategorie", productcategorie, self.productcategorie(productcategorie),
                 huidig[0] if huidig else None),
                ("intensiteit", "Intensiteit", intensiteit, self.intensiteit(intensiteit), huidig[1] if huidig else None),
                ("aanbieder", "Aanbieder", aanbieder, self.aanbieder(aanbieder), huidig[2] if huidig else None)):
            if code != oud and (fout := beeindigd_fout(veld, label, item, startdatum)) is not None:
                fouten.append(fout)
        return fouten

    def stapeling_regels(self, van: date | None = None) -> tuple[StapelingRegel, ...]:
        """The stapeling table as rules (domain/matched_care.py); given `van` (a report's first day), only
        the rules still in force on or after it (an ended rule keeps counting for periods before its end).
        Each keeps its line (`regelnummer`), so ties go to the same rule as before."""
        rijen = [r for r in self.stapeling if van is None or r["geldig_tot"] is None or r["geldig_tot"] > van]
        regels = parse_stapeling_regels([{k: r[k] for k in KOLOMMEN} for r in rijen],
                                        [p.code for p in self.productcategorieen])
        return tuple(replace(g, regelnummer=r["regelnummer"]) for g, r in zip(regels, rijen, strict=True))
