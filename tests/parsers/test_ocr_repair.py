"""OCR misreadings repaired only where the context proves them (parsers/readers/ocr_repair)."""

from __future__ import annotations

import pytest

from parsers.model import Cell, Document, Line, Row, Table
from parsers.readers.ocr_repair import apply_repairs, percent_as_nine, repair_blocks


def _table(*rows: list[str]) -> Table:
    return Table(
        rows=[
            Row(cells=[Cell(t) for t in r], line_start=i + 1, line_end=i + 1, page=1)
            for i, r in enumerate(rows)
        ],
        page=1,
    )


HEAD_000 = ["TT", "Chỉ tiêu", "Mục tiêu", "Đơn vị chủ trì"]
HEAD_002 = ["Số TT", "Nội dung Chỉ tiêu", "Đơn vị Tính", "Kế hoạch 5 năm 2026 - 2030"]
HEAD_RATIO = ["TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm 2025", "Kết quả", "TH/KH (%)"]


@pytest.mark.parametrize(
    ("head", "row", "col", "fixed"),
    [
        # sample 000: a Tỷ lệ row, the target in words (Đạt 100%.)
        (
            HEAD_000,
            ["7", "Tỷ lệ dân số được sử dụng nước sạch.", "Đạt 1009.", "Phòng Kinh tế xã"],
            2,
            "Đạt 100%.",
        ),
        # sample 001: a Tỷ lệ row, the bare target (75%)
        (HEAD_000, ["1,6", "Tỷ lệ xã, thôn, bản đạt chuẩn nông thôn mới", "759", "1"], 2, "75%"),
        # sample 002: the unit column says '%'
        (HEAD_002, ["", "- Tỷ lệ hộ nghèo giảm", "%", "1009"], 3, "100%"),
        # a TH/KH (%) column: a ratio may pass 100, but not with three decimals
        (
            HEAD_RATIO,
            ["1", "Tổng thu ngân sách", "tỷ đồng", "1.231,69", "1.729,5", "140,459"],
            5,
            "140,45%",
        ),
        # ...and not over 1000
        (HEAD_RATIO, ["2", "Trồng rừng mới", "ha", "1.200", "1.212", "1019"], 5, "101%"),
    ],
)
def test_percent_read_as_nine_is_put_back(head, row, col, fixed):
    table = _table(head, row)
    repairs = repair_blocks([table])
    assert table.rows[1].cells[col].text == fixed
    assert [(r.line, r.after) for r in repairs] == [(2, fixed)]


@pytest.mark.parametrize(
    ("head", "row"),
    [
        # a share that reads plausibly: nothing proves the 9 is a '%'
        (HEAD_000, ["6", "Tỷ lệ dân số tham gia bảo hiểm y tế.", "Đạt trên 96,39", "Phòng"]),
        # not a percentage context: an amount in tỷ đồng may end in 9
        (HEAD_002, ["3", "Tổng vốn đầu tư toàn xã hội", "tỷ đồng", "1009"]),
        # a share row whose number has its own unit word
        (HEAD_000, ["4", "Tỷ lệ hộ nghèo", "Giảm 109 hộ", "Phòng"]),
        # a year in a share row
        (HEAD_000, ["5", "Tỷ lệ trường học đạt chuẩn quốc gia.", "Đến năm 2029", "Phòng"]),
        # a ratio column value over 100 with two decimals is a plausible ratio
        (HEAD_RATIO, ["1", "Tổng thu ngân sách", "tỷ đồng", "1.231,69", "1.264,5", "102,69"]),
        # the '%' was read: nothing to repair
        (HEAD_000, ["7", "Tỷ lệ dân số được sử dụng nước sạch.", "Đạt 100%.", "Phòng"]),
    ],
)
def test_plausible_readings_are_left_alone(head, row):
    table = _table(head, row)
    assert repair_blocks([table]) == []
    assert table.rows[1].texts() == row


def test_percent_as_nine_bounds_shares_and_ratios():
    assert percent_as_nine("1009", share=True) == "100%"
    assert percent_as_nine("1009", share=False) == "100%"  # 1009 > 1000 >= 100
    assert percent_as_nine("109", share=True) == "10%"
    assert percent_as_nine("109", share=False) is None  # a 109% ratio is plausible


def _lines(*texts: str) -> list[Line]:
    return [Line(t, i + 1, i + 1, page=1) for i, t in enumerate(texts)]


