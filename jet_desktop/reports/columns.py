"""Column descriptions shared by the PDF and XLSX writers, and Dutch text formatting of values.

A column has a `kind` that decides how a value is written:

- "text": as is; "int": whole number (1.234); "float1": one decimal (41,1); "float2": two (0,67);
- "pct": a number like 41.1 shown as "41,1 %"; "date": dd-mm-jjjj;
- "euro": whole euros ("€ 1.234"); "weeks": one decimal (3,4).

`None` is shown empty. A str in a numeric column (a suppressed count such as "<5") is written
as text unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from jet_desktop.notatie import decimaal, getal

KINDS = ("text", "int", "float1", "float2", "pct", "date", "euro", "weeks")
NUMERIC_KINDS = frozenset({"int", "float1", "float2", "pct", "euro", "weeks"})


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"
    width: float | None = None  # relative width hint (about characters)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"onbekend kolomsoort {self.kind!r}")

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


_grouped, _decimal = getal, decimaal


def format_value(kind: str, value) -> str:
    """The Dutch text of `value` in a column of `kind` (as printed in PDFs)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind == "date":
        if isinstance(value, (date, datetime)):
            return value.strftime("%d-%m-%Y")
        return str(value)
    if kind == "int":
        return _grouped(int(round(value)))
    if kind in ("float1", "weeks"):
        return _decimal(float(value), 1)
    if kind == "float2":
        return _decimal(float(value), 2)
    if kind == "pct":
        return _decimal(float(value), 1) + " %"
    if kind == "euro":
        return "€ " + _grouped(int(round(value)))
    return str(value)
