"""A PostgreSQL SCRAM-SHA-256 password verifier, made on the workstation (RFC 5802/7677).

`ALTER ROLE ... PASSWORD 'SCRAM-SHA-256$…'` stores a verifier as given: the password itself never
reaches the server, so it cannot end up in the server's statement log or in pg_stat_activity.
The format is PostgreSQL's own (src/common/scram-common.c): iterations, salt, StoredKey, ServerKey.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata

ITERATIES = 4096  # PostgreSQL's default (scram_iterations)


def verifier(wachtwoord: str, zout: bytes | None = None, iteraties: int = ITERATIES) -> str:
    zout = secrets.token_bytes(16) if zout is None else zout
    # SASLprep, as far as a typed password needs it: NFKC (PostgreSQL falls back to the raw bytes otherwise)
    genormaliseerd = unicodedata.normalize("NFKC", wachtwoord).encode("utf-8")
    salted = hashlib.pbkdf2_hmac("sha256", genormaliseerd, zout, iteraties)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"SCRAM-SHA-256${iteraties}:{b64(zout)}${b64(stored_key)}:{b64(server_key)}"
