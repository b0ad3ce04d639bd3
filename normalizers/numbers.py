"""Vietnamese number literals: `12,5` → 12.5, `1.100` → 1100, `1.231,69` → 1231.69.

A number is kept as an integer mantissa and a power of ten (`12,5` → 125 × 10⁻¹) so that
scale words (`triệu` = 10⁶) are applied exactly: `125,4 triệu` is 125400000, not
125400000.00000001.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from normalizers.lexicon import load

# Longest forms first: a regex alternation takes the first branch that matches.
NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:\.\d{3})+,\d+"  # 1.231,69      Vietnamese, both marks
    r"|\d{1,3}(?:,\d{3})+\.\d+"  # 1,231.69      English, both marks
    r"|\d{1,3}(?:\.\d{3}){2,}"  # 1.200.000     Vietnamese thousands
    r"|\d{1,3}(?:,\d{3}){2,}"  # 1,200,000     English thousands
    r"|\d{1,3}(?:\u00a0|\u202f)\d{3}(?:(?:\u00a0|\u202f| )\d{3})*(?:,\d+)?(?!\d)"  # 5 320 (nbsp)
    r"|\d{1,3}(?: \d{3}){2,}(?:,\d+)?(?!\d)"  # 1 200 000     plain spaces: two groups at least
    r"|(?<![\d.,/\-–—÷~%‰)][ \t])(?<![/\-–—÷~])(?!0)\d{1,3} \d{3}(?:,\d+)?(?=[ \t]*(?:[^\W\d_]|[%‰]))"
    # 5 320 người: one group, read only before a word or % and with no figure, range or
    # slash before it (`% 100 100`, a row of figures, `1,5-2 100`, are not one number);
    # the reading is flagged ambiguous (SPACE_GROUP_RE)
    r"|\d+(?:[.,]\d+)?)"  # 12,5  1.100  02
)
NUMBER_RE = re.compile(NUMBER_PATTERN)
# A literal with one group after a plain space (`5 320`): it might be two numbers.
SPACE_GROUP_RE = re.compile(r"\d{1,3} \d{3}(?:,\d+)?")


class Number(NamedTuple):
    """A parsed literal: value = mantissa × 10**exp. A NamedTuple: cheap to build."""

    mantissa: int
    exp: int
    integer: bool  # written without a decimal part (a count: `02`, `1.100`)
    decimal_mark: str | None = None  # ',' or '.' when a decimal part was read
    grouped: str | None = None  # '.', ',' or ' ' when thousands were grouped

    def scaled(self, exp: int = 0) -> float:
        return to_float(self.mantissa, self.exp + exp)

    @property
    def value(self) -> float:
        return to_float(self.mantissa, self.exp)


# `Number(...)` without the NamedTuple's Python-level __new__ (all five fields given).
_new_number = tuple.__new__


def to_float(mantissa: int, exp: int) -> float:
    """Exact-as-possible float of mantissa × 10**exp (int division is correctly rounded)."""
    if exp >= 0:
        return float(mantissa * 10**exp)
    return mantissa / 10**-exp


def _digits(int_part: str, frac: str, *, mark: str | None, grouped: str | None) -> Number:
    int_part = int_part or "0"
    return _new_number(
        Number, (int(int_part + frac), -len(frac), not frac, mark if frac else None, grouped)
    )


def parse_number(literal: str) -> Number:
    """Read one literal matched by NUMBER_PATTERN (Vietnamese first, English when unambiguous).

    >>> parse_number("12,5").value, parse_number("1.100").value, parse_number("1.231,69").value
    (12.5, 1100.0, 1231.69)
    >>> parse_number("50,494").value, parse_number("02").value, parse_number("12.5").value
    (50.494, 2.0, 12.5)
    >>> parse_number("1,200,000").value, parse_number("1 200 000").value
    (1200000.0, 1200000.0)
    """
    if literal.isdecimal():  # `100`, `02`: the most common literal
        return _new_number(Number, (int(literal), 0, True, None, None))
    s = literal.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in s:
        s = s.replace(" ", "")
        int_part, _, frac = s.partition(",")
        return _digits(int_part, frac, mark=",", grouped=" ")
    ndot, ncomma = s.count("."), s.count(",")
    if ndot and ncomma:
        # The mark written last is the decimal mark.
        if s.rfind(",") > s.rfind("."):
            int_part, _, frac = s.partition(",")
            return _digits(int_part.replace(".", ""), frac, mark=",", grouped=".")
        int_part, _, frac = s.partition(".")
        return _digits(int_part.replace(",", ""), frac, mark=".", grouped=",")
    if ndot:
        if ndot > 1:
            return _digits(s.replace(".", ""), "", mark=None, grouped=".")
        int_part, _, frac = s.partition(".")
        # Vietnamese groups thousands with '.': `1.100`. A group that is not 3 digits,
        # or an integer part like `0` or `1234`, can only be an English decimal point.
        if len(frac) == 3 and len(int_part) <= 3 and int_part[0] != "0":
            return _digits(int_part + frac, "", mark=None, grouped=".")
        return _digits(int_part, frac, mark=".", grouped=None)
    if ncomma:
        if ncomma > 1:
            return _digits(s.replace(",", ""), "", mark=None, grouped=",")
        int_part, _, frac = s.partition(",")
        return _digits(int_part, frac, mark=",", grouped=None)
    return _digits(s, "", mark=None, grouped=None)


def format_vi(value: float, decimals: int = 2) -> str:
    """Format the Vietnamese way (`1.231,69`); the inverse of parse_number, used by tests.

    >>> format_vi(1231.69), format_vi(1100), format_vi(0.5)
    ('1.231,69', '1.100', '0,5')
    """
    text = f"{abs(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("-" if value < 0 else "") + text


# --- number words ("một nhà", "hai mươi lăm người") --------------------------------

_WORDS = load("number_words")
DIGIT_WORDS: dict[str, int] = _WORDS["digits"]
_TEN = set(_WORDS["ten"])
_TENS_SUFFIX = set(_WORDS["tens_suffix"])
_AFTER_TEN: dict[str, int] = _WORDS["after_ten"]
NUMBER_WORDS = set(DIGIT_WORDS) | _TEN | _TENS_SUFFIX | set(_AFTER_TEN)


def parse_number_words(words: list[str]) -> int | None:
    """`["hai", "mươi", "lăm"]` → 25; None unless the words spell a number from 1 to 99.

    >>> parse_number_words(["một"]), parse_number_words(["mười", "hai"]), parse_number_words(["ba", "mươi"])
    (1, 12, 30)
    """
    w = [x.lower() for x in words]
    if len(w) == 1:
        return DIGIT_WORDS.get(w[0]) or (10 if w[0] in _TEN else None)
    if w[0] in _TEN and len(w) == 2:
        unit = _AFTER_TEN.get(w[1])
        return 10 + unit if unit else None
    if w[0] in DIGIT_WORDS and w[1] in _TENS_SUFFIX and DIGIT_WORDS[w[0]] > 1:
        tens = DIGIT_WORDS[w[0]] * 10
        if len(w) == 2:
            return tens
        if len(w) == 3 and w[2] in _AFTER_TEN:
            return tens + _AFTER_TEN[w[2]]
    return None
