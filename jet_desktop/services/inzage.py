"""Reads of personal data are audit lines too (NEN 7513): the one line a read service writes per view.

A view is one look at a screen's data: the wachtlijst with one filter and sort order (fetching more
pages of it while scrolling is the same view), the triage queue, a consulent's caseload, one tab of
a dossier. The line names the client by dossiernummer: in `client` when the view shows exactly one,
and for a list of up to NUMMERS_IN_REGEL dossiers all their dossiernummers in the description (a
longer list is described by its size, filter and order). Never a name, BSN or filter text (a filter
may be a name). A view that shows no row writes no line: nothing was seen."""

from __future__ import annotations

from collections.abc import Iterable

from jet_desktop.domain.enums import AuditActie
from jet_desktop.services import audit
from jet_desktop.storage.store import Store

NUMMERS_IN_REGEL = 50


def rijen_tekst(n: int, enkelvoud: str = "rij", meervoud: str = "rijen") -> str:
    return f"{audit.getal(n)} {enkelvoud if n == 1 else meervoud}"


def bekeken(store: Store, objecttype: str, object_id, omschrijving: str, nummers: Iterable[str],
            aantal: int | None = None, eenheid: tuple[str, str] = ("rij", "rijen")) -> int | None:
    """One OPENEN line for a view of `aantal` rows (default: the number of `nummers`) whose dossiernummers
    are `nummers` (all of them, or only the first NUMMERS_IN_REGEL + 1 for a long list). Returns the
    volgnummer, or None when the view shows nothing."""
    uniek = list(dict.fromkeys(n for n in nummers if n))
    n = len(uniek) if aantal is None else aantal
    if n == 0:
        return None
    tekst = f"{omschrijving}: {rijen_tekst(n, *eenheid)}"
    if uniek and len(uniek) <= NUMMERS_IN_REGEL and (aantal is None or aantal <= NUMMERS_IN_REGEL):
        tekst += " (" + ", ".join(uniek) + ")"
    client = uniek[0] if len(uniek) == 1 else ""
    return audit.log(store, AuditActie.OPENEN, objecttype, object_id, client, tekst)


def dossier_gelezen(store: Store, objecttype: str, object_id, dossiernummer: str, omschrijving: str) -> int:
    """One OPENEN line for a read of one dossier's (or aanmelding's) data."""
    return audit.log(store, AuditActie.OPENEN, objecttype, object_id, dossiernummer, omschrijving)
