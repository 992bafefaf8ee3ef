"""A table model over a pandas DataFrame (report tables: tens of rows), sortable through a proxy.

Numbers are shown the Dutch way: 1.234 for counts, € 1.234 for columns whose name mentions
kosten, 41,1 for fractions; the raw value is what the proxy sorts on.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

from jet_desktop.notatie import decimaal, euro, getal
from jet_desktop.ui.models.row_model import Column, RowTableModel


def tekst(kolom: str, waarde) -> str:
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return ""
    if isinstance(waarde, bool) or not isinstance(waarde, Real):
        return waarde.strftime("%d-%m-%Y") if hasattr(waarde, "strftime") else str(waarde)
    if "kosten" in kolom.lower() or "€" in kolom:
        return euro(waarde)
    if isinstance(waarde, Integral) or float(waarde).is_integer() and "%" not in kolom:
        return getal(waarde)
    return decimaal(waarde, 1)


class FrameModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__([], parent)

    def set_frame(self, frame) -> None:
        names = [str(c) for c in frame.columns]
        numeriek = [frame[c].dtype.kind in "iuf" for c in frame.columns]
        self.columns = [Column(n, (lambda r, i=i: r[i]), (lambda r, i=i, n=n: tekst(n, r[i])), align_right=num)
                        for i, (n, num) in enumerate(zip(names, numeriek))]
        self.set_rows([tuple(None if _leeg(v) else v for v in r) for r in frame.itertuples(index=False, name=None)])


def _leeg(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and math.isnan(v))
    except TypeError:
        return False
