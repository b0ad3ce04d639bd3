"""Numbers that are not quantities: years, dates, document numbers, levels, list markers,
ages, anniversaries. `mask` hides their digits as `#` (same length, so spans into the raw
text stay valid) before the numbers are read.

    >>> mask("Nghị quyết 57-NQ/TW năm 2026 đạt 5%", "nghị quyết 57-nq/tw năm 2026 đạt 5%")
    'Nghị quyết ##-NQ/TW năm #### đạt 5%'

The words around a number that make it something else live in `data/vi/non_quantities.yaml`.
"""

from __future__ import annotations

import re

from normalizers.lexicon import fold, load, phrase_pattern
from normalizers.units import match_unit

_NQ = load("non_quantities")


def _words(key: str) -> str:
    return phrase_pattern(_NQ[key])


# Numbers that are not quantities: each run of digits is checked against what is glued
# after it (`_AT_RE`: dates, document numbers, ages, anniversaries) and the words before
# it (ordinal markers, `số`, year words). Its digits are then hidden as `#` (same length, so
# spans into the raw text stay valid).
_AT_RE = re.compile(
    "|".join(
        [
            r"\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{4}(?!\d)",  # 15/12/2025
            r"\d{1,2}/(?:19|20)\d\d(?!\d)",  # 6/2026
            r"\d+(?:[/-]\d+)*[/-]\s?[A-ZĐ][\w&]*(?:[-/][\w&]+)*",  # 57-NQ/TW, 5596/BC-UBND
        ]
    )
)


_AT_LOW_RE = re.compile(
    r"\d+\s+(?:" + _words("anniversary_after") + ")"  # 80 năm ngày thành lập
    r"|(?<![\d.,])\d+\s+(?:" + _words("span_before_year") + r")\s+(?:19|20)\d\d(?!\d)"  # 5 năm 2026
)


# `trẻ em dưới 5 tuổi`, `3-5 tuổi`: an age that qualifies a name; not the decimals of a
# figure (`75,5 tuổi`) nor an age a target verb states (`tuổi thọ … đạt trên 80 tuổi`).
_AGE_RE = re.compile(
    r"(?<![\d.,])\d+(?:\s*(?:[-–]|đến|tới)\s*\d+)?\s*(?:" + _words("age_words") + ")"
)
_AGE_STATED_RE = re.compile(
    r"(?:^|\s)(?:"
    + _words("age_stated_after")
    + r")(?:\s+(?:"
    + _words("age_stated_comparators")
    + r"))*\s*$"
)


_AT_NEXT = frozenset("/.-")


_AT_LOW_NEXT = frozenset(["-", "–", "đ", "t", *(w.strip()[0] for w in _NQ["age_words"])])


_LITERAL_RE = re.compile(r"\d+(?:[.,/-]\d+)*")


_DIGITS_RE = re.compile(r"\d+")


_YEAR_AT_RE = re.compile(r"(?:19[4-9]\d|20\d\d)(?!\d|[.,]\d)")


def _phrase_set(key: str) -> frozenset[str]:
    return frozenset(fold(p) for p in _NQ[key])


_ORDINAL = _phrase_set("ordinal_markers")


_DOC_WORDS = _phrase_set("document_words")


_YEAR_BEFORE = _phrase_set("year_before")


_PER_ONE_BEFORE = _phrase_set("per_one_before")


_PER_ONE_UNITS = _phrase_set("per_one_units")


_VERSION_BEFORE = _phrase_set("version_before")


_ANNIV_BEFORE = _phrase_set("anniversary_before")


_DATE_WORDS = frozenset({"ngày", "tháng"})


# The one-, two- and three-word phrases after which a number is a label or date, not a count.
_LABEL_BEFORE = _ORDINAL | _ANNIV_BEFORE | _VERSION_BEFORE | _DATE_WORDS


# The last word of every phrase `_label_before` looks for: any other word rules them all out.
_WORD_BEFORE_LAST = frozenset(p.split()[-1] for p in _LABEL_BEFORE | _PER_ONE_BEFORE | {"số"})


_HIDE = str.maketrans("0123456789", "##########")


_LEAD_MARKER_RE = re.compile(
    r"^\s*(?:(?P<closed>\(?\d{1,2}(?:[.,]\d{1,2}){0,3}\s*[.)])|(?P<open>\d{1,2}(?:[.,]\d{1,2}){1,3}))\s*(?=[^\W\d_])"
)


