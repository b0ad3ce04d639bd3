"""Public entry point of the quantity normaliser (placeholder until issue 3 lands)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """One quantity read from a cell or clause; attribute names are the `values` columns."""

    kind: str  # number, range, bound, fraction, boolean, text
    raw: str
    comparator: str | None = None
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    denominator: float | None = None
    unit: str | None = None
    unit_raw: str | None = None
    change: str | None = None
    approximate: bool = False
    unit_inferred: bool = False
    period: str | None = None
    text: str | None = None
    ambiguous: bool = False  # the reading is uncertain (e.g. '13.517 triệu USD' beside '15,139')
    span: tuple[int, int] | None = None  # where in `raw` the quantity was read


def parse_quantities(
    text: str, *, unit_hint: str | None = None, name_hint: str | None = None
) -> list[Quantity]:
    raise NotImplementedError
