"""Who may do what (domain.md "Privacy and safety"). Pure rules; services/autorisatie.py applies them.

- jeugdconsulent: own caseload, dossiers where they are second person, the wachtlijst and triage;
- teamleider: everything of the team (all dossiers, team reports);
- functioneel beheerder: users, code lists, settings, the audit log, retention; no casework.
Anonymous figures (monitor toegang, matched-care counts) are open to every role, and so are
backup and restore of a local store (a laptop's store is its consulent's own; the copies are
encrypted with the same wachtwoordzin).
"""

from __future__ import annotations

import uuid
from enum import Enum

from jet_desktop.domain.enums import Rol


class Recht(Enum):
    WACHTLIJST = "de wachtlijst en aanmeldingen inzien"
    TRIAGE = "triagebesluiten nemen"
    EIGEN_DOSSIERS = "eigen dossiers inzien en bijwerken"
    TEAM_DOSSIERS = "alle dossiers van het team inzien"
    TEAMRAPPORTEN = "rapporten met persoonsgegevens van het team maken"
    ANONIEME_CIJFERS = "de monitor en anonieme overzichten inzien"
    INSTELLINGEN = "instellingen en codelijsten beheren"
    GEBRUIKERS = "gebruikers beheren"
    AUDITLOG = "het auditlog inzien en exporteren"
    BEWARING = "dossiers na de bewaartermijn vernietigen"
    RESERVEKOPIE = "reservekopieën maken en terugzetten"


_RECHTEN: dict[Rol, frozenset[Recht]] = {
    Rol.CONSULENT: frozenset({Recht.WACHTLIJST, Recht.TRIAGE, Recht.EIGEN_DOSSIERS, Recht.ANONIEME_CIJFERS,
                              Recht.RESERVEKOPIE}),
    Rol.TEAMLEIDER: frozenset({Recht.WACHTLIJST, Recht.TRIAGE, Recht.EIGEN_DOSSIERS, Recht.TEAM_DOSSIERS,
                               Recht.TEAMRAPPORTEN, Recht.ANONIEME_CIJFERS, Recht.RESERVEKOPIE}),
    Rol.BEHEERDER: frozenset({Recht.ANONIEME_CIJFERS, Recht.INSTELLINGEN, Recht.GEBRUIKERS, Recht.AUDITLOG,
                              Recht.BEWARING, Recht.RESERVEKOPIE}),
}


def heeft_recht(rol: Rol | None, recht: Recht) -> bool:
    """`rol` None is the system itself (headless commands, migrations): every right."""
    return rol is None or recht in _RECHTEN[rol]


def ziet_dossier(rol: Rol | None, medewerker_id: uuid.UUID | None, consulent_id: uuid.UUID | None,
                 tweede_consulent_id: uuid.UUID | None) -> bool:
    if heeft_recht(rol, Recht.TEAM_DOSSIERS):
        return True
    return (heeft_recht(rol, Recht.EIGEN_DOSSIERS) and medewerker_id is not None
            and medewerker_id in (consulent_id, tweede_consulent_id))


def rechten(rol: Rol | None) -> frozenset[Recht]:
    return frozenset(Recht) if rol is None else _RECHTEN[rol]
