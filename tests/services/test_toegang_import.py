"""Import of the other toegangsvormen' registrations: file formats, all-or-nothing, re-imports."""

import hashlib
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from jet_desktop.demo.toegang import schrijf_toegang_bestand
from jet_desktop.domain.toegang_rijen import RijFout
from jet_desktop.services import toegang_import
from jet_desktop.services.toegang_bestand import BestandFout, csv_rijen, lees_bestand, lees_tekst, scheidingsteken
from jet_desktop.services.toegang_import import ImportFout, importeer
from jet_desktop.storage.models import ToegangImport, ToegangTraject

T, I = ToegangTraject.__table__, ToegangImport.__table__
KOP = "toegangsvorm,client_id,startdatum,einddatum,gesprekken,uitkomst"


def trajecten(store):
    with store.engine.connect() as conn:
        rows = conn.execute(select(T.c.toegangsvorm, T.c.client_id, T.c.startdatum, T.c.einddatum, T.c.gesprekken,
                                   T.c.uitkomst, T.c.version).order_by(T.c.toegangsvorm, T.c.client_id,
                                                                        T.c.startdatum)).all()
    return [tuple(r) for r in rows]


def alles(store, table):
    """Every column of every row, to prove a table did not change at all."""
    with store.engine.connect() as conn:
        return sorted(tuple(str(v) for v in r) for r in conn.execute(select(table)).all())


def schrijf(tmp_path, naam, tekst, encoding="utf-8"):
    path = tmp_path / naam
    path.write_bytes(tekst.encode(encoding))
    return path


# -- file formats ---------------------------------------------------------------------------------------------

