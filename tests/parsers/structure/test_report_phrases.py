"""Roles of the values in report paragraphs, on real sentences.

Sources: dev corpus (w1 Thanh Hóa and w3 Phú Thọ conclusion notices, w2 weekly disbursement
report, w5 Đức Giang commune results) and the wild corpus (Bạc Liêu, Bình Định, Đắk Lắk,
Cần Thơ, Bến Tre, Sơn La pages: 458cb118, d81f27b2, 5c1e4aa1, e22a2031, cf9b6029, b13aef6a).
"""

from __future__ import annotations

from itertools import count

import pytest

from normalizers import parse_quantities
from parsers.model import Line
from parsers.structure import report_phrases as rp
from parsers.structure.prose import ProseReader, measurable


def roles(text: str, *, report: bool | None = True, default: str = "actual"):
    """(role, kind, value, unit) of each value of one clause, from the figures the prose
    reader keeps (no durations such as `6 tháng`)."""
    found = measurable(parse_quantities(text), text)
    return [
        (v.role, v.quantity.kind, v.quantity.value, v.quantity.unit)
        for v in rp.clause_values(text, found, default, report=report)
    ]


def role_list(text: str, **kw) -> list[str]:
    return [r[0] for r in roles(text, **kw)]


# --- a percentage against the plan ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w3 Phú Thọ
        (
            "Giải ngân vốn đầu tư công đạt 72,4% kế hoạch Thủ tướng Chính phủ giao",
            ["ratio_to_plan"],
        ),
        # w1 Thanh Hóa
        ("Giải ngân đầu tư công đạt tỷ lệ 66,7% kế hoạch", ["ratio_to_plan"]),
        # w5 Đức Giang
        ("Đạt 99,13% so với kế hoạch.", ["ratio_to_plan"]),
        # wild Cần Thơ: `so kế hoạch`, then a ratio to the previous period
        (
            "ước thực hiện 447,4 triệu USD, đạt 48,2% so kế hoạch năm và tăng 4,3% so cùng kỳ",
            ["actual", "ratio_to_plan", "ratio_to_previous"],
        ),
        # w3 Phú Thọ: against the budget estimate, twice
        (
            "Tổng thu ngân sách ước đạt 47,5 nghìn tỷ đồng, bằng 117,6% dự toán Trung ương giao, "
            "bằng 105,5% dự toán Hội đồng nhân dân tỉnh giao",
            ["actual", "ratio_to_plan", "ratio_to_plan"],
        ),
        # wild Sơn La: the plan named before the figure
        (
            "Giải ngân vốn đầu tư công 09 tháng so với kế hoạch của Thủ tướng Chính phủ giao "
            "chỉ đạt 41,97%",
            ["ratio_to_plan"],
        ),
        # wild Bình Định: `vượt 25% dự toán` is the excess over plan
        (
            "vượt 25% dự toán năm và tăng 11,7% so với cùng kỳ",
            ["ratio_to_plan", "ratio_to_previous"],
        ),
    ],
)
def test_ratio_to_plan(text, expected):
    got = [r for r in role_list(text) if r != "actual" or "actual" in expected]
    assert [r for r in got if r in {"actual", "ratio_to_plan", "ratio_to_previous"}] == expected


@pytest.mark.parametrize(
    "text",
    [
        # w3 Phú Thọ section II: a target, not a result
        "phấn đấu giải ngân đạt 100% kế hoạch vốn đầu tư công năm 2025",
        # wild Sơn La section II
        "phấn đấu giải ngân đạt tối thiểu 95% kế hoạch vốn đầu tư công năm 2025",
    ],
)
def test_plan_clause_keeps_target(text):
    assert set(role_list(text, report=None, default="target")) == {"target"}
    assert set(role_list(text, report=False, default="target")) == {"target"}


