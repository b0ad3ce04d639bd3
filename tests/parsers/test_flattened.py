"""Tables that reach the text reader flattened, one cell after another, become `Table`s.

Two shapes (parsers/readers/flattened.py, normalizers/data/vi/table_layout.yaml):
stacked cells of a web page copied to text, and the `|`-opened cells of a legal site's
Markdown export. Fragments come from the dev corpus (`tests/corpus/dev/docs`, read from
the file) and the wild corpus (`../shared/corpus/wild`, file ids in the comments, copied
here byte for byte so the tests run without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.model import Line, Table
from parsers.readers.flattened import find_piped_tables, find_stacked_tables, stated_unit
from parsers.readers.text import text_to_blocks

DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev" / "docs"


def dev_lines(name: str, first: int, last: int) -> str:
    """Lines `first`..`last` (1-based, inclusive) of a dev-corpus document."""
    lines = (DEV / name).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[first - 1 : last]) + "\n"


def tables(text: str) -> list[Table]:
    return [b for b in text_to_blocks(text) if isinstance(b, Table)]


def rows(table: Table) -> list[list[str]]:
    return [r.texts() for r in table.rows]


# --- stacked cells (web pages) ------------------------------------------------------------

# Dev w5_huyen-cangio: blank-line separated cells, an 8-title header, rows at `1`…`4`,
# blank cells dropped (row 2) or written `-` (row 3).
CANGIO = dev_lines("w5_huyen-cangio-phuluc-2005-2010.txt", 5, 70)

# Wild 37dff70b (a standard's limits table behind a paywall, cut after its first row):
# bold titles, cells wrapped over two lines, the excerpt's `...` after it.
ASEN = """**Số TT**

**Chỉ tiêu**

**Đơn vị tính**

**Giới hạn tối đa cho phép**

1

Asen
(As)

mg/kg
(hoặc mg/l)

5

2

...

...

...

