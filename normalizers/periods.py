"""Period phrases: `năm 2026` → `2026`, `giai đoạn 2026 - 2030` → `2026-2030`,
`quý I/2027` → `2027-Q1`, `hằng năm` / `bình quân/năm` → `annual`.

The phrases live in `data/vi/periods.yaml`; `find_periods` returns them with their spans so
that the quantity normaliser can give each quantity the period nearest to it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from normalizers.lexicon import fast_form, load, split_alternatives

_DATA = load("periods")
# One regex per rule, tried in priority order (earlier rules win overlaps). Each pattern
# starts with a literal where it can, which `re` searches for fast; patterns are written in
# lower case and matched on the lower-cased text (faster than IGNORECASE).
# (`fast_form`: the same patterns, written so that `re` scans for their first letters.)
_RULES = [(re.compile(fast_form(r["pattern"])), r["period"]) for r in _DATA["rules"]]
_IGNORE = [re.compile(fast_form(p)) for p in _DATA["ignore"]]
_TRIGGERS = tuple(_DATA["triggers"])
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# A pattern that cannot match without a year (every alternative has `(?:19|20)\d\d`).
_RULES_YEAR = [
    (rx, template, all(r"(?:19|20)\d\d" in alt for alt in split_alternatives(raw)))
    for (rx, template), raw in zip(_RULES, (r["pattern"] for r in _DATA["rules"]), strict=True)
]
_IGNORE_NEED_YEAR = all(r"(?:19|20)\d\d" in p for p in _DATA["ignore"])
_QUARTERS = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
# Words after which a period phrase dates the quantity before it (`100% vào năm 2026`).
TRAILING_MARKERS = frozenset(_DATA["trailing_markers"])


def _has_trigger(low: str) -> bool:
    for t in _TRIGGERS:
        if t in low:
            return True
    return False


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    for ts, te in spans:
        if s < te and ts < e:
            return True
    return False


class Period(NamedTuple):
    start: int
    end: int
    label: str  # `2026`, `2026-2030`, `2027-Q1`, `annual`


def find_periods(text: str, low: str | None = None) -> list[Period]:
    """All period phrases in `text`, in reading order.

    >>> [p.label for p in find_periods("Đánh giá 2026; bổ sung giải pháp quý I/2027")]
    ['2027-Q1']
    >>> [p.label for p in find_periods("Hằng năm, tăng 5%; đến năm 2030 đạt 100%")]
    ['annual', '2030']
    """
    if low is None or len(low) != len(text):
        low = text.lower()
        if len(low) != len(text):
            low = text
    has_year = _YEAR_RE.search(low) is not None
    if not has_year and not _has_trigger(low):
        return []
    # Plain loops below, no generators: this runs for every clause with a digit.
    taken: list[tuple[int, int]] = []
    if has_year or not _IGNORE_NEED_YEAR:  # ignores that need a year cannot match without one
        for rx in _IGNORE:
            for m in rx.finditer(low):
                taken.append(m.span())
    found: list[Period] = []
    for rx, template, needs_year in _RULES_YEAR:
        if needs_year and not has_year:
            continue
        for m in rx.finditer(low):
            s, e = m.span()
            if taken and _overlaps(s, e, taken):
                continue
            taken.append((s, e))
            groups = m.groupdict()
            if None in groups.values():
                groups = {k: v for k, v in groups.items() if v is not None}
            if "q" in groups:
                groups["q"] = _QUARTERS.get(groups["q"], groups["q"])  # quý iv → Q4
            found.append(Period(s, e, template.format(**groups)))
    found.sort()
    return found
