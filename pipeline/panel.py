"""The panel: one row per (place, catalogue indicator, year, role, unit), for comparing
communes and years; and its wide form with plan, actual and ratios side by side.

Both are DuckDB views over the five tables (`pipeline.query.connect` creates them):

- `panel` — long. A value's year is its `period_end` (`2026-2030` → 2030: a target for the
  end of the plan; `annual` rates carry the document's period, see `period_kind`). Only the
  headline quantity of each (indicator, role, period) enters — the first of a cell such as
  `21 vụ (7 người chết, 18 người bị thương)` — and text values do not. The place is the
  document's 2025 commune, else its district, else its province (`place_key` their code);
  a commune or district document whose own unit is not in the gazetteer is its locality as
  written (`place_key` `<province_code>:<locality>`; with no province either, the document
  is a place of its own, `place_key` `doc:<doc_id>`, as is a document with no place at all). The indicator
  is its catalogue code (`indicator` its catalogue name), or, when unmatched, its name. Units
  of one family are converted (`pipeline/data/panel_units.yaml`: kg → tonne, m2 → ha …); other
  units stay apart, so one `value` column never mixes units. When several documents or rows
  give the same key, the most recently issued document's first row is kept and `n_sources`
  says how many gave one.
- `panel_wide` — one row per (place, indicator, year, unit): `target`, `plan`, `actual`,
  `baseline`, `resolution_target` in that unit, and beside them the document's own ratios:
  `pct_of_plan` (TH/KH, %), `pct_of_previous` (so cùng kỳ, %), `marked_met` (an `Đạt` /
  `Không đạt` evaluation, true/false), `missed_plan` (below 100 % of plan, marked not met, or —
  with no ratio given — actual below plan, a plan of 0 included).
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

UNITS = Path(__file__).parent / "data" / "panel_units.yaml"

MEASURE_ROLES = ("target", "plan", "actual", "baseline", "resolution_target", "milestone")


@functools.cache
def unit_conversions() -> list[dict]:
    return yaml.safe_load(UNITS.read_text(encoding="utf-8"))["conversions"]


def _conversion_rows() -> str:
    rows = ", ".join(
        f"('{c['unit']}', '{c['to']}', {float(c['factor'])!r})" for c in unit_conversions()
    )
    return f"(VALUES {rows}) AS c(from_unit, to_unit, factor)"


# A commune or district document whose own unit the gazetteer did not find (a name it does
# not know) stays its own place, named as written, instead of merging into its province.
_UNRESOLVED_LOCAL = """CASE WHEN d.commune_code IS NULL AND d.district_code IS NULL
                 AND d.admin_level IN ('xa', 'phuong', 'huyen') AND d.locality IS NOT NULL
            THEN '' END"""
# (keyed by province and name: with no province, a name alone is no place — the document is)


def panel_sql() -> str:
    return f"""
WITH headline AS (
    SELECT v.*,
           row_number() OVER (PARTITION BY v.doc_id, v.indicator_id, v.role, v.period
                              ORDER BY v.value_id) AS nth
    FROM "values" v
    WHERE v.kind <> 'text' AND v.period_end IS NOT NULL
),
rows AS (
    SELECT coalesce(d.commune_code, {_UNRESOLVED_LOCAL} || d.province_code || ':' || d.locality,
                    d.district_code, d.province_code, 'doc:' || d.doc_id) AS place_key,
           coalesce(d.commune, {_UNRESOLVED_LOCAL} || d.locality, d.district, d.province,
                    d.locality) AS place,
           d.commune, d.commune_code, d.district, d.district_code,
           d.province, d.province_code, d.locality, d.admin_level,
           i.catalog_code,
           coalesce(i.catalog_name, i.name) AS indicator,
           i.catalog_name_en AS indicator_en,
           i.catalog_domain AS domain,
           h.period_end AS year, h.role, h.period, h.period_kind, h.kind, h.comparator,
           h.value * coalesce(c.factor, 1) AS value,
           h.value_min * coalesce(c.factor, 1) AS value_min,
           h.value_max * coalesce(c.factor, 1) AS value_max,
           coalesce(c.to_unit, h.unit) AS unit,
           h.change, h.raw, i.name AS name_as_written, i.label,
           h.doc_id, d.source_path, d.issued_date, i.indicator_id, h.value_id,
           i.page, i.line_start
    FROM headline h
    JOIN indicators i USING (doc_id, indicator_id)
    JOIN documents d USING (doc_id)
    LEFT JOIN {_conversion_rows()} ON c.from_unit = h.unit
    WHERE h.nth = 1
),
ranked AS (
    SELECT *,
           row_number() OVER key_order AS pick,
           count(*) OVER key_window AS n_sources
    FROM rows
    WINDOW key_window AS (PARTITION BY place_key, coalesce(catalog_code, indicator), year,
                          role, unit),
           key_order AS (key_window ORDER BY issued_date DESC NULLS LAST, source_path,
                         line_start, value_id)
)
SELECT * EXCLUDE (pick) FROM ranked WHERE pick = 1
"""


def panel_wide_sql() -> str:
    measures = ",\n       ".join(
        f"arg_min(value, value_id) FILTER (WHERE role = '{r}') AS {r}" for r in MEASURE_ROLES
    )
    return f"""
