"""Property-based tests (hypothesis) of the domain validation: BSN, birth/due dates and ages, the
wachttijd clock rules and the urgentie rules of a triagebesluit.

Every property compares the code with a rule written out independently here (domain.md, docs/wachttijd.md),
or checks an invariant the rules imply (a single typo in a BSN is always caught, a younger child is never
refused where an older one is accepted, waiting longer never makes a signal weaker).
"""

from datetime import date, timedelta

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from jet_desktop.codelists import uit_bestanden
from jet_desktop.domain.age import MAX_LEEFTIJD_JAREN, leeftijd_fouten, leeftijd_tekst
from jet_desktop.domain.bsn import bsn_error, normalize_bsn
from jet_desktop.domain.dates import add_months, full_years, working_days_between
from jet_desktop.domain.enums import TriageUitkomst, Urgentie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.tekst import heeft_verboden_teken
from jet_desktop.domain.wachttijd import (
    Signaal,
    WachttijdNormen,
    in_weken,
    start_signaal,
    triage_signaal,
    wachtlijst_sleutel,
    wachttijd_dagen,
)
from jet_desktop.services.aanmeldingen import AanmeldingInvoer, valideer
from jet_desktop.services.triage import MIN_MOTIVERING, BesluitInvoer, valideer_besluit

DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31))
NORMEN = WachttijdNormen()
STERKTE = {Signaal.GEEN: 0, Signaal.LET_OP: 1, Signaal.OVERSCHREDEN: 2}
BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


# -- BSN ------------------------------------------------------------------------------------------------------

def elfproef(number: str) -> bool:
    """domain.md: nine digits, weights 9..2 and -1, sum divisible by 11 (written out independently)."""
    if len(number) != 9 or any(c not in "0123456789" for c in number):
        return False
    return sum(w * int(d) for w, d in zip(BSN_WEIGHTS, number)) % 11 == 0


@st.composite
def geldige_bsns(draw) -> str:
    """A nine-digit number that passes the eleven-test: eight digits and the check digit they need."""
    eerste = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    controle = sum(w * d for w, d in zip(BSN_WEIGHTS, eerste)) % 11  # the -1 weight: last digit == sum mod 11
    assume(controle < 10 and any(eerste))
    return "".join(map(str, eerste)) + str(controle)


def met_scheidingstekens(draw, number: str) -> str:
    """The number as a user may type it: spaces, dots or hyphens between the digits, spaces around it."""
    delen = []
    for c in number:
        delen.append(c)
        delen.append(draw(st.sampled_from(["", "", "", " ", ".", "-"])))
    return draw(st.sampled_from(["", " "])) + "".join(delen) + draw(st.sampled_from(["", " ", "  "]))


def assert_bsn_fout(error, field="bsn"):
    assert isinstance(error, FieldError)
    assert error.field == field
    assert error.message.startswith("BSN:") and "elfproef" in error.message


@settings(max_examples=200)
@given(st.text(alphabet="0123456789 .-", max_size=14) | st.text(max_size=14))
@example("１１１２２２３３３")  # full-width digits, as some input methods type them
@example("12345672")
def test_every_accepted_bsn_passes_the_independent_eleven_test(value):
    if bsn_error(value) is None and value.strip():
        number = normalize_bsn(value)
        assert elfproef(number) and number != "000000000"


@settings(max_examples=150)
@given(st.data())
def test_generated_valid_bsns_pass_also_with_separators(data):
    number = data.draw(geldige_bsns())
    assert bsn_error(number) is None
    typed = met_scheidingstekens(data.draw, number)
    assert bsn_error(typed) is None
    assert normalize_bsn(typed) == number