# --- against the previous period -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chỉ số sản xuất công nghiệp (IIP) tăng 26,94% so với cùng kỳ", ["ratio_to_previous"]),
        ("số doanh nghiệp thành lập mới tăng 12,9% so cùng kỳ", ["ratio_to_previous"]),
        # wild Bạc Liêu: a level, then a fall on the previous year
        (
            "Tổng thu ngân sách Nhà nước trên địa bàn tỉnh Bạc Liêu ước đạt 11.150,65 tỷ đồng, "
            "giảm 1,58% so với cùng kỳ",
            ["actual", "ratio_to_previous"],
        ),
        # wild Đắk Lắk: against last year's result
        ("tăng 20,2% so với thực hiện năm 2015", ["ratio_to_previous"]),
        # w1 Thanh Hóa: in a results paragraph `tăng X%` alone is the change on last year
        ("xuất khẩu tăng 18,3%", ["ratio_to_previous"]),
    ],
)
def test_ratio_to_previous(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # w1 Thanh Hóa: a level reached, no comparison
        "Tăng trưởng kinh tế 9 tháng của Tỉnh ước đạt 8,19%",
        "giải quyết hồ sơ đạt tỷ lệ 91,67%",
        # w3 Phú Thọ
        "tăng trưởng GRDP 09 tháng đầu năm đạt 10,22%",
    ],
)
def test_level_without_reference_is_actual(text):
    got = [r for r in roles(text) if r[3] == "%"]
    assert [r[0] for r in got] == ["actual"]


def test_growth_in_a_plan_is_a_target():
    # w3 Phú Thọ section II / a plan's `tăng 5%`: a target change, not a ratio
    assert role_list("Tổng mức bán lẻ tăng 5% so với cùng kỳ", report=False, default="target") == [
        "target"
    ]


# --- absolute deltas, benchmarks, plan figures -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w5 Đức Giang
        ("Tổng đàn gia cầm 49.550 con, tăng 850 con so với cùng kỳ.", ["actual", "note"]),
        ("Tổng đàn lợn 1.450 con tăng 105 con so với 6 tháng đầu năm 2020.", ["actual", "note"]),
        # w2 weekly disbursement report
        (
            "Số giải ngân thực tế là 528.870,2 tỷ đồng, đạt 57,9% kế hoạch Thủ tướng Chính phủ "
            "giao (tăng 12.076,9 tỷ đồng so với tuần trước).",
            ["actual", "ratio_to_plan", "note"],
        ),
        # wild Bạc Liêu: the same change restated as an amount
        (
            "Sản lượng lương thực có hạt đạt 1.172,18 nghìn tấn, tăng 2,05% so cùng kỳ "
            "(tương đương tăng 23,55 nghìn tấn).",
            ["actual", "ratio_to_previous", "note"],
        ),
    ],
)
def test_absolute_deltas_are_notes(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w1 Thanh Hóa
        ("xuất khẩu tăng 18,3% (bình quân cả nước tăng 16,2%)", ["ratio_to_previous", "note"]),
        ("10 tháng tăng 15,55%, cao hơn so với mức tăng cả nước là 9,2%", None),
        # w3 Phú Thọ
        (
            "đạt 72,4% kế hoạch Thủ tướng Chính phủ giao, cao hơn so với bình quân chung của "
            "cả nước (54,4%)",
            ["ratio_to_plan", "note"],
        ),
        # wild Sơn La
        (
            "Tăng trưởng GRDP 09 tháng đầu năm đạt 6,26%, thấp hơn so với bình quân của cả nước "
            "(7,85%)",
            None,
        ),
    ],
)
def test_national_benchmark_is_a_note(text, expected):
    got = [r for r in roles(text) if r[3] == "%"]
    if expected is None:  # a level, then the benchmark
        assert [r[0] for r in got][-1] == "note" and got[0][0] != "note"
    else:
        assert [r[0] for r in got] == expected


def test_benchmark_words_in_the_headline_are_not_a_note():
    # the country itself reporting (w2: `cả nước có 25 bộ …`): its first figure is its level
    assert role_list("Giải ngân vốn đầu tư công cả nước đạt 516.793,3 tỷ đồng") == ["actual"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w2 weekly disbursement report
        (
            "là 516.793,3 tỷ đồng, đạt 56,6% kể hoạch Thủ tướng Chính phủ giao (913.216,2 tỷ đồng).",
            ["actual", "ratio_to_plan", "plan"],
        ),
        # wild Đắk Lắk
        (
            "ước đạt 4.100 tỷ đồng, bằng 97,6% kế hoạch do HĐND tỉnh giao (kế hoạch: 4.200 tỷ đồng)",
            ["actual", "ratio_to_plan", "plan"],
        ),
        # wild Sơn La: the plan named before its figure in parentheses (after a benchmark)
        (
            "Tăng trưởng GRDP 09 tháng đầu năm đạt 6,26%, thấp hơn so với bình quân của cả nước "
            "(7,85%) và so với kịch bản tăng trưởng 06 tháng cuối năm của tỉnh (7,4%)",
            ["actual", "note", "plan"],
        ),
        # wild Bình Định: a planned rate
        ("ước tăng 9,7% so cùng kỳ (kế hoạch 9,22%)", ["ratio_to_previous", "plan"]),
        (
            "đạt 8.466,4 tỷ đồng (dự toán năm 2018 là 6.775,5 tỷ đồng)",
            ["actual", "plan"],
        ),
    ],
)
def test_plan_figures(text, expected):
    assert role_list(text) == expected


