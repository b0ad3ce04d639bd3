"""The cache holds only data formats that cannot run code: a planted pickle is never loaded."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

from pipeline.cache import MATCHES_FILE, Cache
from pipeline.ingest import ingest_paths
from pipeline.write import TABLES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw" / "000_a3da322a374b1dd7.txt"


class _Payload:
    """Unpickling this runs `os.system` — the attack a pickle cache allows."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _plant(path: Path, marker: Path, *, with_length_header: bool) -> None:
    evil = pickle.dumps(_Payload(marker))
    data = len(evil).to_bytes(8, "little") + evil if with_length_header else evil
    path.write_bytes(data)


def test_planted_pickles_in_the_cache_are_never_loaded(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE, raw)
    out = tmp_path / "parsed"
    first = ingest_paths([raw], out, workers=0)
    marker = tmp_path / "pwned"
    with Cache(out) as cache:
        entries = list(cache.entries_dir.glob("*.entry"))
        assert entries, "the run should have cached its document"
        for entry in entries:  # an entry replaced by a pickle with the right framing
            _plant(entry, marker, with_length_header=True)
        _plant(cache.entries_dir / MATCHES_FILE, marker, with_length_header=False)
        _plant(cache.entries_dir / "matches.pkl", marker, with_length_header=False)
    (raw / SAMPLE.name).touch()  # size/mtime check passes through to the cache lookup
    os.utime(raw / SAMPLE.name, ns=(1, 1))
    again = ingest_paths([raw], out, workers=0)
    assert not marker.exists(), "a pickle from the output folder was executed"
    assert again.failed == 0
    assert again.parsed == 1  # the unreadable entry was discarded and the file parsed again
    assert (again.indicators, again.values) == (first.indicators, first.values)
    for name in TABLES:
        assert (out / f"{name}.parquet").exists()
