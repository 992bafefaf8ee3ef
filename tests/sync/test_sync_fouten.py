"""Faults during a sync (issue 13): the `jet-desktop sync` process killed with SIGKILL at random moments, and
the connection lost mid-sync or refused; after a restart the sync completes with 0 lost and 0 duplicated
changes. Also the command line as a consulent uses it."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date

import pytest
from sqlalchemy import select
from teamserver.team import WW

from jet_desktop.services import dossiers, synchroniseren
from jet_desktop.storage.models import Contactmoment
from sync.laptops import WZ, meenemen, open_laptop, sync

CM = Contactmoment.__table__
VANDAAG = date(2026, 11, 25)


def _cli(*argv, env_extra=None, **kw):
    env = {**os.environ, "JET_PASSPHRASE": WZ, "JET_SERVER_WACHTWOORD": WW, "PYTHONUNBUFFERED": "1",
           **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "jet_desktop", *argv], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _notities(server) -> list[str]:
    with server.system.engine.connect() as conn:
        return list(conn.execute(select(CM.c.notitie).where(CM.c.notitie.like("Bezoek %"))).scalars())


def test_the_command_line_takes_along_syncs_and_reports(server, tmp_path):
    pad = tmp_path / "laptop.db"
    p = _cli("sync", "meenemen", "--url", server.server_url(), "--gebruiker", "anouk", "--db", str(pad))
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert "2 dossier(s) meegenomen" in out
    laptop = open_laptop(pad, "anouk")
    dossiers.voeg_contactmoment_toe(laptop, server.eigen, VANDAAG, "huisbezoek", 30, "Bezoek via cli.", VANDAAG)
    laptop.engine.dispose()
    p = _cli("sync", "status", "--db", str(pad), "--format", "json")
    status = json.loads(p.communicate(timeout=60)[0])
    assert status["wachtend"] == 1 and status["geweigerd"] == 0 and status["conflicten"] == 0
    assert status["apparaat_id"] and status["medewerker_id"] == str(server.ids["anouk"])
    assert status["laatste_volledige_sync"] and status["alles_verzonden"] is False
    p = _cli("sync", "--db", str(pad))
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert "1 wijziging(en) verzonden: 1 toegepast" in out and "Alles verzonden" in out
    assert _notities(server) == ["Bezoek via cli."]
    # bad input: a Dutch message and exit code 2, no traceback
    p = _cli("sync", "--db", str(tmp_path / "nergens.db"))
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 2 and "bestaat niet" in err and "Traceback" not in err
    p = _cli("sync", "status", "--db", str(pad), env_extra={"JET_PASSPHRASE": "verkeerd-verkeerd"})
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "wachtwoordzin" in err.lower() and "Traceback" not in err


@pytest.mark.timeout(900)  # 50 processes started and killed (about 100 s on an idle 2-core machine)
def test_sigkill_at_50_random_moments_loses_and_duplicates_nothing(server, tmp_path):
    pad = meenemen(server, "anouk", tmp_path / "laptop.db")
    rnd = random.Random(13)
    geschreven: list[str] = []
    # how long one sync takes here, so the kills fall in it (the start-up included)
    laptop = open_laptop(pad, "anouk")
    laptop.engine.dispose()
    t0 = time.monotonic()
    p = _cli("sync", "--db", str(pad))
    p.communicate(timeout=120)
    duur = time.monotonic() - t0
    gedood, fasen = 0, {"verzenden": 0, "ophalen": 0}
    for ronde in range(50):
        # a third of the rounds aim at the push (more work, killed just after it starts), a third at the pull,
        # a third at any moment of the run (start-up, sign-in, between the server's commit and the ack, …)
        doel = ("verzenden", "ophalen", None)[ronde % 3]
        laptop = open_laptop(pad, "anouk")
        for i in range(rnd.randint(40, 80) if doel == "verzenden" else rnd.randint(1, 4)):
            notitie = f"Bezoek {ronde}.{i}"
            dossiers.voeg_contactmoment_toe(laptop, rnd.choice([server.eigen, server.tweede]), VANDAAG, "huisbezoek",
                                            30, notitie, VANDAAG)
            geschreven.append(notitie)
        laptop.engine.dispose()
        p = _cli("sync", "--db", str(pad))
        gezien = ""
        if doel is None:
            time.sleep(rnd.uniform(0.3 * duur, 1.05 * duur))
        else:
            while (regel := p.stdout.readline()) and doel not in regel:  # '' : it ended first
                gezien += regel
            gezien += regel
            time.sleep(rnd.uniform(0, 0.05 if doel == "verzenden" else 0.3))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            gedood += 1
            uit = gezien + p.communicate(timeout=60)[0]
            if "ophalen" in uit:
                fasen["ophalen"] += 1
            elif "verzenden" in uit:
                fasen["verzenden"] += 1
        p.communicate(timeout=60)
    # most runs were killed in the middle, not after they finished; some while sending, some while fetching
    assert gedood >= 25 and fasen["verzenden"] >= 3 and fasen["ophalen"] >= 3, (gedood, fasen)
    laptop = open_laptop(pad, "anouk")
    sync(server, laptop, "anouk")
    assert sorted(_notities(server)) == sorted(geschreven)  # 0 lost, 0 duplicated
    assert synchroniseren.status(laptop).alles_verzonden
    with laptop.engine.connect() as conn:  # and the laptop equals the server
        assert sorted(conn.execute(select(CM.c.notitie).where(CM.c.notitie.like("Bezoek %"))).scalars()) == \
            sorted(geschreven)
    laptop.engine.dispose()


class _Tussenstation:
    """A TCP relay to the server that can cut every connection (the server gone mid-sync) or refuse them."""

    def __init__(self, doel_poort: int):
        self.doel = doel_poort
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.poort = self.sock.getsockname()[1]
        self.open: list[socket.socket] = []
        self.weigeren = False
        threading.Thread(target=self._luister, daemon=True).start()

    def _luister(self):
        while True:
            try:
                klant, _ = self.sock.accept()
            except OSError:
                return
            if self.weigeren:
                klant.close()
                continue
            server = socket.create_connection(("127.0.0.1", self.doel))
            self.open += [klant, server]
            for a, b in ((klant, server), (server, klant)):
                threading.Thread(target=self._pomp, args=(a, b), daemon=True).start()

    @staticmethod
    def _pomp(a, b):
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def knip(self):
        for s in self.open:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.open.clear()


def test_a_connection_cut_mid_sync_or_refused_loses_nothing(server, tmp_path, monkeypatch):
    from sqlalchemy.engine import make_url

    from jet_desktop.services import inloggen

    pad = meenemen(server, "anouk", tmp_path / "laptop.db")
    laptop = open_laptop(pad, "anouk")
    relais = _Tussenstation(make_url(server.url).port)
    via = make_url(server.server_url())._replace(port=relais.poort).render_as_string(hide_password=False)
    for i in range(30):
        dossiers.voeg_contactmoment_toe(laptop, server.eigen, VANDAAG, "huisbezoek", 30, f"Bezoek knip {i}", VANDAAG)
    echt = synchroniseren._pas_toe
    teller = {"n": 0}

    def knip_na_tien(*a, **kw):  # the server goes away in the middle of the batch
        teller["n"] += 1
        if teller["n"] == 10:
            relais.knip()
        return echt(*a, **kw)

    monkeypatch.setattr(synchroniseren, "_pas_toe", knip_na_tien)
    sessie = inloggen.open_sessie("anouk", WW, url=via)
    try:
        synchroniseren.synchroniseer(laptop, sessie)
        raise AssertionError("de sync had moeten mislukken")
    except Exception as exc:  # the driver's OperationalError: the application shows it as a lost connection
        assert "AssertionError" not in type(exc).__name__
    sessie.engine.dispose()
    monkeypatch.undo()
    assert synchroniseren.status(laptop).wachtend == 30 and _notities(server) == []  # all or nothing
    relais.weigeren = True
    try:
        inloggen.open_sessie("anouk", WW, url=via)
        raise AssertionError("de verbinding had geweigerd moeten worden")
    except Exception as exc:
        assert "AssertionError" not in type(exc).__name__
    assert synchroniseren.status(laptop).wachtend == 30
    sync(server, laptop, "anouk")
    assert sorted(_notities(server)) == sorted(f"Bezoek knip {i}" for i in range(30))
    assert synchroniseren.status(laptop).alles_verzonden
    laptop.engine.dispose()
