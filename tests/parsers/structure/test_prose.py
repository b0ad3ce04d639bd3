"""Prose indicators on real sentences of the samples (and shapes like them)."""

from __future__ import annotations

from itertools import count

import pytest

from parsers.model import Line
from parsers.structure.prose import ProseReader, split_clauses


def read(text: str, *, target_zone: bool = True):
    ids = count(1)
    reader = ProseReader(lambda: f"i{next(ids):03d}")
    out = []
    for n, part in enumerate(text.split("\n"), start=1):
        line = Line(text=part, line_start=n, line_end=n)
        out.extend(
            reader.read_item(line, section_id="s1", responsible=None, target_zone=target_zone)
        )
    return out


def summary(indicators):
    by_id = {i.indicator_id: i for i in indicators}
    rows = []
    for i in indicators:
        qs = [q for c in i.cells for q in c.quantities]
        parent = by_id[i.parent_indicator_id].name if i.parent_indicator_id else None
        rows.append(
            (
                i.name,
                parent,
                [
                    (q.kind, q.value if q.kind != "range" else (q.value_min, q.value_max), q.unit)
                    for q in qs
                ],
            )
        )
    return rows


def test_clauses_split_on_sentences_semicolons_and_trong_do():
    clauses = split_clauses(
        "Tỷ lệ lao động qua đào tạo đạt trên 70%, trong đó có bằng cấp, chứng chỉ đạt 29% trở lên; "
        "Số lao động được giải quyết việc làm là 400. Tốc độ tăng dân số bình quân đạt 1%."
    )
    assert [c.relation for c in clauses] == ["first", "sub", "sibling", "sentence"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "(1) Hàng năm, thu ngân sách trên địa bàn tăng bình quân 12,5 (%/năm).",
            [("Thu ngân sách trên địa bàn", None, [("number", 12.5, "%")])],
        ),
        (
            "- Diện tích trồng rừng đạt 40ha trở lên; tỷ lệ che phủ rừng đạt 52%.",
            [
                ("Diện tích trồng rừng", None, [("bound", 40.0, "ha")]),
                ("Tỷ lệ che phủ rừng", None, [("number", 52.0, "%")]),
            ],
        ),
        (
            "- Duy trì 04 hợp tác xã hiện có và thành lập mới từ 01 HTX trở lên.",
            [
                ("Hợp tác xã hiện có", None, [("number", 4.0, "cooperative")]),
                ("Thành lập mới", None, [("bound", 1.0, "cooperative")]),
            ],
        ),
        (
            "(18) Đến năm 2030, có trên 85% hồ sơ thủ tục hành chính trực tuyến.",
            [("Hồ sơ thủ tục hành chính trực tuyến", None, [("bound", 85.0, "%")])],
        ),
        (
            "(21) Hằng năm, giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn, tỷ lệ phá án đạt trên 80% trở lên.",
            [("Tỷ lệ phá án", None, [("bound", 80.0, "%")])],
        ),
        (
            "- Thực hiện tốt công tác tuyển chọn, gọi công dân nhập ngũ năm 2026; giao quân đủ 100% chỉ tiêu, không phải bù đổi;",
            [("Giao quân đủ chỉ tiêu", None, [("number", 100.0, "%")])],
        ),
    ],
)
def test_names_and_values(text, expected):
    assert summary(read(text)) == expected


def test_group_prefix_becomes_parent_of_its_parts():
    got = summary(
        read(
            "- Cơ cấu kinh tế: Nông, lâm nghiệp, thủy sản 87%; Công nghiệp, xây dựng 3%; Dịch vụ 10%."
        )
    )
    assert got == [
        ("Cơ cấu kinh tế", None, []),
        ("Nông, lâm nghiệp, thủy sản", "Cơ cấu kinh tế", [("number", 87.0, "%")]),
        ("Công nghiệp, xây dựng", "Cơ cấu kinh tế", [("number", 3.0, "%")]),
        ("Dịch vụ", "Cơ cấu kinh tế", [("number", 10.0, "%")]),
    ]


def test_topic_label_before_targets_that_state_themselves_is_no_parent():
    # Sample 003: `Chăn nuôi :` names a topic; each target says `… đạt N con` itself.
    got = summary(
        read(
            "- Chăn nuôi : Tổng đàn lợn đạt 13.120 con (cả xuất bán và giết mổ); "
            "Đàn dê đạt 1.450 con (cả xuất bán và giết mổ)"
        )
    )
    assert got == [
        ("Tổng đàn lợn", None, [("number", 13_120.0, "head")]),
        ("Đàn dê", None, [("number", 1_450.0, "head")]),
    ]


