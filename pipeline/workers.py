"""Parse documents in worker processes, each under a time limit and a memory bound.

A pool of long-lived workers (forked from a clean `forkserver` that has the parsers
imported already) receives one document at a time over a pipe. The parent knows which
document every worker holds and since when, so a document that runs past `timeout` gets
its worker killed and becomes a `timeout` error row, and a worker that dies (or raises
`MemoryError` under its `RLIMIT_AS` bound) becomes a `memory` / `worker_crash` row; a
fresh worker takes its place and the batch goes on. Workers write each document's result
straight into the cache and send back only a few counters, so the parent's memory does
not grow with the batch. A worker retires after `max_tasks` documents (leaks stay bounded).

Every worker runs in its own process group, and a worker is killed with its group: the
Tesseract processes (or anything else) a document started die with it. A worker also
watches the process that started the pool and kills its group when that one is gone
(`kill -9` of a run leaves no worker parsing on).

Test seam: `WorkerConfig.process` is the per-document function (`Path -> DocumentResult`,
default `pipeline.document.process_file`). The tests give the pool a wrapper of their own
(a module-level function, so that it pickles) to make a document slow, memory-hungry or
start a child process; production code never sets it and reads no test switches.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cache import Cache, CacheEntry

if TYPE_CHECKING:
    from pipeline.document import DocumentResult

# The parsers, pyarrow and pandas take about a second to import: they are imported where
# documents are parsed or tables built (workers get them preloaded and warmed up from the
# forkserver, see pipeline.preload), so a run with nothing to parse starts fast.
HEAVY_MODULES = ["pipeline.workers", "pipeline.document", "pipeline.write", "pipeline.preload"]

GIB = 1024**3
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY = 2 * GIB
DEFAULT_MAX_TASKS = 500
PARENT_CHECK_S = 1.0  # how often a worker checks that the run that started it is alive


@dataclass(frozen=True)
class Limits:
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per document; None = no limit
    max_memory: int | None = DEFAULT_MAX_MEMORY  # bytes of address space per worker
    max_tasks: int = DEFAULT_MAX_TASKS  # documents before a worker is replaced

    def as_dict(self) -> dict:
        return {"timeout": self.timeout, "max_memory": self.max_memory}

    def covers(self, old: dict) -> bool:
        """True when these limits are no larger than `old` (a failure under `old` would
        happen again); None means unlimited."""

        def le(new, before):
            if new is None:
                return before is None
            return before is None or new <= before

        return le(self.timeout, old.get("timeout")) and le(self.max_memory, old.get("max_memory"))


# Scanned pages take Tesseract seconds each: documents that may need OCR get a longer
# bound than text and Word files (a 12-page scan needs ~60 s of OCR on one core).
OCR_FORMATS = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
OCR_TIMEOUT_FACTOR = 5


def task_timeout(task: Task, timeout: float) -> float:
    return (
        timeout * OCR_TIMEOUT_FACTOR if Path(task.path).suffix.lower() in OCR_FORMATS else timeout
    )


@dataclass
class Task:
    key: int
    path: str  # as given; the rows name it
    doc_id: str | None  # as hashed by the parent (the worker re-hashes what it reads)


@dataclass
class Outcome:
    doc_id: str | None
    status: str  # ok, partial, failed
    match_keys: list = field(default_factory=list)  # (name, unit) of each indicator
    failure: str | None = None  # timeout, memory, worker_crash
    errors: list = field(default_factory=list)  # rows, only for files that could not be read
    stored: bool = False  # the worker wrote the document's cache entry
    detail: str = ""  # what went wrong with the worker, for the error message


@dataclass(frozen=True)
class WorkerConfig:
    out_dir: str
    fingerprint: str
    limits: Limits
    # the per-document function; None = pipeline.document.process_file (the test seam)
    process: Callable[[Path], DocumentResult] | None = None
    parent_pid: int = field(default_factory=os.getpid)


# -- one document ---------------------------------------------------------------------
MATCH_IGNORED_ROLES = {"ratio_to_plan", "ratio_to_previous", "score", "note"}


def indicator_match_keys(indicators: list[dict], values: list[dict]) -> list[tuple]:
    """(name, unit, parent name) per indicator, what the matcher needs to pick a code.

    The unit is that of the indicator's own measure: ratios, scores and notes say nothing
    of what is measured, and an indicator whose measures disagree gets no unit.
    """
    units: dict[tuple[str, str], set[str]] = {}
    for v in values:
        if v.get("unit") and v.get("role") not in MATCH_IGNORED_ROLES:
            units.setdefault((v["doc_id"], v["indicator_id"]), set()).add(v["unit"])
    names = {(row["doc_id"], row["indicator_id"]): row["name"] for row in indicators}
    keys = []
    for row in indicators:
        found = units.get((row["doc_id"], row["indicator_id"]), set())
        parent = row.get("parent_indicator_id")
        keys.append(
            (
                row["name"],
                next(iter(found)) if len(found) == 1 else None,
                names.get((row["doc_id"], parent)) if parent else None,
            )
        )
    return keys


def entry_from_result(result: DocumentResult, limits: Limits) -> CacheEntry:
    rows = result.rows
    documents = rows.get("documents") or []
    status = documents[0]["status"] if documents else "failed"
    failure = None
    for err in rows.get("errors", []):
        if err["severity"] == "error" and "MemoryError" in err["message"]:
            err["error_type"] = "memory"  # the reader ran out of its address-space bound
            failure = "memory"
    from pipeline.write import rows_to_tables  # pyarrow only where tables are built

    return CacheEntry(
        doc_id=result.doc_id,
        source_path=result.source_path,
        tables=rows_to_tables(rows),
        match_keys=indicator_match_keys(rows.get("indicators", []), rows.get("values", [])),
        status=status,
        worker_failure=failure,
        limits=limits.as_dict(),
    )


def failure_entry(path: str, doc_id: str, kind: str, message: str, limits: Limits) -> CacheEntry:
    """The entry of a document whose worker timed out or died: failed, one error row."""
    from pipeline.document import document_row, error_row
    from pipeline.write import rows_to_tables

    fmt = Path(path).suffix.lower().lstrip(".") or "unknown"
    document = document_row(doc_id, path, fmt, "failed")
    rows = {"documents": [document], "errors": [error_row(path, doc_id, "read", kind, message)]}
    return CacheEntry(
        doc_id=doc_id,
        source_path=path,
        tables=rows_to_tables(rows),
        match_keys=[],
        status="failed",
        worker_failure=kind,
        limits=limits.as_dict(),
    )


def parse_one(task: Task, config: WorkerConfig, cache: Cache | None = None) -> Outcome:
    """Parse one file and store its entry; what a worker does for each task."""
    from pipeline.document import process_file

    result = (config.process or process_file)(Path(task.path))
    if result.doc_id is None:  # unreadable: nothing to cache, retried next run
        return Outcome(None, "failed", errors=result.rows.get("errors", []))
    entry = entry_from_result(result, config.limits)
    (cache or Cache(Path(config.out_dir), config.fingerprint)).write_entry(entry)
    return Outcome(entry.doc_id, entry.status, entry.match_keys, entry.worker_failure, stored=True)


# -- the worker process ---------------------------------------------------------------
def _worker_main(conn, config: WorkerConfig) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    os.setpgid(0, 0)  # a group of its own: killing it kills what its document started
    _watch_parent(config.parent_pid)
    # Documents already run one per core: OCR inside a worker uses one Tesseract process.
    os.environ.setdefault("CHITIEU_OCR_WORKERS", "1")
    try:  # pyarrow's default allocator reserves ~1 GiB of address space up front, which
        import pyarrow as pa  # would count against RLIMIT_AS: use malloc in workers

        pa.set_memory_pool(pa.system_memory_pool())
    except ImportError:
        pass
    if config.limits.max_memory:
        try:
            import resource

            limit = int(config.limits.max_memory)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass  # not enforceable here (e.g. a hard limit below ours); run without
    cache = Cache(Path(config.out_dir), config.fingerprint)
    warm_up()  # a no-op's cost when forked from the warmed-up forkserver
    conn.send(("ready", None, False))
    for n in range(1, config.limits.max_tasks + 1):
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        last = n == config.limits.max_tasks  # retire after this one (bounded leaks)
        try:
            outcome = parse_one(task, config, cache)
        except MemoryError:
            # a worker that ran out of memory is not trusted with another file
            outcome, last = Outcome(task.doc_id, "failed", failure="memory"), True
        except Exception as exc:  # process_file never raises; the cache write might
            outcome = Outcome(
                task.doc_id, "failed", failure="worker_crash", detail=f"{type(exc).__name__}: {exc}"
            )
        conn.send((task.key, outcome, last))
        if last:
            return


def _watch_parent(pid: int) -> None:
    """A thread that kills this worker's group once the run that started it is gone (the
    worker is the forkserver's child: no parent-death signal reaches it)."""

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os.killpg(0, signal.SIGKILL)
            except PermissionError:  # alive (and someone else's: cannot be ours again)
                pass

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def kill_group(proc) -> None:  # noqa: ANN001
    """SIGKILL the worker's process group (the worker and every child it started)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()  # not yet in its own group (killed while starting up)
    except (ProcessLookupError, OSError):
        pass


WARM_UP_TEXT = """UỶ BAN NHÂN DÂN XÃ AN BÌNH
Số: 12/KH-UBND
An Bình, ngày 05 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện các chỉ tiêu phát triển kinh tế - xã hội giai đoạn 2026 - 2030
I. MỤC TIÊU
1. Thu nhập bình quân đầu người đạt khoảng 125,4 triệu đồng/người/năm.
2. Tỷ lệ hộ nghèo giảm còn dưới 1%; có thêm 02 xã đạt chuẩn nông thôn mới.
II. CHỈ TIÊU CỤ THỂ
TT\tChỉ tiêu\tĐơn vị\tKế hoạch năm 2025\tKết quả\tTH/KH (%)\tMục tiêu 2030
1\tTổng thu ngân sách\ttỷ đồng\t1.231,69\t50,494\t102,3%\tTăng từ 7% - 10%/năm
2\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t95\t96,3%\tĐạt\tTrên 96%
3\tTrồng rừng mới\tha\t1.200ha\t43,3ha\tKhông đạt\t80ha/năm
"""


def warm_up() -> None:
    """Parse a tiny document so lazily loaded word lists are in memory before the first
    timed document (a cold first call would eat into its time limit)."""
    from pipeline.document import process_file

    try:
        with tempfile.TemporaryDirectory(prefix="chitieu-warm-") as folder:
            path = Path(folder) / "warm-up.txt"
            path.write_text(WARM_UP_TEXT, encoding="utf-8")
            process_file(path)
    except Exception:  # noqa: S110 - only an optimisation
        pass


def _context():
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        # the server imports the parsers once; every worker is forked from it ready to go
        ctx.set_forkserver_preload(HEAVY_MODULES)
        return ctx
    return mp.get_context("spawn")


@dataclass
class _Worker:
    proc: object
    conn: object
    ready: bool = False
    retiring: bool = False  # said its last result was its last: no new task
    task: Task | None = None
    started: float = 0.0


class WorkerPool:
    """`run(tasks)` yields `(task, outcome)` as documents finish, in completion order."""

    def __init__(self, n_workers: int, config: WorkerConfig):
        self.n_workers = max(1, n_workers)
        self.config = config
        self.ctx = _context()
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")  # workers are the parallelism; no thread pools

    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child_conn, self.config), daemon=True)
        proc.start()
        child_conn.close()
        return _Worker(proc, parent_conn)

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        pending = deque(tasks)
        workers: list[_Worker] = []
        redone: set[int] = set()
        timeout = self.config.limits.timeout
        try:
            while pending or any(w.task for w in workers):
                busy = sum(1 for w in workers if w.task)
                while len(workers) < min(self.n_workers, busy + len(pending)):
                    workers.append(self._spawn())
                for w in workers:
                    if w.ready and not w.retiring and w.task is None and pending:
                        w.task = pending.popleft()
                        w.started = time.monotonic()
                        w.conn.send(w.task)
                wait_for = [w.conn for w in workers] + [w.proc.sentinel for w in workers]
                wait_s = None
                if timeout:
                    deadlines = [
                        w.started + task_timeout(w.task, timeout) for w in workers if w.task
                    ]
                    if deadlines:
                        wait_s = max(0.0, min(deadlines) - time.monotonic())
                wait(wait_for, wait_s)
                done: list[tuple[Task, Outcome]] = []
                for w in list(workers):
                    self._drain(w, done)
                    if not w.proc.is_alive():
                        self._drain(w, done)
                        w.proc.join()
                        kill_group(w.proc)  # what a dead worker started dies with it
                        if w.task is not None and w.proc.exitcode == 0 and w.task.key not in redone:
                            redone.add(w.task.key)  # left cleanly without it: redo once
                            pending.appendleft(w.task)
                        elif w.task is not None:
                            done.append((w.task, self._died(w)))
                        workers.remove(w)
                    elif (
                        w.task
                        and timeout
                        and time.monotonic() - w.started > task_timeout(w.task, timeout)
                    ):
                        kill_group(w.proc)
                        w.proc.join()
                        done.append((w.task, Outcome(w.task.doc_id, "failed", failure="timeout")))
                        workers.remove(w)
                yield from done
        finally:
            for w in workers:
                if w.proc.is_alive():
                    try:
                        w.conn.send(None)
                    except OSError:
                        pass
            deadline = time.monotonic() + 2
            for w in workers:
                w.proc.join(max(0.0, deadline - time.monotonic()))
                if w.proc.is_alive():
                    kill_group(w.proc)
                    w.proc.join()

    @staticmethod
    def _drain(w: _Worker, done: list) -> None:
        try:
            while w.conn.poll():
                kind, payload, last = w.conn.recv()
                w.retiring = w.retiring or last
                if kind == "ready":
                    w.ready = True
                elif w.task is not None and kind == w.task.key:
                    done.append((w.task, payload))
                    w.task = None
        except (EOFError, OSError):
            pass

    def _died(self, w: _Worker) -> Outcome:
        code = w.proc.exitcode
        sig = -code if code is not None and code < 0 else None
        memory_like = {signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS}
        kind = "memory" if self.config.limits.max_memory and sig in memory_like else "worker_crash"
        how = f"killed by signal {signal.Signals(sig).name}" if sig else f"exit code {code}"
        return Outcome(w.task.doc_id, "failed", failure=kind, detail=f"the worker died ({how})")
