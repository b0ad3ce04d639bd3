"""SQL over the parsed tables with DuckDB: one view per table, named examples.

    >>> run_query('SELECT count(*) AS n FROM documents', 'data/parsed')  # doctest: +SKIP

The views are `documents`, `sections`, `indicators`, `values`, `errors` and `pages` (see
docs/DATA_CONTRACT.md), and the panel views `panel` and `panel_wide` (pipeline/panel.py). `values` is an SQL keyword: write it `"values"` in queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.panel import create_views

TABLE_NAMES = ("documents", "sections", "indicators", "values", "errors", "pages")


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(parsed_dir: Path | str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of `parsed_dir`."""
    parsed = Path(parsed_dir)
    missing = [n for n in TABLE_NAMES if not (parsed / f"{n}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(
            f"{parsed}: no {', '.join(m + '.parquet' for m in missing)}; "
            f"run `chitieu ingest --out {parsed}` first."
        )
    con = duckdb.connect()
    for name in TABLE_NAMES:
        path = (parsed / f"{name}.parquet").resolve()
        con.execute(
            f"CREATE VIEW {_quote_ident(name)} AS "
            f"SELECT * FROM read_parquet({_quote_literal(str(path))})"
        )
    create_views(con)
    return con


def run_query(sql: str, parsed_dir: Path | str) -> pd.DataFrame:
    """Run one SQL statement over the tables of `parsed_dir` and return its result."""
    con = connect(parsed_dir)
    try:
        return con.execute(sql).fetchdf()
    finally:
        con.close()


@dataclass(frozen=True)
class Example:
    name: str
    description: str
    sql: str


# Health insurance: the catalogue code when the matcher found one, else the name.
_HEALTH_INSURANCE = """
    CASE WHEN i.catalog_code IS NOT NULL THEN i.catalog_code = 'XH.HEALTH_INSURANCE'
         ELSE i.name ILIKE '%bảo hiểm y tế%' OR i.name ILIKE '%BHYT%' END"""

EXAMPLES: dict[str, Example] = {
    e.name: e
    for e in (
        Example(
            "health-insurance-2030",
            "All health-insurance (BHYT) targets for 2030, by commune.",
            f"""
SELECT d.locality, d.admin_level, d.issuer, i.name, i.catalog_code, v.role,
       coalesce(v.period, d.period_start || '-' || d.period_end) AS period,
       v.comparator, v.value, v.unit, v.raw, d.source_path
FROM indicators i
JOIN documents d USING (doc_id)
JOIN "values" v USING (doc_id, indicator_id)
WHERE {_HEALTH_INSURANCE.strip()}
  AND v.role IN ('target', 'resolution_target', 'milestone')
  AND v.value IS NOT NULL
  AND coalesce(v.period_end, CASE WHEN v.period IS NULL THEN d.period_end END) = 2030
  AND coalesce(v.period_kind, '') <> 'annual'
ORDER BY d.locality NULLS LAST, d.source_path, i.line_start, v.value_id
""",
        ),
        Example(
            "missed-plan-2024",
            "Indicators whose 2024 result missed the plan (below 100% of plan, "
            "marked 'Không đạt', or actual below plan when no ratio is given); "
            "a cell with several quantities counts by its first (headline) value.",
            """
SELECT d.source_path, d.issuer, i.label, i.name,
       arg_min(v.value, v.value_id) FILTER (WHERE v.role = 'plan') AS plan_2024,
       arg_min(v.value, v.value_id) FILTER (WHERE v.role = 'actual') AS actual_2024,
       arg_min(v.unit, v.value_id) FILTER (WHERE v.role = 'actual') AS unit,
       arg_min(v.value, v.value_id) FILTER (WHERE v.role = 'ratio_to_plan'
                                             AND v.kind <> 'boolean') AS pct_of_plan,
       coalesce(bool_or(v.role = 'ratio_to_plan' AND v.kind = 'boolean' AND v.value = 0),
                false) AS marked_not_met
FROM "values" v
JOIN indicators i USING (doc_id, indicator_id)
JOIN documents d USING (doc_id)
WHERE v.period = '2024'
GROUP BY d.source_path, d.issuer, i.label, i.name, i.line_start
HAVING pct_of_plan < 100 OR marked_not_met
    OR (pct_of_plan IS NULL AND actual_2024 < plan_2024)
ORDER BY d.source_path, i.line_start
""",
        ),
        Example(
            "targets-by-indicator",
            "Per catalogue indicator and unit: how many documents and places set a target, "
            "and the range of the targets (one row per unit: units are never mixed).",
            """
SELECT i.catalog_code,
       any_value(i.catalog_name) AS indicator,
       any_value(i.catalog_name_en) AS indicator_en,
       v.unit,
       count(DISTINCT d.doc_id) AS documents,
       count(DISTINCT coalesce(d.commune_code, d.province_code, d.locality)) AS places,
       min(v.value) AS min_target, median(v.value) AS median_target,
       max(v.value) AS max_target
FROM "values" v
JOIN indicators i USING (doc_id, indicator_id)
JOIN documents d USING (doc_id)
WHERE v.role = 'target' AND v.kind IN ('number', 'bound') AND v.value IS NOT NULL
  AND i.catalog_code IS NOT NULL
GROUP BY i.catalog_code, v.unit
ORDER BY documents DESC, i.catalog_code, v.unit NULLS LAST
""",
        ),
        Example(
            "problems",
            "Documents that failed or were read only in part, with their errors.",
            """
SELECT e.severity, e.stage, e.error_type, count(*) AS n,
       any_value(e.message) AS example_message
FROM errors e
GROUP BY ALL
ORDER BY e.severity, n DESC
""",
        ),
    )
}


# -- printing a result ------------------------------------------------------------------
def _cell(value, max_width: int | None) -> str:  # noqa: ANN001
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        text = ""
    else:
        text = " ".join(str(value).split())  # one line per cell
    if max_width and len(text) > max_width:
        text = text[: max(1, max_width - 1)] + "…"
    return text


def render(
    frame: pd.DataFrame, fmt: str = "auto", *, width: int = 80, max_width: int | None = 40
) -> str:
    """The result as text: `csv`, `json` (records), `table`, `vertical` (one block per
    record, a `name  value` line per column) or `auto` (a table when it fits `width`
    characters, else vertical). Printed cells are cut to `max_width` characters."""
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n"
    names = [str(c) for c in frame.columns]
    rows = [[_cell(v, max_width) for v in row] for row in frame.itertuples(index=False)]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    fits = sum(widths) + 2 * max(len(widths) - 1, 0) <= width
    if fmt == "table" or (fmt == "auto" and fits):
        lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
        ]
        return "\n".join(lines) + "\n"
    label = max((len(n) for n in names), default=0)
    if max_width:  # a record's line has the terminal's width for its value
        room = max(max_width, width - label - 2)
        rows = [[_cell(v, room) for v in row] for row in frame.itertuples(index=False)]
    blocks = []
    for i, r in enumerate(rows, start=1):
        head = f"-- record {i} " + "-" * max(0, min(width, 60) - 12 - len(str(i)))
        blocks.append(
            "\n".join([head] + [f"{n.ljust(label)}  {c}" for n, c in zip(names, r, strict=True)])
        )
    return "\n".join(blocks) + ("\n" if blocks else "")