def test_utf8_with_bom_and_comma(sqlite_store, tmp_path):
    path = schrijf(tmp_path, "poh.csv", f"{KOP}\r\nPOH Jeugd,C1,01-02-2019,15-03-2019,3,zelf geholpen\r\n"
                                        "POH Jeugd,C2,2019-02-03,,1,\r\n", "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    r = importeer(sqlite_store, path)
    assert (r.rijen, r.nieuw, r.bijgewerkt, r.ongewijzigd, r.al_ingelezen) == (2, 2, 0, 0, False)
    assert trajecten(sqlite_store) == [
        ("poh_jeugd", "C1", date(2019, 2, 1), date(2019, 3, 15), 3, "zelf_geholpen", 1),
        ("poh_jeugd", "C2", date(2019, 2, 3), None, 1, "", 1),
    ]
    assert r.samenvatting == "poh.csv: 2 trajecten ingelezen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd."


def test_semicolon_as_dutch_excel_writes_it_with_quoted_fields(sqlite_store, tmp_path):
    path = schrijf(tmp_path, "jo.csv", "toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"
                                       'Jeugdondersteuner;"C;1";01-02-2019;08-02-2019;2;"voorliggend veld"\n'
                                       ";;;;;\n"
                                       "Amaryllis;C2;01-02-2019;;0;\n")
    r = importeer(sqlite_store, path)
    assert r.rijen == 2
    assert [t[:2] for t in trajecten(sqlite_store)] == [("amaryllis", "C2"), ("jeugdondersteuner", "C;1")]


def test_cp1252_as_excel_on_windows_saves_csv(sqlite_store, tmp_path):
    tekst = f"{KOP.replace(',', ';')}\nAmaryllis;Anaïs-Zoë Çelik;01-02-2019;01-03-2019;4;gestopt\n"
    path = schrijf(tmp_path, "amaryllis.csv", tekst, "cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8
    importeer(sqlite_store, path)
    assert trajecten(sqlite_store)[0][1] == "Anaïs-Zoë Çelik"


def test_utf16_tab_separated_unicode_text(sqlite_store, tmp_path):
    path = schrijf(tmp_path, "poh.txt", f"{KOP.replace(',', chr(9))}\nPOH Jeugd\tÉmile\t01-02-2019\t\t2\t\n", "utf-16")
    importeer(sqlite_store, path)
    assert trajecten(sqlite_store) == [("poh_jeugd", "Émile", date(2019, 2, 1), None, 2, "", 1)]


def test_excel_sep_line_is_honoured(tmp_path):
    uitslag = lees_tekst(f"sep=,\n{KOP}\nPOH Jeugd,C1,01-02-2019,,2,\nPOH Jeugd,C1,01-02-2019,,x,\n")
    assert [(f.rij, f.kolom) for f in uitslag.fouten] == [(3, "client_id"), (3, "gesprekken")]


def test_separator_is_sniffed_from_the_header_line():
    assert scheidingsteken("a;b;c") == ";" and scheidingsteken("a,b,c") == "," and scheidingsteken("a\tb") == "\t"
    assert scheidingsteken("toegangsvorm") == ","
    assert list(csv_rijen('a;b\n"x;y";"z ""q"""\n')) == [["a", "b"], ["x;y", 'z "q"']]


def test_xlsx_with_real_date_cells(sqlite_store, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(KOP.split(","))
    ws.append(["POH Jeugd", 1001, datetime(2019, 2, 1), datetime(2019, 2, 20, 0, 0), 3.0, "zelf geholpen"])
    ws.append(["Amaryllis", "C2", date(2019, 3, 1), None, 2, None])
    ws.append(["Jeugdondersteuner", "C3", "05-03-2019", "2019-04-01", "1", "Gestopt"])  # dates typed as text
    for cel in ("C2", "D2", "C3"):
        ws[cel].number_format = "dd-mm-yyyy"
    path = tmp_path / "registratie.xlsx"
    wb.save(path)
    r = importeer(sqlite_store, path)
    assert (r.rijen, r.nieuw) == (3, 3)
    assert trajecten(sqlite_store) == [
        ("amaryllis", "C2", date(2019, 3, 1), None, 2, "", 1),
        ("jeugdondersteuner", "C3", date(2019, 3, 5), date(2019, 4, 1), 1, "gestopt", 1),
        ("poh_jeugd", "1001", date(2019, 2, 1), date(2019, 2, 20), 3, "zelf_geholpen", 1),
    ]


def test_xlsx_errors_name_the_excel_row(sqlite_store, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(KOP.split(","))
    ws.append(["POH Jeugd", "C1", date(2019, 2, 1), date(2019, 1, 1), 2.5, "gestopt"])
    path = tmp_path / "fout.xlsx"
    wb.save(path)
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    assert [str(f) for f in exc.value.fouten] == [
        "rij 2, kolom einddatum: de einddatum 01-01-2019 ligt vóór de startdatum 01-02-2019",
        "rij 2, kolom gesprekken: 2.5 is geen heel getal",
    ]


@pytest.mark.parametrize("inhoud, deel", [
    (b"", "is leeg"),
    (b"\x00\x01\x02binary\x00junk" * 50, "geen CSV- of XLSX-bestand"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Excel-bestand (.xls)"),
    (b"PK\x03\x04 not really a zip", "geen geldig Excel-bestand"),
    (b"%PDF-1.7\n\x81\x8d\x8f\x90\x9d\n", "geen leesbare tekst"),
])
def test_a_file_that_is_neither_csv_nor_xlsx_gets_a_clear_message(sqlite_store, tmp_path, inhoud, deel):
    path = tmp_path / "raar.csv"
    path.write_bytes(inhoud)
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    assert deel in exc.value.melding and exc.value.fouten == []
    assert alles(sqlite_store, I) == []


def test_a_zip_that_is_no_workbook(sqlite_store, tmp_path):
    import zipfile

    path = tmp_path / "archief.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("iets.txt", "hallo")
    with pytest.raises(ImportFout, match="geen geldig Excel-bestand"):
        importeer(sqlite_store, path)


def test_a_missing_file(sqlite_store, tmp_path):
    with pytest.raises(ImportFout, match="bestaat niet"):
        importeer(sqlite_store, tmp_path / "weg.csv")


# -- all-or-nothing, re-import, update (SQLite and PostgreSQL) ------------------------------------------------

EERSTE = (f"{KOP}\n"
          "POH Jeugd,C1,01-02-2019,,2,\n"
          "POH Jeugd,C2,01-02-2019,20-02-2019,2,zelf geholpen\n"
          "Amaryllis,C3,05-02-2019,,1,\n")


def test_a_rejected_file_changes_nothing(any_store, tmp_path):
    importeer(any_store, schrijf(tmp_path, "eerste.csv", EERSTE))
    voor_t, voor_i = alles(any_store, T), alles(any_store, I)
    assert len(voor_t) == 3 and len(voor_i) == 1
    # good rows that would update C1 and add C4, and one bad row at the very end
    slecht = schrijf(tmp_path, "slecht.csv", f"{KOP}\n"
                                             "POH Jeugd,C1,01-02-2019,01-03-2019,5,via jeugdexpertteam\n"
                                             "POH Jeugd,C4,01-02-2019,,1,\n"
                                             "Amaryllis,C5,01-02-2019,,-1,\n")
    with pytest.raises(ImportFout) as exc:
        importeer(any_store, slecht, progress=lambda d, t: pytest.fail("nothing may be saved"))
    assert [str(f) for f in exc.value.fouten] == ["rij 4, kolom gesprekken: -1 gesprekken kan niet: het aantal is 0 "
                                                  "of meer"]
    assert "niet ingelezen: 1 fout in 1 rij" in exc.value.melding and "niets opgeslagen" in exc.value.melding
    assert alles(any_store, T) == voor_t
    assert alles(any_store, I) == voor_i
    with pytest.raises(ImportFout):  # a rejected file is not remembered: it is rejected again, not "al ingelezen"
        importeer(any_store, slecht)


def test_a_failure_while_writing_rolls_back_everything(any_store, tmp_path, monkeypatch):
    importeer(any_store, schrijf(tmp_path, "eerste.csv", EERSTE))
    voor_t, voor_i = alles(any_store, T), alles(any_store, I)
    monkeypatch.setattr(toegang_import, "BATCH", 1)
    calls = []

    def progress(done, total):
        calls.append(done)
        if done == 2:
            raise RuntimeError("stroom uitgevallen")

    tekst = EERSTE.replace(",,2,", ",01-03-2019,3,gestopt,").replace("C3", "C9")
    with pytest.raises(RuntimeError):
        importeer(any_store, schrijf(tmp_path, "tweede.csv", tekst), progress=progress)
    assert calls == [0, 1, 2]  # two rows were written in the transaction ...
    assert alles(any_store, T) == voor_t  # ... and rolled back
    assert alles(any_store, I) == voor_i
    # the same file imports fine afterwards (no temporary table or lock left behind on the pooled connection)
    r = importeer(any_store, tmp_path / "tweede.csv")
    assert (r.nieuw, r.bijgewerkt, r.ongewijzigd) == (1, 1, 1)


def test_the_same_file_twice_adds_nothing(any_store, tmp_path):
    path = schrijf(tmp_path, "eerste.csv", EERSTE)
    eerste = importeer(any_store, path)
    voor = alles(any_store, T)
    kopie = tmp_path / "kopie met andere naam.csv"
    kopie.write_bytes(path.read_bytes())
    tweede = importeer(any_store, kopie)
    assert tweede.al_ingelezen and (tweede.rijen, tweede.nieuw, tweede.bijgewerkt) == (3, 0, 0)
    assert tweede.samenvatting.startswith("kopie met andere naam.csv: dit bestand is al ingelezen op ")
    assert tweede.ingelezen_op is not None
    assert alles(any_store, T) == voor
    with any_store.engine.connect() as conn:
        assert conn.execute(select(I.c.bestandsnaam, I.c.sha256, I.c.rijen, I.c.nieuw, I.c.bijgewerkt)).all() == [
            ("eerste.csv", hashlib.sha256(path.read_bytes()).hexdigest(), 3, 3, 0)]
    assert not eerste.al_ingelezen


def test_a_later_export_updates_the_trajecten_it_repeats(any_store, tmp_path):
    from jet_desktop.storage.store import Store

    importeer(any_store, schrijf(tmp_path, "januari.csv", EERSTE))
    later = Store(any_store.engine, user="Beheerder Import")
    # C1 now closed, C2 unchanged, C3 one more talk, C6 new; rows in another order, another separator
    tekst = ("toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"
             "Amaryllis;C6;2019-03-01;;1;\n"
             "Amaryllis;C3;05-02-2019;;2;\n"
             "POH Jeugd;C2;2019-02-01;2019-02-20;2;Zelf geholpen\n"
             "poh jeugd;C1;1-2-2019;1-3-2019;4;via jeugdexpertteam\n")
    r = importeer(later, schrijf(tmp_path, "maart.csv", tekst))
    assert (r.rijen, r.nieuw, r.bijgewerkt, r.ongewijzigd) == (4, 1, 2, 1)
    assert r.samenvatting == "maart.csv: 4 trajecten ingelezen: 1 nieuw, 2 bijgewerkt, 1 ongewijzigd."
    assert trajecten(any_store) == [
        ("amaryllis", "C3", date(2019, 2, 5), None, 2, "", 2),
        ("amaryllis", "C6", date(2019, 3, 1), None, 1, "", 1),
        ("poh_jeugd", "C1", date(2019, 2, 1), date(2019, 3, 1), 4, "via_jeugdexpertteam", 2),
        ("poh_jeugd", "C2", date(2019, 2, 1), date(2019, 2, 20), 2, "zelf_geholpen", 1),
    ]
    with any_store.engine.connect() as conn:
        imports = dict(conn.execute(select(I.c.bestandsnaam, I.c.id)).all())
        stamps = {r.client_id: r for r in conn.execute(select(T.c.client_id, T.c.updated_by, T.c.import_id,
                                                              T.c.created_at, T.c.updated_at))}
        assert conn.execute(select(I.c.nieuw, I.c.bijgewerkt).where(I.c.bestandsnaam == "maart.csv")).one() == (1, 2)
    assert {c: (s.updated_by, s.import_id) for c, s in stamps.items()} == {
        "C1": ("Beheerder Import", imports["maart.csv"]), "C2": ("Test Gebruiker", imports["januari.csv"]),
        "C3": ("Beheerder Import", imports["maart.csv"]), "C6": ("Beheerder Import", imports["maart.csv"])}
    assert stamps["C1"].updated_at > stamps["C1"].created_at
    assert stamps["C2"].updated_at == stamps["C2"].created_at


def test_progress_is_reported_per_batch(sqlite_store, tmp_path, monkeypatch):
    monkeypatch.setattr(toegang_import, "BATCH", 2)
    calls = []
    rows = "".join(f"POH Jeugd,C{i},01-02-2019,,1,\n" for i in range(5))
    importeer(sqlite_store, schrijf(tmp_path, "vijf.csv", f"{KOP}\n{rows}"), progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]


def test_many_errors_are_all_reported(sqlite_store, tmp_path):
    rows = "".join(f"POH Jeugd,C{i},01-02-2019,,{-i - 1},\n" for i in range(1500))
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, schrijf(tmp_path, "veel.csv", f"{KOP}\n{rows}"))
    assert len(exc.value.fouten) == 1500
    assert exc.value.fouten[-1] == RijFout(1501, "gesprekken", "-1500 gesprekken kan niet: het aantal is 0 of meer")
    assert exc.value.regels()[1] == "rij 2, kolom gesprekken: -1 gesprekken kan niet: het aantal is 0 of meer"
    assert len(str(exc.value)) < 300  # the exception text is the summary, not 1500 lines


# -- the demo file is valid, realistic and reproducible -------------------------------------------------------

def test_demo_files_import_cleanly_and_reproducibly(any_store, tmp_path):
    van, tot = date(2019, 1, 1), date(2019, 12, 31)
    a, b, x = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "a.xlsx"
    assert schrijf_toegang_bestand(a, 2000, seed=4, van=van, tot=tot) == 2000
    schrijf_toegang_bestand(b, 2000, seed=4, van=van, tot=tot)
    assert a.read_bytes() == b.read_bytes()
    schrijf_toegang_bestand(x, 300, seed=4, van=van, tot=tot, formaat="xlsx")
    r = importeer(any_store, a)
    assert (r.rijen, r.nieuw) == (2000, 2000)
    rows = trajecten(any_store)
    assert {t[0] for t in rows} == {"poh_jeugd", "jeugdondersteuner", "amaryllis"}
    assert all(van <= t[2] <= tot and (t[3] is None or t[2] <= t[3] <= tot) and 1 <= t[4] <= 12 for t in rows)
    lopend = sum(t[3] is None for t in rows)
    assert 0.03 * 2000 <= lopend <= 0.09 * 2000
    poh = [t for t in rows if t[0] == "poh_jeugd" and t[5]]
    zelf = sum(t[5] == "zelf_geholpen" for t in poh) / len(poh)
    door = sum(t[5] in ("specialistische_jeugdhulp", "via_jeugdexpertteam") for t in poh) / len(poh)
    assert 0.35 < zelf < 0.47 and 0.41 < door < 0.53
    assert len({t[1] for t in rows}) < 2000  # some jeugdigen have two trajecten
    # the XLSX holds the first 300 of the same trajecten (same seed), as real date cells
    r = importeer(any_store, x)
    assert (r.rijen, r.nieuw, r.ongewijzigd) == (300, 0, 300)


# -- property: random or mutated CSV text never crashes the reader -----------------------------------------

GOEDE_TEKST = (f"{KOP}\nPOH Jeugd,C1,01-02-2019,15-03-2019,3,zelf geholpen\n"
               "Amaryllis;C2;2019-02-01;;0;\n\"Jeugdondersteuner\",\"C3\",1-2-2019,,2,\n")


def _controleer(uitslag):
    assert bool(uitslag.trajecten) != bool(uitslag.fouten)
    assert all(f.rij >= 1 and f.melding for f in uitslag.fouten)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_csv_text_never_crashes(tekst):
    try:
        _controleer(lees_tekst(tekst))
    except BestandFout as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(GOEDE_TEKST)), st.integers(0, 8),
                          st.text(alphabet=',;"\n\r\t -0123456789abcPOH\x00é', max_size=4)), max_size=6))
