"""The hash chain of the audit log: each line's hash covers its fields and the previous hash.

Changing, removing or inserting a line breaks the chain from that line on; `eerste_breuk`
finds the first broken line. Pure: no database (services/audit.py reads and writes the lines).

The chain has no secret: whoever can write the tables can rebuild it whole. An `Anker` (a line's
volgnummer and hash, noted outside the store) shows that: `anker_fout` says whether the chain
still holds that line with that hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

GENESIS = "0" * 64
VELDEN = ("volgnummer", "tijdstip", "medewerker_id", "medewerker", "rol", "namens", "actie", "objecttype",
          "object_id", "client", "omschrijving")


def tijdstip_tekst(t: datetime) -> str:
    """One notation for the hash, whatever the database hands back (SQLite: naive UTC)."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def regel_hash(vorige_hash: str, velden: dict) -> str:
    parts = [vorige_hash]
    for naam in VELDEN:
        v = velden[naam]
        if isinstance(v, datetime):
            v = tijdstip_tekst(v)
        parts.append("" if v is None else str(v))
    # unit separator between fields: no field value can shift into its neighbour
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Breuk:
    volgnummer: int
    reden: str  # Dutch, for `jet-desktop audit verify`


def eerste_breuk(regels: Iterable[dict], kop_volgnummer: int | None = None, kop_hash: str | None = None) -> Breuk | None:
    """Walk the lines in volgnummer order; the first line whose link or hash does not hold.

    `kop_*` is the chain head (table auditketen): lines cut off the end show up there."""
    vorige, verwacht = GENESIS, 1
    for r in regels:
        n = r["volgnummer"]
        if n != verwacht:
            return Breuk(verwacht, f"regel {verwacht} ontbreekt (volgende regel is {n})")
        if r["vorige_hash"] != vorige:
            return Breuk(n, f"regel {n} verwijst niet naar de hash van regel {n - 1}")
        if regel_hash(vorige, r) != r["hash"]:
            return Breuk(n, f"regel {n} is gewijzigd: de inhoud past niet bij de opgeslagen hash")
        vorige, verwacht = r["hash"], n + 1
    if kop_volgnummer is not None and kop_volgnummer != verwacht - 1:
        return Breuk(verwacht, f"het log eindigt bij regel {verwacht - 1}, maar er zijn {kop_volgnummer} regels "
                               "geschreven: regels aan het eind ontbreken")
    if kop_hash is not None and kop_volgnummer == verwacht - 1 and kop_hash != vorige:
        return Breuk(verwacht - 1, f"regel {verwacht - 1} is gewijzigd of vervangen (past niet bij de ketenkop)")
    return None


@dataclass(frozen=True)
class Anker:
    """A line noted outside the store: `volgnummer` None means "some line with this hash"."""

    volgnummer: int | None
    hash: str

    def __str__(self) -> str:
        return self.hash if self.volgnummer is None else f"{self.volgnummer}:{self.hash}"


def lees_anker(tekst: str) -> Anker:
    """'1234:3f6c…' (64 hex digits) or the hash alone; ValueError with a Dutch message."""
    tekst = tekst.strip()
    nummer, _, h = tekst.rpartition(":")
    h = h.strip().lower()
    if len(h) != 64 or any(c not in "0123456789abcdef" for c in h):
        raise ValueError(f"Anker '{tekst}': verwacht VOLGNUMMER:HASH of de hash alleen (64 hexadecimale tekens), "
                         "zoals `jet-desktop audit anker` die afdrukt.")
    if not nummer:
        return Anker(None, h)
    if not nummer.strip().isdigit() or int(nummer) < 1:
        raise ValueError(f"Anker '{tekst}': het volgnummer vóór de ':' moet een positief geheel getal zijn.")
    return Anker(int(nummer), h)


def anker_fout(anker: Anker, laatste: int, hash_op_nummer: str | None, nummer_met_hash: int | None) -> str | None:
    """Why the chain (ending at line `laatste`) no longer holds the anchor, or None.

    `hash_op_nummer`: the hash of line anker.volgnummer as stored (None: no such line);
    `nummer_met_hash`: the volgnummer of a line with the anchor's hash (None: none)."""
    if anker.volgnummer is None:
        if nummer_met_hash is None:
            return ("geen regel heeft de hash van het anker: het log is sinds het anker herschreven of ingekort "
                    "(of het anker hoort bij een andere gegevensset)")
        return None
    if anker.volgnummer > laatste:
        return (f"het log eindigt bij regel {laatste}, vóór het anker (regel {anker.volgnummer}): regels zijn "
                "verwijderd of een oudere reservekopie is teruggezet")
    if hash_op_nummer != anker.hash:
        return f"regel {anker.volgnummer} heeft niet de hash van het anker: het log is sinds het anker herschreven"
    return None
