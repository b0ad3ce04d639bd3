"""Headings that group prose target lists: bold `(n)` titles, a topic heading with its
first item on the same line, italic labels (fragments of dev and wild documents)."""

from __future__ import annotations

import pytest

from parsers.model import Document, Line
from parsers.structure import build_structure, rejoined
from parsers.structure.sections import heading_with_item, line_heading


@pytest.mark.parametrize(
    ("text", "label", "title"),
    [
        ("(2) Nghị quyết 70-NQ/TW năm 2025", "(2)", "Nghị quyết 70-NQ/TW năm 2025"),  # dev
        ("(3) Tầm nhìn đến năm 2045", "(3)", "Tầm nhìn đến năm 2045"),  # dev
        ("(ii) Hội nhập quốc tế về chính trị", "(ii)", "Hội nhập quốc tế về chính trị"),  # dev
    ],
)
def test_a_bold_numbered_title_is_a_heading(text, label, title):
    heading = line_heading(text, bold=True, heading_level=None)
    assert (heading.label, heading.title) == (label, title)
    # the same line in plain text is a list item
    assert line_heading(text, bold=False, heading_level=None) is None


@pytest.mark.parametrize(
    "text",
    [
        "(1) Nội dung công khai, minh bạch trong đầu tư công bao gồm:",  # dev: ends like an intro
        "(2) Tỷ lệ hộ nghèo giảm còn dưới 1,5%.",  # a sentence
    ],
)
def test_a_bold_numbered_sentence_is_no_heading(text):
    assert line_heading(text, bold=True, heading_level=None) is None


@pytest.mark.parametrize(
    ("text", "label", "title", "body"),
    [
        (  # dev: Hà Tĩnh pre-school plan
            "d) Đối với cha mẹ trẻ em: Phấn đấu 100% cha mẹ trẻ em được phổ biến kiến thức.",
            "d)",
            "Đối với cha mẹ trẻ em",
            "Phấn đấu 100% cha mẹ trẻ em được phổ biến kiến thức.",
        ),
        (  # shape of wild plans: `b) Về giáo dục: …`
            "2. Về giáo dục: Tỷ lệ trường đạt chuẩn quốc gia đạt 80%.",
            "2",
            "Về giáo dục",
            "Tỷ lệ trường đạt chuẩn quốc gia đạt 80%.",
        ),
    ],
)
def test_a_topic_heading_with_its_first_item(text, label, title, body):
    heading, rest = heading_with_item(text)
    assert (heading.label, heading.title, rest) == (label, title, body)


@pytest.mark.parametrize(
    "text",
    [
        "1. Tốc độ tăng trưởng kinh tế: 8%.",  # a metric, not a topic
        "(1) Về việc phê duyệt Chương trình: Các Bộ, cơ quan triển khai.",  # wild: no figure
        "1. Về nội dung:",  # wild: a heading alone
    ],
)
def test_no_topic_heading_with_an_item(text):
    assert heading_with_item(text) is None


def _structure(lines: list[tuple[str, bool, bool]]):
    blocks = [
        Line(text=t, line_start=n, line_end=n, bold=b, italic=i)
        for n, (t, b, i) in enumerate(lines, start=1)
    ]
    return build_structure(Document(source_path="x.md", format="md", blocks=blocks))


def test_targets_sit_in_their_numbered_sections():
    got = _structure(
        [
            ("KẾ HOẠCH", True, False),
            ("II. CHỈ TIÊU XUẤT KHẨU ĐẾN NĂM 2030", True, False),
            ("1. Sản phẩm tham gia xuất khẩu", True, False),
            ("*a) Sản phẩm nông sản, thực phẩm", False, True),  # dev: the reader left a `*`
            ("*Tổng sản phẩm trái cây tham gia xuất khẩu đạt trên 46.200 tấn", False, True),
            (
                "d) Đối với cha mẹ trẻ em: Phấn đấu 100% cha mẹ trẻ em được phổ biến kiến thức.",
                False,
                False,
            ),
        ]
    )
    labels = {s.section_id: s.label for s in got.sections}
    assert [s.label for s in got.sections] == ["II", "1", "a)", "d)"]
    assert [(labels[i.section_id], i.label) for i in got.indicators] == [("a)", None), ("d)", "d)")]


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        (  # dev: Đồng Nai, the figure on the next line
            "(10) Tỷ lệ bệnh viện triển khai bệnh án điện tử đạt",
            "100%;",
            "(10) Tỷ lệ bệnh viện triển khai bệnh án điện tử đạt 100%;",
        ),
        (  # dev: Sơn La, a range broken before its dash
            "+ Tổng giá trị đạt 30,2 triệu USD, tốc độ tăng bình quân 05",
            "- 06%/năm. Thị trường định hướng xuất khẩu: Trung Quốc.",
            "+ Tổng giá trị đạt 30,2 triệu USD, tốc độ tăng bình quân 05 - 06%/năm. "
            "Thị trường định hướng xuất khẩu: Trung Quốc.",
        ),
    ],
)
def test_a_line_split_inside_a_figure_is_joined(first, second, joined):
    blocks = [Line(first, 1, 1), Line(second, 2, 2)]
    assert [b.text for b in rejoined(blocks)] == [joined]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("(9) Tỷ lệ doanh nghiệp đạt 100%;", "(10) Tỷ lệ bệnh viện đạt 100%;"),  # a sentence end
        ("- Tổng giá trị sản phẩm đạt 5 tỷ đồng", "- Sản lượng lúa đạt 300 tấn"),  # a new bullet
    ],
)
def test_separate_lines_stay_apart(first, second):
    assert len(rejoined([Line(first, 1, 1), Line(second, 2, 2)])) == 2


def test_lines_apart_in_the_source_stay_apart():
    assert len(rejoined([Line("Tỷ lệ đạt", 1, 1), Line("100%;", 3, 3)])) == 2
