"""BSN: a format check by the eleven-test (python-stdnum), with Dutch messages."""

from __future__ import annotations

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.util import clean

from jet_desktop.domain.errors import FieldError


def normalize_bsn(value: str) -> str:
    """Separators (space, dot, hyphen) removed; an eight-digit number gets a leading zero.

    Only one zero is added: shorter numbers stay short and fail the check (stdnum's own
    compact() would pad any length to nine, so a 7-digit typo could pass the eleven-test).
    """
    number = clean(value or "", " -.").strip()
    return "0" + number if len(number) == 8 else number


def bsn_error(value: str | None, field: str = "bsn") -> FieldError | None:
    """None when the BSN is empty (optional) or passes the eleven-test.

    A pass is a format check only: it does not prove the number belongs to this child.
    """
    if not value or not value.strip():
        return None
    number = normalize_bsn(value)
    try:
        if len(number) != 9:
            raise StdnumError()
        stdnum_bsn.validate(number)
    except StdnumError:
        return FieldError(
            field, "BSN: dit is geen geldig burgerservicenummer (negen cijfers, elfproef)."
        )
    return None
