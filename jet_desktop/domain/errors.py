"""The application's own errors: one base class, and validation errors that name the field a user must fix.

Every error JET Desktop raises on purpose derives from `JetFout`: its text is Dutch and meant for the
user (it names no person unless the user typed it into this very form). Subclasses keep a built-in
base where callers relied on it (ValidationError is a ValueError), but none is an OSError: `except
OSError` means a file or the disk, never a missing right (services/autorisatie.GeenToegang) or a
wrong wachtwoordzin. What is not a JetFout is unexpected: the GUI shows it in the error dialog
(ui/foutdialoog.py), the command line as one line with its stack in the log (jet_desktop/logboek.py).
"""

from __future__ import annotations

from dataclasses import dataclass


class JetFout(Exception):
    """Base of the application's own errors: a Dutch message for the user; nothing half done."""


@dataclass(frozen=True)
class FieldError:
    field: str  # technical field name, e.g. "bsn"
    message: str  # Dutch message for the user, names the field


class ValidationError(JetFout, ValueError):
    """One or more fields are invalid; nothing has been saved."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(e.message for e in self.errors))

    def for_field(self, field: str) -> str | None:
        for e in self.errors:
            if e.field == field:
                return e.message
        return None
