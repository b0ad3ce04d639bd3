"""The panel views and `chitieu panel`: one row per (place, indicator, year, role, unit)."""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.panel import panel_frame
from pipeline.query import EXAMPLES, connect, run_query
from pipeline.write import write_tables


def _doc(doc_id, commune, code, issued, province="Tỉnh Thanh Hóa", pcode="38"):
    return {
        "doc_id": doc_id,
        "source_path": f"{doc_id}.txt",
        "format": "txt",
        "status": "ok",
        "title": "KẾ HOẠCH",
        "doc_type": "ke_hoach",
        "commune": commune,
        "commune_code": code,
        "province": province,
        "province_code": pcode,
        "issued_date": issued,
        "parser_version": "test",
    }


def _ind(doc_id, ind_id, name, code=None, line=1):
    return {
        "doc_id": doc_id,
        "indicator_id": ind_id,
        "name": name,
        "source": "table",
        "line_start": line,
        "line_end": line,
        "catalog_code": code,
        "catalog_name": name if code else None,
    }


def _val(doc_id, ind_id, n, role, year, value, unit="%", kind="number", period=None):
    return {
        "doc_id": doc_id,
        "indicator_id": ind_id,
        "value_id": f"{ind_id}.v{n:02d}",
        "role": role,
        "period": period or str(year),
        "period_start": year,
        "period_end": year,
        "period_kind": "year",
        "raw": str(value),
        "kind": kind,
        "comparator": "=",
        "value": value,
        "unit": unit,
        "approximate": False,
        "unit_inferred": False,
    }


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    import datetime as dt

    out = tmp_path_factory.mktemp("panel")
    rows = {
        "documents": [
            _doc("a1", "Xã Cẩm Tú", "15148", dt.date(2024, 1, 5)),
            _doc("a2", "Xã Cẩm Tú", "15148", dt.date(2025, 1, 5)),  # a later plan, same commune
            _doc("b1", "Xã Yên Khương", "15031", dt.date(2025, 3, 1)),
            _doc("n1", None, None, None, None, None),  # a document with no place
            # two communes the gazetteer does not know, in one province: two places
            {
                **_doc("u1", None, None, None, "Thành phố Hải Phòng", "31"),
                "admin_level": "xa",
                "locality": "Hồng Lâm",
            },
            {
                **_doc("u2", None, None, None, "Thành phố Hải Phòng", "31"),
                "admin_level": "xa",
                "locality": "Hợp An",
            },
        ],
        "indicators": [
            _ind("a1", "i1", "Tỷ lệ tham gia BHYT", "XH.HEALTH_INSURANCE"),
            _ind("a2", "i1", "Tỷ lệ dân số tham gia BHYT", "XH.HEALTH_INSURANCE"),
            _ind("a2", "i2", "Sản lượng lương thực", "KT.FOOD_OUTPUT", line=2),
            _ind("b1", "i1", "Sản lượng lương thực", "KT.FOOD_OUTPUT"),
            _ind("b1", "i2", "Số vụ tai nạn giao thông", None, line=2),
            _ind("n1", "i1", "Sản lượng lương thực", "KT.FOOD_OUTPUT"),
            _ind("u1", "i1", "Sản lượng lương thực", "KT.FOOD_OUTPUT"),
            _ind("u2", "i1", "Sản lượng lương thực", "KT.FOOD_OUTPUT"),
        ],
        "values": [
            _val("a1", "i1", 1, "target", 2025, 92.0),
            _val("a2", "i1", 1, "target", 2025, 95.0),  # the later document's figure wins
            _val("a2", "i2", 1, "plan", 2025, 1200.0, "tonne"),
            _val("a2", "i2", 2, "actual", 2025, 1100.0, "tonne"),
            _val("a2", "i2", 3, "ratio_to_plan", 2025, 91.7),
            # the same indicator in quintals: converted to tonnes, one column
            _val("b1", "i1", 1, "plan", 2025, 15000.0, "quintal"),
            _val("b1", "i1", 2, "actual", 2025, 16000.0, "quintal"),
            # a plan of 0 exceeded (a count that should stay at 0), marked `Không đạt`
            _val("b1", "i2", 1, "plan", 2025, 0.0, "case"),
            _val("b1", "i2", 2, "actual", 2025, 3.0, "case"),
            _val("b1", "i2", 3, "actual", 2025, 2.0, "person"),  # a second quantity: not headline
            _val("b1", "i2", 4, "ratio_to_plan", 2025, 0.0, None, "boolean"),
            # a unit of another family stays a row of its own
            _val("n1", "i1", 1, "actual", 2025, 50.0, "%"),
            _val("n1", "i1", 2, "note", 2025, None, kind="text"),
            _val("u1", "i1", 1, "actual", 2025, 900.0, "tonne"),
            _val("u2", "i1", 1, "actual", 2025, 700.0, "tonne"),
        ],
    }
    write_tables(out, rows)
    return out


def test_one_row_per_key_latest_document_first(synthetic):
    rows = run_query("SELECT * FROM panel WHERE catalog_code = 'XH.HEALTH_INSURANCE'", synthetic)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.place, row.place_key, row.year, row.role, row.value) == (
        "Xã Cẩm Tú",
        "15148",
        2025,
        "target",
        95.0,
    )
    assert row.doc_id == "a2" and row.n_sources == 2


