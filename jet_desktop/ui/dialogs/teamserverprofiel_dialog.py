"""Editing the workstation's team server profile (jet_desktop/teamserverprofiel.py): server, port, database,
security and CA certificate — never a gebruikersnaam or wachtwoord. Saved in the user's config directory; what
IT placed machine-wide is the default and "Standaard van IT" puts it back. Rows, ranges, choices and messages
come from the profile's field registry (`teamserverprofiel.Velden`)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from jet_desktop import teamserverprofiel as tp
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.widgets import select_data


class TeamserverProfielDialog(FormDialog):
    ok_text = "Opslaan"

    def __init__(self, profiel: tp.Profiel | None, parent=None):
        super().__init__("Teamserver instellen", parent)
        machine = tp.machinebestand()
        info = QLabel("Waar de teamserver staat. Meestal heeft IT dit al ingesteld; uw gebruikersnaam en wachtwoord "
                      "typt u bij het aanmelden (ze worden niet bewaard).<br><small>Opgeslagen in "
                      f"{tp.gebruikersbestand()}" + (f"; standaard van IT: {machine}" if machine.exists() else "")
                      + "</small>")
        info.setWordWrap(True)
        info.setMaximumWidth(520)
        self.form.addRow(info)
        waarden = profiel.als_dict() if profiel is not None else {**tp.STANDAARD, **tp.machinestandaard()}
        V = tp.Velden
        self.host = self.row(V.host.label, QLineEdit(str(waarden["host"])), "host")
        self.host.setPlaceholderText("jet-db.gemeente.local")
        self.port = self.row(V.port.label, QSpinBox(), "port")
        self.port.setRange(int(V.port.minimum), int(V.port.maximum))
        self.port.setGroupSeparatorShown(False)
        self.port.setValue(int(waarden["port"]))
        self.database = self.row(V.database.label, QLineEdit(str(waarden["database"])), "database")
        self.sslmode = self.row(V.sslmode.label, QComboBox(), "sslmode")
        for waarde, label in V.sslmode.keuzes.items():
            self.sslmode.addItem(label, waarde)
        select_data(self.sslmode, waarden["sslmode"])
        rij = QWidget()
        lay = QHBoxLayout(rij)
        lay.setContentsMargins(0, 0, 0, 0)
        self.sslrootcert = QLineEdit(str(waarden["sslrootcert"]))
        self.sslrootcert.setPlaceholderText("leeg: ~/.postgresql/root.crt")
        bladeren = QPushButton("Bladeren…")
        bladeren.clicked.connect(self._kies_certificaat)
        lay.addWidget(self.sslrootcert, 1)
        lay.addWidget(bladeren)
        self.row(V.sslrootcert.label, rij, "sslrootcert")
        self.benoemd["sslrootcert"] = self.velden[-1] = (V.sslrootcert.label, self.sslrootcert)
        for naam, (_, w) in self.benoemd.items():
            w.setToolTip(tp.PER_SLEUTEL[naam].uitleg)
        self.standaard_knop = None
        if machine.exists() and tp.gebruikersbestand().exists():
            self.standaard_knop = QPushButton("Standaard van IT")
            self.standaard_knop.setToolTip(f"Uw eigen profiel weghalen: {machine} geldt weer.")
            self.standaard_knop.clicked.connect(self._standaard)
            self.buttons.addButton(self.standaard_knop, self.buttons.ButtonRole.ResetRole)
        self.finish_layout()
        self.profiel: tp.Profiel | None = None

    def _kies_certificaat(self) -> None:
        from jet_desktop.ui import bestandskeuze

        pad, _ = bestandskeuze.openen(self, "CA-certificaat kiezen", "Certificaten (*.crt *.pem *.cer);;Alle bestanden (*)",
                                      onthoud=False)
        if pad:
            self.sslrootcert.setText(pad)

    def _waarden(self) -> dict:
        return {"host": self.host.text().strip(), "port": self.port.value(), "database": self.database.text(),
                "sslmode": self.sslmode.currentData(), "sslrootcert": self.sslrootcert.text().strip()}

    def save(self):
        waarden = self._waarden()
        if errors := tp.fouten(waarden):
            raise ValidationError(errors)
        profiel = tp.maak(waarden)
        try:
            tp.bewaar(profiel)
        except OSError as exc:
            from jet_desktop.meldingen import os_reden

            raise ValidationError([FieldError("algemeen", f"Het profiel kan niet worden opgeslagen in "
                                                          f"{tp.gebruikersbestand()}: {os_reden(exc)}.")]) from None
        self.profiel = profiel

    def _standaard(self) -> None:
        try:
            tp.herstel_standaard()
            self.profiel = tp.laad()
        except (OSError, tp.ProfielFout) as exc:
            from jet_desktop.meldingen import os_reden

            self.algemeen.show_message(str(exc) if isinstance(exc, tp.ProfielFout) else
                                       f"Uw profiel kan niet worden weggehaald: {os_reden(exc)}.")
            return
        self.onthoud_invoer()
        self.gelukt = "Uw eigen teamserverprofiel is weggehaald: het standaardprofiel van IT geldt weer."
        self.accept()
