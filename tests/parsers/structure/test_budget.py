"""Budget parts of a plan: allocations are `plan` values (parsers/structure/budget.py)."""

from __future__ import annotations

import pytest

from parsers.model import Document
from parsers.readers.text import text_to_blocks
from parsers.structure import build_structure


def roles(text: str) -> dict[str, list[str]]:
    s = build_structure(Document("x.md", "md", text_to_blocks(text)))
    return {i.name: [c.role for c in i.cells] for i in s.indicators}


def test_a_budget_line_is_an_allocation():
    # dev: Lạng Sơn agricultural extension programme
    got = roles("Tổng kinh phí Chương trình: ** 22.123,39 triệu đồng**, trong đó:\n")
    assert got == {"Tổng kinh phí Chương trình": ["plan"]}


def test_figures_under_a_budget_heading_are_allocations_until_the_next_heading():
    # the budget heading of Sơn La's and Hà Tĩnh's plans (`IV. KINH PHÍ`), with figures
    text = (
        "III. MỤC TIÊU\n\n"
        "1. Tỷ lệ trường đạt chuẩn quốc gia đạt 80%.\n\n"
        "IV. KINH PHÍ\n\n"
        "1. Ngân sách tỉnh hỗ trợ: 1.250 triệu đồng.\n\n"
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Tỷ lệ xã có bác sĩ đạt 100%.\n"
    )
    assert roles(text) == {
        "Tỷ lệ trường đạt chuẩn quốc gia": ["target"],
        "Ngân sách tỉnh hỗ trợ": ["plan"],
        "Tỷ lệ xã có bác sĩ": ["target"],
    }


@pytest.mark.parametrize(
    "text",
    [
        # dev: Lai Châu housing plan — capital *needs* are what the plan sets out to raise
        "Dự kiến tổng nhu cầu vốn để hoàn thiện xây dựng nhà ở trong giai đoạn 2026-2030 là "
        "18.558,05 tỷ đồng.\n",
        # sample-like: a revenue target is not a budget line
        "1. Thu ngân sách nhà nước trên địa bàn đạt 150 tỷ đồng.\n",
    ],
)
def test_capital_needs_and_revenue_stay_targets(text):
    assert {r for rs in roles(text).values() for r in rs} == {"target"}
