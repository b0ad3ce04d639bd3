"""The text reader on real fragments of the samples (and the shapes exports take)."""

from __future__ import annotations

import unicodedata

import pytest

from parsers.model import Line, Table
from parsers.readers.text import text_to_blocks


def lines(blocks):
    return [b for b in blocks if isinstance(b, Line)]


def tables(blocks):
    return [b for b in blocks if isinstance(b, Table)]


def test_tab_rows_form_one_table_with_line_provenance():
    text = "Tiêu đề\n\nTT\tChỉ tiêu\tMục tiêu\n1\tTỷ lệ hộ nghèo\tDưới 3%\n2\tThu nhập\t50,4 triệu đồng\n"
    (table,) = tables(text_to_blocks(text))
    assert [r.texts() for r in table.rows] == [
        ["TT", "Chỉ tiêu", "Mục tiêu"],
        ["1", "Tỷ lệ hộ nghèo", "Dưới 3%"],
        ["2", "Thu nhập", "50,4 triệu đồng"],
    ]
    assert [(r.line_start, r.line_end) for r in table.rows] == [(3, 3), (4, 4), (5, 5)]


def test_repeated_header_after_page_break_is_dropped_and_fragment_merged():
    # Sample 000: the header repeats after the break, then the tail of row 5's cell.
    text = (
        "TT\tChỉ tiêu\tMục tiêu\tĐơn vị chủ trì\tGiai đoạn 1\n"
        "5\tTỷ lệ trường học đạt chuẩn quốc gia.\tĐạt 100%.\tPhòng Văn hóa - Xã hội\tRà soát trường đạt chuẩn và\n"
        "\n"
        "TT\tChỉ tiêu\tMục tiêu\tĐơn vị chủ trì\tGiai đoạn 1\n"
        "\t\t\t\tnhu cầu đầu tư\n"
        "6\tTỷ lệ dân số tham gia bảo hiểm y tế.\tĐạt trên 96%.\tPhòng Văn hóa - Xã hội\tRà soát\n"
    )
    (table,) = tables(text_to_blocks(text))
    assert len(table.rows) == 3
    assert table.rows[1].cells[4].text == "Rà soát trường đạt chuẩn và nhu cầu đầu tư"
    assert (table.rows[1].line_start, table.rows[1].line_end) == (2, 5)


def test_two_level_header_repeat_with_typo_is_dropped():
    # Sample 004: the repeated header has "chi tiêu" for "chỉ tiêu".
    text = (
        "TT\tNội dung chỉ tiêu năm 2024\tNăm 2024\t\n"
        "\t\tKế hoạch\tKết quả\n"
        "1\tLượng khách du lịch\t94.800 lượt người\t97.000 lượt người\n"
        "\n"
        "TT\tNội dung chi tiêu năm 2024\tNăm 2024\t\n"
        "\t\tKế hoạch\tKết quả\n"
        "2\tDoanh thu du lịch\t47,4 tỷ đồng\t48,5 tỷ đồng\n"
    )
    (table,) = tables(text_to_blocks(text))
    assert [r.cells[0].text for r in table.rows] == ["TT", "", "1", "2"]


def test_cell_continued_on_next_page_in_the_name_column():
    # Sample 001: "... môi trường đầu tư kinh" / "doanh" split by the page break.
    text = (
        "TT\tTiêu chí\tChỉ tiêu\n"
        "<b>V</b>\t<b>Kết quả hỗ trợ doanh nghiệp và cải thiện môi trường đầu tư kinh</b>\tĐạt\n"
        "\n"
        "\tdoanh\t\n"
        "<b>1</b>\t<b><i>Tính năng động</i></b>\t\n"
    )
    (table,) = tables(text_to_blocks(text))
    assert table.rows[1].cells[1].text.endswith("đầu tư kinh doanh")
    assert table.rows[1].cells[0].bold and table.rows[2].cells[1].italic


def test_lone_row_without_page_break_is_a_row():
    text = "TT\tTiêu chí\tĐiểm\n<b>VI</b>\t<b>Điểm thưởng</b>\t10\n\tHội đồng đánh giá cho điểm\t\n"
    (table,) = tables(text_to_blocks(text))
    assert len(table.rows) == 3


def test_markdown_headings_bold_runs_and_glued_bold_spans():
    text = "## **II. MỘT SỐ CHỈ TIÊU**\n\n**I. MỤC ĐÍCH, YÊU CẦU****1. Mục đích**\n\n**1.** Giao các thành viên\n"
    got = lines(text_to_blocks(text))
    assert [(ln.text, ln.bold, ln.heading_level) for ln in got] == [
        ("II. MỘT SỐ CHỈ TIÊU", True, 2),
        ("I. MỤC ĐÍCH, YÊU CẦU", True, None),
        ("1. Mục đích", True, None),
        ("1. Giao các thành viên", False, None),
    ]


