"""Qt's own texts in Dutch, and Dutch notation in Qt's number and date widgets.

`installeer_nederlands(app)` loads PySide6's `qtbase_nl` translation (Ja/Nee, Annuleren, the print and file
dialogs, the context menu of a text field) and makes nl_NL the default QLocale (a QDoubleSpinBox shows
"1,5", a QDateEdit "25-11-2026"). Our own texts are written in Dutch; this covers the buttons Qt makes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

NEDERLANDS = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)


def installeer_nederlands(app: QCoreApplication) -> bool:
    """Once per application (a second call does nothing). False when the translation file is missing:
    the application still starts, with Qt's English button texts."""
    QLocale.setDefault(NEDERLANDS)
    if getattr(app, "_jet_vertaling", None) is not None:
        return True
    vertaling = QTranslator(app)
    if not vertaling.load(NEDERLANDS, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return False
    app.installTranslator(vertaling)
    app._jet_vertaling = vertaling  # keep it alive as long as the application
    return True
