"""Ingest a batch: find the files, process each document, match names, write tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.document import DocumentResult, process_file
from pipeline.write import write_tables

SKIP_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db"}


@dataclass
class Summary:
    documents: int = 0
    ok: int = 0
    partial: int = 0
    failed: int = 0
    indicators: int = 0
    values: int = 0
    errors: int = 0
    warnings: int = 0
    failed_files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def collect_paths(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.name not in SKIP_NAMES and not f.name.startswith(".")
            )
        else:
            found.append(p)
    return found


def match_catalog(indicators: list[dict], values: list[dict]) -> None:
    """Fill catalog_code/name/score for the whole batch in one matcher call."""
    try:
        from normalizers.names import match_names
    except ImportError:
        return
    if not indicators:
        return
    unit_of: dict[tuple[str, str], str] = {}
    for v in values:
        key = (v["doc_id"], v["indicator_id"])
        if v.get("unit") and key not in unit_of:
            unit_of[key] = v["unit"]
    names = [row["name"] for row in indicators]
    units = [unit_of.get((row["doc_id"], row["indicator_id"])) for row in indicators]
    for row, match in zip(indicators, match_names(names, units), strict=True):
        row["catalog_code"] = match.code
        row["catalog_name"] = match.name
        row["match_score"] = float(match.score) if match.code else None
        row["match_method"] = getattr(match, "method", None)


def ingest_paths(paths: list[Path], out_dir: Path) -> Summary:
    results: list[DocumentResult] = [process_file(p) for p in collect_paths(paths)]
    tables: dict[str, list[dict]] = {name: [] for name in
                                     ("documents", "sections", "indicators", "values", "errors")}
    for result in results:
        for name, rows in result.rows.items():
            tables[name].extend(rows)
    match_catalog(tables["indicators"], tables["values"])
    write_tables(Path(out_dir), tables)
    return summarise(tables)


def summarise(tables: dict[str, list[dict]]) -> Summary:
    s = Summary()
    for doc in tables["documents"]:
        s.documents += 1
        status = doc["status"]
        setattr(s, status, getattr(s, status) + 1)
        if status == "failed":
            s.failed_files.append(doc["source_path"])
    s.indicators = len(tables["indicators"])
    s.values = len(tables["values"])
    s.errors = sum(1 for e in tables["errors"] if e["severity"] == "error")
    s.warnings = sum(1 for e in tables["errors"] if e["severity"] == "warning")
    return s
