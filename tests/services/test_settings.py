"""Team settings: validated together and saved in one transaction (nothing half-saved)."""

import pytest

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import settings


def test_defaults_until_something_is_saved(sqlite_store):
    waarden = settings.alle(sqlite_store)
    assert waarden["publicatie_drempel"] == 5
    assert waarden["rapport_naamweergave"] == "initialen"
    assert settings.instellingen(sqlite_store).normen.start_dagen[Urgentie.NORMAAL] == 28


def test_put_many_saves_all_values(any_store):
    settings.put_many(any_store, {"team_naam": "JET Noord", "publicatie_drempel": 10,
                                  "norm_start_dagen": {"spoed": 2, "hoog": 10, "normaal": 21}})
    assert settings.get(any_store, "team_naam") == "JET Noord"
    assert settings.get(any_store, "publicatie_drempel") == 10
    assert settings.instellingen(any_store).normen.start_dagen[Urgentie.SPOED] == 2


def test_one_bad_value_saves_nothing_and_names_each_field(any_store):
    with pytest.raises(ValidationError) as exc:
        settings.put_many(any_store, {"team_naam": "JET Noord", "publicatie_drempel": 0, "organisatie_naam": " ",
                                      "norm_start_dagen": {"spoed": 30, "hoog": 14, "normaal": 28}})
    fields = {e.field: e.message for e in exc.value.errors}
    assert set(fields) == {"publicatie_drempel", "organisatie_naam", "norm_start_normaal"}
    assert "spoed ≤ hoog ≤ normaal" in fields["norm_start_normaal"]
    assert settings.get(any_store, "team_naam") == "Jeugdexpertteam"  # the good value was not saved either


def test_a_wrong_naamweergave_is_refused(sqlite_store):
    errors = settings.valideer({"rapport_naamweergave": "bsn"})
    assert [e.field for e in errors] == ["rapport_naamweergave"]


def test_all_settings_are_read_in_one_query(any_store):
    from sqlalchemy import event

    settings.put_many(any_store, {"team_naam": "JET Noord", "norm_triage_werkdagen": 6})
    settings.alle(any_store)  # a pooled connection, so connect-time statements are not counted below
    queries = []

    def tel(conn, cursor, statement, *args):
        queries.append(statement)

    event.listen(any_store.engine, "before_cursor_execute", tel)
    try:
        team = settings.instellingen(any_store)
        waarden = settings.alle(any_store)
    finally:
        event.remove(any_store.engine, "before_cursor_execute", tel)
    assert len(queries) == 2, queries  # one each
    assert (team.team_naam, team.norm_triage_werkdagen, team.caseload_norm_per_fte) == ("JET Noord", 6, 16.0)
    assert isinstance(team.caseload_norm_per_fte, float) and waarden["norm_triage_werkdagen"] == 6


@pytest.mark.parametrize("key, waarde, label", [
    ("publicatie_drempel", 0, "Drempel voor publicatie"), ("backups_bewaren", 366, "Reservekopieën bewaren"),
    ("bewaartermijn_jaren", 10, "Bewaartermijn dossiers"), ("caseload_norm_per_fte", 100.5, "Caseloadnorm"),
    ("norm_triage_werkdagen", 61, "Triagenorm"),
])
def test_a_value_outside_the_registry_range_is_refused_with_the_label(sqlite_store, key, waarde, label):
    with pytest.raises(ValidationError) as exc:
        settings.put(sqlite_store, key, waarde)
    [fout] = exc.value.errors
    assert fout.field == key and fout.message.startswith(f"{label}: vul ") and "tot en met" in fout.message
    assert settings.alle(sqlite_store)[key] == settings.DEFAULTS[key]  # nothing saved


def test_a_stored_value_of_the_wrong_kind_reads_as_the_default(sqlite_store):
    with sqlite_store.engine.begin() as conn:
        settings._write(conn, sqlite_store, "publicatie_drempel", "veel")
        conn.execute(settings.T.insert().values(sqlite_store.new_row(sleutel="backups_bewaren", waarde="{kapot")))
    team = settings.instellingen(sqlite_store)
    assert (team.publicatie_drempel, team.backups_bewaren) == (5, 14)
    with pytest.raises(KeyError):
        settings.get(sqlite_store, "bestaat_niet")
