"""Written whole or not at all (jet_desktop/tijdelijk_bestand.py), through the reports' schrijf_heel and the
commands' uitvoerbestand: a symbolic link stays a link, a replaced file keeps its permissions, two threads writing the
same target never share a temporary file, and a target with a name near the 255-byte limit works."""

import os
import stat
import threading

import pytest

from jet_desktop import commands
from jet_desktop.reports import voortgang

SCHRIJVERS = {"rapport": voortgang.schrijf_heel, "opdracht": commands.uitvoerbestand}


def _schrijf(schrijver, doel, inhoud: bytes):
    with schrijver(doel) as tijdelijk:
        with open(tijdelijk, "wb") as f:
            f.write(inhoud)


@pytest.mark.parametrize("soort", SCHRIJVERS)
def test_a_link_stays_a_link_and_a_private_file_stays_private(tmp_path, soort):
    schrijver = SCHRIJVERS[soort]
    echt = tmp_path / "echt.pdf"
    echt.write_bytes(b"oud")
    os.chmod(echt, 0o600)
    link = tmp_path / "link.pdf"
    link.symlink_to(echt)
    _schrijf(schrijver, link, b"nieuw")
    assert link.is_symlink() and echt.read_bytes() == b"nieuw"
    assert stat.S_IMODE(echt.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["echt.pdf", "link.pdf"]  # no temporary file left


@pytest.mark.parametrize("soort", SCHRIJVERS)
def test_two_threads_on_one_target_and_a_very_long_name(tmp_path, soort):
    schrijver = SCHRIJVERS[soort]
    doel = tmp_path / "lijst.xlsx"
    fouten, begin = [], threading.Barrier(2)

    def werk(inhoud):
        try:
            begin.wait(5)
            for _ in range(30):
                _schrijf(schrijver, doel, inhoud)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            fouten.append(exc)

    draden = [threading.Thread(target=werk, args=(b"A" * 50_000,)), threading.Thread(target=werk, args=(b"B" * 50_000,))]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert fouten == []
    assert doel.read_bytes() in (b"A" * 50_000, b"B" * 50_000)  # one whole version, never a mix
    lang = tmp_path / ("r" * 240 + ".pdf")  # 244 bytes: a valid name, its temporary one must be too
    _schrijf(schrijver, lang, b"%PDF")
    assert lang.read_bytes() == b"%PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["lijst.xlsx", lang.name])
