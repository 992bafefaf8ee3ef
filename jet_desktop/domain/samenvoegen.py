"""Merging two edits of one record: per field three versions — the value both started from (`basis`),
the colleague's value as stored now (`van_ander`) and the user's value (`van_mij`).

Plain data, no Qt: the merge screen (ui/samenvoegen.py) shows a list of `VeldVersies`; a refused stale
save builds it from three dicts (the record as the form loaded it, as stored now, as the user typed it),
and a later offline sync can build it the same way from its own three versions.

A field only one side changed takes that side without a question (and is still shown); a field both
changed, differently, is a conflict: the user takes the colleague's value, their own, or a merged text
(`Samenvoeging.kies`). The result is complete only when every conflict has a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum


class Soort(Enum):
    ONGEWIJZIGD = "ongewijzigd"  # nobody changed it
    ALLEEN_ANDER = "alleen_ander"  # only the colleague changed it: the colleague's value is taken
    ALLEEN_IK = "alleen_ik"  # only the user changed it: the user's value is taken
    BEIDE_GELIJK = "beide_gelijk"  # both changed it, to the same value: nothing to choose
    CONFLICT = "conflict"  # both changed it, differently: the user decides


class Keuze(Enum):
    ANDER = "ander"  # the colleague's value
    MIJN = "mijn"  # the user's own value
    EIGEN = "eigen"  # a merged text the user wrote


@dataclass(frozen=True)
class VeldVersies:
    """One field in three versions. Values are plain (str, int, None, a code, an id).

    `lang`: a long text, shown and merged in a multi-line editor. `kiesbaar` False: the form does not hold
    this field (e.g. the dossier's tweede persoon seen from a klikgesprek): the colleague's change is shown
    and kept, there is nothing to choose, so the user's value must equal the base. `weergave`: how values
    read, as (value, text) pairs (a code list, a name for an id); other values read as str(value).
    """

    veld: str
    label: str
    basis: object
    van_ander: object
    van_mij: object
    lang: bool = False
    kiesbaar: bool = True
    weergave: tuple[tuple[object, str], ...] = ()

    def __post_init__(self):
        if not self.kiesbaar and self.van_mij != self.basis:
            raise ValueError(f"{self.veld}: a field outside the form cannot hold a value of the user's own")

    @property
    def ander_gewijzigd(self) -> bool:
        return self.van_ander != self.basis

    @property
    def ik_gewijzigd(self) -> bool:
        return self.van_mij != self.basis

    @property
    def soort(self) -> Soort:
        if not self.ander_gewijzigd:
            return Soort.ALLEEN_IK if self.ik_gewijzigd else Soort.ONGEWIJZIGD
        if not self.ik_gewijzigd:
            return Soort.ALLEEN_ANDER
        return Soort.BEIDE_GELIJK if self.van_ander == self.van_mij else Soort.CONFLICT

    @property
    def verschilt(self) -> bool:
        """Somebody changed it."""
        return self.soort is not Soort.ONGEWIJZIGD

    @property
    def is_conflict(self) -> bool:
        return self.soort is Soort.CONFLICT

    @property
    def eenzijdig(self) -> bool:
        return self.soort in (Soort.ALLEEN_ANDER, Soort.ALLEEN_IK)

    @property
    def te_tonen(self) -> bool:
        """The merge screen shows it: the two versions differ (a conflict or a one-sided change)."""
        return self.van_ander != self.van_mij

    @property
    def bewerkbaar(self) -> bool:
        """A merged text can be typed: a text field in the form, not a choice from a list."""
        return self.kiesbaar and not self.weergave and all(
            isinstance(w, str) for w in (self.basis, self.van_ander, self.van_mij))

    @property
    def automatische_keuze(self) -> Keuze | None:
        """The side taken without a question; None for a conflict."""
        if self.is_conflict:
            return None
        return Keuze.ANDER if self.soort is Soort.ALLEEN_ANDER else Keuze.MIJN

    def waarde_van(self, keuze: Keuze) -> object:
        if keuze is Keuze.ANDER:
            return self.van_ander
        if keuze is Keuze.MIJN:
            return self.van_mij
        raise ValueError("a merged text has no side to take it from")

    def tekst(self, waarde: object) -> str:
        """How a value reads on screen ('' for empty)."""
        for w, t in self.weergave:
            if w == waarde:
                return t
        return "" if waarde is None else str(waarde)


def versies_uit(basis: Mapping[str, object], ander: Mapping[str, object], mij: Mapping[str, object],
                labels: Mapping[str, str] | Iterable[tuple[str, str]], lang: Iterable[str] = (),
                weergave: Mapping[str, Iterable[tuple[object, str]]] | None = None) -> list[VeldVersies]:
    """One VeldVersies per field of `labels`, in that order. `basis`: the record as it was loaded;
    `ander`: as stored now; `mij`: as the user left it. A field missing from `ander` (or `mij`) is one
    that side did not change: its base value is taken."""
    lang = set(lang)
    weergave = weergave or {}
    paren = labels.items() if isinstance(labels, Mapping) else labels
    out = []
    for veld, label in paren:
        b = basis.get(veld)
        out.append(VeldVersies(veld, label, b, ander.get(veld, b), mij.get(veld, b), lang=veld in lang,
                               weergave=tuple(weergave.get(veld, ()))))
    return out


def verschillend(versies: Iterable[VeldVersies]) -> list[VeldVersies]:
    """The fields somebody changed."""
    return [v for v in versies if v.verschilt]


def conflicten(versies: Iterable[VeldVersies]) -> list[VeldVersies]:
    """The fields both changed, differently: these need a decision."""
    return [v for v in versies if v.is_conflict]


def eenzijdig(versies: Iterable[VeldVersies]) -> list[VeldVersies]:
    """The fields only one side changed: that side is taken, and shown."""
    return [v for v in versies if v.eenzijdig]


def te_tonen(versies: Iterable[VeldVersies]) -> list[VeldVersies]:
    """What the merge screen lists: every field where the colleague's and the user's version differ."""
    return [v for v in versies if v.te_tonen]


@dataclass(frozen=True)
class Besluit:
    keuze: Keuze
    waarde: object


class NietCompleet(ValueError):
    """A result was asked for while a conflict still has no decision."""


@dataclass(frozen=True)
class Samenvoeging:
    """The user's decisions over a list of VeldVersies (immutable: `kies` returns a new one)."""

    versies: tuple[VeldVersies, ...]
    besluiten: tuple[tuple[str, Besluit], ...] = ()

    @classmethod
    def van(cls, versies: Iterable[VeldVersies]) -> Samenvoeging:
        versies = tuple(versies)
        namen = [v.veld for v in versies]
        if len(set(namen)) != len(namen):
            raise ValueError("each field once")
        return cls(versies)

    def versie(self, veld: str) -> VeldVersies:
        for v in self.versies:
            if v.veld == veld:
                return v
        raise KeyError(veld)

    def besluit(self, veld: str) -> Besluit | None:
        return dict(self.besluiten).get(veld)

    def kies(self, veld: str, keuze: Keuze, waarde: object = None) -> Samenvoeging:
        """Take the colleague's value (ANDER), the user's (MIJN) or a merged text `waarde` (EIGEN)."""
        v = self.versie(veld)
        if not v.kiesbaar:
            raise ValueError(f"{veld}: not in the form, nothing to choose")
        if keuze is Keuze.EIGEN:
            if not v.bewerkbaar:
                raise ValueError(f"{veld}: a choice from a list, no merged text")
            besluit = Besluit(keuze, waarde)
        else:
            besluit = Besluit(keuze, v.waarde_van(keuze))
        return Samenvoeging(self.versies, (*((n, b) for n, b in self.besluiten if n != veld), (veld, besluit)))

    def keuze(self, veld: str) -> Keuze | None:
        """The side this field takes now: the user's decision, else the automatic one (None: still open)."""
        b = self.besluit(veld)
        return b.keuze if b else self.versie(veld).automatische_keuze

    def open(self) -> list[VeldVersies]:
        """Conflicts without a decision."""
        beslist = {n for n, _ in self.besluiten}
        return [v for v in self.versies if v.is_conflict and v.veld not in beslist]

    @property
    def compleet(self) -> bool:
        return not self.open()

    def waarde(self, veld: str) -> object:
        b = self.besluit(veld)
        if b is not None:
            return b.waarde
        v = self.versie(veld)
        if v.is_conflict:
            raise NietCompleet(f"{veld}: nog geen keuze")
        return v.waarde_van(v.automatische_keuze)

    def resultaat(self) -> dict[str, object]:
        """Per field the value to save; NietCompleet while a conflict is open."""
        if not self.compleet:
            raise NietCompleet(", ".join(v.label for v in self.open()))
        return {v.veld: self.waarde(v.veld) for v in self.versies}
