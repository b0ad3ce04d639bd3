"""Numbering patterns shared by the readers (paragraph breaks) and the structure stage.

Vietnamese administrative documents number their headings `I.`, `1.`, `2.1.`, `1,1`,
`a)` and their list items `(1)`, `-`, `+`, `*`; the label is kept as written.
"""

from __future__ import annotations

import regex as re

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
# `I. Title`, `II - Title`, `IV) Title` (the roman numeral must not be empty).
ROMAN_HEADING = re.compile(rf"^(?P<label>(?=[IVX])({ROMAN}))\s*(?:[.)]|\s-)\s*(?P<title>\S.*)$")
DOTTED_HEADING = re.compile(r"^(?P<label>\d{1,2}(?:[.,]\d{1,2}){1,3})\s*[.)]?\s+(?P<title>\S.*)$")
ARABIC_HEADING = re.compile(r"^(?P<label>\d{1,2})\s*[.)]\s*(?P<title>\D.*)$")
# `A. CHỈ TIÊU KINH TẾ`: capital letters group Roman-numbered parts (A–H: not Roman digits).
PART_HEADING = re.compile(r"^(?P<label>[A-H])\s*[.)]\s*(?P<title>\S.*)$")
LETTER_HEADING = re.compile(r"^(?P<label>[a-zđ])\s*\)\s*(?P<title>\S.*)$")
PAREN_ITEM = re.compile(r"^\((?P<label>\d{1,2}|[a-zđ]|[ivx]{1,4})\)\s*(?P<body>\S.*)$")
BULLET_ITEM = re.compile(r"^(?P<label>[-–—+•*])\s*(?P<body>\S.*)$")

SECTION_LABEL = re.compile(
    rf"^(?:[A-H][.)]\s|(?=[IVX])({ROMAN})\s*(?:[.)]|\s-)\s|\d{{1,2}}(?:[.,]\d{{1,2}}){{0,3}}\s*[.)]\s*\D|[a-zđ]\)\s)"
)
LIST_MARKER = re.compile(r"^(?:\((?:\d{1,2}|[a-zđ])\)|[-–—+•*]\s)")


def is_shouting(text: str) -> bool:
    """Mostly capitals (a title line). It runs on every line: counted with str methods
    mapped in C (isalpha is Unicode's L*, isupper its upper case), ~10x cheaper than a regex."""
    letters = sum(map(str.isalpha, text))
    return letters >= 4 and sum(map(str.isupper, text)) / letters > 0.8


# Column titles may carry years and ratios of years (`Năm 2024`, `2024/2023`, `KH 2025/ƯTH
# 2024`), never other numbers; data rows always do.
_HEADER_YEAR_TEXT = re.compile(r"(?:19|20)\d{2}|\(%\)")


def is_subheader_row(texts: list[str]) -> bool:
    """A second header row under merged titles: no row number, some titles, no data numbers."""
    if not texts or texts[0] or not any(texts):
        return False
    return not any(re.search(r"\d", _HEADER_YEAR_TEXT.sub("", t)) for t in texts)
