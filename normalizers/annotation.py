"""What is written around each quantity: its comparator (`trên`, `không dưới`, `≥`), its
direction (`tăng`, `giảm`, `duy trì`, a sign), its period (the nearest period phrase of its
clause) and the `15,139` / `13.517` separator clash. The phrases live in `data/vi/`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from normalizers.drafts import Draft
from normalizers.lexicon import contains_any, fold, load, phrase_pattern
from normalizers.periods import TRAILING_MARKERS, Period, find_periods

_CMP = load("comparators")


CMP_BEFORE: dict[str, str] = {fold(p): c for c, ps in _CMP["before"].items() for p in ps}


_CMP_SYMBOLS = sorted((p for p in CMP_BEFORE if not p[0].isalpha()), key=len, reverse=True)


_CMP_SYMBOL_TUPLE = tuple(_CMP_SYMBOLS)


_CMP_FILLERS = {fold(p) for p in _CMP["fillers"]}


_CMP_LAST_WORDS = frozenset(p.split()[-1] for p in CMP_BEFORE)


_CHG = load("changes")


_CHANGE_OF: dict[str, str] = {
    fold(p): d for d in ("increase", "decrease", "maintain") for p in _CHG[d]
}


_CHANGE_RE = re.compile(phrase_pattern(_CHANGE_OF))  # on lower-cased text


_CHANGE_BLOCK_RE = re.compile(phrase_pattern(_CHG["blockers"]))


# Every direction phrase starts with one of these words: without one, no direction is read.
_CHANGE_FIRST = tuple(sorted({p.split()[0] for p in _CHANGE_OF}))


SIGN_CHANGE: dict[str, str] = _CHG["signs"]


_SIGN_WORDS: dict[str, str] = {fold(w): sign for w, sign in _CHG["sign_words"].items()}


_MULTIPLES = load("units")["multiples"]


# `gấp 3 lần`: the word just before the number (or before `gần`/`khoảng` and the number).
_MULTIPLE_BEFORE_RE = re.compile(phrase_pattern(_MULTIPLES["before"]) + r"\s*$")


_FROM_TO = _CMP["from_to"]


_FROM_BEFORE_RE = re.compile(r"(?:^|\s)(?:" + phrase_pattern(_FROM_TO["from"]) + r")\s*$")


_TO_OF: dict[str, str] = {fold(p): d for d, ps in _FROM_TO["to"].items() for p in ps}


# Between the two figures: the first's year or bracket, then the word of the end figure.
_TO_GAP_RE = re.compile(
    r"\s*(?:(?:vào\s+|cuối\s+)?năm\s+\d{4}\s*|\([^()]{0,40}\)\s*)?,?\s*(?P<to>"
    + phrase_pattern(_TO_OF)
    + r")(?:\s+(?:mức|khoảng|dưới|trên))?\s*"
)


def change_direction_between(
    low: str, first_end: int, second_start: int, first_start: int
) -> str | None:
    """`từ 2 lên 3`: the direction of a change from the figure ending at `first_end` to the
    one starting at `second_start` (lower-cased text), or None when they are no such pair."""
    if not _FROM_BEFORE_RE.search(low[max(0, first_start - 12) : first_start]):
        return None
    m = _TO_GAP_RE.fullmatch(low, first_end, second_start)
    return _TO_OF[fold(m["to"])] if m else None


def starts_a_change(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the figure at span `first` is where a change to the one at `second` starts."""
    low = text.lower()
    return change_direction_between(low, first[1], second[0], first[0]) is not None


_CLAUSE_STOP_RE = re.compile(r"[;(\n]|\.\s")


_CLAUSE_BREAK_RE = re.compile(r",|\.\s|\svà\s")  # between two clauses of one sentence


_DOT_GROUP_RE = re.compile(r"^\d{1,3}\.\d{3}$")


_COMMA_3_RE = re.compile(r"^\d{1,3},\d{3}$")


