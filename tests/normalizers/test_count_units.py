"""Units that count things or measure energy, read next to a number (units.yaml).

Fragments of dev-corpus documents (`dev:`) and wild-corpus documents (`wild:`); each unit
is read in two documents, and look-alikes must keep their own reading."""

from __future__ import annotations

import pytest

from normalizers import parse_quantities


def first(text: str) -> tuple:
    q = parse_quantities(text)[0]
    number = (q.value_min, q.value_max) if q.kind == "range" else q.value
    return q.kind, number, q.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # events and programme segments
        ("Tổ chức 05 cuộc (01 cuộc/năm) diễn đàn, tọa đàm", ("number", 5.0, "event")),  # dev
        ("tổ chức và tham gia 10 hội nghị thúc đẩy triển khai", ("number", 10.0, "event")),  # wild
        ("60 Chuyên mục (12 Chuyên mục/năm) giúp nông dân", ("number", 60.0, "segment")),  # dev
        # tasks out of those assigned
        ("đã hoàn thành 56/93 nhiệm vụ giao", ("fraction", 56.0, "task")),  # dev
        ("Vụ Chính quyền địa phương hoàn thành 15/15 nhiệm vụ", ("fraction", 15.0, "task")),  # wild
        # ministries and localities counted in disbursement reports
        ("có 08 bộ, cơ quan trung ương", ("number", 8.0, "agency")),  # dev
        ("hiện nay còn 03 bộ, cơ quan chưa gửi báo cáo", ("number", 3.0, "agency")),  # wild
        ("và 09 địa phương chưa gửi báo cáo", ("number", 9.0, "province")),  # wild
        ("xây dựng 05 bộ dữ liệu chuyên ngành", ("number", 5.0, "dataset")),  # not a ministry
        ("nộp 01 bộ hồ sơ trực tiếp", ("number", 1.0, "set")),  # wild: a procedure's dossier
        ("ban hành 01 bộ tiêu chí đánh giá", ("number", 1.0, "set")),
        # energy: a scale word before kWh is not money, oil equivalent is not tonnes
        ("tổng sản lượng điện khoảng 560 - 624 tỉ KWh", ("range", (560e9, 624e9), "kWh")),  # dev
        ("khoảng 150 - 170 triệu tấn dầu quy đổi", ("range", (150e6, 170e6), "toe")),  # dev
        ("sản lượng 30.000 tấn lúa", ("number", 30000.0, "tonne")),  # plain tonnes stay tonnes
        ("tổng công suất các nguồn điện khoảng 183 - 236 GW", ("range", (183.0, 236.0), "GW")),
        # people counted by their role, housing, heights
        ("có ít nhất 6.000 nghiên cứu sinh", ("bound", 6000.0, "person")),  # dev
        ("trường có 290 giảng viên", ("number", 290.0, "person")),  # wild
        ("hoàn thành với khoảng 1.340 căn hộ", ("number", 1340.0, "apartment")),  # wild
        ("ít nhất 8 cơ sở giáo dục đại học thuộc nhóm 200", ("bound", 8.0, "school")),  # dev
        ("thêm tối thiểu 1,5 cm", ("bound", 1.5, "cm")),  # dev
        ("định mức 60 l/người/ngày", ("number", 60.0, "l/person/day")),
        ("đạt 6,7 BS/vạn dân", ("number", 6.7, "doctor/10k population")),
    ],
)
def test_count_and_energy_units(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tuổi thọ trung bình đạt 75,5 tuổi", ("number", 75.5, "year")),  # dev: a decimal age
        ("Người Việt thọ 75,6 tuổi, đứng thứ 2 khu vực", ("number", 75.6, "year")),  # wild
        ("có tuổi thọ trung bình đạt trên 80 tuổi", ("bound", 80.0, "year")),  # dev: stated
        ("số năm sống khỏe mạnh tăng lên trên 71 tuổi", ("bound", 71.0, "year")),  # dev
    ],
)
def test_an_age_a_target_states_is_a_quantity(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng 12%", [12.0]),  # an age qualifier in a name
        ("Tỷ lệ trẻ em dưới 01 tuổi được tiêm chủng đầy đủ trên 98%", [98.0]),
        ("phổ cập giáo dục Mầm non 3-5 tuổi", []),
    ],
)
def test_an_age_qualifier_stays_hidden(text, values):
    got = [q.value for q in parse_quantities(text) if q.kind != "text"]
    assert got == values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev: Thanh Hóa report, a change of a staff count
        (
            "tăng số lượng cấp phó tại các phòng chuyên môn của cấp xã từ 2 lên 3 phó trưởng phòng",
            [("number", 2.0, "=", None, "person"), ("number", 3.0, "=", "increase", "person")],
        ),
        # web page (government summary report 2025): a rate from one year to another
        (
            "tỷ lệ hộ nghèo đa chiều giảm từ 4,4% năm 2021 xuống còn 1,3% năm 2025",
            [("number", 4.4, "=", None, "%"), ("number", 1.3, "=", "decrease", "%")],
        ),
        # wild: a securities decree, a processing time shortened
        (
            "Rút ngắn thời gian xử lý hồ sơ từ 15 ngày xuống còn 07 ngày làm việc",
            [("number", 15.0, "=", None, "day"), ("number", 7.0, "=", "decrease", "day")],
        ),
        # not a change: a range and a floor keep their readings
        ("từ 08 đến 10 đường hẻm chính và phụ", [("range", None, None, None, "alley")]),
        ("tỷ lệ đạt từ 90% trở lên", [("bound", 90.0, ">=", None, "%")]),
    ],
)
def test_a_change_from_one_figure_to_another(text, expected):
    got = [(q.kind, q.value, q.comparator, q.change, q.unit) for q in parse_quantities(text)]
    assert got == expected
