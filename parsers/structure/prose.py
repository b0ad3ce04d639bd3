"""Prose → indicator clauses (format-independent).

Plans state many targets in running text: `(1)` numbered lists, `-`/`+` bullets, several
targets in one bullet separated by `;`, `trong đó` sub-targets, `X: a 1%; b 2%` groups.
Stages: `split_clauses` (item text → clauses with their relation to the previous one),
`clause_to_indicator` (a clause with a measurable quantity → name + values).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from re import Pattern

import regex as re

from normalizers import lexicon, parse_quantities
from normalizers.periods import find_periods
from normalizers.quantities import Quantity
from parsers import data as parser_data
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
# A question ends its sentence whatever follows (`… ra sao?" * Tính …`): web articles
# title themselves with one, and a question states no target (`_is_question`).
_SENTENCE_END = re.compile(rf"(?<=[.!?…])\s+(?=[(“\"]?{_UPPER})|(?<=\?[\"”*]*)\s+")
_QUESTION_END = re.compile(r"\?[\s\"”*]*$")


@cache
def _sub_split() -> tuple[Pattern[str], Pattern[str]]:
    """(`;` or `, trong đó` splitter, `trong đó` at the start of a part)."""
    lead = prose_data()["sub_part_lead"]
    return (
        re.compile(rf"[;]\s*|,\s*(?={lead}\b)", re.IGNORECASE),
        re.compile(rf"^{lead}\b", re.IGNORECASE),
    )


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
    for pattern in prose_data()["item_labels"]:
        m = _rx(pattern, re.IGNORECASE).match(line.text)
        if m:
            label = _rx(r"^[-–+•]\s*").sub("", m["label"])
            return Item(label, m["body"], line)
    return Item(None, line.text, line)


def is_subheading(item: Item) -> bool:
    """`* Các chỉ tiêu chủ yếu`, `- Về phát triển nông nghiệp`: short, no number, no period."""
    body = item.body.strip()
    if len(body) > SUBHEADING_MAX_CHARS or _rx(r"\d").search(body):
        return False
    if item.label == "*":
        return True
    heads = lexicon.alternation(tuple(prose_data()["subheading_heads"])).pattern
    opens_topic = _rx(rf"(?i)^(?:{heads})\b").match(body)
    return item.label == "-" and bool(opens_topic) and not body.endswith(".")


def split_clauses(body: str) -> list[Clause]:
    clauses: list[Clause] = []
    for s_index, sentence in enumerate(_SENTENCE_END.split(body)):
        if _QUESTION_END.search(sentence):
            continue  # `… có 25 bộ và 13 địa phương … chi tiết ra sao?`: asks, states nothing
        aside = sentence.strip().startswith("(")
        sentence = _strip_wrapping(sentence)
        sub, trong_do = _sub_split()
        parts = [p for p in sub.split(sentence) if p and p.strip(" ,.;:")]
        for p_index, part in enumerate(parts):
            part = _strip_wrapping(part)
            if not part:
                continue
            if trong_do.match(part):
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
            if text is None or not _time_target(text, q):
                continue
        bare = q.kind == "number" and q.unit is None and q.comparator in {"=", None}
        if bare and text is not None:
            before = text[: quantity_start(text, q)].rstrip().lower()
            if not _rx(rf"(?:{lead.pattern})$").search(before):
                continue
        out.append(q)
    return out


def _time_target(text: str, q: Quantity) -> bool:
    """`mức dự trữ xăng dầu đạt khoảng 90 ngày`, `gấp 30 lần GRDP`: a duration as a target."""
    before = text[: quantity_start(text, q)]
    leads = lexicon.alternation(tuple(prose_data()["time_target_leads"])).pattern
    pattern = _rx(rf"\b(?:{leads})\s*$", re.IGNORECASE)
    return bool(pattern.search(before) or pattern.search(_drop_comparators(before).rstrip()))


@cache
def _measurable_words() -> tuple[frozenset[str], Pattern[str]]:
    data = parser_data.load("structure")
    return frozenset(data["prose_time_units"]), lexicon.alternation(
        tuple(data["prose_number_leads"])
    )


def quantity_start(text: str, q: Quantity) -> int:
    if q.span is not None:
        return q.span[0]
    m = _rx(prose_data()["figure_start"]).search(text)
    return m.start() if m else len(text)


def name_around(text: str, q: Quantity) -> str:
    """The indicator name of a clause: the metric its first quantity measures.

    Plans write a target three ways: `Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP` (the
    metric, a target verb, the figure: named by the words before), `Phấn đấu 100% trạm y
    tế cấp xã được đầu tư …` (the figure counts the object after it) and `Xây dựng 10 mô
    hình trồng trọt` (a task around the figure: both sides, the figure left out). Within the
    words before, `…, tỷ lệ phá án đạt trên 80%` keeps the last comma part that starts like
    an indicator name, and `…, cụ thể: Phấn đấu A đạt …` the words after a list's colon.
    """
    data = parser_data.load("structure")
    start = quantity_start(text, q)
    end = q.span[1] if q.span is not None else start
    before_raw = _after_exhortation(_after_list_intro(_drop_comparators(text[:start])))
    # `1.450 con tăng 105 con so cùng kỳ`: value phrases after a figure name nothing
    object_text = report_phrases.strip_value_phrases(_object_text(text, q, end))
    after = name_after(object_text)
    if q.unit_raw and after.lower() == q.unit_raw.lower():
        # `lúa là 115/116 ha`, `400 người`: the unit alone names nothing, unless it is an
        # object of several words (`có ít nhất 6.000 nghiên cứu sinh`)
        if not _counts_object(q) or len(_words(after)) < 2:
            after = ""
    verb_before = _ends_with_lead(before_raw)
    generic = lexicon.alternation(tuple(data["generic_objects"]))
    first_after = name_after(_rx(r"[,;]").split(object_text)[0])
    if first_after and generic.fullmatch(first_after.lower()):
        # "giao quân đủ 100% chỉ tiêu": the object alone names nothing.
        return strip_fillers(f"{before_raw} {first_after.lower()}")
    before = _named_before(before_raw)
    if verb_before or len(_words(first_after)) < 2:
        return before or after
    if not before:
        return after
    if _starts_with_head(before) or len(before.split()) < 2:
        return before if len(before.split()) >= 2 else after
    # `Xây dựng 10 mô hình trồng trọt`, `trợ giúp pháp lý cho 100% số người …`: a task
    # whose figure stands inside it; its last word (`cho`) belongs to the name
    task = _named_before(before_raw, trailing=False)
    return f"{task} {after[:1].lower()}{after[1:]}"


def _words(text: str) -> list[str]:
    return _rx(r"\p{L}{2,}|\p{Lu}").findall(text)


def _named_before(before_raw: str, *, trailing: bool = True) -> str:
    """The words before a figure as a name: the last comma part that starts like a name."""
    heads = lexicon.alternation(tuple(parser_data.load("structure")["name_heads"]))
    segments = _rx(r"[,;]\s*").split(before_raw)
    for i in range(len(segments) - 1, 0, -1):
        if heads.match(strip_fillers(segments[i])):
            return strip_fillers(", ".join(segments[i:]), trailing=trailing)
    return strip_fillers(before_raw, trailing=trailing)


def _starts_with_head(name: str) -> bool:
    heads = lexicon.alternation(tuple(parser_data.load("structure")["name_heads"]))
    return bool(heads.match(name))


def _drop_comparators(before: str) -> str:
    """`… đạt tối thiểu ` → `… đạt `: the words that qualify the figure belong to it."""
    words = lexicon.alternation(tuple(prose_data()["comparator_words"])).pattern
    return _rx(rf"(?:\s*\b(?:{words}))+\s*$", re.IGNORECASE).sub(" ", before)


def _after_list_intro(before: str) -> str:
    """`Tập trung …, cụ thể: Phấn đấu tổng tỷ suất sinh đạt ` → `Phấn đấu tổng tỷ suất sinh đạt `."""
    head, colon, rest = before.rpartition(":")
    if not colon or len(_words(strip_fillers(rest))) < 2:
        return before
    intros = lexicon.alternation(tuple(prose_data()["list_intros"])).pattern
    long_head = len(head.split()) > GROUP_PREFIX_MAX_WORDS
    if long_head or _rx(rf"(?:{intros})\s*$", re.IGNORECASE).search(head):
        return rest
    return before


def _after_exhortation(before: str) -> str:
    """`Kế hoạch …, phấn đấu đến năm 2028 ` → `phấn đấu đến năm 2028 `."""
    words = lexicon.alternation(tuple(prose_data()["exhortations"])).pattern
    cuts = list(_rx(rf"[,;]\s*(?=(?:{words})\b)", re.IGNORECASE).finditer(before))
    return before[cuts[-1].end() :] if cuts else before


def _object_text(text: str, q: Quantity, end: int) -> str:
    """The words after a figure; a unit that counts things (`10 mô hình trồng trọt`) is the
    head of that object, a measure (`30%`, `1,5 tỷ đồng`) is not."""
    if q.span is not None and not _rx(r"\d").search(text[q.span[0] : q.span[1]]):
        return text[q.span[0] :]  # `không để xảy ra tai nạn …`: the phrase holds the object
    after = text[end:]
    unit_raw = (q.unit_raw or "").strip()
    if (
        q.unit
        and unit_raw
        and "/" not in q.unit
        and q.unit not in prose_data()["measure_units"]
        and _rx(r"^\p{L}[\p{L}\s]*$").match(unit_raw)
    ):
        return f"{unit_raw}{after}"
    return after


def name_after(after: str) -> str:
    """The object named after a figure, up to the words that say why or how."""
    data = prose_data()
    after = _rx(data["leading_figure"], re.IGNORECASE).sub("", after)
    residue = _rx(data["leading_figure_residue"], re.IGNORECASE)
    previous = None
    while previous != after:
        previous, after = after, residue.sub("", after)
    after = _rx(data["leading_negation"], re.IGNORECASE).sub("", after)
    ends = lexicon.alternation(tuple(prose_data()["object_name_ends"])).pattern
    after = _rx(rf"\s(?:{ends})\b.*$", re.IGNORECASE).sub("", after)
    return strip_fillers(after, trailing=False)


def prose_data() -> dict:
    return parser_data.load("prose")


def strip_fillers(text: str, *, trailing: bool = True) -> str:
    data = parser_data.load("structure")
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


@dataclass
class Piece:
    """A part of a clause that states one target: its text and, for a part of a shared
    list (`giảm ít nhất 30% A, 30% B`), the comparator and direction it inherits."""

    text: str
    shared_from: Quantity | None = None


def split_pieces(text: str, quantities: list[Quantity]) -> list[Piece]:
    """A clause holding several targets → one piece per target.

    A new target starts at the last `,` or `và` between two figures when the words after
    it either name a metric before the next figure (`…, tốc độ tăng bình quân 05 - 06%`,
    `… và thành lập mới từ 01 HTX`) or are only a verb or comparator before a figure that
    counts an object of its own (`… và 100% cơ sở cai nghiện …`, `giảm 50% A, giảm 60% B`).
    `đạt 80% … và 100% vào năm 2026` (a second figure of the same target), report phrases
    (`…, đạt 105% kế hoạch`) and figures in parentheses stay with their target.
    """
    cuts: list[tuple[int, bool]] = []
    spans = [q.span for q in quantities]
    if len(quantities) < 2 or any(s is None for s in spans):
        return [Piece(text)]
    for prev, nxt in zip(spans, spans[1:], strict=False):
        gap = text[prev[1] : nxt[0]]
        if _inside_parentheses(text, nxt[0]):
            continue
        seps = list(_rx(r",\s*|\s+và\s+").finditer(gap))
        if not seps:
            continue
        if not _rx(r"\d").search(text[nxt[0] : nxt[1]]):
            continue  # `…, phường trên toàn thành phố không có ma túy`: no new figure
        cut = prev[1] + seps[-1].end()
        lead = _drop_comparators(text[cut : nxt[0]]).strip()
        verbs = lexicon.alternation(tuple(prose_data()["change_verbs"])).pattern
        verb = _rx(rf"^(?:{verbs})\b", re.IGNORECASE).match(lead)
        named = strip_fillers(lead)
        # after a comma two words may be a place of a list (`không có tỉnh, thành phố đạt
        # dưới 60%`); a metric starts with a name head or is longer
        enough = 2 if "," not in seps[-1].group(0) or _starts_with_head(named) else 3
        if verb is None and len(_words(named)) >= enough:
            cuts.append((cut, False))  # `…, tốc độ tăng bình quân 05 - 06%/năm`
        elif not strip_fillers(lead) and not _is_report_verb(lead, seps[-1].group(0)):
            if _names_an_object(text[nxt[1] :]):
                # `30% A, 30% B`: the first figure's verb and comparator hold for B
                cuts.append((cut, not lead))
    if not cuts:
        return [Piece(text)]
    pieces = [Piece(text[: cuts[0][0]].rstrip(" ,"))]
    bounds = [c for c, _ in cuts] + [len(text)]
    for (cut, bare), end in zip(cuts, bounds[1:], strict=False):
        pieces.append(Piece(text[cut:end].rstrip(" ,"), quantities[0] if bare else None))
    # `và` may end the previous piece: `… phát hiện và` is not part of a name
    return [Piece(_rx(r"\s+và$").sub("", p.text), p.shared_from) for p in pieces]


def _counts_object(q: Quantity) -> bool:
    """`08 bộ`, `18 địa phương`: a figure whose unit word is the object it counts."""
    unit_raw = (q.unit_raw or "").strip()
    return bool(
        q.unit
        and "/" not in q.unit
        and q.unit not in prose_data()["measure_units"]
        and _rx(r"^\p{L}[\p{L}\s]*$").match(unit_raw)
    )


def shared_predicate(texts: list[str]) -> tuple[list[str], str] | None:
    """`… có 08 bộ, cơ quan trung ương và 18 địa phương có tỷ lệ giải ngân đạt …`: the
    objects counted by the pieces of a clause and the predicate they share, stated once
    after the last; None unless every piece counts an object and only the last goes on."""
    if len(texts) < 2:
        return None
    starts = lexicon.alternation(tuple(prose_data()["shared_predicate_starts"])).pattern
    objects: list[str] = []
    predicate = None
    for i, text in enumerate(texts):
        found = measurable(parse_quantities(text), text)
        if len(found) != 1 or found[0].span is None or not _counts_object(found[0]):
            return None
        after = _object_text(text, found[0], found[0].span[1])
        m = _rx(rf"\s(?:{starts})\s", re.IGNORECASE).search(after)
        if (m is not None) != (i == len(texts) - 1):
            return None  # an earlier piece with a predicate of its own states its own target
        objects.append(strip_fillers(after[: m.start()] if m else after, trailing=False))
        if m is not None:
            predicate = after[m.start() :].strip(" .;,")
    if predicate is None or any(len(_words(o)) > GROUP_PREFIX_MAX_WORDS for o in objects):
        return None
    return objects, predicate


def is_bare_measure(name: str) -> bool:
    """`Tốc độ`, `Tỷ lệ`: a measure that names no object."""
    bare = lexicon.alternation(tuple(prose_data()["bare_measures"]))
    return bool(bare.fullmatch(name.strip().lower()))


def qualified_measure(piece: str, q: Quantity, previous_name: str) -> str:
    """`…48,3 triệu USD, tốc độ tăng bình quân 05 - 06%/năm` after `tổng giá trị sản phẩm
    trái cây …` → `Tốc độ tăng bình quân (sản phẩm trái cây …)`: the measure as written,
    of the object the clause before measured."""
    words = strip_fillers(_drop_comparators(piece[: quantity_start(piece, q)]), trailing=False)
    return f"{words} ({object_of(previous_name)})"


def object_of(name: str) -> str:
    """`tổng giá trị sản phẩm Xoài tham gia xuất khẩu` → `sản phẩm Xoài tham gia xuất khẩu`."""
    heads = lexicon.alternation(tuple(parser_data.load("structure")["name_heads"]))
    previous = None
    while previous != name:
        previous = name
        m = heads.match(name)
        if m and m.end() < len(name):
            name = name[m.end() :].strip()
    return name[:1].lower() + name[1:]


def _is_report_verb(lead: str, separator: str) -> bool:
    verbs = lexicon.alternation(tuple(prose_data()["report_verbs"]))
    return "," in separator and bool(verbs.fullmatch(lead.strip()))


def _inside_parentheses(text: str, at: int) -> bool:
    return text[:at].count("(") > text[:at].count(")")


def _names_an_object(after: str) -> bool:
    """Whether the words after a figure name what it counts (`100% cơ sở cai nghiện …`),
    not only a period or a comparison (`vào năm 2026`, `kế hoạch`, `so với cùng kỳ`)."""
    tail = _rx(r"[,;]").split(after)[0]
    tail = _rx(prose_data()["comparison_tail"], re.IGNORECASE).sub("", tail)
    name = name_after(tail)
    if len(_words(name)) < 2:
        return False
    generic = lexicon.alternation(tuple(parser_data.load("structure")["generic_objects"]))
    return not generic.match(name)


def inherit(q: Quantity, shared: Quantity) -> Quantity:
    """`giảm ít nhất 30% A, 30% B`: B's figure takes the comparator and direction of A's."""
    changes: dict[str, object] = {}
    if q.change is None and shared.change is not None:
        changes["change"] = shared.change
    whole = q.unit == "%" and (q.value or 0) >= 100  # `trên 80% A và 100% B`: B is all
    if q.kind == "number" and shared.kind == "bound" and q.comparator in {"=", None} and not whole:
        changes["kind"] = "bound"
        changes["comparator"] = shared.comparator
    return replace(q, **changes) if changes else q


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
        # (label, title) of a numbered title line whose targets follow in the next paragraph
        self.pending: tuple[str, str] | None = None

    def read_item(
        self,
        line: Line,
        *,
        section_id: str | None,
        responsible: str | None,
        target_zone: bool,
    ) -> list[Indicator]:
        item = line_to_item(line)
        heading, self.pending = self.pending, None
        if item.label is not None and item.label not in {"+", "-", "*"} and _is_item_title(item):
            # `(1) Lĩnh vực Trồng trọt – Bảo vệ thực vật:` — the paragraph after it states
            # the item's targets
            self.pending = (item.label, _title_text(item.body))
            return []
        if heading is not None and item.label is None:
            item = Item(heading[0], item.body, line)
        titled = self._titled_count(item, heading, line, section_id, responsible)
        if titled is not None:
            self.last_item_indicator = titled
            return [titled]
        out: list[Indicator] = []
        group_parent: Indicator | None = None
        previous: Indicator | None = None
        item_parent = self.last_item_indicator if item.label == "+" else None

        clauses = split_clauses(item.body)
        qualifier = heading[1][:1].lower() + heading[1][1:] if heading and item.label else None
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
                verbs = lexicon.alternation(tuple(prose_data()["figure_verbs"])).pattern
                name = strip_fillers(_rx(rf"\s(?:{verbs})\s").split(clause.text)[0])
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
                elif rest_q and not strip_fillers(_drop_comparators(head)):
                    if _names_an_object(rest[rest_q[0].span[1] :] if rest_q[0].span else ""):
                        # `- Tại địa bàn đô thị: 100% trẻ em …`: a qualifier of the targets
                        # that follow on the line, each named by what it counts
                        qualifier = prefix[:1].lower() + prefix[1:]
                        clause = Clause(rest, clause.relation)
                        quantities, found = rest_q, rest_q
            if not found:
                # `Đến năm 2030, người dân …; 100% trạm y tế …`: a period stated in a clause
                # without a figure still dates the clauses after it
                carried_period = _stated_period(clause.text) or carried_period
                continue
            pieces = [
                # `Năng suất đạt 62 tạ/ha, sản lượng đạt 719 tấn`: one indicator per run
                Piece(text, target.shared_from if i == 0 else None)
                for target in split_pieces(clause.text, found)
                for i, text in enumerate(
                    report_phrases.split_run_in([target.text], report=self.report_zone)
                )
            ]
            shared = shared_predicate([p.text for p in pieces])
            for piece_index, part in enumerate(pieces):
                # `Tổng đàn trâu, bò 1.095 con (Bò 970 con, trâu 125 con)`: parts as sub-rows
                piece, parts = report_phrases.split_parts(part.text, report=self.report_zone)
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
                if shared is not None:  # `08 bộ và 18 địa phương có tỷ lệ … đạt …`
                    name = f"{shared[0][piece_index]} {shared[1]}"
                else:
                    name = name_around(piece, piece_q[0])
                if not name:
                    continue
                if previous is not None and is_bare_measure(name):
                    name = qualified_measure(piece, piece_q[0], previous.name)
                if qualifier:
                    name = f"{name} ({qualifier})"
                # Read again knowing the name: `Số lao động … là 400` → 400 person.
                piece_q = measurable(parse_quantities(piece, name_hint=name), piece) or piece_q
                if part.shared_from is not None:
                    piece_q = [inherit(piece_q[0], part.shared_from), *piece_q[1:]]
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

        if not out and item.label is not None:
            # `(2) Diễn đàn, tọa đàm, hội thảo:` + `Tổ chức 05 cuộc (01 cuộc/năm) …`, or both
            # on one line: the title names the counts its text states
            title, text = (heading[1], item.body) if heading else _title_split(item.body)
            counts = _counts(text) if title else []
            if counts:
                out.append(
                    self._make(
                        title, counts, line, item, section_id, responsible, item_parent, raw=text
                    )
                )
        if not out and target_zone and heading is None and (item.label or "").startswith("("):
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

    def _titled_count(
        self,
        item: Item,
        heading: tuple[str, str] | None,
        line: Line,
        section_id: str | None,
        responsible: str | None,
    ) -> Indicator | None:
        """`(2) Diễn đàn, tọa đàm, hội thảo:` + `Tổ chức 05 cuộc (01 cuộc/năm) …`, on one line
        or two: a numbered title that names the one thing its text counts. A topic title
        (`(1) Lĩnh vực Thủy sản:`) only qualifies the targets after it."""
        if item.label is None or item.label in {"+", "-", "*"}:
            return None
        title, text = (heading[1], item.body) if heading else _title_split(item.body)
        if not title or _is_topic(title):
            return None
        counts = _counts(text)
        units = {q.unit for q in counts}
        measures = prose_data()["measure_units"]
        if not counts or len(units) != 1 or None in units or units & set(measures):
            return None
        return self._make(title, counts, line, item, section_id, responsible, None, raw=text)

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


ITEM_TITLE_MAX_WORDS = 15


def _title_text(text: str) -> str:
    return text.strip().rstrip("* ").rstrip(":").strip()


def _is_item_title(item: Item) -> bool:
    """`(1) Lĩnh vực Trồng trọt – Bảo vệ thực vật:`: a short numbered title, no figure."""
    body = item.body.strip().rstrip("* ")
    title = _title_text(body)
    return (
        body.endswith(":")
        and 0 < len(title.split()) <= ITEM_TITLE_MAX_WORDS
        and not _rx(r"\d").search(title)
    )


def _is_topic(title: str) -> bool:
    """`Lĩnh vực Thủy sản`, `Đối với cha mẹ trẻ em`: a title that says where targets belong."""
    heads = lexicon.alternation(tuple(prose_data()["topic_heads"])).pattern
    return bool(_rx(rf"^(?:{heads})\b", re.IGNORECASE).match(title.strip()))


def _title_split(body: str) -> tuple[str | None, str]:
    """`Chuyên mục Khuyến nông (LSTV): * 60 Chuyên mục …` → (title, figures)."""
    title, colon, rest = body.partition(":")
    title = title.strip()
    if not colon or not title or len(title.split()) > ITEM_TITLE_MAX_WORDS:
        return None, body
    if _rx(r"\d").search(title):
        return None, body
    return strip_fillers(title), rest.strip(" *")


def _counts(text: str) -> list[Quantity]:
    """The figures of the first sentence of a titled item's text (`05 cuộc (01 cuộc/năm)`)."""
    sentence = _SENTENCE_END.split(text.strip())[0] if text.strip() else ""
    return [q for q in parse_quantities(sentence) if q.kind in MEASURABLE]


