"""Exports for stores that outgrow single Parquet files (`chitieu export`).

- `export_duckdb(parsed, FILE)`: one DuckDB database holding the five tables (as tables)
  and the `panel` / `panel_wide` views over them; open it with `duckdb.connect(FILE)`.
- `export_partitioned(parsed, DIR)`: hive-partitioned Parquet, the layout DuckDB, Spark,
  Ray and pyarrow read directly: `DIR/<table>/province_code=38/year=2024/data_0.parquet`.
  `values` and `panel` are partitioned by `province_code` and `year` (`period_end`), the
  other tables by `province_code`; a document with no province is under
  `province_code=__HIVE_DEFAULT_PARTITION__` (null when read back). The partition columns
  live in the paths: read them back with their documented types (codes are strings: `01`
  must not become 1) — `read_partitioned` does, and docs/DATA_CONTRACT.md shows the DuckDB
  and pandas calls.

Both write beside the target and rename into place, so a reader sees the old export or
the new one, never half of one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pipeline.filemode import current_umask, published_mode
from pipeline.panel import create_views
from pipeline.query import TABLE_NAMES, _quote_ident, _quote_literal, connect

# table → (partition columns, the SELECT giving them)
PARTITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "documents": (("province_code",), "SELECT * FROM documents"),
    "sections": (
        ("province_code",),
        "SELECT s.*, d.province_code FROM sections s LEFT JOIN documents d USING (doc_id)",
    ),
    "indicators": (
        ("province_code",),
        "SELECT i.*, d.province_code FROM indicators i LEFT JOIN documents d USING (doc_id)",
    ),
    "values": (
        ("province_code", "year"),
        'SELECT v.*, d.province_code, v.period_end AS year FROM "values" v'
        " LEFT JOIN documents d USING (doc_id)",
    ),
    "errors": (
        ("province_code",),
        "SELECT e.*, d.province_code FROM errors e LEFT JOIN documents d USING (doc_id)",
    ),
    "panel": (("province_code", "year"), "SELECT * FROM panel"),
}
HIVE_TYPES = {"province_code": "VARCHAR", "year": "INTEGER"}


def export_duckdb(parsed_dir: Path | str, target: Path | str) -> Path:
    import duckdb

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB creates its own file
    parsed = Path(parsed_dir).resolve()
    try:
        connect(parsed).close()  # names the missing tables, if any
        con = duckdb.connect(str(tmp))
        try:
            for name in TABLE_NAMES:
                path = _quote_literal(str(parsed / f"{name}.parquet"))
                con.execute(
                    f"CREATE TABLE {_quote_ident(name)} AS SELECT * FROM read_parquet({path})"
                )
            create_views(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.chmod(tmp, published_mode())
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return target


def export_partitioned(parsed_dir: Path | str, target: Path | str) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    con = connect(parsed_dir)
    try:
        for name, (columns, select) in PARTITIONS.items():
            out = _quote_literal(str(work / name))
            keys = ", ".join(columns)
            con.execute(
                f"COPY ({select}) TO {out} (FORMAT parquet, COMPRESSION zstd, "
                f"PARTITION_BY ({keys}))"
            )
        _publish_tree(work)
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(work, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        con.close()
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return target


def _publish_tree(root: Path) -> None:
    """Folders 0777 and files 0666 less the umask (mkdtemp made the root 0700)."""
    dir_mode = 0o777 & ~current_umask()
    for folder, _dirs, files in os.walk(root):
        os.chmod(folder, dir_mode)
        for f in files:
            os.chmod(Path(folder) / f, published_mode())


def read_partitioned(export_dir: Path | str, table: str):  # -> pandas.DataFrame
    """One table of a partitioned export as pandas, partition columns typed as documented
    (`province_code` string, `year` int32)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.dataset as ds

    columns, _ = PARTITIONS[table]
    types = {"province_code": pa.string(), "year": pa.int32()}
    partitioning = ds.partitioning(pa.schema([(c, types[c]) for c in columns]), flavor="hive")
    return pd.read_parquet(Path(export_dir) / table, partitioning=partitioning)
