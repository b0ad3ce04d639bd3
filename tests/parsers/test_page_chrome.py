"""Page numbers and site chrome (date lines, view counters, breadcrumbs, share bars) are
no text of the document: the text reader drops them (normalizers/data/vi/page_chrome.yaml),
and the plausibility gate drops any that still names an indicator."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.model import Line
from parsers.readers.text import is_site_chrome, text_to_blocks

DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev" / "docs"


def line_texts(text: str) -> list[str]:
    return [b.text for b in text_to_blocks(text) if isinstance(b, Line)]


@pytest.mark.parametrize(
    "line",
    [
        "Thứ Ba, ngày 27 tháng 9 năm 2022",  # dev w5_huyen-cangio: the page's date line
        "Thứ ba, 28/10/2008, 16:29 GMT+7",  # wild ac1f48fb: a news page's date stamp, cited
        "Chủ nhật, 05/03/2023 08:30 (GMT+7)",
        "Lượt xem: 1.234",
        "Số lượt truy cập: 56789",
        "Trang chủ > Tin tức > Kinh tế",
        "In bài | Gửi email | Chia sẻ",
        "**Cập nhật lúc 08:30 ngày 12/03/2024**",
    ],
)
def test_site_chrome_lines_are_recognised(line):
    assert is_site_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Hà Nội, ngày 5 tháng 3 năm 2024",  # a document's own date line names a place
        "Lạng Sơn, ngày 20 tháng 10 năm 2025",
        "Thứ tự ưu tiên các dự án năm 2025",
        "- Tổng đàn trâu, bò 1.095 con",  # dev w5_xa-ducgiang
        "Tỷ lệ người dân truy cập Internet đạt 80%",
        "Cập nhật cơ sở dữ liệu dân cư",
    ],
)
def test_content_lines_are_not_chrome(line):
    assert not is_site_chrome(line)


def test_the_page_date_line_of_a_web_page_is_dropped_and_the_title_kept():
    text = (DEV / "w5_huyen-cangio-phuluc-2005-2010.txt").read_text(encoding="utf-8")
    head = "\n".join(text.split("\n")[:4]) + "\n"
    assert line_texts(head) == [
        "Phụ lục 2 - Biểu tổng hợp dự kiến các chỉ tiêu nhiệm vụ phát triển kinh tế - xã hội"
        " 5 năm (2005 – 2010)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sample 003: a page number between two halves of a wrapped sentence
        (
            "giúp người nghèo vươn lên thoát nghèo bền \n5 \nvững. Tổ chức rà soát.\n",
            ["giúp người nghèo vươn lên thoát nghèo bền vững. Tổ chức rà soát."],
        ),
        # the `- 12 -` form of the same
        (
            "giúp người nghèo vươn lên thoát nghèo bền \n- 12 -\nvững. Tổ chức rà soát.\n",
            ["giúp người nghèo vươn lên thoát nghèo bền vững. Tổ chức rà soát."],
        ),
    ],
)
def test_page_numbers_are_dropped(text, expected):
    assert line_texts(text) == expected


def test_a_number_with_its_words_is_no_page_number():
    assert line_texts("Tổng số hộ nghèo\n\n125 hộ\n") == ["Tổng số hộ nghèo", "125 hộ"]
