"""The worker pool's process hygiene: a killed worker takes its children with it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from pipeline.ingest import ingest_paths
from tests.pipeline import seams

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw" / "000_a3da322a374b1dd7.txt"


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_a_timed_out_worker_is_killed_with_the_children_it_started(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "doc.txt")
    pid_file = tmp_path / "child.pid"
    summary = ingest_paths(
        [tmp_path / "doc.txt"],
        tmp_path / "parsed",
        workers=1,
        timeout=3,
        process=seams.spawn_child_and_hang(pid_file),
    )
    assert summary.timeouts == 1 and summary.failed == 1
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not _alive(child), f"the worker's child {child} outlived it"
    finally:
        if _alive(child):
            os.kill(child, 9)


def test_negative_workers_is_an_error_not_in_process_parsing(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="workers"):
        ingest_paths([SAMPLE], tmp_path / "parsed", workers=-3)
    assert not (tmp_path / "parsed").exists()