def test_mutated_csv_text_never_crashes(mutaties):
    tekst = GOEDE_TEKST
    for plek, weg, nieuw in mutaties:
        plek = min(plek, len(tekst))
        tekst = tekst[:plek] + nieuw + tekst[plek + weg:]
    try:
        _controleer(lees_tekst(tekst))
    except BestandFout as exc:
        assert str(exc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(data):
    try:
        _controleer(lees_bestand(data, "x.csv"))
    except BestandFout as exc:
        assert str(exc)


# -- the right, the audit line and the limits (issue 9) ------------------------------------------------------

def _audit(store):
    from jet_desktop.storage.models import Auditregel

    R = Auditregel.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(R.c.actie, R.c.objecttype, R.c.object_id, R.c.omschrijving, R.c.rol)
                            .where(R.c.objecttype == "toegangimport")).all()


@pytest.mark.parametrize("rol", ["CONSULENT", "TEAMLEIDER"])
def test_only_the_beheerder_and_the_system_may_import(sqlite_store, tmp_path, rol):
    import uuid
    from dataclasses import replace

    from jet_desktop.domain.enums import Rol
    from jet_desktop.services.autorisatie import GeenToegang

    path = schrijf(tmp_path, "poh.csv", f"{KOP}\nPOH Jeugd,C1,01-02-2019,,3,\n")
    medewerker = replace(sqlite_store, user="Anouk de Vries", user_id=uuid.uuid4(), rol=Rol[rol])
    with pytest.raises(GeenToegang, match="functioneel beheerder"):
        importeer(medewerker, path)
    with pytest.raises(GeenToegang):
        toegang_import.importeer_bytes(medewerker, path.read_bytes(), "poh.csv")
    assert trajecten(sqlite_store) == [] and alles(sqlite_store, I) == []
    geweigerd = _audit(sqlite_store)  # each refusal is a GEWEIGERD line, without the file's name
    assert [r.actie for r in geweigerd] == ["geweigerd", "geweigerd"]
    assert all(r.rol == Rol[rol].value for r in geweigerd)
    assert all("poh" not in r.omschrijving.lower() for r in geweigerd)
    beheerder = replace(sqlite_store, user="Eliza Beheer", user_id=uuid.uuid4(), rol=Rol.BEHEERDER)
    assert importeer(beheerder, path).nieuw == 1


