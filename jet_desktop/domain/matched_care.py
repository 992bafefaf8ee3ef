"""Matched-care quality signals as pure rules: opschaling and stapeling (domain.md "Matched-care summary").

No database, no Qt: the report (jet_desktop/reports/matched_care.py) hands in one jeugdige's
toewijzingen as `ToewijzingPeriode`s and the stapeling table (resources/stapeling.csv) as
`StapelingRegel`s parsed by `parse_stapeling_regels`. Dates are inclusive: a toewijzing runs from
its startdatum up to and including its einddatum; no einddatum means it is still running.
Every result is independent of the order in which the toewijzingen are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Mapping, Sequence

from jet_desktop.domain.enums import LabeledEnum
from jet_desktop.domain.errors import FieldError, ValidationError

OPSCHALING_DAGEN = 180  # a higher intensiteit within this many days of the first start counts as opschaling
WILDCARD = "*"


class Stapelingsoort(LabeledEnum):
    VERTICAAL = ("verticaal", "Verticale stapeling (tegelijk)")
    HORIZONTAAL = ("horizontaal", "Horizontale stapeling (na elkaar)")


@dataclass(frozen=True)
class ToewijzingPeriode:
    """What the rules need of one toewijzing. `sleutel` identifies it (the row id as text)."""

    sleutel: str
    productcategorie: str
    niveau: int  # intensiteit niveau (resources/intensiteiten.csv): higher is heavier
    startdatum: date
    einddatum: date | None = None

    def loopt_op(self, d: date) -> bool:
        return self.startdatum <= d and (self.einddatum is None or d <= self.einddatum)


def _order(t: ToewijzingPeriode) -> tuple:
    return (t.startdatum, t.sleutel)


# -- opschaling ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opschaling:
    """A jeugdige's first toewijzing and, when there is one, the step-up that followed it."""

    eerste: ToewijzingPeriode
    hogere: ToewijzingPeriode | None  # the first toewijzing of higher niveau within 180 days, or None

    @property
    def opgeschaald(self) -> bool:
        return self.hogere is not None

    @property
    def dagen(self) -> int | None:
        return None if self.hogere is None else (self.hogere.startdatum - self.eerste.startdatum).days


def opschaling(toewijzingen: Iterable[ToewijzingPeriode], dagen: int = OPSCHALING_DAGEN) -> Opschaling | None:
    """Opschaling of one jeugdige (None without toewijzingen).

    The first toewijzing is the one with the earliest startdatum; toewijzingen starting on that
    same day form the starting package, and the heaviest of them (highest niveau) is the reference.
    Opschaling: a toewijzing starting 1..`dagen` days (inclusive) after that first start with a
    niveau higher than the reference. Reported is the earliest such one (then the heaviest).
    """
    items = sorted(toewijzingen, key=_order)
    if not items:
        return None
    start = items[0].startdatum
    eerste = sorted((t for t in items if t.startdatum == start), key=lambda t: (-t.niveau, t.sleutel))[0]
    grens = start + timedelta(days=dagen)
    hogere = [t for t in items if start < t.startdatum <= grens and t.niveau > eerste.niveau]
    hogere.sort(key=lambda t: (t.startdatum, -t.niveau, t.sleutel))
    return Opschaling(eerste, hogere[0] if hogere else None)


# -- the stapeling table ------------------------------------------------------------------------


@dataclass(frozen=True)
class StapelingRegel:
    """One row of resources/stapeling.csv.

    verticaal: the pair in either order, running at the same time. horizontaal: categorie_a ends
    and categorie_b starts 1..binnen_dagen days later. `*` matches any productcategorie.
    """

    categorie_a: str
    categorie_b: str
    soort: Stapelingsoort
    binnen_dagen: int | None
    toegestaan: bool
    toelichting: str = ""
    regelnummer: int = 0  # line in the file (header = 1), for messages

    @property
    def specificiteit(self) -> int:
        return (self.categorie_a != WILDCARD) + (self.categorie_b != WILDCARD)

    @property
    def omschrijving(self) -> str:
        teken = "+" if self.soort is Stapelingsoort.VERTICAAL else "→"
        binnen = f" binnen {self.binnen_dagen} dagen" if self.soort is Stapelingsoort.HORIZONTAAL else ""
        oordeel = "toegestaan" if self.toegestaan else "niet toegestaan"
        return f"{self.categorie_a} {teken} {self.categorie_b} {self.soort.value}{binnen}: {oordeel}"

    def past_op(self, a: str, b: str) -> bool:
        """Does the rule cover categorie a (first) and b (second)? verticaal also covers b, a."""

        def eq(pattern: str, code: str) -> bool:
            return pattern == WILDCARD or pattern == code

        if eq(self.categorie_a, a) and eq(self.categorie_b, b):
            return True
        return self.soort is Stapelingsoort.VERTICAAL and eq(self.categorie_a, b) and eq(self.categorie_b, a)


KOLOMMEN = ("categorie_a", "categorie_b", "soort", "binnen_dagen", "toegestaan", "toelichting")


