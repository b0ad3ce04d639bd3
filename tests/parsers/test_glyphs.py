"""Legacy-font glyphs (`ƣ` U+01A3, `Ƣ` U+01A2 for `ư`/`Ư`) repaired in read text.

Fragments of real PDF extractions found in public repositories (no local corpus document
holds the glyph): an annual report's company name, a market note, a course text."""

from __future__ import annotations

import unicodedata

import pytest

from parsers.model import Table
from parsers.readers import read_document
from parsers.readers.glyphs import repair_glyphs
from parsers.readers.text import text_to_blocks
from parsers.structure import build_structure


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # AAA annual report 2011 (PDF extraction): the capital glyph
        (
            "CÔNG TY CỔ PHẦN NHỰA VÀ MÔI TRƢỜNG XANH AN PHÁT",
            "CÔNG TY CỔ PHẦN NHỰA VÀ MÔI TRƯỜNG XANH AN PHÁT",
        ),
        # a market note: the small glyph, twice in one line
        (
            "Chú ý đến thị trƣờng chứng khoán nƣớc ngoài",
            "Chú ý đến thị trường chứng khoán nước ngoài",
        ),
        # a course text: at the start of a word after a capital
        ("Các bƣớc thực hiện đổi trang: Bƣớc 1", "Các bước thực hiện đổi trang: Bước 1"),
        # a decomposed tone mark after the glyph composes with the repaired letter
        ("tr\u01a3\u0300ng", "trừng"),
    ],
)
def test_legacy_glyphs_are_repaired(damaged, repaired):
    out = repair_glyphs(damaged)
    assert out == repaired
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(
    "text",
    [
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%",  # sample 002: real ư stays
        "MÔI TRƯỜNG",
        "Ước TH năm 2024",
        "",
    ],
)
def test_text_without_the_glyph_is_returned_unchanged(text):
    assert repair_glyphs(text) is text


def test_a_damaged_column_title_is_read_after_repair():
    """`Ƣớc TH` would miss the `Ước TH` column title: repaired, its role is `actual`."""
    text = (
        "BÁO CÁO\n\n| TT | Chỉ tiêu | KH năm 2024 | Ƣớc TH năm 2024 |\n|---|---|---|---|\n"
        "| 1 | Tỷ lệ hộ nghèo | 2% | 1,8% |\n"
    )
    (table,) = [b for b in text_to_blocks(text) if isinstance(b, Table)]
    assert table.rows[0].texts()[3] == "Ước TH năm 2024"
    (ind,) = build_structure_of(text).indicators
    assert {c.role for c in ind.cells} == {"plan", "actual"}


def build_structure_of(text: str):
    from parsers.model import Document

    return build_structure(Document("x.md", "md", text_to_blocks(text)))


def test_read_document_repairs_every_format_path(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text("Phát triển thị trƣờng nông sản\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.lines()[0].text == "Phát triển thị trường nông sản"


def test_a_paged_or_word_document_is_repaired_line_by_line_and_cell_by_cell():
    """Paged and Word readers build their text piece by piece: the read document is
    repaired as a whole (`read_document` → `repair_document`)."""
    from parsers.model import Cell, Document, Line, Row
    from parsers.readers.glyphs import repair_document

    table = Table(rows=[Row([Cell("Chỉ tiêu"), Cell("Ƣớc TH")], 2, 2)], unit="ngƣời")
    doc = Document("x.pdf", "pdf", [Line("MÔI TRƢỜNG", 1, 1), table])
    repair_document(doc)
    assert doc.blocks[0].text == "MÔI TRƯỜNG"
    assert table.rows[0].texts() == ["Chỉ tiêu", "Ước TH"]
    assert table.unit == "người"
