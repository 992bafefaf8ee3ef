"""The Beheer menu: users, audit log, retention, backups, the wachtwoordzin, signing out.

Each action is there only for a role that has the right (domain/rollen.py); the services
check again. Work on the store file (backup, restore, re-key, encrypt) goes through
services/reservekopie.py (which writes the audit lines) and runs off the GUI thread; restore,
re-key and encrypt close the store first (they need it exclusively) and ask to sign in again.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QProgressDialog

from jet_desktop.domain.rollen import Recht
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import mag
from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.workers import run_in_background


class BeheerMenu(QObject):
    def __init__(self, window, store):
        super().__init__(window)
        self.window, self.store = window, store
        self.menu = QMenu("Be&heer", window.menuBar())
        help_menu = getattr(window, "help_menu", None)  # Be&heer before He&lp
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), self.menu)
        else:
            window.menuBar().addMenu(self.menu)
        url = store.engine.url
        self.db = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
        self.sleutel = url.password if self.db else None

        def actie(tekst, slot, zichtbaar=True):
            a = self.menu.addAction(tekst, slot)
            a.setVisible(zichtbaar)
            return a

        self.gebruikers_actie = actie("&Gebruikers…", self.gebruikers, mag(store, Recht.GEBRUIKERS))
        self.audit_actie = actie("&Auditlog…", self.auditlog, mag(store, Recht.AUDITLOG))
        self.bewaring_actie = actie("&Bewaartermijn en vernietigen…", self.bewaring, mag(store, Recht.BEWARING))
        self.codelijsten_actie = actie("&Codelijsten…", self.codelijsten, mag(store, Recht.INSTELLINGEN))
        self.menu.addSeparator()
        lokaal = self.db is not None and mag(store, Recht.RESERVEKOPIE)
        self.backup_actie = actie("&Reservekopie maken…", self.maak_reservekopie, lokaal)
        self.herstel_actie = actie("Reservekopie &terugzetten…", self.zet_terug, lokaal)
        self.rekey_actie = actie("&Wachtwoordzin wijzigen…", self.wijzig_wachtwoordzin, self.db is not None and bool(self.sleutel))
        self.versleutel_actie = actie("Gegevensset &versleutelen…", self.versleutel, self.db is not None and not self.sleutel)
        # on a shared store everyone has a personal password (on a local one the wachtwoordzin counts)
        self.eigen_wachtwoord_actie = actie("&Mijn wachtwoord wijzigen…", self.eigen_wachtwoord,
                                            self.db is None and store.user_id is not None)
        self.menu.addSeparator()
        self.afmeld_actie = actie("A&fmelden", self.afmelden)

    def verwijder(self) -> None:
        self.window.menuBar().removeAction(self.menu.menuAction())
        self.menu.deleteLater()
        self.deleteLater()

    # --- screens of other modules ----------------------------------------------------
    def gebruikers(self) -> None:
        from jet_desktop.ui.dialogs.gebruikers_dialog import GebruikersDialog

        GebruikersDialog(self.store, self.window).exec()

    def auditlog(self) -> None:
        from jet_desktop.domain.enums import AuditActie
        from jet_desktop.ui.dialogs.auditlog_dialog import AuditlogDialog

        audit.log(self.store, AuditActie.BEHEER, "auditlog", omschrijving="auditlog ingezien")
        dlg = AuditlogDialog(self.store, self.window)
        dlg.show()

    def bewaring(self) -> None:
        from jet_desktop.ui.dialogs.bewaring_dialog import BewaringDialog

        BewaringDialog(self.store, self.window.vandaag, self.window).exec()

    def codelijsten(self) -> None:
        from jet_desktop.ui.dialogs.codelijsten_dialog import CodelijstenDialog
        from jet_desktop.ui.klok import bron

        CodelijstenDialog(self.store, bron(self.window), self.window).exec()

    # --- the store file ----------------------------------------------------------------
    def _bezig(self, tekst: str) -> QProgressDialog:
        p = QProgressDialog(tekst, "", 0, 0, self.window)
        p.setCancelButton(None)
        p.setWindowTitle("JET Desktop")
        p.setMinimumDuration(0)
        p.show()
        return p

    def _op_achtergrond(self, tekst: str, werk, klaar, opnieuw_aanmelden: bool) -> None:
        """Run `werk()` in the background with a busy dialog; `klaar(result)` after. With
        `opnieuw_aanmelden`, the store is closed first and the sign-in follows (also after a failure)."""
        bezig = self._bezig(tekst)
        herstart = self.window.herstart
        if opnieuw_aanmelden:
            self.window.detach_store()

        def done(result):
            bezig.close()
            klaar(result)
            if opnieuw_aanmelden and herstart:
                herstart()

        def failed(exc, _tb):
            bezig.close()
            QMessageBox.warning(self.window, "JET Desktop", _mislukt(tekst.rstrip("…"), exc))
            if opnieuw_aanmelden and herstart:
                herstart()

        run_in_background(lambda _p: werk(), on_done=done, on_error=failed)

    def maak_reservekopie(self) -> None:
        voorstel = self.db.parent / "reservekopieen" / f"{self.db.stem}-{datetime.now():%Y%m%d-%H%M}{self.db.suffix}"
        try:
            voorstel.parent.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only folder: the dialog proposes the name anyway, the backup says why it fails
            pass
        # the reservekopieën live beside the store (services/reservekopie): the dialog starts there
        doel, _ = bestandskeuze.opslaan_als(self.window, "Reservekopie maken", str(voorstel), "JET-gegevensset (*.db)",
                                            onthoud=False)
        if not doel:
            return
        from jet_desktop.services import reservekopie

        store = self.store
        self._op_achtergrond("Reservekopie maken…", lambda: reservekopie.maak(store, doel), lambda kopie:
                             self.window.statusBar().showMessage(
                                 f"Reservekopie gemaakt en gecontroleerd: {kopie.pad}"
                                 + (f" (ankerhash auditlog: {kopie.anker[1][:16]}…)" if kopie.anker else ""), 10000),
                             opnieuw_aanmelden=False)

    def zet_terug(self) -> None:
        bron, _ = bestandskeuze.openen(self.window, "Reservekopie terugzetten", "JET-gegevensset (*.db)",
                                       map_=str(self.db.parent / "reservekopieen"), onthoud=False)
        if not bron:
            return
        from jet_desktop.services import reservekopie

        # the check reads the whole file (integrity_check): off the GUI thread, before anything changes
        bezig = self._bezig("Reservekopie controleren…")

        def gecontroleerd(_revisie) -> None:
            bezig.close()
            self._zet_terug(bron, self.sleutel)

        def afgekeurd(exc, tb) -> None:
            bezig.close()
            if not isinstance(exc, reservekopie.BackupFout):
                raise exc
            if not self.sleutel or "wachtwoordzin" not in str(exc):
                QMessageBox.warning(self.window, "Reservekopie terugzetten", f"Deze reservekopie kan niet worden "
                                    f"teruggezet; er is niets veranderd.\n\n{exc}")
                return
            eigen, ok = QInputDialog.getText(self.window, "Reservekopie terugzetten",
                                             "Deze reservekopie is met een andere wachtwoordzin gemaakt.\n"
                                             "Wachtwoordzin van de reservekopie:", QLineEdit.EchoMode.Password)
            if ok:
                self._zet_terug(bron, eigen)

        sleutel = self.sleutel
        run_in_background(lambda _p: reservekopie.controleer(bron, sleutel), on_done=gecontroleerd, on_error=afgekeurd)

    def _zet_terug(self, bron: str, eigen: str | None) -> None:
        """Confirm, then restore `bron` (opened with `eigen`, its own wachtwoordzin) and sign in again."""
        from jet_desktop.services import reservekopie

        db, sleutel, wie = self.db, self.sleutel, self.store
        if QMessageBox.question(
                self.window, "Reservekopie terugzetten",
                f"De gegevens worden vervangen door de reservekopie\n{bron}\n\nDe huidige gegevensset wordt eerst "
                "bewaard (…-vervangen-<datum>.db). Heeft iemand anders dit bestand open, dan wordt het terugzetten "
                "geweigerd. Daarna meldt u zich opnieuw aan.\n\nDoorgaan?") != QMessageBox.StandardButton.Yes:
            return
        self._op_achtergrond("Reservekopie terugzetten…", lambda: reservekopie.zet_terug(wie, db, bron, sleutel, eigen),
                             lambda bewaard: QMessageBox.information(
                                 self.window, "Reservekopie teruggezet",
                                 "De reservekopie is teruggezet." + (f"\nDe vervangen gegevensset staat in {bewaard}."
                                                                     if bewaard else "")),
                             opnieuw_aanmelden=True)

    def wijzig_wachtwoordzin(self) -> None:
        from jet_desktop.ui.dialogs.inlog_dialog import WachtwoordzinDialog

        dlg = WachtwoordzinDialog("Wachtwoordzin wijzigen", "De gegevensset en de reservekopieën ernaast worden "
                                  "opnieuw versleuteld met de nieuwe wachtwoordzin. Daarna meldt u zich opnieuw aan.",
                                  vraag_huidige=True, parent=self.window)
        if not dlg.exec():
            return
        huidige, nieuw = dlg.waarden()
        from jet_desktop.services import reservekopie

        db, wie = self.db, self.store
        self._op_achtergrond("Wachtwoordzin wijzigen…", lambda: reservekopie.wijzig_wachtwoordzin(wie, db, huidige, nieuw),
                             lambda h: QMessageBox.information(
                                 self.window, "Wachtwoordzin gewijzigd",
                                 f"De wachtwoordzin is gewijzigd; {len(h.reservekopieen)} reservekopie(ën) zijn opnieuw "
                                 "versleuteld. Meld u aan met de nieuwe wachtwoordzin."),
                             opnieuw_aanmelden=True)

    def versleutel(self) -> None:
        from jet_desktop.ui.dialogs.inlog_dialog import WachtwoordzinDialog

        dlg = WachtwoordzinDialog("Gegevensset versleutelen", "Kies de wachtwoordzin die de gegevens op deze computer "
                                  "versleutelt. Eerst wordt een versleutelde reservekopie gemaakt; onversleutelde "
                                  "reservekopieën ernaast worden ook versleuteld. Daarna meldt u zich aan met uw "
                                  "gebruikersnaam en deze wachtwoordzin.", vraag_huidige=False, parent=self.window)
        if not dlg.exec():
            return
        _, nieuw = dlg.waarden()
        from jet_desktop.services import reservekopie

        db, wie = self.db, self.store
        self._op_achtergrond("Gegevensset versleutelen…", lambda: reservekopie.versleutel(wie, db, nieuw),
                             lambda u: QMessageBox.information(
                                 self.window, "Versleuteld", "De gegevensset is versleuteld."
                                 + (f"\nReservekopie vooraf (ook versleuteld): {u.kopie}" if u.kopie else "")
                                 + "\n\nMeld u aan met de nieuwe wachtwoordzin."),
                             opnieuw_aanmelden=True)

    def eigen_wachtwoord(self) -> None:
        """The own password: the current one first (services/inloggen.wijzig_eigen_wachtwoord)."""
        from jet_desktop.ui.dialogs.gebruikers_dialog import WIJZIGEN, EigenWachtwoordDialog

        if EigenWachtwoordDialog(WIJZIGEN, self.window, store=self.store).exec():
            self.window.statusBar().showMessage("Uw wachtwoord is gewijzigd.", 6000)

    def afmelden(self) -> None:
        herstart = self.window.herstart
        self.window.detach_store()
        if herstart:
            herstart()
        else:
            self.window.close()


def _mislukt(wat: str, exc: BaseException) -> str:
    """The message for a failed operation on the store file: never "nothing changed" when the work was done
    (only its audit line failed) or half done (re-keying on a full disk), and no foreign exception's text."""
    from jet_desktop.services.reservekopie import AuditNietGeschreven, BackupFout
    from jet_desktop.storage.bestand import WachtwoordzinFout
    from jet_desktop.ui.foutmelding import voor_werk

    if isinstance(exc, AuditNietGeschreven):
        return str(exc)
    if not isinstance(exc, (BackupFout, WachtwoordzinFout)):
        return voor_werk(exc, wat)
    if "al de nieuwe wachtwoordzin" in str(exc):  # re-keying stopped halfway: the message says what is done
        return f"{wat} is niet afgemaakt.\n\n{exc}"
    return f"{wat} is niet gelukt; er is niets veranderd.\n\n{exc}"