def _followed_by_aside(clauses: list[Clause], index: int) -> bool:
    return index + 1 < len(clauses) and clauses[index + 1].relation == "aside"


def _stated_period(text: str) -> str | None:
    """The first period phrase of a clause (`Đến năm 2030, …` → `2030`), if any."""
    periods = find_periods(text)
    return periods[0].label if periods else None


def _ends_with_lead(text: str) -> bool:
    """Whether a number lead (`đạt`, `là`, `:` …) ends `text`, the words before a number."""
    lead = lexicon.alternation(tuple(parser_data.load("structure")["prose_number_leads"]))
    return bool(_rx(rf"(?:{lead.pattern})\s*$").search(text.lower()))


def _group_split(text: str) -> tuple[str | None, str]:
    """`Cơ cấu kinh tế: Nông, lâm nghiệp 87%` → ('Cơ cấu kinh tế', 'Nông, lâm nghiệp 87%')."""
    m = _rx(r"^([^:\d]{2,80}?)\s*:\s*(\S.*)$").match(text)
    if not m:
        return None, text
    limit = GROUP_PREFIX_MAX_WORDS
    heads = lexicon.alternation(tuple(prose_data()["qualifier_heads"])).pattern
    if _rx(rf"^(?:{heads})\b", re.IGNORECASE).match(m.group(1)):
        limit = prose_data()["QUALIFIER_MAX_WORDS"]
    if len(m.group(1).split()) > limit:
        return None, text
    return strip_fillers(m.group(1)), m.group(2)


def zone_is_target(title: str, *, inherited: bool) -> bool:
    """Does a heading open (or keep) a zone where every list item is a target?"""
    data = parser_data.load("structure")
    low = title.lower()
    if lexicon.alternation(tuple(data["target_zone_patterns"])).search(low):
        return True
    if lexicon.alternation(tuple(data["non_target_zone_patterns"])).search(low):
        return False
    return inherited