@settings(max_examples=200)
@given(geldige_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_a_single_digit_typo_in_a_valid_bsn_is_always_refused(number, positie, verschil):
    """11 is prime and every weight is 1..9 in size, so changing one digit always breaks the sum."""
    nieuw = (int(number[positie]) + verschil) % 10
    getypt = number[:positie] + str(nieuw) + number[positie + 1:]
    assert getypt != number
    assert_bsn_fout(bsn_error(getypt))


@settings(max_examples=200)
@given(geldige_bsns(), st.integers(0, 7))
def test_swapping_two_different_neighbouring_digits_is_always_refused(number, positie):
    a, b = number[positie], number[positie + 1]
    assume(a != b)
    getypt = number[:positie] + b + a + number[positie + 2:]
    assert_bsn_fout(bsn_error(getypt))


@settings(max_examples=150)
@given(geldige_bsns())
def test_eight_digits_are_read_with_a_leading_zero_and_only_that(number):
    """An eight-digit number gets ONE leading zero (domain.md); a seven-digit one is never padded to pass."""
    if number.startswith("0"):
        acht = number[1:]
        assert normalize_bsn(acht) == number
        assert bsn_error(acht) is None
    zeven = number.lstrip("0")[:7]
    assert_bsn_fout(bsn_error(zeven))


@settings(max_examples=300)
@given(st.text(max_size=30), st.sampled_from(["bsn", "bsn_ouder"]))
def test_any_input_gives_none_or_a_dutch_bsn_error_and_never_raises(value, field):
    error = bsn_error(value, field=field)
    assert error is None or (error.field == field and error.message.startswith("BSN:"))
    if any(c.isalpha() for c in value):
        assert error is not None  # a letter never belongs in a BSN (also not an O for a 0)


@settings(max_examples=100)
@given(geldige_bsns(), st.sampled_from("aOlI_/,+xX"), st.integers(0, 9))
def test_a_letter_or_odd_sign_inside_a_valid_bsn_is_refused(number, teken, positie):
    assert_bsn_fout(bsn_error(number[:positie] + teken + number[positie:]))


# -- ages: -9 months (unborn) .. 27 years --------------------------------------------------------------------

def verwacht_leeftijd(born: date, on: date) -> int:
    """Completed years, counted the long way: birthdays (month, day) passed."""
    n = 0
    while (born.year + n + 1, born.month, born.day) <= (on.year, on.month, on.day):
        n += 1
    return n


@settings(max_examples=200)
@given(DATES, DATES)
def test_full_years_counts_the_birthdays_passed(born, on):
    assume(born <= on)
    assert full_years(born, on) == verwacht_leeftijd(born, on)


@settings(max_examples=200)
@given(DATES, DATES, st.integers(0, 3000))
def test_age_never_decreases_as_time_passes_and_never_increases_for_a_later_birth(born, on, dagen):
    assume(born <= on)
    assert full_years(born, on) <= full_years(born, on + timedelta(days=dagen))
    later = born + timedelta(days=dagen)
    if later <= on:
        assert full_years(later, on) <= full_years(born, on)


@settings(max_examples=300)
@given(DATES, DATES)
def test_birth_date_is_accepted_exactly_from_0_to_27_completed_years(geboren, peildatum):
    fouten = leeftijd_fouten(geboren, None, peildatum)
    binnen = geboren <= peildatum and verwacht_leeftijd(geboren, peildatum) <= MAX_LEEFTIJD_JAREN
    if binnen:
        assert fouten == []
    else:
        assert [f.field for f in fouten] == ["geboortedatum"]
        assert fouten[0].message.startswith("Geboortedatum:")
        assert ("na de aanmelddatum" if geboren > peildatum else f"ouder dan {MAX_LEEFTIJD_JAREN} jaar") \
            in fouten[0].message


@settings(max_examples=300)
@given(DATES, st.integers(-400, 600))
def test_due_date_is_accepted_exactly_after_the_aanmelddatum_up_to_nine_months(peildatum, dagen):
    verwacht = peildatum + timedelta(days=dagen)
    fouten = leeftijd_fouten(None, verwacht, peildatum)
    if peildatum < verwacht <= add_months(peildatum, 9):
        assert fouten == []
    else:
        assert [f.field for f in fouten] == ["uitgerekende_datum"]
        assert fouten[0].message.startswith("Uitgerekende datum:")


@settings(max_examples=200)
@given(DATES, st.integers(0, 40 * 366), st.integers(0, 40 * 366))
def test_a_younger_child_is_never_refused_where_an_older_one_is_accepted(peildatum, ouder, jonger):
    ouder, jonger = max(ouder, jonger), min(ouder, jonger)
    if leeftijd_fouten(peildatum - timedelta(days=ouder), None, peildatum) == []:
        assert leeftijd_fouten(peildatum - timedelta(days=jonger), None, peildatum) == []


@settings(max_examples=200)
@given(DATES, st.one_of(st.none(), DATES), st.one_of(st.none(), DATES))
def test_exactly_one_of_birth_and_due_date_is_required(peildatum, geboren, verwacht):
    fouten = leeftijd_fouten(geboren, verwacht, peildatum)
    assert len(fouten) <= 1
    assert all(f.message.split(":")[0] in ("Geboortedatum", "Uitgerekende datum") for f in fouten)
    if geboren is not None and verwacht is not None:
        assert [f.field for f in fouten] == ["uitgerekende_datum"] and "niet beide" in fouten[0].message
    if geboren is None and verwacht is None:
        assert [f.field for f in fouten] == ["geboortedatum"] and "verplicht" in fouten[0].message


@settings(max_examples=200)
@given(DATES, DATES)
def test_leeftijd_tekst_is_never_negative_and_switches_to_years_at_two(geboren, peildatum):
    assume(geboren <= peildatum)
    tekst = leeftijd_tekst(geboren, None, peildatum)
    getal, eenheid = tekst.split(" ")
    assert int(getal) >= 0
    assert eenheid == ("jr" if full_years(geboren, peildatum) >= 2 else "mnd")
    if eenheid == "jr":
        assert int(getal) == full_years(geboren, peildatum)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(-30, 30))