def annotate(raw: str, low: str, drafts: list[Draft]) -> None:
    periods = find_periods(raw, low)
    index = _Index(drafts, periods) if periods else None
    if index is not None and not index.periods:
        index = None
    changes = contains_any(low, _CHANGE_FIRST)  # every direction phrase starts with one
    stops = [m.end() for m in _CLAUSE_STOP_RE.finditer(raw)] if changes else []
    prev_end = 0
    for k, d in enumerate(drafts):
        if d.kind != "range":
            d.comparator = (
                _comparator_before(raw, prev_end, d.start)
                or (
                    _comparator_before_period(raw, prev_end, d.start, index)
                    if index is not None
                    else None
                )
                or d.after_cmp
            )
        elif _comparator_before(raw, prev_end, d.start) == "~":
            d.comparator = "~"  # `khoảng 12 - 13%`: an approximate range (no other comparator)
        if d.sign is None and d.kind == "number":
            d.sign = _sign_word_before(raw, prev_end, d.start)
        d.change = SIGN_CHANGE.get(d.sign or "") or (
            _change_before(low, max(prev_end, _clause_start(stops, d.start)), d.start)
            if changes
            else None
        )
        if (
            d.unit is not None
            and d.unit.unit == _MULTIPLES["from"]
            and _MULTIPLE_BEFORE_RE.search(low[max(prev_end, d.start - 12) : d.start])
        ):
            d.unit = d.unit._replace(unit=_MULTIPLES["to"])
        if d.unit is not None and d.unit.period:
            d.period = d.unit.period
        else:
            d.period = _nearest_period(raw, k, index) if index is not None else None
        prev_end = d.end
    for first, second in zip(drafts, drafts[1:], strict=False):
        if first.kind == "number" and second.kind in ("number", "bound"):
            direction = change_direction_between(low, first.end, second.start, first.start)
            if direction is not None:  # `từ 2 lên 3`: from 2 (exactly), up to 3
                first.comparator, first.change = "=", None
                second.change = second.change or direction
                if first.unit is None:  # `từ 2 lên 3 phó trưởng phòng`: one unit for both
                    first.unit = second.unit
    if len(drafts) > 1 or (drafts and len(drafts[0].literals) > 1):  # a clash needs two literals
        _flag_separator_clash(drafts)


def _sign_word_before(raw: str, lo: int, hi: int) -> str | None:
    """`tăng trưởng âm 2%`: the sign written as the word just before the number."""
    words = raw[max(lo, hi - 8) : hi].split()
    return _SIGN_WORDS.get(words[-1].lower()) if words and raw[hi - 1 : hi].isspace() else None


def _clause_start(stops: list[int], pos: int) -> int:
    """Where the clause holding `pos` starts: the last clause stop (`;`, `(`, `. `) ending at
    or before it; `stops` are the ends of all of them, in order."""
    i = bisect_right(stops, pos)
    return stops[i - 1] if i else 0


def _comparator_before(raw: str, lo: int, hi: int) -> str | None:
    """The comparator written just before a number, in raw[lo:hi]: `trên`, `không dưới`,
    `≥`, `(>`."""
    tokens = raw[max(lo, hi - 40) : hi].rstrip(" \t:").rsplit(None, 4)[-4:]  # = split()[-4:]
    if not tokens:
        return None
    tokens[0] = tokens[0].lstrip("([")
    last = tokens[-1]
    if last.endswith(_CMP_SYMBOL_TUPLE):
        for symbol in _CMP_SYMBOLS:
            if last.endswith(symbol):
                return CMP_BEFORE[symbol]
    last = last.lower()
    if last not in _CMP_LAST_WORDS and (len(tokens) == 1 or last not in _CMP_FILLERS):
        return None  # every phrase ends with one of these words, maybe before a filler
    words = [t.lower() for t in tokens]
    if len(words) > 1 and words[-1] in _CMP_FILLERS:
        words.pop()
    for n in (3, 2, 1):
        if len(words) >= n:
            found = CMP_BEFORE.get(" ".join(words[-n:]))
            if found is not None:
                return found
    return None


def _comparator_before_period(raw: str, lo: int, hi: int, index: _Index) -> str | None:
    """`ít nhất mỗi năm 1 lần`: the comparator written before a period phrase that sits
    just before the number (only the period ending last before it can)."""
    i = bisect_right(index.period_ends, hi) - 1
    if i < 0:
        return None
    p = index.periods[i]
    if lo <= p.start and not raw[p.end : hi].strip():
        return _comparator_before(raw, lo, p.start)
    return None


def _change_before(low: str, lo: int, hi: int) -> str | None:
    """The direction word nearest before the quantity in its clause (`tốc độ tăng` excluded)."""
    last = None
    blocked: list[tuple[int, int]] | None = None  # read once a direction word is found
    for m in _CHANGE_RE.finditer(low, lo, hi):
        start = m.start()
        if start and low[start - 1].isalnum():
            continue
        if blocked is None:
            blocked = [b.span() for b in _CHANGE_BLOCK_RE.finditer(low, lo, hi)]
        if not _inside_any(start, blocked):
            last = m
    return _CHANGE_OF[fold(last.group())] if last is not None else None


def _inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:
        if s <= pos < e:
            return True
    return False


