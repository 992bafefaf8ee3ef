"""The workstation's team server profile: which PostgreSQL server the sign-in dialog connects to.

A profile is host, port, database, sslmode and sslrootcert — never a user or a password (the
medewerker types those at every sign-in; on the team server each medewerker is their own login). It
lives in a small INI file `teamserver.ini` (docs/verbinden.md):

- **machine-wide**, placed by IT: in the system config directory (platformdirs `site_config_path`:
  Linux `/etc/xdg/JET Desktop/`, Windows `C:\\ProgramData\\Gemeente\\JET Desktop\\`, macOS
  `/Library/Application Support/JET Desktop/`);
- **per user**, written by the sign-in dialog ("Wijzigen…"): in the user's config directory
  (`user_config_path`: Linux `~/.config/JET Desktop/`, Windows `%LOCALAPPDATA%\\Gemeente\\JET Desktop\\`,
  macOS `~/Library/Application Support/JET Desktop/`).

Each key of the user's file overrides the same key of the machine's; the dialog writes only what differs
from the machine's, so a later change by IT still reaches a workstation whose user never changed that key.
A file that cannot be read or holds a wrong value is a `ProfielFout` naming the file and the field, never a
crash. The fields are declared once, with the settings registry's `Instelling` (domain/instellingen.py):
label, default, range, choices and the Dutch validation messages.

No Qt and no SQLAlchemy here: the sign-in dialog reads the profile before either database layer loads.
"""

from __future__ import annotations

import configparser
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jet_desktop.domain.errors import FieldError, JetFout
from jet_desktop.domain.instellingen import Instelling
from jet_desktop.paths import APP_AUTHOR, APP_NAME

BESTAND = "teamserver.ini"
SECTIE = "teamserver"
# seconds a connection attempt may take before the sign-in says the server does not answer
VERBINDINGSTIJD = 5
LOKAAL = ("localhost", "127.0.0.1", "::1")

SSLMODES = {
    "verify-full": "Versleuteld, certificaat en servernaam gecontroleerd (standaard)",
    "verify-ca": "Versleuteld, certificaat gecontroleerd (niet de servernaam)",
    "disable": "Niet versleuteld (alleen voor een demo op deze computer)",
}


class Velden:
    """The profile's fields, in the order the dialog shows them (the registry of this file)."""

    host = Instelling(str, "", "Server", "De naam of het IP-adres van de teamserver, bijv. jet-db.gemeente.local.",
                      max_lengte=253)
    port = Instelling(int, 5432, "Poort", "De TCP-poort van PostgreSQL op de teamserver (meestal 5432).",
                      minimum=1, maximum=65535)
    database = Instelling(str, "jet", "Database", "De naam van de database van JET op de teamserver.", max_lengte=63)
    sslmode = Instelling(str, "verify-full", "Beveiliging",
                         "Hoe de verbinding is beveiligd. Op een echte server altijd versleuteld met gecontroleerd "
                         "certificaat; niet versleuteld mag alleen op deze computer zelf (localhost, een demo).",
                         keuzes=SSLMODES)
    sslrootcert = Instelling(str, "", "CA-certificaat",
                             "Het certificaat (PEM) van de uitgever van het servercertificaat, meestal door IT "
                             "geplaatst; leeg: ~/.postgresql/root.crt; „system”: de certificaten van het systeem.",
                             max_lengte=1000)


VELDEN: tuple[Instelling, ...] = tuple(v for v in vars(Velden).values() if isinstance(v, Instelling))
PER_SLEUTEL = {v.sleutel: v for v in VELDEN}
STANDAARD = {v.sleutel: v.standaard for v in VELDEN}
_NIET_HIER = ("user", "username", "gebruiker", "gebruikersnaam", "password", "passwd", "wachtwoord")
_HOSTNAAM = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$")


class ProfielFout(JetFout):
    """A profile file that cannot be read or holds a wrong value; the message names the file."""


