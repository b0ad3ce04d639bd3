"""Prose target lists: names, several targets in one clause, shared verbs (fragments of the
dev corpus and of wild plan documents)."""

from __future__ import annotations

from itertools import count

import pytest

from parsers.model import Line
from parsers.structure.prose import ProseReader


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


def names(text: str) -> list[str]:
    return [i.name for i in read(text)]


def values(indicator) -> list[tuple]:
    return [
        (q.kind, q.comparator, q.value if q.kind != "range" else (q.value_min, q.value_max), q.unit)
        for c in indicator.cells
        for q in c.quantities
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the metric before a target verb, the comparator words between them dropped
        ("(1) Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP;", ["Tỷ trọng kinh tế số"]),
        (
            "+ Tổng tiêu thụ năng lượng cuối cùng khoảng 120 - 130 triệu tấn dầu quy đổi.",
            ["Tổng tiêu thụ năng lượng cuối cùng"],
        ),
        ("Tỷ lệ người từ 65 tuổi trở lên đạt khoảng 12%", ["Tỷ lệ người từ 65 tuổi trở lên"]),
        # a task around its figure: both sides, the figure left out, the purpose cut off
        (
            "Xây dựng 10 mô hình trồng trọt – bảo vệ thực vật là các mô hình hỗ trợ phát triển sản xuất",
            ["Xây dựng mô hình trồng trọt – bảo vệ thực vật"],
        ),
        (
            "h) Phấn đấu trợ giúp pháp lý cho 100% số người vi phạm pháp luật liên quan đến ma túy.",
            ["Trợ giúp pháp lý cho số người vi phạm pháp luật liên quan đến ma túy"],
        ),
        # the figure counts the object after it; an exhortation, not a task, before it
        (
            "c) Trên 80% các đơn vị lực lượng chuyên trách được trang bị vũ khí.",
            ["Các đơn vị lực lượng chuyên trách được trang bị vũ khí"],
        ),
        # trailing fillers: `phấn đấu`, `đến năm 2030`, `dự kiến`
        (
            "+ Tổng sản phẩm Xoài tham gia xuất khẩu phấn đấu đến năm 2030 đạt 18.000 tấn",
            ["Tổng sản phẩm Xoài tham gia xuất khẩu"],
        ),
    ],
)
def test_names(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # dev: Cần Thơ population plan
            "a) Chủ trì, phối hợp với sở, ban, ngành tăng cường kiểm tra, cụ thể: "
            "Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ; tỷ lệ phụ thuộc chung đạt khoảng 51%",
            ["Tổng tỷ suất sinh", "Tỷ lệ phụ thuộc chung"],
        ),
        (  # wild: a provincial socio-economic report
            "Kinh tế tiếp tục phát triển, trong đó một số chỉ tiêu chính như sau: "
            "Tốc độ tăng trưởng kinh tế (GRDP) ước tăng 7%",
            ["Tốc độ tăng trưởng kinh tế (GRDP)"],
        ),
        (  # a short topic before the colon is no list intro
            "- Chăn nuôi : Tổng đàn lợn đạt 13.120 con",
            ["Tổng đàn lợn"],
        ),
    ],
)
def test_a_run_in_list_after_its_intro(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # dev: Cần Thơ drugs plan, `và` before the second figure
            "đ) Trên 80% số trạm y tế xã, phường trên thành phố và 100% cơ sở cai nghiện ma túy "
            "công lập đủ điều kiện xác định tình trạng nghiện ma túy.",
            ["Số trạm y tế xã, phường trên thành phố", "Cơ sở cai nghiện ma túy công lập"],
        ),
        (  # dev: Cần Thơ population plan, the verb repeated after a comma
            "giảm 50% số cặp tảo hôn, giảm 60% số cặp hôn nhân cận huyết thống",
            ["Số cặp tảo hôn", "Số cặp hôn nhân cận huyết thống"],
        ),
        (  # dev: resolution 71, figures of a count list
            "Tỉ lệ người học các ngành kỹ thuật đạt ít nhất 35%, trong đó có ít nhất 6.000 "
            "nghiên cứu sinh, 20.000 người học các chương trình tài năng.",
            [
                "Tỉ lệ người học các ngành kỹ thuật",
                "Nghiên cứu sinh",
                "Người học các chương trình tài năng",
            ],
        ),
        (  # wild: a metric named after a comma
            "tổng sản phẩm trong nước (GDP) dự kiến tăng 9,5-10%, tốc độ kim ngạch xuất khẩu là 13%",
            ["Tổng sản phẩm trong nước (GDP)", "Tốc độ kim ngạch xuất khẩu"],
        ),
    ],
)
def test_several_targets_in_one_clause(text, expected):
    got = names(text)
    assert len(got) == len(expected)
    assert all(g.startswith(e) for g, e in zip(got, expected, strict=True)), got