# --- result over plan ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w5 Đức Giang
        ("Trong đó lúa là 115/116 ha.", [("actual", 115.0, "ha"), ("plan", 116.0, "ha")]),
        ("Diện tích gieo trồng 33/ 31,5 ha", [("actual", 33.0, "ha"), ("plan", 31.5, "ha")]),
        (
            "Tiêm phòng bệnh viêm da nổi cục cho đàn trâu, bò là:  971/876 = 110,8%",
            [("actual", 971.0, None), ("plan", 876.0, None), ("ratio_to_plan", 110.8, "%")],
        ),
        # wild (land clearance): handed over so far / to hand over
        ("mới bàn giao được 990/1.469 ha", [("actual", 990.0, "ha"), ("plan", 1469.0, "ha")]),
    ],
)
def test_result_over_plan(text, expected):
    assert [(r[0], r[2], r[3]) for r in roles(text)] == expected


def test_items_out_of_a_whole_stay_a_fraction():
    # w1 Thanh Hóa: tasks completed out of those assigned
    assert roles("đã hoàn thành 56/93 nhiệm vụ") == [("actual", "fraction", 56.0, "task")]


def test_result_over_plan_needs_the_figure_filter_partner():
    # the prose filter drops a bare `876`; its partner is read again from the text
    text = "Tiêm phòng bệnh viêm da nổi cục cho đàn trâu, bò là:  971/876 = 110,8%"
    first = [q for q in parse_quantities(text) if q.value != 876.0]
    got = [(v.role, v.quantity.value) for v in rp.clause_values(text, first, "actual", report=True)]
    assert got == [("actual", 971.0), ("plan", 876.0), ("ratio_to_plan", 110.8)]


# --- evaluation words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w3 Phú Thọ
        ("tăng trưởng GRDP 09 tháng đầu năm đạt 10,22%, vượt kịch bản đề ra", [1.0]),
        # wild Bến Tre
        ("một số chỉ tiêu chủ yếu tăng khá, đạt kế hoạch và vượt so với cùng kỳ", [1.0]),
        # wild Sơn La
        ("trong đó có 02 chỉ tiêu chưa đạt mục tiêu đề ra", [0.0]),
    ],
)
def test_evaluation_words_are_boolean_notes(text, expected):
    got = [r for r in roles(text) if r[1] == "boolean"]
    assert [r[2] for r in got] == expected and {r[0] for r in got} == {"note"}


@pytest.mark.parametrize(
    "text",
    [
        # w3 Phú Thọ section II: a target
        "tăng thu ngân sách nhà nước (phấn đấu đạt và vượt dự toán trung ương giao)",
        # w3 Phú Thọ: a figure follows the verb
        "lũy kế 10 tháng tổng mức bán lẻ tăng 14,38% so với cùng kỳ, đạt 88,9% mục tiêu tăng trưởng",
    ],
)
def test_no_evaluation_without_a_bare_verdict(text):
    assert not [r for r in roles(text) if r[1] == "boolean"]


# --- where reports are -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ĐÁNH GIÁ CHUNG", "actual"),  # w1, w3
        ("Về tình hình kết quả kinh tế - xã hội 10 tháng năm 2025 của tỉnh Thanh Hóa", "actual"),
        ("Kết quả thực hiện nhiệm vụ quản lý nhà nước trên địa bàn", "actual"),  # sample 001
        ("MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI", "target"),  # w3, wild Sơn La
        ("VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH", "target"),
        ("Sản xuất nông nghiệp", None),  # w5: says nothing
        ("Chăn nuôi - Thú y", None),
    ],
)
def test_zone_role(title, expected):
    assert rp.zone_role(title) == expected