@dataclass(frozen=True)
class Profiel:
    """Where the team server is (no user, no password)."""

    host: str
    port: int = 5432
    database: str = "jet"
    sslmode: str = "verify-full"
    sslrootcert: str = ""

    @property
    def waar(self) -> str:
        """host:port/database, as the dialog shows it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}/{self.database}"

    def als_dict(self) -> dict[str, Any]:
        return {v.sleutel: getattr(self, v.sleutel) for v in VELDEN}


def url(profiel: Profiel, connect_timeout: int = VERBINDINGSTIJD) -> str:
    """The SQLAlchemy URL that `services.inloggen.open_sessie(..., url=...)` connects with: host, port, database
    and the connection options; no user and no password (the sign-in adds the medewerker's own).

    `connect_timeout` makes an unreachable server an error within seconds instead of a long wait."""
    host = f"[{profiel.host}]" if ":" in profiel.host else quote(profiel.host, safe="")
    query = {"sslmode": profiel.sslmode}
    if profiel.sslrootcert:
        query["sslrootcert"] = profiel.sslrootcert
    query["connect_timeout"] = str(connect_timeout)
    query["application_name"] = "JET Desktop"
    return f"postgresql+psycopg://{host}:{profiel.port}/{quote(profiel.database, safe='')}?{urlencode(query)}"


# -- where the files are -------------------------------------------------------------------------------


def gebruikersbestand() -> Path:
    """The user's own profile (written by the sign-in dialog)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, APP_AUTHOR) / BESTAND


def machinebestand() -> Path:
    """IT's machine-wide default (read only; on Linux the first folder of XDG_CONFIG_DIRS, default /etc/xdg)."""
    from platformdirs import site_config_path

    return site_config_path(APP_NAME, APP_AUTHOR) / BESTAND


# -- checking -------------------------------------------------------------------------------------------


def is_lokaal(host: str) -> bool:
    return host.strip().lower().strip("[]") in LOKAAL


def fouten(waarden: Mapping[str, Any]) -> list[FieldError]:
    """Why these profile values cannot be used; each message names the field (empty: they can)."""
    errors: list[FieldError] = []
    for v in VELDEN:
        waarde = waarden.get(v.sleutel, v.standaard)
        if v is Velden.sslrootcert and waarde == "":
            continue  # optional
        errors += v.fouten(waarde)
    host = waarden.get("host", "")
    if isinstance(host, str) and host.strip() and not any(f.field == "host" for f in errors) \
            and not _is_host(host.strip()):
        errors.append(FieldError("host", f"{Velden.host.label}: „{host.strip()}” is geen servernaam of IP-adres "
                                         "(alleen de naam, zonder poort, gebruiker of postgresql://)."))
    database = waarden.get("database", "")
    if isinstance(database, str) and database.strip() != database:
        errors.append(FieldError("database", f"{Velden.database.label}: zonder spaties aan het begin of eind."))
    if waarden.get("sslmode") == "disable" and isinstance(host, str) and host.strip() and not is_lokaal(host):
        errors.append(FieldError("sslmode", f"{Velden.sslmode.label}: zonder versleuteling mag alleen op deze computer "
                                            "zelf (localhost of 127.0.0.1); kies een versleutelde verbinding."))
    return errors


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return bool(_HOSTNAAM.match(host))


def maak(waarden: Mapping[str, Any]) -> Profiel:
    """A Profiel from checked values (call `fouten` first: this raises ValueError on a wrong one)."""
    if errs := fouten(waarden):
        raise ValueError(errs[0].message)
    return Profiel(**{v.sleutel: waarden.get(v.sleutel, v.standaard) for v in VELDEN})


# -- reading and writing ---------------------------------------------------------------------------------


def lees_bestand(pad: Path) -> dict[str, Any]:
    """The keys one profile file sets, typed (port an int); {} when the file is not there.
    Raises ProfielFout naming the file for one that cannot be read or holds an unknown key or a wrong value."""
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise ProfielFout(f"Het teamserverprofiel {pad} is geen tekstbestand in UTF-8.") from None
    except OSError as exc:
        from jet_desktop.meldingen import os_reden

        raise ProfielFout(f"Het teamserverprofiel {pad} kan niet worden gelezen: {os_reden(exc)}.") from None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(tekst, source=str(pad))
    except configparser.Error as exc:
        regel = getattr(exc, "lineno", None)
        waar = f" (regel {regel})" if regel else ""
        raise ProfielFout(f"Het teamserverprofiel {pad} is geen geldig INI-bestand{waar}: verwacht een sectie "
                          f"[{SECTIE}] met regels als „host = servernaam”.") from None
    if not parser.has_section(SECTIE):
        raise ProfielFout(f"Het teamserverprofiel {pad} heeft geen sectie [{SECTIE}].")
    waarden: dict[str, Any] = {}
    for sleutel, ruw in parser.items(SECTIE):
        if sleutel in _NIET_HIER:
            raise ProfielFout(f"Het teamserverprofiel {pad} noemt „{sleutel}”: een gebruikersnaam of wachtwoord hoort "
                              "niet in dit bestand (de medewerker typt die bij het aanmelden). Haal de regel weg.")
        if sleutel not in PER_SLEUTEL:
            raise ProfielFout(f"Het teamserverprofiel {pad} noemt een onbekende sleutel „{sleutel}”; bekend zijn "
                              f"{', '.join(PER_SLEUTEL)}.")
        ruw = ruw.strip()
        if PER_SLEUTEL[sleutel].soort is int:
            try:
                waarden[sleutel] = int(ruw)
            except ValueError:
                waarden[sleutel] = ruw  # refused below, with the field's message
        else:
            waarden[sleutel] = ruw
    eigen = [f for f in fouten({**STANDAARD, "host": "localhost", **waarden}) if f.field in waarden]
    if eigen:
        raise ProfielFout(f"Het teamserverprofiel {pad} is onjuist: {eigen[0].message}")
    return waarden


def laad() -> Profiel | None:
    """The profile of this workstation: the machine's file with the user's keys over it; None when no file sets
    a server. Raises ProfielFout (naming the file) for a bad file or a combination that cannot be used."""
    machine, gebruiker = machinebestand(), gebruikersbestand()
    van_machine, van_gebruiker = lees_bestand(machine), lees_bestand(gebruiker)
    waarden = {**STANDAARD, **van_machine, **van_gebruiker}
    if not str(waarden["host"]).strip():
        return None
    if errs := fouten(waarden):
        pad = gebruiker if van_gebruiker else machine
        raise ProfielFout(f"Het teamserverprofiel {pad} is onjuist: {errs[0].message}")
    return maak(waarden)


def machinestandaard() -> dict[str, Any]:
    """What IT's file sets ({} when there is none or it is bad: the dialog then writes every key)."""
    try:
        return lees_bestand(machinebestand())
    except ProfielFout:
        return {}


def bewaar(profiel: Profiel) -> Path:
    """Write the user's profile: the keys that differ from the machine-wide default (all when there is none);
    no file at all when nothing differs. Whole or not at all (a temporary file, then renamed). Returns its path.
    Raises OSError (the caller says it in Dutch)."""
    pad = gebruikersbestand()
    machine = {**STANDAARD, **machinestandaard()} if machinebestand().exists() else None
    eigen = {k: v for k, v in profiel.als_dict().items() if machine is None or machine.get(k) != v}
    if machine is not None and not eigen:
        herstel_standaard()
        return pad
    regels = ["; JET Desktop: de teamserver van deze gebruiker (docs/verbinden.md). Geen gebruikersnaam of "
              "wachtwoord:", "; die typt u bij het aanmelden.", f"[{SECTIE}]"]
    regels += [f"{k} = {v}" for k, v in eigen.items()]
    from jet_desktop.tijdelijk_bestand import heel

    pad.parent.mkdir(parents=True, exist_ok=True)
    with heel(pad) as schrijf_naar:
        schrijf_naar.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def herstel_standaard() -> None:
    """Remove the user's own profile: the machine-wide default applies again."""
    gebruikersbestand().unlink(missing_ok=True)
