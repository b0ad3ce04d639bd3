"""Period phrases: `năm 2026` → `2026`, `giai đoạn 2026 - 2030` → `2026-2030`,
`quý I/2027` → `2027-Q1`, `hằng năm` / `bình quân/năm` → `annual`.

The phrases live in `data/vi/periods.yaml`; `find_periods` returns them with their spans so
that the quantity normaliser can give each quantity the period nearest to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalizers.lexicon import load

_DATA = load("periods")
_RULES = [(re.compile(r["pattern"], re.IGNORECASE), r["period"]) for r in _DATA["rules"]]
_IGNORE = [re.compile(p, re.IGNORECASE) for p in _DATA["ignore"]]
_QUARTERS = {"I": "1", "II": "2", "III": "3", "IV": "4"}


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int
    label: str  # `2026`, `2026-2030`, `2027-Q1`, `annual`


def find_periods(text: str) -> list[Period]:
    """All period phrases in `text`, in reading order; earlier rules win overlaps.

    >>> [p.label for p in find_periods("Đánh giá 2026; bổ sung giải pháp quý I/2027")]
    ['2027-Q1']
    >>> [p.label for p in find_periods("Hằng năm, tăng 5%; đến năm 2030 đạt 100%")]
    ['annual', '2030']
    """
    taken: list[tuple[int, int]] = [m.span() for rx in _IGNORE for m in rx.finditer(text)]
    found: list[Period] = []
    for rx, template in _RULES:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if "q" in groups:
                groups["q"] = _QUARTERS.get(groups["q"].upper(), groups["q"])
            found.append(Period(s, e, template.format(**groups)))
    found.sort(key=lambda p: p.start)
    return found
