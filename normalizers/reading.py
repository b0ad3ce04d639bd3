"""Reading the quantities of a text: numbers written with digits (with what is glued to them:
unit, range, fraction, plan/actual pair, two-scale amount, `trở lên`), number words before a
unit (`một nhà`) and zero phrases (`không có hộ nghèo`). Each becomes a `Draft`, in reading
order; `annotation` then reads what is written around them.
"""

from __future__ import annotations

import re

from normalizers.drafts import Draft
from normalizers.lexicon import contains_any, fold, load, phrase_pattern
from normalizers.masking import mask
from normalizers.numbers import (
    NUMBER_PATTERN,
    NUMBER_WORDS,
    Number,
    parse_number,
    parse_number_words,
    to_float,
)
from normalizers.units import UNIT_PATTERN, UnitMatch, match_unit

_CMP = load("comparators")


_CMP_AFTER: dict[str, str] = {fold(p): c for c, ps in _CMP["after"].items() for p in ps}


_AFTER_RE = re.compile(r"[ \t]*(" + phrase_pattern(_CMP_AFTER) + ")", re.IGNORECASE)


_ZERO = load("zero_phrases")


_ZERO_UNIT: dict[str, str | None] = {fold(z["text"]): z["unit"] for z in _ZERO["phrases"]}


_ZERO_RE = re.compile(r"(" + phrase_pattern(_ZERO_UNIT) + r")(?=\s+\w)")  # on lower-cased text


_ZERO_FIRST = tuple(sorted({p.split()[0] for p in _ZERO_UNIT}))  # every zero phrase starts so


_ZERO_NOUNS: dict[str, str | None] = {fold(k): v for k, v in _ZERO["nouns"].items()}


_ZERO_NOUN_RE = re.compile(
    r"\s+(?:(?P<noun>" + phrase_pattern(_ZERO_NOUNS) + r")|(?P<unit>" + UNIT_PATTERN + "))"
)


# A sign counts only after a space or bracket: `(+0,6)`, `-4,13%`, not `1,92%+2,95%`.
_NUM_RE = re.compile(
    r"(?:(?<![^\s(\[:=])(?P<sign>[-+−])(?=\d)|(?<![\w.,]))(?P<num>" + NUMBER_PATTERN + ")"
)


_NUM_AT_RE = re.compile(NUMBER_PATTERN)


_SIGNS = frozenset("-+−")


_RANGE_SEP_RE = re.compile(r"[ \t]*(?:[-–—÷~]|(?<=\s)(?:đến|tới)(?=\s))[ \t]*(?=\d)", re.IGNORECASE)


_SLASH_RE = re.compile(r"[ \t]*/[ \t]*(?=\d)")


_WORDNUM_RE = re.compile(  # on the lower-cased text; the unit is checked by match_unit
    r"("
    + phrase_pattern(NUMBER_WORDS)
    + r"(?:\s+"
    + phrase_pattern(NUMBER_WORDS)
    + r"){0,2})(?=\s)"
)


# The one-word number words: a text without one of them as a token has no number word.
_NUMBER_WORD_TOKENS = frozenset(w for w in NUMBER_WORDS if w.split() == [w])


_DIGIT_RE = re.compile(r"\d")


def read(raw: str, low: str) -> list[Draft]:
    drafts: list[Draft] = []
    digit = _DIGIT_RE.search(raw)
    if digit is not None:
        drafts = _read_numbers(raw, mask(raw, low, digit.start()), digit.start())
    if not _NUMBER_WORD_TOKENS.isdisjoint(low.split()):
        drafts += _read_number_words(raw, low, drafts)
    if contains_any(low, _ZERO_FIRST):
        drafts += _read_zero_phrases(raw, low, drafts)
    if len(drafts) > 1:
        drafts.sort(key=lambda d: d.start)
    return drafts


