"""docs/DATA_CONTRACT.md is kept in step with the schemas of pipeline/write.py and with the
codes the pipeline writes."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from parsers.structure.tables import VALUE_ROLES
from pipeline.write import TABLES

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "docs" / "DATA_CONTRACT.md"
TEXT = CONTRACT.read_text(encoding="utf-8")

ARROW_NAMES = {
    pa.string(): "string",
    pa.int32(): "int32",
    pa.float64(): "float64",
    pa.bool_(): "bool",
    pa.date32(): "date32",
}


def _section(title_start: str) -> str:
    """The text of the `##`/`###` section whose heading starts with `title_start`."""
    m = re.search(rf"^(#+) {re.escape(title_start)}.*?$", TEXT, re.M)
    assert m, f"no section {title_start!r} in {CONTRACT.name}"
    level = len(m.group(1))
    rest = TEXT[m.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def _documented_columns(table: str) -> dict[str, str]:
    """column → type (without `?`) from the table's `| column | type | meaning |` rows."""
    columns: dict[str, str] = {}
    for line in _section(f"{table} —").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] in {"column", ""} or set(cells[0]) <= {"-"}:
            continue
        for name in cells[0].split(","):
            columns[name.strip()] = cells[1].rstrip("?")
    return columns


def _codes(section: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", _section(section)))


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_column_is_documented_with_its_type(table):
    documented = _documented_columns(table)
    schema = TABLES[table]
    for field in schema:
        assert field.name in documented, f"{table}.{field.name} missing from {CONTRACT.name}"
        assert documented[field.name] == ARROW_NAMES[field.type], f"{table}.{field.name}"
    stale = set(documented) - set(schema.names)
    assert not stale, f"documented but not written: {table}.{sorted(stale)}"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_field_carries_a_description(table):
    for field in TABLES[table]:
        assert field.metadata and field.metadata.get(b"description"), f"{table}.{field.name}"


def test_written_files_keep_the_descriptions(parsed_samples):
    schema = pq.read_schema(parsed_samples / "values.parquet")
    assert schema.field("role").metadata[b"description"].startswith(b"target")


def test_roles_listed():
    assert VALUE_ROLES <= _codes("roles")


def test_units_listed():
    units = yaml.safe_load((ROOT / "normalizers/data/vi/units.yaml").read_text("utf-8"))
    listed = _codes("units")
    assert set(units["units"]) <= listed
    assert units["multiples"]["to"] in listed


def test_codes_written_on_the_samples_and_dev_corpus_are_listed(parsed_samples, parsed_dev):
    values = pd.concat(pd.read_parquet(p / "values.parquet") for p in (parsed_samples, parsed_dev))
    assert set(values.role) <= _codes("roles")
    assert set(values.kind) <= _codes("kinds")
    atoms = {
        a.split(" ", 1)[-1] if a[0].isdigit() else a
        for u in values.unit.dropna()
        for a in u.split("/")
    }
    assert atoms <= _codes("units"), atoms - _codes("units")


# Where the code names a reason: ReadError("code", …), ("stage", "code", …) tuples and rows,
# ERROR_TYPE constants and worker failures.
_STAGES = "read|decode|ocr|structure|normalise|match|write"
_REASON_PATTERNS = (
    r'ReadError\(\s*"([a-z_]+)"',
    rf'"(?:{_STAGES})",\s*"([a-z_]+)"',
    r'ERROR_TYPE = "([a-z_]+)"',
    r'failure\s*(?:=|==)\s*"([a-z_]+)"',
    r'"error_type"\]\s*=\s*"([a-z_]+)"',
)


def _source_texts() -> list[str]:
    files = [*(ROOT / "parsers").rglob("*.py"), *(ROOT / "pipeline").rglob("*.py")]
    return [f.read_text(encoding="utf-8") for f in files]


def test_reason_codes_listed_and_none_stale():
    sources = _source_texts()
    found = {code for text in sources for p in _REASON_PATTERNS for code in re.findall(p, text)}
    listed = _codes("reason codes") - set(_STAGES.split("|")) - {"error", "warning"}
    listed = {c for c in listed if re.fullmatch(r"[a-z_]+", c)}
    assert found, "the patterns find no reason code: the code base changed shape"
    assert found <= listed, f"undocumented reason codes: {sorted(found - listed)}"
    stale = {c for c in listed if not any(f'"{c}"' in text for text in sources)}
    assert not stale, f"documented reason codes the code never writes: {sorted(stale)}"


DUCKDB_NAMES = {
    "VARCHAR": "string",
    "INTEGER": "int32",
    "BIGINT": "int64",
    "DOUBLE": "float64",
    "BOOLEAN": "bool",
    "DATE": "date32",
}


@pytest.mark.parametrize("view", ["panel", "panel_wide"])
def test_every_panel_column_is_documented_with_its_type(view, parsed_samples):
    from pipeline.query import connect

    con = connect(parsed_samples)
    described = con.execute(f"DESCRIBE {view}").fetchall()
    con.close()
    documented = _documented_columns(view)
    for name, typ, *_ in described:
        assert name in documented, f"{view}.{name} missing from {CONTRACT.name}"
        assert documented[name] == DUCKDB_NAMES[typ], f"{view}.{name}: {typ}"
    assert set(documented) == {row[0] for row in described}
