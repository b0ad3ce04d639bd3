"""The Parquet tables of the data contract (and `pages`): explicit schemas, atomic writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DOCUMENTS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_path", pa.string()),
        ("format", pa.string()),
        ("status", pa.string()),
        ("title", pa.string()),
        ("doc_type", pa.string()),
        ("doc_number", pa.string()),
        ("issuer", pa.string()),
        ("admin_level", pa.string()),
        ("locality", pa.string()),
        ("issued_date", pa.date32()),
        ("period_start", pa.int32()),
        ("period_end", pa.int32()),
        ("n_pages", pa.int32()),
        ("parser_version", pa.string()),
        ("content_hash", pa.string()),
        ("n_indicators", pa.int32()),
        ("n_values", pa.int32()),
    ]
)

SECTIONS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("section_id", pa.string()),
        ("parent_section_id", pa.string()),
        ("level", pa.int32()),
        ("label", pa.string()),
        ("title", pa.string()),
        ("domain", pa.string()),
        ("line_start", pa.int32()),
        ("page", pa.int32()),
    ]
)

INDICATORS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("indicator_id", pa.string()),
        ("section_id", pa.string()),
        ("parent_indicator_id", pa.string()),
        ("label", pa.string()),
        ("name", pa.string()),
        ("source", pa.string()),
        ("page", pa.int32()),
        ("line_start", pa.int32()),
        ("line_end", pa.int32()),
        ("responsible_unit", pa.string()),
        ("catalog_code", pa.string()),
        ("catalog_name", pa.string()),
        ("match_score", pa.float64()),
        ("match_method", pa.string()),
    ]
)

VALUES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("indicator_id", pa.string()),
        ("value_id", pa.string()),
        ("role", pa.string()),
        ("period", pa.string()),
        ("raw", pa.string()),
        ("kind", pa.string()),
        ("comparator", pa.string()),
        ("value", pa.float64()),
        ("value_min", pa.float64()),
        ("value_max", pa.float64()),
        ("denominator", pa.float64()),
        ("unit", pa.string()),
        ("unit_raw", pa.string()),
        ("change", pa.string()),
        ("approximate", pa.bool_()),
        ("unit_inferred", pa.bool_()),
        ("ambiguous", pa.bool_()),
        ("text", pa.string()),
    ]
)

ERRORS = pa.schema(
    [
        ("source_path", pa.string()),
        ("doc_id", pa.string()),
        ("stage", pa.string()),
        ("error_type", pa.string()),
        ("message", pa.string()),
        ("severity", pa.string()),
    ]
)

# One row per OCR-read page: what the quality gate saw (the share of valid Vietnamese
# syllables and Tesseract's mean word confidence); pages of text formats have no row.
PAGES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("page", pa.int32()),
        ("quality", pa.float64()),
        ("confidence", pa.float64()),
        ("low_quality", pa.bool_()),
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