@pytest.mark.parametrize(
    "text",
    [
        # a second figure of the same target: a period, a report phrase, an aside
        "Tỷ lệ hộ gia đình văn hóa đạt 80% vào năm 2026 và 100% vào năm 2030",
        "- Tổng thu ngân sách ước đạt 12,5 tỷ đồng, đạt 105% kế hoạch",
        "Thu ngân sách nhà nước tăng bình quân hàng năm trong giai đoạn này đạt 10 - 13%/năm",
        "Thực hiện nhựa hóa từ 08 đến 10 đường hẻm chính và phụ (2,5 km)",
    ],
)
def test_one_target_with_several_figures_stays_one(text):
    assert len(read(text)) == 1


def test_a_shared_verb_and_comparator_hold_for_the_list():
    # wild: administrative reform resolution, `cắt giảm ít nhất 30% A, 30% B`
    got = read(
        "- Cắt giảm ít nhất 30% thời gian xử lý thủ tục hành chính, 30% chi phí tuân thủ pháp luật"
    )
    assert [i.name for i in got] == [
        "Thời gian xử lý thủ tục hành chính",
        "Chi phí tuân thủ pháp luật",
    ]
    assert [values(i) for i in got] == [[("bound", ">=", 30.0, "%")]] * 2
    assert got[1].cells[0].quantities[0].change == "decrease"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # dev: Sơn La export plan
            "+ Tổng giá trị sản phẩm Xoài tham gia xuất khẩu đến năm 2030 dự kiến đạt 10 triệu USD, "
            "tốc độ tăng bình quân 08 - 09%/năm.",
            "Tốc độ tăng bình quân (sản phẩm Xoài tham gia xuất khẩu)",
        ),
        (  # shape of the same plan for a processed product
            "- Tổng giá trị hàng công nghiệp tham gia xuất khẩu đạt 5 triệu USD, tỷ lệ 20%.",
            "Tỷ lệ (hàng công nghiệp tham gia xuất khẩu)",
        ),
    ],
)
def test_a_bare_measure_measures_the_object_before_it(text, expected):
    assert names(text)[-1] == expected


def test_a_bare_measure_alone_is_not_qualified():
    assert names("- Tốc độ tăng trưởng kinh tế đạt 7%") == ["Tốc độ tăng trưởng kinh tế"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # dev: Hà Tĩnh pre-school plan
            "- Tại địa bàn đô thị: 100% trẻ em trong cơ sở giáo dục mầm non được nuôi dưỡng an toàn.",
            ["Trẻ em trong cơ sở giáo dục mầm non được nuôi dưỡng an toàn (tại địa bàn đô thị)"],
        ),
        (  # the qualifier holds for every target of the line
            "- Tại địa bàn có khu công nghiệp: Phấn đấu tăng thêm ít nhất 20% số nhóm trẻ; "
            "100% cơ sở giáo dục mầm non tư thục đạt tiêu chuẩn trường học an toàn.",
            [
                "Số nhóm trẻ (tại địa bàn có khu công nghiệp)",
                "Cơ sở giáo dục mầm non tư thục đạt tiêu chuẩn trường học an toàn "
                "(tại địa bàn có khu công nghiệp)",
            ],
        ),
        (  # a metric before the colon is the target's name, not a qualifier
            "- Tỷ lệ thôn, làng văn hóa: 100%; hộ gia đình văn hóa: 80%",
            ["Tỷ lệ thôn, làng văn hóa", "Hộ gia đình văn hóa"],
        ),
    ],
)
def test_a_qualifier_before_a_colon(text, expected):
    assert names(text) == expected


def test_a_numbered_title_names_the_paragraph_after_it():
    # dev: Lạng Sơn agricultural extension programme
    got = read(
        "(1) Lĩnh vực Thủy sản:\n"
        "Xây dựng 05 mô hình nuôi cá lồng nhằm chuyển đổi phương thức sản xuất.\n"
        "(2) Diễn đàn, tọa đàm, hội thảo: *\n"
        "Tổ chức 05 cuộc (01 cuộc/năm) diễn đàn, tọa đàm, hội thảo giúp cho nông dân.",
        target_zone=False,
    )
    assert [(i.label, i.name) for i in got] == [
        ("(1)", "Xây dựng mô hình nuôi cá lồng (lĩnh vực Thủy sản)"),
        ("(2)", "Diễn đàn, tọa đàm, hội thảo"),
    ]
    assert [q.value for q in got[1].cells[0].quantities] == [5.0, 1.0]


def test_a_title_and_its_counts_on_one_line():
    (got,) = read(
        "(5) Chuyên mục Khuyến nông trên sóng truyền hình Lạng Sơn (LSTV): * 60 Chuyên mục "
        "(12 Chuyên mục/năm) giúp nông dân nắm bắt chủ trương.",
        target_zone=False,
    )
    assert got.name == "Chuyên mục Khuyến nông trên sóng truyền hình Lạng Sơn (LSTV)"


