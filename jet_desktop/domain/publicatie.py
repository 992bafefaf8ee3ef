"""Small-number suppression for publication: the rule every export for publication shares.

A count from 1 to drempel-1 could point at a person: it is shown as the marker "<drempel"
(e.g. "<5"). Zero stays zero: it points at nobody. Which other figures must go with a hidden
one (so it cannot be recomputed) depends on the table; see domain.monitor.onderdruk and
reports.matched_care.onderdruk.
"""

from __future__ import annotations


def is_klein(n, drempel: int) -> bool:
    """A count that must not be published: 1..drempel-1 (not 0, not a marker already)."""
    return isinstance(n, (int, float)) and not isinstance(n, bool) and 0 < n < drempel


def marker(drempel: int) -> str:
    return f"<{drempel}"
