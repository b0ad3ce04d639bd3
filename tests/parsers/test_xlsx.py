"""The Excel reader (parsers/readers/xlsx.py): sheets as tables with spans, numbers as the
sheet shows them in Vietnamese notation, titles and notes as lines, sheet/row provenance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parsers.model import Line, Table
from parsers.readers import read_document
from parsers.readers.xlsx import display_text, format_number


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1095, "#,##0", "1.095"),
        (1095, "General", "1095"),
        (12.5, "General", "12,5"),
        (12.0, "General", "12"),
        (12.5, "0.00", "12,50"),
        (1234567.891, "#,##0.00", "1.234.567,89"),
        (0.085, "0.0%", "8,5%"),
        (1, "0%", "100%"),
        (-2.5, "#,##0.0_);[Red](#,##0.0)", "-2,5"),
        (2025, "0", "2025"),
        (45.678, '#,##0.0" ha"', "45,7"),  # quoted text is not digits
        (0.0001234, "0.00E+00", "0,0001234"),  # written out in full
    ],
)
def test_numbers_as_the_sheet_shows_them_in_vietnamese(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_text_and_dates_are_kept_as_written():
    assert display_text("12,5", "General") == "12,5"  # a number typed as text
    assert display_text("  Tỷ lệ   hộ nghèo ", "@") == "Tỷ lệ hộ nghèo"
    assert display_text(dt.datetime(2024, 3, 5), "dd/mm/yyyy", True) == "05/03/2024"


def _workbook(path: Path) -> Path:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    ws["A1"] = "BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2025"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:E1")
    ws["A2"] = "Đơn vị tính: triệu đồng"
    ws.append(["TT", "Chỉ tiêu", "Năm 2025", None, "Ghi chú"])
    ws.append([None, None, "KH", "TH", None])
    for rng in ("A3:A4", "B3:B4", "C3:D3", "E3:E4"):
        ws.merge_cells(rng)
    ws.append([1, "Thu ngân sách", 12500, 13100.5, None])
    ws.append([2, "Tỷ lệ hộ nghèo", 0.015, 0.012, "giảm"])
    ws["C5"].number_format = ws["D5"].number_format = "#,##0.0"
    ws["C6"].number_format = ws["D6"].number_format = "0.0%"
    ws["B5"].font = Font(bold=True)
    ws.append([])
    ws.append(["Ghi chú: số liệu ước thực hiện"])
    hidden = wb.create_sheet("Tính toán")
    hidden.append(["x", 1, 2])
    hidden.sheet_state = "hidden"
    plain = wb.create_sheet("Sheet3")
    plain.append(["Chỉ tiêu", "Kế hoạch"])
    plain.append(["Tỷ lệ che phủ rừng", "45%"])
    wb.save(str(path))
    return path


def test_a_sheet_gives_title_lines_a_table_and_notes(tmp_path):
    doc = read_document(_workbook(tmp_path / "bieu.xlsx"))
    assert doc.format == "xlsx" and doc.n_pages == 2  # the hidden sheet is not read
    kinds = [(type(b).__name__, b.text if isinstance(b, Line) else None) for b in doc.blocks]
    assert kinds == [
        ("Line", "Biểu 01"),
        ("Line", "BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2025"),
        ("Line", "Đơn vị tính: triệu đồng"),
        ("Table", None),
        ("Line", "Ghi chú: số liệu ước thực hiện"),
        ("Table", None),  # Sheet3: a default name, not written as text
    ]
    assert doc.blocks[1].bold
    table = doc.blocks[3]
    assert isinstance(table, Table) and table.unit == "triệu đồng"
    spans = [[(c.text, c.col_span, c.row_span) for c in r.cells] for r in table.rows[:2]]
    assert spans[0] == [("TT", 1, 2), ("Chỉ tiêu", 1, 2), ("Năm 2025", 2, 1), ("", 0, 1),
                        ("Ghi chú", 1, 2)]  # fmt: skip
    assert spans[1] == [("", 1, 0), ("", 1, 0), ("KH", 1, 1), ("TH", 1, 1), ("", 1, 0)]
    assert table.rows[2].texts() == ["1", "Thu ngân sách", "12.500,0", "13.100,5", ""]
    assert table.rows[3].texts() == ["2", "Tỷ lệ hộ nghèo", "1,5%", "1,2%", "giảm"]
    assert table.rows[2].cells[1].bold and not table.rows[3].cells[1].bold


def test_provenance_is_sheet_and_row(tmp_path):
    doc = read_document(_workbook(tmp_path / "bieu.xlsx"))
    table, last = doc.blocks[3], doc.blocks[5]
    assert [(r.page, r.line_start) for r in table.rows] == [(1, 3), (1, 4), (1, 5), (1, 6)]
    assert doc.blocks[4].line_start == 8 and doc.blocks[4].page == 1
    assert [(r.page, r.line_start) for r in last.rows] == [(3, 1), (3, 2)]  # third sheet


def test_old_excel_files_are_read_alike(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sh = book.add_sheet("Biểu 02")
    bold = xlwt.easyxf("font: bold on")
    sh.write_merge(0, 0, 0, 3, "KẾT QUẢ THỰC HIỆN NĂM 2024", bold)
    for c, t in enumerate(["TT", "Chỉ tiêu", "Đơn vị", "Kết quả"]):
        sh.write(1, c, t)
    sh.write(2, 0, 1)
    sh.write(2, 1, "Sản lượng lương thực")
    sh.write(2, 2, "tấn")
    sh.write(2, 3, 12345.6, xlwt.easyxf(num_format_str="#,##0.0"))
    path = tmp_path / "bieu.xls"
    book.save(str(path))
    doc = read_document(path)
    assert doc.format == "xls"
    assert [b.text for b in doc.lines()] == ["Biểu 02", "KẾT QUẢ THỰC HIỆN NĂM 2024"]
    assert doc.lines()[1].bold
    assert doc.tables()[0].rows[1].texts() == ["1", "Sản lượng lương thực", "tấn", "12.345,6"]


def test_a_damaged_workbook_is_a_clear_error(tmp_path):
    from parsers.model import ReadError

    good = _workbook(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.error_type == "not_xlsx" and "broken.xlsx" in err.value.message
