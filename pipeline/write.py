"""The Parquet tables of the data contract (docs/DATA_CONTRACT.md), `pages` included: explicit schemas
whose fields carry their description, atomic writes readable by the group and others."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.filemode import make_published


def col(name: str, typ: pa.DataType, description: str) -> pa.Field:
    """A field with its one-line description in the Parquet schema metadata (pandas and
    pyarrow show it as `schema.field(name).metadata[b"description"]`)."""
    return pa.field(name, typ, metadata={"description": description})


DOCUMENTS = pa.schema(
    [
        col("doc_id", pa.string(), "first 16 hex digits of the SHA-256 of the file's bytes"),
        col("source_path", pa.string(), "path as given to the pipeline"),
        col("format", pa.string(), "txt, md, docx, pdf, pdf-ocr, image-ocr"),
        col("status", pa.string(), "ok, partial, failed"),
        col("title", pa.string(), "document title as written"),
        col("doc_type", pa.string(), "ke_hoach, bao_cao, phu_luc, chuong_trinh, bieu, other"),
        col("doc_number", pa.string(), "e.g. 5596/BC-UBND; null when blank"),
        col("issuer", pa.string(), "issuing body, e.g. UBND xã Cẩm Lương"),
        col("admin_level", pa.string(), "xa, phuong, huyen, tinh, thanh_pho; null if unknown"),
        col("locality", pa.string(), "place name without its level word"),
        col("province", pa.string(), "2025 province (34 units) the document is from"),
        col("province_code", pa.string(), "its official code (2 digits, e.g. 38)"),
        col("district", pa.string(), "pre-2025 district, when the document names one"),
        col("district_code", pa.string(), "its official code (3 digits)"),
        col("commune", pa.string(), "2025 commune or ward the document is from"),
        col("commune_code", pa.string(), "its official code (5 digits)"),
        col("place_method", pa.string(), "<source>:<how> the place was resolved"),
        col("issued_date", pa.date32(), "date of issue when stated"),
        col("period_start", pa.int32(), "first year the plan or report covers"),
        col("period_end", pa.int32(), "last year the plan or report covers"),
        col("n_pages", pa.int32(), "pages, for paged formats"),
        col("parser_version", pa.string(), "version of the package that wrote the row"),
        col("content_hash", pa.string(), "same as doc_id (content-derived)"),
        col("n_indicators", pa.int32(), "indicator rows of this document"),
        col("n_values", pa.int32(), "value rows of this document"),
    ]
)

SECTIONS = pa.schema(
    [
        col("doc_id", pa.string(), "document"),
        col("section_id", pa.string(), "unique within the document"),
        col("parent_section_id", pa.string(), "enclosing section; null at top level"),
        col("level", pa.int32(), "1 = top"),
        col("label", pa.string(), "numbering as written: I, 2.1, a)"),
        col("title", pa.string(), "heading text without label and markup"),
        col("domain", pa.string(), "kinh_te, van_hoa_xa_hoi, moi_truong, ...; null"),
        col("line_start", pa.int32(), "1-based line of the heading"),
        col("page", pa.int32(), "1-based page, for paged formats"),
    ]
)

INDICATORS = pa.schema(
    [
        col("doc_id", pa.string(), "document"),
        col("indicator_id", pa.string(), "unique within the document"),
        col("section_id", pa.string(), "innermost section holding it"),
        col("parent_indicator_id", pa.string(), "parent indicator of a sub-row"),
        col("label", pa.string(), "row number as written: 1, 1,1, (3), -, +"),
        col("name", pa.string(), "clean indicator name (NFC, single spaces)"),
        col("source", pa.string(), "table or prose"),
        col("page", pa.int32(), "1-based page where it starts, paged formats"),
        col("line_start", pa.int32(), "1-based first line in the text the parser read"),
        col("line_end", pa.int32(), "1-based last line"),
        col("responsible_unit", pa.string(), "đơn vị chủ trì / tham mưu"),
        col("catalog_code", pa.string(), "matched catalogue code; null if no good match"),
        col("catalog_name", pa.string(), "the catalogue entry's Vietnamese name"),
        col("catalog_name_en", pa.string(), "the catalogue entry's English name"),
        col("catalog_domain", pa.string(), "the entry's domain: kinh_te, van_hoa_xa_hoi, ..."),
        col("catalog_unit", pa.string(), "the unit the entry expects (contract code); null"),
        col("match_score", pa.float64(), "name match score, 0-100"),
        col("match_method", pa.string(), "exact, alias, fuzzy, unit, context, none"),
    ]
)

VALUES = pa.schema(
    [
        col("doc_id", pa.string(), "document"),
        col("indicator_id", pa.string(), "indicator within the document"),
        col("value_id", pa.string(), "unique within the document: <indicator_id>.vNN"),
        col("role", pa.string(), "target, plan, actual, baseline, ratio_to_plan, ..."),
        col("period", pa.string(), "period as read: 2024, 2026-2030, annual, giai_doan_1"),
        col("period_start", pa.int32(), "first year of the period"),
        col("period_end", pa.int32(), "last year of the period"),
        col("period_kind", pa.string(), "year, span, annual, stage, quarter, partial_year"),
        col("raw", pa.string(), "the cell or clause as read (NFC, markup removed)"),
        col("kind", pa.string(), "number, range, bound, fraction, boolean, text"),
        col("comparator", pa.string(), "=, ~, >, >=, <, <= (number and bound kinds)"),
        col("value", pa.float64(), "the number in the base of unit"),
        col("value_min", pa.float64(), "lower end of the interval"),
        col("value_max", pa.float64(), "upper end of the interval"),
        col("denominator", pa.float64(), "for fractions: 11/19 -> 19"),
        col("unit", pa.string(), "canonical unit code; % values are percentage points"),
        col("unit_raw", pa.string(), "unit as written"),
        col("change", pa.string(), "increase, decrease, maintain"),
        col("approximate", pa.bool_(), "khoảng, gần, xấp xỉ"),
        col("unit_inferred", pa.bool_(), "unit from the column header or the name"),
        col("ambiguous", pa.bool_(), "reading flagged uncertain by the normaliser"),
        col("text", pa.string(), "normalised text of text and boolean kinds"),
    ]
)

ERRORS = pa.schema(
    [
        col("source_path", pa.string(), "the file, as given"),
        col("doc_id", pa.string(), "when the file could be hashed"),
        col("stage", pa.string(), "read, decode, ocr, structure, normalise, match, write"),
        col("error_type", pa.string(), "reason code (docs/DATA_CONTRACT.md lists them)"),
        col("message", pa.string(), "one sentence naming the file and the reason"),
        col("severity", pa.string(), "error (not ingested) or warning (ingested, partly)"),
    ]
)

# One row per OCR-read page: what the quality gate saw (the share of valid Vietnamese
# syllables and Tesseract's mean word confidence); pages of text formats have no row.
PAGES = pa.schema(
    [
        col("doc_id", pa.string(), "the document"),
        col("page", pa.int32(), "1-based page number"),
        col(
            "quality",
            pa.float64(),
            "share of the page's words that are valid Vietnamese syllables, 0-1",
        ),
        col("confidence", pa.float64(), "Tesseract's mean word confidence, 0-100"),
        col("low_quality", pa.bool_(), "under the gate: quality < 0.6 or confidence < 50"),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "sections": SECTIONS,
    "indicators": INDICATORS,
    "values": VALUES,
    "errors": ERRORS,
    "pages": PAGES,
}


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows of one table typed by its schema: missing keys are nulls, extra keys dropped."""
    return pa.Table.from_pylist(rows, schema=TABLES[name])


def rows_to_tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    """The five tables of one document (or batch), each typed by its schema."""
    return {name: to_table(name, rows.get(name, [])) for name in TABLES}


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target:
    readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    make_published(fd)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_tables(out_dir: Path, rows: dict[str, list[dict]]) -> None:
    for name in TABLES:
        write_atomic(to_table(name, rows.get(name, [])), Path(out_dir) / f"{name}.parquet")