def test_units_of_one_family_converted_others_apart(synthetic):
    food = run_query(
        "SELECT place_key, role, unit, value FROM panel WHERE catalog_code = 'KT.FOOD_OUTPUT'"
        " ORDER BY place_key, role",
        synthetic,
    )
    b1 = food[food.place_key == "15031"]
    assert set(b1.unit) == {"tonne"} and sorted(b1.value) == [1500.0, 1600.0]
    nameless = food[food.place_key == "doc:n1"]
    assert list(nameless.unit) == ["%"]
    con = connect(synthetic)
    mixed = con.execute(
        "SELECT count(*) FROM (SELECT place_key, catalog_code, indicator, year, role"
        " FROM panel GROUP BY ALL HAVING count(DISTINCT unit) > 1)"
    ).fetchone()[0]
    wide_mixed = con.execute(
        "SELECT count(*) FROM panel_wide w JOIN panel p USING (place_key, year)"
        " WHERE coalesce(p.catalog_code, p.indicator) = coalesce(w.catalog_code, w.indicator)"
        " AND p.role IN ('plan', 'actual', 'target') AND p.unit <> w.unit"
        " AND w.unit IS NOT NULL AND NOT EXISTS (SELECT 1 FROM panel_wide w2"
        "  WHERE w2.place_key = w.place_key AND w2.year = w.year AND w2.unit = p.unit"
        "  AND coalesce(w2.catalog_code, w2.indicator) = coalesce(w.catalog_code, w.indicator))"
    ).fetchone()[0]
    con.close()
    assert mixed == 0 and wide_mixed == 0


def test_unknown_communes_stay_apart_from_their_province(synthetic):
    rows = run_query(
        "SELECT place_key, place, value FROM panel WHERE province_code = '31' ORDER BY value",
        synthetic,
    )
    assert rows.values.tolist() == [
        ["31:Hợp An", "Hợp An", 700.0],
        ["31:Hồng Lâm", "Hồng Lâm", 900.0],
    ]


def test_wide_puts_plan_actual_and_ratio_side_by_side(synthetic):
    wide = run_query("SELECT * FROM panel_wide ORDER BY place_key, indicator", synthetic)
    food = wide[(wide.place_key == "15148") & (wide.catalog_code == "KT.FOOD_OUTPUT")].iloc[0]
    assert (food.plan, food.actual, food.pct_of_plan, food.unit) == (1200.0, 1100.0, 91.7, "tonne")
    assert bool(food.missed_plan)
    accidents = wide[wide.indicator == "Số vụ tai nạn giao thông"].iloc[0]
    assert (accidents.plan, accidents.actual, accidents.unit) == (0.0, 3.0, "case")
    assert bool(accidents.missed_plan) and not accidents.marked_met  # a plan of 0 counts
    b1_food = wide[(wide.place_key == "15031") & (wide.catalog_code == "KT.FOOD_OUTPUT")].iloc[0]
    assert not bool(b1_food.missed_plan)


def test_panel_reproduces_sample_004s_six_missed_indicators(parsed_samples):
    """Acceptance (issue 15): the report lists 6 of its 26 indicators as not met in 2024."""
    wide = panel_frame(parsed_samples, year=2024, wide=True)
    report = wide[wide.source_path.str.contains("004_")]
    missed = report[report.missed_plan]
    assert len(missed) == 6
    example = run_query(EXAMPLES["missed-plan-2024"].sql, parsed_samples)
    example = example[example.source_path.str.contains("004_")]
    lines = run_query(
        "SELECT i.line_start FROM indicators i JOIN documents d USING (doc_id)"
        " WHERE d.source_path LIKE '%004_%' AND i.label IN "
        f"({', '.join(repr(x) for x in example.label)})",
        parsed_samples,
    )
    assert sorted(missed.line_start) == sorted(lines.line_start)
    assert 0.0 in set(missed.plan)  # the traffic-accident plan of 0 is one of them
    assert (missed.actual.notna() & missed.plan.notna()).all()


def test_cli_panel_filters_and_writes(parsed_samples, tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["panel", "--parsed", str(parsed_samples), "--code", "xh.health_insurance", "--csv", "-"],
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"place_key": str})
    assert len(frame) >= 3 and set(frame.catalog_code) == {"XH.HEALTH_INSURANCE"}
    assert set(frame.unit) == {"%"}
    result = runner.invoke(
        app, ["panel", "--parsed", str(parsed_samples), "--province", "hai phong", "--year", "2030"]
    )
    assert result.exit_code == 0, result.output
    assert "Xã An Hưng" in result.stdout
    out = tmp_path / "panel.parquet"
    result = runner.invoke(
        app, ["panel", "--parsed", str(parsed_samples), "--province", "31", "--parquet", str(out)]
    )
    assert result.exit_code == 0, result.output
    back = pd.read_parquet(out)
    assert set(back.province_code) == {"31"} and len(back) > 10
    assert back.year.dtype.kind == "i" and back.value.dtype == "float64"
    assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall()[0][0] == len(back)
    result = runner.invoke(app, ["panel", "--parsed", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
