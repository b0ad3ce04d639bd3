"""A value's period label as years: `period_start`, `period_end` and `period_kind`.

The parser writes one string per value (`2024`, `2026-2030`, `annual`, `giai_doan_3`,
`2027-Q1`); analysts filter and join on years. Kinds:

    year          2024                    start = end = 2024
    span          2026-2030               2026, 2030
    quarter       2027-Q1                 2027, 2027
    partial_year  10 tháng đầu năm 2025   2025, 2025 (part of the year)
    annual        annual / hằng năm       every year of the document's period, when known
    stage         giai_doan_3             the stage's years when the document states them

Words and patterns live in `pipeline/data/periods.yaml`.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "periods.yaml"
PERIOD_KINDS = ("year", "span", "annual", "stage", "quarter", "partial_year")

_YEAR = re.compile(r"^((?:19|20)\d\d)$")
_SPAN = re.compile(r"^((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)$")
_QUARTER = re.compile(r"^((?:19|20)\d\d)-Q(?:[1-4]|i{1,3}|iv)$", re.I)
_STAGE = re.compile(r"^giai_doan_(\d+)$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}

Years = tuple[int, int]


@dataclass(frozen=True)
class PeriodYears:
    start: int | None
    end: int | None
    kind: str | None


NO_PERIOD = PeriodYears(None, None, None)


@functools.cache
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {k: [re.compile(p, re.I) for p in v] for k, v in data.items() if isinstance(v, list)}


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def period_years(
    period: str | None,
    *,
    document: Years | None = None,
    stages: dict[int, Years] | None = None,
) -> PeriodYears:
    """The years of one period label. `document` is the document's own period (for
    `annual`), `stages` the stage years the document states (for `giai_doan_N`)."""
    if not period:
        return NO_PERIOD
    text = _nfc(period)
    if m := _YEAR.match(text):
        y = int(m.group(1))
        return PeriodYears(y, y, "year")
    if m := _SPAN.match(text):
        return PeriodYears(int(m.group(1)), int(m.group(2)), "span")
    if m := _QUARTER.match(text):
        y = int(m.group(1))
        return PeriodYears(y, y, "quarter")
    if text == "annual":
        start, end = document or (None, None)
        return PeriodYears(start, end, "annual")
    if m := _STAGE.match(text):
        start, end = (stages or {}).get(int(m.group(1)), (None, None))
        return PeriodYears(start, end, "stage")
    for rx in _patterns()["partial_year"]:
        if m := rx.search(text):
            y = int(m.group("y1"))
            return PeriodYears(y, y, "partial_year")
    return NO_PERIOD


def stage_years(texts: Iterable[str]) -> dict[int, Years]:
    """Stage number → years from the texts that state them (`Giai đoạn 1 (2026 - 2027)`).
    A stage stated twice with different years is left out: better no years than wrong."""
    found: dict[int, set[Years]] = {}
    for text in texts:
        if "giai" not in text.lower():  # the fast pre-check: most lines name no stage
            continue
        for rx in _patterns()["stage_years"]:
            for m in rx.finditer(_nfc(text)):
                n = m.group("n").lower()
                number = int(n) if n.isdigit() else _ROMAN[n]
                y1 = int(m.group("y1"))
                y2 = int(m.group("y2")) if m.group("y2") else y1
                if y1 <= y2:
                    found.setdefault(number, set()).add((y1, y2))
    return {n: next(iter(ys)) for n, ys in found.items() if len(ys) == 1}


# -- periods the parser left open ------------------------------------------------------
def partial_year_label(text: str) -> str | None:
    """`… 10 tháng năm 2025 …` → `10 tháng năm 2025` (the phrase as written, lower case)."""
    for rx in _patterns()["partial_year"]:
        if m := rx.search(_nfc(text)):
            return m.group(0).lower()
    return None


def heading_period(text: str) -> str | None:
    """The period a heading states for the values under it (`Mục tiêu cụ thể đến năm 2035`
    → `2035`, `Về tình hình kinh tế - xã hội 10 tháng năm 2025` → `10 tháng năm 2025`);
    None when it states none, only `hằng năm`, or several (`đến năm 2030, tầm nhìn 2045`)."""
    if len(text.split()) > _settings()["heading_max_words"]:
        return None
    return stated_period(text)


def stated_period(text: str) -> str | None:
    """The one period a text states itself (`… giai đoạn 2026 - 2030 được thành phố giao`),
    None when it states none, only `hằng năm`, or several."""
    from normalizers.periods import find_periods

    if partial := partial_year_label(text):
        return partial
    labels = {p.label for p in find_periods(_nfc(text)) if p.label != "annual"}
    return labels.pop() if len(labels) == 1 else None


def bold_headings(lines: Iterable) -> Iterator[tuple[int, str]]:
    """(first line, text) of each run of bold lines: a heading wrapped over two lines
    (`**2. Phát triển xã hội số đến năm` / `2030 với các mục tiêu**`) is one heading."""
    run: list = []
    for line in lines:
        if not (line.bold or line.heading_level):
            continue
        if run and line.line_start > run[-1].line_end + 1:
            yield run[0].line_start, " ".join(x.text for x in run)
            run = []
        run.append(line)
    if run:
        yield run[0].line_start, " ".join(x.text for x in run)


def unstated_partial_year(texts: Iterable[str], year: int | None) -> str | None:
    """`… 9 tháng đầu năm đạt 10,22%` in a report of `year` → `9 tháng đầu năm 2025`."""
    if year is None:
        return None
    for text in texts:
        for rx in _patterns()["partial_year_no_year"]:
            if m := rx.search(_nfc(text or "").lower()):
                return f"{m.group(0)} {year}" if "năm" in m.group(0) else f"{m.group(0)} năm {year}"
    return None


@functools.cache
def _settings() -> dict:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not isinstance(v, list)}


@dataclass(frozen=True)
class Heading:
    line: int
    period: str | None


class HeadingPeriods:
    """For a line of the document, the period of the nearest heading above it that states
    one: bold short lines inside the innermost section, then the section titles outwards
    (`II. MỤC TIÊU / 1. Phát triển kinh tế số đến năm 2030 / a) Mục tiêu chung`)."""

    def __init__(self, sections: Iterable, bold_lines: Iterable[tuple[int, str]]) -> None:
        self.sections = {s.section_id: s for s in sections}
        self.bold = sorted((line, heading_period(text)) for line, text in bold_lines)
        self.section_period = {sid: heading_period(s.title) for sid, s in self.sections.items()}

    def at(self, line: int, section_id: str | None) -> str | None:
        section = self.sections.get(section_id) if section_id else None
        floor = section.line_start if section else 0
        for i in range(bisect.bisect_left(self.bold, (line,)) - 1, -1, -1):
            bold_line, period = self.bold[i]
            if bold_line < floor:  # the section's own heading line may be a wrapped bold run
                break
            if period:
                return period
        while section is not None:
            if period := self.section_period.get(section.section_id):
                return period
            section = self.sections.get(section.parent_section_id)
        return None
