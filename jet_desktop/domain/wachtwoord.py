"""Personal passwords of medewerkers, stored as scrypt hashes (stdlib hashlib), never as text."""

from __future__ import annotations

import hashlib
import hmac
import secrets

MIN_LENGTE = 10
_N, _R, _P = 2**14, 8, 1


def maak_hash(wachtwoord: str) -> str:
    zout = secrets.token_bytes(16)
    h = hashlib.scrypt(wachtwoord.encode("utf-8"), salt=zout, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${zout.hex()}${h.hex()}"


def klopt(wachtwoord: str, opgeslagen: str) -> bool:
    try:
        soort, n, r, p, zout, h = opgeslagen.split("$")
    except ValueError:
        return False
    if soort != "scrypt":
        return False
    poging = hashlib.scrypt(wachtwoord.encode("utf-8"), salt=bytes.fromhex(zout), n=int(n), r=int(r), p=int(p),
                            dklen=len(h) // 2)
    return hmac.compare_digest(poging.hex(), h)


def zwakte(wachtwoord: str) -> str | None:
    """A Dutch reason why a new password or wachtwoordzin is refused, or None."""
    if len(wachtwoord) < MIN_LENGTE:
        return f"gebruik minstens {MIN_LENGTE} tekens (een zin van een paar woorden is sterk en goed te onthouden)"
    if len(set(wachtwoord)) < 4:
        return "gebruik meer verschillende tekens"
    return None
