"""Writing a file whole or not at all: a temporary file beside the target, put in its place at the end.

`with heel(pad) as schrijf_naar:` — the caller writes `schrijf_naar`; used by the reports
(reports/voortgang.schrijf_heel) and the commands (commands.uitvoerbestand). The temporary name
starts with "." and ends in ".bezig" + the target's suffix; it is unique per call (two threads
writing the same target never share it) and short (a target whose own name is near the file
system's 255-byte limit still gets one). A target that is a symbolic link is written through it (the
link stays a link), and a file that is replaced keeps its permissions (a report kept 0600 stays 0600).
"""

from __future__ import annotations

import contextlib
import os
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def heel(pad: str | os.PathLike) -> Iterator[Path]:
    """Yields the path to write: a temporary file beside the target, which replaces it when the block ends
    without an exception and is removed in any case; a target that exists and is neither a regular file
    nor a folder (/dev/stdout, a pipe) is yielded itself, written as it is."""
    doel = echt_doel(pad)
    if doel.exists() and not doel.is_file() and not doel.is_dir():
        yield doel
        return
    tijdelijk = tijdelijk_naast(doel)
    try:
        yield tijdelijk
        zet_op_zijn_plaats(tijdelijk, doel)
    finally:
        with contextlib.suppress(OSError):
            tijdelijk.unlink(missing_ok=True)


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
