"""Chart widgets and the period picker: what the Monitor and Matched-care screens are built from."""

from datetime import date, timedelta

from PySide6.QtGui import QColor

from jet_desktop.domain.dates import kwartaal
from jet_desktop.domain.grafiekschaal import nette_stap
from jet_desktop.ui.charts import BLAUW, ROOD, LijnGrafiek, Staaf, StaafGrafiek
from jet_desktop.ui.period_picker import PeriodeKiezer


def colours(widget) -> set[str]:
    img = widget.grab().toImage()
    return {QColor(img.pixel(x, y)).name() for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)}


def test_axis_steps_are_round_and_never_below_one():
    assert nette_stap(3) == 1
    assert nette_stap(47) == 10
    assert nette_stap(1837) == 500
    assert nette_stap(0) == 1


def test_bar_over_its_reference_is_red_and_others_blue(qtbot):
    chart = StaafGrafiek("Caseload", referentie_naam="capaciteit")
    qtbot.addWidget(chart)
    chart.resize(500, 240)
    chart.set_data([Staaf("Anouk", 12, 16)])
    assert BLAUW.name() in colours(chart) and ROOD.name() not in colours(chart)
    chart.set_data([Staaf("Anouk", 19, 16)])
    assert ROOD.name() in colours(chart)


def test_line_chart_paints_a_series_and_says_when_empty(qtbot):
    chart = LijnGrafiek("Wachtlijst")
    qtbot.addWidget(chart)
    chart.resize(500, 260)
    chart.set_data([])
    assert BLAUW.name() not in colours(chart)
    chart.set_data([(date(2026, 1, 5) + timedelta(weeks=i), 40 + i % 7) for i in range(52)])
    assert BLAUW.name() in colours(chart)


def test_kwartaal_bounds():
    assert kwartaal(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert kwartaal(2024, 1)[1] == date(2024, 3, 31)
    assert kwartaal(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))


def test_period_picker_quarter_year_and_custom(qtbot):
    picker = PeriodeKiezer(date(2026, 11, 25))
    qtbot.addWidget(picker)
    assert picker.periode() == (date(2026, 10, 1), date(2026, 12, 31))  # the current quarter
    with qtbot.waitSignal(picker.changed) as sig:
        picker.soort.setCurrentIndex(picker.soort.findData("jaar"))
    assert sig.args == [date(2026, 1, 1), date(2026, 12, 31)]
    picker.soort.setCurrentIndex(picker.soort.findData("aangepast"))
    picker.van.setText("01-03-2026")
    picker.tot.setText("28-02-2026")
    assert picker.periode() is None and "vóór" in picker.melding.text()
    picker.tot.setText("31-03-2026")
    assert picker.periode() == (date(2026, 3, 1), date(2026, 3, 31))
