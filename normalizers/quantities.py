"""Vietnamese quantities: a cell or clause in, a list of `Quantity` out (headline first).

    >>> q = parse_quantities("Đạt khoảng 125,4 triệu đồng/người/năm.")[0]
    >>> (q.kind, q.comparator, q.value, q.unit, q.approximate)
    ('number', '~', 125400000.0, 'VND/person/year', True)
    >>> [(q.value, q.unit) for q in parse_quantities("21 vụ (7 người chết, 18 người bị thương)")]
    [(21.0, 'case'), (7.0, 'person'), (18.0, 'person')]

Stages (each a small function): `_mask` hides numbers that are not quantities (years, dates,
document numbers, levels, ages); `_read_numbers` walks the remaining numbers and reads what
is glued to them (unit, range, fraction, `trở lên`); `_read_number_words` and
`_read_zero_phrases` add `một nhà`, `không có hộ nghèo`; `_annotate` reads comparators,
direction words and periods around each one; `_infer_units` fills units from the column
header (`unit_hint`) or the indicator name (`name_hint`). All words come from `data/vi/`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields

from normalizers.lexicon import fold, load, phrase_pattern
from normalizers.numbers import (
    NUMBER_PATTERN,
    NUMBER_WORDS,
    SPACE_GROUP_RE,
    Number,
    parse_number,
    parse_number_words,
    to_float,
)
from normalizers.periods import TRAILING_MARKERS, Period, find_periods
from normalizers.units import (
    MONEY_DEFAULT_UNIT,
    UNIT_PATTERN,
    UnitMatch,
    match_unit,
    parse_unit_text,
    unit_from_name,
)
from normalizers.units import clear_caches as clear_unit_caches


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


_DEFAULTS = {f.name: f.default for f in fields(Quantity)}


def _quantity(**values: object) -> Quantity:
    """Build a Quantity without the frozen dataclass __init__ (12 µs → 1 µs for 16 fields);
    the object is the same: frozen, equal and hashable by its fields."""
    fields = _DEFAULTS.copy()  # (a copy keeps the declaration order; cheaper than inserts)
    fields.update(values)
    q = object.__new__(Quantity)
    object.__setattr__(q, "__dict__", fields)
    return q


# --- language data ------------------------------------------------------------------

_CMP = load("comparators")
_CMP_BEFORE: dict[str, str] = {fold(p): c for c, ps in _CMP["before"].items() for p in ps}
_CMP_SYMBOLS = sorted((p for p in _CMP_BEFORE if not p[0].isalpha()), key=len, reverse=True)
_CMP_SYMBOL_TUPLE = tuple(_CMP_SYMBOLS)
_CMP_FILLERS = {fold(p) for p in _CMP["fillers"]}
_CMP_LAST_WORDS = frozenset(p.split()[-1] for p in _CMP_BEFORE)
_CMP_AFTER: dict[str, str] = {fold(p): c for c, ps in _CMP["after"].items() for p in ps}
_AFTER_RE = re.compile(r"[ \t]*(" + phrase_pattern(_CMP_AFTER) + ")", re.IGNORECASE)

_CHG = load("changes")
_CHANGE_OF: dict[str, str] = {
    fold(p): d for d in ("increase", "decrease", "maintain") for p in _CHG[d]
}
_CHANGE_RE = re.compile(phrase_pattern(_CHANGE_OF))  # on lower-cased text
_CHANGE_BLOCK_RE = re.compile(phrase_pattern(_CHG["blockers"]))
# Every direction phrase starts with one of these words: without one, no direction is read.
_CHANGE_FIRST = tuple(sorted({p.split()[0] for p in _CHANGE_OF}))
_SIGN_CHANGE: dict[str, str] = _CHG["signs"]
_SIGN_WORDS: dict[str, str] = {fold(w): sign for w, sign in _CHG["sign_words"].items()}

_BOOL = load("booleans")
_BOOL_OF: dict[str, float] = {fold(p): 1.0 for p in _BOOL["true_words"]} | {
    fold(p): 0.0 for p in _BOOL["false_words"]
}
_BOOL_HEAD_RE = re.compile(
    r"^(" + phrase_pattern(p for p in _BOOL_OF if len(p) > 2) + r")[ \t]*[,;:(\-–]", re.IGNORECASE
)

_ZERO = load("zero_phrases")
_ZERO_UNIT: dict[str, str | None] = {fold(z["text"]): z["unit"] for z in _ZERO["phrases"]}
_ZERO_RE = re.compile(r"(" + phrase_pattern(_ZERO_UNIT) + r")(?=\s+\w)")  # on lower-cased text
_ZERO_FIRST = tuple(sorted({p.split()[0] for p in _ZERO_UNIT}))  # every zero phrase starts so
_ZERO_NOUNS: dict[str, str | None] = {fold(k): v for k, v in _ZERO["nouns"].items()}
_ZERO_NOUN_RE = re.compile(
    r"\s+(?:(?P<noun>" + phrase_pattern(_ZERO_NOUNS) + r")|(?P<unit>" + UNIT_PATTERN + "))"
)

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
    r"\d+(?:\s*(?:[-–]|đến|tới)\s*\d+)?\s*(?:" + _words("age_words") + ")"  # 3-5 tuổi
    r"|\d+\s+(?:" + _words("anniversary_after") + ")"  # 80 năm ngày thành lập
    r"|(?<![\d.,])\d+\s+(?:" + _words("span_before_year") + r")\s+(?:19|20)\d\d(?!\d)"  # 5 năm 2026
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


# A sign counts only after a space or bracket: `(+0,6)`, `-4,13%`, not `1,92%+2,95%`.
_NUM_RE = re.compile(
    r"(?:(?<![^\s(\[:=])(?P<sign>[-+−])(?=\d)|(?<![\w.,]))(?P<num>" + NUMBER_PATTERN + ")"
)
_NUM_AT_RE = re.compile(NUMBER_PATTERN)
_SIGNS = frozenset("-+−")
_RANGE_SEP_RE = re.compile(r"[ \t]*(?:[-–—÷~]|(?<=\s)(?:đến|tới)(?=\s))[ \t]*(?=\d)", re.IGNORECASE)
_SLASH_RE = re.compile(r"[ \t]*/[ \t]*(?=\d)")
# A cell that is one number, maybe with a comparator symbol and a unit: `12,5%`, `> 90`.
_FAST_RE = re.compile(r"(?P<cmp>[<>≥≤]=?|=)?[ \t]*(?P<sign>[-+−])?(?P<num>" + NUMBER_PATTERN + r")")
# `_FAST_RE` when the literal is `\d+`, `\d+,\d+` or `\d+.\d+` and no separator follows: then
# NUMBER_PATTERN's grouped forms cannot match and it reads exactly this literal (same groups).
_SIMPLE_RE = re.compile(
    r"(?P<cmp>[<>≥≤]=?|=)?[ \t]*(?P<sign>[-+−])?(?P<num>\d+(?:[.,]\d+)?)(?![\d.,\u00a0\u202f ])"
)
_FAST_FIRST = frozenset("<>≥≤=-+−")  # what `_FAST_RE` can start with besides a digit
_WORDNUM_RE = re.compile(  # on the lower-cased text; the unit is checked by match_unit
    r"("
    + phrase_pattern(NUMBER_WORDS)
    + r"(?:\s+"
    + phrase_pattern(NUMBER_WORDS)
    + r"){0,2})(?=\s)"
)
# The one-word number words: a text without one of them as a token has no number word.
_NUMBER_WORD_TOKENS = frozenset(w for w in NUMBER_WORDS if w.split() == [w])
_CLAUSE_STOP_RE = re.compile(r"[;(\n]|\.\s")
_CLAUSE_BREAK_RE = re.compile(r",|\.\s|\svà\s")  # between two clauses of one sentence
_DIGIT_RE = re.compile(r"\d")
_DOT_GROUP_RE = re.compile(r"^\d{1,3}\.\d{3}$")
_COMMA_3_RE = re.compile(r"^\d{1,3},\d{3}$")
_BOUND = {">", ">=", "<", "<="}


@dataclass(slots=True)
class _Draft:
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


def parse_quantities(
    text: str, *, unit_hint: str | None = None, name_hint: str | None = None
) -> list[Quantity]:
    """Read every quantity in `text`, the headline (first in reading order) first.

    `unit_hint` is the unit column of the table (`%`, `Triệu/đồng`, `Số DN/1000 dân`, `Đạt`),
    `name_hint` the indicator name (`Tỷ lệ …` → `%`). A unit written next to the number wins
    over both; a unit taken from them is marked `unit_inferred`. Text without a quantity
    gives one `text` quantity, blank text an empty list. Never raises on a string.
    """
    memo = type(text) is str and type(unit_hint) in _KEY_TYPES and type(name_hint) in _KEY_TYPES
    if memo:
        hit = _HINT_FREE_MEMO.get(text)
        if hit is None:
            key = (text, unit_hint, name_hint)
            hit = _MEMO.get(key)
        if hit is not None:
            return list(hit)
    try:
        found, hint_free = _parse(text, unit_hint, name_hint)
    except Exception:  # a cell the rules cannot read must not stop a document
        raw = _clean(text)
        found = (
            [Quantity(kind="text", raw=raw, text=" ".join(raw.split()), ambiguous=True)]
            if raw
            else []
        )
        hint_free = False
    if memo:
        _remember(_HINT_FREE_MEMO if hint_free else _MEMO, text if hint_free else key, found)
    return found


# Readings memoised: tables repeat `100%`, `Đạt`, `1` with the same header and name, and the
# same cell under other names. A reading the hints did not touch (its units are written, or it
# is text or a boolean) is kept per text, any other per (text, unit_hint, name_hint).
# Quantities are frozen, so a reading can be handed out again.
MEMO_SIZE = 16384
_MEMO: dict[tuple[str, str | None, str | None], tuple[Quantity, ...]] = {}
_HINT_FREE_MEMO: dict[str, tuple[Quantity, ...]] = {}
_KEY_TYPES = (str, type(None))


def _remember(memo: dict, key: object, found: list[Quantity]) -> None:
    if len(memo) >= MEMO_SIZE:
        del memo[next(iter(memo))]  # the oldest reading
    memo[key] = tuple(found)


def clear_caches() -> None:
    """Forget memoised readings and unit readings (benchmarks measure the cold speed)."""
    _MEMO.clear()
    _HINT_FREE_MEMO.clear()
    clear_unit_caches()


def _clean(text: object) -> str:
    s = text if isinstance(text, str) else ("" if text is None else str(text))
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return s.strip()


def _parse(text: str, unit_hint: str | None, name_hint: str | None) -> tuple[list[Quantity], bool]:
    """The reading, and whether it is free of the hints (the same whatever they are)."""
    raw = _clean(text)
    if not raw:
        return [], True
    draft = _fast_draft(raw)
    if draft is not None:
        drafts = [draft]
    else:
        low = _lower(raw)
        drafts = _read(raw, low)
        if not drafts:
            return [_boolean_or_text(raw)], True
        _annotate(raw, low, drafts)
    hint_free = not _infer_units(raw, drafts, unit_hint, name_hint)
    if len(drafts) == 1:  # most cells (a comprehension costs a function call)
        return [_finish(raw, drafts[0])], hint_free
    return [_finish(raw, d) for d in drafts], hint_free


def _fast_draft(raw: str) -> _Draft | None:
    """The draft of a cell that is only a number (most table cells), else None."""
    if not (raw[0].isdigit() or raw[0] in _FAST_FIRST):
        return None  # prose: both patterns need a digit, comparator or sign first
    m = _SIMPLE_RE.match(raw) or _FAST_RE.match(raw)
    if m is None:
        return None
    num_end = m.end()
    unit = match_unit(raw, num_end)
    end = unit.end if unit is not None else num_end
    if (
        end < len(raw)
        and raw[end:].strip(" \t.")
        or (unit is None and num_end < len(raw) and raw[num_end] == "/")
    ):
        return None
    cmp, sign, num = m.groups()
    draft = _Draft(
        "number",
        m.start(2) if sign else m.start(3),  # the sign, else the number
        end,
        [(parse_number(num), unit.scale_exp if unit else 0)],
        literals=[num],
        sign=sign,
        unit=unit,
    )
    if cmp:
        draft.comparator = _CMP_BEFORE.get(cmp, "=")
    if sign:
        draft.change = _SIGN_CHANGE.get(sign)
    if unit is not None and unit.period:
        draft.period = unit.period
    return draft


# --- reading -------------------------------------------------------------------------


def _read(raw: str, low: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    digit = _DIGIT_RE.search(raw)
    if digit is not None:
        drafts = _read_numbers(raw, _mask(raw, low, digit.start()), digit.start())
    if not _NUMBER_WORD_TOKENS.isdisjoint(low.split()):
        drafts += _read_number_words(raw, low, drafts)
    if _contains_any(low, _ZERO_FIRST):
        drafts += _read_zero_phrases(raw, low, drafts)
    if len(drafts) > 1:
        drafts.sort(key=lambda d: d.start)
    return drafts


def _contains_any(low: str, words: tuple[str, ...]) -> bool:
    """Whether one of `words` is in `low` (`in` tests are much cheaper than a regex search)."""
    for w in words:
        if w in low:
            return True
    return False


def _lower(raw: str) -> str:
    """Lower case with the same offsets (a few characters lower-case to two)."""
    low = raw.lower()
    return (
        low
        if len(low) == len(raw)
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in raw)
    )


def _mask(raw: str, low: str, first: int = 0) -> str:
    """`raw` with the digits of non-quantities replaced by `#` (same length); `first` is
    where its first digit is, when known.

    >>> _mask("Nghị quyết 57-NQ/TW năm 2026 đạt 5%", "nghị quyết 57-nq/tw năm 2026 đạt 5%")
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


