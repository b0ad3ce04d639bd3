"""Report paragraphs: the role of each value in a results clause.

A results clause states one indicator with several values of different roles:
`Tổng thu ngân sách ước đạt 47,5 nghìn tỷ đồng, bằng 117,6% dự toán, tăng 8% so với
cùng kỳ (cả nước tăng 5%)` holds the level (`actual`), a `ratio_to_plan`, a
`ratio_to_previous` and a benchmark (`note`). The roles follow the annotation conventions
(gold README, "Report phrases"): a percentage is read against the words around it, an
absolute delta (`tăng 850 con so với cùng kỳ`) is a note, `x/y ha` is result over plan,
evaluation words (`vượt kịch bản đề ra`) are boolean notes.

Whether a clause reports at all comes from its zone (`I. ĐÁNH GIÁ CHUNG` vs `II. NHIỆM VỤ,
GIẢI PHÁP`), the document (a report, or an untyped text full of report phrases), or, in
an untyped text, the clause's own report cues. In plans every value stays a target.
All words come from `parsers/data/report_phrases.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import regex as re

from normalizers import parse_quantities
from normalizers.annotation import starts_a_change
from normalizers.lexicon import read_yaml
from normalizers.quantities import Quantity

DATA_FILE = Path(__file__).parent.parent / "data" / "report_phrases.yaml"
REPORT_ROLE = "actual"
REPORT_DOC_TYPES = {"bao_cao", "bieu"}
PLAN_DOC_TYPES = {"ke_hoach", "phu_luc", "chuong_trinh"}
PLAN_ROLE = "target"
BASELINE_ROLE = "baseline"  # where a change starts: `từ 2 lên 3`
# How far around a figure its role words are looked for (characters).
AFTER_WINDOW = 60
BEFORE_WINDOW = 80


@dataclass(frozen=True)
class RoledValue:
    role: str
    quantity: Quantity


@cache
def _data() -> dict[str, Any]:
    return read_yaml(DATA_FILE)


@cache
def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _alt(key: str) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in _data()[key]) + ")"


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


# --- where reports are -----------------------------------------------------------------


def count_cues(text: str) -> tuple[int, int]:
    """(report cues, plan cues) in a text."""
    low = _norm(text)
    report = sum(len(_rx(p).findall(low)) for p in _data()["report_cues"])
    plan = sum(len(_rx(p).findall(low)) for p in _data()["plan_cues"])
    return report, plan


def reads_as_report(text: str) -> bool:
    """Does a document of unknown type read as a results report?

    `Tổng đàn gia cầm 49.550 con, tăng 850 con so với cùng kỳ … Ước thu từ trồng trọt …`
    does; a plan (`phấn đấu đến năm 2030 …`) does not, even with a results paragraph.
    """
    report, plan = count_cues(text)
    return report >= _data()["min_report_cues"] and report > plan


def zone_role(title: str) -> str | None:
    """The role of prose under a heading: results (`ĐÁNH GIÁ CHUNG`, `Về tình hình kết quả
    …`) → `actual`, tasks (`NHIỆM VỤ, GIẢI PHÁP …`, `KIẾN NGHỊ`) → `target`, else None."""
    low = _norm(title)
    if _rx(_alt("report_zone_titles")).search(low):
        return REPORT_ROLE
    if _rx(_alt("plan_zone_titles")).search(low):
        return PLAN_ROLE
    return None


def is_report_clause(text: str) -> bool:
    """A clause with a report cue and no plan cue (`đạt 56,6% kế hoạch`, `so với cùng kỳ`)."""
    report, plan = count_cues(text)
    return report > 0 and plan == 0


@dataclass
class ReportZones:
    """Which parts of a document report results: the document's type or cues, then each
    heading (`I. ĐÁNH GIÁ CHUNG` → results, `II. NHIỆM VỤ, GIẢI PHÁP` → targets), inherited
    by its sub-sections. `report` is True (results), False (targets) or None (unknown:
    each clause decides from its own cues)."""

    doc_report: bool | None
    by_section: dict[str, bool | None]

    @classmethod
    def for_document(cls, doc_type: str | None, text: str) -> ReportZones:
        if doc_type in REPORT_DOC_TYPES:
            return cls(True, {})
        if doc_type in PLAN_DOC_TYPES:
            return cls(False, {})
        return cls(True if reads_as_report(text) else None, {})

    def enter(self, section_id: str, parent_id: str | None, title: str) -> bool | None:
        """The zone of a section just opened; remembered for its sub-sections."""
        role = zone_role(title)
        if role is not None:
            report = role == REPORT_ROLE
        else:
            report = self.by_section.get(parent_id or "", self.doc_report)
        self.by_section[section_id] = report
        return report

    @staticmethod
    def default_role(report: bool | None) -> str:
        return REPORT_ROLE if report else PLAN_ROLE


# --- roles in one clause ---------------------------------------------------------------


def clause_values(
    text: str, quantities: list[Quantity], default_role: str, *, report: bool | None = None
) -> list[RoledValue]:
    """The values of a clause with their roles, in text order.

    `report` says whether the clause stands in a results context (True), a plan (False)
    or an untyped one (None: decided by the clause's own cues). In a plan every quantity
    keeps `default_role`.
    """
    if report is None:
        report = default_role != PLAN_ROLE or is_report_clause(text)
    starts = _change_starts(text, quantities)
    if not report:
        return [
            RoledValue(BASELINE_ROLE if i in starts else default_role, q)
            for i, q in enumerate(quantities)
        ]
    level_role = REPORT_ROLE if default_role == PLAN_ROLE else default_role
    out: list[RoledValue] = []
    spans: list[tuple[int, RoledValue]] = []
    skip: set[int] = set()
    for i, q in enumerate(quantities):
        if i in skip:
            continue
        pair = _result_over_plan(text, quantities, i)
        if pair is not None:
            actual, plan, used = pair
            skip.update(used)
            spans.append((_start(q), RoledValue(level_role, actual)))
            spans.append((_start(q), RoledValue("plan", plan)))
            continue
        role = (
            BASELINE_ROLE
            if i in starts
            else role_of(text, q, level_role, previous=out[-1].role if out else None)
        )
        value = RoledValue(role, q)
        out.append(value)
        spans.append((_start(q), value))
    spans.extend((start, RoledValue("note", q)) for start, q in evaluations(text))
    taken = {q.span for q in quantities}
    for rank in ranks(text, report=True):
        if rank.span not in taken:  # `đứng thứ 04/34 tỉnh` after the level: a note
            spans.append((_start(rank), RoledValue("note" if out else level_role, rank)))
    spans.sort(key=lambda s: s[0])
    return [v for _, v in spans]


def _change_starts(text: str, quantities: list[Quantity]) -> set[int]:
    """`tăng … từ 2 lên 3`, `giảm từ 4,4% năm 2021 xuống còn 1,3%`: the figures a change starts
    from are the baseline of the figure it reaches."""
    return {
        i
        for i, (q, nxt) in enumerate(zip(quantities, quantities[1:], strict=False))
        if q.span is not None and nxt.span is not None and starts_a_change(text, q.span, nxt.span)
    }


def role_of(text: str, q: Quantity, level_role: str, *, previous: str | None = None) -> str:
    """The role of one quantity of a results clause, from the words around it."""
    if q.span is None:
        return level_role
    d = _data()
    start, end = q.span
    after = _norm(text[end : end + AFTER_WINDOW]).lstrip(" ,")
    before = _norm(text[max(0, start - BEFORE_WINDOW) : start])
    percent = q.unit == "%"
    lead = d["comparison_lead"]
    plan_ref = _alt("plan_refs")
    prev_ref = _alt("previous_refs")

    if _rx(d["residual_lead"]).search(before) and previous:
        return previous  # `giảm 3% (còn 7%)`
    if previous is not None and _is_benchmark(before):
        return "note"
    equivalent = rf"(?:{_alt('equivalent_words')})\s+(?:{_alt('equivalent_directions')})?\s*$"
    if _rx(rf"^{equivalent}").search(_last_part(before)) or _rx(rf"\({equivalent}").search(before):
        return "note"  # `(tương đương tăng 23,55 nghìn tấn)`
    if _rx(rf"^(?:{lead})?{plan_ref}").match(after):
        return "ratio_to_plan" if percent else "note"  # `vượt 1,5 ha so với KH`
    if _rx(rf"^{lead}{prev_ref}").match(after):
        return "ratio_to_previous" if percent or _is_times(q) else "note"
    if percent and _rx(d["ratio_equals_before"]).search(before):
        return "ratio_to_plan"  # `971/876 = 110,8%`
    if percent and _rx(rf"{lead}{plan_ref}[^,;()%]{{0,60}}?{d['ratio_lead_after_plan']}").search(
        before
    ):
        return "ratio_to_plan"  # `so với kế hoạch … giao chỉ đạt 41,97%`
    if _rx(rf"\(\s*{plan_ref}[^()]{{0,40}}$").search(before):
        return "plan"  # `(kế hoạch: 4.200 tỷ đồng)`, `(kế hoạch 9,22%)`
    if _rx(rf"{plan_ref}[^,;%()]{{0,80}}?\(\s*$").search(before):
        return "plan"  # `so với kịch bản tăng trưởng … của tỉnh (7,4%)`
    if not percent and _rx(rf"{plan_ref}[^,;%\d]{{0,80}}?{d['plan_figure_lead']}").search(
        _since_figure(before)
    ):
        return "plan"  # `kế hoạch Thủ tướng Chính phủ giao (913.216,2 tỷ đồng)`
    if _rx(d["direction_before"]).search(before):
        if percent:
            return "ratio_to_previous"  # `xuất khẩu tăng 18,3%`
        if previous is not None:
            return "note"  # `Tổng đàn lợn 1.450 con tăng 105 con`
    return level_role


def evaluations(text: str) -> list[tuple[int, Quantity]]:
    """Evaluation words of a results clause as boolean quantities, with their positions:
    `vượt kịch bản đề ra` → True, `không đạt mục tiêu` → False; not `đạt 88,9% mục tiêu`
    (a figure) nor `phấn đấu đạt kế hoạch` (a target)."""
    d = _data()
    out: list[tuple[int, Quantity]] = []
    blockers = _rx(_alt("evaluation_blockers"))
    for m in _rx(rf"(?<![\p{{L}}\d])(?:{d['evaluation']})").finditer(text):
        before = _last_part(text[: m.start()])
        if blockers.search(before.lower()):
            continue
        phrase = _phrase_at(text, m.start())
        value = 0.0 if m["neg"] else 1.0
        out.append(
            (m.start(), Quantity(kind="boolean", raw=text, value=value, text=phrase, span=m.span()))
        )
    return out


def ranks(text: str, *, report: bool | None) -> list[Quantity]:
    """Ranks of a results clause: `xếp thứ 05 cả nước` → 5 `rank`, `đứng thứ 04/34 tỉnh`
    → the fraction 4/34. Only in results contexts (a plan's `thứ 2` is an ordinal)."""
    if report is False or (report is None and not is_report_clause(text)):
        return []
    out = []
    d = _data()
    for m in _rx(d["rank"]).finditer(text):
        n = float(m["n"])
        span = (m.start("n"), m.end("of") if m["of"] else m.end("n"))
        if m["of"]:
            q = Quantity(kind="fraction", raw=text, value=n, denominator=float(m["of"]), span=span)
        else:
            q = Quantity(
                kind="number",
                raw=text,
                comparator="=",
                value=n,
                value_min=n,
                value_max=n,
                unit=d["rank_unit"],
                span=span,
            )
        out.append(q)
    return out


def strip_value_phrases(text: str) -> str:
    """The words after a figure without the value phrases that follow it, which name no
    indicator: `tăng 105 con so với 6 tháng đầu năm 2020` → ``, `, so cùng kỳ` → `,`."""
    d = _data()
    text = _rx(rf"\b{d['comparison_lead']}(?:{_alt('previous_refs')}|{_alt('plan_refs')}).*$").sub(
        "", text
    )
    # `, đạt 104,2% kế hoạch năm`: the reference after a value phrase goes with it
    ref = rf"(?:\s*(?:{d['comparison_lead']})?(?:{_alt('plan_refs')}|{_alt('previous_refs')})[^,;()\d]*?(?=\s+và\b|[,;()]|$))?"
    text = _rx(d["value_phrase"] + ref).sub("", text)
    # `lao động, đạt 126% kế hoạch và tăng 8,8% …` leaves `lao động, và`: the link goes too
    return _rx(rf"(?:[\s,;]+(?:{_alt('trailing_links')})?)+$").sub("", text)


# --- run-in report sentences --------------------------------------------------------


def split_run_in(pieces: list[str], *, report: bool | None) -> list[str]:
    """Each clause of a results context cut where a new indicator starts.

    `Diện tích gieo trồng 33/ 31,5 ha vượt 1,5 ha so với KH, năng suất đạt 30tạ/ha, sản
    lượng đạt 99 tấn` → three clauses; `… đạt 10,22%, vượt kịch bản đề ra` and
    `… 47,5 nghìn tỷ đồng, bằng 117,6% dự toán` stay one (the words after the comma continue
    the indicator's values).
    """
    out: list[str] = []
    for piece in pieces:
        if report is False or (report is None and not is_report_clause(piece)):
            out.append(piece)
            continue
        out.extend(_run_in(piece))
    return out


def continues_previous(text: str, *, report: bool | None) -> bool:
    """A results sentence with no name of its own: `Đạt 99,13% so với kế hoạch.`"""
    if report is False or (report is None and not is_report_clause(text)):
        return False
    return bool(_rx(_data()["continuation_start"]).match(text))


def split_parts(text: str, *, report: bool | None) -> tuple[str, list[str]]:
    """`Tổng đàn trâu, bò 1.095 con ( Bò 970con, trâu 125con)` → the head clause and its
    parts, each a short name and its figure (sub-indicators of the head). Not a benchmark,
    a plan or a change in parentheses (`(kế hoạch 9%)`, `(tăng 5% so cùng kỳ)`)."""
    if report is False or (report is None and not is_report_clause(text)):
        return text, []
    m = _rx(r"^(?P<head>.*\d[^()]*?)\s*\((?P<inner>[^()]+)\)\s*[.;,]?\s*$").match(text)
    if m is None:
        return text, []
    parts = [p.strip() for p in _rx(r"[,;]").split(m["inner"]) if p.strip()]
    if len(parts) < 2 or not all(_is_part(p) for p in parts):
        return text, []
    return m["head"].strip(), parts


def _is_part(part: str) -> bool:
    m = _rx(
        r"^(?P<name>\p{L}[^\d()%]{0,40}?)\s*(?:là\s+|có\s+|đạt\s+)?\d[\d.,]*\s*\p{L}*\s*$"
    ).match(part)
    if m is None:
        return False
    name = _norm(m["name"])
    refs = f"{_alt('run_in_continuations')}|{_alt('plan_refs')}|{_alt('benchmark_words')}"
    return not _rx(rf"^(?:{refs})(?!\p{{L}})").match(name)


def _run_in(text: str) -> list[str]:
    if _rx(_data()["run_in_conditions"]).match(text):
        return [text]
    quantities = [q for q in parse_quantities(text) if q.span is not None and _is_figure(q)]
    if len(quantities) < 2:
        return [text]
    candidates = sorted(
        {m.end() for m in _rx(r"[,;]").finditer(text)}
        | {q.span[1] for q in quantities[:-1] if q.unit is not None}
    )
    cuts: list[int] = []
    last = 0
    for cut in candidates:
        has_before = any(last <= q.span[0] and q.span[1] <= cut for q in quantities)
        if has_before and _starts_indicator(text[cut:]):
            cuts.append(cut)
            last = cut
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    parts = [text[a:b].strip(" ,;") for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if p]


def _starts_indicator(rest: str) -> bool:
    d = _data()
    m = _rx(rf"^\s*(?P<name>[^\d,;()%:]{{2,80}}?)\s*{d['run_in_leads']}\s*\d").match(rest)
    if m is None:
        # `…, sản lượng 46.8 tạ/ha`: a name head, then straight the figure
        m = _rx(rf"^\s*(?P<name>(?:{_alt('run_in_heads')})[^\d,;()%:]{{0,60}}?)\s*\d").match(rest)
    if m is None:
        return False
    name = _rx(d["run_in_estimate"]).sub("", _norm(m["name"]))
    if not _rx(r"\p{L}{2,}").search(name):
        return False
    starts = f"{_alt('run_in_continuations')}|{_alt('plan_refs')}|{_alt('previous_refs')}"
    return not _rx(rf"^(?:{starts})(?!\p{{L}})").match(name)


def _is_figure(q: Quantity) -> bool:
    time_units = {"month", "day", "year", "time", "hour", "week", "quarter"}
    if q.kind not in {"number", "range", "bound", "fraction"}:
        return False
    return not (q.unit and q.unit.split("/")[0] in time_units)


# --- helpers ---------------------------------------------------------------------------


def _result_over_plan(
    text: str, quantities: list[Quantity], i: int
) -> tuple[Quantity, Quantity, set[int]] | None:
    """`115/116 ha`, `33/ 31,5 ha`, `971/876`: (result, plan, indices used), else None.

    A fraction of amounts (hectares, tonnes, heads) or one whose numerator exceeds its
    denominator is a result over its plan; `56/93 nhiệm vụ` (items out of a whole) is not.
    """
    q = quantities[i]
    amount_units = set(_data()["amount_units"])
    if q.kind == "fraction" and q.denominator is not None and q.value is not None:
        base = (q.unit or "").split("/")[0]
        if base in amount_units or (q.unit is None and q.value > q.denominator):
            plan = replace(q, kind="number", comparator="=", value=q.denominator, denominator=None)
            actual = replace(q, kind="number", comparator="=", denominator=None)
            return actual, plan, {i}
        return None
    if q.span is None or q.kind != "number":
        return None
    nxt = _partner(text, quantities, i)
    if nxt is None:
        return None
    if nxt.span is None or nxt.kind != "number" or "%" in {q.unit, nxt.unit}:
        return None
    if not _rx(r"^\s*/\s*$").match(text[q.span[1] : nxt.span[0]]):
        return None
    if q.unit is not None and nxt.unit is not None and q.unit != nxt.unit:
        return None
    unit = q.unit or nxt.unit
    used = {i} | {j for j, other in enumerate(quantities) if other.span == nxt.span}
    return replace(q, unit=unit), replace(nxt, unit=unit), used


def _partner(text: str, quantities: list[Quantity], i: int) -> Quantity | None:
    """The `y` of `x/y` right after quantity i, even when the prose filter dropped it as a
    bare number (`971/876`)."""
    end = quantities[i].span[1]
    m = _rx(r"^\s*/\s*(?=\d)").match(text[end:])
    if m is None:
        return None
    start = end + m.end()
    if i + 1 < len(quantities) and quantities[i + 1].span is not None:
        if quantities[i + 1].span[0] == start:
            return quantities[i + 1]
    return next((o for o in parse_quantities(text) if o.span and o.span[0] == start), None)


def _is_benchmark(before: str) -> bool:
    """Is the figure a national benchmark: `(bình quân cả nước tăng 9,3%)`, `cao hơn so
    với mức tăng cả nước là 9,2%`, `bình quân chung của cả nước (54,4%)`."""
    words = _alt("benchmark_words")
    part = _last_part(before)
    if _rx(words).search(part):
        return True
    # the figure alone in parentheses right after the benchmark words
    return bool(_rx(rf"{words}[^,;()\d]{{0,20}}\(\s*$").search(before))


def _is_times(q: Quantity) -> bool:
    return q.unit in {"time", "times"}


def _last_part(before: str) -> str:
    """The words between the previous separator (`,`, `;`, `(`, a figure) and a figure."""
    parts = _rx(r"[,;(]|\d[\d.,]*\s*%?").split(before)
    return parts[-1] if parts else before


def _since_figure(before: str) -> str:
    """The words between the previous figure (or `;`) and a figure, parentheses included."""
    parts = _rx(r";|\d[\d.,]*\s*%?").split(before)
    return parts[-1] if parts else before


def _phrase_at(text: str, start: int) -> str:
    end = _rx(r"[,;.()]").search(text, start)
    return " ".join(text[start : end.start() if end else len(text)].split())


def _start(q: Quantity) -> int:
    return q.span[0] if q.span is not None else 0
