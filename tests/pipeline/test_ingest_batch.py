"""Batch ingestion: incremental runs, prune, duplicates, worker limits, killed runs, CLI."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import pipeline.cache
from pipeline.cache import Cache
from pipeline.cli import app
from pipeline.ingest import ingest_paths
from pipeline.write import TABLES
from tests.pipeline import seams

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "raw"


def load_make_corpus():
    spec = importlib.util.spec_from_file_location(
        "make_corpus", ROOT / "benchmarks" / "make_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_tables(out: Path) -> dict:
    return {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = read_tables(a), read_tables(b)
    for name in TABLES:
        assert ta[name].equals(tb[name]), name


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "raw"
    shutil.copytree(SAMPLES, folder)
    return folder


def test_rerun_skips_unchanged_and_leaves_tables_alone(inputs, tmp_path):
    out = tmp_path / "parsed"
    first = ingest_paths([inputs], out, workers=2)
    assert (first.parsed, first.skipped, first.documents) == (5, 0, 5)
    assert first.tables_rewritten
    mtime = (out / "values.parquet").stat().st_mtime_ns
    again = ingest_paths([inputs], out, workers=2)
    assert (again.parsed, again.skipped) == (0, 5)
    assert not again.tables_rewritten
    assert (out / "values.parquet").stat().st_mtime_ns == mtime
    for field in ("documents", "ok", "partial", "failed", "indicators", "values", "errors"):
        assert getattr(again, field) == getattr(first, field), field


def test_changed_file_is_reparsed_and_its_old_rows_go(inputs, tmp_path):
    out = tmp_path / "parsed"
    ingest_paths([inputs], out, workers=2)
    old_ids = set(pq.read_table(out / "documents.parquet")["doc_id"].to_pylist())
    target = inputs / "004_ca595b78d09ccdc2.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    summary = ingest_paths([inputs], out, workers=2)
    assert (summary.parsed, summary.skipped, summary.documents) == (1, 4, 5)
    new_ids = set(pq.read_table(out / "documents.parquet")["doc_id"].to_pylist())
    assert len(new_ids - old_ids) == 1 and len(old_ids - new_ids) == 1
    # every table agrees on the documents it holds
    for name in ("sections", "indicators", "values"):
        assert set(pq.read_table(out / f"{name}.parquet")["doc_id"].to_pylist()) <= new_ids


def test_touched_but_unchanged_file_is_not_reparsed(inputs, tmp_path):
    out = tmp_path / "parsed"
    ingest_paths([inputs], out, workers=0)
    os.utime(inputs / "000_a3da322a374b1dd7.txt", ns=(1, 1))  # rehashed, same content
    summary = ingest_paths([inputs], out, workers=0)
    assert (summary.parsed, summary.skipped) == (0, 5)


def test_new_parser_fingerprint_reparses_everything(inputs, tmp_path, monkeypatch):
    out = tmp_path / "parsed"
    ingest_paths([inputs], out, workers=2)
    before = read_tables(out)
    monkeypatch.setattr(pipeline.cache, "parser_fingerprint", lambda: "9.9.9-test")
    summary = ingest_paths([inputs], out, workers=2)
    assert (summary.parsed, summary.skipped) == (5, 0)
    assert [p.name for p in (out / ".cache").iterdir() if p.is_dir()] == [
        f"9.9.9-test.e{pipeline.cache.ENTRY_FORMAT}"
    ]
    after = read_tables(out)
    assert all(before[n].equals(after[n]) for n in TABLES)  # same code: same rows


def test_prune_drops_removed_files(inputs, tmp_path):
    out = tmp_path / "parsed"
    ingest_paths([inputs], out, workers=2)
    (inputs / "001_c7c1eb2d84aa3c89.txt").unlink()
    kept = ingest_paths([inputs], out, workers=2)
    assert (kept.documents, kept.kept, kept.parsed) == (5, 1, 0)
    pruned = ingest_paths([inputs], out, workers=2, prune=True)
    assert (pruned.documents, pruned.pruned, pruned.kept) == (4, 1, 0)
    paths = pq.read_table(out / "documents.parquet")["source_path"].to_pylist()
    assert not any("001_" in p for p in paths)


def test_runs_on_other_folders_accumulate_unless_pruned(inputs, tmp_path):
    out = tmp_path / "parsed"
    other = tmp_path / "other"
    other.mkdir()
    shutil.move(inputs / "004_ca595b78d09ccdc2.txt", other / "report.txt")
    ingest_paths([inputs], out, workers=2)
    both = ingest_paths([other], out, workers=2)
    assert (both.documents, both.parsed, both.kept) == (5, 1, 4)
    only = ingest_paths([other], out, workers=2, prune=True)
    assert (only.documents, only.pruned) == (1, 4)


def test_same_content_twice_is_one_document_with_a_warning(inputs, tmp_path):
    out = tmp_path / "parsed"
    shutil.copy(inputs / "000_a3da322a374b1dd7.txt", inputs / "copy_of_000.txt")
    summary = ingest_paths([inputs], out, workers=2)
    assert (summary.documents, summary.duplicates) == (5, 1)
    errors = pq.read_table(out / "errors.parquet").to_pylist()
    dup = [e for e in errors if e["error_type"] == "duplicate_content"]
    assert len(dup) == 1 and dup[0]["source_path"].endswith("copy_of_000.txt")
    assert dup[0]["severity"] == "warning"


def test_renamed_file_is_reused_under_its_new_name(inputs, tmp_path):
    out = tmp_path / "parsed"
    ingest_paths([inputs], out, workers=2)
    (inputs / "000_a3da322a374b1dd7.txt").rename(inputs / "renamed.txt")
    summary = ingest_paths([inputs], out, workers=2, prune=True)
    assert (summary.parsed, summary.skipped, summary.documents) == (0, 5, 5)
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    assert any(d["source_path"].endswith("renamed.txt") for d in docs)
    assert not any("000_a3da" in d["source_path"] for d in docs)


def test_output_folder_inside_the_input_folder_is_not_ingested(inputs):
    out = inputs / "parsed"
    ingest_paths([inputs], out, workers=0)
    again = ingest_paths([inputs], out, workers=0)
    assert (again.inputs, again.documents, again.failed) == (5, 5, 0)


def test_in_process_and_worker_runs_give_the_same_tables(inputs, tmp_path):
    ingest_paths([inputs], tmp_path / "a", workers=0)
    ingest_paths([inputs], tmp_path / "b", workers=2)
    assert_same_tables(tmp_path / "a", tmp_path / "b")


def test_slow_document_times_out_and_the_batch_goes_on(inputs, tmp_path):
    # the test seam (pipeline.workers): workers sleep before parsing files named slow*
    shutil.copy(inputs / "004_ca595b78d09ccdc2.txt", inputs / "slow_report.txt")
    (inputs / "slow_report.txt").write_text(
        (inputs / "slow_report.txt").read_text(encoding="utf-8") + "\nx\n", encoding="utf-8"
    )
    slow = seams.slow(60, "slow*")
    out = tmp_path / "parsed"
    started = time.monotonic()
    summary = ingest_paths([inputs], out, workers=2, timeout=5, process=slow)
    assert time.monotonic() - started < 45  # not the 60 s the hook sleeps
    assert (summary.timeouts, summary.failed, summary.ok + summary.partial) == (1, 1, 5)
    assert summary.failed_files == [str(inputs / "slow_report.txt")]
    errors = pq.read_table(out / "errors.parquet").to_pylist()
    timeout = [e for e in errors if e["error_type"] == "timeout"]
    assert len(timeout) == 1
    assert timeout[0]["stage"] == "read" and "slow_report.txt" in timeout[0]["message"]
    # same limits: the failure is remembered, not retried
    again = ingest_paths([inputs], out, workers=2, timeout=5, process=slow)
    assert (again.parsed, again.failed) == (0, 1)
    # a larger limit retries it
    retried = ingest_paths([inputs], out, workers=2, timeout=60)
    assert (retried.parsed, retried.failed, retried.documents) == (1, 0, 6)


def test_document_over_the_memory_bound_becomes_a_memory_error(inputs, tmp_path):
    # the test seam: workers allocate 3 GiB before parsing files named big*; the bound is 1 GiB
    shutil.copy(inputs / "000_a3da322a374b1dd7.txt", tmp_path / "big.txt")
    (tmp_path / "big.txt").write_text(
        "x\n" + (inputs / "000_a3da322a374b1dd7.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = tmp_path / "parsed"
    summary = ingest_paths(
        [inputs, tmp_path / "big.txt"],
        out,
        workers=2,
        max_memory=1024**3,
        process=seams.memory_hungry(3072, "big*"),
    )
    assert (summary.memory, summary.failed, summary.documents) == (1, 1, 6)
    errors = pq.read_table(out / "errors.parquet").to_pylist()
    assert [e["error_type"] for e in errors if e["severity"] == "error"] == ["memory"]


def test_unreadable_and_empty_files_fail_without_stopping_the_batch(inputs, tmp_path):
    (inputs / "empty.txt").write_bytes(b"")
    summary = ingest_paths([inputs, tmp_path / "missing.txt"], tmp_path / "parsed", workers=2)
    assert summary.ok + summary.partial == 5
    assert sorted(Path(p).name for p in summary.failed_files) == ["empty.txt", "missing.txt"]


def test_interrupted_commit_is_completed_by_the_next_run(inputs, tmp_path):
    out = tmp_path / "parsed"
    ingest_paths([inputs], out, workers=0)
    before = read_tables(out)
    # a run killed between two renames of the commit: one table swapped, one pending
    staged = out / ".chitieu-staged.values.parquet"
    pq.write_table(before["values"].slice(0, 3), staged)
    (out / ".cache" / "commit.json").write_text(
        json.dumps([[str(staged), str(out / "values.parquet")]])
    )
    with Cache(out):
        pass  # taking the lock rolls the journal forward
    assert pq.read_table(out / "values.parquet").num_rows == 3
    assert not (out / ".cache" / "commit.json").exists()
    # the next run sees the tables differ from the state it recorded and rebuilds them
    (out / ".cache" / "state.json").unlink()
    ingest_paths([inputs], out, workers=0)
    assert read_tables(out)["values"].equals(before["values"])


def test_killed_run_leaves_previous_tables_and_the_next_run_finishes(tmp_path):
    corpus = tmp_path / "corpus"
    load_make_corpus().make_corpus(corpus, 24, seed=7)
    first_provinces = sorted(corpus.iterdir())[:3]  # the "previous" run
    out = tmp_path / "parsed"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def ingest(paths, out_dir, **kw):
        cmd = [
            sys.executable,
            "-m",
            "pipeline",
            "ingest",
            *map(str, paths),
            "--out",
            str(out_dir),
            "--json",
            "--workers",
            "2",
        ]
        return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, **kw)

    ingest(first_provinces, out, check=True)
    previous = read_tables(out)
    n_previous = len(list((out / ".cache").glob("*/*.entry")))
    # the big run, slowed down through the test seam so that it can be killed midway
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.pipeline.seams",
            "slow",
            "0.3",
            str(corpus),
            "--out",
            str(out),
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while (
        len(list((out / ".cache").glob("*/*.entry"))) < n_previous + 4
        and time.monotonic() < deadline
    ):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its forkserver (workers follow)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    middle = read_tables(out)
    assert all(previous[n].equals(middle[n]) for n in TABLES)
    resumed = json.loads(ingest([corpus], out).stdout)
    assert resumed["skipped"] > 0 and resumed["parsed"] < resumed["documents"]
    clean = tmp_path / "clean"
    ingest([corpus], clean, check=True)
    assert_same_tables(out, clean)


def test_cli_exit_codes_and_json_summary(inputs, tmp_path):
    runner = CliRunner()
    out = tmp_path / "parsed"
    ok = runner.invoke(app, ["ingest", str(inputs), "--out", str(out), "--json"])
    assert ok.exit_code == 0, ok.output
    summary = json.loads(ok.output)
    assert summary["documents"] == 5 and summary["failed_files"] == []
    (inputs / "empty.txt").write_bytes(b"")
    bad = runner.invoke(app, ["ingest", str(inputs), "--out", str(out), "-j", "1"])
    assert bad.exit_code == 1
    assert "empty.txt: the file is empty" in bad.output  # each failed file with its reason
    assert "documents" in bad.output and "indicators" in bad.output
