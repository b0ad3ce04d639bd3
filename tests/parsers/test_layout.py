"""Lines of word boxes (parsers/readers/layout.py)."""

from __future__ import annotations

import pytest

from parsers.readers.layout import TextLine, WordBox


@pytest.mark.parametrize(
    ("words", "bold"),
    [
        ([("Nhóm", True), ("tiêu", True), ("chí", True)], True),
        ([("-", False), ("Diện", True), ("tích", True)], True),  # a dash in the body font
        ([("Nhóm", True), ("tiêu", False)], False),
        ([("9", True)], True),  # a bold group row's score: numbers only
        ([("1.100", False)], False),
        ([("1,1", True), ("Sản", False)], False),  # words decide where there are words
    ],
)
def test_a_line_is_bold_when_its_words_are(words, bold):
    line = TextLine(
        [WordBox(t, i * 10.0, 0, i * 10.0 + 8, 8, bold=b) for i, (t, b) in enumerate(words)]
    )
    assert line.bold is bold