def test_roman_one_read_as_digit_in_section_numbers():
    # sample 003's headings as OCR misreads them, and sample 000's group rows
    lines = _lines(
        "1. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "1I. MỤC TIÊU, CÁC CHỈ TIÊU CHỦ YẾU",
        "1II. TỔ CHỨC THỰC HIỆN",
        "1V. LĨNH VỰC QUỐC PHÒNG, AN NINH",
    )
    repairs = repair_blocks(lines)
    assert [ln.text for ln in lines] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",  # not a heading in capitals: an Arabic item
        "II. MỤC TIÊU, CÁC CHỈ TIÊU CHỦ YẾU",
        "III. TỔ CHỨC THỰC HIỆN",
        "IV. LĨNH VỰC QUỐC PHÒNG, AN NINH",
    ]
    assert len(repairs) == 4


def test_an_arabic_heading_sequence_is_not_roman():
    lines = _lines("1. MỤC TIÊU CHUNG", "2. NHIỆM VỤ", "II. GIẢI PHÁP")
    assert repair_blocks(lines) == []
    assert lines[0].text == "1. MỤC TIÊU CHUNG"


def test_repairs_become_warnings_and_doubtful_cells():
    doc = Document(source_path="scan.pdf", format="pdf-ocr")
    doc.blocks = [_table(HEAD_002, ["", "Tỷ lệ che phủ rừng", "%", "459"])]
    doc.page_quality = {1: 0.9}
    apply_repairs(doc, pages={1})
    assert doc.doubtful == [(2, "45%")]
    assert [w[1] for w in doc.warnings] == ["ocr_repaired"]
    assert "'459' read as '45%'" in doc.warnings[0][2]


def test_text_pages_of_a_mixed_pdf_are_not_repaired():
    table = _table(HEAD_002, ["", "Tỷ lệ che phủ rừng", "%", "459"])
    table.page = 2
    assert repair_blocks([table], pages={1}) == []


# ---------------------------------------------------------------------------- accents
@pytest.mark.parametrize(
    ("word", "hook"),
    [
        ("tống", "tổng"),
        ("TỐNG", "TỔNG"),
        ("chuấn", "chuẩn"),
        ("Số", "Sổ"),
        ("tổng", None),
        ("hộ", None),
    ],
)
def test_hook_reading_swaps_the_tone_mark_only(word, hook):
    from parsers.readers.ocr_repair import hook_reading

    assert hook_reading(word) == hook


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # sample 000: the catalogue knows 'tổng thu' (and 'tăng tổng')
        ("Tốc độ tăng tống thu ngân sách Nhà nước", "Tốc độ tăng tổng thu ngân sách Nhà nước"),
        # sample 002: 'đạt chuẩn quốc gia'
        ("Tỷ lệ trường học đạt chuấn quốc gia", "Tỷ lệ trường học đạt chuẩn quốc gia"),
        # acute is right: 'số hộ' is known, 'sổ hộ' is not
        ("Số hộ nghèo giảm", "Số hộ nghèo giảm"),
        # nothing known either way: left as read
        ("Xây dựng kịch bản tống kết", "Xây dựng kịch bản tống kết"),
    ],
)
def test_hook_accent_put_back_where_its_neighbours_prove_it(text, fixed):
    doc = Document(source_path="scan.pdf", format="pdf-ocr", n_pages=1)
    doc.blocks = [Line(text=text, line_start=1, line_end=1, page=1)]
    apply_repairs(doc, pages={1})
    assert doc.blocks[0].text == fixed
    assert not doc.doubtful  # a name's accent changes no value
    assert bool(doc.warnings) == (fixed != text)


def test_the_documents_own_lines_are_evidence():
    """A pair the catalogue lacks but the document writes right twice elsewhere."""
    lines = ["Kế hoạch tổ chức hội nghị", "Tổ chức hội thi", "Tố chức hội nghị tổng kết"]
    doc = Document(source_path="scan.pdf", format="pdf-ocr", n_pages=1)
    doc.blocks = [Line(text=t, line_start=i, line_end=i, page=1) for i, t in enumerate(lines, 1)]
    apply_repairs(doc, pages={1})
    assert doc.blocks[2].text == "Tổ chức hội nghị tổng kết"


@pytest.mark.parametrize(
    ("lines", "judged"),
    [
        # Sơn La: 'và thể' is known ('văn hóa và thể thao'), 'thể giới' is not
        (["Phát triển văn hóa và thể thao", "Văn hóa và thể thao"], "khu vực và thế giới"),
        # sample 001: 'dân chủ' is known, but a full stop parts 'dân' and 'Chú'
        (["Phát huy dân chủ cơ sở", "Quy chế dân chủ"], "cho nhân dân. Chú trọng giáo dục"),
    ],
)
def test_acute_stays_where_one_neighbour_or_punctuation_is_all_the_evidence(lines, judged):
    doc = Document(source_path="scan.pdf", format="pdf-ocr", n_pages=1)
    texts = [*lines, judged]
    doc.blocks = [Line(text=t, line_start=i, line_end=i, page=1) for i, t in enumerate(texts, 1)]
    apply_repairs(doc, pages={1})
    assert doc.blocks[-1].text == judged