class _Index:
    """Positions of the quantities (sorted by start, as `read` returns them) and of the
    periods (sorted and never overlapping, as `find_periods` returns them), so that each
    quantity looks only at the periods near it: a long text stays near-linear."""

    def __init__(self, drafts: list[Draft], periods: list[Period]) -> None:
        self.drafts = drafts
        self.starts = [d.start for d in drafts]
        # A `/năm` inside a quantity's unit (`triệu đồng/người/năm`) is no one's period.
        self.periods = [p for p in periods if not self._inside_a_draft(p)]
        self.period_starts = [p.start for p in self.periods]
        self.period_ends = [p.end for p in self.periods]

    def _inside_a_draft(self, p: Period) -> bool:
        """Whether the period lies inside the last quantity starting at or before it
        (quantities never overlap)."""
        i = bisect_right(self.starts, p.start) - 1
        return i >= 0 and p.end <= self.drafts[i].end

    def window(self, k: int) -> range:
        """The periods that `_between` does not rule out for quantity k: a period wholly
        before the quantity before it, or wholly after the one after it, has that quantity
        between (when it does not overlap quantity k)."""
        d, drafts = self.drafts[k], self.drafts
        lo, hi = 0, len(self.periods)
        if k > 0 and drafts[k - 1].end <= d.start:
            lo = bisect_right(self.period_ends, drafts[k - 1].start)
        if k + 1 < len(drafts) and drafts[k + 1].start >= d.end:
            hi = bisect_left(self.period_starts, drafts[k + 1].end)
        return range(lo, hi)

    def between(self, p: Period, d: Draft) -> bool:
        """Whether another quantity lies between the period `p` and the quantity `d`."""
        lo, hi = min(p.end, d.end), max(p.start, d.start)
        i = bisect_left(self.starts, lo)
        while i < len(self.starts) and self.starts[i] <= hi:
            o = self.drafts[i]
            if o is not d and o.end <= hi:
                return True
            i += 1
        return False


def _nearest_period(raw: str, k: int, index: _Index) -> str | None:
    """The period phrase nearest quantity k within its `;`/bracket segment with no other
    quantity in between, else the first one outside brackets (`Hằng năm, …` heads the cell).
    (`periods` holds none inside a quantity: `triệu đồng/người/năm` is a unit.)"""
    d, periods = index.drafts[k], index.periods
    best, best_gap = None, 0
    seg_lo, seg_hi = _segment(raw, d.start, d.end)
    for i in index.window(k):
        p = periods[i]
        if p.start >= d.end:
            if _heads_a_later_clause(raw, p, d, index):
                continue
        elif _trails_an_earlier_quantity(raw, p, d, index):
            continue
        if p.start > seg_lo and p.end <= seg_hi and not index.between(p, d):
            gap = max(p.start - d.end, d.start - p.end, 0)
            if best is None or gap < best_gap:  # the first of the nearest
                best, best_gap = p, gap
    if best is not None:
        return best.label
    for p in periods:
        if raw.count("(", 0, p.start) == raw.count(")", 0, p.start):
            return p.label
    return None


def _segment(raw: str, start: int, end: int) -> tuple[int, int]:
    """The `;`/bracket-delimited part of `raw` around raw[start:end] (exclusive bounds)."""
    lo = max(raw.rfind(";", 0, start), raw.rfind("(", 0, start), raw.rfind(")", 0, start))
    hi = len(raw)
    for stop in (";", "(", ")"):
        i = raw.find(stop, end)
        if 0 <= i < hi:
            hi = i
    return lo, hi


def _heads_a_later_clause(raw: str, p: Period, d: Draft, index: _Index) -> bool:
    """`Đến cuối năm 2026 còn 2,5%, đến năm 2030 còn dưới 1%`: a period after a comma (a
    full stop, a `và`) that opens the clause of a later quantity is that quantity's, not the
    earlier one's. (The quantity right after the period decides: a break before it is also
    before every later one.)"""
    if _CLAUSE_BREAK_RE.search(raw, d.end, p.start) is None:
        return False
    i = bisect_left(index.starts, p.end)
    if i == len(index.starts):
        return False
    return _CLAUSE_BREAK_RE.search(raw, p.end, index.starts[i]) is None


def _trails_an_earlier_quantity(raw: str, p: Period, d: Draft, index: _Index) -> bool:
    """`đạt 80% vào cuối năm 2025 và 100% vào năm 2026`: a period written after a trailing
    marker (`vào`) dates the quantity before it, not the one after it."""
    before = raw[max(0, p.start - 16) : p.start].lower().split()
    if (
        not (before[-1:] and before[-1] in TRAILING_MARKERS)
        and " ".join(before[-2:]) not in TRAILING_MARKERS
    ):
        return False
    # The quantity ending last before the period decides (quantities never overlap).
    i = bisect_left(index.starts, p.start) - 1
    while i >= 0:
        o = index.drafts[i]
        if o is not d and o.end <= p.start:
            return _CLAUSE_BREAK_RE.search(raw, o.end, p.start) is None
        i -= 1
    return False


def _flag_separator_clash(drafts: list[Draft]) -> None:
    """`15,139 triệu USD/13.517 triệu USD`: with both `d,ddd` and `d.ddd` in one cell the
    writer mixed the marks; the `.` reading (thousands, per the contract) is flagged."""
    lits = [(d, lit) for d in drafts for lit in d.literals]
    if any(_COMMA_3_RE.match(lit) for _, lit in lits):
        for d, lit in lits:
            if _DOT_GROUP_RE.match(lit):
                d.ambiguous = True