def test_zones_are_inherited_by_sub_sections():
    zones = rp.ReportZones.for_document("other", "")
    assert zones.doc_report is None
    assert zones.enter("s1", None, "ĐÁNH GIÁ CHUNG") is True
    assert zones.enter("s2", "s1", "Về triển khai mô hình chính quyền địa phương 02 cấp") is True
    assert zones.enter("s3", None, "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM THỜI GIAN TỚI") is False
    assert zones.enter("s4", "s3", "Về chăn nuôi") is False


DUC_GIANG = (
    "Tổng diện tích gieo trồng 226 ha. Trong đó lúa là 115/116 ha. Đạt 99,13% so với kế hoạch. "
    "Tổng đàn gia cầm 49.550 con, tăng 850 con so với cùng kỳ. Tổng đàn ong là 867 đàn vượt 12 "
    "đàn so với cùng kỳ. Ước thu từ trồng trọt : 13.503.000.000đ"
)
PLAN = (
    "Phấn đấu đến năm 2030, tỷ lệ hộ nghèo giảm còn 1%; tổng đàn gia cầm tăng 5% so với cùng kỳ; "
    "mục tiêu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới."
)


def test_reads_as_report():
    assert rp.reads_as_report(DUC_GIANG)
    assert not rp.reads_as_report(PLAN)
    assert rp.ReportZones.for_document("ke_hoach", DUC_GIANG).doc_report is False
    assert rp.ReportZones.for_document("other", DUC_GIANG).doc_report is True


# --- run-in sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w5 Đức Giang: no separator between the two
        (
            "Năng suất đạt 62,58 tạ/ha  sản lượng đạt  719,67  tấn.",
            ["Năng suất đạt 62,58 tạ/ha", "sản lượng đạt  719,67  tấn."],
        ),
        (
            "Diện tích gieo trồng 33/ 31,5 ha vượt  1,5 ha so với KH, năng suất đạt 30tạ/ha, "
            "sản lượng đạt 99 tấn.",
            [
                "Diện tích gieo trồng 33/ 31,5 ha vượt  1,5 ha so với KH",
                "năng suất đạt 30tạ/ha",
                "sản lượng đạt 99 tấn.",
            ],
        ),
        # wild Cần Thơ
        (
            "Giá trị sản xuất công nghiệp ước tăng 7,5%, tổng mức bán ra hàng hóa và doanh thu "
            "dịch vụ tăng 18,5%, vốn đầu tư phát triển toàn xã hội tăng 4,97% so với cùng kỳ",
            [
                "Giá trị sản xuất công nghiệp ước tăng 7,5%",
                "tổng mức bán ra hàng hóa và doanh thu dịch vụ tăng 18,5%",
                "vốn đầu tư phát triển toàn xã hội tăng 4,97% so với cùng kỳ",
            ],
        ),
    ],
)
def test_split_run_in(text, expected):
    assert rp.split_run_in([text], report=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w5 Đức Giang: a name head straight before its figure, no lead verb
        ("Diện tích 7.2 ha, sản lượng 46.8 tạ/ha", ["Diện tích 7.2 ha", "sản lượng 46.8 tạ/ha"]),
        # wild (a province page): `ước tính` between the name and the figure
        (
            "Diện tích gieo trồng lúa cả năm ước tính 487.623 ha, sản lượng lúa cả năm 2012 ước "
            "tính 3.036 ngàn tấn thấp hơn mục tiêu kế hoạch.",
            [
                "Diện tích gieo trồng lúa cả năm ước tính 487.623 ha",
                "sản lượng lúa cả năm 2012 ước tính 3.036 ngàn tấn thấp hơn mục tiêu kế hoạch.",
            ],
        ),
        # wild (economy page): `tăng` as the lead
        (
            "diện tích gieo trồng tăng 23,5%, năng suất lúa tăng 30,8%, sản lượng lương thực tăng 57%",
            [
                "diện tích gieo trồng tăng 23,5%",
                "năng suất lúa tăng 30,8%",
                "sản lượng lương thực tăng 57%",
            ],
        ),
    ],
)
def test_split_run_in_at_name_heads(text, expected):
    assert rp.split_run_in([text], report=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        # w3 Phú Thọ: the words after each comma continue the same indicator
        "Tổng thu ngân sách 10 tháng ước đạt 47,5 nghìn tỷ đồng, bằng 117,6% dự toán Trung ương "
        "giao, bằng 105,5% dự toán Hội đồng nhân dân tỉnh giao",
        "tăng trưởng GRDP 09 tháng đầu năm đạt 10,22%, vượt kịch bản đề ra, đứng thứ 04/34 tỉnh",
        # wild Bình Định: a plan ref after the figure is no new name
        "Tổng thu ngân sách đạt 8.466,4 tỷ đồng, vượt 25% dự toán năm và tăng 11,7% so với cùng kỳ",
        # w5 Đức Giang: a comma inside the name
        "Tổng đàn trâu, bò 1.095 con",
        # w2 weekly report: a condition's figure qualifies the indicator after the comma
        "Nếu không tính kế hoạch Thủ tướng Chính phủ giao bổ sung (27.429,6 tỷ đồng), ước tỷ lệ "
        "giải ngân đạt 59,7% kế hoạch Thủ tướng Chính phủ giao.",
        # an estimate word continues the indicator (wild Bến Tre shape)
        "Kim ngạch xuất khẩu đạt 9,8 tỷ USD, ước đạt 30,3% kế hoạch",
    ],
)
def test_run_in_keeps_one_indicator(text):
    assert rp.split_run_in([text], report=True) == [text]


