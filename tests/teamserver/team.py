"""The team of the team-server tests (test_rechten.py, test_aanval.py): a server set up by `teamserver init`
with its own logins, and what each test connects as."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from jet_desktop.domain.enums import Rol
from jet_desktop.reports import teamserverfuncties
from jet_desktop.services import teamserver
from jet_desktop.storage.models import Aanmelding, Dossier, Jeugdige
from jet_desktop.storage.store import Store

A, D, J = Aanmelding.__table__, Dossier.__table__, Jeugdige.__table__
WW = "Een-Lang-Wachtwoord-2026"


@dataclass
class Server:
    url: str  # the administrator's (superuser) URL
    system: Store
    ids: dict
    eigen: object  # Anouk's dossier (Eva)
    tweede: object  # Bram's, Anouk second person (Tim)
    ander: object  # Bram's, not Anouk's (Olga)
    wachtend: object  # an aanmelding on the wachtlijst (Wout)
    overgedragen: object  # an aanmelding handed over to the Wmo (Hanna)

    def server_url(self) -> str:
        return make_url(self.url)._replace(username=None, password=None).render_as_string(hide_password=False)

    def sql(self, gebruikersnaam: str, wachtwoord: str = WW, autocommit: bool = True) -> psycopg.Connection:
        u = make_url(self.url)
        return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=gebruikersnaam, password=wachtwoord,
                               autocommit=autocommit)

    def admin(self) -> psycopg.Connection:
        u = make_url(self.url)
        return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password,
                               autocommit=True)

    def rij(self, table, row_id, kolom):
        with self.system.engine.connect() as conn:
            return conn.execute(select(table.c[kolom]).where(table.c.id == row_id)).scalar_one()

    def van_dossier(self, dossier_id):
        """(aanmelding, jeugdige, gezin) of a dossier."""
        aid = self.rij(D, dossier_id, "aanmelding_id")
        jid = self.rij(A, aid, "jeugdige_id")
        return aid, jid, self.rij(J, jid, "gezin_id")


@pytest.fixture
def server(pg_url, jet) -> Server:
    """Anouk and Bram (jeugdconsulenten), Tessa (teamleider), Frits (functioneel beheerder), each a login with
    password WW; Anouk's dossier (Eva), Bram's with Anouk second person (Tim), Bram's alone (Olga, with a gezinslid
    and a BSN), Wout on the wachtlijst, Hanna handed over to the Wmo."""
    teamserver.init(pg_url, "frits.beheer", "Frits Beheer", WW, extra=teamserverfuncties.installeer)
    system = Store.open(pg_url, user="test", migrate=False)
    assert system.teamserver
    ids = {}
    for naam, gebruikersnaam, rol in (("Anouk de Vries", "anouk", Rol.CONSULENT), ("Bram Jansen", "bram", Rol.CONSULENT),
                                      ("Tessa Leider", "tessa", Rol.TEAMLEIDER)):
        ids[gebruikersnaam] = teamserver.gebruiker(system, gebruikersnaam, naam, rol, WW, start=False)
    medewerker = Aanmelding.__table__.metadata.tables["medewerker"]
    with system.engine.connect() as conn:
        ids["frits.beheer"] = conn.execute(select(medewerker.c.id).where(
            medewerker.c.gebruikersnaam == "frits.beheer")).scalar_one()
    eigen = jet.dossier(system, ids["anouk"], voornaam="Eva", achternaam="Eigen")
    tweede = jet.dossier(system, ids["bram"], tweede_consulent_id=ids["anouk"], voornaam="Tim", achternaam="Tweede")
    ander = jet.dossier(system, ids["bram"], voornaam="Olga", achternaam="Ander", bsn="111222333")
    wachtend = jet.wachtend(system, voornaam="Wout", achternaam="Wacht")
    overgedragen = jet.aanmelding(system, voornaam="Hanna", achternaam="Overgedragen").aanmelding_id
    jet.besluit(system, overgedragen, uitkomst="ander_domein", organisatie="Wmo-loket")
    from jet_desktop.services import dossiers

    for d in (eigen, ander):
        dossiers.voeg_contactmoment_toe(system, d, jet.vandaag, "huisbezoek", 60, "Gesprek met moeder.", jet.vandaag)
    s = Server(pg_url, system, ids, eigen, tweede, ander, wachtend, overgedragen)
    _aid, _jid, gezin_olga = s.van_dossier(ander)
    with s.admin() as c:
        c.execute("INSERT INTO gezinslid (id, version, created_at, updated_at, updated_by, gezin_id, naam, relatie, "
                  "gezag, telefoon) VALUES (gen_random_uuid(), 1, now(), now(), '', %s, 'Moeder Ander', 'ouder', true, "
                  "'0612345678')", (gezin_olga,))
    yield s
    system.engine.dispose()
