"""What the structure stage produces: sections and indicator rows with raw value cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from normalizers.quantities import Quantity


@dataclass
class Section:
    section_id: str
    parent_section_id: str | None
    level: int
    label: str
    title: str
    domain: str | None
    line_start: int
    page: int | None = None
    responsible_unit: str | None = None  # "Phòng Kinh tế xã chủ trì, ..." headings


@dataclass
class ValueCell:
    """One value as found: a table cell under a role column, or a prose clause."""

    role: str
    raw: str
    period: str | None = None
    unit_hint: str | None = None
    use_name_hint: bool = True  # scores and ratios must not take a unit from the name
    as_text: bool = False  # notes are kept as text, never read as numbers
    quantities: list[Quantity] | None = None  # prose clauses arrive already read


@dataclass
class Indicator:
    indicator_id: str
    section_id: str | None
    parent_indicator_id: str | None
    label: str | None
    name: str
    source: str  # table | prose
    line_start: int
    line_end: int
    page: int | None = None
    responsible_unit: str | None = None
    period_hint: str | None = None  # from the name ("đến năm 2030", "hằng năm")
    cells: list[ValueCell] = field(default_factory=list)


@dataclass
class Metadata:
    title: str = ""
    doc_type: str = "other"
    doc_number: str | None = None
    issuer: str | None = None
    admin_level: str | None = None
    locality: str | None = None
    issued_date: str | None = None  # ISO date
    period_start: int | None = None
    period_end: int | None = None


@dataclass
class Structure:
    metadata: Metadata
    sections: list[Section]
    indicators: list[Indicator]
    # (stage, error_type, message) of parts that failed and were skipped (see guard.py)
    warnings: list[tuple[str, str, str]] = field(default_factory=list)
    # (stage, error_type, message) of what the plausibility gate dropped (plausibility.py):
    # counted, not failures — written with severity `info`, the document stays `ok`.
    notes: list[tuple[str, str, str]] = field(default_factory=list)
