"""Document metadata from title blocks shaped like the samples'."""

from __future__ import annotations

import pytest

from parsers.model import Document
from parsers.readers.text import text_to_blocks
from parsers.structure.metadata import read_metadata


def meta_of(text: str):
    return read_metadata(Document("x.txt", "txt", text_to_blocks(text)))


def test_appendix_attached_to_a_programme():
    m = meta_of(
        "PHỤ LỤC 2 CÁC CHỈ TIÊU CỤ THỂ\n\n"
        "(Kèm theo Chương trình hành động số /CTr-UBND ngày /6/2026 của UBND xã Xuân Quế)\n\n"
        "TT\tChỉ tiêu\tMục tiêu\n4\tTỷ lệ hộ nghèo giai đoạn 2026 - 2030.\tKhông có hộ nghèo\n"
    )
    assert (m.doc_type, m.admin_level, m.locality, m.doc_number) == (
        "phu_luc",
        "xa",
        "Xuân Quế",
        None,
    )
    assert (m.period_start, m.period_end) == (2026, 2030)


def test_report_table_of_a_district():
    m = meta_of(
        "BIỂU ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT NĂM 2024; MỤC TIÊU NĂM 2025\n\n"
        "(Kèm theo Báo cáo số 5596/BC-UBND, ngày 04 tháng 12 năm 2024 của Ủy ban nhân dân huyện)\n"
    )
    assert (m.doc_type, m.doc_number, m.admin_level, m.locality) == (
        "bieu",
        "5596/BC-UBND",
        "huyen",
        None,
    )
    assert (m.period_start, m.period_end, m.issued_date) == (2024, 2025, "2024-12-04")


@pytest.mark.parametrize(
    ("text", "locality", "period"),
    [
        (
            "Số: /KH-UBND\n\nCẩm Lương, ngày tháng 8 năm 2023\n\n**KẾ HOẠCH**\n\n**Thẩm định năm 2023  \n"
            "trên địa bàn xã Cẩm Lương**\n\nThực hiện Công văn số 2096/UBND-NV ngày 24/8/2023 của UBND "
            "huyện Cẩm Thủy. UBND xã Cẩm Lương xây dựng Kế hoạch.\n",
            "Cẩm Lương",
            (2023, 2023),
        ),
        (
            "Số: /KH-UBND\n\nAn Hưng, ngày tháng năm 2026\n\n**KẾ HOẠCH****Phát triển kinh tế - xã hội  \n"
            "của xã An Hưng giai đoạn 2026 - 2030**\n\nThực hiện Kế hoạch số 109/KH-UBND của Ủy ban nhân "
            "dân thành phố Hải Phòng. Ủy ban nhân dân xã An Hưng ban hành Kế hoạch.\n",
            "An Hưng",
            (2026, 2030),
        ),
    ],
)
def test_plan_issuer_is_the_dated_place_not_the_cited_authority(text, locality, period):
    m = meta_of(text)
    assert (m.doc_type, m.admin_level, m.locality) == ("ke_hoach", "xa", locality)
    assert (m.period_start, m.period_end) == period
    assert m.doc_number is None