def mask(raw: str, low: str, first: int = 0) -> str:
    """`raw` with the digits of non-quantities replaced by `#` (same length); `first` is
    where its first digit is, when known.

    >>> mask("Nghị quyết 57-NQ/TW năm 2026 đạt 5%", "nghị quyết 57-nq/tw năm 2026 đạt 5%")
    'Nghị quyết ##-NQ/TW năm #### đạt 5%'
    """
    hidden: list[tuple[int, int]] = []
    head = raw[:1]
    if head.isdigit() or head == "(" or head.isspace():  # what `_LEAD_MARKER_RE` starts with
        lead = _LEAD_MARKER_RE.match(raw)
        if lead is not None and (lead.group("closed") or raw[lead.end()].isupper()):
            hidden.append((0, lead.end()))
    last = hidden[0][1] if hidden else 0
    for m in _DIGITS_RE.finditer(raw, first):
        if m.start() < last:
            continue
        span = _not_a_quantity(raw, low, m.start(), m.end())
        if span is not None:
            hidden.append(span)
            last = span[1]
    if not hidden:
        return raw
    parts, pos = [], 0
    for s, e in hidden:
        parts += [raw[pos:s], raw[s:e].translate(_HIDE)]
        pos = e
    parts.append(raw[pos:])
    return "".join(parts)


def _not_a_quantity(raw: str, low: str, s: int, e: int) -> tuple[int, int] | None:
    """The span to hide when the digits at raw[s:e] are a year, date, label, age…"""
    prev = raw[s - 1] if s else " "
    if prev.isalpha() or (prev == "-" and s > 1 and raw[s - 2].isalpha()):
        return s, e  # glued to letters: F0, H5N1, COVID-19
    # After the digits, `_AT_RE` needs a space or `/.-`, `_AT_LOW_RE` a space, dash or word.
    at = None
    nxt = raw[e : e + 1]
    if nxt and (nxt.isspace() or nxt in _AT_NEXT):
        at = _AT_RE.match(raw, s)
    nxt = low[e : e + 1]
    if at is None and nxt and (nxt.isspace() or nxt in _AT_LOW_NEXT):
        at = _AT_LOW_RE.match(low, s)
        if at is None:
            at = _AGE_RE.match(low, s)
            if at is not None and _AGE_STATED_RE.search(low[max(0, s - 40) : s]):
                at = None
    if at is not None:
        return s, at.end()
    if (
        prev == "("
        and raw[e : e + 1] == ")"
        and e - s <= 2
        and raw[e + 1 : e + 2] in ("", " ", ".", ",", ";", ":")
    ):
        return s, e  # list marker (1)
    before = low[max(0, s - 24) : s]
    if before.rstrip().endswith(")/"):
        return s, e  # (a + b)/5: a divisor
    last = None  # the word before the digits (`:` removed), when a space or `:` ends `before`
    if before[-1:].isspace() or before.endswith(":"):
        tail = before.rsplit(None, 1)
        if tail:
            last = tail[-1]
            if last == "số:":
                return s, _literal_end(raw, s, e)  # Số: 109
            last = last.rstrip(":")
            if last in _WORD_BEFORE_LAST:  # else none of the word checks can match
                span = _label_before(raw, low, before, s, e)
                if span is not None:
                    return span
    if e - s == 4 and _YEAR_AT_RE.match(raw, s) and prev not in ".,":
        if last in _YEAR_BEFORE or before.rstrip().endswith(("/", "-", "–")):
            return s, e
        unit = match_unit(raw, e)
        if unit is None or unit.unit in (None, "year"):
            return s, e
    return None


def _literal_end(raw: str, s: int, e: int) -> int:
    literal = _LITERAL_RE.match(raw, s)
    return literal.end() if literal else e


def _label_before(raw: str, low: str, before: str, s: int, e: int) -> tuple[int, int] | None:
    """The span to hide when the (up to three) words before the digits make them a label,
    a document number or `per one`: `mức độ 2`, `Kế hoạch số 109`, `trên 1 ha đất`."""
    words = before.split()[-3:]
    words[-1] = words[-1].rstrip(":")
    last = words[-1]
    if (
        last in _LABEL_BEFORE
        or (len(words) > 1 and f"{words[-2]} {last}" in _LABEL_BEFORE)
        or (len(words) > 2 and " ".join(words) in _LABEL_BEFORE)
    ):
        # mức độ 2, lần thứ 2, cả 3 tiêu chí, công nghiệp 4.0, ngày 20/8
        return s, _literal_end(raw, s, e)
    if words[-1] == "số" and (
        len(words) == 1 or not {words[-2], " ".join(words[-3:-1])}.isdisjoint(_DOC_WORDS)
    ):
        return s, _literal_end(raw, s, e)  # Kế hoạch số 109
    if words[-1] in _PER_ONE_BEFORE and raw[s:e] in ("1", "01"):
        # `trên 1 ha đất trồng trọt`: per hectare (a noun follows); `đạt trên 1 ha.`: > 1 ha
        nxt = low[e : e + 30].split()[:3]
        n = (
            1
            if nxt and nxt[0] in _PER_ONE_UNITS
            else 2
            if " ".join(nxt[:2]) in _PER_ONE_UNITS
            else 0
        )
        if n and len(nxt) > n and nxt[n][0].isalpha():
            return s, e
    return None