def test_plus_items_hang_under_the_previous_numbered_item():
    got = summary(
        read(
            "(2) Tổng giá trị sản phẩm trên địa bàn tăng bình quân 12-14(%/năm); trong đó:\n"
            "+ Khu vực nông, lâm, thủy sản tăng 1,5-2(%);\n"
            "+ Khu vực dịch vụ tăng 13-15(%)."
        )
    )
    assert [(n, p) for n, p, _ in got] == [
        ("Tổng giá trị sản phẩm trên địa bàn", None),
        ("Khu vực nông, lâm, thủy sản", "Tổng giá trị sản phẩm trên địa bàn"),
        ("Khu vực dịch vụ", "Tổng giá trị sản phẩm trên địa bàn"),
    ]
    assert got[1][2] == [("range", (1.5, 2.0), "%")]


def test_trong_do_is_a_sub_indicator():
    got = summary(
        read(
            "- Tỷ lệ lao động qua đào tạo đạt trên 70%, trong đó có bằng cấp, chứng chỉ đạt 29% trở lên;"
        )
    )
    assert got[1][1] == "Tỷ lệ lao động qua đào tạo"


def test_numbers_that_are_not_targets_are_ignored():
    text = (
        "(5) Tổ chức các hoạt động kỷ niệm 80 năm ngày thành lập lực lượng vũ trang (20/11/1946 - 20/11/2026); "
        "tiếp nhận hồ sơ theo các Quyết định số 49/QĐ-TTg, số 62/QĐ-TTg.\n"
        "- Tổ chức sơ kết 6 tháng, tổng kết cuối năm.\n"
        "- Thực hiện thành công 27 Đề án 06 của Chính phủ."
    )
    assert read(text, target_zone=False) == []


def test_a_numbered_target_without_a_number_is_kept_in_a_targets_zone():
    text = "(14) Phần đầu đạt và vượt chỉ tiêu về xây dựng nông thôn mới giai đoạn 2026 - 2030 được thành phố giao."
    (ind,) = read(text, target_zone=True)
    assert "nông thôn mới" in ind.name
    assert read(text, target_zone=False) == []


def test_parent_whose_figures_follow_in_an_aside():
    text = (
        "(3) Đến năm 2030, giá trị sản phẩm trên 1 ha đất trồng trọt và chăn nuôi thủy sản đạt triệu đồng/ha/năm. "
        "(Đất trồng trọt đạt 150 triệu/ha/năm; đất nuôi trồng thủy sản: 150 - 200 triệu/ha)"
    )
    indicators = read(text)
    got = summary(indicators)
    # `Đến năm 2030` dates the parent and the figures in its aside
    assert [i.period_hint for i in indicators] == ["2030", "2030", "2030"]
    assert [(n, p) for n, p, _ in got] == [
        ("Giá trị sản phẩm trên 1 ha đất trồng trọt và chăn nuôi thủy sản", None),
        ("Đất trồng trọt", "Giá trị sản phẩm trên 1 ha đất trồng trọt và chăn nuôi thủy sản"),
        (
            "Đất nuôi trồng thủy sản",
            "Giá trị sản phẩm trên 1 ha đất trồng trọt và chăn nuôi thủy sản",
        ),
    ]
    assert got[1][2] == [("number", 150_000_000.0, "VND/ha/year")]


def test_report_phrasing_gives_roles():
    ids = count(1)
    reader = ProseReader(lambda: f"i{next(ids):03d}", default_role="actual")
    line = Line(
        text="- Tổng thu ngân sách trên địa bàn ước đạt 12,5 tỷ đồng, đạt 105% kế hoạch, tăng 8% so với cùng kỳ.",
        line_start=1,
        line_end=1,
    )
    (ind,) = reader.read_item(line, section_id=None, responsible=None, target_zone=False)
    assert ind.name == "Tổng thu ngân sách trên địa bàn"
    got = [(c.role, [(q.value, q.unit) for q in c.quantities]) for c in ind.cells]
    assert got == [
        ("actual", [(12_500_000_000.0, "VND")]),
        ("ratio_to_plan", [(105.0, "%")]),
        ("ratio_to_previous", [(8.0, "%")]),
    ]


def test_a_period_stated_without_a_figure_dates_the_clauses_after_it():
    # Sample 002: the sentence's head clause has no figure; its `Đến năm 2030` still holds.
    text = (
        "(4) Đến năm 2030, người dân được miễn viện phí ở mức cơ bản; 100% trạm y tế cấp xã "
        "được đầu tư cơ sở vật chất."
    )
    (indicator,) = read(text)
    assert indicator.period_hint == "2030"
