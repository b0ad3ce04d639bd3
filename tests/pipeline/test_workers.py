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


def test_a_worker_killed_mid_ocr_leaves_no_tesseract(tmp_path):
    import sys

    if shutil.which("tesseract") is None:
        import pytest

        pytest.skip("Tesseract is not installed")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
    import builders

    # a four-page scan as one TIFF: ~8 s of OCR with one Tesseract, over the 5 s limit
    _, blocks = builders.load_sample("003")
    pdf = builders.build_pdf(blocks, tmp_path / "doc.pdf")
    pages = [builders.degrade(p, seed=i) for i, p in enumerate(builders.rasterise(pdf)[:4])]
    scan = tmp_path / "scan.tif"
    pages[0].save(scan, save_all=True, append_images=pages[1:], dpi=(200, 200))
    pid_file = tmp_path / "tesseract.pids"
    summary = ingest_paths(
        [scan],
        tmp_path / "parsed",
        workers=1,
        timeout=1,  # x OCR_TIMEOUT_FACTOR (5) for an image
        process=seams.record_tesseract(pid_file),
    )
    assert summary.timeouts == 1 and summary.failed == 1
    pids = [int(p) for p in pid_file.read_text().split()] if pid_file.exists() else []
    assert pids, "no Tesseract ran before the worker was killed"
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [p for p in pids if _alive(p)]
    try:
        assert not alive, f"Tesseract processes {alive} outlived their worker"
    finally:
        for p in alive:
            os.kill(p, 9)
