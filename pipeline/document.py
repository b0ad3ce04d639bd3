"""One file → its rows in the five tables. Pure of I/O beyond reading the file, so it
can run in a worker process; never raises for a bad file (the error becomes a row)."""

from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parsers.model import Document, ReadError, Table
from parsers.readers import read_document
from parsers.structure import build_structure
from parsers.structure.metadata import read_metadata
from parsers.structure.records import Indicator, Metadata, Structure
from parsers.structure.values import ValueRecord, indicator_values
from pipeline import PARSER_VERSION
from pipeline.periods import (
    HeadingPeriods,
    bold_headings,
    period_years,
    stage_years,
    stated_period,
    unstated_partial_year,
)
from pipeline.places import NO_PLACE, Place, resolve_place


@dataclass
class DocumentResult:
    doc_id: str | None
    source_path: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    ok: bool = True

    @property
    def n_indicators(self) -> int:
        return len(self.rows.get("indicators", []))

    @property
    def n_values(self) -> int:
        return len(self.rows.get("values", []))


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def error_row(
    source: str, doc_id: str | None, stage: str, kind: str, message: str, severity: str = "error"
) -> dict:
    return {
        "source_path": source,
        "doc_id": doc_id,
        "stage": stage,
        "error_type": kind,
        "message": message,
        "severity": severity,
    }


def process_file(path: Path) -> DocumentResult:
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        result = DocumentResult(None, source, ok=False)
        result.rows["errors"] = [
            error_row(
                source, None, "read", "unreadable", f"{source}: cannot read ({exc.strerror})."
            )
        ]
        return result
    doc_id = content_id(data)
    result = DocumentResult(doc_id, source)
    try:
        doc = read_document(Path(path))
    except ReadError as exc:
        return _failed(result, exc.stage, exc.error_type, exc.message, _fmt_guess(path))
    except Exception as exc:  # a reader bug must not sink the batch
        message = f"{source}: the reader failed ({type(exc).__name__}: {exc})."
        return _failed(result, "read", "reader_crash", message, _fmt_guess(path), exc)
    try:
        structure = build_structure(doc)
    except Exception as exc:  # a bug outside any one part: keep the document, say so
        structure = _metadata_only(doc, exc)
    try:
        rows = structure_rows(doc_id, doc, structure)
    except Exception as exc:
        message = f"{source}: the structure stage failed ({type(exc).__name__}: {exc})."
        return _failed(result, "structure", "structure_crash", message, doc.format, exc)
    result.rows = rows
    return result


def _metadata_only(doc: Document, exc: Exception) -> Structure:
    """The document's metadata (when even that can be read) and a warning: `partial`,
    never lost. The parts are guarded one by one (parsers/structure/guard.py), so this is
    only reached by a failure between them."""
    message = f"the structure stage failed ({type(exc).__name__}: {exc})"
    try:
        metadata = read_metadata(doc)
    except Exception:  # the warning below says what failed first
        metadata = Metadata()
    return Structure(metadata, [], [], [("structure", "structure_crash", message)])


def _fmt_guess(path: Path) -> str:
    return Path(path).suffix.lower().lstrip(".") or "unknown"


def _failed(
    result: DocumentResult,
    stage: str,
    kind: str,
    message: str,
    fmt: str,
    exc: Exception | None = None,
) -> DocumentResult:
    result.ok = False
    if exc is not None:
        message += " " + traceback.format_exception_only(type(exc), exc)[-1].strip()[:200]
    result.rows = {
        "documents": [document_row(result.doc_id, result.source_path, fmt, "failed")],
        "errors": [error_row(result.source_path, result.doc_id, stage, kind, message)],
    }
    return result


def document_row(doc_id, source, fmt, status, **extra) -> dict:
    row = {
        "doc_id": doc_id,
        "source_path": source,
        "format": fmt,
        "status": status,
        "title": "",
        "doc_type": "other",
        "parser_version": PARSER_VERSION,
        "content_hash": doc_id,
        "n_indicators": 0,
        "n_values": 0,
    }
    row.update(extra)
    return row


