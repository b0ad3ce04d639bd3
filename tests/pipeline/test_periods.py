"""Periods as data: `period_start`, `period_end`, `period_kind` on `values`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.document import process_file
from pipeline.evaluate import evaluate, totals
from pipeline.periods import (
    HeadingPeriods,
    PeriodYears,
    bold_headings,
    heading_period,
    period_years,
    stage_years,
    unstated_partial_year,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_000 = ROOT / "data" / "raw" / "000_a3da322a374b1dd7.txt"


@pytest.mark.parametrize(
    ("label", "document", "expected"),
    [
        ("2024", None, PeriodYears(2024, 2024, "year")),
        ("2026-2030", None, PeriodYears(2026, 2030, "span")),
        ("2027-Q1", None, PeriodYears(2027, 2027, "quarter")),
        ("2027-Qiv", None, PeriodYears(2027, 2027, "quarter")),
        ("annual", (2026, 2030), PeriodYears(2026, 2030, "annual")),
        ("annual", None, PeriodYears(None, None, "annual")),
        ("giai_doan_3", None, PeriodYears(None, None, "stage")),  # no years stated
        # gold files and report headers name part of a year
        ("10 tháng đầu năm 2025", None, PeriodYears(2025, 2025, "partial_year")),
        ("9 tháng năm 2025", None, PeriodYears(2025, 2025, "partial_year")),
        ("từ đầu năm đến hết ngày 27/11/2025", None, PeriodYears(2025, 2025, "partial_year")),
        ("12/2025", None, PeriodYears(2025, 2025, "partial_year")),
        (None, (2026, 2030), PeriodYears(None, None, None)),
        ("không rõ", None, PeriodYears(None, None, None)),
    ],
)
def test_period_years(label, document, expected):
    assert period_years(label, document=document) == expected


def test_a_stage_takes_the_years_the_document_states():
    stages = {1: (2026, 2027), 2: (2028, 2030)}
    assert period_years("giai_doan_2", stages=stages) == PeriodYears(2028, 2030, "stage")
    assert period_years("giai_doan_3", stages=stages) == PeriodYears(None, None, "stage")


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            ["Tiến độ, kết quả Giai đoạn 1 (2026 - 2027)", "Giai đoạn 2 (2028-2030)"],
            {1: (2026, 2027), 2: (2028, 2030)},
        ),
        (
            [
                "- Giai đoạn 1: từ năm 2026 đến năm 2027;",
                "- Giai đoạn 2: từ năm 2028 đến hết năm 2030.",
            ],
            {1: (2026, 2027), 2: (2028, 2030)},
        ),
        (["GIAI ĐOẠN I (2021-2025)"], {1: (2021, 2025)}),
        (["Giai đoạn 3: năm 2029"], {3: (2029, 2029)}),
        # must not trigger: a stage named without years, a project's stage, a span
        (["Tiến độ, kết quả Giai đoạn 1", "mở rộng dự án giai đoạn 2 của Nhà máy lọc hóa dầu"], {}),
        (["giai đoạn 2026 - 2030"], {}),
        # one stage stated with two different year spans: left out, not guessed
        (["Giai đoạn 1 (2026 - 2027)", "Giai đoạn 1 (2026 - 2028)"], {}),
    ],
)
def test_stage_years(texts, expected):
    assert stage_years(texts) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Mục tiêu cụ thể đến năm 2035", "2035"),  # w2 Hà Tĩnh
        ("2. Phát triển xã hội số đến năm 2030 với các mục tiêu (14 mục tiêu)", "2030"),  # Đồng Nai
        (
            "Về tình hình kết quả kinh tế - xã hội 10 tháng năm 2025 của tỉnh Thanh Hóa",
            "10 tháng năm 2025",
        ),
        ("CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026 - 2030", "2026-2030"),  # sample 002
        # must not date anything: no period, only `hằng năm`, several, a long paragraph
        ("Mục tiêu chung (6 mục tiêu)", None),
        ("Hằng năm tổ chức kiểm tra", None),
        ("Mục tiêu đến năm 2030, tầm nhìn đến năm 2045", None),
        (
            "Kế hoạch này được xây dựng trên cơ sở đánh giá kết quả thực hiện các chỉ tiêu của "
            "các năm trước, bám sát mục tiêu của Nghị quyết, phù hợp với điều kiện thực tế của "
            "địa phương đến năm 2030",
            None,
        ),
    ],
)
def test_heading_period(heading, expected):
    assert heading_period(heading) == expected


class _Line:
    def __init__(self, line, text, bold=True):
        self.line_start = self.line_end = line
        self.text, self.bold, self.heading_level = text, bold, None


class _Section:
    def __init__(self, sid, parent, line, title):
        self.section_id, self.parent_section_id = sid, parent
        self.line_start, self.title = line, title


def test_nearest_heading_dates_the_lines_under_it():
    lines = [
        _Line(10, "2. Phát triển xã hội số đến năm"),  # a bold heading wrapped over two lines
        _Line(11, "2030 với các mục tiêu"),
        _Line(12, "(1) Tỷ lệ dân số có điện thoại thông minh đạt 95%", bold=False),
        _Line(20, "- Tầm nhìn đến năm 2045"),
        _Line(30, "+ Mục tiêu cụ thể"),
    ]
    assert list(bold_headings(lines))[0] == (
        10,
        "2. Phát triển xã hội số đến năm 2030 với các mục tiêu",
    )
    sections = [
        _Section("s1", None, 1, "MỤC TIÊU"),
        _Section("s2", "s1", 10, "Phát triển xã hội số"),
    ]
    headings = HeadingPeriods(sections, bold_headings(lines))
    assert headings.at(12, "s2") == "2030"
    assert headings.at(25, "s2") == "2045"
    assert headings.at(35, "s2") == "2045"  # `Mục tiêu cụ thể` states none: the one above
    assert headings.at(5, "s1") is None


@pytest.mark.parametrize(
    ("texts", "year", "expected"),
    [
        (["tăng trưởng GRDP 09 tháng đầu năm đạt 10,22%"], 2025, "09 tháng đầu năm 2025"),
        (["Tổng thu ngân sách 10 tháng ước đạt 47,5 nghìn tỷ đồng"], 2025, "10 tháng năm 2025"),
        (["trẻ em từ 06 tháng đến 36 tháng tuổi"], 2025, None),  # ages, not a period
        (["10 tháng năm 2024 đạt 5%"], 2025, None),  # states its own year
        (["Tổng thu ngân sách 10 tháng"], None, None),  # the report's year unknown
    ],
)
def test_unstated_partial_year(texts, year, expected):
    assert unstated_partial_year(texts, year) == expected


def test_stage_columns_resolved_when_the_header_states_the_years(tmp_path):
    """Sample 000 with its stage headers given years: the milestones get them."""
    text = SAMPLE_000.read_text(encoding="utf-8")
    spans = {1: "2026", 2: "2027", 3: "2028", 4: "2029", 5: "2030"}
    for n, year in spans.items():
        text = text.replace(f"Giai đoạn {n}\t", f"Giai đoạn {n} (năm {year})\t")
        text = text.replace(f"Giai đoạn {n}\n", f"Giai đoạn {n} (năm {year})\n")
    path = tmp_path / "stages.txt"
    path.write_text(text, encoding="utf-8")
    values = pd.DataFrame(process_file(path).rows["values"])
    milestones = values[values.role == "milestone"]
    assert len(milestones) >= 10
    assert set(milestones.period_kind) == {"stage"}
    for label, start in zip(milestones.period, milestones.period_start, strict=True):
        assert start == int(spans[int(label[-1])])
    untouched = pd.DataFrame(process_file(SAMPLE_000).rows["values"])
    assert untouched[untouched.role == "milestone"].period_start.isna().all()


@pytest.mark.parametrize("corpus", ["samples", "dev"])
def test_period_years_agree_with_the_gold(corpus, parsed_samples, parsed_dev):
    """Acceptance (issue 15): period_start/period_end agree with the gold periods on at least
    95 % of the reproduced gold values whose period names years."""
    gold = ROOT / ("tests/gold" if corpus == "samples" else "tests/corpus/dev/gold")
    parsed = parsed_samples if corpus == "samples" else parsed_dev
    total = totals(evaluate(gold, parsed))
    assert total.years_checked >= (280 if corpus == "samples" else 230)
    assert total.years_agreement >= 0.95, (total.years_agreed, total.years_checked)


def test_every_value_has_a_kind_when_it_has_a_period(parsed_samples, parsed_dev):
    for parsed in (parsed_samples, parsed_dev):
        values = pd.read_parquet(parsed / "values.parquet")
        assert values.period.notna().eq(values.period_kind.notna()).all()
        years = values[values.period_kind.isin(["year", "span", "quarter", "partial_year"])]
        assert years.period_start.notna().all() and (years.period_start <= years.period_end).all()
