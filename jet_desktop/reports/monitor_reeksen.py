"""The series behind the Monitor charts: the wachtlijst per week and doorverwijzingen per vorm.

Both are derived from the dates in the store (domain.md: "the number waiting on any past date
must be derivable from the data"), aggregated in SQL.

Wachtlijst on day d: an aanmelding (not deleted) waits on d when the decision in force ON d
sends it to JET (domain.enums.JET_UITKOMSTEN) and it has no dossier or its dossier was opened
after d. Decisions are a chain (a revision points at the one it replaced), so every JET decision
is in force from its besloten_op until the besloten_op of its revision: each JET decision gives
a wait [besloten_op, end) with end = the earlier of that revision's date and the dossier's
geopend_op (open when neither exists). A later revision therefore never rewrites the weeks
before it. One query returns these intervals grouped by (start, end) with their count, leaving
out those that ended before `van`; pandas then sweeps: waiting on d = started on or before d −
ended on or before d, read off at every Monday in [van, tot].

Doorverwijzingen per vorm van jeugdhulp in [van, tot]: COUNTS (not distinct jeugdigen) of
  - toewijzingen (not deleted, of a non-deleted aanmelding) with startdatum in the period, per
    productcategorie (label from resources/productcategorieen.csv), only categories that occur,
    in the order of the code list;
  - handovers by the triage decision in force (voorliggend veld, veiligheid, ander domein) with
    besloten_op in the period, always listed (0 when none).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import and_, case, func, or_, select

from jet_desktop.domain.enums import JET_UITKOMSTEN, TriageUitkomst
from jet_desktop.domain.rollen import Recht
from jet_desktop.reports import teamcijfers
from jet_desktop.services import codelijsten
from jet_desktop.services.autorisatie import vereis
from jet_desktop.storage.models import Aanmelding, Dossier, Toewijzing, Triagebesluit
from jet_desktop.storage.store import Store

A, T, D, W = Aanmelding.__table__, Triagebesluit.__table__, Dossier.__table__, Toewijzing.__table__

HANDOVERS = (TriageUitkomst.VOORLIGGEND_VELD, TriageUitkomst.VEILIGHEID, TriageUitkomst.ANDER_DOMEIN)


def maandagen(van: date, tot: date) -> list[date]:
    """Every Monday in [van, tot]."""
    eerste = van + timedelta(days=(7 - van.weekday()) % 7)
    return [eerste + timedelta(weeks=i) for i in range(max(0, (tot - eerste).days // 7 + 1))]


@teamcijfers.telling("wachttijden", "van", "tot")
def _wachttijden(van: date, tot: date):
    """(start, einde, n): the waits that can matter for [van, tot], grouped by their dates."""
    herzien = T.alias("herzien")  # the decision that replaced this one, if any
    einde = case(
        (herzien.c.id.is_(None), D.c.geopend_op),
        (D.c.id.is_(None), herzien.c.besloten_op),
        (herzien.c.besloten_op < D.c.geopend_op, herzien.c.besloten_op),
        else_=D.c.geopend_op,
    )
    wacht = (
        select(T.c.besloten_op.label("start"), einde.label("einde"))
        .select_from(T.join(A, A.c.id == T.c.aanmelding_id)
                     .outerjoin(herzien, herzien.c.vorig_besluit_id == T.c.id)
                     .outerjoin(D, D.c.aanmelding_id == A.c.id))
        .where(A.c.deleted_at.is_(None), T.c.uitkomst.in_(JET_UITKOMSTEN))
        .subquery("wacht")
    )
    return (
        select(wacht.c.start, wacht.c.einde, func.count().label("n"))
        .where(wacht.c.start <= tot,
               # ended before van: adds +1 and -1 before every Monday asked for; an empty wait never counts
               or_(wacht.c.einde.is_(None), and_(wacht.c.einde > van, wacht.c.einde > wacht.c.start)))
        .group_by(wacht.c.start, wacht.c.einde)
    )


def _aantal_op_of_voor(dagen: pd.Series, aantallen: pd.Series, peil) -> np.ndarray:
    """For every date in `peil`: the sum of `aantallen` whose date is on or before it."""
    per_dag = aantallen.groupby(pd.to_datetime(dagen)).sum().sort_index()
    cum = np.concatenate([[0], per_dag.to_numpy().cumsum()])
    return cum[per_dag.index.to_numpy().searchsorted(peil, side="right")]


def wachtlijst_per_week(store: Store, van: date, tot: date) -> list[tuple[date, int]]:
    """(Monday, number waiting on that Monday) for every Monday in [van, tot]."""
    vereis(store, Recht.ANONIEME_CIJFERS)  # on the team server: the count functions
    dagen = maandagen(van, tot)
    if not dagen:
        return []
    with store.engine.connect() as conn:
        frame = pd.DataFrame(teamcijfers.rijen(conn, store, "wachttijden", "de monitor", van=van, tot=tot),
                             columns=["start", "einde", "n"])
    peil = pd.to_datetime(pd.Series(dagen)).to_numpy()
    frame["n"] = frame["n"].astype("int64")
    gestart = _aantal_op_of_voor(frame["start"], frame["n"], peil)
    klaar = frame[frame["einde"].notna()]
    gestopt = _aantal_op_of_voor(klaar["einde"], klaar["n"], peil)
    return [(d, int(n)) for d, n in zip(dagen, gestart - gestopt)]


@teamcijfers.telling("toewijzingen_per_categorie", "van", "tot")
def _toewijzingen_per_categorie(van: date, tot: date):
    return (
        select(W.c.productcategorie, func.count().label("n"))
        .select_from(W.join(D, D.c.id == W.c.dossier_id).join(A, A.c.id == D.c.aanmelding_id))
        .where(W.c.deleted_at.is_(None), A.c.deleted_at.is_(None), W.c.startdatum.between(van, tot))
        .group_by(W.c.productcategorie)
    )


@teamcijfers.telling("overdrachten", "van", "tot")
def _overdrachten(van: date, tot: date):
    return (
        select(T.c.uitkomst, func.count().label("n"))
        .select_from(A.join(T, T.c.id == A.c.huidig_besluit_id))
        .where(A.c.deleted_at.is_(None), T.c.uitkomst.in_([h.value for h in HANDOVERS]),
               and_(T.c.besloten_op >= van, T.c.besloten_op <= tot))
        .group_by(T.c.uitkomst)
    )


def doorverwijzingen_per_vorm(store: Store, van: date, tot: date) -> list[tuple[str, int]]:
    """(vorm van jeugdhulp, count) in [van, tot]: toewijzingen per productcategorie, then handovers."""
    vereis(store, Recht.ANONIEME_CIJFERS)
    with store.engine.connect() as conn:
        per_categorie = dict(teamcijfers.rijen(conn, store, "toewijzingen_per_categorie", "de monitor", van=van, tot=tot))
        per_uitkomst = dict(teamcijfers.rijen(conn, store, "overdrachten", "de monitor", van=van, tot=tot))
        lijsten = codelijsten.lijsten_in(conn)
    volgorde = {p.code: i for i, p in enumerate(lijsten.productcategorieen)}
    codes = sorted(per_categorie, key=lambda c: (volgorde.get(c, len(volgorde)), c))
    return ([(lijsten.productcategorie_label(c), int(per_categorie[c])) for c in codes]
            + [(h.label, int(per_uitkomst.get(h.value, 0))) for h in HANDOVERS])
