"""Per-document functions the tests give the worker pool (`ingest_paths(process=...)`,
the test seam of `pipeline.workers`): module-level, so that they pickle to the workers.

    python -m tests.pipeline.seams slow SECONDS PATH... --out DIR   # a slowed-down ingest
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import time
from fnmatch import fnmatch
from pathlib import Path

from pipeline.document import process_file


def _sleep_then_parse(seconds: float, pattern: str, path: Path):
    if fnmatch(Path(path).name, pattern):
        time.sleep(seconds)
    return process_file(path)


def _alloc_then_parse(mib: int, pattern: str, path: Path):
    if fnmatch(Path(path).name, pattern):
        hog = bytearray(mib * 1024 * 1024)
        hog[::4096] = b"\1" * len(hog[::4096])
        del hog
    return process_file(path)


def _spawn_then_hang(pid_file: str, path: Path):
    child = subprocess.Popen(["sleep", "300"])  # stands for a Tesseract the document started
    Path(pid_file).write_text(str(child.pid))
    time.sleep(300)
    return process_file(path)


def _children_named(name: str) -> list[int]:
    """Pids of this process's children whose command is `name` (from /proc)."""
    me, found = os.getpid(), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        ppid = int(text[text.rindex(")") + 2 :].split()[1])
        if ppid == me and comm == name:
            found.append(int(stat.parent.name))
    return found


def _record_tesseract_then_parse(pid_file: str, path: Path):
    def record() -> None:
        seen: set[int] = set()
        while True:
            new = set(_children_named("tesseract")) - seen
            if new:
                seen |= new
                with open(pid_file, "a") as fh:
                    fh.write("".join(f"{pid}\n" for pid in sorted(new)))
            time.sleep(0.02)

    threading.Thread(target=record, daemon=True).start()
    return process_file(path)


def slow(seconds: float, pattern: str = "*"):
    """Parse files whose name matches `pattern` after sleeping `seconds`."""
    return functools.partial(_sleep_then_parse, seconds, pattern)


def memory_hungry(mib: int, pattern: str = "*"):
    """Allocate (and touch) `mib` MiB before parsing files matching `pattern`."""
    return functools.partial(_alloc_then_parse, mib, pattern)


def record_tesseract(pid_file: Path):
    """Parse normally while appending the pid of every Tesseract the worker starts to
    `pid_file` (to check none outlives a killed worker)."""
    return functools.partial(_record_tesseract_then_parse, str(pid_file))


def spawn_child_and_hang(pid_file: Path):
    """Start `sleep 300`, write its pid to `pid_file`, then never finish."""
    return functools.partial(_spawn_then_hang, str(pid_file))


if __name__ == "__main__":
    # imported under its own name: functions of `__main__` would not unpickle in workers
    from pipeline.ingest import ingest_paths
    from tests.pipeline.seams import slow as slow_seam

    _, kind, seconds, *rest = sys.argv
    assert kind == "slow" and "--out" in rest
    i = rest.index("--out")
    paths, out = rest[:i], rest[i + 1]
    ingest_paths([Path(p) for p in paths], Path(out), workers=2, process=slow_seam(float(seconds)))