def test_a_numbered_title_without_a_paragraph_of_figures_gives_nothing():
    assert read("(1) Về kinh tế:\nTiếp tục phát triển sản xuất theo hướng bền vững.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev: resolution 70, a duration after a target verb
        ("mức dự trữ xăng dầu đạt khoảng 90 ngày nhập ròng", [("Mức dự trữ xăng dầu", 90.0)]),
        # dev: Đồng Nai digital economy plan, a multiplier
        (
            "(4) Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP;",
            [("Tổng giá trị giao dịch thanh toán không dùng tiền mặt", 30.0)],
        ),
        # dev: resolution 72, a change of an age
        (
            "số năm sống khỏe mạnh tăng lên trên 71 tuổi",
            [("Số năm sống khỏe mạnh", 71.0)],
        ),
        # wild: a securities decree, a processing time shortened
        (
            "Rút ngắn thời gian xử lý hồ sơ xuống còn 07 ngày.",
            [("Rút ngắn thời gian xử lý hồ sơ", 7.0)],
        ),
        # a schedule stays no target
        ("- Tổ chức sơ kết 6 tháng, tổng kết cuối năm.", []),
        ("- Định kỳ 6 tháng báo cáo kết quả thực hiện.", []),
    ],
)
def test_a_duration_after_a_target_verb_is_a_target(text, expected):
    got = read(text, target_zone=False)
    assert [(i.name, i.cells[0].quantities[0].value) for i in got] == expected


def test_a_place_of_a_list_after_a_comma_starts_no_target():
    # dev: resolution 71, `không có tỉnh, thành phố đạt dưới 60%` is a second figure
    (got,) = read(
        "ít nhất 85% người trong độ tuổi hoàn thành cấp trung học phổ thông và tương đương, "
        "không có tỉnh, thành phố đạt dưới 60%."
    )
    assert [q.value for c in got.cells for q in c.quantities] == [85.0, 60.0]


def test_all_of_something_takes_no_shared_lower_bound():
    # dev: Cần Thơ drugs plan, `Trên 80% A và 100% B`: B is 100%, not more
    got = read("đ) Trên 80% số trạm y tế xã và 100% cơ sở cai nghiện ma túy công lập đủ điều kiện.")
    assert [values(i) for i in got] == [[("bound", ">", 80.0, "%")], [("number", "=", 100.0, "%")]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # dev: public-investment disbursement report
            "Tuy nhiên, vẫn còn 25 bộ, cơ quan trung ương và 13 địa phương có tỷ lệ giải ngân "
            "đạt dưới bình quân chung cả nước; bao gồm:",
            [
                ("Bộ, cơ quan trung ương có tỷ lệ giải ngân đạt dưới bình quân chung cả nước", 25),
                ("Địa phương có tỷ lệ giải ngân đạt dưới bình quân chung cả nước", 13),
            ],
        ),
        (  # wild: a ministry's report on reports not sent
            "Tuy nhiên, hiện nay còn 03 bộ, cơ quan và 09 địa phương chưa gửi báo cáo.",
            [("Bộ, cơ quan chưa gửi báo cáo", 3), ("Địa phương chưa gửi báo cáo", 9)],
        ),
    ],
)
def test_counts_joined_by_va_share_the_predicate_after_the_last(text, expected):
    got = read(text, target_zone=False)
    assert [(i.name, i.cells[0].quantities[0].value) for i in got] == expected


def test_counts_with_predicates_of_their_own_keep_them():
    # each count states its own predicate: nothing is shared
    got = names("có 08 xã đạt chuẩn nông thôn mới và 12 xã đạt chuẩn nông thôn mới nâng cao")
    assert got == ["Xã đạt chuẩn nông thôn mới", "Xã đạt chuẩn nông thôn mới nâng cao"]


@pytest.mark.parametrize(
    "text",
    [
        # dev: a web article's title asks what its text then states
        "Tính đến hết 27/11/2025 cả nước có 25 bộ và 13 địa phương có tỷ lệ giải ngân đạt "
        "dưới bình quân chung cả nước chi tiết ra sao?",
        # dev: the same site closes with the question in quotes
        'Trên đây là "Tính đến hết 27/11/2025 cả nước có 25 bộ và 13 địa phương có tỷ lệ '
        'giải ngân đạt dưới bình quân chung cả nước chi tiết ra sao?"',
        # dev: Lạng Sơn programme, a question heading with a period in it
        "Dự kiến kinh phí thực hiện Chương trình giai đoạn 2026-2030 như thế nào?",
    ],
)
def test_a_question_states_no_target(text):
    assert read(text, target_zone=False) == []


def test_a_statement_after_a_question_is_read():
    got = read("Tỷ lệ giải ngân ra sao? Tỷ lệ giải ngân đạt 57,9%.", target_zone=False)
    assert [i.name for i in got] == ["Tỷ lệ giải ngân"]
