"""Budget lines of a plan: allocations are `plan` values (words in parsers/data/budget.yaml).

`Tổng kinh phí Chương trình: 22.123,39 triệu đồng` and the yearly table under `Dự kiến kinh
phí thực hiện …` state what the plan allocates, not a result to reach: their figures take
the role `plan` where the reader gave the default `target`.
"""

from __future__ import annotations

from functools import cache

import regex as re

from parsers import data as parser_data
from parsers.structure.records import Indicator


@cache
def _pattern(key: str) -> re.Pattern:
    return re.compile(parser_data.load("budget")[key], re.IGNORECASE)


def opens_budget(title: str) -> bool:
    """`IV. KINH PHÍ`, `**Dự kiến kinh phí thực hiện Chương trình …**`."""
    return bool(_pattern("budget_heading").search(title))


def is_budget_line(name: str) -> bool:
    """`Tổng kinh phí Chương trình`, `Kinh phí năm 2026`."""
    return bool(_pattern("budget_name").match(name.strip()))


def as_allocations(indicators: list[Indicator]) -> list[Indicator]:
    """The indicators with their target cells turned into plan cells (in place)."""
    for indicator in indicators:
        for cell in indicator.cells:
            if cell.role == "target":
                cell.role = "plan"
    return indicators
