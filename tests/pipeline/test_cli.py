"""The command line as a user meets it: one-line errors with exit code 2, no tracebacks,
failure reasons under the summary, flags shown as flags, query output to stdout."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import UserError, app, plural

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw" / "000_a3da322a374b1dd7.txt"


def run(*args: str, **kw):
    return CliRunner().invoke(app, [str(a) for a in args], **kw)


def assert_user_error(result, *words: str) -> str:
    """Exit code 2, exactly one line on stderr naming `words`, no traceback."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("chitieu: error: ")
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "parsed"
    result = run("ingest", SAMPLE, "--out", out, "--workers", "0", "--quiet")
    assert result.exit_code == 0, result.output
    return out


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("chitieu ") and result.stdout.split()[1][0].isdigit()


@pytest.mark.parametrize("command", [["ingest"], ["query"], ["evaluate"], []])
def test_help_shows_flags_as_flags(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    flag = "--version" if not command else "--help "
    line = next(line for line in result.output.splitlines() if flag.strip() in line)
    assert "<" not in line, line


def test_ingest_json_flag_reads_as_a_flag():
    help_text = run("ingest", "--help").output
    line = next(line for line in help_text.splitlines() if line.strip().startswith("--json"))
    assert line.split()[:2] == ["--json", "Print"]


def test_evaluate_with_a_missing_parsed_folder(tmp_path):
    assert_user_error(run("evaluate", "--parsed", tmp_path / "nope"), "--parsed", "nope", "ingest")


def test_catalog_unmatched_with_a_missing_folder(tmp_path):
    result = run("catalog", "unmatched", "--parsed", tmp_path / "nope")
    assert_user_error(result, "--parsed", "nope")


def test_out_pointing_at_an_existing_file(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run("ingest", SAMPLE, "--out", tmp_path / "file", "--workers", "0")
    assert_user_error(result, "--out", "file", "folder")


def test_negative_workers_is_an_error(tmp_path):
    result = run("ingest", SAMPLE, "--out", tmp_path / "out", "--workers", "-3")
    assert_user_error(result, "--workers", "ingest --help")
    assert not (tmp_path / "out").exists()


def test_a_path_that_does_not_exist_writes_nothing(tmp_path):
    result = run("ingest", tmp_path / "missing.txt", "--out", tmp_path / "out", "--workers", "0")
    assert_user_error(result, "missing.txt", "no such file")
    assert not (tmp_path / "out").exists()
    assert "failed" not in result.output


def test_failed_files_are_listed_with_their_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "good.txt")
    for i in range(12):
        (folder / f"bad{i:02d}.txt").write_bytes(b"\x00\x01binary %d" % i)
    result = run("ingest", folder, "--out", tmp_path / "out", "--workers", "0", "--quiet")
    assert result.exit_code == 1
    out = result.stdout
    assert "12 failed" in out and "12 files failed" in out
    assert f"\n  {folder / 'bad00.txt'}: " in out and "NUL bytes" in out
    assert "and 2 more" in out and "bad11.txt" not in out
    assert "Traceback" not in result.output


def test_singular_counts(tmp_path):
    result = run("ingest", SAMPLE, "--out", tmp_path / "out", "--workers", "0")
    assert result.exit_code == 0
    assert result.stdout.startswith("1 document (1 ok") and "1 file," in result.stdout
    assert (plural(1, "value"), plural(2, "value"), plural(0, "error")) == (
        "1 value",
        "2 values",
        "0 errors",
    )


def test_debug_shows_the_traceback_instead(tmp_path):
    result = run("--debug", "evaluate", "--parsed", tmp_path / "nope")
    assert isinstance(result.exception, UserError)
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "evaluate", "--parsed", str(tmp_path / "no"), "--debug"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "UserError" in proc.stderr


def test_an_unexpected_error_is_one_line_exit_1(tmp_path, monkeypatch):
    import pipeline.ingest

    def broken(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline.ingest, "ingest_paths", broken)
    result = run("ingest", SAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "chitieu: error: unexpected RuntimeError: disk on fire (run again with --debug for "
        "the traceback, and please report it)"
    ]


def test_query_csv_and_json_to_standard_output(parsed):
    sql = "SELECT name, line_start FROM indicators ORDER BY line_start LIMIT 3"
    as_csv = run("query", sql, "--parsed", parsed, "--csv", "-")
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 3 and set(rows[0]) == {"name", "line_start"}
    as_json = run("query", sql, "--parsed", parsed, "--json", "-")
    records = json.loads(as_json.stdout)
    assert [r["name"] for r in records] == [r["name"] for r in rows]
    assert not Path("-").exists()


def test_query_writes_a_json_file(parsed, tmp_path):
    target = tmp_path / "r.json"
    result = run("query", "SELECT 1 AS one", "--parsed", parsed, "--json", target)
    assert result.exit_code == 0
    assert json.loads(target.read_text()) == [{"one": 1}]
    assert "1 row →" in result.stderr


def test_wide_results_print_one_block_per_record(parsed):
    result = run("query", "SELECT * FROM indicators", "--parsed", parsed, "--limit", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert sum(line.startswith("-- record ") for line in lines) == 2
    assert any(line.split()[:1] == ["catalog_code"] for line in lines)
    assert all(len(line) <= 80 for line in lines if not line.startswith("name"))


def test_narrow_results_print_as_a_table_and_max_width_cuts_cells(parsed):
    sql = "SELECT label, name FROM indicators ORDER BY line_start LIMIT 2"
    result = run("query", sql, "--parsed", parsed, "--max-width", "12")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["label", "name"]
    assert all(len(line) <= len("label") + 2 + 12 for line in lines[2:4])
    assert lines[2].endswith("…")
    forced = run("query", "SELECT * FROM indicators", "--parsed", parsed, "--format", "table")
    assert "-- record" not in forced.stdout


def test_query_user_errors(parsed, tmp_path):
    assert_user_error(run("query", "SELEC 1", "--parsed", parsed), "query failed")
    assert_user_error(run("query", "SELECT 1", "--parsed", tmp_path / "nope"), "--parsed")
    assert_user_error(run("query", "SELECT 1", "--parsed", parsed, "--format", "x"), "--format")
