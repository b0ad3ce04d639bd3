"""The parametrised table of tests/normalizers/cases/quantity_cases.py: every case asserts the
full list of quantities (kind, comparator, value, interval, denominator, unit, change,
approximate, unit_inferred, period, ambiguous), headline first."""

from __future__ import annotations

import math
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

import pytest

from normalizers import Quantity, parse_quantities

sys.path.insert(0, str(Path(__file__).parent / "cases"))
from quantity_cases import BEYOND, KNOWN_FAILURES, REGRESSIONS, SAMPLES, Case, E  # noqa: E402

FIELDS = [f for f in E.__dataclass_fields__ if f != "kind"]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def _observed(q: Quantity) -> dict:
    return {"kind": q.kind, **{f: getattr(q, f) for f in FIELDS}}


def check(case: Case) -> None:
    got = parse_quantities(case.raw, unit_hint=case.unit_hint, name_hint=case.name_hint)
    want = [asdict(e) for e in case.expected]
    seen = [_observed(q) for q in got]
    assert len(seen) == len(want), f"{case.raw!r}: {seen}"
    for g, w in zip(seen, want, strict=True):
        if w["kind"] == "text":
            assert g["kind"] == "text", f"{case.raw!r}: {seen}"
            continue
        bad = {k: (g[k], w[k]) for k in w if not _same(g[k], w[k])}
        assert not bad, f"{case.raw!r}: (got, want) {bad}"


def _ids(cases: list[Case]) -> list[str]:
    return [f"{c.raw[:50]}|{c.unit_hint or ''}|{(c.name_hint or '')[:20]}" for c in cases]


@pytest.mark.parametrize("case", SAMPLES, ids=_ids(SAMPLES))
def test_samples(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", BEYOND, ids=_ids(BEYOND))
def test_beyond_samples(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", REGRESSIONS, ids=_ids(REGRESSIONS))
def test_regressions(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", KNOWN_FAILURES, ids=_ids(KNOWN_FAILURES))
@pytest.mark.xfail(strict=True, reason="known limitation, see the case's comment")
def test_known_failures(case: Case) -> None:
    check(case)


def test_table_is_large_enough() -> None:
    assert len(SAMPLES) + len(BEYOND) + len(REGRESSIONS) >= 300


def test_blank_gives_nothing() -> None:
    assert parse_quantities("") == []
    assert parse_quantities("   \n\t") == []


def test_raw_is_nfc_and_stripped_and_spans_point_into_it() -> None:
    decomposed = unicodedata.normalize("NFD", "  Đạt 12,5%  ")
    text = unicodedata.normalize("NFD", "  Tăng trên 12,5% so cùng kỳ ")
    (q,) = parse_quantities(text)
    assert q.raw == "Tăng trên 12,5% so cùng kỳ"
    assert q.raw[q.span[0] : q.span[1]] == "12,5%"
    assert parse_quantities(decomposed)[0].raw == unicodedata.normalize("NFC", decomposed.strip())


def test_unit_raw_is_as_written() -> None:
    (q,) = parse_quantities("Đạt khoảng 125,4 triệu đồng/người/năm.")
    assert q.unit_raw == "triệu đồng/người/năm"
    (q,) = parse_quantities("150", unit_hint="Triệu/đồng")
    assert q.unit_raw == "Triệu/đồng"


def test_text_kind_keeps_normalised_text() -> None:
    (q,) = parse_quantities("Thực hiện   đúng\nquy định")
    assert (q.kind, q.text, q.value) == ("text", "Thực hiện đúng quy định", None)


def test_non_string_input_does_not_raise() -> None:
    assert parse_quantities(None) == []  # type: ignore[arg-type]
    assert parse_quantities(12.5)[0].value == 12.5  # type: ignore[arg-type]
