"""`process_file` never loses a document: a failing part or stage leaves it `partial`."""

from __future__ import annotations

import parsers.structure as structure
import pipeline.document as document
from pipeline.document import process_file

PLAN = (
    "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2025\n\nII. Chỉ tiêu\n\n"
    "| TT | Chỉ tiêu | Kế hoạch năm 2025 |\n|---|---|---|\n"
    "| 1 | Tỷ lệ hộ nghèo | 2% |\n\n"
    "- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng đạt dưới 8%.\n"
)


def _raise(*args, **kwargs):
    raise IndexError("list index out of range")


def test_a_failing_table_leaves_the_document_partial_with_a_warning(tmp_path, monkeypatch):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    monkeypatch.setattr(structure, "table_to_indicators", _raise)
    result = process_file(path)
    (doc,) = result.rows["documents"]
    assert doc["status"] == "partial"
    assert doc["doc_type"] == "ke_hoach"
    (err,) = result.rows["errors"]
    assert (err["severity"], err["stage"], err["error_type"]) == (
        "warning",
        "structure",
        "part_failed",
    )
    assert "table at line 6: IndexError" in err["message"]
    assert [r["name"] for r in result.rows["indicators"]] == [
        "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng"
    ]


def test_a_crash_outside_the_parts_keeps_the_document_and_its_metadata(tmp_path, monkeypatch):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    monkeypatch.setattr(document, "build_structure", _raise)
    result = process_file(path)
    assert result.ok
    (doc,) = result.rows["documents"]
    assert (doc["status"], doc["doc_type"], doc["n_indicators"]) == ("partial", "ke_hoach", 0)
    (err,) = result.rows["errors"]
    assert (err["severity"], err["error_type"]) == ("warning", "structure_crash")


def test_a_clean_document_is_ok(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    result = process_file(path)
    assert result.rows["documents"][0]["status"] == "ok"
    assert result.rows["errors"] == []
    assert result.n_indicators == 2


def test_what_the_plausibility_gate_drops_is_an_info_row_and_the_document_stays_ok(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(PLAN.replace("| 1 | Tỷ lệ hộ nghèo |", "| 1 | 68 |"), encoding="utf-8")
    result = process_file(path)
    (doc,) = result.rows["documents"]
    assert doc["status"] == "ok"
    (row,) = result.rows["errors"]
    assert (row["severity"], row["stage"], row["error_type"]) == (
        "info",
        "plausibility",
        "implausible_name_few_letters",
    )
    assert "1 indicators dropped (few_letters): '68'" in row["message"]
    assert "68" not in [r["name"] for r in result.rows["indicators"]]


def test_ocr_pages_get_a_row_with_the_quality_gate():
    from parsers.model import Document
    from parsers.readers.ocr import LOW_CONFIDENCE, LOW_QUALITY
    from pipeline.document import page_rows

    doc = Document(source_path="scan.pdf", format="pdf-ocr")
    doc.page_quality = {1: 0.97, 2: LOW_QUALITY - 0.1, 3: 0.95}
    doc.page_confidence = {1: 93.0, 2: 88.0, 3: LOW_CONFIDENCE - 1}
    rows = page_rows("abc", doc)
    assert [(r["page"], r["quality"], r["confidence"], r["low_quality"]) for r in rows] == [
        (1, 0.97, 93.0, False),
        (2, LOW_QUALITY - 0.1, 88.0, True),
        (3, 0.95, LOW_CONFIDENCE - 1, True),
    ]
    assert page_rows("abc", Document(source_path="a.txt", format="txt")) == []
