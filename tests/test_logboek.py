"""The one log: <data dir>/logs/jet-desktop.log, rotated daily, 14 kept, the level from --log-level,
only our own loggers, tracebacks without the exception's text, no BSN."""

import logging
import logging.handlers
import os

import pytest

from jet_desktop import cli, logboek

NAAM_EN_BSN, NOTITIE = "Jan Jansen 123456782", "notitie: gesprek met moeder"


@pytest.fixture(autouse=True)
def _los():
    yield
    logboek.stop()
    logging.getLogger(logboek.LOGGER).setLevel(logging.NOTSET)


def _tekst() -> str:
    for h in logging.getLogger(logboek.LOGGER).handlers:
        h.flush()
    return logboek.pad().read_text(encoding="utf-8")


def test_the_log_lives_in_the_data_dir_and_rotates_daily_keeping_14(tmp_path, monkeypatch):
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path))
    assert logboek.start("info") == tmp_path / "logs" / "jet-desktop.log"
    logging.getLogger("jet_desktop.test").info("een regel")
    assert (logboek.pad().stat().st_mode & 0o777) == 0o600  # for its owner only
    handler, = [h for h in logging.getLogger(logboek.LOGGER).handlers
                if isinstance(h, logging.handlers.TimedRotatingFileHandler)]
    assert handler.when == "MIDNIGHT" and handler.backupCount == logboek.BEWAARD == 14
    for dag in range(1, 21):  # twenty old days; a rollover keeps fourteen
        (tmp_path / "logs" / f"jet-desktop.log.2026-10-{dag:02d}").write_text("oud\n")
    handler.rolloverAt = 0  # midnight has passed
    logging.getLogger("jet_desktop.test").info("na middernacht")
    oud = sorted(p.name for p in (tmp_path / "logs").iterdir() if p.name != "jet-desktop.log")
    assert len(oud) == 14 and "jet-desktop.log.2026-10-01" not in oud
    assert "na middernacht" in _tekst() and "een regel" not in _tekst()
    assert (logboek.pad().stat().st_mode & 0o777) == 0o600  # the new file too


def test_log_level_flag_sets_the_level_default_info(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("JET_LOG_LEVEL", raising=False)
    monkeypatch.setattr(cli, "_run", lambda _a: logging.getLogger("jet_desktop.x").debug("fijnmazig") or 0)
    assert cli.main(["monitor", "--van", "2026-01-01", "--tot", "2026-06-30"]) == 0
    assert logging.getLogger(logboek.LOGGER).level == logging.INFO
    assert "gestart: opdracht monitor" in _tekst() and "fijnmazig" not in _tekst()
    assert cli.main(["--log-level", "debug", "monitor", "--van", "2026-01-01", "--tot", "2026-06-30"]) == 0
    assert logging.getLogger(logboek.LOGGER).level == logging.DEBUG and "fijnmazig" in _tekst()
    assert cli.main(["--log-level", "error", "monitor", "--van", "2026-01-01", "--tot", "2026-06-30"]) == 0
    assert _tekst().count("gestart") == 2  # info is not written at level error
    with pytest.raises(SystemExit):
        cli.main(["--log-level", "alles", "monitor"])
    assert "--log-level" in capsys.readouterr().err


def test_a_traceback_in_the_log_leaves_out_the_exception_text_and_any_bsn(tmp_path, monkeypatch):
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path))
    logboek.start("debug")
    log = logging.getLogger("jet_desktop.test")

    def opslaan():
        raise KeyError(NAAM_EN_BSN)  # the source line shows code, never the value

    try:
        try:
            opslaan()
        except KeyError as exc:
            raise RuntimeError(NOTITIE) from exc
    except RuntimeError:
        log.exception("Opslaan mislukt")
    log.info("bsn %s per ongeluk", "123456782")  # a careless call: the filter catches it
    tekst = _tekst()
    assert "Opslaan mislukt" in tekst and "Traceback" in tekst and "in opslaan" in tekst and "KeyError" in tekst
    assert "RuntimeError" in tekst and "directe oorzaak" in tekst
    assert "Jansen" not in tekst and "123456782" not in tekst and "moeder" not in tekst
    assert "bsn [BSN?] per ongeluk" in tekst
    assert os.sep + "home" + os.sep not in tekst  # no folders above the package (they may hold a user name)


def test_the_text_of_code_errors_is_kept():
    try:
        None.naam  # noqa: B018
    except AttributeError as exc:
        assert "has no attribute 'naam'" in logboek.beschrijving(exc)
    assert logboek.beschrijving(OSError(28, "No space left on device", "/home/jan/x.pdf")) == "OSError (ENOSPC)"


def test_libraries_never_write_to_our_log_not_even_sqlalchemy_at_debug(tmp_path, monkeypatch):
    from sqlalchemy import text

    from jet_desktop.storage.engine import make_engine

    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path))
    logboek.start("debug")
    logging.getLogger("jet_desktop.test").debug("eigen regel")
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (naam TEXT)"))
        conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": "Jan Jansen"})
        conn.execute(text("SELECT naam FROM t")).all()
    engine.dispose()
    logging.getLogger("sqlalchemy.engine").warning("van een bibliotheek")
    tekst = _tekst()
    assert "eigen regel" in tekst and "Jansen" not in tekst and "INSERT" not in tekst and "bibliotheek" not in tekst


@pytest.mark.parametrize("url", ["sqlite://", "postgresql+psycopg://jet@127.0.0.1:1/jet"])
def test_engines_hide_parameters_and_postgres_pings_before_use(url):
    from jet_desktop.storage.engine import make_engine

    engine = make_engine(url)
    assert engine.hide_parameters and not engine.echo
    if url.startswith("postgresql"):
        assert engine.pool._pre_ping  # a connection the server dropped is replaced, not handed out
    engine.dispose()


def test_a_data_dir_that_cannot_hold_the_log_does_not_stop_the_start(tmp_path, monkeypatch):
    (tmp_path / "bestand").write_text("")
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path / "bestand"))  # a file, not a folder
    assert logboek.start("info") is None and not logboek.actief()
    logging.getLogger("jet_desktop.test").error("gaat nergens heen")


def test_tail_of_the_log(tmp_path, monkeypatch):
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path))
    assert logboek.staart() == ""
    logboek.start("info")
    for i in range(50):
        logging.getLogger("jet_desktop.test").info("regel %d", i)
    _tekst()
    staart = logboek.staart(regels=10)
    assert staart.count("\n") == 9 and staart.endswith("regel 49")
