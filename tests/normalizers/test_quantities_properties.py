"""Property-based tests of the quantity normaliser (hypothesis)."""

from __future__ import annotations

import math
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from normalizers import parse_quantities
from normalizers.lexicon import load
from normalizers.numbers import format_vi, parse_number
from normalizers.quantities import _parse
from normalizers.reading import read

KINDS = {"number", "range", "bound", "fraction", "boolean", "text"}

# Values as written in documents: counts, and decimals with up to three decimal places.
values = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(Decimal),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=999, places=3, allow_nan=False, allow_infinity=False),
)


def _vi(value: Decimal) -> str:
    return format_vi(
        float(value), decimals=-value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
    )


@given(values)
def test_vietnamese_number_round_trips(value: Decimal) -> None:
    text = _vi(value)
    assert math.isclose(parse_number(text).value, float(value), rel_tol=1e-12, abs_tol=1e-12)
    (q,) = parse_quantities(text)
    assert q.kind == "number"
    assert math.isclose(q.value, float(value), rel_tol=1e-12, abs_tol=1e-12)


@given(st.integers(min_value=1_000_000, max_value=10**12), st.sampled_from([" ", "\u00a0"]))
def test_numbers_grouped_with_spaces_round_trip(value: int, space: str) -> None:
    # `1 200 000 đồng`, `5\u00a0320 con`: two groups or more (or non-breaking spaces) are one number
    text = f"{value:,}".replace(",", space) + " đồng"
    (q,) = parse_quantities(text)
    assert (q.value, q.unit, q.ambiguous) == (float(value), "VND", False)


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=999),
    st.sampled_from([("tỷ", 9, "triệu", 6), ("triệu", 6, "nghìn", 3), ("tỷ", 9, "nghìn", 3)]),
)
def test_an_amount_written_with_two_scales_is_their_sum(
    a: int, b: int, scales: tuple[str, int, str, int]
) -> None:
    big, big_exp, small, small_exp = scales
    (q,) = parse_quantities(f"{a} {big} {b} {small} đồng")
    assert (q.value, q.unit) == (a * 10**big_exp + b * 10**small_exp, "VND")


@given(
    values,
    st.sampled_from(
        [
            ("%", "%", 0),
            ("ha", "ha", 0),
            ("triệu đồng", "VND", 6),
            ("tỷ đồng", "VND", 9),
            ("tấn", "tonne", 0),
            ("lượt người", "visit", 0),
        ]
    ),
)
def test_number_with_unit_is_scaled_into_its_base(
    value: Decimal, unit: tuple[str, str, int]
) -> None:
    alias, code, exp = unit
    (q,) = parse_quantities(f"Đạt {_vi(value)} {alias}")
    assert q.unit == code
    assert math.isclose(q.value, float(value) * 10**exp, rel_tol=1e-9, abs_tol=1e-9)


_PHRASES = load("comparators")["before"]
_SYMBOL = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "~": "~"}
word_comparators = st.sampled_from(
    [
        (cmp, p)
        for cmp, ps in _PHRASES.items()
        if cmp in _SYMBOL
        for p in ps
        if p[0].isalpha() and p != "từ"
    ]
)


@given(
    word_comparators,
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(["%", " ha", " người", ""]),
)
def test_comparator_words_and_symbols_agree(phrase: tuple[str, str], n: int, unit: str) -> None:
    cmp, word = phrase
    assume(unit or not 1940 <= n <= 2099)  # a bare 19xx/20xx in a sentence is read as a year
    by_word = parse_quantities(f"đạt {word} {n}{unit}")[0]
    by_symbol = parse_quantities(f"{_SYMBOL[cmp]} {n}{unit}")[0]
    assert by_word.comparator == by_symbol.comparator == cmp
    assert by_word.value == by_symbol.value == n
    assert by_word.kind == by_symbol.kind == ("number" if cmp == "~" else "bound")


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_ranges_are_ordered(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    (q,) = parse_quantities(f"{_vi(Decimal(lo))} - {_vi(Decimal(hi))} người")
    assert (q.kind, q.value_min, q.value_max, q.unit) == ("range", lo, hi, "person")


# Text made of what cells are made of, so that the rules are really exercised.
cell_alphabet = st.sampled_from(
    list("0123456789.,;:/-+()%<>≥≤ ")
    + [
        "năm ",
        "đạt ",
        "trên ",
        "dưới ",
        "từ ",
        "đến ",
        "triệu ",
        "tỷ ",
        "đồng",
        "ha",
        "người",
        "xã ",
        "tăng ",
        "giảm ",
        "duy trì ",
        "khoảng ",
        "trở lên",
        "Không có ",
        "hộ ",
        "một ",
        "mười ",
        "quý I/",
        "giai đoạn ",
        "tuổi",
        "mức độ ",
        "NQ/TW",
        "Đạt",
        "không để xảy ra ",
        "vụ",
        "/năm",
        "vạn dân",
        "\u00a0",
    ]
)
cells = st.lists(cell_alphabet, max_size=25).map("".join)


@settings(max_examples=400)
@given(
    cells,
    st.one_of(st.none(), st.sampled_from(["%", "Triệu/đồng", "Đạt", "Số DN/1000 dân", "", "???"])),
    st.one_of(
        st.none(), st.sampled_from(["Tỷ lệ hộ nghèo", "Số người", "Thu ngân sách (Tỷ đồng)", ""])
    ),
)
def test_rules_never_raise_on_cell_like_text(
    text: str, unit_hint: str | None, name_hint: str | None
) -> None:
    # `_parse` is the normaliser without its last-resort guard: a bug would show here.
    out, hint_free = _parse(text, unit_hint, name_hint)
    assert isinstance(out, list)
    if hint_free:  # such a reading is memoised per text: the hints must not change it
        assert _parse(text, None, None)[0] == out
    for q in out:
        assert q.kind in KINDS
        assert q.raw == text.strip() or q.raw
        if q.span is not None:
            assert 0 <= q.span[0] <= q.span[1] <= len(q.raw)
        if q.kind in ("number", "bound"):
            assert q.value is not None and q.comparator is not None
        if q.kind == "range":
            assert (
                q.value_min is not None and q.value_max is not None and q.value_min <= q.value_max
            )


@settings(max_examples=300)
@given(st.text())
def test_no_string_raises(text: str) -> None:
    out = _parse(text, None, None)[0]
    if not text.strip():
        assert out == []
    for q in out:
        assert q.kind in KINDS


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=60))
def test_text_without_digits_or_words_is_text_or_nothing(text: str) -> None:
    for q in parse_quantities(text):
        assert q.kind in KINDS


@settings(max_examples=400)
@given(st.lists(cells, min_size=1, max_size=4).map(" ".join))
def test_quantities_are_read_in_order_and_never_overlap(text: str) -> None:
    # `annotation` relies on it: it finds a quantity's neighbours by bisection.
    raw = text.strip()
    drafts = read(raw, raw.lower()) if raw and len(raw.lower()) == len(raw) else []
    for a, b in zip(drafts, drafts[1:], strict=False):
        assert a.start <= a.end <= b.start <= b.end
