"""Which period a table value gets: its row name, its column, or its own text."""

from __future__ import annotations

from parsers.readers.text import text_to_blocks
from parsers.structure.sections import SectionTracker
from parsers.structure.tables import table_to_indicators
from parsers.structure.values import indicator_values


def periods_of(text: str, plan_period: str = "2026-2030") -> list[tuple[str, str | None]]:
    (table,) = [b for b in text_to_blocks(text) if not hasattr(b, "heading_level")]
    ids = iter(range(1, 1000))
    (indicator,) = table_to_indicators(table, SectionTracker(), lambda: f"i{next(ids):03d}")
    return [(v.role, v.period) for v in indicator_values(indicator, plan_period=plan_period)]


def test_a_one_year_column_dates_a_yearly_rate_row():
    # Sample 004: `tăng bình quân` in the name, but each column is one year's figure.
    text = (
        "TT\tNội dung chỉ tiêu\tKết quả thực hiện năm 2023\tKH năm 2025\n"
        "4\tThu nội địa tăng bình quân so với dự toán tính giao\t52,04 tỷ đồng\t64,35 tỷ đồng\n"
    )
    assert periods_of(text) == [("actual", "2023"), ("plan", "2025")]


def test_over_a_span_column_a_yearly_rate_stays_annual():
    # Sample 002: the column is the five-year plan; the row's rate is per year.
    text = (
        "Số TT\tNội dung Chỉ tiêu\tĐơn vị Tính\tKế hoạch 5 năm 2026 - 2030\n"
        "2\tTổng giá trị sản phẩm tăng bình quân\t%\t12-14\n"
    )
    assert periods_of(text) == [("target", "annual")]


def test_a_year_in_the_name_dates_the_row_over_its_column():
    text = (
        "Số TT\tNội dung Chỉ tiêu\tĐơn vị Tính\tKế hoạch 5 năm 2026 - 2030\n"
        "7\tTỷ lệ hộ nghèo theo chuẩn nghèo đa chiều đến năm 2030\t%\t< 3\n"
    )
    assert periods_of(text) == [("target", "2030")]


def test_in_a_one_year_plan_a_yearly_target_is_that_year():
    # Sample 003 (the 2026 plan): `hằng năm` targets are the plan year's.
    text = (
        "Số TT\tNội dung Chỉ tiêu\tĐơn vị Tính\tMục tiêu\n"
        "2\tTổng giá trị sản phẩm tăng bình quân\t%\t12-14\n"
    )
    assert periods_of(text, plan_period="2026") == [("target", "2026")]


def kinds_of(text: str) -> list[tuple[str, str]]:
    (table,) = [b for b in text_to_blocks(text) if not hasattr(b, "heading_level")]
    ids = iter(range(1, 1000))
    (indicator,) = table_to_indicators(table, SectionTracker(), lambda: f"i{next(ids):03d}")
    return [(v.role, v.quantity.kind) for v in indicator_values(indicator)]


def test_a_state_to_reach_in_a_target_column_is_text():
    # dev: Cà Giang district appendix 2005-2010, `DK 2010 | hoàn thành`
    text = "STT\tChỉ tiêu\tThực hiện 2005\tDự kiến 2010\n3\tPhổ cập bậc trung học\t-\thoàn thành\n"
    assert kinds_of(text) == [("target", "text")]


def test_the_same_word_in_a_result_column_is_an_answer():
    # sample 004's evaluation tables: `Kết quả | Hoàn thành` answers yes
    text = "TT\tNội dung chỉ tiêu\tKH năm 2025\tKết quả thực hiện năm 2025\n1\tPhổ cập giáo dục\t100%\tHoàn thành\n"
    assert kinds_of(text) == [("plan", "number"), ("actual", "boolean")]


def test_an_evaluation_word_in_a_target_column_stays_an_answer():
    # sample 002: `Đạt` as a target (the commune keeps its standard)
    text = "Số TT\tNội dung Chỉ tiêu\tĐơn vị Tính\tKế hoạch 5 năm 2026 - 2030\n9\tXã đạt chuẩn tiếp cận pháp luật\t\tĐạt\n"
    assert kinds_of(text) == [("target", "boolean")]