def test_multiline_bold_title_is_one_line():
    text = "**Thẩm định thực hiện mục tiêu phát triển Kinh tế - Xã hội,  \nnhiệm vụ trọng tâm năm 2023  \ntrên địa bàn xã Cẩm Lương**\n"
    (line,) = lines(text_to_blocks(text))
    assert line.bold and line.text.endswith("trên địa bàn xã Cẩm Lương")
    assert (line.line_start, line.line_end) == (1, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Sample 003: PDF hard wraps with blank lines between, a stray page number inside.
        (
            "- Về công tác giảm nghèo: Thực hiện lồng ghép có hiệu quả nguồn vốn để \n\n"
            "đầu tư, hỗ trợ sản xuất, tạo việc làm, giúp người nghèo vươn lên thoát nghèo bền \n"
            "5 \nvững. Tổ chức rà soát.\n",
            [
                "- Về công tác giảm nghèo: Thực hiện lồng ghép có hiệu quả nguồn vốn để đầu tư, "
                "hỗ trợ sản xuất, tạo việc làm, giúp người nghèo vươn lên thoát nghèo bền vững. "
                "Tổ chức rà soát."
            ],
        ),
        # A wrapped line ending mid-sentence continues even before a capital (a name).
        (
            "Thực hiện Nghị quyết số 06-NQ/ĐU ngày 15/12/2025 của Đảng ủy xã Cao \n\nMinh về mục tiêu.\n",
            [
                "Thực hiện Nghị quyết số 06-NQ/ĐU ngày 15/12/2025 của Đảng ủy xã Cao Minh về mục tiêu."
            ],
        ),
        # A short line is a heading; the list item after a sentence end starts anew.
        (
            "- Về Lao động, việc làm \n Đẩy mạnh công tác đào tạo nghề.\n\n(7) Kế hoạch.\n",
            ["- Về Lao động, việc làm", "Đẩy mạnh công tác đào tạo nghề.", "(7) Kế hoạch."],
        ),
        # A paragraph cut without punctuation does not swallow the next numbered item.
        (
            "(6) Tạo lập môi trường xanh, sạch, đẹp; duy trì,\n\n(7) Kế hoạch thực hiện.\n",
            ["(6) Tạo lập môi trường xanh, sạch, đẹp; duy trì,", "(7) Kế hoạch thực hiện."],
        ),
    ],
)
def test_hard_wraps_are_rejoined(text, expected):
    assert [ln.text for ln in lines(text_to_blocks(text))] == expected


def test_decomposed_unicode_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo\tDưới 3%\n")
    (table,) = tables(text_to_blocks(decomposed))
    assert table.rows[0].cells[0].text == unicodedata.normalize("NFC", "Tỷ lệ hộ nghèo")


def test_pipe_table():
    text = "| TT | Chỉ tiêu | Mục tiêu |\n|---|---|---|\n| 1 | Tỷ lệ che phủ rừng | 65% |\n"
    (table,) = tables(text_to_blocks(text))
    assert [r.texts() for r in table.rows] == [
        ["TT", "Chỉ tiêu", "Mục tiêu"],
        ["1", "Tỷ lệ che phủ rừng", "65%"],
    ]


def test_table_copied_from_a_web_page_one_cell_per_line():
    text = "TT\nChỉ tiêu\nĐơn vị tính\nKế hoạch\n1\nTỷ lệ hộ nghèo\n%\n< 3\n2\nSố DN hoạt động\nDN\n23\nGhi chú cuối.\n"
    blocks = text_to_blocks(text)
    (table,) = tables(blocks)
    assert [r.texts() for r in table.rows] == [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"],
        ["1", "Tỷ lệ hộ nghèo", "%", "< 3"],
        ["2", "Số DN hoạt động", "DN", "23"],
    ]
    assert lines(blocks)[0].text == "Ghi chú cuối."


def test_indicator_list_run_together_on_one_line():
    text = "(1) Thu ngân sách tăng 12,5%; (2) Tổng giá trị sản phẩm tăng 12-14%; (3) Tỷ lệ hộ nghèo dưới 3%.\n"
    got = [ln.text for ln in lines(text_to_blocks(text))]
    assert got == [
        "(1) Thu ngân sách tăng 12,5%",
        "(2) Tổng giá trị sản phẩm tăng 12-14%",
        "(3) Tỷ lệ hộ nghèo dưới 3%.",
    ]


def test_a_lone_quoted_marker_is_not_split():
    text = "Thực hiện theo khoản (2) Điều 5 của Nghị định.\n"
    assert [ln.text for ln in lines(text_to_blocks(text))] == [text.strip()]
