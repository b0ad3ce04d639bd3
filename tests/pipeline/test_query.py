"""`chitieu query`: DuckDB views over the parsed tables and the named example queries."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest_paths
from pipeline.periods import period_years
from pipeline.query import EXAMPLES, TABLE_NAMES, connect, run_query
from pipeline.write import write_tables

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "raw"


def _doc(doc_id, locality, start, end, doc_type="ke_hoach"):
    return {
        "doc_id": doc_id,
        "source_path": f"{doc_id}.txt",
        "format": "txt",
        "status": "ok",
        "title": "KẾ HOẠCH",
        "doc_type": doc_type,
        "locality": locality,
        "admin_level": "xa",
        "issuer": f"UBND xã {locality}",
        "period_start": start,
        "period_end": end,
        "parser_version": "test",
    }


def _ind(doc_id, ind_id, name, code=None, line=1):
    return {
        "doc_id": doc_id,
        "indicator_id": ind_id,
        "name": name,
        "source": "table",
        "label": ind_id,
        "line_start": line,
        "line_end": line,
        "catalog_code": code,
    }


def _val(doc_id, ind_id, n, role, period, value, unit="%", kind="number"):
    years = period_years(period)  # the period's years, as the pipeline writes them
    return {
        "period_start": years.start,
        "period_end": years.end,
        "period_kind": years.kind,
        "doc_id": doc_id,
        "indicator_id": ind_id,
        "value_id": f"{ind_id}.v{n:02d}",
        "role": role,
        "period": period,
        "raw": str(value),
        "kind": kind,
        "value": value,
        "unit": unit,
        "approximate": False,
        "unit_inferred": False,
    }


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """Three plans and one report whose right answers are known."""
    out = tmp_path_factory.mktemp("synthetic")
    rows = {
        "documents": [
            _doc("d1", "An Bình", 2026, 2030),
            _doc("d2", "Tân Phú", 2026, 2030),
            _doc("d3", "Mỹ Lộc", 2025, 2025),
            _doc("r1", None, 2024, 2025, "bieu"),
        ],
        "indicators": [
            # matched by code, name says nothing about BHYT
            _ind("d1", "i1", "Tỷ lệ bao phủ an sinh y tế", "XH.HEALTH_INSURANCE"),
            # unmatched, found by name
            _ind("d2", "i1", "Tỷ lệ dân số tham gia BHYT"),
            # name mentions BHYT but the matcher put it elsewhere: not health insurance
            _ind("d2", "i2", "Số cơ sở khám chữa bệnh BHYT", "YT.CLINICS"),
            # health insurance, but a 2025 target
            _ind("d3", "i1", "Tỷ lệ tham gia bảo hiểm y tế"),
            _ind("r1", "a", "Lượng khách du lịch", line=1),
            _ind("r1", "b", "Tỉ lệ hộ nghèo", line=2),
            _ind("r1", "c", "Giảm phạm pháp hình sự", line=3),
            _ind("r1", "d", "Trồng cây dưới tán", line=4),
        ],
        "values": [
            _val("d1", "i1", 1, "target", None, 95.0),  # period from the document
            _val("d2", "i1", 1, "target", "2026-2030", 97.0),
            _val("d2", "i1", 2, "milestone", "giai_doan_1", None, kind="text"),
            _val("d2", "i2", 1, "target", "2030", 5.0, unit="building"),
            _val("d3", "i1", 1, "target", "2025", 93.0),
            # met: 102%
            _val("r1", "a", 1, "plan", "2024", 94800.0, "visit"),
            _val("r1", "a", 2, "actual", "2024", 97000.0, "visit"),
            _val("r1", "a", 3, "ratio_to_plan", "2024", 102.32),
            # missed by ratio
            _val("r1", "b", 1, "plan", "2024", 2.0),
            _val("r1", "b", 2, "actual", "2024", 1.92),
            _val("r1", "b", 3, "ratio_to_plan", "2024", 96.0),
            # missed: 'Không đạt'
            _val("r1", "c", 1, "plan", "2024", 19.0, "case"),
            _val("r1", "c", 2, "actual", "2024", 33.0, "case"),
            _val("r1", "c", 3, "ratio_to_plan", "2024", 0.0, None, "boolean"),
            # missed: no ratio, actual below plan
            _val("r1", "d", 1, "plan", "2024", 80.0, "ha"),
            _val("r1", "d", 2, "actual", "2024", 43.3, "ha"),
        ],
    }
    write_tables(out, rows)
    return out


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parsed")
    ingest_paths([SAMPLES], out, workers=0)
    return out


def test_every_table_is_a_view(synthetic):
    con = connect(synthetic)
    names = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    assert names == set(TABLE_NAMES) | {"panel", "panel_wide"}
    assert con.execute('SELECT count(*) FROM "values"').fetchall()[0][0] == 16
    con.close()


def test_run_query_returns_a_dataframe(synthetic):
    frame = run_query("SELECT doc_id, locality FROM documents ORDER BY doc_id", synthetic)
    assert isinstance(frame, pd.DataFrame)
    assert frame.doc_id.tolist() == ["d1", "d2", "d3", "r1"]


def test_missing_tables_are_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="documents.parquet"):
        connect(tmp_path)


def test_health_insurance_example_uses_code_then_name(synthetic):
    frame = run_query(EXAMPLES["health-insurance-2030"].sql, synthetic)
    assert sorted(zip(frame.locality, frame.value, strict=True)) == [
        ("An Bình", 95.0),
        ("Tân Phú", 97.0),
    ]


def test_missed_plan_example_finds_ratio_flag_and_shortfall(synthetic):
    frame = run_query(EXAMPLES["missed-plan-2024"].sql, synthetic)
    assert frame.name.tolist() == ["Tỉ lệ hộ nghèo", "Giảm phạm pháp hình sự", "Trồng cây dưới tán"]


def test_every_example_runs_on_the_samples(samples):
    for example in EXAMPLES.values():
        run_query(example.sql, samples)
    missed = run_query(EXAMPLES["missed-plan-2024"].sql, samples)
    # the 004 report lists 6 indicators not met in 2024; the four with a ratio below 100 %
    assert {"5", "17", "21", "23"} <= set(missed.label)
    bhyt = run_query(EXAMPLES["health-insurance-2030"].sql, samples)
    assert {"An Hưng", "Xuân Quế"} <= set(bhyt.locality)


def test_cli_prints_writes_and_lists(synthetic, tmp_path):
    runner = CliRunner()
    shown = runner.invoke(
        app, ["query", "SELECT locality FROM documents", "--parsed", str(synthetic)]
    )
    assert shown.exit_code == 0, shown.output
    assert "An Bình" in shown.output and "4 rows" in shown.output
    csv = tmp_path / "out.csv"
    written = runner.invoke(
        app,
        ["query", "--example", "missed-plan-2024", "--parsed", str(synthetic), "--csv", str(csv)],
    )
    assert written.exit_code == 0, written.output
    assert len(pd.read_csv(csv)) == 3
    parquet = tmp_path / "out.parquet"
    written = runner.invoke(
        app,
        ["query", 'SELECT * FROM "values"', "--parsed", str(synthetic), "--parquet", str(parquet)],
    )
    assert written.exit_code == 0 and len(pd.read_parquet(parquet)) == 16
    listed = runner.invoke(app, ["query", "--list-examples"])
    assert all(name in listed.output for name in EXAMPLES)


def test_cli_errors_exit_2(synthetic, tmp_path):
    runner = CliRunner()
    assert (
        runner.invoke(app, ["query", "SELECT * FROM nope", "--parsed", str(synthetic)]).exit_code
        == 2
    )
    assert runner.invoke(app, ["query", "SELECT 1", "--parsed", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["query", "--example", "nope"]).exit_code == 2


def test_targets_by_indicator_never_mixes_units(samples):
    """Each row's range is over targets of one unit: recomputed from the values table."""
    rows = run_query(EXAMPLES["targets-by-indicator"].sql, samples)
    values = run_query(
        'SELECT i.catalog_code, v.unit, v.value FROM "values" v JOIN indicators i'
        " USING (doc_id, indicator_id) WHERE v.role = 'target' AND v.kind IN ('number', 'bound')"
        " AND v.value IS NOT NULL AND i.catalog_code IS NOT NULL",
        samples,
    )
    assert len(rows) > 20
    assert not rows.duplicated(["catalog_code", "unit"]).any()
    for row in rows.itertuples():
        same = values[(values.catalog_code == row.catalog_code)]
        same = same[same.unit.isna()] if pd.isna(row.unit) else same[same.unit == row.unit]
        assert (row.min_target, row.max_target) == (same.value.min(), same.value.max())
    # the case: income per head set as a 7 % growth and as VND gets a row per unit
    income = rows[rows.catalog_code == "KT.INCOME_PER_CAPITA"].set_index("unit")
    assert {"%", "VND"} <= set(income.index)
    assert income.loc["%", "max_target"] < 100 < income.loc["VND", "min_target"]