def _read_numbers(raw: str, masked: str, pos: int = 0) -> list[_Draft]:
    """The quantities written with digits in `masked`, from `pos` (its first digit, if known)."""
    drafts: list[_Draft] = []
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
            or _Draft(
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
) -> _Draft | None:
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
    return _Draft(
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
) -> _Draft | None:
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
    return _Draft(
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
    drafts: list[_Draft],
) -> _Draft | None:
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
        return _Draft(
            "fraction",
            m.start(),
            end_b,
            [(a, 0), (b, 0)],
            literals=[m.group("num"), mb.group()],
            unit=unit_b,
        )
    exp = unit_b.scale_exp if unit_b else 0
    drafts.append(
        _Draft("number", m.start(), m.end(), [(a, exp)], literals=[m.group("num")], unit=unit_b)
    )
    return _Draft("number", mb.start(), end_b, [(b, exp)], literals=[mb.group()], unit=unit_b)


def _overlaps(start: int, end: int, drafts: list[_Draft]) -> bool:
    for d in drafts:
        if start < d.end and d.start < end:
            return True
    return False


def _read_number_words(raw: str, low: str, drafts: list[_Draft]) -> list[_Draft]:
    """`ít nhất một nhà đa năng` → 1 building; only before a unit, so `một số` is left alone."""
    found: list[_Draft] = []
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
            _Draft(
                "number",
                m.start(),
                unit.end,
                [(Number(value, 0, True), unit.scale_exp)],
                literals=[m.group(1)],
                unit=unit,
            )
        )
    return found


