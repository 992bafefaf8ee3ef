"""Sign-in names made from a medewerker's name: 'Anouk de Vries' -> 'anouk.devries'.

(Migration 0005 holds a frozen copy: migrations never import application code.)"""

from __future__ import annotations

import re
import unicodedata

PATROON = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


# letters that NFKD does not take apart into a base letter and a mark
_LOS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"})


def uit_naam(naam: str, bezet: set[str]) -> str:
    plat = unicodedata.normalize("NFKD", naam.translate(_LOS)).encode("ascii", "ignore").decode().lower()
    delen = re.findall(r"[a-z0-9]+", plat) or ["medewerker"]
    basis = delen[0] + ("." + "".join(delen[1:]) if len(delen) > 1 else "")
    kandidaat, n = basis[:50], 2
    while kandidaat in bezet:
        kandidaat, n = f"{basis[:46]}{n}", n + 1
    bezet.add(kandidaat)
    return kandidaat


def is_geldig(naam: str) -> bool:
    return bool(PATROON.match(naam))