WITH keys AS (
    SELECT place_key, coalesce(catalog_code, indicator) AS indicator_key, year FROM panel
),
measures AS (
    SELECT place_key, coalesce(catalog_code, indicator) AS indicator_key, year, unit,
       {measures},
       arg_min(comparator, value_id) FILTER (WHERE role = 'target') AS target_comparator
    FROM panel
    WHERE role IN {MEASURE_ROLES!r} AND kind <> 'boolean'
    GROUP BY ALL
),
ratios AS (
    SELECT place_key, coalesce(catalog_code, indicator) AS indicator_key, year,
           arg_min(value, value_id) FILTER (WHERE role = 'ratio_to_plan' AND kind <> 'boolean')
               AS pct_of_plan,
           arg_min(value, value_id) FILTER (WHERE role = 'ratio_to_previous'
                                            AND kind <> 'boolean') AS pct_of_previous,
           bool_and(value = 1) FILTER (WHERE kind = 'boolean'
                                       AND role IN ('ratio_to_plan', 'note')) AS marked_met
    FROM panel
    WHERE role IN ('ratio_to_plan', 'ratio_to_previous', 'note')
    GROUP BY ALL
),
info AS (
    SELECT place_key, coalesce(catalog_code, indicator) AS indicator_key, year,
           any_value(place) AS place, any_value(commune) AS commune,
           any_value(commune_code) AS commune_code, any_value(district) AS district,
           any_value(province) AS province, any_value(province_code) AS province_code,
           any_value(catalog_code) AS catalog_code, any_value(indicator) AS indicator,
           any_value(indicator_en) AS indicator_en, any_value(domain) AS domain,
           arg_min(source_path, value_id) AS source_path, min(line_start) AS line_start,
           string_agg(DISTINCT doc_id, ',') AS doc_ids
    FROM panel
    GROUP BY ALL
)
SELECT i.place_key, i.place, i.commune, i.commune_code, i.district, i.province,
       i.province_code, i.catalog_code, i.indicator, i.indicator_en, i.domain, k.year,
       m.unit, m.target, m.target_comparator, m.plan, m.actual, m.baseline,
       m.resolution_target, m.milestone, r.pct_of_plan, r.pct_of_previous, r.marked_met,
       coalesce(r.pct_of_plan < 100, false)
           OR coalesce(NOT r.marked_met, false)
           OR (r.pct_of_plan IS NULL AND coalesce(m.actual < m.plan, false)) AS missed_plan,
       i.source_path, i.line_start, i.doc_ids
FROM (SELECT DISTINCT * FROM keys) k
JOIN info i USING (place_key, indicator_key, year)
LEFT JOIN measures m USING (place_key, indicator_key, year)
LEFT JOIN ratios r USING (place_key, indicator_key, year)
"""


def create_views(con) -> None:  # noqa: ANN001 (a duckdb connection)
    """The `panel` and `panel_wide` views on a connection that has the five tables."""
    con.execute(f"CREATE OR REPLACE VIEW panel AS {panel_sql()}")
    con.execute(f"CREATE OR REPLACE VIEW panel_wide AS {panel_wide_sql()}")


def panel_frame(
    parsed_dir: Path | str,
    *,
    code: str | None = None,
    province: str | None = None,
    year: int | None = None,
    wide: bool = False,
):  # -> pandas.DataFrame
    """The panel (or its wide form) of `parsed_dir`, filtered; ordered by province, place,
    indicator, year."""
    from pipeline.query import connect

    where, params = [], []
    if code:
        where.append("upper(catalog_code) = upper(?)")
        params.append(code)
    if province:
        where.append("(province_code = ? OR strip_accents(lower(province)) LIKE ?)")
        params += [province.strip(), f"%{_fold_accents(province)}%"]
    if year is not None:
        where.append("year = ?")
        params.append(year)
    view = "panel_wide" if wide else "panel"
    order = "province, place, place_key, catalog_code, indicator, year"
    order += ", unit" if wide else ", role, unit"
    sql = f"SELECT * FROM {view}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    con = connect(parsed_dir)
    try:
        return con.execute(sql, params).fetchdf()
    finally:
        con.close()


def _fold_accents(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