def _read_zero_phrases(raw: str, low: str, drafts: list[_Draft]) -> list[_Draft]:
    """`Không có hộ nghèo`, `không để xảy ra tai nạn …` → 0 (flagged ambiguous: the unit is a guess)."""
    found: list[_Draft] = []
    for m in _ZERO_RE.finditer(low):
        if (m.start() and low[m.start() - 1].isalnum()) or _overlaps(m.start(), m.end(), drafts):
            continue
        draft = _Draft(
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


def _boolean_or_text(raw: str) -> Quantity:
    """`Đạt`, `Không đạt`, `Hoàn thành` (whole cell, or heading the cell before `,;:(`) as a
    boolean; any other text as `text`."""
    text = " ".join(raw.split())
    value = _BOOL_OF.get(text.lower().strip(" .;:!…"))  # text.lower() = fold(raw)
    if value is None:
        head = _BOOL_HEAD_RE.match(raw)
        if head is None:
            return _quantity(kind="text", raw=raw, text=text)
        value = _BOOL_OF[fold(head.group(1))]
    return _quantity(kind="boolean", raw=raw, value=value, text=text)


# --- reading around each quantity ----------------------------------------------------


def _annotate(raw: str, low: str, drafts: list[_Draft]) -> None:
    periods = find_periods(raw, low)
    if periods:  # a `/năm` inside a quantity's unit (`triệu đồng/người/năm`) is no one's period
        periods = [p for p in periods if not _inside_a_draft(p, drafts)]
    changes = _contains_any(low, _CHANGE_FIRST)  # every direction phrase starts with one
    prev_end = 0
    for d in drafts:
        if d.kind != "range":
            d.comparator = (
                _comparator_before(raw, prev_end, d.start)
                or (_comparator_before_period(raw, prev_end, d.start, periods) if periods else None)
                or d.after_cmp
            )
        elif _comparator_before(raw, prev_end, d.start) == "~":
            d.comparator = "~"  # `khoảng 12 - 13%`: an approximate range (no other comparator)
        if d.sign is None and d.kind == "number":
            d.sign = _sign_word_before(raw, prev_end, d.start)
        d.change = _SIGN_CHANGE.get(d.sign or "") or (
            _change_before(low, max(prev_end, _clause_start(raw, d.start)), d.start)
            if changes
            else None
        )
        if d.unit is not None and d.unit.period:
            d.period = d.unit.period
        else:
            d.period = _nearest_period(raw, d, drafts, periods) if periods else None
        prev_end = d.end
    if len(drafts) > 1 or (drafts and len(drafts[0].literals) > 1):  # a clash needs two literals
        _flag_separator_clash(drafts)


def _sign_word_before(raw: str, lo: int, hi: int) -> str | None:
    """`tăng trưởng âm 2%`: the sign written as the word just before the number."""
    words = raw[max(lo, hi - 8) : hi].split()
    return _SIGN_WORDS.get(words[-1].lower()) if words and raw[hi - 1 : hi].isspace() else None


def _inside_a_draft(p: Period, drafts: list[_Draft]) -> bool:
    for d in drafts:
        if d.start <= p.start and p.end <= d.end:
            return True
    return False


def _clause_start(raw: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE_STOP_RE.finditer(raw, 0, pos):
        start = m.end()
    return start


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
                return _CMP_BEFORE[symbol]
    last = last.lower()
    if last not in _CMP_LAST_WORDS and (len(tokens) == 1 or last not in _CMP_FILLERS):
        return None  # every phrase ends with one of these words, maybe before a filler
    words = [t.lower() for t in tokens]
    if len(words) > 1 and words[-1] in _CMP_FILLERS:
        words.pop()
    for n in (3, 2, 1):
        if len(words) >= n:
            found = _CMP_BEFORE.get(" ".join(words[-n:]))
            if found is not None:
                return found
    return None


def _comparator_before_period(raw: str, lo: int, hi: int, periods: list[Period]) -> str | None:
    """`ít nhất mỗi năm 1 lần`: the comparator written before a period phrase that sits
    just before the number."""
    for p in periods:
        if lo <= p.start and p.end <= hi and not raw[p.end : hi].strip():
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


def _nearest_period(raw: str, d: _Draft, drafts: list[_Draft], periods: list[Period]) -> str | None:
    """The period phrase nearest the quantity within its `;`/bracket segment with no other
    quantity in between, else the first one outside brackets (`Hằng năm, …` heads the cell).
    (`periods` holds none inside a quantity: `triệu đồng/người/năm` is a unit.)"""
    best, best_gap, seg_lo, seg_hi = None, 0, 0, -1
    for p in periods:
        if seg_hi < 0:
            seg_lo, seg_hi = _segment(raw, d.start, d.end)
        if p.start >= d.end:
            if _heads_a_later_clause(raw, p, d, drafts):
                continue
        elif _trails_an_earlier_quantity(raw, p, d, drafts):
            continue
        if p.start > seg_lo and p.end <= seg_hi and not _between(p, d, drafts):
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


def _heads_a_later_clause(raw: str, p: Period, d: _Draft, drafts: list[_Draft]) -> bool:
    """`Đến cuối năm 2026 còn 2,5%, đến năm 2030 còn dưới 1%`: a period after a comma (a
    full stop, a `và`) that opens the clause of a later quantity is that quantity's, not the
    earlier one's."""
    if _CLAUSE_BREAK_RE.search(raw, d.end, p.start) is None:
        return False
    for o in drafts:
        if o.start >= p.end and _CLAUSE_BREAK_RE.search(raw, p.end, o.start) is None:
            return True
    return False


def _trails_an_earlier_quantity(raw: str, p: Period, d: _Draft, drafts: list[_Draft]) -> bool:
    """`đạt 80% vào cuối năm 2025 và 100% vào năm 2026`: a period written after a trailing
    marker (`vào`) dates the quantity before it, not the one after it."""
    before = raw[max(0, p.start - 16) : p.start].lower().split()
    if (
        not (before[-1:] and before[-1] in TRAILING_MARKERS)
        and " ".join(before[-2:]) not in TRAILING_MARKERS
    ):
        return False
    for o in drafts:
        if o is not d and o.end <= p.start and _CLAUSE_BREAK_RE.search(raw, o.end, p.start) is None:
            return True
    return False


def _between(p: Period, d: _Draft, drafts: list[_Draft]) -> bool:
    """Whether another quantity lies between the period `p` and the quantity `d`."""
    for o in drafts:
        if o is not d and min(p.end, d.end) <= o.start and o.end <= max(p.start, d.start):
            return True
    return False


def _flag_separator_clash(drafts: list[_Draft]) -> None:
    """`15,139 triệu USD/13.517 triệu USD`: with both `d,ddd` and `d.ddd` in one cell the
    writer mixed the marks; the `.` reading (thousands, per the contract) is flagged."""
    lits = [(d, lit) for d in drafts for lit in d.literals]
    if any(_COMMA_3_RE.match(lit) for _, lit in lits):
        for d, lit in lits:
            if _DOT_GROUP_RE.match(lit):
                d.ambiguous = True


# --- units from the header or the name ----------------------------------------------


def _infer_units(
    raw: str, drafts: list[_Draft], unit_hint: str | None, name_hint: str | None
) -> bool:
    """Fill the units not written from the hints or the text; False when every unit is
    written (the hints are not looked at)."""
    for d in drafts:
        if d.unit is None or d.unit.unit is None or d.kind == "zero":
            break
    else:
        return False  # every quantity has its unit written
    hint = parse_unit_text(unit_hint) if unit_hint else None
    if hint is not None and hint.unit is None:
        hint = None
    named = unit_from_name(name_hint) if name_hint else None
    if named is None and hint is None:
        named = unit_from_name(raw)  # `Số lao động được giải quyết việc làm là 400`
    for d in drafts:
        if d.kind == "zero":
            _zero_unit(d, named, hint)
            continue
        written = d.unit
        if written is not None and written.unit is not None:
            continue
        source = hint or named
        if source is not None and d.kind == "fraction" and source.unit == "%":
            source = None
        if source is not None:
            has_scale = written is not None and written.has_scale
            if not has_scale and source.scale_exp:
                d.nums = [(n, e + source.scale_exp) for n, e in d.nums]
            d.unit = UnitMatch(
                end=d.end,
                unit=source.unit,
                unit_raw=source.unit_raw if source is hint else None,
                period=source.period,
            )
            d.unit_inferred = True
            if d.period is None and source.period:
                d.period = source.period
        elif written is not None and written.money_guess:
            # `150 triệu` with no currency anywhere: money is the usual reading, not a sure one.
            d.unit = UnitMatch(end=written.end, unit=MONEY_DEFAULT_UNIT, unit_raw=written.unit_raw)
            d.ambiguous = True
    return True


def _zero_unit(d: _Draft, named: UnitMatch | None, hint: UnitMatch | None) -> None:
    """Zero of a `Tỷ lệ …` is 0 %; otherwise the noun after the phrase gives the unit."""
    if hint is not None or (named is not None and named.unit == "%"):
        src = hint or named
        d.unit = UnitMatch(end=d.end, unit=src.unit, unit_raw=src.unit_raw if src is hint else None)
        d.unit_inferred = True
    elif d.unit is not None:
        return
    elif d.zero_unit is not None:
        d.unit = UnitMatch(end=d.end, unit=d.zero_unit, unit_raw=None)
    elif named is not None:
        d.unit = UnitMatch(end=d.end, unit=named.unit, unit_raw=None)
        d.unit_inferred = True


# --- the value object ----------------------------------------------------------------


def _space_grouped(literals: list[str]) -> bool:
    """`5 320 người`: one thousands group after a plain space might be two numbers (flagged)."""
    for lit in literals:
        if " " in lit and SPACE_GROUP_RE.fullmatch(lit):
            return True
    return False


def _finish(raw: str, d: _Draft) -> Quantity:
    u = d.unit
    unit = u.unit if u is not None else None
    unit_raw = u.unit_raw if unit is not None else None
    sign = -1 if d.sign in ("-", "−") else 1
    n, e = d.nums[0]
    v = sign * to_float(n.mantissa, n.exp + e) + 0.0  # + 0.0: no -0.0
    kind, cmp, approximate = d.kind, None, False
    value: float | None = v
    value_min: float | None = None
    value_max: float | None = None
    denominator: float | None = None
    if kind == "range":
        n2, e2 = d.nums[1]
        value, value_min, value_max = None, v, to_float(n2.mantissa, n2.exp + e2)
        approximate = d.comparator == "~"
    elif kind == "fraction":
        n2, e2 = d.nums[1]
        denominator = to_float(n2.mantissa, n2.exp + e2)
    else:
        cmp = d.comparator or "="
        if cmp in _BOUND:
            kind = "bound"
            if cmp in (">", ">="):
                value_min = v
            else:
                value_max = v
        else:
            kind, value_min, value_max, approximate = "number", v, v, cmp == "~"
    # Set without the frozen __init__, as `_quantity` (`text` keeps its default, None).
    fields = _DEFAULTS.copy()
    fields["kind"] = kind
    fields["raw"] = raw
    fields["comparator"] = cmp
    fields["value"] = value
    fields["value_min"] = value_min
    fields["value_max"] = value_max
    fields["denominator"] = denominator
    fields["unit"] = unit
    fields["unit_raw"] = unit_raw
    fields["change"] = d.change
    fields["approximate"] = approximate
    fields["unit_inferred"] = d.unit_inferred
    fields["period"] = d.period
    fields["ambiguous"] = d.ambiguous or _space_grouped(d.literals)
    fields["span"] = (d.start, d.end)
    q = object.__new__(Quantity)
    object.__setattr__(q, "__dict__", fields)
    return q
