"""Headings → the section tree (format-independent).

A heading is a line numbered `I.`, `1.`, `2.1.`, `1,1`, `a)` that reads like a title
(short, no sentence end) or is bold/marked as a heading, or a bold group row of a table.
Levels follow the numbering style, not Markdown `#` counts (documents mix them freely):
Roman < Arabic < dotted < letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex as re

from normalizers import lexicon
from parsers import data as parser_data
from parsers.patterns import (
    ARABIC_HEADING,
    DOTTED_HEADING,
    LETTER_HEADING,
    PART_HEADING,
    ROMAN_HEADING,
)
from parsers.structure.records import Section

# regex keeps a compile cache, but its lookup costs more than the match here.
_rx = cache(re.compile)

HEADING_MAX_CHARS = 160
RANK = {"part": 0, "roman": 1, "arabic": 2, "dotted": 3, "letter": 4, "paren": 5}


@dataclass
class Heading:
    label: str
    title: str
    rank: int


def parse_label(text: str) -> Heading | None:
    """`II. MỤC TIÊU` → Heading('II', 'MỤC TIÊU', 1); None when not numbered like a heading."""
    text = text.strip()
    for kind, pattern in (
        ("part", PART_HEADING),
        ("roman", ROMAN_HEADING),
        ("dotted", DOTTED_HEADING),
        ("arabic", ARABIC_HEADING),
        ("letter", LETTER_HEADING),
    ):
        m = pattern.match(text)
        if m:
            label = m.group("label")
            if kind == "letter":
                label += ")"
            return Heading(label, m.group("title").strip(), RANK[kind])
    return None


def label_rank(label: str) -> int | None:
    """Rank of a bare label as found in a table's number column (`I`, `1`, `1,1`, `a)`)."""
    label = label.strip().rstrip(".")
    if _rx(r"[A-H]").fullmatch(label):
        return RANK["part"]
    if _rx(r"[IVX]+").fullmatch(label):
        return RANK["roman"]
    if _rx(r"\d{1,2}").fullmatch(label):
        return RANK["arabic"]
    if _rx(r"\d{1,2}(?:[.,]\d{1,2}){1,3}").fullmatch(label):
        return RANK["dotted"]
    if _rx(r"[a-zđ]\)?").fullmatch(label):
        return RANK["letter"]
    return None


def line_heading(text: str, *, bold: bool, heading_level: int | None) -> Heading | None:
    """A prose line that is a section heading, or None."""
    heading = parse_label(text)
    if heading is None:
        return _paren_heading(text) if bold or heading_level is not None else None
    title = heading.title
    looks_like_title = len(text) <= HEADING_MAX_CHARS and not _rx(r"[.;]\s*$").search(title)
    if heading_level is not None or (bold and len(text) <= HEADING_MAX_CHARS):
        return heading
    return heading if looks_like_title and not _is_sentence(title) else None


def _paren_heading(text: str) -> Heading | None:
    """`**(2) Nghị quyết 70-NQ/TW năm 2025**` → Heading('(2)', …): a bold numbered title."""
    m = _rx(parser_data.load("prose")["paren_heading"]).match(text.strip())
    if m is None or _rx(r"[.;:]\s*$").search(m["title"]):
        return None
    return Heading(f"({m['label']})", m["title"].strip(), RANK["paren"])


def heading_with_item(text: str) -> tuple[Heading, str] | None:
    """`d) Đối với cha mẹ trẻ em: Phấn đấu 100% …` → (Heading('d)', 'Đối với cha mẹ trẻ em'),
    'Phấn đấu 100% …'): a topic heading whose first target follows on its line."""
    heading = parse_label(text)
    if heading is None or heading.rank == RANK["part"]:
        return None
    title, colon, body = heading.title.partition(":")
    topics = lexicon.alternation(tuple(parser_data.load("prose")["topic_heads"])).pattern
    if not colon or len(title.split()) > 10 or _rx(r"\d").search(title):
        return None
    if not _rx(rf"^(?:{topics})\b", re.IGNORECASE).match(title.strip()):
        return None
    if not _rx(r"\d").search(body):
        return None
    return Heading(heading.label, title.strip(), heading.rank), body.strip()


def _is_sentence(title: str) -> bool:
    # A numbered paragraph ("1. Giao các thành viên ..., đánh giá ...") has commas and length.
    return len(title) > 100 and title.count(",") >= 2


def domain_of(title: str) -> str | None:
    low = title.lower()
    for rule in parser_data.load("structure")["domains"]:
        if lexicon.alternation(tuple(rule["patterns"])).search(low):
            return rule["domain"]
    return None


def responsible_from_title(title: str) -> str | None:
    pattern = parser_data.load("structure")["responsible_title_pattern"]
    m = _rx(pattern, re.IGNORECASE).match(title)
    if m and re.match(
        r"(?i)(phòng|ban|trung tâm|công an|văn phòng|ủy ban|ubnd|trạm|các)\b", m["unit"]
    ):
        return m["unit"].strip()
    return None


class SectionTracker:
    """The open headings while walking a document in order."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self._stack: list[tuple[int, Section]] = []

    @property
    def current(self) -> Section | None:
        return self._stack[-1][1] if self._stack else None

    def open(self, heading: Heading, line_start: int, page: int | None) -> Section:
        while self._stack and self._stack[-1][0] >= heading.rank:
            self._stack.pop()
        parent = self.current
        title = heading.title.strip().rstrip(":").strip()
        domain = domain_of(title) if domain_of(title) is not None or _mixed(title) else None
        if domain is None and parent is not None and not _mixed(title):
            domain = parent.domain
        section = Section(
            section_id=f"s{len(self.sections) + 1:03d}",
            parent_section_id=parent.section_id if parent else None,
            level=len(self._stack) + 1,
            label=heading.label,
            title=title,
            domain=domain,
            line_start=line_start,
            page=page,
            responsible_unit=responsible_from_title(title)
            or (parent.responsible_unit if parent else None),
        )
        self.sections.append(section)
        self._stack.append((heading.rank, section))
        return section

    def path_titles(self) -> list[str]:
        return [s.title for _, s in self._stack]


def _mixed(title: str) -> bool:
    return bool(_rx(parser_data.load("structure")["mixed_domain_pattern"]).search(title.lower()))