def test_run_in_only_in_reports():
    text = "Năng suất đạt 62,58 tạ/ha, sản lượng đạt 719,67 tấn."
    assert rp.split_run_in([text], report=False) == [text]
    assert len(rp.split_run_in([text], report=True)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đạt 99,13% so với kế hoạch.", True),  # w5 Đức Giang
        ("bằng 87,51% so với cùng kỳ năm trước", True),  # wild Bạc Liêu
        ("Năng suất đạt 62,58 tạ/ha", False),  # names its indicator
    ],
)
def test_continues_previous(text, expected):
    assert rp.continues_previous(text, report=True) is expected
    assert rp.continues_previous(text, report=False) is False


def test_value_phrases_are_not_names():
    assert rp.strip_value_phrases(" tăng 105 con so với 6 tháng đầu năm 2020").strip() == ""
    assert rp.strip_value_phrases(" so cùng kỳ").strip() == ""
    assert rp.strip_value_phrases(" hợp tác xã hiện có").strip() == "hợp tác xã hiện có"


# --- through the prose reader ----------------------------------------------------------


def read(lines: list[str], *, report: bool | None):
    ids = count(1)
    reader = ProseReader(lambda: f"i{next(ids):03d}", default_role="actual" if report else "target")
    reader.report_zone = report
    out = []
    for n, text in enumerate(lines, start=1):
        line = Line(text=text, line_start=n, line_end=n)
        out.extend(reader.read_item(line, section_id="s1", responsible=None, target_zone=False))
    return out


def test_reader_attaches_a_nameless_sentence_to_the_indicator_before():
    got = read(
        [
            "- Tổng diện tích gieo trồng 226 ha. Trong đó lúa là 115/116 ha. Đạt 99,13% so với kế hoạch."
        ],
        report=True,
    )
    names = [i.name for i in got]
    assert names == ["Tổng diện tích gieo trồng", "Lúa"]
    assert [c.role for c in got[1].cells] == ["actual", "plan", "ratio_to_plan"]


def test_reader_names_a_growth_clause_from_before_its_comparison():
    # w1 Thanh Hóa: `so cùng kỳ` after the figure names nothing
    got = read(
        ["Phát triển doanh nghiệp tích cực, số doanh nghiệp thành lập mới tăng 12,9% so cùng kỳ."],
        report=True,
    )
    assert [i.name for i in got] == ["Số doanh nghiệp thành lập mới"]
    assert [c.role for c in got[0].cells] == ["ratio_to_previous"]


def test_reader_in_a_plan_keeps_targets():
    # two different metrics are two indicators (gold conventions), both targets in a plan
    got = read(["- Năng suất lúa đạt 62 tạ/ha, sản lượng đạt 720 tấn."], report=False)
    assert len(got) == 2
    assert {c.role for i in got for c in i.cells} == {"target"}