def test_a_stored_import_writes_one_audit_line_without_the_file_name(sqlite_store, tmp_path):
    path = schrijf(tmp_path, "trajecten Jan Jansen.csv",
                   f"{KOP}\nPOH Jeugd,C1,01-02-2019,,3,\nAmaryllis,C2,01-02-2019,,1,\n")
    r = importeer(sqlite_store, path)
    (regel,) = _audit(sqlite_store)
    assert regel.actie == "aanmaken"
    with sqlite_store.engine.connect() as conn:
        import_id = conn.execute(select(I.c.id)).scalar_one()
    assert regel.actie == "aanmaken" and regel.object_id == str(import_id) and regel.rol == "systeem"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert sha[:16] in regel.omschrijving and "2 trajecten" in regel.omschrijving
    assert "Jansen" not in regel.omschrijving and "C1" not in regel.omschrijving
    assert importeer(sqlite_store, path).al_ingelezen and r.nieuw == 2
    assert len(_audit(sqlite_store)) == 1  # the same file again writes nothing, no line either
    fout = schrijf(tmp_path, "fout.csv", f"{KOP}\nGGD,C1,01-02-2019,,3,\n")
    with pytest.raises(ImportFout):
        importeer(sqlite_store, fout)
    assert len(_audit(sqlite_store)) == 1  # a rejected file: nothing written, no line