def _texts(doc: Document) -> Iterator[str]:
    """Every line and table cell of the document, in reading order."""
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                yield from row.texts()
        else:
            yield block.text


def open_period(
    rec: ValueRecord,
    ind: Indicator,
    plan_period: str | None,
    headings: HeadingPeriods,
    report_year: int | None,
) -> str | None:
    """The period of a value the parser left without one: the one its indicator's name or
    its clause states, else a part of the report's year they name (`9 tháng` in a 2025
    report), else the nearest heading above that states one (`Mục tiêu cụ thể đến năm 2035`),
    else — for a target — the plan's own period. In a one-year plan, `hằng năm` is that year
    (parsers/structure/values.py applies the same plan rule when given the plan's period)."""
    period = rec.period
    if period is None:
        period = (
            stated_period(ind.name)
            or stated_period(rec.quantity.raw)
            or unstated_partial_year((ind.name, rec.quantity.raw), report_year)
            or headings.at(ind.line_start, ind.section_id)
        )
    if rec.role == "target" and (
        period is None or (period == "annual" and plan_period is not None and plan_period.isdigit())
    ):
        period = plan_period
    return period


def _place(
    doc: Document, doc_id: str, meta: Metadata, issued: dt.date | None, errors: list[dict]
) -> Place:
    """The document's place from the gazetteer; a gazetteer failure is a warning, never a
    lost document."""
    try:
        return resolve_place(
            issuer=meta.issuer,
            locality=meta.locality,
            admin_level=meta.admin_level,
            lines=[line.text for line in doc.lines()],
            issued=issued,
            period_end=meta.period_end,
        )
    except Exception as exc:  # a gazetteer bug must not sink the document
        errors.append(
            error_row(
                doc.source_path,
                doc_id,
                "structure",
                "place_failed",
                f"{doc.source_path}: the place could not be resolved ({type(exc).__name__}: {exc}).",
                "warning",
            )
        )
        return NO_PLACE


def _report_year(meta: Metadata) -> int | None:
    """The year a report's `10 tháng` belongs to: its one-year period, else its date's."""
    if meta.period_start is not None and meta.period_end in (None, meta.period_start):
        return meta.period_start
    return int(meta.issued_date[:4]) if meta.issued_date else None


