"""Borderless tables from the gutters between word columns (parsers/readers/borderless.py).

Fragments are laid out as a printer sets them: each cell's words from its column's left
edge, one word space apart, wrapped lines closer together than rows.
"""

from __future__ import annotations

import pytest

from parsers.readers.borderless import find_tables
from parsers.readers.layout import TextLine, WordBox

H = 8.0  # word height, points
SPACE = 2.4  # word space
CHAR = 4.0  # width per character


def _line(cells: list[tuple[float, str]], top: float, page: int = 1) -> TextLine:
    words = []
    for x, text in cells:
        for w in text.split():
            words.append(WordBox(w, x, top, x + CHAR * len(w), top + H))
            x += CHAR * len(w) + SPACE
    return TextLine(words, page=page)


def _lay(rows: list[list[list[tuple[float, str]]]], top: float = 100.0) -> list[TextLine]:
    """rows → lines: each row a list of its lines (each a list of (x, text) cells)."""
    lines = []
    for row in rows:
        for k, cells in enumerate(row):
            if k:
                top += H + 1.5  # a wrapped line inside the row
            lines.append(_line(cells, top))
        top += H + 6.0  # the row's padding
    return lines


# sample 000's appendix: TT | Chỉ tiêu | Mục tiêu | Đơn vị chủ trì (names wrap)
APPENDIX = [
    [[(40, "TT"), (70, "Chỉ tiêu"), (230, "Mục tiêu"), (330, "Đơn vị chủ trì")]],
    [[(40, "1"), (70, "Tốc độ tăng tổng thu"), (230, "Tăng từ 7% -"), (330, "Phòng Kinh tế xã")],
     [(70, "ngân sách trên địa bàn"), (230, "10% trở lên.")]],
    [[(40, "2"), (70, "Tốc độ tăng tổng giá trị"), (230, "Đạt 12 - 13%."), (330, "Phòng Kinh tế xã")],
     [(70, "sản phẩm bình quân")]],
    [[(40, "3"), (70, "Thu nhập bình quân đầu"), (230, "Đạt khoảng"), (330, "Phòng Kinh tế xã;")],
     [(70, "người"), (230, "125,4 triệu"), (330, "Phòng Văn hóa - Xã hội")]],
]  # fmt: skip
# sample 001's scoring sheet: TT | Tiêu chí | Chỉ tiêu | Điểm, one line per row, two
# columns (Thời gian, Ghi chú) that only the header fills
SCORES = [
    [[(40, "TT"), (70, "Tiêu chí"), (260, "Chỉ tiêu"), (330, "Điểm"), (400, "Thời gian"), (470, "Ghi chú")]],
    [[(40, "1,1"), (70, "Sản lượng lương thực có hạt"), (260, "1.100 tấn"), (330, "1")]],
    [[(40, "1,2"), (70, "Tổng diện tích gieo trồng"), (260, "440 ha"), (330, "1")]],
    [[(40, "1,3"), (70, "Thu nhập bình quân đầu người"), (260, "50,4 triệu"), (330, "1")]],
]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "want"),
    [
        (
            APPENDIX,
            [
                ["TT", "Chỉ tiêu", "Mục tiêu", "Đơn vị chủ trì"],
                ["1", "Tốc độ tăng tổng thu ngân sách trên địa bàn", "Tăng từ 7% - 10% trở lên.",
                 "Phòng Kinh tế xã"],
                ["2", "Tốc độ tăng tổng giá trị sản phẩm bình quân", "Đạt 12 - 13%.",
                 "Phòng Kinh tế xã"],
                ["3", "Thu nhập bình quân đầu người", "Đạt khoảng 125,4 triệu",
                 "Phòng Kinh tế xã; Phòng Văn hóa - Xã hội"],
            ],
        ),
        (
            SCORES,
            [
                ["TT", "Tiêu chí", "Chỉ tiêu", "Điểm", "Thời gian", "Ghi chú"],
                ["1,1", "Sản lượng lương thực có hạt", "1.100 tấn", "1", "", ""],
                ["1,2", "Tổng diện tích gieo trồng", "440 ha", "1", "", ""],
                ["1,3", "Thu nhập bình quân đầu người", "50,4 triệu", "1", "", ""],
            ],
        ),
    ],
    ids=["wrapped-cells", "empty-columns"],
)  # fmt: skip
def test_columns_and_rows_are_recovered(rows, want):
    (table,) = find_tables(_lay(rows))
    assert [[c.text for c in row] for row in table.rows] == want


def test_a_paragraph_after_the_table_ends_it():
    lines = _lay(SCORES)
    prose = "Trên đây là kế hoạch thực hiện các mục tiêu phát triển kinh tế xã hội năm 2023"
    lines.append(_line([(40, prose)], lines[-1].bottom + 6))
    (table,) = find_tables(lines)
    assert table.end == len(lines) - 1


