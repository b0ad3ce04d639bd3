"""Vietnamese quantities: a cell or clause in, a list of `Quantity` out (headline first).

    >>> q = parse_quantities("Đạt khoảng 125,4 triệu đồng/người/năm.")[0]
    >>> (q.kind, q.comparator, q.value, q.unit, q.approximate)
    ('number', '~', 125400000.0, 'VND/person/year', True)
    >>> [(q.value, q.unit) for q in parse_quantities("21 vụ (7 người chết, 18 người bị thương)")]
    [(21.0, 'case'), (7.0, 'person'), (18.0, 'person')]

Stages: a cell that is one number takes `_fast_draft`; any other text goes through
`reading.read` (which first `masking.mask`s the numbers that are not quantities) and
`annotation.annotate` (comparators, directions, periods). `_infer_units` then fills units from
the column header (`unit_hint`) or the indicator name (`name_hint`), and `_finish` makes the
value objects. All words come from `data/vi/`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields

from normalizers.annotation import CMP_BEFORE, SIGN_CHANGE, annotate
from normalizers.drafts import Draft
from normalizers.lexicon import fold, load, phrase_pattern
from normalizers.numbers import NUMBER_PATTERN, SPACE_GROUP_RE, parse_number, to_float
from normalizers.reading import read
from normalizers.units import (
    MONEY_DEFAULT_UNIT,
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


_BOOL = load("booleans")


_BOOL_OF: dict[str, float] = {fold(p): 1.0 for p in _BOOL["true_words"]} | {
    fold(p): 0.0 for p in _BOOL["false_words"]
}


_BOOL_HEAD_RE = re.compile(
    r"^(" + phrase_pattern(p for p in _BOOL_OF if len(p) > 2) + r")[ \t]*[,;:(\-–]", re.IGNORECASE
)


# A cell that is one number, maybe with a comparator symbol and a unit: `12,5%`, `> 90`.
_FAST_RE = re.compile(r"(?P<cmp>[<>≥≤]=?|=)?[ \t]*(?P<sign>[-+−])?(?P<num>" + NUMBER_PATTERN + r")")


# `_FAST_RE` when the literal is `\d+`, `\d+,\d+` or `\d+.\d+` and no separator follows: then
# NUMBER_PATTERN's grouped forms cannot match and it reads exactly this literal (same groups).
_SIMPLE_RE = re.compile(
    r"(?P<cmp>[<>≥≤]=?|=)?[ \t]*(?P<sign>[-+−])?(?P<num>\d+(?:[.,]\d+)?)(?![\d.,\u00a0\u202f ])"
)


_FAST_FIRST = frozenset("<>≥≤=-+−")  # what `_FAST_RE` can start with besides a digit


_BOUND = {">", ">=", "<", "<="}


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
        drafts = read(raw, low)
        if not drafts:
            return [_boolean_or_text(raw)], True
        annotate(raw, low, drafts)
    hint_free = not _infer_units(raw, drafts, unit_hint, name_hint)
    if len(drafts) == 1:  # most cells (a comprehension costs a function call)
        return [_finish(raw, drafts[0])], hint_free
    return [_finish(raw, d) for d in drafts], hint_free


def _fast_draft(raw: str) -> Draft | None:
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
    draft = Draft(
        "number",
        m.start(2) if sign else m.start(3),  # the sign, else the number
        end,
        [(parse_number(num), unit.scale_exp if unit else 0)],
        literals=[num],
        sign=sign,
        unit=unit,
    )
    if cmp:
        draft.comparator = CMP_BEFORE.get(cmp, "=")
    if sign:
        draft.change = SIGN_CHANGE.get(sign)
    if unit is not None and unit.period:
        draft.period = unit.period
    return draft


def _lower(raw: str) -> str:
    """Lower case with the same offsets (a few characters lower-case to two)."""
    low = raw.lower()
    return (
        low
        if len(low) == len(raw)
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in raw)
    )


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


def _infer_units(
    raw: str, drafts: list[Draft], unit_hint: str | None, name_hint: str | None
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


def _zero_unit(d: Draft, named: UnitMatch | None, hint: UnitMatch | None) -> None:
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


def _space_grouped(literals: list[str]) -> bool:
    """`5 320 người`: one thousands group after a plain space might be two numbers (flagged)."""
    for lit in literals:
        if " " in lit and SPACE_GROUP_RE.fullmatch(lit):
            return True
    return False


def _finish(raw: str, d: Draft) -> Quantity:
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
