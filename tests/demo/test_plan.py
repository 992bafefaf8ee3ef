"""The demo's plan (jet_desktop/demo/plan.py): team, intake and dossier lengths that belong together at
every size, checked without generating (300,000 jeugdigen included); tests/demo/test_realisme.py checks
that generated stores come out as planned."""

from datetime import date

import pytest

from jet_desktop.demo.plan import (
    MIN_CONSULENTEN,
    PlanFout,
    gemiddelde_capaciteit,
    maak_plan,
    max_wachtlijst,
)

VANDAAG = date(2026, 11, 25)
GROOTTES = (500, 2_000, 10_000, 100_000, 300_000)


@pytest.mark.parametrize("jeugdigen", GROOTTES)
def test_dossiers_last_months_and_the_team_is_as_big_as_its_work(jeugdigen):
    p = maak_plan(jeugdigen, VANDAAG)
    assert 90 <= p.duur_afgesloten <= 240 and 120 <= p.duur_gemiddeld <= 200  # months, at every size
    assert p.consulenten >= MIN_CONSULENTEN
    # the active caseload the intake and lengths give is the team's capacity (FTE x norm), within 15 %
    assert 0.85 * p.capaciteit <= p.actief <= 1.15 * p.capaciteit
    assert p.teamleiders >= 1 and p.consulenten / p.teamleiders <= 25
    assert 1 <= p.afwezig < p.consulenten
    # a normal team: about a month of JET intake waits, no crisis
    assert p.crisis_dagen == 0 and p.benutting == 1.0 and p.wachtlijst is None
    assert 2 * p.jet_per_dag <= p.wachtend + 3 <= 45 * p.jet_per_dag
    assert 0.8 * p.jet_per_dag <= p.starts_per_dag <= 1.1 * p.jet_per_dag  # the starts lag the (autumn) intake


def test_team_grows_with_the_intake():
    plans = [maak_plan(n, VANDAAG) for n in GROOTTES]
    assert [p.consulenten for p in plans] == sorted(p.consulenten for p in plans)
    # proportional above the minimum: ten times the jeugdigen, ten times the team (within 10 %)
    klein, groot = maak_plan(10_000, VANDAAG), maak_plan(100_000, VANDAAG)
    assert 9 <= groot.consulenten / klein.consulenten <= 11
    assert 9.5 <= groot.aanmeldingen / klein.aanmeldingen <= 10.5
    assert 500 <= groot.consulenten <= 1000 and 1500 <= maak_plan(300_000, VANDAAG).consulenten <= 3000


def test_a_team_in_a_crisis_is_smaller_than_its_intake_needs():
    normaal = maak_plan(100_000, VANDAAG)
    crisis = maak_plan(100_000, VANDAAG, wachtlijst=50_000)
    assert crisis.wachtend == 50_000 and crisis.wachtlijst == 50_000
    assert 0 < crisis.crisis_dagen <= (VANDAAG - crisis.start).days
    assert 0.1 <= crisis.benutting < 0.5
    assert crisis.consulenten < normaal.consulenten / 2
    assert 0.85 * crisis.capaciteit <= crisis.actief <= 1.15 * crisis.capaciteit  # still at its norm
    assert crisis.starts_per_dag < 0.5 * crisis.jet_per_dag
    assert 90 <= crisis.duur_afgesloten <= 240
    # a small crisis: a shorter one, most of the intake still started
    klein = maak_plan(10_000, VANDAAG, wachtlijst=1_000)
    assert 0 < klein.crisis_dagen < 365 and klein.benutting > 0.5


def test_the_longest_wachtlijst_grows_with_the_size_and_more_is_refused():
    assert max_wachtlijst(100_000, VANDAAG) >= 50_000  # the long-list benchmark store
    assert max_wachtlijst(500, VANDAAG) < max_wachtlijst(2_000, VANDAAG) < max_wachtlijst(300_000, VANDAAG)
    m = max_wachtlijst(2_000, VANDAAG)
    maak_plan(2_000, VANDAAG, wachtlijst=m)
    with pytest.raises(PlanFout, match=r"--wachtlijst: bij 2\.000 jeugdigen kunnen hoogstens"):
        maak_plan(2_000, VANDAAG, wachtlijst=m + 1)


def test_a_team_norm_of_its_own_changes_the_team_not_the_work():
    standaard, ruim = maak_plan(10_000, VANDAAG), maak_plan(10_000, VANDAAG, norm=20.0)
    assert ruim.actief == pytest.approx(standaard.actief)
    assert ruim.consulenten < standaard.consulenten
    assert gemiddelde_capaciteit(20.0) > gemiddelde_capaciteit(16.0)