@pytest.mark.parametrize(
    "cells_per_line",
    [
        # a wrapped paragraph: words fall anywhere, no gutter lasts
        [[(40, "Thực hiện Công văn số 2096/UBND-NV ngày 24/8/2023 của UBND huyện")],
         [(40, "dựng, thẩm định kế hoạch thực hiện mục tiêu chủ yếu phát triển")],
         [(40, "tâm và nhiệm vụ quản lý nhà nước năm 2023. UBND xã Cẩm Lương")],
         [(40, "các chỉ tiêu, nhiệm vụ mục tiêu phát triển kinh tế - xã hội")]],
        # the two-column title block and signature: two columns are not a table
        [[(40, "ỦY BAN NHÂN DÂN"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
         [(40, "XÃ CẨM LƯƠNG"), (300, "Độc lập - Tự do - Hạnh phúc")],
         [(40, "Số: /KH-UBND"), (300, "Cẩm Lương, ngày tháng 8 năm 2023")],
         [(40, "Nơi nhận:"), (300, "CHỦ TỊCH")]],
    ],
    ids=["prose", "two-column-blocks"],
)  # fmt: skip
def test_no_table_where_there_is_none(cells_per_line):
    lines = [_line(cells, 100 + i * (H + 3)) for i, cells in enumerate(cells_per_line)]
    assert find_tables(lines) == []


def test_a_continuation_with_empty_columns_takes_the_columns_above():
    """The rows of a table continued below (or on the next page) that leave a middle
    column empty show no gutter there: they are read with the columns of the table above."""
    head = _lay(SCORES)
    gap = head[-1].bottom + 3 * H  # a wide gap: a new table starts
    rest = [
        [[(40, "2,1"), (70, "Tỷ lệ tăng dân số"), (330, "1"), (400, "Năm 2023")]],
        [[(40, "2,2"), (70, "Cửa hàng kinh doanh ATTP"), (330, "1"), (400, "Năm 2023")]],
        [[(40, "2,3"), (70, "Tỷ lệ trẻ em suy dinh dưỡng"), (330, "1"), (400, "Năm 2023")]],
    ]  # fmt: skip
    first, second = find_tables(head + _lay(rest, top=gap))
    assert len(second.rows[0]) == len(first.rows[0]) == 6
    assert [c.text for c in second.rows[0]] == ["2,1", "Tỷ lệ tăng dân số", "", "1", "Năm 2023", ""]


def test_single_line_rows_whose_numbering_ocr_lost_stay_rows():
    """Sơn La's appendix: sub-items `- Diện tích`, `- Sản lượng` at one line pitch; OCR
    drops the dashes, so the first column is empty, yet a capital starts the next row."""
    rows = [
        [[(40, "TT"), (70, "Chỉ tiêu"), (230, "ĐVT"), (300, "Năm 2025"), (380, "Năm 2026")]],
        [[(40, "1"), (70, "Cà Phê")]],
        [[(70, "Diện tích"), (230, "Ha"), (300, "26.120"), (380, "27.000")]],
        [[(70, "Sản lượng cà phê nhân"), (230, "Tấn"), (300, "37.724"), (380, "39.800")]],
        [[(40, "2"), (70, "Chè")]],
        [[(70, "Diện tích"), (230, "Ha"), (300, "6.132"), (380, "6.500")]],
    ]  # fmt: skip
    # every line one row, at one pitch: no wrapped line to tell rows by
    lines = [_line(cells, 100 + i * (H + 6)) for i, (cells,) in enumerate(rows)]
    (table,) = find_tables(lines)
    assert [r[1].text for r in table.rows] == [
        "Chỉ tiêu", "Cà Phê", "Diện tích", "Sản lượng cà phê nhân", "Chè", "Diện tích"
    ]  # fmt: skip


def test_a_lowercase_line_at_one_pitch_goes_on_in_its_row():
    rows = [
        [[(40, "TT"), (70, "Chỉ tiêu"), (230, "ĐVT"), (300, "Năm 2025")]],
        [[(40, "1"), (70, "Tỷ lệ hộ nghèo theo"), (230, "%"), (300, "3,5")]],
        [[(70, "chuẩn đa chiều")]],
        [[(40, "2"), (70, "Tỷ lệ che phủ rừng"), (230, "%"), (300, "65")]],
    ]  # fmt: skip
    lines = [_line(cells, 100 + i * (H + 6)) for i, (cells,) in enumerate(rows)]
    (table,) = find_tables(lines)
    assert [r[1].text for r in table.rows] == [
        "Chỉ tiêu", "Tỷ lệ hộ nghèo theo chuẩn đa chiều", "Tỷ lệ che phủ rừng"
    ]  # fmt: skip
