"""The merge screen: one reusable widget over a list of `VeldVersies` (domain/samenvoegen.py).

Per field a row with three columns — "Beide begonnen met", the colleague's version, the user's version —
two buttons to take the colleague's or the user's version, and under them the merged value (an editable
text for text fields, pre-filled with the chosen side). A conflict (both changed the field, differently)
is marked until it is decided; a field only one side changed is shown with that side already taken.
`SamenvoegWidget.compleet` (and the `compleet_gewijzigd` signal) says whether every conflict is decided;
`resultaat()` gives per field the value to save.

Nothing here knows about forms or the store: a stale save in a FormDialog feeds it, and so can an
offline sync (see docs/architecture.md, "Samenvoegen"):

    versies = versies_uit(basis, ander, mij, labels, lang={"toelichting"})
    waarden = samenvoegen(parent, versies, ander="Bram Jansen", op=gewijzigd_op)  # None: Annuleren
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.samenvoegen import Keuze, Samenvoeging, Soort, VeldVersies, te_tonen

LEEG = "(leeg)"
RIJ_STIJL = """
QFrame#samenvoegRij { border: 1px solid #c9ced6; border-left: 5px solid #2e7d32; border-radius: 3px;
                      background: #ffffff; }
QFrame#samenvoegRij[open="true"] { border-left: 5px solid #c62828; background: #fff7f6; }
QFrame#samenvoegRij[info="true"] { border-left: 5px solid #8a94a6; background: #f6f7f9; }
QFrame#samenvoegRij QPushButton { padding: 4px 12px; border: 1px solid #9aa3b0; border-radius: 3px;
                                  background: #f2f4f7; }