def test_an_aanmelding_outside_the_target_group_is_refused_naming_the_birth_date(geboren, extra_dagen):
    """Through the service validation the user gets: the field geboortedatum, a Dutch message, no exception."""
    vandaag = date(2026, 11, 25)
    invoer = AanmeldingInvoer(voornaam="Sem", achternaam="Jansen", geboortedatum=geboren,
                              verwijzer_route="huisarts", aanmelddatum=vandaag - timedelta(days=abs(extra_dagen)),
                              hulpvraag="Zorgen over gedrag.")
    fouten = valideer(invoer, vandaag, uit_bestanden())  # the seeded code lists
    buiten = geboren > invoer.aanmelddatum or verwacht_leeftijd(geboren, invoer.aanmelddatum) > MAX_LEEFTIJD_JAREN
    velden = [f.field for f in fouten]
    assert velden == (["geboortedatum"] if buiten else [])
    if fouten:
        assert ValidationError(fouten).for_field("geboortedatum").startswith("Geboortedatum:")


# -- wachttijd (docs/wachttijd.md) ----------------------------------------------------------------------------

@settings(max_examples=200)
@given(DATES, DATES)
def test_wachttijd_is_whole_days_since_aanmelding_and_never_negative(aanmeld, peil):
    dagen = wachttijd_dagen(aanmeld, peil)
    assert dagen == max((peil - aanmeld).days, 0) >= 0
    weken = in_weken(dagen)
    assert weken >= 0 and abs(weken * 7 - dagen) <= 0.35 + 1e-9  # one decimal


@settings(max_examples=200)
@given(DATES, DATES, st.integers(0, 500))
def test_wachttijd_grows_with_the_peildatum(aanmeld, peil, dagen):
    later = peil + timedelta(days=dagen)
    assert wachttijd_dagen(aanmeld, peil) <= wachttijd_dagen(aanmeld, later)
    if peil >= aanmeld:
        assert wachttijd_dagen(aanmeld, later) - wachttijd_dagen(aanmeld, peil) == dagen


normen_strategie = st.builds(
    lambda s, h, n, triage, fractie: WachttijdNormen(triage, {Urgentie.SPOED: s, Urgentie.HOOG: s + h,
                                                               Urgentie.NORMAAL: s + h + n}, fractie),
    st.integers(0, 30), st.integers(0, 60), st.integers(0, 60), st.integers(0, 20),
    st.floats(0.1, 1.0, allow_nan=False),
) | st.just(NORMEN)


@settings(max_examples=300)
@given(st.sampled_from(list(Urgentie)), DATES, st.integers(-20, 200), st.integers(0, 100), normen_strategie)
def test_start_signaal_follows_the_norm_and_never_weakens_with_time(urgentie, aanmeld, dagen, extra, normen):
    peil = aanmeld + timedelta(days=dagen)
    signaal = start_signaal(urgentie, aanmeld, peil, normen)
    norm = normen.start_dagen[urgentie]
    wacht = max(dagen, 0)
    assert (signaal is Signaal.OVERSCHREDEN) == (wacht > norm)
    if signaal is not Signaal.OVERSCHREDEN:
        let_op = urgentie is Urgentie.SPOED or wacht >= norm * normen.waarschuwing_fractie
        assert signaal is (Signaal.LET_OP if let_op else Signaal.GEEN)
    if urgentie is Urgentie.SPOED:
        assert signaal is not Signaal.GEEN  # spoed never waits silently
    later = start_signaal(urgentie, aanmeld, peil + timedelta(days=extra), normen)
    assert STERKTE[later] >= STERKTE[signaal]


