"""A failing part of a document is skipped with a warning naming it; the rest is read.

Regression fixtures are named after the bug they caught: `one_column_table` crashed the
table reader (IndexError on the second cell) and lost ~6% of the wild corpus."""

from __future__ import annotations

import pytest

import parsers.structure as structure
from parsers.model import Document
from parsers.readers.text import text_to_blocks
from parsers.structure import build_structure


def doc_of(text: str) -> Document:
    return Document("x.md", "md", text_to_blocks(text))


# Fragments of two wild documents (a ticket notice, an encyclopaedia side box) whose
# one-column layout tables crashed the table reader.
ONE_COLUMN_TABLE = [
    "Ngày 1 |\n| Từ 08:00-19:00 Từ 20:00-22:00 |\nNgày 2 |\n| Từ 08:00-19:00 Từ 20:00-22:00 |\n",
    "| Chuyên đề |\n| Lịch sử Việt Nam |\n|---|\n| Cổng thông tin Lịch sử Việt Nam |\n",
]


@pytest.mark.parametrize("text", ONE_COLUMN_TABLE)
def test_one_column_table_is_read_without_a_warning(text):
    s = build_structure(doc_of(text))
    assert s.warnings == []


TARGET_TABLE = (
    "KẾ HOẠCH\n\nII. Chỉ tiêu\n\n"
    "| TT | Chỉ tiêu | Kế hoạch năm 2025 |\n|---|---|---|\n"
    "| 1 | Tỷ lệ hộ nghèo | 2% |\n\n"
    "- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng đạt dưới 8%.\n"
)


def test_a_failing_table_becomes_a_warning_and_prose_is_kept(monkeypatch):
    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(structure, "table_to_indicators", broken)
    s = build_structure(doc_of(TARGET_TABLE))
    assert [w[:2] for w in s.warnings] == [("structure", "part_failed")]
    assert s.warnings[0][2].startswith("table at line 5: IndexError")
    assert any("suy dinh dưỡng" in i.name for i in s.indicators)


def test_a_failing_line_names_its_section_and_the_table_is_kept(monkeypatch):
    def broken(self, line, **kwargs):
        raise ValueError("bad clause")

    monkeypatch.setattr(structure.ProseReader, "read_item", broken)
    s = build_structure(doc_of(TARGET_TABLE))
    assert len(s.warnings) == 1
    assert s.warnings[0][2].startswith("section II Chỉ tiêu, line 9: ValueError: bad clause")
    assert [i.name for i in s.indicators] == ["Tỷ lệ hộ nghèo"]


def test_no_failure_no_warning():
    assert build_structure(doc_of(TARGET_TABLE)).warnings == []
