"""The gold scorer itself: alignment, value comparison and the figures it reports."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import evaluate, name_similarity, score_values, value_matches
from pipeline.write import write_tables


@pytest.mark.parametrize(
    ("gold", "extracted", "ok"),
    [
        (
            {"kind": "number", "comparator": "=", "value": 50400000, "unit": "VND"},
            {"kind": "number", "comparator": "=", "value": 50400000.0, "unit": "VND"},
            True,
        ),
        (
            {"kind": "number", "comparator": "=", "value": 50400000, "unit": "VND"},
            {"kind": "number", "comparator": "=", "value": 50.4, "unit": "VND"},
            False,
        ),
        (
            {"kind": "number", "comparator": "~", "value": 125400000, "unit": "VND/person/year"},
            {"kind": "number", "comparator": "=", "value": 125400000, "unit": "VND/person/year"},
            False,
        ),
        (
            {"kind": "bound", "comparator": ">", "value": 96, "unit": "%"},
            {"kind": "bound", "comparator": ">=", "value": 96, "unit": "%"},
            False,
        ),
        (
            {"kind": "range", "min": 7, "max": 10, "unit": "%"},
            {"kind": "range", "comparator": None, "value_min": 7, "value_max": 10, "unit": "%"},
            True,
        ),
        (
            {"kind": "fraction", "value": 11, "denominator": 19, "unit": "criterion"},
            {"kind": "fraction", "value": 11, "denominator": 19, "unit": "criterion"},
            True,
        ),
        (
            {"kind": "number", "comparator": "=", "value": 1},
            {"kind": "number", "comparator": "=", "value": 1, "unit": "%"},
            False,
        ),
        (
            {"kind": "boolean", "value": False},
            {"kind": "boolean", "value": 0.0, "unit": None},
            True,
        ),
        ({"kind": "text"}, {"kind": "number", "comparator": "=", "value": 3, "unit": None}, False),
    ],
)
def test_value_matches(gold, extracted, ok):
    assert value_matches(gold, extracted) is ok


def test_values_align_one_to_one_within_a_role_and_ambiguous_counts_presence():
    gold = [
        {
            "role": "actual",
            "raw": "100%",
            "kind": "number",
            "comparator": "=",
            "value": 100,
            "unit": "%",
        },
        {
            "role": "actual",
            "raw": "100%",
            "kind": "number",
            "comparator": "=",
            "value": 100,
            "unit": "%",
        },
        {
            "role": "plan",
            "raw": "x",
            "kind": "number",
            "comparator": "=",
            "value": 7,
            "ambiguous": True,
        },
    ]
    one = {"role": "actual", "kind": "number", "comparator": "=", "value": 100.0, "unit": "%"}
    plan = {"role": "plan", "kind": "text", "comparator": None, "value": None, "unit": None}
    correct, wrong = score_values(gold, [one, plan])
    assert correct == 2 and len(wrong) == 1


def test_name_similarity_is_not_fooled_by_a_shared_prefix():
    assert name_similarity("Tỷ lệ hộ nghèo", "Tỉ lệ hộ nghèo") == 100
    assert (
        name_similarity("Thu ngân sách trên địa bàn", "Hàng năm, thu ngân sách trên địa bàn tăng")
        >= 70
    )
    assert (
        name_similarity("Tỷ lệ", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2026 - 2030")
        < 70
    )


def test_evaluate_end_to_end_on_a_tiny_document(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {
        "file": "a.txt",
        "document": {},
        "sections": [],
        "indicators": [
            {
                "label": "1",
                "section": None,
                "source": "table",
                "required": True,
                "name": "Tỷ lệ che phủ rừng",
                "values": [
                    {
                        "role": "target",
                        "raw": "65%",
                        "kind": "number",
                        "comparator": "=",
                        "value": 65,
                        "unit": "%",
                    }
                ],
            },
            {
                "label": "2",
                "section": None,
                "source": "table",
                "required": True,
                "name": "Tỷ lệ hộ nghèo",
                "values": [
                    {
                        "role": "target",
                        "raw": "3%",
                        "kind": "number",
                        "comparator": "=",
                        "value": 3,
                        "unit": "%",
                    }
                ],
            },
        ],
    }
    (gold_dir / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    ind = {"doc_id": "d", "section_id": None, "line_start": 1, "line_end": 1, "source": "table"}
    val = {"doc_id": "d", "role": "target", "kind": "number", "comparator": "=", "unit": "%"}
    write_tables(
        tmp_path / "parsed",
        {
            "documents": [
                {"doc_id": "d", "source_path": "x/a.txt", "format": "txt", "status": "ok"}
            ],
            "indicators": [
                {**ind, "indicator_id": "i1", "name": "Tỉ lệ che phủ rừng"},
                {**ind, "indicator_id": "i2", "name": "Số trường đạt chuẩn"},
            ],
            "values": [
                {**val, "indicator_id": "i1", "value_id": "v1", "raw": "65%", "value": 65.0}
            ],
        },
    )
    (score,) = evaluate(gold_dir, tmp_path / "parsed")
    assert (score.recall, score.precision, score.value_accuracy) == (0.5, 0.5, 1.0)
    assert score.missed_required == ["Tỷ lệ hộ nghèo"]
