"""Tables → indicator rows (format-independent).

Stages: `find_header` (how many leading rows are header, two-level headers joined),
`header_to_columns` (each column's role and period read from its header text),
`table_to_indicators` (group rows → sections, data rows → indicators with value cells,
merged responsible-unit cells carried down, sub-rows linked to their parent).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex as re

from normalizers import lexicon
from normalizers.periods import find_periods
from normalizers.units import parse_unit_text
from parsers import data as parser_data
from parsers.model import Row, Table
from parsers.patterns import is_subheader_row
from parsers.structure.records import Indicator, ValueCell
from parsers.structure.sections import Heading, SectionTracker, label_rank, parse_label

# regex keeps a compile cache, but its lookup costs more than the match here.
_rx = cache(re.compile)

VALUE_ROLES = {
    "target",
    "plan",
    "actual",
    "baseline",
    "ratio_to_plan",
    "ratio_to_previous",
    "resolution_target",
    "milestone",
    "score",
    "note",
}
# Roles whose empty cells make a bold numbered row a pure group heading.
MEASURE_ROLES = VALUE_ROLES - {"score", "note"}
RATIO_ROLES = {"ratio_to_plan", "ratio_to_previous"}
NO_NAME_HINT_ROLES = {"score", "ratio_to_plan", "ratio_to_previous", "note"}
_DASH = re.compile(r"^\s*([-–—+•])\s*")
_HEADER_UNIT = re.compile(r"\(([^()\d]{1,20})\)")


@dataclass
class Column:
    index: int
    header: str
    role: str  # label, name, unit, responsible, timing, or a value role
    period: str | None = None
    unit_hint: str | None = None


def find_header(table: Table) -> int:
    """Number of header rows: the first row plus second-level rows under merged titles."""
    if not table.rows or not _is_header_row(table.rows[0]):
        return 0
    count = 1
    while count < min(3, len(table.rows)):
        if not is_subheader_row([c.text for c in table.rows[count].cells]):
            break
        count += 1
    return count


def _is_header_row(row: Row) -> bool:
    texts = " ".join(c.text.lower() for c in row.cells)
    words = lexicon.alternation(tuple(parser_data.load("structure")["header_row_words"])).pattern
    return bool(_rx(rf"\b(?:{words})\b").search(texts)) and not _rx(r"^\s*(\d|[ivx]+\b)").match(
        row.cells[0].text.lower()
    )


def header_texts(table: Table, n_header: int) -> list[str]:
    """Join a two-level header: `Năm 2024` over `Kế hoạch | Kết quả` → `Năm 2024 / Kế hoạch`."""
    width = table.n_cols
    top = [c.text for c in table.rows[0].cells] + [""] * width
    texts = top[:width]
    for level in range(1, n_header):
        sub = [c.text for c in table.rows[level].cells] + [""] * width
        carried = ""
        for j in range(width):
            if texts[j]:
                carried = texts[j]
            if sub[j]:
                parent = texts[j] or carried
                texts[j] = f"{parent} / {sub[j]}" if parent else sub[j]
    return texts


def header_to_columns(texts: list[str]) -> list[Column]:
    rules = parser_data.load("columns")
    columns: list[Column] = []
    name_taken = False
    label_taken = False
    for j, text in enumerate(texts):
        folded = " ".join(text.lower().split())
        role = "ignore"
        if not label_taken and j == 0 and (not folded or _matches(folded, "label", rules)):
            role = "label"
            label_taken = True
        elif not name_taken and (
            lexicon.alternation(tuple(rules["name_patterns"])).search(folded) or j <= 1
        ):
            if not _matches(folded, "unit", rules):
                role = "name"
                name_taken = True
        if role == "ignore":
            for rule in rules["roles"]:
                if rule["role"] != "label" and _matches(folded, rule["role"], rules):
                    role = rule["role"]
                    break
        period = period_of_header(text) if role in VALUE_ROLES | {"ignore"} else None
        columns.append(Column(j, text, role, period, header_unit(text)))
    date_columns(columns, rules)
    roles = {c.role for c in columns}
    # In a plan (no results reported) the plan column holds the targets.
    if "plan" in roles and not roles & {"actual", "ratio_to_plan", "ratio_to_previous"}:
        for c in columns:
            if c.role == "plan":
                c.role = "target"
    # "So sánh TH/KH (%)" without a year compares the results to its left.
    last_period = None
    for c in columns:
        if c.role in {"actual", "plan"} and c.period:
            last_period = c.period
        elif c.role in RATIO_ROLES and c.period is None:
            c.period = last_period
    if "name" not in roles and len(columns) > 1:
        columns[1].role = "name"
    return columns


def header_unit(text: str) -> str | None:
    """A unit in brackets in a column title: `Tốc độ phát triển bình quân (%) 2000 – 2005`."""
    for m in _HEADER_UNIT.finditer(text):
        if parse_unit_text(m.group(1)) is not None:
            return m.group(1).strip()
    return None


def _year_end(period: str | None) -> int | None:
    if not period:
        return None
    m = _rx(r"(\d{4})$").search(period)
    return int(m.group(1)) if m else None


def date_columns(columns: list[Column], rules: dict) -> None:
    """Roles read from time: the latest reported result (`Ước TH`, `Kết quả`, `Thực hiện`)
    is "now". A plain `Thực hiện 2005` / `TH năm 2023` before a later column is the
    baseline; a column titled only by its years (`Năm 2027`, `Tốc độ … (%) 2000 – 2005`)
    is a result up to now (baseline) and a target after it."""
    later = [_year_end(c.period) for c in columns if c.role in {"actual", "plan", "target"}]
    latest = max((y for y in later if y), default=None)
    baseline = lexicon.alternation(tuple(rules["baseline_patterns"]))
    for c in columns:
        year = _year_end(c.period)
        folded = " ".join(c.header.lower().split(" / ")[-1].split())
        if c.role == "actual" and year and latest and year < latest and baseline.search(folded):
            c.role = "baseline"
    results = [_year_end(c.period) for c in columns if c.role in {"actual", "baseline"}]
    now = max((y for y in results if y), default=None)
    for c in columns:
        year = _year_end(c.period)
        if c.role == "ignore" and year:
            c.role = "baseline" if now and year <= now else "target"


def _matches(folded: str, role: str, rules: dict) -> bool:
    for rule in rules["roles"]:
        if rule["role"] == role and lexicon.alternation(tuple(rule["patterns"])).search(folded):
            return True
    return False


def _default_columns(table: Table) -> list[Column]:
    """A table without a header row: the roles come from what the columns hold. A first
    column of row numbers is the label; the first column mostly of words is the name
    (`Năm 2026 | 3.682,35 | …` has no label column); the rest hold values."""
    width = table.n_cols
    columns = [Column(j, "", "target") for j in range(width)]
    if not width:
        return columns
    rows = [r.texts() + [""] * (width - len(r.cells)) for r in table.rows]

    def share(j: int, test) -> float:
        filled = [r[j] for r in rows if r[j].strip()]
        return sum(map(test, filled)) / len(filled) if filled else 0.0

    def numeric(text: str) -> bool:
        return bool(_rx(r"^[\d\s.,%‰<>≤≥=~+\-–()/]+$").match(text.strip()))

    start = 0
    if share(0, lambda t: label_rank(t.strip()) is not None or bool(_DASH.fullmatch(t))) > 0.5:
        columns[0].role = "label"
        start = 1
    for j in range(start, width):
        if share(j, lambda t: not numeric(t)) > 0.5:
            columns[j].role = "name"
            break
    else:
        if width > start:
            columns[start].role = "name"
    return columns


class TableReader:
    """Walks one table's rows, opening sections and emitting indicators."""

    def __init__(self, table: Table, tracker: SectionTracker, next_id) -> None:
        self.table = table
        self.tracker = tracker
        self.next_id = next_id
        self.n_header = find_header(table)
        if self.n_header:
            self.columns = header_to_columns(header_texts(table, self.n_header))
        else:
            self.columns = _default_columns(table)
        self.by_role: dict[str, list[Column]] = {}
        for c in self.columns:
            self.by_role.setdefault(c.role, []).append(c)
        self.responsible: str | None = None
        self.table_unit = table.unit  # `Đơn vị tính: Triệu đồng` written above the table
        self.parents: dict[int, Indicator | None] = {}

    def col(self, role: str) -> Column | None:
        cols = self.by_role.get(role)
        return cols[0] if cols else None

    def cell(self, row: Row, role: str) -> str:
        c = self.col(role)
        if c is None or c.index >= len(row.cells):
            return ""
        return row.cells[c.index].text.strip()

    def read(self) -> list[Indicator]:
        out: list[Indicator] = []
        for row in self.table.rows[self.n_header :]:
            indicator = self.read_row(row)
            if indicator is not None:
                out.append(indicator)
        return out

    def read_row(self, row: Row) -> Indicator | None:
        texts = [c.text.strip() for c in row.cells]
        if not any(texts):
            return None
        label = self.cell(row, "label")
        name = self.cell(row, "name")
        others = [t for j, t in enumerate(texts) if t and self.columns[j].role != "label"]

        # A heading written across the row in the number column: "I. Lĩnh vực kinh tế".
        if label and not others:
            heading = parse_label(label)
            if heading is not None:
                self.open_section(heading, row)
                return None
        if label and not name and label_rank(label) is None and not _DASH.fullmatch(label):
            name, label = label, ""  # e.g. "Tổng cộng: I + II" written in the number column

        unit_text = self.cell(row, "unit")
        responsible = self.cell(row, "responsible")
        if responsible:
            self.responsible = responsible  # a merged cell is written once for its block
        values = self.value_cells(row, unit_text)
        has_measure = any(v.role in MEASURE_ROLES for v in values)
        # A one-column table (a layout box on a web page) has no second cell.
        bold = bool(row.cells) and (
            row.cells[0].bold or (not label and len(row.cells) > 1 and row.cells[1].bold)
        )
        rank = label_rank(label) if label else None

        name_dash = _DASH.match(name)
        marker = name_dash.group(1) if name_dash else None
        if name_dash:
            name = name[name_dash.end() :]
        if label in {"-", "–", "+", "•", "*"}:
            marker, rank = label, None

        roman_group = rank in {0, 1} and not values  # "| I | Kinh tế | | |": a group row
        if (bold and rank is not None and not has_measure) or roman_group:
            self.open_section(Heading(label.rstrip("."), name, rank), row)
            return None
        opens_section = bold and rank is not None
        if opens_section:
            self.open_section(Heading(label.rstrip("."), name, rank), row)
        if not name:
            return None

        level = 1 if rank is not None and not marker else (3 if marker == "+" else 2)
        parent = None
        if level > 1 and not (rank is not None and marker):
            parent = self.parents.get(level - 1)
        indicator = Indicator(
            indicator_id=self.next_id(),
            section_id=self.tracker.current.section_id if self.tracker.current else None,
            parent_indicator_id=parent.indicator_id if parent else None,
            label=label or marker,
            name=clean_name(name),
            source="table",
            line_start=row.line_start,
            line_end=row.line_end,
            page=row.page,
            responsible_unit=self.responsible,
            period_hint=name_period(name) or (parent.period_hint if parent else None),
            cells=values,
        )
        if opens_section or (rank is not None and marker):
            # A heading row that carries a target, or a numbered "- item": not a parent.
            self.parents = {1: None, 2: indicator if not opens_section else None}
        else:
            self.parents[level] = indicator
            for deeper in range(level + 1, 4):
                self.parents[deeper] = None
        return indicator

    def value_cells(self, row: Row, unit_text: str) -> list[ValueCell]:
        cells: list[ValueCell] = []
        for column in self.columns:
            if column.role not in VALUE_ROLES or column.index >= len(row.cells):
                continue
            raw = row.cells[column.index].text.strip()
            if not raw or raw in _blank_cells():
                continue  # `-`, `x`: the column has nothing to report for this row
            # the column's own unit (`Tốc độ … (%)`) is more specific than the row's ĐVT
            unit_hint = column.unit_hint or unit_text or self.table_unit
            if column.role in RATIO_ROLES:  # a ratio is a percentage whatever the row's unit
                unit_hint = column.unit_hint or "%"
            cells.append(
                ValueCell(
                    role=column.role,
                    raw=raw,
                    period=column.period,
                    unit_hint=unit_hint,
                    use_name_hint=column.role not in NO_NAME_HINT_ROLES,
                    as_text=column.role == "note",
                )
            )
        return cells

    def open_section(self, heading: Heading, row: Row) -> None:
        self.tracker.open(heading, row.line_start, row.page)
        self.parents = {}


