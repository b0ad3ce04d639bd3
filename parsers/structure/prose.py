"""Prose → indicator clauses (format-independent).

Plans state many targets in running text: `(1)` numbered lists, `-`/`+` bullets, several
targets in one bullet separated by `;`, `trong đó` sub-targets, `X: a 1%; b 2%` groups.
Stages: `split_clauses` (item text → clauses with their relation to the previous one),
`clause_to_indicator` (a clause with a measurable quantity → name + values).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from re import Pattern

import regex as re

from normalizers import lexicon, parse_quantities
from normalizers.periods import find_periods
from normalizers.quantities import Quantity
from parsers.model import Line
from parsers.patterns import BULLET_ITEM, PAREN_ITEM
from parsers.structure import report_phrases
from parsers.structure.records import Indicator, ValueCell

# regex keeps a compile cache, but its lookup costs more than the match here.
_rx = cache(re.compile)

MEASURABLE = {"number", "range", "bound", "fraction"}
SUBHEADING_MAX_CHARS = 90
GROUP_PREFIX_MAX_WORDS = 6
_UPPER = r"[A-ZÀ-ỸĐ]"
_SENTENCE_END = re.compile(rf"(?<=[.!?…])\s+(?=[(“\"]?{_UPPER})")
_SUB = re.compile(r"[;]\s*|,\s*(?=trong đó\b)", re.IGNORECASE)
_TRONG_DO = re.compile(r"^trong đó\b", re.IGNORECASE)


@dataclass
class Clause:
    text: str
    relation: str  # first | sentence | sibling | sub (trong đó) | group_member


@dataclass
class Item:
    label: str | None
    body: str
    line: Line


def line_to_item(line: Line) -> Item:
    m = PAREN_ITEM.match(line.text)
    if m:
        return Item(f"({m['label']})", m["body"], line)
    m = BULLET_ITEM.match(line.text)
    if m:
        return Item(m["label"].replace("–", "-").replace("—", "-"), m["body"], line)
    m = _rx(r"^(\d{1,2})\.\s+(\S.*)$").match(line.text)
    if m:
        return Item(m.group(1), m.group(2), line)
    return Item(None, line.text, line)


def is_subheading(item: Item) -> bool:
    """`* Các chỉ tiêu chủ yếu`, `- Về phát triển nông nghiệp`: short, no number, no period."""
    body = item.body.strip()
    if len(body) > SUBHEADING_MAX_CHARS or _rx(r"\d").search(body):
        return False
    if item.label == "*":
        return True
    return item.label == "-" and bool(_rx(r"(?i)^về\b").match(body)) and not body.endswith(".")


def split_clauses(body: str) -> list[Clause]:
    clauses: list[Clause] = []
    for s_index, sentence in enumerate(_SENTENCE_END.split(body)):
        aside = sentence.strip().startswith("(")
        sentence = _strip_wrapping(sentence)
        parts = [p for p in _SUB.split(sentence) if p and p.strip(" ,.;:")]
        for p_index, part in enumerate(parts):
            part = _strip_wrapping(part)
            if not part:
                continue
            if _TRONG_DO.match(part):
                relation = "sub"
            elif aside:
                relation = "aside"
            elif p_index == 0:
                relation = "first" if s_index == 0 else "sentence"
            else:
                relation = "sibling"
            clauses.append(Clause(part, relation))
    return clauses


def _strip_wrapping(text: str) -> str:
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    elif text.startswith("(") and ")" not in text:
        text = text[1:]
    elif text.endswith(")") and "(" not in text:
        text = text[:-1]
    return text.strip(" ,;")


def measurable(quantities: list[Quantity], text: str | None = None) -> list[Quantity]:
    """The quantities of a clause that state a target.

    Running text is full of numbers that are not targets: `Đề án 06`, `Trung ương 6`,
    `sơ kết 6 tháng`. A bare number counts only when a target verb (`đạt`, `là`) stands
    right before it; durations and schedules (months, days, times) never count.
    """
    time_units, lead = _measurable_words()
    out = []
    for q in quantities:
        if q.kind not in MEASURABLE:
            continue
        if q.unit and q.unit.split("/")[0] in time_units:
            continue
        bare = q.kind == "number" and q.unit is None and q.comparator in {"=", None}
        if bare and text is not None:
            before = text[: quantity_start(text, q)].rstrip().lower()
            if not _rx(rf"(?:{lead.pattern})$").search(before):
                continue
        out.append(q)
    return out


@cache
def _measurable_words() -> tuple[frozenset[str], Pattern[str]]:
    data = lexicon.load("structure")
    return frozenset(data["prose_time_units"]), lexicon.alternation(
        tuple(data["prose_number_leads"])
    )


def quantity_start(text: str, q: Quantity) -> int:
    if q.span is not None:
        return q.span[0]
    m = _rx(r"(?:khoảng|trên|dưới|từ|ít nhất|tối thiểu|tối đa|[<>≥≤])?\s*\d").search(text)
    return m.start() if m else len(text)


def name_around(text: str, q: Quantity) -> str:
    """The indicator name of a clause: the words before its first quantity, or after it.

    `X đạt 80%` and `X 1,6 tỷ đồng.` name X (nothing follows the quantity, or a target
    verb precedes it); `duy trì 04 hợp tác xã hiện có`, `có trên 85% hồ sơ … trực tuyến`
    name what follows. Within the words before, `…, tỷ lệ phá án đạt trên 80%` keeps the
    last comma part that starts like an indicator name.
    """
    data = lexicon.load("structure")
    start = quantity_start(text, q)
    end = q.span[1] if q.span is not None else start
    before_raw = text[:start]
    tail = _rx(r"[,;]").split(text[end:])[0]
    tail = _rx(r"\([^)]*\)?|[%‰]\S*|\btrở (?:lên|xuống)\b|\bso với.*|\bkế hoạch.*").sub("", tail)
    tail = report_phrases.strip_value_phrases(tail)  # `1.450 con tăng 105 con so cùng kỳ`
    nothing_after = not _rx(r"\p{L}{2,}").search(tail)
    verb_before = _ends_with_lead(before_raw)
    after = name_after(text[start:])
    if q.unit_raw and after.lower() == q.unit_raw.lower():
        after = ""  # `lúa là 115/116 ha`: the unit alone names nothing
    generic = lexicon.alternation(tuple(data["generic_objects"]))
    if after and generic.fullmatch(_rx(r"[,;]").split(after)[0].strip().lower()):
        # "giao quân đủ 100% chỉ tiêu": the object alone names nothing.
        return strip_fillers(f"{before_raw} {re.split(r'[,;]', after)[0].lower()}")
    if not nothing_after and not verb_before and after:
        return after
    segments = _rx(r"[,;]\s*").split(before_raw)
    heads = lexicon.alternation(tuple(data["name_heads"]))
    for i in range(len(segments) - 1, 0, -1):
        if heads.match(segments[i].strip()):
            return strip_fillers(", ".join(segments[i:]))
    before = strip_fillers(before_raw)
    if len(before.split()) >= 2 or not after:
        return before
    return after


_LEADING_QUANTITY = re.compile(
    r"^\W*(?:(?:khoảng|trên|dưới|từ|ít nhất|tối thiểu|tối đa|đạt|hơn)\s+)*"
    r"[<>≥≤]?\s*[\d.,/]+\s*(?:%|‰)?(?:\s*trở lên)?\s*",
    re.IGNORECASE,
)
_LEADING_NEGATION = re.compile(
    r"(?i)^(?:không (?:còn|có|để (?:xảy ra|phát sinh|hình thành))|không)\s+"
)


def name_after(after: str) -> str:
    after = _LEADING_QUANTITY.sub("", after)
    after = _LEADING_NEGATION.sub("", after)
    return strip_fillers(after, trailing=False)


def strip_fillers(text: str, *, trailing: bool = True) -> str:
    data = lexicon.load("structure")
    leading = lexicon.alternation(tuple(data["name_leading_fillers"]))
    tail = lexicon.alternation(tuple(data["name_trailing_fillers"])).pattern
    trailing_re = _rx(rf"(?:^|\s)(?:{tail})\s*[:,]?$", re.IGNORECASE)
    leading_re = _rx(rf"^(?:{leading.pattern})(?:\s+|[,:]\s*|$)", re.IGNORECASE)
    text = " ".join(text.split()).strip(" ,.;:-–(")
    changed = True
    while changed and text:
        changed = False
        m = leading_re.match(text)
        if m and m.end() > 0:
            text = text[m.end() :].strip(" ,.;:-–")
            changed = True
        m = trailing_re.search(text) if trailing else None
        if m:
            text = text[: m.start()].strip(" ,.;:-–")
            changed = True
    text = text.strip(" ,.;:-–(")
    return text[:1].upper() + text[1:] if text else text


def split_on_va(text: str, quantities: list[Quantity]) -> list[str]:
    """`duy trì 03 trường … và phấn đấu xây dựng thêm 01 trường` → two clauses.

    Only when the words after `và` name something before their own number; `đạt 80% …
    và 100% vào năm 2026` stays one clause with two values.
    """
    if len(quantities) < 2 or quantities[1].span is None or quantities[0].span is None:
        return [text]
    between_start, between_end = quantities[0].span[1], quantities[1].span[0]
    matches = list(_rx(r"\svà\s").finditer(text[between_start:between_end]))
    if not matches:
        return [text]
    m = matches[-1]
    cut = between_start + m.start()
    words_after = text[cut + len(m.group(0)) : between_end].split()
    if len(words_after) < 2:
        return [text]
    return [text[:cut], text[cut + len(m.group(0)) :]]


class ProseReader:
    """Turns the prose lines of a document into indicators, item by item."""

    def __init__(self, next_id, *, default_role: str = "target") -> None:
        self.next_id = next_id
        # Plans state targets; reports state results ("ước đạt", "thực hiện được").
        self.default_role = default_role
        # Results zone (True), targets zone (False) or unknown (None: each clause decides);
        # set per section by the structure stage (report_phrases.ReportZones).
        self.report_zone: bool | None = default_role != "target"
        self.last_item_indicator: Indicator | None = None

    def read_item(
        self,
        line: Line,
        *,
        section_id: str | None,
        responsible: str | None,
        target_zone: bool,
    ) -> list[Indicator]:
        item = line_to_item(line)
        out: list[Indicator] = []
        group_parent: Indicator | None = None
        previous: Indicator | None = None
        item_parent = self.last_item_indicator if item.label == "+" else None

        clauses = split_clauses(item.body)
        carried_period = item_parent.period_hint if item_parent else None
        for index, clause in enumerate(clauses):
            if clause.relation in {"first", "sentence"}:
                group_parent = None
            quantities = parse_quantities(clause.text)
            found = measurable(quantities, clause.text)
            if not found:  # `năm 2024 xếp thứ 05 cả nước về Chỉ số chuyển đổi số`
                found = report_phrases.ranks(clause.text, report=self.report_zone)
            if not found and clause.relation == "first" and _followed_by_aside(clauses, index):
                # "(3) … đạt triệu đồng/ha/năm. (Đất trồng trọt đạt 150 …; …)": a parent
                # whose figures are given in the aside that follows.
                name = strip_fillers(_rx(r"\s(?:đạt|là|tăng|giảm)\s").split(clause.text)[0])
                if name:
                    group_parent = self._make(
                        name, [], line, item, section_id, responsible, item_parent
                    )
                    # `Đến năm 2030, …` dates the figures of the aside too
                    stated = _stated_period(clause.text)
                    if stated:
                        group_parent.period_hint = carried_period = stated
                    out.append(group_parent)
                continue
            prefix, rest = _group_split(clause.text)
            if prefix and found:
                rest_q = measurable(parse_quantities(rest), rest)
                head = rest[: quantity_start(rest, rest_q[0])] if rest_q else ""
                if rest_q and len(strip_fillers(head).split()) >= 2:
                    if _ends_with_lead(head):
                        # `Chăn nuôi : Tổng đàn lợn đạt 13.120 con; …`: a topic label before
                        # targets that state themselves, not a measure made of parts
                        clause = Clause(rest, clause.relation)
                    else:  # `Cơ cấu kinh tế: Nông, lâm nghiệp 87%; …`: a measure's parts
                        group_parent = self._make(
                            prefix, [], line, item, section_id, responsible, item_parent
                        )
                        out.append(group_parent)
                        clause = Clause(rest, "group_member")
                    quantities, found = rest_q, rest_q
            if not found:
                # `Đến năm 2030, người dân …; 100% trạm y tế …`: a period stated in a clause
                # without a figure still dates the clauses after it
                carried_period = _stated_period(clause.text) or carried_period
                continue
            pieces = split_on_va(clause.text, found)
            # `Năng suất đạt 62 tạ/ha, sản lượng đạt 719 tấn`: one indicator per run
            pieces = report_phrases.split_run_in(pieces, report=self.report_zone)
            for whole in pieces:
                # `Tổng đàn trâu, bò 1.095 con (Bò 970 con, trâu 125 con)`: parts as sub-rows
                piece, parts = report_phrases.split_parts(whole, report=self.report_zone)
                piece_q = (
                    found
                    if len(pieces) == 1 and not parts
                    else measurable(parse_quantities(piece), piece)
                )
                if not piece_q:
                    continue
                if out and report_phrases.continues_previous(piece, report=self.report_zone):
                    # `… lúa là 115/116 ha. Đạt 99,13% so với kế hoạch.`: no name of its own
                    out[-1].cells.extend(self._cells(piece, piece_q))
                    continue
                parent = item_parent
                if clause.relation == "sub" and previous is not None:
                    parent = previous
                elif group_parent is not None and clause.relation in {
                    "group_member",
                    "sibling",
                    "aside",
                }:
                    parent = group_parent
                name = name_around(piece, piece_q[0])
                if not name:
                    continue
                # Read again knowing the name: `Số lao động … là 400` → 400 person.
                piece_q = measurable(parse_quantities(piece, name_hint=name), piece) or piece_q
                indicator = self._make(
                    name, piece_q, line, item, section_id, responsible, parent, raw=piece
                )
                # "Hằng năm, A đạt 90%; B đạt trên 60%": a period stated once holds for the
                # clauses after it and for sub-targets, until another is stated.
                own = next((q.period for q in piece_q if q.period), None)
                if own is None:
                    own = (parent.period_hint if parent else None) or carried_period
                indicator.period_hint = own
                carried_period = own
                out.append(indicator)
                out.extend(self._parts(parts, indicator, line, item, section_id, responsible))
                if clause.relation != "sub":
                    previous = indicator

        if not out and target_zone and item.label is not None and item.label.startswith("("):
            quantities = parse_quantities(item.body)
            if quantities:
                name = strip_fillers(item.body.rstrip("."))
                out.append(
                    self._make(
                        name,
                        quantities[:1],
                        line,
                        item,
                        section_id,
                        responsible,
                        item_parent,
                        raw=item.body,
                    )
                )
        if out and item.label != "+":
            self.last_item_indicator = next(
                (i for i in out if i.parent_indicator_id is None), out[0]
            )
        return out

    def _make(
        self,
        name: str,
        quantities: list[Quantity],
        line: Line,
        item: Item,
        section_id: str | None,
        responsible: str | None,
        parent: Indicator | None,
        raw: str | None = None,
    ) -> Indicator:
        cells = self._cells(raw or name, quantities)
        return Indicator(
            indicator_id=self.next_id(),
            section_id=section_id,
            parent_indicator_id=parent.indicator_id if parent else None,
            label=item.label,
            name=name,
            source="prose",
            line_start=line.line_start,
            line_end=line.line_end,
            page=line.page,
            responsible_unit=responsible,
            cells=cells,
        )

    def _parts(
        self,
        parts: list[str],
        parent: Indicator,
        line: Line,
        item: Item,
        section_id: str | None,
        responsible: str | None,
    ) -> list[Indicator]:
        out = []
        for part in parts:
            found = measurable(parse_quantities(part), part)
            name = name_around(part, found[0]) if found else ""
            if name:
                sub = self._make(name, found, line, item, section_id, responsible, parent, raw=part)
                sub.period_hint = parent.period_hint
                out.append(sub)
        return out

    def _cells(self, text: str, quantities: list[Quantity]) -> list[ValueCell]:
        cells: list[ValueCell] = []
        for value in report_phrases.clause_values(
            text, quantities, self.default_role, report=self.report_zone
        ):
            role, q = value.role, value.quantity
            if cells and cells[-1].role == role:
                cells[-1].quantities.append(q)
            else:
                cells.append(ValueCell(role=role, raw=text, quantities=[q]))
        return cells


def role_of(text: str, q: Quantity, default: str) -> str:
    """`đạt 105% kế hoạch` is a ratio to plan, `tăng 8% so với cùng kỳ` a ratio to the
    previous period (in reports; a plan's `đạt 100% kế hoạch` is its target); other
    quantities take the document's default role."""
    if default == "target" or q.span is None or q.unit != "%":
        return default
    after = text[q.span[1] : q.span[1] + 40].lower()
    for rule in lexicon.load("structure")["prose_roles"]:
        if lexicon.alternation(tuple(rule["after"])).match(after.lstrip(" ,")):
            return rule["role"]
    return default


def _followed_by_aside(clauses: list[Clause], index: int) -> bool:
    return index + 1 < len(clauses) and clauses[index + 1].relation == "aside"


def _stated_period(text: str) -> str | None:
    """The first period phrase of a clause (`Đến năm 2030, …` → `2030`), if any."""
    periods = find_periods(text)
    return periods[0].label if periods else None


def _ends_with_lead(text: str) -> bool:
    """Whether a number lead (`đạt`, `là`, `:` …) ends `text`, the words before a number."""
    lead = lexicon.alternation(tuple(lexicon.load("structure")["prose_number_leads"]))
    return bool(_rx(rf"(?:{lead.pattern})\s*$").search(text.lower()))


def _group_split(text: str) -> tuple[str | None, str]:
    """`Cơ cấu kinh tế: Nông, lâm nghiệp 87%` → ('Cơ cấu kinh tế', 'Nông, lâm nghiệp 87%')."""
    m = _rx(r"^([^:\d]{2,80}?)\s*:\s*(\S.*)$").match(text)
    if not m or len(m.group(1).split()) > GROUP_PREFIX_MAX_WORDS:
        return None, text
    return strip_fillers(m.group(1)), m.group(2)


def zone_is_target(title: str, *, inherited: bool) -> bool:
    """Does a heading open (or keep) a zone where every list item is a target?"""
    data = lexicon.load("structure")
    low = title.lower()
    if lexicon.alternation(tuple(data["target_zone_patterns"])).search(low):
        return True
    if lexicon.alternation(tuple(data["non_target_zone_patterns"])).search(low):
        return False
    return inherited
