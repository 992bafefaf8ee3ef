"""Team settings: validated together and saved in one transaction (nothing half-saved)."""

import pytest

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import settings


def test_defaults_until_something_is_saved(sqlite_store):
    waarden = settings.alle(sqlite_store)
    assert waarden["publicatie_drempel"] == 5
    assert waarden["rapport_naamweergave"] == "initialen"
    assert settings.normen(sqlite_store).start_dagen[Urgentie.NORMAAL] == 28


def test_put_many_saves_all_values(any_store):
    settings.put_many(any_store, {"team_naam": "JET Noord", "publicatie_drempel": 10,
                                  "norm_start_dagen": {"spoed": 2, "hoog": 10, "normaal": 21}})
    assert settings.get(any_store, "team_naam") == "JET Noord"
    assert settings.get(any_store, "publicatie_drempel") == 10
    assert settings.normen(any_store).start_dagen[Urgentie.SPOED] == 2


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
