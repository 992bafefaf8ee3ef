"""Monitor toegang: the definitions (domain.md "Monitor toegang"), pure, no database.

The figures per toegangsvorm for a period [van, tot] (both days inclusive):

- a traject is *afgesloten in the period* when its einddatum lies in [van, tot];
  `afgesloten_trajecten` counts those trajects;
- the outcome counts (`zelf_geholpen`, `voorliggend_veld`, `specialistische_jeugdhulp`,
  `via_jeugdexpertteam`, `gestopt`) are DISTINCT jeugdigen (client_id) over the afgesloten trajects
  with that uitkomst: a youth with two such trajects counts once;
- `lopend`: distinct jeugdigen with a traject started on or before `tot` and no einddatum or an
  einddatum after `tot`;
- `jeugdigen_gezien`: distinct jeugdigen with a traject overlapping [van, tot]
  (startdatum <= tot and (no einddatum or einddatum >= van));
- `gesprekken`: the sum of gesprekken of the afgesloten trajects;
- percentages over TRAJECTS (not youths), one decimal, rounded half up, `None` without a
  denominator: `pct_zelf_geholpen`, `pct_voorliggend_veld`, `pct_doorverwezen_jeugdhulp`
  (specialistische jeugdhulp + via jeugdexpertteam) over the afgesloten trajects; the three
  `pct_eigen_*` over the afgesloten trajects with uitkomst zelf geholpen: <= 2 gesprekken,
  <= 5 gesprekken, einddatum - startdatum <= 70 days.

JET's own trajects (the Jeugdexpertteam column) are derived from its aanmeldingen; the choices
that domain.md leaves open are made here (and in docs/monitor.md):

- the traject is the (non-deleted) aanmelding; client_id = the jeugdige's id (so two aanmeldingen
  of one youth are two trajects of one client); startdatum = aanmelddatum;
- einddatum = the dossier's afgesloten_op when there is a dossier (NULL while it is open); without
  a dossier, the besloten_op of the decision in force when that decision hands the case over
  (voorliggend veld, veiligheid, ander domein, geen hulp); otherwise NULL: the traject runs
  (awaiting triage, or on the wachtlijst);
- gesprekken = the number of non-deleted contactmomenten of the dossier (0 without a dossier);
- uitkomst, first rule that applies (see `jet_uitkomst`):
  1. the dossier has a (non-deleted) toewijzing -> specialistische jeugdhulp;
  2. the decision in force hands the case over: voorliggend veld -> voorliggend veld;
     veiligheid -> specialistische jeugdhulp (Veilig Thuis / GI / Raad: a referral to heavier help);
     ander domein -> gestopt (the case leaves the Jeugdwet); geen hulp / ingetrokken -> gestopt;
  3. a closed dossier by its afsluitreden: doorverwezen naar voorliggend veld -> voorliggend veld;
     overgedragen aan jeugdhulp -> specialistische jeugdhulp; gestopt op verzoek gezin and verhuisd
     -> gestopt; doelen bereikt and anders -> zelf geholpen. So a decision "specialistische
     jeugdhulp" whose dossier closed without any toewijzing and with "doelen bereikt" counts as
     zelf geholpen: JET did the work itself.
- imported rows of toegangsvorm Jeugdexpertteam (if a file has them) are ADDED to JET's own
  trajects (their client_ids are pseudonyms, so they never collide with JET's jeugdige ids).

Small-number suppression for publication (`onderdruk`): every count 1 .. drempel-1 becomes the
marker "<drempel" (e.g. "<5"); 0 stays 0 (an empty cell discloses nothing about a person).
A percentage becomes None when its numerator or its denominator (the underlying traject counts,
see `MonitorRij`) is 1 .. drempel-1, because the count could then be recomputed from it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from jet_desktop.domain.enums import Afsluitreden, Toegangsvorm, TrajectUitkomst, TriageUitkomst
from jet_desktop.domain.publicatie import is_klein, marker

# the keys of one row of the JSON export, in the order of domain.md
COUNT_KEYS = (
    "afgesloten_trajecten", "jeugdigen_gezien", "zelf_geholpen", "voorliggend_veld",
    "specialistische_jeugdhulp", "via_jeugdexpertteam", "gestopt", "lopend", "gesprekken",
)
PCT_KEYS = (
    "pct_zelf_geholpen", "pct_voorliggend_veld", "pct_doorverwezen_jeugdhulp",
    "pct_eigen_binnen_2_gesprekken", "pct_eigen_binnen_5_gesprekken", "pct_eigen_binnen_10_weken",
)
ROW_KEYS = ("toegangsvorm",) + COUNT_KEYS + PCT_KEYS

# Dutch labels of the figures (table, PDF, XLSX)
LABELS = {
    "afgesloten_trajecten": "Afgesloten trajecten",
    "jeugdigen_gezien": "Jeugdigen gezien",
    "zelf_geholpen": "Zelf geholpen (jeugdigen)",
    "voorliggend_veld": "Naar voorliggend veld (jeugdigen)",
    "specialistische_jeugdhulp": "Naar specialistische jeugdhulp (jeugdigen)",
    "via_jeugdexpertteam": "Via Jeugdexpertteam (jeugdigen)",
    "gestopt": "Gestopt (jeugdigen)",
    "lopend": "Lopend op einddatum periode (jeugdigen)",
    "gesprekken": "Gesprekken (afgesloten trajecten)",
    "pct_zelf_geholpen": "% zelf geholpen",
    "pct_voorliggend_veld": "% naar voorliggend veld",
    "pct_doorverwezen_jeugdhulp": "% doorverwezen naar jeugdhulp",
    "pct_eigen_binnen_2_gesprekken": "% eigen trajecten binnen 2 gesprekken",
    "pct_eigen_binnen_5_gesprekken": "% eigen trajecten binnen 5 gesprekken",
    "pct_eigen_binnen_10_weken": "% eigen trajecten binnen 10 weken",
}

# the definitions in one paragraph each (PDF footnote, docs)
DEFINITIES = (
    "Periode: van en tot beide inbegrepen. Een traject is afgesloten in de periode als de einddatum in de "
    "periode ligt.",
    "Uitkomsten (zelf geholpen, voorliggend veld, specialistische jeugdhulp, via Jeugdexpertteam, gestopt) "
    "tellen unieke jeugdigen over de afgesloten trajecten; een jeugdige met twee trajecten met dezelfde "
    "uitkomst telt één keer.",
    "Jeugdigen gezien: unieke jeugdigen met een traject dat de periode overlapt. Lopend: unieke jeugdigen "
    "met een traject gestart op of vóór de einddatum van de periode en zonder einddatum (of een latere).",
    "Gesprekken: som van de gesprekken van de afgesloten trajecten.",
    "Percentages (één decimaal) zijn over afgesloten trajecten; doorverwezen naar jeugdhulp = "
    "specialistische jeugdhulp + via Jeugdexpertteam. 'Eigen' = afgesloten trajecten met uitkomst zelf "
    "geholpen: binnen 2 of 5 gesprekken, of binnen 10 weken (einddatum min startdatum hoogstens 70 dagen). "
    "Geen noemer: geen percentage.",
    "Jeugdexpertteam: elke aanmelding is een traject (start = aanmelddatum, einde = afsluiting dossier of "
    "datum van het overdragende triagebesluit; gesprekken = contactmomenten); zie docs/monitor.md.",
)

DAGEN_10_WEKEN = 70
HANDOVER_BESLUITEN = (
    TriageUitkomst.VOORLIGGEND_VELD.value, TriageUitkomst.VEILIGHEID.value,
    TriageUitkomst.ANDER_DOMEIN.value, TriageUitkomst.GEEN_HULP.value,
)
# decision in force that hands the case over -> traject uitkomst
BESLUIT_UITKOMST = {
    TriageUitkomst.VOORLIGGEND_VELD.value: TrajectUitkomst.VOORLIGGEND_VELD.value,
    TriageUitkomst.VEILIGHEID.value: TrajectUitkomst.SPECIALISTISCH.value,
    TriageUitkomst.ANDER_DOMEIN.value: TrajectUitkomst.GESTOPT.value,
    TriageUitkomst.GEEN_HULP.value: TrajectUitkomst.GESTOPT.value,
}
# closed dossier without toewijzing and without a handover decision: afsluitreden -> uitkomst
AFSLUITREDEN_UITKOMST = {
    Afsluitreden.VOORLIGGEND.value: TrajectUitkomst.VOORLIGGEND_VELD.value,
    Afsluitreden.OVERGEDRAGEN.value: TrajectUitkomst.SPECIALISTISCH.value,
    Afsluitreden.GESTOPT.value: TrajectUitkomst.GESTOPT.value,
    Afsluitreden.VERHUISD.value: TrajectUitkomst.GESTOPT.value,
}
AFSLUITREDEN_ANDERS_UITKOMST = TrajectUitkomst.ZELF_GEHOLPEN.value  # doelen bereikt, anders, empty


def jet_einddatum(besluit_uitkomst: str | None, besloten_op: date | None, heeft_dossier: bool,
                  afgesloten_op: date | None) -> date | None:
    """Einddatum of a JET traject (an aanmelding): see the module docstring."""
    if heeft_dossier:
        return afgesloten_op
    if besluit_uitkomst in HANDOVER_BESLUITEN:
        return besloten_op
    return None


def jet_uitkomst(besluit_uitkomst: str | None, heeft_dossier: bool, afgesloten_op: date | None,
                 afsluitreden: str = "", heeft_toewijzing: bool = False) -> str | None:
    """TrajectUitkomst value of an ended JET traject; None while it runs."""
    if (afgesloten_op is None) if heeft_dossier else (besluit_uitkomst not in HANDOVER_BESLUITEN):
        return None  # running: open dossier, awaiting triage or on the wachtlijst
    if heeft_toewijzing:
        return TrajectUitkomst.SPECIALISTISCH.value
    if besluit_uitkomst in BESLUIT_UITKOMST:
        return BESLUIT_UITKOMST[besluit_uitkomst]
    return AFSLUITREDEN_UITKOMST.get(afsluitreden or "", AFSLUITREDEN_ANDERS_UITKOMST)


def percentage(teller: int, noemer: int) -> float | None:
    """100 * teller / noemer with one decimal, rounded half up; None when noemer is 0."""
    if not noemer:
        return None
    value = (Decimal(teller) * 100 / Decimal(noemer)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(value)


@dataclass(frozen=True)
class MonitorRij:
    """The counts of one toegangsvorm for a period, as aggregated in SQL.

    Besides the figures of the export it holds the traject counts the percentages are made of
    (`trajecten_*`, `eigen_*`): the outcome figures count distinct jeugdigen, the percentages
    count trajects.
    """

    toegangsvorm: str  # domain.enums.Toegangsvorm value
    afgesloten_trajecten: int = 0
    jeugdigen_gezien: int = 0
    zelf_geholpen: int = 0
    voorliggend_veld: int = 0
    specialistische_jeugdhulp: int = 0
    via_jeugdexpertteam: int = 0
    gestopt: int = 0
    lopend: int = 0
    gesprekken: int = 0
    trajecten_zelf_geholpen: int = 0
    trajecten_voorliggend_veld: int = 0
    trajecten_doorverwezen: int = 0  # specialistische jeugdhulp + via jeugdexpertteam
    eigen_binnen_2_gesprekken: int = 0
    eigen_binnen_5_gesprekken: int = 0
    eigen_binnen_10_weken: int = 0

    @property
    def label(self) -> str:
        return Toegangsvorm(self.toegangsvorm).label

    def breuken(self) -> dict[str, tuple[int, int]]:
        """Percentage key -> (numerator, denominator), both traject counts."""
        n, eigen = self.afgesloten_trajecten, self.trajecten_zelf_geholpen
        return {
            "pct_zelf_geholpen": (eigen, n),
            "pct_voorliggend_veld": (self.trajecten_voorliggend_veld, n),
            "pct_doorverwezen_jeugdhulp": (self.trajecten_doorverwezen, n),
            "pct_eigen_binnen_2_gesprekken": (self.eigen_binnen_2_gesprekken, eigen),
            "pct_eigen_binnen_5_gesprekken": (self.eigen_binnen_5_gesprekken, eigen),
            "pct_eigen_binnen_10_weken": (self.eigen_binnen_10_weken, eigen),
        }

    def as_dict(self) -> dict:
        """The row of the JSON export: keys in ROW_KEYS order, toegangsvorm as its label."""
        out: dict = {"toegangsvorm": self.label}
        for key in COUNT_KEYS:
            out[key] = int(getattr(self, key))
        for key, (teller, noemer) in self.breuken().items():
            out[key] = percentage(teller, noemer)
        return out


MONITOR_FIELDS = tuple(f.name for f in fields(MonitorRij))


UITKOMST_KEYS = ("zelf_geholpen", "voorliggend_veld", "specialistische_jeugdhulp", "via_jeugdexpertteam", "gestopt")


def onderdruk(rij: MonitorRij, drempel: int) -> dict:
    """The export row with small numbers suppressed for publication (see the module docstring).

    Counts 1..drempel-1 become "<drempel". When exactly one outcome count is hidden, the smallest
    other non-zero outcome goes too, or the hidden one could be worked out from the others. A
    percentage becomes None when its numerator, its denominator or their difference is
    1..drempel-1 (the difference: "83 % of 6" tells that one traject was not).
    """
    out = rij.as_dict()
    for key in COUNT_KEYS:
        if is_klein(out[key], drempel):
            out[key] = marker(drempel)
    verborgen = [k for k in UITKOMST_KEYS if out[k] == marker(drempel)]
    zichtbaar = [k for k in UITKOMST_KEYS if out[k] != marker(drempel) and out[k]]
    if len(verborgen) == 1 and zichtbaar:
        out[min(zichtbaar, key=lambda k: (out[k], UITKOMST_KEYS.index(k)))] = marker(drempel)
    for key, (teller, noemer) in rij.breuken().items():
        if is_klein(teller, drempel) or is_klein(noemer, drempel) or is_klein(noemer - teller, drempel):
            out[key] = None
    return out


def lege_rij(toegangsvorm: Toegangsvorm) -> MonitorRij:
    return MonitorRij(toegangsvorm.value)

