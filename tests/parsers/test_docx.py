"""Word reader: the docx built from a sample gives the text sample's tables and lines."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
import builders  # noqa: E402

from parsers.model import ReadError  # noqa: E402
from parsers.readers import docx as docx_reader  # noqa: E402
from parsers.readers import read_document  # noqa: E402


@pytest.mark.parametrize("sample", ["000", "004"])
def test_tables_equal_text_sample(sample, tmp_path):
    stem, blocks = builders.load_sample(sample)
    path = builders.build_docx(blocks, tmp_path / f"{stem}.docx")
    got = docx_reader.read(path)
    want = read_document(builders.SEEDS_DIR / f"{stem}.txt")
    assert got.format == "docx"
    assert [[r.texts() for r in t.rows] for t in got.tables()] == [
        [r.texts() for r in t.rows] for t in want.tables()
    ]


def test_merged_header_cells_keep_spans(tmp_path):
    stem, blocks = builders.load_sample("004")
    doc = docx_reader.read(builders.build_docx(blocks, tmp_path / "x.docx"))
    head, sub = doc.tables()[0].rows[:2]
    year = next(c for c in head.cells if c.text == "Năm 2024")
    assert year.col_span == 2
    assert head.cells[head.cells.index(year) + 1].col_span == 0  # covered position
    assert head.cells[0].row_span == 2 and sub.cells[0].row_span == 0
    assert doc.tables()[0].n_cols == 10


def test_body_order_numbering_bold_heading_nested(tmp_path):
    d = docx.Document()
    d.add_heading("II. MỤC TIÊU", level=1)
    p = d.add_paragraph()
    p.add_run("Chỉ tiêu").bold = True
    p.add_run(" ")
    p.add_run("chủ yếu").bold = True
    d.add_paragraph("Thu ngân sách tăng 12%", style="List Number")
    d.add_paragraph("Thu nhập đạt 50 triệu", style="List Number")
    d.add_paragraph("Khu vực dịch vụ", style="List Bullet")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "TT", "Chỉ tiêu"
    t.cell(1, 0).text = "1"
    inner = t.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Tỷ lệ", "95%"
    d.add_paragraph("Sau bảng")
    path = tmp_path / "n.docx"
    d.save(path)
    doc = docx_reader.read(path)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Line", "Line", "Line", "Line", "Line", "Table", "Line"]
    lines = doc.lines()
    assert lines[0].heading_level == 1
    assert lines[1].bold and lines[1].text == "Chỉ tiêu chủ yếu"
    assert lines[2].text == "1. Thu ngân sách tăng 12%"
    assert lines[3].text == "2. Thu nhập đạt 50 triệu"
    assert lines[4].text == "- Khu vực dịch vụ"
    assert doc.tables()[0].rows[1].texts() == ["1", "Tỷ lệ 95%"]
    assert [b.line_start for b in doc.blocks if hasattr(b, "text")] == [1, 2, 3, 4, 5, 8]


def test_not_a_word_file(tmp_path):
    import zipfile

    z = tmp_path / "a.docx"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("x.txt", "x")
    with pytest.raises(ReadError) as err:
        docx_reader.read(z)
    assert err.value.error_type == "not_docx" and "word/document.xml" in err.value.message
    t = tmp_path / "b.docx"
    t.write_text("plain")
    with pytest.raises(ReadError) as err:
        docx_reader.read(t)
    assert err.value.error_type == "not_docx" and "b.docx" in err.value.message
