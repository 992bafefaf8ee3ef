"""The wachtlijst: aanmeldingen triaged to JET with no consulent yet (`aanmelding.op_wachtlijst`).

Queries are paged and filtered in SQL, so a list of any length costs one page of
Python objects at a time. Everything here needs Recht.WACHTLIJST (jeugdconsulent, teamleider);
assigning writes the new dossier's audit line in the same transaction. Looking at the list is a read
of personal data: `bekijk` opens a view and writes its one audit line (services/inzage.py); the
view's pages, fetched while scrolling, write none. `pagina` and `alle` on their own are a view each.
Counts (`tel` without a filter, `per_urgentie`) show no one and write nothing; a filtered `tel` is a
search (is someone of that name waiting?) and writes a line when it finds anyone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, false, func, or_, select, tuple_, union_all, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import Join

from jet_desktop.domain.enums import JET_UITKOMSTEN, AuditActie, ConsulentRol, Urgentie, WijzigingsReden
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.services import audit, codelijsten, inzage
from jet_desktop.services.autorisatie import vereis
from jet_desktop.services.caseload import vereis_actieve_consulent
from jet_desktop.storage.kleine_letters import lijkt_op
from jet_desktop.storage.models import Aanmelding, ConsulentWijziging, Dossier, Jeugdige, Medewerker, Triagebesluit
from jet_desktop.storage.store import Store

A, J, T, D, M = (Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__, Dossier.__table__,
                 Medewerker.__table__)
CW = ConsulentWijziging.__table__

URGENTIE_RANK = case((T.c.urgentie == Urgentie.SPOED.value, 0), (T.c.urgentie == Urgentie.HOOG.value, 1), else_=2)
_BEOOGD = aliased(M, name="beoogd")


@dataclass(frozen=True, slots=True)
class WachtlijstRij:
    aanmelding_id: uuid.UUID
    version: int
    dossiernummer: str
    voornaam: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: date | None
    uitgerekende_datum: date | None
    urgentie: str
    aanmelddatum: date
    verwijzer_route: str
    verwijzer_organisatie: str
    uitkomst: str
    beoogd_consulent: str | None
    wijk: str


COLUMNS = (A.c.id, A.c.version, A.c.dossiernummer, J.c.voornaam, J.c.tussenvoegsel, J.c.achternaam,
           J.c.geboortedatum, J.c.uitgerekende_datum, T.c.urgentie, A.c.aanmelddatum, A.c.verwijzer_route,
           A.c.verwijzer_organisatie, T.c.uitkomst, _BEOOGD.c.naam, J.c.wijk)

# sort keys the UI may ask for: (columns, True when ascending means the column descending);
# every sort falls back to the wachtlijst order
SORT_KEYS = {
    "dossiernummer": ((A.c.dossiernummer,), False),
    "naam": ((J.c.achternaam, J.c.voornaam), False),
    "leeftijd": ((J.c.geboortedatum,), True),
    "urgentie": ((URGENTIE_RANK,), False),
    "aanmelddatum": ((A.c.aanmelddatum,), False),
    "wachttijd": ((A.c.aanmelddatum,), True),
    "verwijzer": ((A.c.verwijzer_route,), False),
    "uitkomst": ((T.c.uitkomst,), False),
    "consulent": ((_BEOOGD.c.naam,), False),
    "wijk": ((J.c.wijk,), False),
}
DEFAULT_ORDER = (URGENTIE_RANK, A.c.aanmelddatum, A.c.dossiernummer)
_SORT_OP_JEUGDIGE = frozenset({"naam", "leeftijd", "wijk"})
_RANG = {Urgentie.SPOED.value: 0, Urgentie.HOOG.value: 1}


def _waarden(sort_key: str | None, rij: WachtlijstRij) -> tuple:
    """The values of `rij` in the columns of the order of `sort_key` (`_order`'s columns, in its order)."""
    eigen = {"dossiernummer": (rij.dossiernummer,), "naam": (rij.achternaam, rij.voornaam),
             "leeftijd": (rij.geboortedatum,), "urgentie": (_RANG.get(rij.urgentie, 2),),
             "aanmelddatum": (rij.aanmelddatum,), "wachttijd": (rij.aanmelddatum,),
             "verwijzer": (rij.verwijzer_route,), "uitkomst": (rij.uitkomst,),
             "consulent": (rij.beoogd_consulent,), "wijk": (rij.wijk,)}.get(sort_key, ())
    return (*eigen, _RANG.get(rij.urgentie, 2), rij.aanmelddatum, rij.dossiernummer)


LANGSTE_WOORD = 200  # a filter word longer than any name, wijk, school or verwijzer matches no row


def _where(filter_text: str):
    conds = [A.c.op_wachtlijst.is_(True), A.c.deleted_at.is_(None)]
    kolommen = (A.c.dossiernummer, J.c.voornaam, J.c.achternaam, A.c.verwijzer_organisatie, J.c.wijk, J.c.school,
                _BEOOGD.c.naam)
    for word in filter_text.split():
        if len(word) > LANGSTE_WOORD:  # not sent to LIKE (SQLite refuses a pattern of 50,000 bytes)
            conds.append(false())
            continue
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(or_(*(lijkt_op(c, pattern) for c in kolommen)))  # "émile" finds "Émile" on SQLite too
    return and_(*conds)


def _from(q, *, jeugdige: bool = True, beoogd: bool = True):
    """The wachtlijst's joins. A narrow query may leave out the jeugdige (an inner join that drops no row:
    aanmelding.jeugdige_id is NOT NULL with a foreign key) and the beoogd consulent (an outer join) when
    neither its filter nor its order reads them; the triagebesluit always stays (its urgentie orders)."""
    q = q.select_from(A).join(T, T.c.id == A.c.huidig_besluit_id)
    if jeugdige:
        q = q.join(J, J.c.id == A.c.jeugdige_id)
    return q.outerjoin(_BEOOGD, _BEOOGD.c.id == T.c.beoogd_consulent_id) if beoogd else q


def _smal(q, filter_text: str, sort_key: str | None = None):
    """`_from` with only the joins this filter and order need."""
    gefilterd = bool(filter_text.split())
    return _from(q, jeugdige=gefilterd or sort_key in _SORT_OP_JEUGDIGE,
                 beoogd=gefilterd or sort_key == "consulent")


def _telbaar(q, filter_text: str):
    """The rows of the wachtlijst with this filter, for a count or its dossiernummers: without a filter
    the aanmeldingen alone (the partial index ix_aanmelding_wachtlijst holds the count), as the joins
    drop none of them: op_wachtlijst is set only by triage, in the same update that sets huidig_besluit_id
    to the decision it writes, no triagebesluit is ever deleted, and jeugdige_id is a NOT NULL foreign key.
    tests/services/test_wachtlijst_snel.py compares it with the count over the joins."""
    if filter_text.split():
        return _smal(q, filter_text).where(_where(filter_text))
    # (no `huidig_besluit_id IS NOT NULL` here: SQLite would then read that column's index instead)
    return q.select_from(A).where(_where(filter_text))


def tel(store: Store, filter_text: str = "") -> int:
    """How many wait. Without a filter a count (no personal data, no audit line); with one it answers
    whether someone of that name, school or wijk is on the wachtlijst — a look at the list: one line
    ("wachtlijst geteld, gefilterd: N rijen (…)") when it finds anyone, never the filter text."""
    vereis(store, Recht.WACHTLIJST)
    if not filter_text.strip():
        with store.engine.connect() as conn:
            return _tel(conn, filter_text)
    with store.engine.connect() as conn:
        nummers, aantal = _nummers_en_aantal(conn, filter_text)
    inzage.bekeken(store, "wachtlijst", None, "wachtlijst geteld, gefilterd", nummers, aantal)
    return aantal


def _nummers_en_aantal(conn, filter_text: str) -> tuple[list[str], int]:
    """The dossiernummers of a short list and its count, in one query without ORDER BY (the line sorts
    them), which stops early for a long one: then only the first ones, and the count on top."""
    nummers = sorted(conn.execute(_telbaar(select(A.c.dossiernummer), filter_text)
                                  .limit(inzage.NUMMERS_IN_REGEL + 1)).scalars())
    return nummers, len(nummers) if len(nummers) <= inzage.NUMMERS_IN_REGEL else _tel(conn, filter_text)


def _tel(conn, filter_text: str) -> int:
    return conn.execute(_telbaar(select(func.count()), filter_text)).scalar_one()


def _richtingen(sort_key: str | None, descending: bool) -> list[tuple]:
    """(column, descending) of the whole order: the sort's columns, then the wachtlijst order."""
    order = []
    if sort_key in SORT_KEYS:
        columns, inverted = SORT_KEYS[sort_key]
        order = [(c, descending != inverted) for c in columns]
    return [*order, *((c, False) for c in DEFAULT_ORDER)]


def _order(sort_key: str | None, descending: bool) -> list:
    return [c.desc() if aflopend else c for c, aflopend in _richtingen(sort_key, descending)]


def _na(dialect: str, sort_key: str | None, descending: bool, rij: WachtlijstRij):
    """The rows after `rij` in this order (keyset pagination): the same rows OFFSET would give after it.
    NULL sorts as the database sorts it in ORDER BY: first ascending on SQLite, last ascending on
    PostgreSQL (and the other way round descending). dossiernummer (unique) ends every order."""
    termen = list(zip(_richtingen(sort_key, descending), _waarden(sort_key, rij), strict=True))
    conditie = None
    for (kolom, aflopend), waarde in reversed(termen):
        nulls_eerst = (not aflopend) if dialect == "sqlite" else aflopend
        if waarde is None:
            na = kolom.is_not(None) if nulls_eerst else false()
            gelijk = kolom.is_(None)
        else:
            na = kolom < waarde if aflopend else kolom > waarde
            if not nulls_eerst:
                na = or_(na, kolom.is_(None))
            gelijk = kolom == waarde
        conditie = na if conditie is None else or_(na, and_(gelijk, conditie))
    return conditie


class _JeugdigeEerst(Join):
    """jeugdige JOIN aanmelding that SQLite must run in that order (CROSS JOIN: its planner keeps the
    order): the jeugdigen are walked in an index's order and each one's aanmeldingen probed."""

    inherit_cache = True


@compiles(_JeugdigeEerst)
def _gewone_join(element, compiler, **kw):
    return compiler.visit_join(element, **kw)


@compiles(_JeugdigeEerst, "sqlite")
def _cross_join(element, compiler, **kw):
    return compiler.visit_join(element, **kw).replace(" JOIN ", " CROSS JOIN ", 1)


LANG = 10_000  # a view at least this long: a naam / leeftijd / wijk sort's first pages walk the jeugdigen


def _ids_per_jeugdige(sort_key: str, descending: bool, offset: int, limit: int):
    """The ids of a page near the top in a sort on the jeugdige (naam, leeftijd, wijk), on SQLite, for a
    long list without a filter: the jeugdigen read in that order off an index (ix_jeugdige_naam, _wijk,
    ix_jeugdige_geboortedatum_achternaam), each one's aanmeldingen probed (ix_aanmelding_jeugdige_id),
    stopping after the page; only the ties are sorted. The same ORDER BY as the sort over the whole
    list, so the same rows."""
    van = _JeugdigeEerst(J, A, J.c.id == A.c.jeugdige_id).join(T, T.c.id == A.c.huidig_besluit_id)
    return (select(A.c.id.label("pagina_id")).select_from(van).where(_where(""))
            .order_by(*_order(sort_key, descending)).offset(offset or None).limit(limit).subquery("pagina"))


_PER_URGENTIE_TOT = 2000  # rows from the top (offset + limit) up to which `_ids_per_urgentie` pays


def _ids_per_urgentie(filter_text: str, rang_aflopend: bool, offset: int, limit: int, na: WachtlijstRij | None):
    """The ids of a page near the top (or right after `na`) in the wachtlijst order (urgentie, then
    aanmelddatum, dossiernummer), on SQLite: per urgentie the first offset + limit rows read in date
    order off the partial index ix_aanmelding_wachtlijst (it stops after them; after `na` it starts at
    na's row: a row-value range on the index), then merged, instead of sorting the whole list by an
    urgentie that lives in another table. A group with fewer rows than that reads the whole index."""
    na_rang = None if na is None else _RANG.get(na.urgentie, 2)
    delen = []
    for rang in (0, 1, 2):
        if na_rang is not None and (rang > na_rang if rang_aflopend else rang < na_rang):
            continue  # the whole group comes before na
        where = and_(_where(filter_text), URGENTIE_RANK == rang)
        if rang == na_rang:
            where = and_(where, tuple_(A.c.aanmelddatum, A.c.dossiernummer) > tuple_(na.aanmelddatum, na.dossiernummer))
        deel = (_smal(select(A.c.id.label("pagina_id"), URGENTIE_RANK.label("rang"), A.c.aanmelddatum.label("datum"),
                             A.c.dossiernummer.label("nummer")), filter_text)
                .where(where).order_by(A.c.aanmelddatum, A.c.dossiernummer).limit(offset + limit).subquery())
        delen.append(select(*deel.c))
    groepen = union_all(*delen).subquery("groepen")
    return (select(groepen.c.pagina_id)
            .order_by(groepen.c.rang.desc() if rang_aflopend else groepen.c.rang, groepen.c.datum, groepen.c.nummer)
            .offset(offset or None).limit(limit).subquery("pagina"))


def lees_rijen(conn, filter_text: str = "", sort_key: str | None = None, descending: bool = False,
               offset: int = 0, limit: int | None = None, na: WachtlijstRij | None = None,
               lang: bool = False) -> list[WachtlijstRij]:
    """The query itself, on an open connection. No check and no audit line: only for a service or
    report that has checked Recht.WACHTLIJST and writes the line of its view itself.

    A deferred join: the ids of the page come from a narrow ordered query (only the joins its filter
    and order need, served by the indexes of migration 0008), then one page of details is joined to
    them. `na` (the last row of the previous page) starts the page right after it instead of counting
    `offset` rows from the top (keyset pagination; `offset` then counts on from there). `lang`: the
    caller knows the list is long (at least LANG rows), so a walk in a jeugdige sort pays."""
    volgorde = _order(sort_key, descending)
    if (lang and conn.dialect.name == "sqlite" and sort_key in _SORT_OP_JEUGDIGE and not filter_text.split()
            and na is None and limit is not None and offset + limit <= _PER_URGENTIE_TOT):
        ids = _ids_per_jeugdige(sort_key, descending, offset, limit)
    # not with a filter: one that matches few rows would make each urgentie's walk read the whole index
    elif (conn.dialect.name == "sqlite" and (sort_key not in SORT_KEYS or sort_key == "urgentie")
            and not filter_text.split() and limit is not None and offset + limit <= _PER_URGENTIE_TOT):
        ids = _ids_per_urgentie(filter_text, sort_key == "urgentie" and descending, offset, limit, na)
    else:
        where = _where(filter_text)
        if na is not None:
            where = and_(where, _na(conn.dialect.name, sort_key, descending, na))
        ids = (_smal(select(A.c.id.label("pagina_id")), filter_text, sort_key).where(where).order_by(*volgorde)
               .offset(offset or None).limit(limit).subquery("pagina"))
    q = _from(select(*COLUMNS)).join(ids, ids.c.pagina_id == A.c.id).order_by(*volgorde)
    return [WachtlijstRij(*r) for r in conn.execute(q)]


def lees_sleutels(conn, filter_text: str = "", sort_key: str | None = None, descending: bool = False) -> list:
    """The ids of the whole view in its order: the narrow ordered query of `lees_rijen` without a page
    (only the joins its filter and order need, off the indexes of migration 0008). 50,000 ids are a few MB."""
    return list(conn.execute(_sleutel_query(filter_text, sort_key, descending)).scalars())


def _sleutel_query(filter_text: str, sort_key: str | None, descending: bool, *meer):
    return (_smal(select(A.c.id, *meer), filter_text, sort_key).where(_where(filter_text))
            .order_by(*_order(sort_key, descending)))


def lees_rijen_per_id(conn, filter_text: str, ids: list) -> list[WachtlijstRij]:
    """The rows of these ids, in the order of `ids`, by primary key: the ones that still match the view
    (a row assigned or deleted since is left out: the page comes back short)."""
    if not ids:
        return []
    q = _from(select(*COLUMNS)).where(A.c.id.in_(ids), _where(filter_text))
    rijen = {r.aanmelding_id: r for r in (WachtlijstRij(*r) for r in conn.execute(q))}
    return [rijen[i] for i in ids if i in rijen]


def _beschrijving(filter_text: str, sort_key: str | None, descending: bool) -> str:
    """'wachtlijst bekeken, gefilterd, gesorteerd op naam (aflopend)': never the filter text (it may be a name)."""
    tekst = "wachtlijst bekeken"
    if filter_text.strip():
        tekst += ", gefilterd"
    if sort_key in SORT_KEYS:
        tekst += f", gesorteerd op {sort_key}" + (" (aflopend)" if descending else "")
    return tekst


_SLEUTEL = object()  # only `bekijk` makes a Weergave: a view exists only with its check and its line


class Weergave:
    """One view of the wachtlijst: a filter and an order, made (and written to the audit log, once) by
    `bekijk`. Its pages are fetched without a further line: scrolling on is the same view; a new filter
    or order is a new view (call `bekijk` again). `aantal` rows matched when it was opened; `volgnummer`
    is its (first) audit line, None while the view has shown nothing. `verwijzers`: the verwijzer labels by route,
    read from the store's code list when the view was opened (one read per view, not per row). A short view's line names its
    dossiers: a page that shows one the line did not name (it joined the wachtlijst since) writes a line
    for those. A Weergave cannot be made without `bekijk` (TypeError) nor pointed at another filter,
    order or store afterwards (AttributeError), and each page checks the right again (a GEWEIGERD line
    when it is gone)."""

    __slots__ = ("_store", "_filter", "_sort", "_desc", "_genoemd", "_sleutels", "aantal", "volgnummer", "verwijzers")

    def __init__(self, sleutel: object, store: Store, filter_text: str, sort_key: str | None, descending: bool,
                 aantal: int, volgnummer: int | None, genoemd: frozenset[str] | None):
        if sleutel is not _SLEUTEL:
            raise TypeError("Een Weergave van de wachtlijst opent u met wachtlijst.bekijk.")
        for naam, waarde in (("_store", store), ("_filter", filter_text), ("_sort", sort_key),
                             ("_desc", descending), ("_genoemd", genoemd), ("aantal", aantal),
                             ("volgnummer", volgnummer), ("_sleutels", None), ("verwijzers", {})):
            object.__setattr__(self, naam, waarde)

    def __setattr__(self, naam: str, waarde) -> None:
        raise AttributeError(f"Een Weergave van de wachtlijst is vast ({naam}): open een nieuwe met bekijk.")

    def pagina(self, offset: int = 0, limit: int | None = 200, na: WachtlijstRij | None = None) -> list[WachtlijstRij]:
        """Rows `offset` .. `offset + limit` of the view; or, given `na` (the last row of the page before,
        from this view), the `limit` rows right after it (`offset` then counts on from `na`): the same
        rows, without the database counting its way down the list.

        A page further down than the first two (offset ≥ 2 pages, no `na`) reads the view's ordered ids
        once (`voorbereiden`) and is then the details of its ids by primary key: the same rows as OFFSET
        on an unchanged list; rows that left the wachtlijst since are left out (a short page). A long
        view (one whose line names no dossiers) takes every page from its ids once it has them (a
        filtered one has them from `bekijk`: its count and its ids in one pass); a short view's first
        pages stay live, so a dossier that joined since shows and is named."""
        vereis(self._store, Recht.WACHTLIJST)
        if offset < 0 or (limit is not None and limit < 0):
            raise ValueError(f"pagina: offset en limit zijn niet negatief ({offset}, {limit})")
        with self._store.engine.connect() as conn:
            # a short view's first pages stay live: they show (and name) a dossier that joined since
            if na is None and limit is not None and (offset >= 2 * limit or (
                    self._sleutels is not None and self._genoemd is None)):
                rijen = lees_rijen_per_id(conn, self._filter, self._ids(conn)[offset:offset + limit])
            else:
                rijen = lees_rijen(conn, self._filter, self._sort, self._desc, offset, limit, na,
                                   lang=self.aantal >= LANG)
        if self._genoemd is not None:  # a short view: its lines name every dossier it has shown
            nieuw = [r.dossiernummer for r in rijen if r.dossiernummer not in self._genoemd]
            if nieuw:
                omschrijving = _beschrijving(self._filter, self._sort, self._desc)
                if self.volgnummer is not None:
                    omschrijving += " (dezelfde weergave, sindsdien op de wachtlijst)"
                volgnummer = inzage.bekeken(self._store, "wachtlijst", None, omschrijving, nieuw)
                object.__setattr__(self, "_genoemd", self._genoemd | frozenset(nieuw))
                if self.volgnummer is None:
                    object.__setattr__(self, "volgnummer", volgnummer)
        return rijen

    def voorbereiden(self) -> None:
        """Read the view's ordered ids now (e.g. on a worker after the first page), so that a jump
        anywhere in the list is one page by primary key. Part of the view: no audit line, no rows shown."""
        vereis(self._store, Recht.WACHTLIJST)
        with self._store.engine.connect() as conn:
            self._ids(conn)

    def _ids(self, conn) -> list:
        if self._sleutels is None:  # (two threads at once both read it: the same list, no harm)
            object.__setattr__(self, "_sleutels", lees_sleutels(conn, self._filter, self._sort, self._desc))
        return self._sleutels


def bekijk(store: Store, filter_text: str = "", sort_key: str | None = None, descending: bool = False) -> Weergave:
    """Open a view of the wachtlijst: counts it and writes its one audit line ("wachtlijst bekeken,
    gefilterd, …: N rijen", with the dossiernummers when at most inzage.NUMMERS_IN_REGEL)."""
    vereis(store, Recht.WACHTLIJST)
    sleutels = None
    with store.engine.connect() as conn:
        if filter_text.split():  # one pass over the filtered list: its ordered ids are its count and pages
            paren = conn.execute(_sleutel_query(filter_text, sort_key, descending, A.c.dossiernummer)).all()
            sleutels, aantal = [p[0] for p in paren], len(paren)
            nummers = sorted(p[1] for p in paren)[:inzage.NUMMERS_IN_REGEL + 1]
        else:  # the count off the partial index; the ids only when a page needs them
            nummers, aantal = _nummers_en_aantal(conn, filter_text)
        verwijzers = codelijsten.lijsten_in(conn).verwijzer_labels()  # the labels of this view's rows
    volgnummer = inzage.bekeken(store, "wachtlijst", None, _beschrijving(filter_text, sort_key, descending),
                                nummers, aantal)
    genoemd = frozenset(nummers) if aantal <= inzage.NUMMERS_IN_REGEL else None  # a long view names none
    weergave = Weergave(_SLEUTEL, store, filter_text, sort_key, descending, aantal, volgnummer, genoemd)
    if sleutels is not None and genoemd is None:  # a long view: its pages are its ids
        object.__setattr__(weergave, "_sleutels", sleutels)
    object.__setattr__(weergave, "verwijzers", verwijzers)
    return weergave


def pagina(store: Store, filter_text: str = "", sort_key: str | None = None, descending: bool = False,
           offset: int = 0, limit: int | None = 200) -> list[WachtlijstRij]:
    """One page on its own: a view of its own, with its own audit line (a screen that scrolls uses
    `bekijk` and the pages of its Weergave instead)."""
    vereis(store, Recht.WACHTLIJST)
    with store.engine.connect() as conn:
        rijen = lees_rijen(conn, filter_text, sort_key, descending, offset, limit)
    omschrijving = _beschrijving(filter_text, sort_key, descending)
    if offset:
        omschrijving += f", vanaf rij {offset + 1}"
    inzage.bekeken(store, "wachtlijst", None, omschrijving, [r.dossiernummer for r in rijen])
    return rijen


def alle(store: Store, filter_text: str = "") -> list[WachtlijstRij]:
    """The whole wachtlijst in its order: one view, one audit line."""
    return pagina(store, filter_text, limit=None)


def per_urgentie(store: Store) -> dict[Urgentie, int]:
    vereis(store, Recht.WACHTLIJST)
    q = _smal(select(T.c.urgentie, func.count()), "").where(_where("")).group_by(T.c.urgentie)
    with store.engine.connect() as conn:
        counts = dict(conn.execute(q).all())
    return {u: counts.get(u.value, 0) for u in Urgentie}


def toewijzen(store: Store, aanmelding_id: uuid.UUID, consulent_id: uuid.UUID, datum: date, vandaag: date,
              tweede_consulent_id: uuid.UUID | None = None) -> uuid.UUID:
    """Assign a waiting aanmelding to a consulent: opens its dossier and records the change."""
    vereis(store, Recht.WACHTLIJST)
    try:
        return _toewijzen(store, aanmelding_id, consulent_id, datum, vandaag, tweede_consulent_id)
    except IntegrityError:  # another workstation assigned it at the same moment (unique aanmelding_id)
        raise ValidationError([_al_toegewezen("")]) from None


def _al_toegewezen(nummer: str) -> FieldError:
    wie = f"Aanmelding {nummer}" if nummer else "Deze aanmelding"
    return FieldError("aanmelding", f"{wie} is intussen al aan een consulent toegewezen.")


def _toewijzen(store, aanmelding_id, consulent_id, datum, vandaag, tweede_consulent_id):
    with store.engine.begin() as conn:
        a = conn.execute(
            select(A.c.aanmelddatum, A.c.dossiernummer, T.c.uitkomst)
            .select_from(A).join(T, T.c.id == A.c.huidig_besluit_id).where(A.c.id == aanmelding_id)
        ).first()
        if a is None or a.uitkomst not in JET_UITKOMSTEN:
            raise ValidationError([FieldError("aanmelding", "Deze aanmelding staat niet (meer) op de wachtlijst.")])
        errors = []
        if datum < a.aanmelddatum:
            errors.append(FieldError("datum", "Startdatum: ligt vóór de aanmelddatum."))
        if datum > vandaag:
            errors.append(FieldError("datum", "Startdatum: ligt in de toekomst."))
        if tweede_consulent_id is not None and tweede_consulent_id == consulent_id:
            errors.append(FieldError("tweede_consulent", "Tweede persoon: kies een andere medewerker dan de vaste consulent."))
        if errors:
            raise ValidationError(errors)
        vereis_actieve_consulent(conn, consulent_id, "consulent", "Consulent")
        if tweede_consulent_id is not None:
            vereis_actieve_consulent(conn, tweede_consulent_id, "tweede_consulent", "Tweede persoon")
        if conn.execute(select(D.c.id).where(D.c.aanmelding_id == aanmelding_id)).first() is not None:
            raise ValidationError([_al_toegewezen(a.dossiernummer)])
        dossier = store.new_row(aanmelding_id=aanmelding_id, geopend_op=datum, consulent_id=consulent_id,
                                tweede_consulent_id=tweede_consulent_id)
        conn.execute(D.insert().values(dossier))
        conn.execute(update(A).where(A.c.id == aanmelding_id)
                     .values(op_wachtlijst=False, version=A.c.version + 1, **store.stamp()))
        conn.execute(CW.insert().values(store.new_row(
            dossier_id=dossier["id"], rol=ConsulentRol.PRIMAIR.value, van_id=None, naar_id=consulent_id, datum=datum,
            reden=WijzigingsReden.TOEWIJZING.value)))
        if tweede_consulent_id is not None:
            conn.execute(CW.insert().values(store.new_row(
                dossier_id=dossier["id"], rol=ConsulentRol.TWEEDE.value, van_id=None, naar_id=tweede_consulent_id,
                datum=datum, reden=WijzigingsReden.TOEWIJZING.value)))
        audit.schrijf(conn, store, AuditActie.AANMAKEN, "dossier", dossier["id"], a.dossiernummer,
                      "dossier geopend: toegewezen vanaf de wachtlijst"
                      + (" (met tweede persoon)" if tweede_consulent_id is not None else ""))
    return dossier["id"]
