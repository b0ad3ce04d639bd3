"""Title-block lines are metadata, never indicators (parsers/structure/__init__.py)."""

from __future__ import annotations

import pytest

from parsers.model import Line
from parsers.structure import is_title_block_line


@pytest.mark.parametrize(
    "text",
    [
        # sample 004 as a Word paragraph: the title and its attachment line together
        "BIỂU ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT NĂM 2024; MỤC TIÊU NĂM 2025 "
        "(Kèm theo Báo cáo số 5596/BC-UBND, ngày 04 tháng 12 năm 2024 của UBND huyện)",
        # sample 002: an appendix title and its attachment line on one line
        "PHỤ LỤC I CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026 - 2030 (Kèm theo Kế hoạch số /KH-UBND "
        "ngày .../4/2026 của UBND xã)",
        "(Kèm theo Chương trình hành động số /CTr-UBND ngày 10/4/2026)",  # dev: alone
    ],
)
def test_a_title_with_its_attachment_line_is_metadata(text):
    assert is_title_block_line(Line(text, 1, 1))


def test_a_target_citing_an_attachment_is_no_title():
    text = "Tỷ lệ hộ nghèo giảm còn 2% (kèm theo danh sách hộ nghèo của xã)"
    assert not is_title_block_line(Line(text, 5, 5))
