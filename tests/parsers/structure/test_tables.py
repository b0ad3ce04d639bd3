"""Table structure rules on real fragments of the samples."""

from __future__ import annotations

import pytest

from parsers.readers.text import text_to_blocks
from parsers.structure.sections import SectionTracker
from parsers.structure.tables import (
    find_header,
    header_texts,
    header_to_columns,
    period_of_header,
    table_to_indicators,
)


def read_table(text: str):
    (table,) = [b for b in text_to_blocks(text) if not hasattr(b, "heading_level")]
    tracker = SectionTracker()
    ids = iter(range(1, 1000))
    indicators = table_to_indicators(table, tracker, lambda: f"i{next(ids):03d}")
    return table, tracker, indicators


@pytest.mark.parametrize(
    ("header", "role", "period"),
    [
        ("Mục tiêu", "target", None),
        ("Kết quả thực hiện năm 2023", "actual", "2023"),
        ("Năm 2024 / Kế hoạch", "plan", "2024"),
        ("Năm 2024 / Kết quả", "actual", "2024"),
        ("Đánh giá TH/KH năm 2024 (%)", "ratio_to_plan", "2024"),
        ("Đánh giá TH 2024/TH 2023 (%)", "ratio_to_previous", "2024"),
        ("KH năm 2025", "plan", "2025"),
        ("NQ Đại hội (đến năm 2025)", "resolution_target", "2025"),
        ("Ghi chú (Làm rõ một số mục tiêu năm 2025)", "note", "2025"),
        ("Đơn vị chủ trì", "responsible", None),
        ("Đơn vị tham mưu thực hiện", "responsible", None),
        ("Đơn vị Tính", "unit", None),
        ("Điểm chuẩn tối đa UBND xã, thị trấn", "score", None),
        ("Tiến độ, kết quả Giai đoạn 3", "milestone", "giai_doan_3"),
        ("Thời gian thực hiện", "timing", None),
    ],
)
def test_column_roles_and_periods_from_headers(header, role, period):
    report = header_to_columns(["TT", "Nội dung chỉ tiêu", header, "Kết quả"])
    column = report[2]
    assert column.role == role
    assert column.period == period


def test_plan_column_of_a_plan_is_the_target():
    cols = header_to_columns(
        ["Số TT", "Nội dung Chỉ tiêu", "Đơn vị Tính", "Kế hoạch 5 năm 2026 - 2030"]
    )
    assert [c.role for c in cols] == ["label", "name", "unit", "target"]
    assert cols[3].period == "2026-2030"


def test_name_column_is_the_first_text_column():
    # Sample 001: "Tiêu chí" names the row, "Chỉ tiêu, nhiệm vụ" holds the target.
    cols = header_to_columns(
        ["TT", "Tiêu chí", "Chỉ tiêu, nhiệm vụ", "Điểm chuẩn tối đa", "Ghi chú"]
    )
    assert [c.role for c in cols] == ["label", "name", "target", "score", "note"]


def test_two_level_header_is_joined():
    text = (
        "TT\tNội dung chỉ tiêu năm 2024\tKết quả thực hiện năm 2023\tNăm 2024\t\tKH năm 2025\n"
        "\t\t\tKế hoạch\tKết quả\t\n"
        "1\tLượng khách du lịch\t79.000 lượt người\t94.800 lượt người\t97.000 lượt người\t200.000 lượt người\n"
    )
    table, _, (indicator,) = read_table(text)
    assert find_header(table) == 2
    assert header_texts(table, 2)[3:5] == ["Năm 2024 / Kế hoạch", "Năm 2024 / Kết quả"]
    assert [(c.role, c.period, c.raw) for c in indicator.cells] == [
        ("actual", "2023", "79.000 lượt người"),
        ("plan", "2024", "94.800 lượt người"),
        ("actual", "2024", "97.000 lượt người"),
        ("plan", "2025", "200.000 lượt người"),
    ]


