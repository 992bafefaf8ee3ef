"""Where the real user's JET settings live, outside any test's temp folders (tests/conftest.py checks
that a run leaves them alone; tests/test_hermetisch.py that a test's settings go to its own folder)."""

from __future__ import annotations

import os
from pathlib import Path


def echte_instellingsmappen() -> list[Path]:
    """The folders where Qt keeps `JET/JET Desktop.conf` for this OS user: ~/.config of the account
    (not $HOME: the tests change that) and /.config, where Qt writes when HOME is not set at all."""
    mappen = [Path("/.config/JET")]
    try:
        import pwd

        mappen.insert(0, Path(pwd.getpwuid(os.getuid()).pw_dir) / ".config" / "JET")
    except (ImportError, KeyError):  # Windows: the registry, which the tests never use (tests/conftest.py)
        pass
    return mappen


def echte_instellingen() -> dict[str, tuple]:
    """Every file in those folders with its size and modification time (ns)."""
    uit = {}
    for m in echte_instellingsmappen():
        if m.is_dir():
            for f in sorted(m.iterdir()):
                st = f.stat()
                uit[str(f)] = (st.st_size, st.st_mtime_ns)
    return uit
