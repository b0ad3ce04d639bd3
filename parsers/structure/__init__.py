"""The structure stage: a `Document` (any format) → sections, indicators and metadata."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from itertools import count

import regex as re

from parsers import data as parser_data
from parsers.model import Block, Document, Line, Table
from parsers.patterns import is_shouting
from parsers.readers.flattened import stated_unit
from parsers.structure.budget import as_allocations, is_budget_line, opens_budget
from parsers.structure.guard import guarded, section_part
from parsers.structure.metadata import read_metadata
from parsers.structure.plausibility import apply_gate
from parsers.structure.prose import ProseReader, is_subheading, line_to_item, zone_is_target
from parsers.structure.records import Indicator, Structure
from parsers.structure.report_phrases import ReportZones
from parsers.structure.sections import (
    SectionTracker,
    heading_with_item,
    line_heading,
    parse_label,
)
from parsers.structure.tables import table_to_indicators

__all__ = ["build_structure"]

# Signature blocks and distribution lists end the body: nothing there is an indicator.
_END_MARKERS = ("Nơi nhận", "TM.", "KT.")


def build_structure(doc: Document) -> Structure:
    metadata = read_metadata(doc)
    tracker = SectionTracker()
    counter = count(1)

    def next_id() -> str:
        return f"i{next(counter):04d}"

    zones = ReportZones.for_document(
        metadata.doc_type, "\n".join(b.text for b in doc.blocks if isinstance(b, Line))
    )
    prose = ProseReader(next_id, default_role=ReportZones.default_role(zones.doc_report))
    prose.report_zone = zones.doc_report
    indicators: list[Indicator] = []
    target_zone = False
    zone_by_section: dict[str, bool] = {}
    in_body = True
    in_budget = False  # under a `Kinh phí` heading: figures are allocations (budget.py)
    warnings: list[tuple[str, str, str]] = []  # parts that failed (see guard.py)

    def add(found: list[Indicator]) -> None:
        for indicator in found:
            if in_budget or is_budget_line(indicator.name):
                as_allocations([indicator])
        indicators.extend(found)

    recent: list[str] = []  # the last lines read, for a unit stated above a table
    for block in rejoined(doc.blocks):
        if isinstance(block, Table):
            if block.unit is None and recent:
                # `Đơn vị tính: Triệu đồng` as a paragraph above a Word, PDF or HTML table:
                # the same rule as for a table recovered from text (flattened.stated_unit)
                block = replace(block, unit=stated_unit(recent, len(recent)))
            recent = []
            in_body = True
            part = f"table at line {block.line_start}"
            add(guarded(part, warnings, table_to_indicators, block, tracker, next_id))
            continue
        line: Line = unmarked(block)
        recent = [*recent[-2:], line.text]
        if line.text.startswith(_END_MARKERS):
            in_body = False
            continue
        heading = line_heading(line.text, bold=line.bold, heading_level=line.heading_level)
        with_item = heading_with_item(line.text) if heading is None else None
        if with_item is not None:
            heading, body = with_item
            line = replace(line, text=f"{heading.label} {body}")
        if heading is not None:
            in_budget = opens_budget(heading.title)
            section = tracker.open(heading, line.line_start, line.page)
            prose.pending = None  # a titled item's paragraph never follows a heading
            parent_zone = zone_by_section.get(section.parent_section_id or "", False)
            target_zone = zone_is_target(section.title, inherited=parent_zone)
            zone_by_section[section.section_id] = target_zone
            prose.report_zone = zones.enter(
                section.section_id, section.parent_section_id, section.title
            )
            prose.default_role = ReportZones.default_role(prose.report_zone)
            in_body = True
            if with_item is None:
                continue
        if not in_body:
            continue
        if is_title_block_line(line):
            in_budget = in_budget or opens_budget(line.text)
            continue
        item = line_to_item(line)
        unit = in_charge(item.body)
        if unit and tracker.current is not None:
            assign_unit(tracker.current.section_id, unit, tracker, indicators)
            continue
        if is_subheading(item):
            if item.label == "*":
                target_zone = zone_is_target(item.body, inherited=False)
            continue
        current = tracker.current
        add(
            guarded(
                section_part(current, line.line_start),
                warnings,
                prose.read_item,
                line,
                section_id=current.section_id if current else None,
                responsible=current.responsible_unit if current else None,
                target_zone=target_zone and current is not None,
            )
        )
    return apply_gate(Structure(metadata, tracker.sections, indicators, warnings), doc)


def rejoined(blocks: list[Block]) -> list[Block]:
    """Lines the reader split inside a sentence, joined again: `(10) Tỷ lệ bệnh viện … đạt`
    + `100%;`, `… tốc độ tăng bình quân 05` + `- 06%/năm.` (adjacent source lines, the first
    without a sentence end, the second starting like the rest of a figure)."""
    words = parser_data.load("prose")
    start, end = _rx(words["continuation_start"]), _rx(words["sentence_end"])
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Line)
            and isinstance(prev, Line)
            and block.line_start == prev.line_end + 1
            and prev.heading_level is None
            and not (prev.bold or block.bold)  # headings
            and parse_label(block.text) is None  # `1. Sản phẩm …` opens a section
            and not end.search(prev.text)
            and start.match(block.text)
            and (block.text[0].isdigit() or prev.text[-1:].isdigit())
        ):
            out[-1] = replace(prev, text=f"{prev.text} {block.text}", line_end=block.line_end)
            continue
        out.append(block)
    return out


def unmarked(line: Line) -> Line:
    """`*a) Sản phẩm nông sản` (an italic line whose opening `*` the reader left): the label
    comes first. A `* ` bullet keeps its star."""
    if (line.italic or line.bold) and _rx(r"^\*+[^\s*]").match(line.text):
        return replace(line, text=line.text.lstrip("*"))
    return line


def in_charge(text: str) -> str | None:
    """`* Cơ quan thực hiện: Công an xã là cơ quan thường trực, …` → `Công an xã`."""
    m = _rx(parser_data.load("structure")["in_charge_pattern"], re.IGNORECASE).match(text)
    return m["unit"].strip() if m else None


def assign_unit(
    section_id: str, unit: str, tracker: SectionTracker, indicators: list[Indicator]
) -> None:
    """A unit named after the targets it is in charge of: give it to them, and to the rest
    of the section, where no unit was written."""
    inside = {section_id} | {
        s.section_id for s in tracker.sections if s.parent_section_id == section_id
    }
    for indicator in indicators:
        if indicator.section_id in inside and indicator.responsible_unit is None:
            indicator.responsible_unit = unit
    for section in tracker.sections:
        if section.section_id in inside and section.responsible_unit is None:
            section.responsible_unit = unit


_rx = cache(re.compile)  # regex's own cache lookup costs more than these matches


def is_title_block_line(line: Line) -> bool:
    """Title, number, date and attachment lines: metadata, never indicators."""
    if _rx(parser_data.load("structure")["title_block_pattern"], re.IGNORECASE).match(line.text):
        return True
    if len(line.text) >= 250:  # titles are short; do not count letters of paragraphs
        return False
    # `BIỂU ĐÁNH GIÁ … NĂM 2025 (Kèm theo Báo cáo số …)`: a title and its attachment line
    # that a Word paragraph holds together; the title's capitals decide
    marker = parser_data.load("structure")["attachment_marker"]
    head = _rx(marker, re.IGNORECASE).split(line.text, maxsplit=1)[0]
    shouting = is_shouting(head if head.strip() else line.text)
    unlabelled = line_to_item(line).label is None
    return unlabelled and (shouting or (line.bold and len(line.text) < 200))
