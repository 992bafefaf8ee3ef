"""The team's settings, each declared once: key, default, Dutch label, unit, range or choices, explanation.

This registry drives the defaults and the validation (services/settings.py) and the Instellingen dialog
(ui/dialogs/instellingen_dialog.py builds its rows from it: label, unit as suffix, range, tooltip).
`Instellingen` gives them typed: `instellingen(store).caseload_norm_per_fte` is a float.

A new setting is one more `Instelling(...)` line in the class below; nothing else has to list it.
Stored values keep their JSON form (table `instelling`, one row per key), so no migration is needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar, overload

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.errors import FieldError
from jet_desktop.domain.tekst import Veld, tekst_fouten
from jet_desktop.domain.wachttijd import WachttijdNormen

T = TypeVar("T")


class Instelling(Generic[T]):
    """One setting. `soort` is its Python type: int, float, str or dict (a dict has `delen`, one
    Instelling per part, e.g. a norm per urgency). A str with `keuzes` is a choice (value -> label)."""

    def __init__(self, soort: type[T], standaard: T | None, label: str, uitleg: str, *, eenheid: str = "",
                 minimum: float | None = None, maximum: float | None = None, decimalen: int = 0,
                 keuzes: Mapping[str, str] | None = None, max_lengte: int | None = None,
                 delen: tuple[Instelling, ...] = (), oplopend: bool = False, sleutel: str = "", veld: str = ""):
        self.soort = soort
        self.label = label
        self.uitleg = uitleg
        self.eenheid = eenheid
        self.minimum = minimum
        self.maximum = maximum
        self.decimalen = decimalen
        self.keuzes = dict(keuzes) if keuzes else None
        self.max_lengte = max_lengte
        self.delen = delen
        self.oplopend = oplopend  # the parts' values may not go down, in their order (spoed ≤ hoog ≤ normaal)
        self.standaard = {d.sleutel: d.standaard for d in delen} if delen else standaard
        self.sleutel = sleutel
        self._veld = veld

    def __set_name__(self, owner, name: str) -> None:
        self.sleutel = name

    @property
    def veld(self) -> str:
        """The field name errors carry (and the dialog's row): the key, or a part's own name."""
        return self._veld or self.sleutel

    @overload
    def __get__(self, obj: None, owner: Any = None) -> Instelling[T]: ...

    @overload
    def __get__(self, obj: Instellingen, owner: Any = None) -> T: ...

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        waarde = obj._waarden[self.sleutel]
        return dict(waarde) if isinstance(waarde, dict) else waarde

    def __repr__(self) -> str:
        return f"Instelling({self.sleutel!r})"

    # -- reading a stored value ------------------------------------------------------------------

    def lees(self, ruw: Any) -> T:
        """A stored (JSON) value as this setting's type; the default when it is missing or of the wrong
        kind. Ranges are not checked here: the service refuses out-of-range values when they are saved."""
        if self.delen:
            ruw = ruw if isinstance(ruw, dict) else {}
            return {d.sleutel: d.lees(ruw.get(d.sleutel)) for d in self.delen}  # type: ignore[return-value]
        standaard = self.standaard
        if self.soort is int:
            ok = _is_getal(ruw) and float(ruw).is_integer()
            return int(ruw) if ok else standaard  # type: ignore[return-value]
        if self.soort is float:
            return float(ruw) if _is_getal(ruw) else float(standaard)  # type: ignore[return-value, arg-type]
        if not isinstance(ruw, str) or (self.keuzes and ruw not in self.keuzes):
            return standaard  # type: ignore[return-value]
        return ruw  # type: ignore[return-value]

    # -- validation ------------------------------------------------------------------------------

    def fouten(self, waarde: Any) -> list[FieldError]:
        """Why `waarde` cannot be saved, each message naming this setting's label (empty: it can)."""
        if self.delen:
            return self._fouten_delen(waarde)
        if self.soort in (int, float):
            geheel = self.soort is int
            ok = _is_getal(waarde) and (not geheel or float(waarde).is_integer())
            if ok and self.minimum <= waarde <= self.maximum:
                return []
            soort = "een geheel getal" if geheel else "een getal"
            eenheid = f" {self.eenheid}" if self.eenheid else ""
            return [FieldError(self.veld, f"{self.label}: vul {soort} in van {_getal(self.minimum)} tot en met "
                                          f"{_getal(self.maximum)}{eenheid}.")]
        if self.keuzes is not None:
            if isinstance(waarde, str) and waarde in self.keuzes:
                return []
            keuzes = " of ".join(f"„{label}”" for label in self.keuzes.values())
            return [FieldError(self.veld, f"{self.label}: kies {keuzes}.")]
        if not isinstance(waarde, str) or not waarde.strip():
            return [FieldError(self.veld, f"{self.label}: vul dit in. {self.uitleg}")]
        return tekst_fouten({self.veld: waarde}, [Veld(self.veld, self.label, self.max_lengte or 200)])

    def _fouten_delen(self, waarde: Any) -> list[FieldError]:
        namen = ", ".join(d.sleutel for d in self.delen)
        if not isinstance(waarde, dict) or set(waarde) - {d.sleutel for d in self.delen}:
            return [FieldError(self.veld, f"{self.label}: geef een waarde voor {namen} (en niets anders).")]
        fouten = [f for d in self.delen for f in d.fouten(waarde.get(d.sleutel))]
        if not fouten and self.oplopend:
            reeks = [waarde[d.sleutel] for d in self.delen]
            if reeks != sorted(reeks):
                fouten.append(FieldError(self.delen[-1].veld, f"{self.label}: {' ≤ '.join(d.sleutel for d in self.delen)}"
                                                              f" (in {self.eenheid})."))
        return fouten


def _is_getal(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v  # NaN is not a number here


def _getal(v: float | None) -> str:
    return f"{v:g}".replace(".", ",")


def _startnorm(u: Urgentie, standaard: int) -> Instelling[int]:
    return Instelling(int, standaard, f"Startnorm {u.label.lower()}",
                      f"Binnen zoveel dagen na de aanmelding hoort een {u.label.lower()} aanmelding een consulent "
                      "te hebben; daarna staat ze op de wachtlijst als overschreden.",
                      eenheid="dagen", minimum=1, maximum=365, sleutel=u.value, veld=f"norm_start_{u.value}")


class Instellingen:
    """The team's settings with their current values, typed (built by services.settings.instellingen).

    The class attributes below are the registry, in the order the Instellingen dialog shows them."""

    organisatie_naam = Instelling(
        str, "Gemeente Leeuwarden", "Organisatie", "De naam van de organisatie staat boven elk afgedrukt rapport.",
        max_lengte=200)
    team_naam = Instelling(
        str, "Jeugdexpertteam", "Team", "De naam van het team staat boven elk afgedrukt rapport.", max_lengte=200)
    rapport_naamweergave = Instelling(
        str, "initialen", "Namen op afgedrukte lijsten",
        "Hoe jeugdigen op afgedrukte wachtlijsten en caseloadoverzichten staan.",
        keuzes={"initialen": "Initialen (bijv. J.d.V.)", "namen": "Volledige namen"})
    publicatie_drempel = Instelling(
        int, 5, "Drempel voor publicatie",
        "Aantallen kleiner dan dit getal worden in publicatie-exports onderdrukt (getoond als „<5”).",
        minimum=1, maximum=100)
    backups_bewaren = Instelling(
        int, 14, "Reservekopieën bewaren",
        "Bij de eerste start van de dag wordt een reservekopie gemaakt; zoveel blijven bewaard.",
        eenheid="dagen", minimum=1, maximum=365)
    bewaartermijn_jaren = Instelling(
        int, 20, "Bewaartermijn dossiers",
        "Jeugdwet art. 7.3.9: 20 jaar na de laatste wijziging (15 jaar vóór 2020). "
        "Controleer de actuele tekst op wetten.overheid.nl.",
        eenheid="jaar", minimum=15, maximum=115)
    caseload_norm_per_fte = Instelling(
        float, 16.0, "Caseloadnorm",
        "Zoveel lopende dossiers hoort een consulent met een volledige werkweek (1 FTE) te hebben.",
        eenheid="dossiers per FTE", minimum=1, maximum=100, decimalen=1)
    norm_triage_werkdagen = Instelling(
        int, 5, "Triagenorm", "Binnen zoveel werkdagen na de aanmelding hoort het triagebesluit te vallen.",
        eenheid="werkdagen", minimum=1, maximum=60)
    norm_start_dagen = Instelling(
        dict, None, "Startnormen", "De termijn per urgentie waarbinnen een aanmelding een consulent hoort te hebben.",
        eenheid="dagen", oplopend=True,
        delen=(_startnorm(Urgentie.SPOED, 3), _startnorm(Urgentie.HOOG, 14), _startnorm(Urgentie.NORMAAL, 28)))

    def __init__(self, opgeslagen: Mapping[str, Any] | None = None):
        """`opgeslagen`: the stored values by key (decoded JSON); a missing or unreadable one is its default."""
        opgeslagen = opgeslagen or {}
        self._waarden = {i.sleutel: i.lees(opgeslagen.get(i.sleutel)) for i in REGISTER}

    def als_dict(self) -> dict[str, Any]:
        return {i.sleutel: getattr(self, i.sleutel) for i in REGISTER}

    @property
    def normen(self) -> WachttijdNormen:
        start = self.norm_start_dagen
        return WachttijdNormen(triage_werkdagen=self.norm_triage_werkdagen,
                               start_dagen={u: int(start[u.value]) for u in Urgentie})

    def __repr__(self) -> str:  # settings hold no personal data
        return f"Instellingen({self._waarden!r})"


REGISTER: tuple[Instelling, ...] = tuple(v for v in vars(Instellingen).values() if isinstance(v, Instelling))
PER_SLEUTEL: dict[str, Instelling] = {i.sleutel: i for i in REGISTER}
STANDAARDEN: dict[str, Any] = {i.sleutel: i.standaard for i in REGISTER}


def fouten(waarden: Mapping[str, Any]) -> list[FieldError]:
    """Check settings a functioneel beheerder saves together; one FieldError per field, naming its label.
    Unknown keys are refused as a whole (the keys go into the audit line: only known ones may)."""
    errors: list[FieldError] = []
    if onbekend := [k for k in waarden if k not in PER_SLEUTEL]:
        errors.append(FieldError("instellingen", f"Onbekende instelling ({len(onbekend)}): kies uit de instellingen."))
    for sleutel, waarde in waarden.items():
        if sleutel in PER_SLEUTEL:
            errors += PER_SLEUTEL[sleutel].fouten(waarde)
    return errors
