"""The anonymous figures on the team server (reports/teamcijfers.py): a jeugdconsulent's and a functioneel
beheerder's login, which cannot read the team's dossiers, get the team's monitor, chart series, matched care
and costs through the server's count functions, equal to what the teamleider (who reads every row, and
for whom opschaling and stapeling are decided by the Python rules) gets on the same demo data; with plain
SQL the functions hand back counts and nothing else; a server that lacks this version's functions says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import psycopg
import pytest
from sqlalchemy import update
from sqlalchemy.engine import make_url

from jet_desktop.demo.generator import generate
from jet_desktop.domain.enums import Rol
from jet_desktop.reports import matched_care, monitor, monitor_reeksen, teamcijfers, teamserverfuncties
from jet_desktop.services import inloggen, teamserver
from jet_desktop.storage.models import CodeIntensiteit
from jet_desktop.storage.store import Store, TeamserverVersieFout

WW = "Een-Lang-Wachtwoord-2026"
VANDAAG = date(2026, 11, 30)
JAAR = (date(2025, 12, 1), VANDAAG)  # a long period (monitor_lang)
KWARTAAL = (date(2026, 9, 1), VANDAAG)  # a short one (monitor_kort)


@pytest.fixture
def demo(pg_url):
    """A team server with 400 demo jeugdigen and a login for a consulent, the teamleider and the beheerder."""
    generate(pg_url, jeugdigen=400, seed=3, vandaag=VANDAAG)
    teamserver.init(pg_url, "frits.beheer", "Frits Beheer", WW, extra=teamserverfuncties.installeer)
    system = Store.open(pg_url, user="test", migrate=False)
    teamserver.gebruiker(system, "carla", "Carla Consulent", Rol.CONSULENT, WW, start=False)
    teamserver.gebruiker(system, "tessa", "Tessa Leider", Rol.TEAMLEIDER, WW, start=False)
    teamserver.gebruiker(system, "frits", "Frits Beheer", Rol.BEHEERDER, WW, start=False)  # the demo has its own
    server = make_url(pg_url)._replace(username=None, password=None).render_as_string(hide_password=False)
    sessies = {naam: inloggen.open_sessie(naam, WW, url=server) for naam in ("carla", "tessa", "frits")}
    yield pg_url, system, sessies
    for s in (system, *sessies.values()):
        s.engine.dispose()


def _frames(mc: matched_care.MatchedCare) -> dict:
    return {titel: df.to_dict("split") for titel, df in mc.dimensies} | {
        "per_regel": mc.stapeling_per_regel.to_dict("split"), "kosten": mc.kosten_per_jaar.to_dict("split")}


def test_a_consulent_and_the_beheerder_get_the_teams_figures_from_the_server(demo):
    _, system, s = demo
    carla, tessa, frits = s["carla"], s["tessa"], s["frits"]
    for periode in (JAAR, KWARTAAL):
        team = monitor.bereken(tessa, *periode)
        assert sum(r.jeugdigen_gezien for r in team.rijen) > 50
        for wie in (carla, frits):
            assert monitor.bereken(wie, *periode).rijen == team.rijen
            assert monitor_reeksen.wachtlijst_per_week(wie, *periode) == monitor_reeksen.wachtlijst_per_week(tessa, *periode)
            assert (monitor_reeksen.doorverwijzingen_per_vorm(wie, *periode)
                    == monitor_reeksen.doorverwijzingen_per_vorm(tessa, *periode))
    # matched care: opschaling and stapeling counted in SQL for her, by the domain's rules for the teamleider
    leider = matched_care.bereken(tessa, *JAAR)
    assert leider.opschaling.opgeschaald > 0 and leider.stapeling.verticaal_paren + leider.stapeling.horizontaal_paren > 0
    assert leider.opschaling_lijst  # the teamleider's figures come from the lists
    for wie in (carla, frits):
        mc = matched_care.bereken(wie, *JAAR)
        assert mc.opschaling_lijst == [] and mc.stapeling_lijst == []  # counts only
        assert (mc.totaal_toewijzingen, mc.totaal_jeugdigen, mc.totaal_kosten, mc.dvo) == (
            leider.totaal_toewijzingen, leider.totaal_jeugdigen, leider.totaal_kosten, leider.dvo)
        assert mc.opschaling == leider.opschaling
        assert mc.stapeling == leider.stapeling
        assert _frames(mc) == _frames(leider)
    # the functions count what the report's own queries count when run directly (IT's login, RLS bypassed)
    direct = replace(system, teamserver=False)
    assert monitor.bereken(direct, *JAAR).rijen == monitor.bereken(carla, *JAAR).rijen
    assert monitor_reeksen.wachtlijst_per_week(direct, *JAAR) == monitor_reeksen.wachtlijst_per_week(carla, *JAAR)
    zelf = matched_care.bereken(direct, *JAAR)
    assert (_frames(zelf), zelf.opschaling, zelf.stapeling) == (_frames(leider), leider.opschaling, leider.stapeling)
    # and her own login's rows alone would have given less: the count is not hers
    with carla.engine.connect() as conn:
        zichtbaar = conn.exec_driver_sql("SELECT count(*) FROM toewijzing").scalar()
    assert zichtbaar < leider.totaal_toewijzingen


def test_the_counts_follow_a_code_list_edit_without_a_new_init(demo):
    """The functions read the store's code lists when they run: an intensiteit made heavier by the beheerder
    changes the opschaling count for the consulent as it does for the teamleider."""
    _, system, s = demo
    voor = matched_care.bereken(s["carla"], *JAAR).opschaling
    with system.engine.begin() as conn:
        conn.execute(update(CodeIntensiteit.__table__).values(niveau=0))  # every niveau the same: no step up
    na = matched_care.bereken(s["carla"], *JAAR).opschaling
    assert voor.opgeschaald > 0 and na.opgeschaald == 0
    assert na == matched_care.bereken(s["tessa"], *JAAR).opschaling


def _sql(pg_url: str, gebruikersnaam: str) -> psycopg.Connection:
    u = make_url(pg_url)
    return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=gebruikersnaam, password=WW,
                           autocommit=True)


def test_with_plain_sql_the_functions_give_counts_and_cannot_be_replaced(demo):
    pg_url, system, _ = demo
    functies = {t.naam: teamcijfers._definitie(t)[0].split("(")[0] for t in teamcijfers.tellingen()}
    with _sql(pg_url, "carla") as conn:
        rijen = conn.execute(f"SELECT r FROM {functies['monitor_lang']}(%s, %s) r", JAAR).fetchall()
        assert rijen and all(set(r[0]) == {f"k{i}" for i in range(16)} for r in rijen)  # per toegangsvorm
        assert all(isinstance(v, (str, int)) for r in rijen for v in r[0].values())  # a name, or a count
        for sql in (f"CREATE OR REPLACE FUNCTION {functies['mc_totalen']}(date, date) RETURNS SETOF jsonb "
                    "LANGUAGE sql AS $$ SELECT to_jsonb(j) FROM jeugdige j $$",
                    f"ALTER FUNCTION {functies['mc_totalen']}(date, date) SECURITY INVOKER",
                    "CREATE FUNCTION jet_tel_eigen() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
    teamserver.gebruiker(system, "nieuw", "Nina Nieuw", Rol.CONSULENT, WW, start=True)  # a start password:
    with _sql(pg_url, "nieuw") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):  # shows nothing
        conn.execute(f"SELECT * FROM {functies['mc_totalen']}(%s, %s)", JAAR)
    u = make_url(pg_url)  # a login that is no medewerker of JET Desktop (no role of it) may not call them
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True) as admin:
        admin.execute("CREATE ROLE vreemd LOGIN PASSWORD 'Vreemd-Wachtwoord-2026'")
        admin.execute("GRANT CONNECT ON DATABASE " + u.database + " TO vreemd")
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="vreemd",
                         password="Vreemd-Wachtwoord-2026", autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"SELECT * FROM {functies['mc_totalen']}(%s, %s)", JAAR)


def test_a_server_without_this_versions_functions_says_so_in_dutch(demo):
    pg_url, _, s = demo
    t = next(t for t in teamcijfers.tellingen() if t.naam == "mc_totalen")
    handtekening = teamcijfers._definitie(t)[0]
    u = make_url(pg_url)
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True) as admin:
        admin.execute(f"DROP FUNCTION {handtekening}")  # as if init ran with another version's queries
    with pytest.raises(TeamserverVersieFout, match="jet-desktop teamserver init"):
        matched_care.bereken(s["carla"], *JAAR)
    teamserver.init(pg_url, extra=teamserverfuncties.installeer)  # IT runs init: the function is back
    assert matched_care.bereken(s["carla"], *JAAR).totaal_toewijzingen > 0


def test_opschaling_and_stapeling_in_sql_decide_as_the_rules_do_on_random_edges(demo):
    """Random toewijzingen on the demo's dossiers (same start days, gaps of exactly binnen_dagen, open ends)
    under a random stapeling table (wildcards against specific rules, ended rules): the
    server's SQL counts equal the domain's rules for three periods."""
    import random

    from sqlalchemy import select

    from jet_desktop.storage.models import CodeStapeling, Dossier, Toewijzing

    _, system, s = demo
    rng = random.Random(12)
    categorieen = ["41", "43", "45", "47"]
    with system.engine.begin() as conn:
        dossiers = conn.execute(select(Dossier.__table__.c.id).limit(25)).scalars().all()
        conn.execute(CodeStapeling.__table__.update().values(geldig_tot=date(2000, 1, 1)))  # ended: not counted
        gezien: set = set()
        for volgorde in range(1, 13):
            soort = rng.choice(["verticaal", "horizontaal"])
            a, b = rng.choice(categorieen + ["*"]), rng.choice(categorieen + ["*"])
            if (soort, frozenset((a, b)) if soort == "verticaal" else (a, b)) in gezien:
                continue  # the table allows one rule per combination
            gezien.add((soort, frozenset((a, b)) if soort == "verticaal" else (a, b)))
            conn.execute(CodeStapeling.__table__.insert().values(system.new_row(
                categorie_a=a, categorie_b=b, soort=soort,
                binnen_dagen=rng.choice([0, 1, 5, 30]) if soort == "horizontaal" else None,
                toegestaan=rng.random() < 0.3, omschrijving=f"regel {volgorde}", volgorde=volgorde,
                geldig_tot=rng.choice([None, None, date(2026, 10, 1)]))))
        for dossier in dossiers:
            start = date(2026, rng.randint(1, 11), rng.randint(1, 28))
            for _ in range(rng.randint(2, 5)):
                eind = rng.choice([None, start, date.fromordinal(start.toordinal() + rng.randint(0, 40))])
                conn.execute(Toewijzing.__table__.insert().values(system.new_row(
                    dossier_id=dossier, productcategorie=rng.choice(categorieen), product="",
                    intensiteit=rng.choice(["licht", "middel", "zwaar"]), aanbieder="fjild", startdatum=start,
                    einddatum=eind, geschatte_kosten=500, contractvorm="profiel", dvo_motivering="", deleted_at=None)))
                # the next one starts the same day, right after this one ends (gap 1), or some days later
                start = date.fromordinal((eind or start).toordinal() + rng.choice([0, 1, 1, 5, 30]))
    gevonden = []
    for periode in (JAAR, KWARTAAL, (date(2026, 1, 1), date(2026, 3, 31))):
        leider, consulent = matched_care.bereken(s["tessa"], *periode), matched_care.bereken(s["carla"], *periode)
        assert consulent.opschaling == leider.opschaling
        assert consulent.stapeling == leider.stapeling
        assert _frames(consulent) == _frames(leider)
        gevonden.append(leider.stapeling)
    assert gevonden[0].horizontaal_paren > 0 and gevonden[0].verticaal_paren > 0  # the year has both kinds