def _read_numbers(raw: str, masked: str, pos: int = 0) -> list[Draft]:
    """The quantities written with digits in `masked`, from `pos` (its first digit, if known)."""
    drafts: list[Draft] = []
    while True:
        digit = _DIGIT_RE.search(masked, pos)
        if digit is None:
            return drafts
        i = digit.start()
        m = None
        if i and masked[i - 1] in _SIGNS:
            m = _NUM_RE.match(masked, i - 1)  # `(+0,6)`: the sign may belong to the number
        if m is None:
            m = _NUM_RE.match(masked, i)
        if m is None:
            pos = digit.end()
            while pos < len(masked) and masked[pos].isdigit():
                pos += 1  # digits inside a word or after a mark: skip the whole run
            continue
        sign, lit_a = m.groups()
        a = parse_number(lit_a)
        unit_a = match_unit(raw, m.end())
        end = unit_a.end if unit_a else m.end()
        if a.integer and a.mantissa < 100 and _is_item_number(raw, m):
            pos = m.end()
            continue
        draft = (
            (_try_compound(raw, masked, m, a, unit_a) if unit_a and unit_a.has_scale else None)
            or _try_range(raw, masked, m, a, unit_a, end)
            or _try_slash(raw, masked, m, a, unit_a, end, drafts)
            or Draft(
                "number",
                m.start(),
                end,
                [(a, unit_a.scale_exp if unit_a else 0)],
                literals=[lit_a],
                sign=sign,
                unit=unit_a,
            )
        )
        after = _AFTER_RE.match(raw, draft.end)
        if after is not None:
            draft.after_cmp = _CMP_AFTER[fold(after.group(1))]
            draft.end = after.end()
        drafts.append(draft)
        pos = draft.end


def _is_item_number(raw: str, m: re.Match[str]) -> bool:
    """`(1 Hùng Sơn, 2 Tri Phương, 6 Đội Cấn)`: a small number before a proper name
    (two capitalised words) inside a list is an item number, not a count."""
    i = m.start()
    while i and raw[i - 1].isspace():
        i -= 1
    if not i or raw[i - 1] not in "(,;":
        return False
    words = raw[m.end() : m.end() + 40].split()[:2]
    return len(words) == 2 and all(w[0].isupper() and not w.isupper() for w in words)


_COMPOUND_GAP_RE = re.compile(r"[ \t]+(?=\d)")


_TRAILING_DIGITS_RE = re.compile(r"[1-9]\d{0,2}")


def _ends_clause(raw: str, pos: int) -> bool:
    """Nothing but a closing mark (or the end) follows raw[pos:]."""
    return not raw[pos:].lstrip(" \t")[:1].strip(".,;:)]")


def _number_after(
    raw: str, masked: str, separator: re.Pattern[str], pos: int
) -> tuple[re.Match[str], Number, UnitMatch | None] | None:
    """The number (its match, value and unit) after `separator` at `pos`: the second half of
    a range, fraction or two-scale amount."""
    sep = separator.match(masked, pos)
    if sep is None:
        return None
    mb = _NUM_AT_RE.match(masked, sep.end())
    if mb is None:
        return None
    return mb, parse_number(mb.group()), match_unit(raw, mb.end())


def _try_compound(
    raw: str, masked: str, m: re.Match[str], a: Number, unit_a: UnitMatch
) -> Draft | None:
    """`1 tỷ 200 triệu đồng`, `2 triệu 500 nghìn`: one amount written with two scales."""
    if unit_a.unit is not None or unit_a.period:
        return None  # `1 tỷ đồng 200 …`: the first amount has its own unit
    second = _number_after(raw, masked, _COMPOUND_GAP_RE, unit_a.end)
    if second is None:
        return None
    mb, b, unit_b = second
    spoken = (
        unit_b is None
        and _TRAILING_DIGITS_RE.fullmatch(mb.group()) is not None
        and _ends_clause(raw, mb.end())
    )
    if spoken:  # `1 tỷ 5`, `2 triệu 250`: the digits continue the first scale (flagged)
        unit_b = unit_a._replace(end=mb.end(), scale_exp=unit_a.scale_exp - len(mb.group()))
    if unit_b is None or not unit_b.has_scale or unit_b.scale_exp >= unit_a.scale_exp:
        return None
    exp_a, exp_b = a.exp + unit_a.scale_exp, b.exp + unit_b.scale_exp
    if not (a.integer and b.integer) or b.mantissa * 10**exp_b >= 10**unit_a.scale_exp:
        return None  # `1 tỷ 2.000 triệu`: the second part must be below one of the first scale
    exp = min(exp_a, exp_b)
    mantissa = a.mantissa * 10 ** (exp_a - exp) + b.mantissa * 10 ** (exp_b - exp)
    total = Number(mantissa, exp, a.integer)
    return Draft(
        "number",
        m.start(),
        unit_b.end,
        [(total, 0)],
        literals=[m.group("num"), mb.group()],
        sign=m.group("sign"),
        unit=unit_b._replace(scale_exp=0),  # the scales are in the number already
        ambiguous=spoken,
    )