# --- parts in parentheses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "head", "parts"),
    [
        # w5 Đức Giang
        (
            "Tổng đàn trâu, bò 1.095 con ( Bò 970con, trâu 125con) .",
            "Tổng đàn trâu, bò 1.095 con",
            ["Bò 970con", "trâu 125con"],
        ),
        # wild Hồng Dân (district page)
        (
            "diện tích nuôi tôm 26.262 ha (tôm – lúa 24.775 ha, chuyên tôm kết hợp cua – cá 1.487 ha)",
            "diện tích nuôi tôm 26.262 ha",
            ["tôm – lúa 24.775 ha", "chuyên tôm kết hợp cua – cá 1.487 ha"],
        ),
    ],
)
def test_split_parts(text, head, parts):
    assert rp.split_parts(text, report=True) == (head, parts)
    assert rp.split_parts(text, report=False) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "xuất khẩu tăng 18,3% (bình quân cả nước tăng 16,2%)",  # w1: a benchmark
        "Chỉ số sản xuất công nghiệp tăng 8,71% (kế hoạch 9%)",  # wild Bình Định: a plan
        # wild Hồng Dân: changes and ratios, not parts
        "Toàn huyện có 36.872 ha đất nuôi trồng thủy sản (tăng 1.147 ha cùng kỳ, đạt 100% kế hoạch)",
    ],
)
def test_parentheses_that_are_not_parts(text):
    assert rp.split_parts(text, report=True) == (text, [])


def test_reader_makes_parts_sub_indicators():
    got = read(["- Tổng đàn trâu, bò 1.095 con ( Bò 970con, trâu 125con) ."], report=True)
    assert [(i.name, i.parent_indicator_id) for i in got] == [
        ("Tổng đàn trâu, bò", None),
        ("Bò", got[0].indicator_id),
        ("Trâu", got[0].indicator_id),
    ]


# --- ranks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # w1 Thanh Hóa: the clause's only figure, its level
        (
            "năm 2024 xếp thứ 05 cả nước về Chỉ số chuyển đổi số",
            [("actual", "number", 5.0, "rank")],
        ),
        # w3 Phú Thọ: after the level, a note
        (
            "tăng trưởng GRDP 09 tháng đầu năm đạt 10,22%, đứng thứ 04/34 tỉnh, thành phố",
            [("actual", "number", 10.22, "%"), ("note", "fraction", 4.0, None)],
        ),
        # wild Thái Nguyên
        (
            "GRDP của tỉnh Thái Nguyên cũ là hơn 162 nghìn tỷ đồng, xếp thứ 15 tại Việt Nam",
            [("actual", "bound", 162e12, "VND"), ("note", "number", 15.0, "rank")],
        ),
    ],
)
def test_ranks(text, expected):
    assert roles(text) == expected


def test_no_ranks_outside_reports():
    assert rp.ranks("Đại hội lần thứ 2; xếp thứ 05 cả nước", report=False) == []
    assert rp.ranks("Tổ chức Đại hội Đảng bộ lần thứ XIV", report=True) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev: Thanh Hóa report
        ("tăng số lượng cấp phó của cấp xã từ 2 lên 3 phó trưởng phòng", ["baseline", "target"]),
        # web page: government summary report 2025
        (
            "Thu nhập bình quân tháng của người lao động tăng từ 5,5 triệu đồng năm 2020 lên "
            "8,3 triệu đồng năm 2025.",
            ["baseline", "target"],
        ),
    ],
)
def test_the_figure_a_change_starts_from_is_a_baseline(text, expected):
    (got,) = ProseReader(iter(["i1", "i2"]).__next__).read_item(
        Line(text=text, line_start=1, line_end=1),
        section_id=None,
        responsible=None,
        target_zone=True,
    )
    assert [c.role for c in got.cells] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # wild: a provincial socio-economic report, two value phrases after a count
        (
            "Cùng với đó, tạo thêm việc làm mới cho 25.242 lao động, đạt 126,21% kế hoạch và "
            "tăng 8,82% so với cùng kỳ năm trước.",
            "Tạo thêm việc làm mới cho lao động",
        ),
        # a commune report: the plan reference after the ratio names nothing
        (
            "Giải quyết việc làm mới cho 1.250 lao động, đạt 104,2% kế hoạch năm.",
            "Giải quyết việc làm mới cho lao động",
        ),
        # an object with a comma of its own keeps it
        (
            "Xây dựng 10 mô hình trồng trọt, chăn nuôi, đạt 100% kế hoạch.",
            "Xây dựng mô hình trồng trọt, chăn nuôi",
        ),
    ],
)
def test_value_phrases_after_an_object_name_nothing(text, name):
    (got,) = ProseReader(iter(["i1"]).__next__).read_item(
        Line(text=text, line_start=1, line_end=1),
        section_id=None,
        responsible=None,
        target_zone=True,
    )
    assert got.name == name
