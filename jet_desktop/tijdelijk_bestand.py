"""Writing a file whole or not at all: a temporary file beside the target, put in its place at the end.

Used by the reports (reports/voortgang.schrijf_heel) and the commands (commands.uitvoerbestand). The
temporary name starts with "." and ends in ".bezig" + the target's suffix; it is unique per call (two
threads writing the same target never share it) and short (a target whose own name is near the file
system's 255-byte limit still gets one). A target that is a symbolic link is written through it (the
link stays a link), and a file that is replaced keeps its permissions (a report kept 0600 stays 0600).
"""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path


def echt_doel(pad: str | os.PathLike) -> Path:
    """The file that is written: the target of a symbolic link to a regular file, else the path itself
    (/dev/stdout is a link too, to a pipe or terminal: written as it is)."""
    doel = Path(pad)
    return Path(os.path.realpath(doel)) if doel.is_symlink() and doel.is_file() else doel


def tijdelijk_naast(doel: Path) -> Path:
    return doel.with_name(f".{doel.name[:64]}.{uuid.uuid4().hex[:12]}.bezig{doel.suffix[:16]}")


def zet_op_zijn_plaats(tijdelijk: Path, doel: Path) -> None:
    """`tijdelijk` replaces `doel` (atomically, os.replace), with the permissions `doel` had."""
    try:
        modus = stat.S_IMODE(os.stat(doel).st_mode)
    except OSError:
        modus = None
    if modus is not None:
        os.chmod(tijdelijk, modus)
    os.replace(tijdelijk, doel)
