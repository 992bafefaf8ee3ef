"""Validation errors that name the field a user must fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str  # technical field name, e.g. "bsn"
    message: str  # Dutch message for the user, names the field


class ValidationError(ValueError):
    """One or more fields are invalid; nothing has been saved."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(e.message for e in self.errors))

    def for_field(self, field: str) -> str | None:
        for e in self.errors:
            if e.field == field:
                return e.message
        return None