SAMPLE_002 = (
    "Số TT\tNội dung Chỉ tiêu\tĐơn vị Tính\tKế hoạch 5 năm 2026 - 2030\tĐơn vị tham mưu thực hiện\n"
    "<b>I. Nhóm chỉ tiêu kinh tế</b>\t\t\t\t\n"
    "1\t- Hằng năm Thu ngân sách trên địa bàn tăng bình quân\t%\t12,5\t<b>Phòng Kinh tế</b>\n"
    "2\tTổng giá trị sản phẩm tăng bình quân\t%\t12-14\t\n"
    "\t- Khu vực nông nghiệp, thủy sản\t%\t1,5-2\t\n"
    "5\t- Số DN hoạt động trên địa bàn\tDN\t23\t\n"
    "\t- Số cơ sở SXKD chuyển đổi thành DN\tSố DN/1000 dân\t3\t\n"
    "<b>II. Nhóm chỉ tiêu về văn hóa - xã hội</b>\t\t\t\t\n"
    "7\tTỷ lệ hộ nghèo theo chuẩn nghèo đa chiều đến năm 2030\t%\t< 3\t<b>Phòng Kinh tế</b>\n"
    "\t- Đến năm 2030, có ít nhất một nhà đa năng cho mỗi cấp học.\tNhà\t01\t<b>Phòng Văn hóa - Xã hội</b>\n"
)


def test_group_rows_sections_dash_rows_parents_and_carried_units():
    _, tracker, inds = read_table(SAMPLE_002)
    assert [(s.label, s.title, s.domain) for s in tracker.sections] == [
        ("I", "Nhóm chỉ tiêu kinh tế", "kinh_te"),
        ("II", "Nhóm chỉ tiêu về văn hóa - xã hội", "van_hoa_xa_hoi"),
    ]
    by_name = {i.name: i for i in inds}
    assert [i.label for i in inds] == ["1", "2", "-", "5", "-", "7", "-"]
    assert by_name["Hằng năm Thu ngân sách trên địa bàn tăng bình quân"].parent_indicator_id is None
    child = by_name["Khu vực nông nghiệp, thủy sản"]
    assert child.parent_indicator_id == by_name["Tổng giá trị sản phẩm tăng bình quân"].indicator_id
    # A numbered "- item" opens no parent: its dash siblings stay top level.
    assert by_name["Số cơ sở SXKD chuyển đổi thành DN"].parent_indicator_id is None
    # The responsible unit is written once for its block of rows.
    assert by_name["Số DN hoạt động trên địa bàn"].responsible_unit == "Phòng Kinh tế"
    assert by_name["Đến năm 2030, có ít nhất một nhà đa năng cho mỗi cấp học"].responsible_unit == (
        "Phòng Văn hóa - Xã hội"
    )
    assert by_name["Số cơ sở SXKD chuyển đổi thành DN"].cells[0].unit_hint == "Số DN/1000 dân"


SAMPLE_001 = (
    "TT\tTiêu chí\tChỉ tiêu, nhiệm vụ\tĐiểm chuẩn tối đa UBND xã, thị trấn\tThời gian thực hiện\tGhi chú\n"
    "<b>II</b>\t<b>Kết quả thực hiện nhiệm vụ quản lý nhà nước</b>\t\t<b>41</b>\t<b>Năm 2023</b>\t\n"
    "<b>1,2</b>\t<b><i>Quản lý nhà nước về công thương</i></b>\t\t<b>1</b>\t\t\n"
    "-\t<i>Về thương mại, dịch vụ</i>\t\t0,5\t\t\n"
    "+\t<i>Phát triển thị trường</i>\tThực hiện có hiệu quả việc phát triển thị trường\t0,3\t\t\n"
    "<b>1,5</b>\t<b><i>Quản lý nhà nước về khoa học công nghệ</i></b>\tÁp dụng có hiệu quả các tiến bộ khoa học kỹ thuật\t<b>0,5</b>\t\t\n"
    "-\tQuản lý quy hoạch\tThực hiện đúng quy hoạch\t0,5\t\t\n"
    "2,2\tThực hiện kế hoạch phòng chống tham nhũng và xử lý vi phạm (nếu có)\t\t4\t\t\n"
    "\t<i>Thực hiện đúng quy định về Kê khai, công khai tài sản, thu nhập</i>\tKê khai đầy đủ, đúng quy định\t1\t\t\n"
    "<b>Tổng cộng: I + II + III + IV + V + VI</b>\t\t\t<b>100</b>\t\t\n"
)


