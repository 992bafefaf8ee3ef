"""The scale of a chart's value axis, the same on screen (ui/charts.py) and in the PDF (reports/grafieken.py)."""

from __future__ import annotations

import math


def nette_stap(maximum: float, stappen: int = 5) -> float:
    """A round axis step (1, 2, 5 × 10^n, at least 1) so that about `stappen` steps cover `maximum`."""
    if maximum <= 0:
        return 1
    ruw = maximum / stappen
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 5, 10):
        if ruw <= factor * macht:
            return max(1, factor * macht)  # counts: never a step below 1
    return 10 * macht
