"""Score parsed tables against hand-written gold annotations (`chitieu evaluate`).

Per document: required-indicator recall, precision (extracted indicators that align to
any gold indicator, required or not), and value accuracy (gold values of aligned
indicators reproduced: role, kind, comparator, number(s) in base units within a relative
tolerance of 1e-9, unit; `ambiguous` gold values count for presence only).
Indicators align one to one, greedily by name similarity with a bonus for the same
section label and nearby lines.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from pipeline.periods import period_years

NAME_THRESHOLD = 70.0
SECTION_BONUS = 5.0
LINE_BONUS = 3.0
REL_TOL = 1e-9


@dataclass
class DocScore:
    file: str
    doc_id: str | None
    gold_indicators: int
    gold_required: int
    extracted: int
    matched_required: int
    matched_extracted: int
    gold_values: int
    correct_values: int
    recall: float
    precision: float
    value_accuracy: float
    period_agreement: float | None = None
    # Of the reproduced values whose gold period names years (2024, 2026-2030, 10 tháng
    # đầu năm 2025 — not `annual` or a bare stage): how many have the same
    # period_start/period_end.
    period_checked: int = 0
    period_agreed: int = 0
    years_checked: int = 0
    years_agreed: int = 0
    years_agreement: float | None = None
    # End to end: gold values reproduced over the values of every required gold indicator
    # (found or not) and of the optional ones that were found — a missed indicator's
    # values count as wrong here, unlike in `value_accuracy`.
    e2e_values: int = 0
    e2e_accuracy: float = 1.0
    missed_required: list[str] = field(default_factory=list)
    unmatched_extracted: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)


def fold(name: str) -> str:
    text = unicodedata.normalize("NFC", name or "").lower()
    text = text.replace("tỉ lệ", "tỷ lệ")
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def name_similarity(a: str, b: str) -> float:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    return (fuzz.token_set_ratio(fa, fb) + fuzz.token_sort_ratio(fa, fb)) / 2


def align(gold: list[dict], extracted: pd.DataFrame, sections: dict[str, str]) -> dict[int, int]:
    """gold index → extracted row position, one to one."""
    pairs: list[tuple[float, int, int]] = []
    ext_rows = list(extracted.itertuples(index=False))
    for gi, g in enumerate(gold):
        for ei, e in enumerate(ext_rows):
            sim = name_similarity(g["name"], e.name)
            if sim < NAME_THRESHOLD:
                continue
            bonus = 0.0
            if g.get("section") and sections.get(e.section_id) == g["section"]:
                bonus += SECTION_BONUS
            if g.get("line_start") and abs(int(g["line_start"]) - int(e.line_start)) <= 2:
                bonus += LINE_BONUS
            pairs.append((sim + bonus, gi, ei))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g: set[int] = set()
    used_e: set[int] = set()
    out: dict[int, int] = {}
    for _, gi, ei in pairs:
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        out[gi] = ei
    return out


def _close(a, b) -> bool:
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return False
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=1e-12)


# Gold conventions: a few gold files write a yearly rate's unit `%/year` where the contract
# says `%` with period `annual`; the two are the same reading.
_UNIT_EQUIVALENTS = {"%/year": "%"}


def _unit(unit: str | None) -> str | None:
    return _UNIT_EQUIVALENTS.get(unit, unit) if unit else None


def value_matches(g: dict, e: dict) -> bool:
    if g["kind"] != e["kind"]:
        return False
    kind = g["kind"]
    if kind == "text":
        return True
    if kind == "boolean":
        expected = 1.0 if g.get("value") in (True, 1, 1.0) else 0.0
        return _close(expected, e["value"])
    if _unit(g.get("unit")) != _unit(e.get("unit")):
        return False
    if kind in {"number", "bound"}:
        return g.get("comparator", "=") == e["comparator"] and _close(g["value"], e["value"])
    if kind == "range":
        return _close(g["min"], e["value_min"]) and _close(g["max"], e["value_max"])
    if kind == "fraction":
        return _close(g["value"], e["value"]) and _close(g["denominator"], e["denominator"])
    return False


def score_values(
    gold_values: list[dict],
    extracted: list[dict],
    periods: list[bool] | None = None,
    years: list[bool] | None = None,
) -> tuple[int, list[str]]:
    """Count gold values reproduced; `periods` collects, for reproduced values whose gold
    states a period, whether the extracted period agrees (reported, not thresholded);
    `years` the same for period_start/period_end, where the gold period names years."""
    used: set[int] = set()
    correct = 0
    wrong: list[str] = []
    for g in gold_values:
        same_role = [i for i, e in enumerate(extracted) if e["role"] == g["role"] and i not in used]
        hit = None
        if g.get("ambiguous"):
            hit = same_role[0] if same_role else None
        else:
            hit = next((i for i in same_role if value_matches(g, extracted[i])), None)
        if hit is None:
            wrong.append(f"{g['role']}: {g['raw'][:60]}")
            continue
        used.add(hit)
        correct += 1
        if periods is not None and g.get("period"):
            periods.append(extracted[hit].get("period") == g["period"])
        gold_years = period_years(g.get("period"))
        if years is not None and gold_years.start is not None:
            e = extracted[hit]
            years.append(
                (e.get("period_start"), e.get("period_end")) == (gold_years.start, gold_years.end)
            )
    return correct, wrong


def _load(parsed_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(Path(parsed_dir) / f"{name}.parquet")


def _doc_for(gold_file: str, documents: pd.DataFrame) -> str | None:
    stem = Path(gold_file).stem
    for row in documents.itertuples(index=False):
        if Path(row.source_path).name == gold_file or Path(row.source_path).stem == stem:
            return row.doc_id
    return None


def evaluate(gold_dir: Path, parsed_dir: Path) -> list[DocScore]:
    documents = _load(parsed_dir, "documents")
    indicators = _load(parsed_dir, "indicators")
    values = _load(parsed_dir, "values")
    sections = _load(parsed_dir, "sections")
    scores: list[DocScore] = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_id = _doc_for(gold["file"], documents)
        g_inds = gold["indicators"]
        required = [i for i, g in enumerate(g_inds) if g.get("required", True)]
        ext = indicators[indicators.doc_id == doc_id].reset_index(drop=True)
        sec = sections[sections.doc_id == doc_id]
        sec_labels = dict(zip(sec.section_id, sec.label, strict=True))
        mapping = align(g_inds, ext, sec_labels) if doc_id else {}
        doc_values = values[values.doc_id == doc_id]
        doc_values = doc_values.astype(object).where(doc_values.notna(), None)  # NaN → None
        by_ind = {k: v.to_dict("records") for k, v in doc_values.groupby("indicator_id")}
        gold_value_count = correct = 0
        wrong: list[str] = []
        periods: list[bool] = []
        years: list[bool] = []
        for gi, ei in mapping.items():
            g_vals = g_inds[gi]["values"]
            ext_vals = by_ind.get(ext.loc[ei, "indicator_id"], [])
            c, w = score_values(g_vals, ext_vals, periods, years)
            gold_value_count += len(g_vals)
            correct += c
            wrong.extend(f"[{g_inds[gi]['name'][:40]}] {x}" for x in w)
        matched_required = sum(1 for i in required if i in mapping)
        e2e_values = gold_value_count + sum(
            len(g_inds[i]["values"]) for i in required if i not in mapping
        )
        matched_ext = set(mapping.values())
        scores.append(
            DocScore(
                file=gold["file"],
                doc_id=doc_id,
                gold_indicators=len(g_inds),
                gold_required=len(required),
                extracted=len(ext),
                matched_required=matched_required,
                matched_extracted=len(matched_ext),
                gold_values=gold_value_count,
                correct_values=correct,
                recall=matched_required / len(required) if required else 1.0,
                precision=len(matched_ext) / len(ext) if len(ext) else 0.0,
                value_accuracy=correct / gold_value_count if gold_value_count else 1.0,
                period_agreement=sum(periods) / len(periods) if periods else None,
                period_checked=len(periods),
                period_agreed=sum(periods),
                years_checked=len(years),
                years_agreed=sum(years),
                years_agreement=sum(years) / len(years) if years else None,
                e2e_values=e2e_values,
                e2e_accuracy=correct / e2e_values if e2e_values else 1.0,
                missed_required=[g_inds[i]["name"] for i in required if i not in mapping],
                unmatched_extracted=[
                    ext.loc[i, "name"] for i in range(len(ext)) if i not in matched_ext
                ],
                wrong_values=wrong,
            )
        )
    return scores


def totals(scores: list[DocScore]) -> DocScore:
    """The corpus as one document: counts summed, ratios of the sums (micro-averaged)."""
    n = {f: sum(getattr(s, f) for s in scores) for f in _COUNTS}
    return DocScore(
        file="TOTAL",
        doc_id=None,
        **n,
        recall=_ratio(n["matched_required"], n["gold_required"]),
        precision=_ratio(n["matched_extracted"], n["extracted"]),
        value_accuracy=_ratio(n["correct_values"], n["gold_values"]),
        e2e_accuracy=_ratio(n["correct_values"], n["e2e_values"]),
        period_agreement=_ratio(n["period_agreed"], n["period_checked"]),
        years_agreement=_ratio(n["years_agreed"], n["years_checked"]),
    )


_COUNTS = (
    "gold_indicators",
    "gold_required",
    "extracted",
    "matched_required",
    "matched_extracted",
    "gold_values",
    "correct_values",
    "e2e_values",
    "period_checked",
    "period_agreed",
    "years_checked",
    "years_agreed",
)


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def _fmt(x: float | None, width: int) -> str:
    """0/0 shows as `–`, not as a perfect score."""
    text = "–" if x is None or math.isnan(x) else f"{x:.3f}"
    return f"{text:>{width}}"


def format_scores(scores: list[DocScore]) -> str:
    width = max([28, *(len(s.file) for s in scores)])
    header = (
        f"{'document':<{width}} {'req.recall':>10} {'precision':>10} {'value acc.':>10}"
        f" {'e2e':>6} {'period':>7} {'years':>6}  counts"
    )
    lines = [header, "-" * len(header)]
    rows = [*scores, totals(scores)] if scores else []
    for s in rows:
        if s.file == "TOTAL":
            lines.append("-" * len(header))
        lines.append(
            f"{s.file:<{width}} {_fmt(s.recall, 10)} {_fmt(s.precision, 10)}"
            f" {_fmt(s.value_accuracy, 10)} {_fmt(s.e2e_accuracy, 6)}"
            f" {_fmt(s.period_agreement, 7) if s.period_agreement is not None else ' ' * 7}"
            f" {_fmt(s.years_agreement, 6) if s.years_agreement is not None else ' ' * 6}"
            f"  req {s.matched_required}/{s.gold_required}, ext {s.matched_extracted}/{s.extracted},"
            f" values {s.correct_values}/{s.gold_values} (e2e /{s.e2e_values})"
        )
    return "\n".join(lines)


def scores_json(scores: list[DocScore]) -> str:
    return json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=2)
