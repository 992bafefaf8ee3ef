"""Weighted random choice for the demo generators."""

from __future__ import annotations

import bisect
import itertools
import random


class Keuze:
    """Weighted choice with precomputed cumulative weights (much cheaper than random.choices per call)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, weights: dict):
        self.items = list(weights)
        self.cum = list(itertools.accumulate(weights.values()))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]
