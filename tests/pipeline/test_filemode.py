"""Published files get the mode `open()` would give them (0666 less the umask), not the
0600 of `tempfile.mkstemp`: a notebook server running as another user can read them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline.cache import write_bytes_atomic
from pipeline.filemode import current_umask
from pipeline.ingest import TABLE_NAMES, ingest_paths
from pipeline.write import write_tables

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "raw"
ONE_SAMPLE = sorted(SAMPLES.glob("*.txt"))[0]


@pytest.fixture(params=[0o022, 0o027, 0o077])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_umask_read_without_changing_it(umask):
    assert current_umask() == umask
    assert current_umask() == umask


def test_ingested_tables_and_cache_respect_the_umask(tmp_path, umask):
    ingest_paths([ONE_SAMPLE], tmp_path, workers=0)
    tables = sorted(tmp_path.glob("*.parquet"))
    assert {p.stem for p in tables} == set(TABLE_NAMES)
    for path in tables:
        assert _mode(path) == 0o666 & ~umask, path.name
    for path in (tmp_path / ".cache").rglob("*"):
        if path.is_file() and path.suffix != ".lock":
            assert _mode(path) & ~(0o666 & ~umask) == 0, path  # never wider than the umask
    if umask == 0o022:
        assert _mode(tmp_path / "values.parquet") == 0o644


def test_write_tables_and_atomic_bytes(tmp_path, umask):
    write_tables(tmp_path, {})
    write_bytes_atomic(tmp_path / "x.json", b"{}")
    for path in [*tmp_path.glob("*.parquet"), tmp_path / "x.json"]:
        assert _mode(path) == 0o666 & ~umask, path.name
