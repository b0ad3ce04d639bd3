"""A unit stated in a paragraph above a real table (Word, PDF, HTML) applies to its bare
numbers, as it does for a table recovered from text."""

from __future__ import annotations

import pytest

from parsers.model import Cell, Document, Line, Row, Table
from parsers.structure import build_structure
from parsers.structure.values import indicator_values


def table_doc(unit_line: str, header: list[str], row: list[str]) -> Document:
    rows = [
        Row([Cell(t) for t in header], 3, 3),
        Row([Cell(t) for t in row], 4, 4),
    ]
    return Document(
        "x.docx",
        "docx",
        [Line("Bảng kinh phí dự kiến", 1, 1), Line(unit_line, 2, 2), Table(rows)],
    )


@pytest.mark.parametrize(
    ("unit_line", "header", "row", "expected"),
    [
        # dev: Lạng Sơn programme, its budget table under `Đơn vị tính: Triệu đồng`
        (
            "*Đơn vị tính: Triệu đồng*",
            ["", "", ""],  # its header cells are empty in the source
            ["Năm 2026", "3.682,35", "2.920,17"],
            [3682.35e6, 2920.17e6],
        ),
        # sample 004-like evaluation table with the unit line as `ĐVT: tỷ đồng`
        (
            "ĐVT: tỷ đồng",
            ["TT", "Nội dung chỉ tiêu", "KH năm 2025"],
            ["1", "Thu ngân sách nhà nước", "64,35"],
            [64.35e9],
        ),
    ],
)
def test_a_unit_line_above_a_table_scales_its_bare_numbers(unit_line, header, row, expected):
    s = build_structure(table_doc(unit_line, header, row))
    (ind,) = [i for i in s.indicators if i.name == row[-2] or i.name == row[0]]
    got = [v.quantity for v in indicator_values(ind)]
    assert [q.value for q in got] == pytest.approx(expected)
    assert {q.unit for q in got} == {"VND"}


def test_a_line_that_is_no_unit_leaves_the_numbers_bare():
    s = build_structure(
        table_doc(
            "Kết quả như sau:",
            ["TT", "Nội dung chỉ tiêu", "KH năm 2025"],
            ["1", "Số mô hình", "12"],
        )
    )
    (ind,) = s.indicators
    assert [v.quantity.unit for v in indicator_values(ind)] == [None]