def test_the_audit_line_rolls_back_with_a_failed_import(sqlite_store, tmp_path, monkeypatch):
    from jet_desktop.services import audit

    def kapot(*_a, **_k):
        raise RuntimeError("schijf weg")

    monkeypatch.setattr(audit, "schrijf", kapot)
    path = schrijf(tmp_path, "poh.csv", f"{KOP}\nPOH Jeugd,C1,01-02-2019,,3,\n")
    with pytest.raises(RuntimeError):
        importeer(sqlite_store, path)
    assert trajecten(sqlite_store) == [] and alles(sqlite_store, I) == []  # all or nothing, with its line


def test_a_file_past_the_byte_limit_is_refused_before_it_is_read(sqlite_store, tmp_path, monkeypatch):
    from jet_desktop.services import toegang_bestand

    monkeypatch.setattr(toegang_import, "MAX_BESTAND", 1000)
    monkeypatch.setattr(toegang_bestand, "MAX_BESTAND", 1000)
    path = schrijf(tmp_path, "groot.csv", KOP + "\n" + "POH Jeugd,C1,01-02-2019,,3,\n" * 100)
    with pytest.raises(ImportFout, match=r"groot.csv is te groot: .* MB, de grens is 0 MB .*Splits het bestand"):
        importeer(sqlite_store, path)
    with pytest.raises(ImportFout, match="te groot"):
        toegang_import.importeer_bytes(sqlite_store, path.read_bytes(), "groot.csv")
    assert alles(sqlite_store, I) == []


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_a_file_past_the_row_limit_is_refused_while_reading(sqlite_store, tmp_path, monkeypatch, formaat):
    from jet_desktop.services import toegang_bestand

    monkeypatch.setattr(toegang_bestand, "MAX_RIJEN", 50)
    goed, te_veel = tmp_path / f"goed.{formaat}", tmp_path / f"te-veel.{formaat}"
    schrijf_toegang_bestand(goed, 50, seed=1, van=date(2019, 1, 1), tot=date(2019, 12, 31), formaat=formaat)
    schrijf_toegang_bestand(te_veel, 51, seed=1, van=date(2019, 1, 1), tot=date(2019, 12, 31), formaat=formaat)
    with pytest.raises(ImportFout, match=r"te-veel\.\w+' heeft meer dan 50 rijen; de grens is 50 trajecten"):
        importeer(sqlite_store, te_veel)
    assert alles(sqlite_store, I) == [] and trajecten(sqlite_store) == []
    assert importeer(sqlite_store, goed).rijen == 50


def test_the_limits_are_documented():
    from pathlib import Path

    from jet_desktop.services.toegang_bestand import MAX_BESTAND, MAX_RIJEN

    doc = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    assert f"{MAX_BESTAND // 1024 // 1024} MB" in doc and f"{MAX_RIJEN:,}".replace(",", ".") in doc
