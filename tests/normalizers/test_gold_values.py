"""Every hand-written gold value (tests/gold/*.json) read back by the normaliser.

A gold value passes when SOME quantity returned for its `raw` text agrees on kind,
comparator, value(s) and unit. `text` values and values marked `ambiguous` are not
numbers to check. Table cells of 002 get the unit column of that table as `unit_hint`
(copied by hand below from the document's `Đơn vị Tính` column); the other tables have no
unit column. Scores (`role: score`) come from a points column, so the indicator name is
not their hint. Run this file directly to print the pass rate.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from normalizers import Quantity, parse_quantities

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold"

# 002_0948419ff3996cfb: the `Đơn vị Tính` column of its appendix table, by indicator name.
UNIT_COLUMN_002 = {
    "Giá trị sản phẩm/1ha đất trồng trọt": "Triệu/đồng",
    "Giá trị sản phẩm/1ha đất nuôi trồng thủy sản": "Triệu/đồng",
    "Số DN hoạt động trên địa bàn": "DN",
    "Số cơ sở SXKD chuyển đổi thành DN": "Số DN/1000 dân",
    "Đến năm 2030": "Triệu đồng/ người/ năm",
    "Đến năm 2030, có ít nhất một nhà đa năng cho mỗi cấp học": "Nhà",
    "Trạm y tế xã đạt tiêu chí quốc gia về y tế xã giai đoạn 2025 – 2030": "Đạt",
}
UNIT_COLUMN_002_DEFAULT = "%"  # every other row of that table says `%`


def gold_cases() -> list[tuple[str, dict, str | None, str | None]]:
    cases = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for ind in doc["indicators"]:
            for val in ind.get("values", []):
                if val["kind"] == "text" or val.get("ambiguous"):
                    continue
                unit_hint = None
                if path.name.startswith("002_") and ind.get("source") == "table":
                    unit_hint = UNIT_COLUMN_002.get(ind["name"], UNIT_COLUMN_002_DEFAULT)
                name_hint = None if val["role"] == "score" else ind["name"]
                cases.append((path.name[:3], val, unit_hint, name_hint))
    return cases


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def agrees(q: Quantity, gold: dict) -> bool:
    if q.kind != gold["kind"] or q.unit != gold.get("unit"):
        return False
    if gold["kind"] == "boolean":
        return q.value == (1.0 if gold["value"] else 0.0)
    if gold["kind"] == "range":
        return _close(q.value_min, gold["min"]) and _close(q.value_max, gold["max"])
    if gold["kind"] == "fraction":
        return _close(q.value, gold["value"]) and _close(q.denominator, gold["denominator"])
    return q.comparator == gold.get("comparator", "=") and _close(q.value, gold["value"])


def matches(case: tuple[str, dict, str | None, str | None]) -> bool:
    _, gold, unit_hint, name_hint = case
    return any(
        agrees(q, gold)
        for q in parse_quantities(gold["raw"], unit_hint=unit_hint, name_hint=name_hint)
    )


CASES = gold_cases()


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[
        f"{doc}-{i}-{c[1]['raw'][:40]}" for i, (doc, *_rest) in enumerate(CASES) for c in [CASES[i]]
    ],
)
def test_gold_value_is_read(case: tuple[str, dict, str | None, str | None]) -> None:
    assert matches(case), [
        q for q in parse_quantities(case[1]["raw"], unit_hint=case[2], name_hint=case[3])
    ]


def test_gold_pass_rate_is_reported() -> None:
    assert len(CASES) > 300
    rate = sum(matches(c) for c in CASES) / len(CASES)
    assert rate >= 0.99


if __name__ == "__main__":
    failed = [c for c in CASES if not matches(c)]
    print(
        f"gold values read: {len(CASES) - len(failed)}/{len(CASES)} "
        f"({100 * (len(CASES) - len(failed)) / len(CASES):.1f}%)"
    )
    for doc, gold, uh, nh in failed:
        print(" FAIL", doc, gold["raw"][:90], "| hint:", uh, "| name:", (nh or "")[:50])
        for q in parse_quantities(gold["raw"], unit_hint=uh, name_hint=nh):
            print("       got", q.kind, q.comparator, q.value, q.value_min, q.value_max, q.unit)