Bạn phải
"""


def test_a_header_run_gives_the_column_count():
    (cangio,) = tables(CANGIO)
    assert cangio.n_cols == 8
    assert rows(cangio)[0][:4] == ["Số TT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện 2005"]
    (asen,) = tables(ASEN)
    assert rows(asen)[0] == ["Số TT", "Chỉ tiêu", "Đơn vị tính", "Giới hạn tối đa cho phép"]


def test_rows_start_at_row_labels():
    (cangio,) = tables(CANGIO)
    assert [r[0] for r in rows(cangio)[1:]] == ["1", "2", "3", "4"]
    assert rows(cangio)[1] == [
        "1",
        "Tổng giá trị sản xuất (GCĐ.94)",
        "tỷ đồng",
        "2.482",
        "41,06",
        "5.114",
        "21,45",
        "",
    ]


def test_a_cell_spanning_lines_is_one_cell():
    (asen,) = tables(ASEN)
    assert rows(asen)[1] == ["1", "Asen (As)", "mg/kg (hoặc mg/l)", "5"]


def test_a_one_row_excerpt_is_a_table_and_what_follows_stays_text():
    blocks = text_to_blocks(ASEN)
    (asen,) = [b for b in blocks if isinstance(b, Table)]
    assert len(asen.rows) == 2
    assert "Bạn phải" in [b.text for b in blocks if isinstance(b, Line)]


def test_dropped_blank_cells_leave_a_shorter_row_aligned_by_kind():
    """Row 2 of Cần Giờ has a name and one word: the rest of its cells were blank."""
    (cangio,) = tables(CANGIO)
    row2 = rows(cangio)[2]
    assert row2[:2] == [
        "2",
        "Bê tông hóa đường nội ấp, liên ấp xây dựng hoàn thiện thiết chế văn hóa cơ sở .",
    ]
    assert row2.count("") == 5 and "Hoàn thành" in row2[2:]
    assert rows(cangio)[3] == [
        "3",
        "Phổ cập bậc trung học",
        "-",
        "-",
        "-",
        "hoàn thành",
        "-",
        "cuối 2007",
    ]


# Cần Giờ rows 2 and 6 as the page would give them with every blank cell kept as a line
# holding one space (see ../shared/gold/README.md) instead of dropped.
SPACED_ROWS = [
    (
        "2\n\nBê tông hóa đường nội ấp, liên ấp xây dựng hoàn thiện thiết chế văn hóa cơ sở .\n\n",
        ["", "", "", "Hoàn thành", "", ""],
    ),
    ("6\n\nTỷ lệ hộ khá ( chuẩn 20 tr )\n\n", ["%", "", "", "20 - 25", "", ""]),
]


@pytest.mark.parametrize(("start", "cells"), SPACED_ROWS)
def test_blank_cells_as_whitespace_lines_keep_their_column(start, cells):
    text = dev_lines("w5_huyen-cangio-phuluc-2005-2010.txt", 5, 305)
    head, rest = text.split(start, 1)
    label = start.split("\n")[0]
    after_row = rest[rest.index(f"\n\n{int(label) + 1}\n") :]
    spaced = head + start + "\n\n".join(c or " " for c in cells) + after_row
    (dropped,) = [r for r in rows(tables(text)[0]) if r[0] == label]
    (kept,) = [r for r in rows(tables(spaced)[0]) if r[0] == label]
    assert kept[2:] == cells
    assert dropped == kept  # written or dropped, a blank cell ends in the same place


def test_sub_rows_with_fewer_cells():
    """`19. Di dời dân | hộ | - | 1400 | - | (5 năm)`: five cells after the name for six
    columns; the number stays under `Dự kiến 2010`, the note under `Ghi chú`."""
    (cangio,) = tables(dev_lines("w5_huyen-cangio-phuluc-2005-2010.txt", 5, 282))
    (row,) = [r for r in rows(cangio) if r[0] == "19."]
    assert row[1:3] == ["Di dời dân", "hộ"]
    assert row[5] == "1400" and row[7] == "(5 năm)"


# --- piped cells (legal-site Markdown) ----------------------------------------------------

# Dev w4_tinh-sonla: bold titles, a merged title over five year columns, group rows
# (`I` / `CÂY CÔNG NGHIỆP`, `1` / `Cà Phê`) and `-` sub-rows.
SONLA = dev_lines("w4_tinh-sonla-kh-xuatkhau-2026-2030.md", 710, 800)

# Wild 551c9da0: titles in bold broken across lines, a group row under the header, cells
# wrapped over several lines.
TTHC = """*(Kèm theo Quyết định số 4014/QĐ-BTC ngày 01 tháng 12 năm 2025 của Bộ Tài
chính)*
|
**STT**
|
**Số hồ sơ TTHC**
|
**Tên thủ tục
hành chính bị bãi bỏ**
|
**Tên VBQPPL quy
định việc bãi bỏ thủ tục hành chính**
|
**Lĩnh vực**
|
**Cơ quan thực hiện**
|
**Số quyết định
đã công bố TTHC bị bãi bỏ**
|
|
**Thủ tục hành chính cấp trung ương**
|
|
1
|
1.007473
|
Thủ tục Đăng ký sửa
đổi chế độ Kế toán theo Thông tư số 200/2014/TT-BTC
hướng dẫn Chế độ kế toán doanh nghiệp
|
Thông tư số 99/2025/TT-BTC ngày 27/10/2025 của Bộ trưởng
Bộ Tài chính hướng dẫn chế độ kế toán doanh nghiệp
|
Kế toán
|
Cục Quản lý, giám
sát kế toán, kiểm toán
|
Quyết định số 2083/QĐ-BTC
ngày 29/09/2016
|
"""

# Wild 2d737276: a title box and `Đơn vị tính: Triệu đồng` (wrapped) in the same run of
# `|` lines as the table, whose header has no `STT`.
BTC = """|
**PHỤ LỤC**
HỆ BIỂU THU THẬP THÔNG TIN PHỤC VỤ BIÊN SOẠN CHỈ TIÊU TỔNG
SẢN PHẨM TRONG NƯỚC, CHỈ TIÊU TỔNG SẢN PHẨM TRÊN ĐỊA BÀN TỈNH, THÀNH PHỐ TRỰC
THUỘC TRUNG ƯƠNG SƠ BỘ QUÝ III, 9 THÁNG VÀ ƯỚC TÍNH QUÝ IV, NĂM 2025 ÁP DỤNG ĐỐI
VỚI ỦY BAN NHÂN DÂN TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG
*(Kèm theo Công văn số 17809/BTC-CTK ngày 17 tháng 11 năm 2025 của Bộ Tài
chính)*
*Đơn vị tính: Triệu
đồng*
|
**Chỉ tiêu**
|
**Mã số**
|
**Năm 2024**
|
**Năm 2025**
|
|
**6 tháng đầu năm**
|
**Quý III**
|
**9 tháng**
|
**Quý IV**
|
**cả năm**
|
**6 tháng đầu năm**
|
**Quý III**
|
**9 tháng**
|
**Quý IV**
|
**cả năm**
|
|
**A**
|
**B**
|
**1**
|
**2**
|
**3**
|
**4**
|
**5**
|
**6**
|
**7**
|
**8**
|
**9**
|
**10**
|
|
**TỔNG THU NSNN TRÊN ĐỊA BÀN (I+II+...+V)**
|
**1**
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
|
**I. Thu nội địa**
|
**2**
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
** **
|
|
Thu từ doanh nghiệp nhà nước (TW+ĐP)
|
3
|
|
|
|
|
|
|
|
|
|
|
|
"""


def test_piped_header_with_a_merged_title_and_group_rows():
    (sonla,) = tables(SONLA)
    assert sonla.n_cols == 9
    assert rows(sonla)[0][:5] == ["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030"]
    assert rows(sonla)[1][4:] == ["Năm 2026", "Năm 2027", "Năm 2028", "Năm 2029", "Năm 2030"]
    assert rows(sonla)[2] == ["I", "CÂY CÔNG NGHIỆP"] + [""] * 7
    assert rows(sonla)[4] == [
        "-",
        "Diện tích",
        "Ha",
        "26.120",
        "27.000",
        "27.500",
        "28.000",
        "29.000",
        "30.000",
    ]
    assert sonla.rows[0].cells[1].bold


def test_piped_bold_broken_across_lines_and_a_group_row_under_the_header():
    (tthc,) = tables(TTHC)
    header = tthc.rows[0]
    assert header.texts()[2] == "Tên thủ tục hành chính bị bãi bỏ"
    assert all(c.bold for c in header.cells)
    # the group row keeps its title in the first cell (not right-aligned as a sub-header)
    assert rows(tthc)[1] == ["Thủ tục hành chính cấp trung ương"] + [""] * 6
    assert rows(tthc)[2][:3] == [
        "1",
        "1.007473",
        "Thủ tục Đăng ký sửa đổi chế độ Kế toán theo Thông tư số 200/2014/TT-BTC "
        "hướng dẫn Chế độ kế toán doanh nghiệp",
    ]


def test_a_title_box_in_the_same_run_is_not_the_header_and_the_unit_above_applies():
    blocks = text_to_blocks(BTC)
    (btc,) = [b for b in blocks if isinstance(b, Table)]
    assert rows(btc)[0][:4] == ["Chỉ tiêu", "Mã số", "Năm 2024", "Năm 2025"]
    assert btc.unit == "Triệu đồng"
    assert any(isinstance(b, Line) and b.text.startswith("PHỤ LỤC") for b in blocks)


@pytest.mark.parametrize(
    ("lines", "unit"),
    [
        # dev w1_tinh-langson: the unit line, then the table's lone `|` lines
        (["**Đơn vị tính: Triệu đồng*", "", "|"], "Triệu đồng"),
        # wild 2d737276: the unit wrapped by the export
        (["*Đơn vị tính: Triệu", "đồng*", "|"], "Triệu đồng"),
        # wild d6ce705d: a unit of inspections
        (["Đơn vị tính: lần/phòng", "", "|"], "lần/phòng"),
        # wild 6bdbdeb0: a form's blank unit is no unit
        (["* Đơn vị tính:……………*", "", "|"], None),
    ],
)
def test_the_unit_stated_above_a_table(lines, unit):
    assert stated_unit(lines, len(lines) - 1) == unit


# --- what must not become a table ---------------------------------------------------------

# Wild fcf5e41b: the title block of a decision, a layout box of `|` lines.
TITLE_BOX = """|
**BỘ NÔNG NGHIỆP
VÀ **
MÔI TRƯỜNG
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 4321/QĐ-BNNMT
|
Hà Nội, ngày 20 tháng 11 năm 2025
|
"""


@pytest.mark.parametrize(
    "text",
    [
        TITLE_BOX,
        dev_lines("w5_phuong-chilang-chitieu-2025.txt", 1, 12),  # `(1).`… prose list
        dev_lines("w5_xa-ducgiang-ketqua-2021.txt", 1, 30),  # `1.`, `a.`, `-` paragraphs
    ],
    ids=["title-box", "numbered-list", "report-paragraphs"],
)
def test_prose_and_layout_boxes_are_not_tables(text):
    lines = text.split("\n")
    assert find_piped_tables(lines) == [] and find_stacked_tables(lines) == []
    assert tables(text) == []


def test_a_numbered_list_of_short_lines_under_stt_like_words_is_not_a_table():
    """Short numbered lines with no run of column titles (a list of units) stay prose."""
    text = "TT\n1\nXã Đức Giang\n2\nXã Đức Lĩnh\n3\nXã Đức Hương\n"
    assert tables(text) == []
