"""Lock and backup files an editor leaves beside documents are skipped with a warning."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import ingest_paths, scratch_reason

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw" / "000_a3da322a374b1dd7.txt"


@pytest.mark.parametrize(
    ("name", "scratch"),
    [
        ("~$ke-hoach.docx", True),  # Word lock file
        ("~$Biểu 01.xlsx", True),  # Excel lock file
        ("bao-cao.md~", True),  # editor backup
        (".#bao-cao.md", True),  # Emacs lock
        ("ke-hoach~1.docx", False),  # a DOS short name is a real file
        ("$ke-hoach.docx", False),
        ("bao-cao~final.txt", False),
    ],
)
def test_scratch_names(name, scratch):
    assert (scratch_reason(Path(name)) is not None) is scratch


def test_lock_files_are_skipped_with_a_warning(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.txt").write_bytes(SAMPLE.read_bytes())
    lock = docs / "~$plan.docx"
    lock.write_bytes(b"\x06nguyen \x00" * 18)  # what Word writes: owner name, padding
    backup = docs / "plan.txt~"
    backup.write_bytes(SAMPLE.read_bytes()[:500])
    out = tmp_path / "out"
    summary = ingest_paths([docs], out, workers=0)
    assert summary.failed == 0 and summary.failed_files == []
    assert summary.ok + summary.partial == 1 and summary.scratch == 2
    errors = pd.read_parquet(out / "errors.parquet")
    rows = errors[errors.error_type == "scratch_file"]
    assert sorted(Path(p).name for p in rows.source_path) == ["plan.txt~", "~$plan.docx"]
    assert set(rows.severity) == {"warning"}
    assert all(Path(p).name in m for p, m in zip(rows.source_path, rows.message, strict=True))
    documents = pd.read_parquet(out / "documents.parquet")
    assert [Path(p).name for p in documents.source_path] == ["plan.txt"]