def _try_range(
    raw: str, masked: str, m: re.Match[str], a: Number, unit_a: UnitMatch | None, end: int
) -> Draft | None:
    """`12 - 13%`, `7% - 10%`, `150 - 200 triệu/ha`, `từ 7 đến 10%`: one range."""
    if m.group("sign"):
        return None
    second = _number_after(raw, masked, _RANGE_SEP_RE, end)
    if second is None:
        return None
    mb, b, unit_b = second
    if unit_a is not None and (unit_b is None or unit_b.unit != unit_a.unit):
        return None
    unit = unit_b or unit_a
    exp_b = unit_b.scale_exp if unit_b else 0
    exp_a = unit_a.scale_exp if unit_a else exp_b  # `150 - 200 triệu`: the scale is shared
    if to_float(a.mantissa, a.exp + exp_a) > to_float(b.mantissa, b.exp + exp_b):
        return None
    return Draft(
        "range",
        m.start(),
        unit_b.end if unit_b else mb.end(),
        [(a, exp_a), (b, exp_b)],
        literals=[m.group("num"), mb.group()],
        unit=unit,
    )


def _try_slash(
    raw: str,
    masked: str,
    m: re.Match[str],
    a: Number,
    unit_a: UnitMatch | None,
    end: int,
    drafts: list[Draft],
) -> Draft | None:
    """`11/19 tiêu chí` is a fraction; `12.375,3/10.200 triệu đồng` is plan and actual."""
    if unit_a is not None or m.group("sign"):
        return None
    second = _number_after(raw, masked, _SLASH_RE, end)
    if second is None:
        return None
    mb, b, unit_b = second
    end_b = unit_b.end if unit_b else mb.end()
    plain = a.integer and b.integer and a.grouped is None and b.grouped is None
    if (
        plain
        and 0 < b.mantissa
        and a.mantissa <= b.mantissa
        and not (unit_b and (unit_b.has_scale or unit_b.unit == "%"))
    ):
        return Draft(
            "fraction",
            m.start(),
            end_b,
            [(a, 0), (b, 0)],
            literals=[m.group("num"), mb.group()],
            unit=unit_b,
        )
    exp = unit_b.scale_exp if unit_b else 0
    drafts.append(
        Draft("number", m.start(), m.end(), [(a, exp)], literals=[m.group("num")], unit=unit_b)
    )
    return Draft("number", mb.start(), end_b, [(b, exp)], literals=[mb.group()], unit=unit_b)


def _overlaps(start: int, end: int, drafts: list[Draft]) -> bool:
    for d in drafts:
        if start < d.end and d.start < end:
            return True
    return False


def _read_number_words(raw: str, low: str, drafts: list[Draft]) -> list[Draft]:
    """`ít nhất một nhà đa năng` → 1 building; only before a unit, so `một số` is left alone."""
    found: list[Draft] = []
    for m in _WORDNUM_RE.finditer(low):
        if m.start() and low[m.start() - 1].isalnum():
            continue
        unit = match_unit(raw, m.end())  # None after most words (`năm 2030`): checked first
        if unit is None or unit.unit in (None, "%", "year"):
            continue
        value = parse_number_words(m.group(1).split())
        if value is None or _overlaps(m.start(), unit.end, drafts):
            continue
        found.append(
            Draft(
                "number",
                m.start(),
                unit.end,
                [(Number(value, 0, True), unit.scale_exp)],
                literals=[m.group(1)],
                unit=unit,
            )
        )
    return found


def _read_zero_phrases(raw: str, low: str, drafts: list[Draft]) -> list[Draft]:
    """`Không có hộ nghèo`, `không để xảy ra tai nạn …` → 0 (flagged ambiguous: the unit is a guess)."""
    found: list[Draft] = []
    for m in _ZERO_RE.finditer(low):
        if (m.start() and low[m.start() - 1].isalnum()) or _overlaps(m.start(), m.end(), drafts):
            continue
        draft = Draft(
            "zero",
            m.start(),
            m.end(),
            [(Number(0, 0, True), 0)],
            literals=[],
            ambiguous=True,
            zero_unit=_ZERO_UNIT[fold(m.group(1))],
        )
        noun = _ZERO_NOUN_RE.match(low, m.end())
        if noun is None:
            continue  # `không để xảy ra tình trạng …`: nothing countable is said to be zero
        if noun.group("noun"):
            draft.zero_unit = _ZERO_NOUNS[fold(noun.group("noun"))]
        else:
            draft.unit = match_unit(raw, m.end())
        draft.end = noun.end()
        found.append(draft)
    return found
