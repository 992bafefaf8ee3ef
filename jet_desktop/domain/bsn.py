"""BSN: a format check by the eleven-test (python-stdnum), with Dutch messages."""

from __future__ import annotations

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn

from jet_desktop.domain.errors import FieldError


def normalize_bsn(value: str) -> str:
    """Digits only; an eight-digit number gets a leading zero."""
    return stdnum_bsn.compact(value or "").zfill(9) if (value or "").strip() else ""


def bsn_error(value: str | None, field: str = "bsn") -> FieldError | None:
    """None when the BSN is empty (optional) or passes the eleven-test.

    A pass is a format check only: it does not prove the number belongs to this child.
    """
    if not value or not value.strip():
        return None
    try:
        stdnum_bsn.validate(normalize_bsn(value))
    except StdnumError:
        return FieldError(
            field, "BSN: dit is geen geldig burgerservicenummer (negen cijfers, elfproef)."
        )
    return None