QFrame#samenvoegRij QPushButton:checked { background: #1f5fa8; color: white; border: 1px solid #17487f; }
"""


@dataclass(frozen=True)
class Kanten:
    """How the two sides are named: by default the colleague and the user (a stale save); an offline
    conflict names the team server and the laptop (ui/dialogs/conflicten_dialog.py)."""

    ander: str  # column heading of the other side
    mijn: str = "U (nog niet opgeslagen)"
    neem_ander: str = ""
    neem_mijn: str = "Mijn versie nemen"


def tijdstip(op: datetime | None) -> str:
    return op.astimezone().strftime("%d-%m-%Y %H:%M") if op else ""


def _regels(tekst: str, per_regel: int = 55) -> int:
    """A rough count of the lines a text takes in a column."""
    return sum(1 + len(r) // per_regel for r in tekst.split("\n"))


class _Tekst(QPlainTextEdit):
    """A read-only long text (scrolls when higher than its box)."""

    def __init__(self, tekst: str, regels: int):
        super().__init__(tekst)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QPlainTextEdit { background: #fbfbfc; }" if tekst else
                           "QPlainTextEdit { color: #777; }")
        if not tekst:
            self.setPlaceholderText(LEEG)
        self.setFixedHeight(14 + min(9, max(2, regels)) * self.fontMetrics().lineSpacing())


class VeldRij(QFrame):
    """One field: three versions, the choice, the merged value."""

    gewijzigd = Signal()

    def __init__(self, versie: VeldVersies, naam: str, wanneer: str = "", parent=None, kanten: Kanten | None = None):
        super().__init__(parent)
        self.versie, self.naam = versie, naam
        kanten = kanten or Kanten(f"Collega: {naam}" + (f" ({wanneer})" if wanneer else ""))
        self.keuze: Keuze | None = versie.automatische_keuze
        self._bezig = False
        self.setObjectName("samenvoegRij")
        self.setProperty("info", not versie.kiesbaar)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 10)
        lay.setSpacing(6)

        kop = QHBoxLayout()
        self.titel = QLabel(f"<b>{escape(versie.label)}</b>")
        self.titel.setStyleSheet("font-size: 11pt;")
        kop.addWidget(self.titel)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        kop.addWidget(self.status, 1)
        lay.addLayout(kop)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for kol in range(3):
            grid.setColumnStretch(kol, 1)
        koppen = ("Beide begonnen met", kanten.ander, kanten.mijn)
        waarden = (versie.basis, versie.van_ander, versie.van_mij)
        gewijzigd = (False, versie.ander_gewijzigd, versie.ik_gewijzigd)
        self.kolommen: list[QWidget] = []
        teksten = [versie.tekst(w) for w in waarden]
        lang = versie.lang or any("\n" in t or len(t) > 80 for t in teksten)
        regels = max(_regels(t) for t in teksten)
        for kol, (kop_tekst, tekst, anders) in enumerate(zip(koppen, teksten, gewijzigd, strict=True)):
            k = QLabel(f"<span style='color:#444'>{escape(kop_tekst)}</span>"
                       + ("" if anders or kol == 0 else " <span style='color:#777'>— ongewijzigd</span>"))
            k.setWordWrap(True)
            grid.addWidget(k, 0, kol)
            w = _Tekst(tekst, regels) if lang else self._toon(tekst)
            grid.addWidget(w, 1, kol)
            self.kolommen.append(w)
        self.groep = QButtonGroup(self)
        self.neem_ander = QPushButton(kanten.neem_ander or f"Versie van {naam} nemen")
        self.neem_mijn = QPushButton(kanten.neem_mijn)
        for kol, (knop, keuze) in enumerate(((self.neem_ander, Keuze.ANDER), (self.neem_mijn, Keuze.MIJN)), start=1):
            knop.setCheckable(True)
            knop.setAutoDefault(False)
            knop.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            self.groep.addButton(knop)
            knop.clicked.connect(lambda _=False, k=keuze: self.kies(k))
            grid.addWidget(knop, 2, kol, Qt.AlignmentFlag.AlignLeft)
        lay.addLayout(grid)

        self.samen_kop = QLabel("<b>Samengevoegd</b> — dit wordt opgeslagen" +
                                (" (u kunt de tekst aanpassen)" if versie.bewerkbaar else ""))
        lay.addWidget(self.samen_kop)
        self.samen: QPlainTextEdit | QLineEdit | QLabel
        if versie.bewerkbaar and versie.lang:
            self.samen = QPlainTextEdit()
            self.samen.setTabChangesFocus(True)
            langste = max((versie.tekst(w) for w in (versie.basis, versie.van_ander, versie.van_mij)), key=len)
            regels = max(3, langste.count("\n") + 2 + len(langste) // 140)
            self.samen.setFixedHeight(min(220, 12 + regels * self.fontMetrics().lineSpacing()))
            self.samen.textChanged.connect(self._bewerkt)
        elif versie.bewerkbaar:
            self.samen = QLineEdit()
            self.samen.textEdited.connect(self._bewerkt)
        else:
            self.samen = QLabel()
            self.samen.setWordWrap(True)
            self.samen.setTextFormat(Qt.TextFormat.PlainText)
        self.samen.setAccessibleName(f"{versie.label}: samengevoegd")
        lay.addWidget(self.samen)

        if not versie.kiesbaar:  # outside the form: shown, nothing to choose
            for w in (self.neem_ander, self.neem_mijn, self.samen_kop, self.samen):
                w.hide()
        self._werk_bij()

    @staticmethod
    def _toon(tekst: str) -> QLabel:
        label = QLabel(tekst or LEEG)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setStyleSheet("QLabel { background: #fbfbfc; border: 1px solid #d5d9e0; padding: 4px; }"
                            if tekst else "QLabel { color: #777; border: 1px solid #e3e6eb; padding: 4px; }")
        return label

    # -- state

    @property
    def open(self) -> bool:
        return self.versie.kiesbaar and self.keuze is None

    def waarde(self):
        """The value this row gives; only asked for when decided."""
        if self.keuze is Keuze.EIGEN:
            return self._samen_tekst()
        return self.versie.waarde_van(self.keuze or Keuze.ANDER)

    def kies(self, keuze: Keuze) -> None:
        self.keuze = keuze
        self._werk_bij()
        self.gewijzigd.emit()

    def _samen_tekst(self) -> str:
        return self.samen.toPlainText() if isinstance(self.samen, QPlainTextEdit) else self.samen.text()

    def _bewerkt(self, *_):
        if self._bezig or self.keuze is None:
            return
        tekst = self._samen_tekst()
        if tekst == self.versie.van_ander:
            keuze = Keuze.ANDER
        elif tekst == self.versie.van_mij:
            keuze = Keuze.MIJN
        else:
            keuze = Keuze.EIGEN
        if keuze is not self.keuze:
            self.keuze = keuze
            self._werk_bij(tekst_laten=True)
            self.gewijzigd.emit()

    def _werk_bij(self, tekst_laten: bool = False) -> None:
        v, naam = self.versie, self.naam
        self._bezig = True
        self.groep.setExclusive(False)
        self.neem_ander.setChecked(self.keuze is Keuze.ANDER)
        self.neem_mijn.setChecked(self.keuze is Keuze.MIJN)
        self.groep.setExclusive(True)
        if not tekst_laten:
            tekst = "" if self.keuze in (None, Keuze.EIGEN) else v.tekst(v.waarde_van(self.keuze))
            if isinstance(self.samen, QPlainTextEdit):
                self.samen.setPlainText(tekst)
            elif isinstance(self.samen, QLineEdit):
                self.samen.setText(tekst)
            else:
                self.samen.setText(tekst or LEEG)
        self.samen.setEnabled(self.keuze is not None)
        if isinstance(self.samen, (QPlainTextEdit, QLineEdit)):
            self.samen.setPlaceholderText("Kies eerst hierboven een versie; daarna kunt u de tekst aanpassen."
                                          if self.keuze is None else "(leeg)")
        self._bezig = False
        if not v.kiesbaar:
            status, kleur = f"Niet in dit formulier: de wijziging van {naam} blijft staan.", "#555"
        elif self.keuze is None:
            status, kleur = "Nog kiezen — u hebt dit allebei gewijzigd.", "#b00020"
        elif self.keuze is Keuze.EIGEN:
            status, kleur = "Gekozen: samengevoegde tekst.", "#2e7d32"
        elif v.soort is Soort.CONFLICT or self.keuze is not v.automatische_keuze:
            status = f"Gekozen: versie van {naam}." if self.keuze is Keuze.ANDER else "Gekozen: uw versie."
            kleur = "#2e7d32"
        elif v.soort is Soort.ALLEEN_ANDER:
            status, kleur = f"Alleen {naam} heeft dit gewijzigd: die versie wordt overgenomen.", "#2e7d32"
        else:
            status, kleur = "Alleen u hebt dit gewijzigd: uw versie wordt opgeslagen.", "#2e7d32"
        self.status.setText(status)
        self.status.setStyleSheet(f"color: {kleur}; font-weight: 600;")
        self.setProperty("open", self.open)
        self.style().unpolish(self)
        self.style().polish(self)


class SamenvoegWidget(QScrollArea):
    """All rows of one merge; `compleet` once every conflict is decided, `resultaat()` the values."""

    compleet_gewijzigd = Signal(bool)

    def __init__(self, versies: Iterable[VeldVersies], ander: str | None = None, op: datetime | None = None,
                 parent=None, kanten: Kanten | None = None):
        super().__init__(parent)
        self.versies = list(versies)
        Samenvoeging.van(self.versies)  # each field once
        self.naam, self.wanneer = ander or "uw collega", tijdstip(op)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setStyleSheet(RIJ_STIJL)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 6, 0)
        lay.setSpacing(10)
        self.rijen: dict[str, VeldRij] = {}
        tonen = te_tonen(self.versies)
        for v in sorted(tonen, key=lambda v: not v.is_conflict):  # the conflicts first, then in form order
            rij = VeldRij(v, self.naam, self.wanneer, kanten=kanten)
            rij.gewijzigd.connect(self._gewijzigd)
            self.rijen[v.veld] = rij
            lay.addWidget(rij)
        if not self.rijen:
            leeg = QLabel("Uw invoer en de wijziging van uw collega raken geen gemeenschappelijk veld.")
            leeg.setWordWrap(True)
            lay.addWidget(leeg)
        lay.addStretch(1)
        self.setWidget(body)

    @property
    def compleet(self) -> bool:
        return not self.open_velden()

    def open_velden(self) -> list[VeldVersies]:
        return [r.versie for r in self.rijen.values() if r.open]

    def samenvoeging(self) -> Samenvoeging:
        """The decisions so far, as the domain's Samenvoeging."""
        s = Samenvoeging.van(self.versies)
        for veld, rij in self.rijen.items():
            if rij.versie.kiesbaar and rij.keuze is not None and (
                    rij.keuze is not rij.versie.automatische_keuze or rij.keuze is Keuze.EIGEN):
                s = s.kies(veld, rij.keuze, rij.waarde() if rij.keuze is Keuze.EIGEN else None)
        return s

    def resultaat(self) -> dict[str, object]:
        """Per field (every field of the list, shown or not) the value to save; NietCompleet while open."""
        return self.samenvoeging().resultaat()

    def _gewijzigd(self) -> None:
        self.compleet_gewijzigd.emit(self.compleet)  # also when only the set of open fields changed


