"""File dialogs that start in the user's documents folder (or the folder chosen last in this session),
never in the program's working folder. All save/open dialogs of the screens go through these two."""

from __future__ import annotations

import os

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

_laatste_map: str | None = None  # this session only: nothing about the user's folders is written to disk


def begin_map() -> str:
    """The folder chosen last, else Documenten (else the home folder)."""
    if _laatste_map and os.path.isdir(_laatste_map):
        return _laatste_map
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or os.path.expanduser("~")


def voorstel(naam: str) -> str:
    """A proposed file name in the start folder (a name with a folder of its own is kept as it is)."""
    return naam if os.path.dirname(naam) else os.path.join(begin_map(), naam)


def _onthoud(pad: str) -> str:
    global _laatste_map
    if pad:
        _laatste_map = os.path.dirname(os.path.abspath(pad))
    return pad


def opslaan_als(parent, titel: str, naam: str, filter_: str = "", onthoud: bool = True) -> tuple[str, str]:
    """QFileDialog.getSaveFileName with `naam` in the start folder; (path or "", chosen filter). With
    `onthoud` the chosen folder is where the next dialog starts (not for reservekopieën: their own folder)."""
    pad, gekozen = QFileDialog.getSaveFileName(parent, titel, voorstel(naam), filter_)
    return (_onthoud(pad) if onthoud else pad), gekozen


def openen(parent, titel: str, filter_: str = "", map_: str | None = None, onthoud: bool = True) -> tuple[str, str]:
    """QFileDialog.getOpenFileName starting in `map_` or the start folder."""
    pad, gekozen = QFileDialog.getOpenFileName(parent, titel, map_ or begin_map(), filter_)
    return (_onthoud(pad) if onthoud else pad), gekozen
