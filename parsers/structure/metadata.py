"""Document metadata read from the title block: type, number, issuer, locality, period."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex as re

from normalizers import lexicon
from parsers import data as parser_data
from parsers.model import Document, Line
from parsers.structure.records import Metadata

# regex keeps a compile cache, but its lookup costs more than the match here.
_rx = cache(re.compile)
DOC_TYPES_FILE = Path(__file__).parents[1] / "data" / "doc_types.yaml"

HEADER_LINES = 40
_YEAR = r"(?:19|20)\d{2}"
_WORDS = parser_data.load("structure")
_DATE_LINE = re.compile(_WORDS["date_line_pattern"])
_DATE = re.compile(_WORDS["date_pattern"])
_DOC_NUMBER = re.compile(_WORDS["doc_number_pattern"], re.IGNORECASE)
_RANGE = re.compile(rf"(?P<a>{_YEAR})\s*[-–]\s*(?P<b>{_YEAR})")


def read_metadata(doc: Document) -> Metadata:
    lines = [b for b in doc.blocks if isinstance(b, Line)][:HEADER_LINES]
    meta = Metadata()
    title_lines, meta.doc_type = _title_lines(lines)
    meta.title = " ".join(line.text for line in title_lines)
    meta.doc_type = _type_by_title(meta.doc_type, meta.title, lines)
    meta.doc_type = _type_by_body(meta.doc_type, doc)
    meta.doc_number = _doc_number(lines[:15])
    _read_issuer(lines, meta)
    if meta.admin_level is None:
        _read_title_place(meta)
    _read_date(lines, meta)
    _read_period(doc, title_lines, meta)
    return meta


@cache
def _doc_types() -> dict[str, list[dict]]:
    return lexicon.read_yaml(DOC_TYPES_FILE)


def _title_lines(lines: list[Line]) -> tuple[list[Line], str]:
    """The title block and the type its first line names (`other` when none does).

    A generic form (`QUYẾT ĐỊNH`, `NGHỊ QUYẾT`) gives way to a specific type named
    further down (`… ban hành KẾ HOẠCH …`)."""
    strong = parser_data.load("structure")["doc_types"] + _doc_types()["legal"]
    weak = None
    for i, line in enumerate(lines[:20]):
        rule = next((r for r in strong if re.match(r["pattern"], line.text)), None)
        if rule is not None:
            return _block(lines, i), rule["type"]
        if weak is None:
            rule = next(
                (r for r in _doc_types()["weak"] if re.match(r["pattern"], line.text)), None
            )
            if rule is not None:
                weak = (_block(lines, i), rule["type"])
    return weak or (lines[:1], "other")


def _block(lines: list[Line], i: int) -> list[Line]:
    """Line `i` and the title lines that follow it (bold, capitals or close below)."""
    line = lines[i]
    out = [line]
    stops = ("(", *_doc_types()["title_stops"])
    for nxt in lines[i + 1 : i + 4]:
        if nxt.text.lstrip("*_ ").startswith(stops) or len(nxt.text) > 250:
            break
        if nxt.bold or nxt.text.isupper() or nxt.line_start <= line.line_end + 4:
            out.append(nxt)
        else:
            break
        if not (nxt.bold or nxt.text.isupper()):
            break
    return out


def _type_by_title(doc_type: str, title: str, lines: list[Line]) -> str:
    """A generic form typed by what its title says it does; a site article whose page
    title asks a question is a Q&A article."""
    for rule in _doc_types()["by_title"]:
        if doc_type in rule["from"] and re.search(rule["pattern"], title):
            return rule["type"]
    if doc_type == "other" and lines and lines[0].heading_level is not None:
        for rule in _doc_types()["first_heading"]:
            if re.search(rule["pattern"], lines[0].text):
                return rule["type"]
    return doc_type


def _type_by_body(doc_type: str, doc: Document) -> str:
    """A document typed by a marker of its body (a wiki article's edit links)."""
    rules = [r for r in _doc_types()["body_markers"] if doc_type in r["from"]]
    if not rules:
        return doc_type
    limit = _doc_types()["BODY_MARKER_LINES"]
    lines = [b.text for b in doc.blocks[: limit * 2] if isinstance(b, Line)][:limit]
    for rule in rules:
        if any(_rx(rule["pattern"]).search(text) for text in lines):
            return rule["type"]
    return doc_type


def _doc_number(lines: list[Line]) -> str | None:
    """The document's own `Số: 5596/BC-UBND` (or the one it is attached to); a blank
    `Số: /KH-UBND` is a draft without a number. Numbers cited in the body are not it."""
    for line in lines:
        if _rx(_WORDS["doc_number_line"], re.IGNORECASE).match(line.text):
            m = _DOC_NUMBER.search(line.text)
            return m.group("n") if m else None
    return None


def _read_issuer(lines: list[Line], meta: Metadata) -> None:
    data = parser_data.load("structure")
    pattern = re.compile(data["issuer_pattern"])
    place = None
    for line in lines[:10]:
        m = _DATE_LINE.match(line.text)
        if m:
            place = m["place"].strip()
            break
    best = None
    best_score = -1
    for rank, line in enumerate(lines):
        for m in pattern.finditer(line.text):
            locality = m["place"].strip() or None
            score = 0
            if place and locality == place:
                score += 4
            if line.text.startswith("(Kèm theo"):
                score += 3
            before = line.text[max(0, m.start() - 6) : m.start()]
            if "của" not in before:
                score += 2
            score -= rank * 0.01
            if score > best_score:
                best, best_score = m, score
    if best is not None:
        level = best["level"]
        meta.admin_level = data["admin_levels"].get(level)
        meta.locality = best["place"].strip() or None
        body = (
            "UBND"
            if best["body"] in {"UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân"}
            else best["body"]
        )
        meta.issuer = " ".join(x for x in (body, level, meta.locality or "") if x)
    elif place:
        meta.locality = place


def _read_title_place(meta: Metadata) -> None:
    data = parser_data.load("structure")
    m = re.search(data["title_place_pattern"], meta.title)
    if m:
        meta.admin_level = data["admin_levels"].get(m["level"])
        meta.locality = meta.locality or m["place"].strip()


def _read_date(lines: list[Line], meta: Metadata) -> None:
    for line in lines[:15]:
        m = _DATE.search(line.text)
        if m:
            meta.issued_date = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
            return


def _read_period(doc: Document, title_lines: list[Line], meta: Metadata) -> None:
    title = " ".join(line.text for line in title_lines)
    m = _RANGE.search(title)
    if m:
        meta.period_start, meta.period_end = int(m["a"]), int(m["b"])
        return
    years = [int(y) for y in _rx(rf"(?<![/\d]){_YEAR}(?!\d)").findall(title)]
    if years:
        meta.period_start, meta.period_end = min(years), max(years)
        return
    for line in doc.lines():
        m = _rx(_WORDS["span_pattern"]).search(line.text)
        if m:
            meta.period_start, meta.period_end = int(m["a"]), int(m["b"])
            return
    for table in doc.tables():
        for row in table.rows:
            for cell in row.cells:
                m = _rx(_WORDS["span_pattern"]).search(cell.text)
                if m:
                    meta.period_start, meta.period_end = int(m["a"]), int(m["b"])
                    return
    if meta.issued_date:
        meta.period_start = meta.period_end = int(meta.issued_date[:4])