class SamenvoegDialog(QDialog):
    """"Wijziging samenvoegen": who changed it when, the rows, Opslaan only once every conflict is decided.
    Accepted: `resultaat()` holds the values. Rejected (Annuleren): nothing is chosen, nothing is saved."""

    def __init__(self, versies: Iterable[VeldVersies], ander: str | None = None, op: datetime | None = None,
                 onderwerp: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Wijziging samenvoegen")
        naam = ander or "Een collega"
        lay = QVBoxLayout(self)
        lay.setSpacing(8)
        kop = QHBoxLayout()
        icoon = QLabel()
        icoon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(36, 36))
        icoon.setFixedWidth(44)
        icoon.setAlignment(Qt.AlignmentFlag.AlignTop)
        kop.addWidget(icoon)
        tekst = QVBoxLayout()
        wat = f"{onderwerp} is" if onderwerp else "Dit is"
        self.titel = QLabel(f"<span style='font-size:13pt; font-weight:600'>{escape(wat)} intussen gewijzigd door "
                            f"{escape(naam)}</span>"
                            + (f"<br><span style='color:#555'>op {escape(tijdstip(op))}</span>" if op else ""))
        self.titel.setWordWrap(True)
        tekst.addWidget(self.titel)
        self.uitleg = QLabel(
            "Uw wijziging is nog niet opgeslagen. Per veld ziet u de tekst waarmee u allebei begon, de versie van "
            f"{naam} en uw eigen versie. Wat maar één van u heeft gewijzigd, is al overgenomen. Waar u allebei "
            "iets anders hebt ingevuld, kiest u welke versie blijft; u kunt de samengevoegde tekst daarna nog "
            "aanpassen. Pas als elk veld gekozen is, kunt u opslaan.")
        self.uitleg.setWordWrap(True)
        tekst.addWidget(self.uitleg)
        kop.addLayout(tekst, 1)
        lay.addLayout(kop)

        self.widget = SamenvoegWidget(versies, ander, op)
        lay.addWidget(self.widget, 1)

        onder = QHBoxLayout()
        self.nog = QLabel()
        self.nog.setWordWrap(True)
        onder.addWidget(self.nog, 1)
        self.buttons = QDialogButtonBox()
        self.opslaan = self.buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.annuleer_knop = self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.annuleer_knop.setToolTip("Niets opslaan; uw invoer blijft in het formulier staan.")
        self.opslaan.clicked.connect(self._opslaan)
        self.annuleer_knop.clicked.connect(self.reject)
        self.opslaan.setAutoDefault(False)
        self.annuleer_knop.setAutoDefault(False)
        onder.addWidget(self.buttons)
        lay.addLayout(onder)
        self.widget.compleet_gewijzigd.connect(self._werk_bij)
        self._werk_bij()
        self.resize(1180, 720)

    @property
    def compleet(self) -> bool:
        return self.widget.compleet

    def resultaat(self) -> dict[str, object]:
        return self.widget.resultaat()

    def _werk_bij(self, *_):
        open_ = self.widget.open_velden()
        self.opslaan.setEnabled(not open_)
        if open_:
            self.nog.setText(f"Nog kiezen: {', '.join(v.label for v in open_)}.")
            self.nog.setStyleSheet("color: #b00020; font-weight: 600;")
        else:
            self.nog.setText("Alles is gekozen: met Opslaan wordt het samengevoegde resultaat opgeslagen.")
            self.nog.setStyleSheet("color: #2e7d32;")

    def _opslaan(self) -> None:
        if self.compleet:
            self.accept()


def samenvoegen(parent: QWidget | None, versies: Iterable[VeldVersies], ander: str | None = None,
                op: datetime | None = None, onderwerp: str = "") -> dict[str, object] | None:
    """Show the dialog; the values to save, or None when the user chose Annuleren."""
    dlg = SamenvoegDialog(versies, ander, op, onderwerp, parent)
    return dlg.resultaat() if dlg.exec() == QDialog.DialogCode.Accepted else None
