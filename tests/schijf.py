"""A real full disk for the tests that must hold under one: a small tmpfs (CI runs as root), filled up."""

import errno
import os
import subprocess
from pathlib import Path

import pytest
from pg import in_ci


@pytest.fixture
def kleine_schijf(tmp_path):
    """An 8 MB tmpfs (two fresh stores with their indexes must fit); skipped only where it cannot be mounted
    and CI is not set."""
    d = tmp_path / "klein"
    d.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(d)], capture_output=True, text=True)
    if r.returncode != 0:
        if in_ci():
            pytest.fail(f"tmpfs kan niet worden gemount: {r.stderr}")
        pytest.skip(f"tmpfs kan niet worden gemount (geen root?): {r.stderr.strip()}")
    try:
        yield d
    finally:
        subprocess.run(["umount", "-l", str(d)], capture_output=True)


def vul(d: Path, vrij: int = 0) -> Path:
    """Fill the disk at `d` to the last byte (the file `vuller`), then give `vrij` bytes back."""
    vuller = d / "vuller"
    fd = os.open(vuller, os.O_WRONLY | os.O_CREAT)
    try:
        for blok in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * blok)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        if vrij:
            os.ftruncate(fd, max(os.fstat(fd).st_size - vrij, 0))
    finally:
        os.close(fd)
    return vuller
