"""`chitieu export --duckdb FILE` and `--partitioned DIR`: read back in DuckDB and pandas
with the documented types."""

from __future__ import annotations

import os
import stat

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import PARTITIONS, read_partitioned
from pipeline.write import TABLES

DUCKDB_OF_ARROW = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "double": "DOUBLE",
    "bool": "BOOLEAN",
    "date32[day]": "DATE",
}


@pytest.fixture(scope="module")
def exported(parsed_samples, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(
            app,
            [
                "export",
                "--parsed",
                str(parsed_samples),
                "--duckdb",
                str(out / "chitieu.duckdb"),
                "--partitioned",
                str(out / "parts"),
            ],
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    return out


def test_duckdb_file_holds_the_tables_with_their_types_and_the_views(exported, parsed_samples):
    con = duckdb.connect(str(exported / "chitieu.duckdb"), read_only=True)
    try:
        names = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert names == set(TABLES) | {"panel", "panel_wide"}
        for name, schema in TABLES.items():
            n = con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
            assert n == pq.read_metadata(parsed_samples / f"{name}.parquet").num_rows
            described = {r[0]: r[1] for r in con.execute(f'DESCRIBE "{name}"').fetchall()}
            for field in schema:
                assert described[field.name] == DUCKDB_OF_ARROW[str(field.type)], field.name
        missed = con.execute(
            "SELECT count(*) FROM panel_wide WHERE missed_plan AND year = 2024"
            " AND source_path LIKE '%004_%'"
        ).fetchall()[0][0]
        assert missed == 6
    finally:
        con.close()


def test_partitioned_export_reads_back_in_duckdb(exported, parsed_samples):
    parts = exported / "parts"
    assert sorted(p.name for p in parts.iterdir()) == sorted(PARTITIONS)
    assert (parts / "values" / "province_code=38").is_dir()
    assert (parts / "values" / "province_code=__HIVE_DEFAULT_PARTITION__").is_dir()  # 004
    glob = str(parts / "values" / "**" / "*.parquet")
    con = duckdb.connect()
    rows = con.execute(
        "SELECT province_code, year, count(*) FROM read_parquet(?, hive_partitioning = true,"
        " hive_types = {'province_code': 'VARCHAR', 'year': 'INTEGER'}) GROUP BY ALL",
        [glob],
    ).fetchall()
    types = con.execute(
        "DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = true,"
        " hive_types = {'province_code': 'VARCHAR', 'year': 'INTEGER'})",
        [glob],
    ).fetchall()
    con.close()
    total = pq.read_metadata(parsed_samples / "values.parquet").num_rows
    assert sum(r[2] for r in rows) == total
    assert {r[0] for r in rows} == {"75", "38", "31", "19", None}
    described = {r[0]: r[1] for r in types}
    assert described["province_code"] == "VARCHAR" and described["year"] == "INTEGER"
    assert described["period_start"] == "INTEGER" and described["value"] == "DOUBLE"


def test_partitioned_export_reads_back_in_pandas(exported, parsed_samples):
    values = read_partitioned(exported / "parts", "values")
    assert len(values) == pq.read_metadata(parsed_samples / "values.parquet").num_rows
    codes = set(values.province_code.dropna())
    assert codes == {"75", "38", "31", "19"}  # strings: a code `01` would stay `01`
    assert values.year.dropna().map(float.is_integer).all()
    documents = read_partitioned(exported / "parts", "documents")
    original = pd.read_parquet(parsed_samples / "documents.parquet")
    assert sorted(documents.doc_id) == sorted(original.doc_id)
    assert documents.set_index("doc_id").province_code.to_dict() == (
        original.set_index("doc_id").province_code.to_dict()
    )


def test_exports_are_readable_by_others(exported):
    assert stat.S_IMODE((exported / "chitieu.duckdb").stat().st_mode) == 0o644
    for folder, _dirs, files in os.walk(exported / "parts"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o755
        for f in files:
            assert stat.S_IMODE(os.stat(os.path.join(folder, f)).st_mode) == 0o644


def test_export_again_replaces_and_bad_calls_are_one_line(exported, parsed_samples, tmp_path):
    runner = CliRunner()
    target = exported / "parts"
    (target / "stale.txt").write_text("old")
    result = runner.invoke(
        app, ["export", "--parsed", str(parsed_samples), "--partitioned", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert not (target / "stale.txt").exists()
    assert runner.invoke(app, ["export", "--parsed", str(parsed_samples)]).exit_code == 2
    missing = runner.invoke(
        app, ["export", "--parsed", str(tmp_path / "none"), "--duckdb", str(tmp_path / "x.db")]
    )
    assert missing.exit_code == 2 and not (tmp_path / "x.db").exists()
