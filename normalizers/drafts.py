"""A quantity while it is being read: the shared working record of the reading stages."""

from __future__ import annotations

from dataclasses import dataclass

from normalizers.numbers import Number
from normalizers.units import UnitMatch


@dataclass(slots=True)
class Draft:
    """A quantity being read; numbers are kept exact until `_finish`."""

    kind: str  # number, range, fraction, zero
    start: int
    end: int
    nums: list[tuple[Number, int]]  # (literal, scale exponent)
    literals: list[str]
    sign: str | None = None
    unit: UnitMatch | None = None
    after_cmp: str | None = None
    comparator: str | None = None
    change: str | None = None
    period: str | None = None
    unit_inferred: bool = False
    ambiguous: bool = False
    zero_unit: str | None = None  # unit a zero phrase implies ("không để xảy ra" → case)