@cache
def _blank_cells() -> frozenset[str]:
    return frozenset(lexicon.load("table_layout")["blank_cells"])


def period_of_header(text: str) -> str | None:
    """`Kết quả thực hiện năm 2023` → `2023`; `Kế hoạch 5 năm 2026 - 2030` → `2026-2030`;
    `Tiến độ, kết quả Giai đoạn 2` → `giai_doan_2`; `TH 2024/TH 2023` → `2024`.

    In a two-level header the lowest title dates the column: `GIAI ĐOẠN 2026 - 2030 /
    Năm 2027` → `2027`."""
    for level in reversed(text.split(" / ")):
        found = _period_of_title(level)
        if found:
            return found
    return None


def _period_of_title(text: str) -> str | None:
    low = text.lower()
    m = _rx(parser_data.load("structure")["stage_pattern"]).search(low)
    if m:
        return f"giai_doan_{m.group(1)}"
    m = _rx(r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})").search(low)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = _rx(r"(?<!\d)((?:19|20)\d{2})(?!\d)").search(low)
    return m.group(1) if m else None


def name_period(name: str) -> str | None:
    """A row name that says `đến năm 2030` or `hằng năm`/`tăng bình quân` dates its values;
    a `giai đoạn` in the name only restates the table's period."""
    for period in find_periods(name):
        if period.label == "annual" or _rx(r"\d{4}").fullmatch(period.label):
            return period.label
    if lexicon.alternation(tuple(parser_data.load("structure")["annual_name_patterns"])).search(
        name
    ):
        return "annual"
    return None


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    name = _rx(r"\s*[.;:,]+$").sub("", name)
    return name.strip()


def table_to_indicators(table: Table, tracker: SectionTracker, next_id) -> list[Indicator]:
    return TableReader(table, tracker, next_id).read()