def structure_rows(doc_id: str, doc: Document, structure: Structure) -> dict[str, list[dict]]:
    meta = structure.metadata
    errors = [
        error_row(doc.source_path, doc_id, stage, kind, f"{doc.source_path}: {message}", "warning")
        for stage, kind, message in [*doc.warnings, *structure.warnings]
    ]
    notes = [  # what the plausibility gate dropped: counted, the document is still `ok`
        error_row(doc.source_path, doc_id, stage, kind, f"{doc.source_path}: {message}", "info")
        for stage, kind, message in structure.notes
    ]
    sections = [
        {
            "doc_id": doc_id,
            "section_id": s.section_id,
            "parent_section_id": s.parent_section_id,
            "level": s.level,
            "label": s.label,
            "title": s.title,
            "domain": s.domain,
            "line_start": s.line_start,
            "page": s.page,
        }
        for s in structure.sections
    ]
    indicators = []
    values = []
    plan_period = None
    if meta.period_start is not None:
        end = meta.period_end or meta.period_start
        plan_period = (
            str(meta.period_start) if end == meta.period_start else f"{meta.period_start}-{end}"
        )
    doc_years = (
        (meta.period_start, meta.period_end or meta.period_start)
        if meta.period_start is not None
        else None
    )
    stages = stage_years(_texts(doc))
    headings = HeadingPeriods(
        structure.sections,
        bold_headings(doc.lines()),
    )
    report_year = _report_year(meta)
    for ind in structure.indicators:
        indicators.append(
            {
                "doc_id": doc_id,
                "indicator_id": ind.indicator_id,
                "section_id": ind.section_id,
                "parent_indicator_id": ind.parent_indicator_id,
                "label": ind.label,
                "name": ind.name,
                "source": ind.source,
                "page": ind.page,
                "line_start": ind.line_start,
                "line_end": ind.line_end,
                "responsible_unit": ind.responsible_unit,
            }
        )
        try:
            records = indicator_values(ind, None)
        except Exception as exc:  # one bad cell must not lose the document
            errors.append(
                error_row(
                    doc.source_path,
                    doc_id,
                    "normalise",
                    "normaliser_crash",
                    f"{doc.source_path}: line {ind.line_start}: {type(exc).__name__}: {exc}",
                    "warning",
                )
            )
            continue
        for n, rec in enumerate(records, start=1):
            q = rec.quantity
            period = open_period(rec, ind, plan_period, headings, report_year)
            years = period_years(period, document=doc_years, stages=stages)
            values.append(
                {
                    "doc_id": doc_id,
                    "indicator_id": ind.indicator_id,
                    "value_id": f"{ind.indicator_id}.v{n:02d}",
                    "role": rec.role,
                    "period": period,
                    "period_start": years.start,
                    "period_end": years.end,
                    "period_kind": years.kind,
                    "raw": q.raw,
                    "kind": q.kind,
                    "comparator": q.comparator,
                    "value": q.value,
                    "value_min": q.value_min,
                    "value_max": q.value_max,
                    "denominator": q.denominator,
                    "unit": q.unit,
                    "unit_raw": q.unit_raw,
                    "change": q.change,
                    "approximate": bool(q.approximate),
                    "unit_inferred": bool(q.unit_inferred),
                    "ambiguous": bool(getattr(q, "ambiguous", False))
                    or _doubtful(doc, ind.line_start, ind.line_end, q.raw),
                    "text": q.text,
                }
            )
    status = "partial" if errors else "ok"
    if not indicators and not doc.blocks:
        errors.append(
            error_row(
                doc.source_path,
                doc_id,
                "read",
                "no_text",
                f"{doc.source_path}: no text could be read.",
                "error",
            )
        )
        status = "failed"
    issued = None
    if meta.issued_date:
        try:
            issued = dt.date.fromisoformat(meta.issued_date)
        except ValueError:
            issued = None
    place = _place(doc, doc_id, meta, issued, errors)
    document = document_row(
        doc_id,
        doc.source_path,
        doc.format,
        status,
        province=place.province,
        province_code=place.province_code,
        district=place.district,
        district_code=place.district_code,
        commune=place.commune,
        commune_code=place.commune_code,
        place_method=place.method,
        title=meta.title,
        doc_type=meta.doc_type,
        doc_number=meta.doc_number,
        issuer=meta.issuer,
        admin_level=meta.admin_level,
        locality=meta.locality,
        issued_date=issued,
        period_start=meta.period_start,
        period_end=meta.period_end,
        n_pages=doc.n_pages,
        n_indicators=len(indicators),
        n_values=len(values),
    )
    return {
        "documents": [document],
        "sections": sections,
        "indicators": indicators,
        "values": values,
        "errors": errors + notes,
        "pages": page_rows(doc_id, doc),
    }


def _doubtful(doc: Document, start: int | None, end: int | None, raw: str | None) -> bool:
    """Read from a cell or line the OCR reader repaired (`Document.doubtful`)."""
    if not doc.doubtful or start is None or not raw:
        return False
    last = end if end is not None else start
    return any(start <= line <= last and raw in text for line, text in doc.doubtful)


def page_rows(doc_id: str, doc: Document) -> list[dict]:
    """The OCR quality gate's figures per page (OCR-read pages only)."""
    from parsers.readers.ocr import is_low_quality

    return [
        {
            "doc_id": doc_id,
            "page": page,
            "quality": quality,
            "confidence": doc.page_confidence.get(page),
            "low_quality": is_low_quality(quality, doc.page_confidence.get(page)),
        }
        for page, quality in sorted(doc.page_quality.items())
    ]