def test_bold_rows_with_and_without_targets():
    _, tracker, inds = read_table(SAMPLE_001)
    assert [(s.label, s.level) for s in tracker.sections] == [("II", 1), ("1,2", 2), ("1,5", 2)]
    by_name = {i.name: i for i in inds}
    # A bold row with a target is a section and an indicator in it; its rows get no parent.
    kh = by_name["Quản lý nhà nước về khoa học công nghệ"]
    assert kh.section_id == tracker.sections[2].section_id
    assert by_name["Quản lý quy hoạch"].parent_indicator_id is None
    # "+" rows hang under the "-" row; unlabelled rows under a plain numbered row.
    assert (
        by_name["Phát triển thị trường"].parent_indicator_id
        == by_name["Về thương mại, dịch vụ"].indicator_id
    )
    assert (
        by_name[
            "Thực hiện đúng quy định về Kê khai, công khai tài sản, thu nhập"
        ].parent_indicator_id
        == by_name[
            "Thực hiện kế hoạch phòng chống tham nhũng và xử lý vi phạm (nếu có)"
        ].indicator_id
    )
    total = by_name["Tổng cộng: I + II + III + IV + V + VI"]
    assert total.label is None and [(c.role, c.raw) for c in total.cells] == [("score", "100")]
    assert [c.role for c in by_name["Phát triển thị trường"].cells] == ["target", "score"]


def test_heading_written_across_the_number_column():
    text = "TT\tChỉ tiêu\tMục tiêu\n I. Lĩnh vực kinh tế\t\t\n1\tTốc độ tăng thu ngân sách.\tTăng từ 7% - 10% trở lên.\n"
    _, tracker, (ind,) = read_table(text)
    assert [(s.label, s.title) for s in tracker.sections] == [("I", "Lĩnh vực kinh tế")]
    assert ind.name == "Tốc độ tăng thu ngân sách" and ind.section_id == "s001"


@pytest.mark.parametrize(
    ("header", "period"),
    [
        ("Kế hoạch 5 năm 2026 - 2030", "2026-2030"),
        ("Giai đoạn 2", "giai_doan_2"),
        ("Mục tiêu", None),
    ],
)
def test_period_of_header(header, period):
    assert period_of_header(header) == period


def test_capital_letter_parts_above_roman_groups():
    text = (
        "STT\tChỉ tiêu\tĐVT\tKế hoạch năm 2025\n"
        "A\tCHỈ TIÊU KINH TẾ\t\t\n"
        "I\tNông nghiệp\t\t\n"
        "1\tSản lượng lương thực\tTấn\t3.200\n"
        "B\tCHỈ TIÊU XÃ HỘI\t\t\n"
        "1\tTỷ lệ hộ nghèo\t%\t< 2\n"
    )
    _, tracker, inds = read_table(text)
    assert [(s.label, s.level) for s in tracker.sections] == [("A", 1), ("I", 2), ("B", 1)]
    assert [i.section_id for i in inds] == ["s002", "s003"]


def test_comparison_columns_under_a_so_sanh_header():
    text = (
        "STT\tTên chỉ tiêu\tĐơn vị tính\tThực hiện năm 2023\tƯớc thực hiện năm 2024\tKế hoạch năm 2025\tSo sánh (%)\t\n"
        "\t\t\t\t\t\t2024/2023\tKH 2025/ƯTH 2024\n"
        "1\tGiá trị sản xuất nông nghiệp\tTỷ đồng\t120\t131\t140\t109,2\t106,9\n"
    )
    table, _, (ind,) = read_table(text)
    assert find_header(table) == 2
    assert [(c.role, c.period) for c in ind.cells] == [
        ("baseline", "2023"),  # previous-year result: baseline (annotation conventions)
        ("actual", "2024"),
        ("plan", "2025"),
        ("ratio_to_previous", "2024"),
        ("ratio_to_plan", "2025"),
    ]