def parse_stapeling_regels(rows: Sequence[Mapping[str, str]], bekende_categorieen: Iterable[str] = ()
                           ) -> tuple[StapelingRegel, ...]:
    """Rows of the CSV (dicts by column name, stripped) into rules; every bad row is reported.

    Raises ValidationError with one FieldError("regel N", Dutch message) per problem, where N is the
    line number in the file (the header is line 1).
    """
    bekend = set(bekende_categorieen)
    errors: list[FieldError] = []
    regels: list[StapelingRegel] = []
    if rows:
        missing = [k for k in KOLOMMEN if k not in rows[0]]
        if missing:
            raise ValidationError([FieldError("kolommen", "Stapelingstabel: kolom ontbreekt: " + ", ".join(missing))])
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows, start=2):
        veld = f"regel {i}"
        problems: list[str] = []
        a, b = (row.get("categorie_a") or "").strip(), (row.get("categorie_b") or "").strip()
        for kolom, code in (("categorie_a", a), ("categorie_b", b)):
            if not code:
                problems.append(f"{kolom} is leeg")
            elif code != WILDCARD and bekend and code not in bekend:
                problems.append(f"{kolom} '{code}' is geen bekende productcategorie")
        soort_text = (row.get("soort") or "").strip().lower()
        soort = next((s for s in Stapelingsoort if s.value == soort_text), None)
        if soort is None:
            problems.append(f"soort '{soort_text}' moet 'verticaal' of 'horizontaal' zijn")
        dagen_text = (row.get("binnen_dagen") or "").strip()
        binnen: int | None = None
        if dagen_text:
            if dagen_text.isdigit():
                binnen = int(dagen_text)
            else:
                problems.append(f"binnen_dagen '{dagen_text}' is geen geheel aantal dagen ≥ 0")
        elif soort is Stapelingsoort.HORIZONTAAL:
            problems.append("binnen_dagen is verplicht bij horizontaal")
        if soort is Stapelingsoort.VERTICAAL:
            binnen = None  # not used for verticaal
        toegestaan_text = (row.get("toegestaan") or "").strip().lower()
        if toegestaan_text not in ("ja", "nee"):
            problems.append(f"toegestaan '{toegestaan_text}' moet 'ja' of 'nee' zijn")
        if problems:
            errors.append(FieldError(veld, f"Stapelingstabel regel {i}: " + "; ".join(problems)))
            continue
        key = (soort, frozenset((a, b)) if soort is Stapelingsoort.VERTICAAL else (a, b))
        if key in seen:
            errors.append(FieldError(veld, f"Stapelingstabel regel {i}: dezelfde combinatie staat al op regel "
                                           f"{seen[key]}"))
            continue
        seen[key] = i
        regels.append(StapelingRegel(a, b, soort, binnen, toegestaan_text == "ja",
                                     (row.get("toelichting") or "").strip(), i))
    if errors:
        raise ValidationError(errors)
    return tuple(regels)


def geldende_regel(regels: Iterable[StapelingRegel], soort: Stapelingsoort, a: str, b: str,
                   tussen_dagen: int | None = None) -> StapelingRegel | None:
    """The rule that decides the pair: the most specific matching one (fewest `*`), ties to the
    earlier line. For horizontaal only rules whose binnen_dagen covers `tussen_dagen` match.
    None: no rule, so the combination is allowed."""
    kandidaten = [r for r in regels if r.soort is soort and r.past_op(a, b)
                  and (soort is Stapelingsoort.VERTICAAL or (tussen_dagen is not None and r.binnen_dagen is not None
                                                               and tussen_dagen <= r.binnen_dagen))]
    if not kandidaten:
        return None
    return min(kandidaten, key=lambda r: (-r.specificiteit, r.regelnummer))


# -- stapeling ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stapeling:
    """A forbidden pair. eerste starts first (verticaal) or ends before tweede starts (horizontaal)."""

    soort: Stapelingsoort
    eerste: ToewijzingPeriode
    tweede: ToewijzingPeriode
    regel: StapelingRegel
    tussen_dagen: int | None = None  # horizontaal: days from the end of eerste to the start of tweede


def _overlappen(x: ToewijzingPeriode, y: ToewijzingPeriode) -> bool:
    return x.loopt_op(y.startdatum) or y.loopt_op(x.startdatum)


def stapelingen(toewijzingen: Iterable[ToewijzingPeriode], regels: Sequence[StapelingRegel]) -> list[Stapeling]:
    """The forbidden pairs among one jeugdige's toewijzingen, sorted by the start of the second.

    verticaal: the two run on at least one common day (einddatum inclusive) and the deciding rule
    says toegestaan = nee. horizontaal: the first has an einddatum, the second starts 1..binnen_dagen
    days after it (gap = tweede.startdatum - eerste.einddatum) and the deciding rule says nee.
    """
    items = sorted(toewijzingen, key=_order)
    found: list[Stapeling] = []
    for i, x in enumerate(items):
        for y in items[i + 1:]:  # x starts before y, or on the same day with the smaller sleutel
            if _overlappen(x, y):
                regel = geldende_regel(regels, Stapelingsoort.VERTICAAL, x.productcategorie, y.productcategorie)
                if regel is not None and not regel.toegestaan:
                    found.append(Stapeling(Stapelingsoort.VERTICAAL, x, y, regel))
                continue
            eerder, later = x, y  # no overlap and x starts first: x ended before y started
            gap = (later.startdatum - eerder.einddatum).days
            regel = geldende_regel(regels, Stapelingsoort.HORIZONTAAL, eerder.productcategorie,
                                   later.productcategorie, gap)
            if regel is not None and not regel.toegestaan:
                found.append(Stapeling(Stapelingsoort.HORIZONTAAL, eerder, later, regel, gap))
    found.sort(key=lambda s: (s.tweede.startdatum, s.eerste.startdatum, s.soort.value, s.eerste.sleutel,
                              s.tweede.sleutel))
    return found
