"""Safe text: what a text field accepts at input, and how stored text is made harmless for an export.

Pure (no Qt, no database). Two halves:

- **Input** (`tekst_fouten`): every text field of a form has a maximum length (the length of its
  database column, or `MAX_VRIJE_TEKST` for free text) and accepts no control characters: no NUL,
  no C0/C1 control codes, no bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069,
  "Trojan Source" — they make a name read backwards), no lone surrogates or non-characters.
  A multi-line field (notes, hulpvraag, motivering…) may hold newlines and tabs; a one-line field
  (names, school, phone) may not. The message is Dutch and names the field.
- **Output** (`schoon`): whatever is already in a store (written by an older version, an import,
  or past the services) is cleaned before it goes into a file: forbidden characters become
  U+FFFD "�" (so it is visible that something was there), and text can be cut to a length with "…".

The field lists per form (`AANMELDING_VELDEN`, …) carry the same lengths as the columns in
storage/models.py; tests/domain/test_tekst.py checks that they agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jet_desktop.domain.errors import FieldError
from jet_desktop.notatie import getal

# Free text (notes, hulpvraag, motivering, plan): the columns have no length; about 8 printed pages.
MAX_VRIJE_TEKST = 20_000

VERVANGING = "\ufffd"  # "�": shown where a forbidden character was
AFGEKAPT = "…"

_BIDI = "\u202a-\u202e\u2066-\u2069"
_ONZICHTBAAR_REGELEINDE = "\u2028\u2029"  # line/paragraph separator: a line break in disguise
_NIET_TEKEN = "\ufffe\uffff"
_SURROGAAT = "\ud800-\udfff"
# forbidden everywhere: C0 except tab/LF/CR, DEL, C1, bidi controls, non-characters, lone surrogates
_VERBODEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_NIET_TEKEN}{_SURROGAAT}]")
# forbidden in a one-line field besides: tab, LF, CR, and the Unicode line/paragraph separators
_VERBODEN_EENREGELIG = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_ONZICHTBAAR_REGELEINDE}{_NIET_TEKEN}{_SURROGAAT}]")


@dataclass(frozen=True)
class Veld:
    """A text field of a form: attribute name, Dutch label, maximum length, multi-line or not."""

    naam: str
    label: str
    max_lengte: int
    meerregelig: bool = False


def _teken_naam(ch: str) -> str:
    if ch == "\x00":
        return "een nul-teken (NUL)"
    if ch in "\t":
        return "een tab"
    if ch in "\n\r\u2028\u2029":
        return "een regeleinde"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return f"een teken dat de schrijfrichting omdraait (U+{ord(ch):04X})"
    return f"een stuurteken (U+{ord(ch):04X})"


def tekst_fout(veld: Veld, waarde: str | None, label: str | None = None) -> FieldError | None:
    """The error of one value (None when it is fine). `label` overrides the field's label
    (e.g. "Ouder/verzorger 2: naam")."""
    if not waarde:
        return None
    naam = label or veld.label
    if not isinstance(waarde, str):
        return FieldError(veld.naam, f"{naam}: moet tekst zijn.")
    patroon = _VERBODEN if veld.meerregelig else _VERBODEN_EENREGELIG
    if m := patroon.search(waarde):
        return FieldError(veld.naam, f"{naam}: bevat {_teken_naam(m.group())} op positie {m.start() + 1}; "
                                     "haal dat teken weg.")
    lengte = len(waarde.strip())
    if lengte > veld.max_lengte:
        return FieldError(veld.naam, f"{naam}: te lang ({getal(lengte)} tekens; maximaal {getal(veld.max_lengte)}).")
    return None


def tekst_fouten(invoer, velden: Iterable[Veld], label_voor: str = "", al: Iterable[FieldError] = (),
                 als_veld: str | None = None) -> list[FieldError]:
    """The errors of every field of `velden` on `invoer` (an object with those attributes, or a dict).
    `label_voor`: put before each label, e.g. "Ouder/verzorger 2" gives "Ouder/verzorger 2: naam".
    `al`: errors found already; a field among them gets no second message.
    `als_veld`: report every error under this field name (e.g. "ouders": one place in the form)."""
    fouten = []
    bekend = {f.field for f in al}
    for veld in velden:
        if veld.naam in bekend:
            continue
        waarde = invoer.get(veld.naam) if isinstance(invoer, dict) else getattr(invoer, veld.naam, None)
        label = f"{label_voor}: {veld.label.lower()}" if label_voor else None
        if (f := tekst_fout(veld, waarde, label)) is not None:
            fouten.append(FieldError(als_veld, f.message) if als_veld else f)
    return fouten


def schoon(tekst: str, max_lengte: int | None = None, meerregelig: bool = True) -> str:
    """`tekst` without forbidden characters (each replaced by "�"), for a file: XLSX refuses most
    control characters, PDF shows them as boxes, bidi overrides turn text around. With
    `max_lengte`, longer text is cut and ends in "…" (the result is at most `max_lengte` long).
    `meerregelig=False` also turns tab and line breaks into spaces."""
    if not meerregelig:
        tekst = re.sub(f"[\t\n\r{_ONZICHTBAAR_REGELEINDE}]", " ", tekst)
    tekst = _VERBODEN.sub(VERVANGING, tekst)
    if max_lengte is not None and len(tekst) > max_lengte:
        tekst = tekst[: max(max_lengte - 1, 0)].rstrip() + AFGEKAPT
    return tekst


def heeft_verboden_teken(tekst: str) -> bool:
    return bool(_VERBODEN.search(tekst))


# --- the fields of each form (lengths as the columns of storage/models.py) -------------------

AANMELDING_VELDEN = (
    Veld("voornaam", "Voornaam", 120),
    Veld("tussenvoegsel", "Tussenvoegsel", 30),
    Veld("achternaam", "Achternaam", 160),
    Veld("adres", "Adres", 200),
    Veld("postcode", "Postcode", 10),
    Veld("woonplaats", "Woonplaats", 120),
    Veld("wijk", "Wijk", 120),
    Veld("school", "School", 200),
    Veld("verwijzer_organisatie", "Verwijzer: organisatie", 200),
    Veld("verwijzer_contactpersoon", "Verwijzer: contactpersoon", 160),
    Veld("hulpvraag", "Hulpvraag", MAX_VRIJE_TEKST, meerregelig=True),
    Veld("veiligheidssignalen", "Veiligheidssignalen", MAX_VRIJE_TEKST, meerregelig=True),
    Veld("steunfiguur_naam", "Steunfiguur: naam", 160),
    Veld("steunfiguur_relatie", "Steunfiguur: relatie", 80),
)
OUDER_VELDEN = (
    Veld("naam", "Naam", 160),
    Veld("relatie", "Relatie", 40),
    Veld("telefoon", "Telefoon", 40),
)
BESLUIT_VELDEN = (
    Veld("motivering", "Motivering", MAX_VRIJE_TEKST, meerregelig=True),
    Veld("organisatie", "Organisatie", 200),
)
PLAN_VELDEN = tuple(Veld(naam, label, MAX_VRIJE_TEKST, meerregelig=True) for naam, label in (
    ("va_kind", "Kind"), ("va_ouders", "Ouders"), ("va_school", "School"), ("va_netwerk", "Netwerk"),
    ("va_bestaanszekerheid", "Bestaanszekerheid"), ("doelen", "Doelen")))
TOEWIJZING_VELDEN = (
    Veld("product", "Product/profiel", 200),
    Veld("dvo_motivering", "Motivering DVO", MAX_VRIJE_TEKST, meerregelig=True),
)
CONTACTMOMENT_VELDEN = (Veld("notitie", "Notitie", MAX_VRIJE_TEKST, meerregelig=True),)
TOELICHTING_VELDEN = (Veld("toelichting", "Toelichting", MAX_VRIJE_TEKST, meerregelig=True),)
AFWEZIGHEID_VELDEN = (Veld("reden", "Reden", 200),)
MEDEWERKER_VELDEN = (Veld("naam", "Naam", 120),)
INSTELLING_VELDEN = (
    Veld("organisatie_naam", "Organisatie", 200),
    Veld("team_naam", "Team", 200),
)