@settings(max_examples=200)
@given(DATES, st.integers(0, 200), normen_strategie)
def test_a_more_urgent_aanmelding_never_shows_a_weaker_signal_for_the_same_wait(aanmeld, dagen, normen):
    peil = aanmeld + timedelta(days=dagen)
    s, h, n = (STERKTE[start_signaal(u, aanmeld, peil, normen)] for u in (Urgentie.SPOED, Urgentie.HOOG,
                                                                          Urgentie.NORMAAL))
    assert s >= h >= n


@settings(max_examples=200)
@given(DATES, st.integers(-10, 60), st.integers(0, 30), normen_strategie)
def test_triage_signaal_counts_working_days_and_never_weakens_with_time(aanmeld, dagen, extra, normen):
    peil = aanmeld + timedelta(days=dagen)
    werkdagen = sum(1 for i in range(1, dagen + 1) if (aanmeld + timedelta(days=i)).weekday() < 5)
    assert working_days_between(aanmeld, peil) == werkdagen
    signaal = triage_signaal(aanmeld, peil, normen)
    assert (signaal is Signaal.OVERSCHREDEN) == (werkdagen > normen.triage_werkdagen)
    later = triage_signaal(aanmeld, peil + timedelta(days=extra), normen)
    assert STERKTE[later] >= STERKTE[signaal]


@settings(max_examples=150)
@given(st.lists(st.tuples(st.sampled_from(list(Urgentie)), DATES, st.text("0123456789", max_size=5)), max_size=30))
def test_wachtlijst_order_is_urgentie_then_oldest_first(rijen):
    geordend = sorted(rijen, key=lambda r: wachtlijst_sleutel(*r))
    rangen = [u.rank for u, _, _ in geordend]
    assert rangen == sorted(rangen)
    assert [u for u, _, _ in geordend if u is Urgentie.SPOED] == [u for u, _, _ in geordend][:rangen.count(0)]
    for (u1, d1, _), (u2, d2, _) in zip(geordend, geordend[1:]):
        if u1 is u2:
            assert d1 <= d2


# -- urgentie rules of a triagebesluit (services/triage.valideer_besluit) ---------------------------------------

UITKOMSTEN = [u.value for u in TriageUitkomst]
URGENTIES = [u.value for u in Urgentie]
LABELS = {"uitkomst": "Uitkomst:", "urgentie": "Urgentie:", "motivering": "Motivering:",
          "organisatie": "Organisatie:", "besloten_op": "Besluitdatum:"}


@settings(max_examples=400)
@given(
    st.sampled_from(UITKOMSTEN) | st.text(max_size=12),
    st.sampled_from(URGENTIES) | st.sampled_from(["Spoed", "SPOED", " spoed", "urgent", ""]) | st.text(max_size=8),
    st.text(max_size=20) | st.just("Gezin heeft kortdurende steun nodig."),
    st.text(max_size=10) | st.just("Veilig Thuis"),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
)
def test_besluit_validation_matches_the_documented_rules(uitkomst, urgentie, motivering, organisatie, besloten_op):
    aanmelddatum, vandaag = date(2026, 5, 1), date(2026, 9, 1)
    fouten = valideer_besluit(BesluitInvoer(uitkomst, urgentie, motivering, besloten_op, organisatie),
                              aanmelddatum, vandaag)
    verwacht = set()
    if uitkomst not in UITKOMSTEN:
        verwacht.add("uitkomst")
    if urgentie not in URGENTIES:  # exactly spoed, hoog or normaal: no other spelling is stored
        verwacht.add("urgentie")
    if len(motivering.strip()) < MIN_MOTIVERING:
        verwacht.add("motivering")
    if uitkomst in ("voorliggend_veld", "veiligheid", "ander_domein") and not organisatie.strip():
        verwacht.add("organisatie")
    if heeft_verboden_teken(motivering):  # control characters (domain/tekst.py); newlines are fine here
        verwacht.add("motivering")
    if heeft_verboden_teken(organisatie) or any(c in organisatie for c in "\t\n\r\u2028\u2029"):  # one line
        verwacht.add("organisatie")
    if not aanmelddatum <= besloten_op <= vandaag:
        verwacht.add("besloten_op")
    assert {f.field for f in fouten} == verwacht
    assert len(fouten) == len(verwacht)  # one message per field
    for f in fouten:
        assert f.message.startswith(LABELS[f.field])


def test_urgentie_ranks_are_a_total_order_with_spoed_first():
    assert sorted(Urgentie, key=lambda u: u.rank) == [Urgentie.SPOED, Urgentie.HOOG, Urgentie.NORMAAL]
    assert len({u.rank for u in Urgentie}) == len(Urgentie)
