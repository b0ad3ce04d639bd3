"""Ingest a batch: find the files, parse what changed in parallel, match names, write tables.

Incremental: a file whose size and mtime match the manifest is not even hashed; a file
whose content (doc_id) already has a cache entry under the current parser fingerprint is
not parsed again; everything else is parsed by worker processes (see `pipeline.workers`).
The five tables are then rebuilt from the cache, one document at a time, into temporary
Parquet files that replace the published ones together (see `Cache.commit_tables`), so a
run killed at any moment leaves the previous tables intact and the next run completes
the work. When the inputs and the parser are unchanged the tables are left as they are.

The tables hold every document the output folder has seen (earlier runs on other folders
included) unless `prune=True`, which keeps exactly this run's inputs. Files with the same
content are one document (the first path in sorted order); each other copy gets a
`duplicate_content` row in `errors`.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cache import TMP_PREFIX, Cache, CacheEntry, ManifestEntry
from pipeline.filemode import make_published
from pipeline.workers import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_TIMEOUT,
    Limits,
    Outcome,
    Task,
    WorkerConfig,
    WorkerPool,
    failure_entry,
    indicator_match_keys,
    parse_one,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from normalizers.names import CatalogEntry
    from pipeline.document import DocumentResult

# pyarrow and the parsers are imported where they are used (see pipeline.workers): a run
# over unchanged inputs needs neither.
TABLE_NAMES = ("documents", "sections", "indicators", "values", "errors", "pages")
SKIP_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db"}
# Files an editor leaves beside a document while it is open or after saving: an Office
# lock file (`~$Báo cáo.docx`, 162 bytes of owner name), an Emacs lock (`.#x.md`) or a
# backup (`x.md~`). Never documents: skipped with a warning, not failed.
SCRATCH_PREFIXES = {"~$": "an Office lock file", ".#": "an editor lock file"}
SCRATCH_SUFFIXES = {"~": "an editor backup file"}
ROW_GROUP_ROWS = 64_000
MAX_BUFFERED_TABLES = 256  # per table, before the buffer is compacted (see _TableWriter.add)
Progress = Callable[[int, int, str | None], None]  # (done, total, path just finished)


@dataclass
class Summary:
    documents: int = 0
    ok: int = 0
    partial: int = 0
    failed: int = 0
    indicators: int = 0
    values: int = 0
    errors: int = 0
    warnings: int = 0
    failed_files: list[str] = field(default_factory=list)
    failure_reasons: dict[str, str] = field(default_factory=dict)  # path → first error message
    # what this run did
    inputs: int = 0  # files given (after expanding folders)
    parsed: int = 0  # documents parsed in this run
    skipped: int = 0  # unchanged documents taken from the cache
    kept: int = 0  # documents from earlier runs that were not among this run's inputs
    pruned: int = 0  # documents dropped by prune (or whose file is gone and cache expired)
    duplicates: int = 0  # input files whose content is another input's
    unreadable: int = 0  # files that could not even be read (no doc_id)
    scratch: int = 0  # lock and backup files skipped with a warning
    timeouts: int = 0  # documents whose worker ran out of time in this run
    memory: int = 0  # documents whose worker ran out of memory in this run
    tables_rewritten: bool = False
    workers: int = 0
    elapsed_s: float = 0.0
    parent_peak_rss_mb: float = 0.0  # this process's peak resident memory (workers apart)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def collect_paths(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file()
                and f.name not in SKIP_NAMES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found.append(p)
    return found


def scratch_reason(path: Path) -> str | None:
    """What kind of editor scratch file `path` is, or None for a real file."""
    name = Path(path).name
    for prefix, what in SCRATCH_PREFIXES.items():
        if name.startswith(prefix):
            return what
    for suffix, what in SCRATCH_SUFFIXES.items():
        if name.endswith(suffix):
            return what
    return None


def _inside(path: Path, folder: Path) -> bool:
    """True when `path` is `folder` or inside it (an input folder may hold the output)."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# -- catalogue matching ---------------------------------------------------------------
def match_keys(keys: list[tuple]) -> dict[tuple, tuple | None]:
    """(name, unit, parent) → (code, name, score, method) or None, in one matcher call."""
    if not keys:
        return {}
    try:
        from normalizers.names import match_names
    except ImportError:
        return {key: None for key in keys}
    matches = match_names(
        [k[0] for k in keys], [k[1] for k in keys], [k[2] if len(k) > 2 else None for k in keys]
    )
    out: dict[tuple, tuple | None] = {}
    for key, m in zip(keys, matches, strict=True):
        out[key] = (m.code, m.name, float(m.score), getattr(m, "method", None)) if m.code else None
    return out


def match_catalog(indicators: list[dict], values: list[dict]) -> None:
    """Fill catalog_code/name/score for the whole batch in one matcher call."""
    if not indicators:
        return
    keys = indicator_match_keys(indicators, values)
    found = match_keys(sorted(set(keys), key=_key_order))
    for row, key in zip(indicators, keys, strict=True):
        _fill_match(row, found.get(key))


def _fill_match(row: dict, match: tuple | None) -> None:
    code, name, score, method = match or (None, None, None, None)
    row["catalog_code"] = code
    row["catalog_name"] = name
    row["match_score"] = score
    row["match_method"] = method


def _key_order(key: tuple) -> tuple:
    return tuple(k or "" for k in key)


# -- the batch ------------------------------------------------------------------------
def ingest_paths(
    paths: list[Path],
    out_dir: Path,
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    prune: bool = False,
    progress: Progress | None = None,
    process: Callable[[Path], DocumentResult] | None = None,
) -> Summary:
    """Bring the five tables in `out_dir` up to date with `paths` (files or folders).

    `workers`: worker processes (default: the usable cores). `workers=0` parses in this
    process, without time or memory limits, for debugging; any other value (1 included)
    parses in child processes under `timeout` seconds and `max_memory` bytes per document.
    `process` is the test seam: the per-document function given to the workers (default
    `pipeline.document.process_file`; a module-level function, as it is pickled).
    """
    if workers is not None and workers < 0:
        raise ValueError(f"workers must be 0 or more, not {workers}")
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise NotADirectoryError(f"{out_dir}: the output folder is a file")
    started = time.monotonic()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    limits = Limits(timeout=timeout or None, max_memory=max_memory or None)
    n_workers = default_workers() if workers is None else workers
    summary = Summary(workers=n_workers)
    with Cache(out_dir) as cache:
        files = collect_paths(paths)
        if any(_inside(out_dir, p) for p in paths if Path(p).is_dir()):
            files = [f for f in files if not _inside(f, out_dir)]
        plan = _plan(files, cache, limits, prune, summary)
        summary.parsed = len(plan.tasks)
        if plan.tasks:
            _parse(plan, cache, limits, n_workers, summary, progress, process)
        elif progress:
            progress(0, 0, None)
        matches = cache.load_matches()
        missing = sorted({k for k in plan.new_keys if k not in matches}, key=_key_order)
        if missing:
            matches.update(match_keys(missing))
            cache.save_matches(matches)
        _rebuild(plan, cache, matches, summary)
        cache.save_manifest(plan.manifest)
        _collect_garbage(cache, plan.manifest)
    summary.elapsed_s = round(time.monotonic() - started, 3)
    summary.parent_peak_rss_mb = _peak_rss_mb()
    return summary


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:
        return 0.0
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(kib / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


@dataclass
class _Plan:
    manifest: dict[str, ManifestEntry]  # what the tables will hold: abs path → entry
    tasks: list[Task]
    failures: dict  # doc_id → limits under which its worker failed
    unreadable: list[dict] = field(default_factory=list)  # error rows
    scratch: list[dict] = field(default_factory=list)  # warning rows of skipped files
    new_keys: set = field(default_factory=set)


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()[:16]


def _identify(path: Path, old: ManifestEntry | None) -> ManifestEntry:
    """Stat the file; hash it only when size or mtime differ from the manifest."""
    st = os.stat(path)
    if old and old.doc_id and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
        return ManifestEntry(str(path), st.st_size, st.st_mtime_ns, old.doc_id)
    return ManifestEntry(str(path), st.st_size, st.st_mtime_ns, _hash_file(path))


def _plan(files: list[Path], cache: Cache, limits: Limits, prune: bool, s: Summary) -> _Plan:
    old = cache.load_manifest()
    state = cache.load_state()
    failures = dict(state.get("failures", {}))
    seen: dict[str, ManifestEntry] = {}
    unreadable: list[dict] = []
    scratch: list[dict] = []
    for f in files:
        key = os.path.abspath(f)
        if key in seen:
            continue
        what = scratch_reason(f)
        if what is not None:
            message = f"{f}: skipped, {what} (not a document)."
            scratch.append(_error_row(str(f), None, "read", "scratch_file", message, "warning"))
            continue
        try:
            seen[key] = _identify(f, old.get(key))
        except OSError as exc:
            unreadable.append(
                _error_row(
                    str(f),
                    None,
                    "read",
                    "unreadable",
                    f"{f}: cannot read the file ({exc.strerror or exc}).",
                )
            )
    s.inputs = len(seen) + len(unreadable) + len(scratch)
    s.unreadable = len(unreadable)
    s.scratch = len(scratch)
    manifest = dict(seen)
    for key, entry in old.items():
        if key in seen:
            continue
        if prune or any(r["source_path"] == entry.path for r in unreadable):
            s.pruned += 1
            continue
        if cache.entry_token(entry.doc_id) is None:  # not cached under this parser: re-read
            try:  # by its absolute path: the run that recorded it may have had another cwd
                entry = replace(_identify(Path(key), entry), path=entry.path)
            except OSError:
                s.pruned += 1  # the file is gone and its rows cannot be rebuilt
                continue
        manifest[key] = entry
        s.kept += 1
    # one task per distinct content not cached (or cached as a failure under smaller limits)
    tasks: list[Task] = []
    planned: set[str] = set()
    for key in sorted(manifest, key=lambda k: manifest[k].path):
        entry = manifest[key]
        if entry.doc_id in planned:
            continue
        planned.add(entry.doc_id)
        cached = cache.entry_token(entry.doc_id) is not None and cache.check_entry(entry.doc_id)
        retry = entry.doc_id in failures and not limits.covers(failures[entry.doc_id])
        if cached and not retry:
            if key in seen:
                s.skipped += 1
            continue
        tasks.append(Task(len(tasks), entry.path, entry.doc_id))
    sizes = {t.key: manifest[os.path.abspath(t.path)].size for t in tasks}
    tasks.sort(key=lambda t: -sizes[t.key])  # largest first: the batch ends evenly
    return _Plan(manifest, tasks, failures, unreadable, scratch)


def _parse(
    plan: _Plan,
    cache: Cache,
    limits: Limits,
    n_workers: int,
    s: Summary,
    progress: Progress | None,
    process: Callable[[Path], DocumentResult] | None = None,
) -> None:
    config = WorkerConfig(str(cache.out_dir), cache.fingerprint, limits, process)
    total = len(plan.tasks)
    if progress:
        progress(0, total, None)
    if n_workers == 0:
        results = ((task, parse_one(task, config, cache)) for task in plan.tasks)
        prepared = None
    else:
        results = WorkerPool(min(n_workers, total), config).run(plan.tasks)
        # this process mostly waits on the workers: load what matching and writing need
        # meanwhile, so it is not a serial step after the last document
        prepared = threading.Thread(target=_prepare_tables_and_matching, daemon=True)
        prepared.start()
    for done, (task, outcome) in enumerate(results, start=1):
        _record(task, outcome, plan, cache, limits, s)
        if progress:
            progress(done, total, task.path)
    cache.save_state({**cache.load_state(), "failures": plan.failures})
    if prepared is not None:
        prepared.join()


def _prepare_tables_and_matching() -> None:
    """Import the table writers and load the catalogue (both cached for the process)."""
    try:
        import pyarrow.compute  # noqa: F401
        import pyarrow.parquet  # noqa: F401

        import pipeline.write  # noqa: F401
        from normalizers.names import load_catalog

        load_catalog()
    except Exception:  # noqa: S110 - only a head start: the same calls run again later
        pass


def _record(
    task: Task, outcome: Outcome, plan: _Plan, cache: Cache, limits: Limits, s: Summary
) -> None:
    key = os.path.abspath(task.path)
    if outcome.doc_id is None:  # could not be read after all
        plan.unreadable.extend(outcome.errors)
        plan.manifest.pop(key, None)
        s.unreadable += 1
        return
    if outcome.doc_id != task.doc_id:  # the file changed while we worked: rehash next run
        entry = plan.manifest[key]
        plan.manifest[key] = ManifestEntry(entry.path, entry.size, -1, outcome.doc_id)
    if outcome.failure and not outcome.stored:
        cache.write_entry(_failure_entry(task, outcome, limits))
    if outcome.failure:
        plan.failures[outcome.doc_id] = limits.as_dict()
        s.timeouts += outcome.failure == "timeout"
        s.memory += outcome.failure == "memory"
    else:
        plan.failures.pop(outcome.doc_id, None)
    plan.new_keys.update(outcome.match_keys)


def _failure_entry(task: Task, outcome: Outcome, limits: Limits) -> CacheEntry:
    if outcome.failure == "timeout":
        message = (
            f"{task.path}: reading took longer than {limits.timeout:g} s and was "
            f"stopped; raise --timeout to try again."
        )
    elif outcome.failure == "memory":
        gib = (limits.max_memory or 0) / 1024**3
        message = (
            f"{task.path}: reading needed more than {gib:g} GiB of memory and was "
            f"stopped; raise --max-memory to try again."
        )
    else:
        message = f"{task.path}: {outcome.detail or 'the worker process failed'}."
    return failure_entry(task.path, outcome.doc_id, outcome.failure, message, limits)


# -- rebuilding the tables from the cache -----------------------------------------------
class _TableWriter:
    """Streams one table into a temporary Parquet file beside its final name."""

    def __init__(self, name: str, out_dir: Path):
        import pyarrow.parquet as pq

        from pipeline.write import TABLES

        self.final = out_dir / f"{name}.parquet"
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=f".{name}.parquet", dir=out_dir)
        make_published(fd)  # mkstemp makes 0600 files; the tables are for other users too
        os.close(fd)
        self.tmp = Path(tmp)
        self.schema = TABLES[name]
        self.writer = pq.ParquetWriter(tmp, self.schema, compression="zstd")
        self.buffer: list[pa.Table] = []
        self.buffered = 0

    def add(self, table: pa.Table) -> None:
        if table.num_rows:
            self.buffer.append(table)
            self.buffered += table.num_rows
            if self.buffered >= ROW_GROUP_ROWS:
                self.flush()
            elif len(self.buffer) >= MAX_BUFFERED_TABLES:
                # entries are memory-mapped: a small table (documents: one row each) would
                # keep every file mapped until its row group fills; copy them out instead
                import pyarrow as pa

                self.buffer = [pa.concat_tables(self.buffer).combine_chunks()]

    def flush(self) -> None:
        if self.buffer:
            import pyarrow as pa

            self.writer.write_table(pa.concat_tables(self.buffer), row_group_size=ROW_GROUP_ROWS)
            self.buffer, self.buffered = [], 0

    def close(self) -> None:
        self.flush()
        self.writer.close()
        with open(self.tmp, "rb") as fh:
            os.fsync(fh.fileno())


def _tables_key(cache: Cache, manifest: dict[str, ManifestEntry], unreadable: list[dict]) -> str:
    """Changes with the inputs and the parser; `unreadable` holds every path-level row."""
    h = hashlib.sha256(cache.fingerprint.encode())
    for key in sorted(manifest, key=lambda k: manifest[k].path):
        entry = manifest[key]
        h.update(f"{entry.path}\0{entry.doc_id}\0{cache.entry_token(entry.doc_id)}\n".encode())
    for row in unreadable:
        h.update(f"{row['source_path']}\0{row['message']}\n".encode())
    return h.hexdigest()


_ERROR_FIELDS = ("source_path", "doc_id", "stage", "error_type", "message", "severity")


def _rebuild(plan: _Plan, cache: Cache, matches: dict, s: Summary) -> None:
    key = _tables_key(cache, plan.manifest, plan.unreadable + plan.scratch)
    state = cache.load_state()
    published = all((cache.out_dir / f"{name}.parquet").exists() for name in TABLE_NAMES)
    if published and state.get("tables_key") == key and "summary" in state:
        for name, value in state["summary"].items():
            setattr(s, name, value)
        return
    writers = {name: _TableWriter(name, cache.out_dir) for name in TABLE_NAMES}
    first_path: dict[str, str] = {}  # doc_id → path that holds its rows
    matched_late = False
    try:
        for mkey in sorted(plan.manifest, key=lambda k: plan.manifest[k].path):
            entry = plan.manifest[mkey]
            if entry.doc_id in first_path:
                _duplicate(entry, first_path[entry.doc_id], cache, writers, s)
                continue
            doc = cache.read_entry(entry.doc_id)
            if doc is None:  # should not happen: parsed entries are written before we get here
                writers["errors"].add(
                    _error_table(
                        entry.path,
                        entry.doc_id,
                        "write",
                        "cache_missing",
                        f"{entry.path}: its parsed result is missing from the cache; run again.",
                    )
                )
                s.errors += 1
                s.failed_files.append(entry.path)
                s.failure_reasons[entry.path] = "its parsed result is missing from the cache"
                continue
            first_path[entry.doc_id] = entry.path
            late = sorted({k for k in doc.match_keys if k not in matches}, key=_key_order)
            if late:  # parsed by a run that was killed before matching: match now
                matches.update(match_keys(late))
                matched_late = True
            tables = _publishable(doc, entry.path, matches)
            for name, writer in writers.items():
                writer.add(tables[name])
            _count(doc, tables, entry.path, s)
        for row in plan.unreadable:
            writers["errors"].add(
                _error_table(
                    **{
                        k: row[k]
                        for k in (
                            "source_path",
                            "doc_id",
                            "stage",
                            "error_type",
                            "message",
                            "severity",
                        )
                    }
                )
            )
            s.errors += 1
            s.failed_files.append(row["source_path"])
            s.failure_reasons[row["source_path"]] = row["message"]
        for row in plan.scratch:
            writers["errors"].add(_error_table(**{k: row[k] for k in _ERROR_FIELDS}))
            s.warnings += 1
        for writer in writers.values():
            writer.close()
        cache.commit_tables([(w.tmp, w.final) for w in writers.values()])
    finally:
        for writer in writers.values():
            if writer.tmp.exists():
                writer.tmp.unlink()
    if matched_late:
        cache.save_matches(matches)
    s.tables_rewritten = True
    totals = {
        name: getattr(s, name)
        for name in (
            "documents",
            "ok",
            "partial",
            "failed",
            "indicators",
            "values",
            "errors",
            "warnings",
            "failed_files",
            "failure_reasons",
            "duplicates",
            "scratch",
        )
    }
    cache.save_state({**cache.load_state(), "tables_key": key, "summary": totals})


def _catalog_entry(code: str | None) -> CatalogEntry | None:
    """The catalogue entry of a matched code (English name, domain, expected unit)."""
    if code is None:
        return None
    from normalizers.names import load_catalog

    return load_catalog().by_code.get(code)


def _publishable(doc: CacheEntry, path: str, matches: dict) -> dict[str, pa.Table]:
    """The entry's tables with this run's path and the catalogue matches filled in."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tables = dict(doc.tables)
    ind = tables["indicators"]
    if ind.num_rows:
        found = [matches.get(k) for k in doc.match_keys]
        for i, (column, typ) in enumerate(
            (
                ("catalog_code", pa.string()),
                ("catalog_name", pa.string()),
                ("match_score", pa.float64()),
                ("match_method", pa.string()),
            )
        ):
            values = pa.array([m[i] if m else None for m in found], typ)
            ind = ind.set_column(ind.schema.get_field_index(column), column, values)
        entries = [_catalog_entry(m[0] if m else None) for m in found]
        for column, attr in (
            ("catalog_name_en", "en"),
            ("catalog_domain", "domain"),
            ("catalog_unit", "unit"),
        ):
            values = pa.array([getattr(e, attr) if e else None for e in entries], pa.string())
            ind = ind.set_column(ind.schema.get_field_index(column), column, values)
        tables["indicators"] = ind
    if path != doc.source_path:  # same content met under another name: rows name this one
        for name in ("documents", "errors"):
            t = tables[name]
            if t.num_rows:
                i = t.schema.get_field_index("source_path")
                t = t.set_column(i, "source_path", pa.array([path] * t.num_rows, pa.string()))
                if name == "errors":
                    i = t.schema.get_field_index("message")
                    t = t.set_column(
                        i, "message", pc.replace_substring(t["message"], doc.source_path, path)
                    )
                tables[name] = t
    return tables


def _count(doc: CacheEntry, tables: dict[str, pa.Table], path: str, s: Summary) -> None:
    import pyarrow.compute as pc

    s.documents += 1
    setattr(s, doc.status, getattr(s, doc.status) + 1)
    if doc.status == "failed":
        s.failed_files.append(path)
        errors = tables["errors"].filter(pc.equal(tables["errors"]["severity"], "error"))
        messages = errors["message"].to_pylist()
        s.failure_reasons[path] = messages[0] if messages else "no text could be read"
    s.indicators += tables["indicators"].num_rows
    s.values += tables["values"].num_rows
    severities = tables["errors"]["severity"].to_pylist()
    s.errors += severities.count("error")
    s.warnings += severities.count("warning")


def _duplicate(
    entry: ManifestEntry, original: str, cache: Cache, writers: dict, s: Summary
) -> None:
    doc = cache.read_entry(entry.doc_id)
    failed = doc is not None and doc.status == "failed"
    severity = "error" if failed else "warning"
    writers["errors"].add(
        _error_table(
            entry.path,
            entry.doc_id,
            "read",
            "duplicate_content",
            f"{entry.path}: same content as {original}; its rows are under that path.",
            severity,
        )
    )
    s.duplicates += 1
    if failed:
        s.errors += 1
        s.failed_files.append(entry.path)
        s.failure_reasons[entry.path] = f"same content as {original}, which failed"
    else:
        s.warnings += 1


def _error_row(source_path, doc_id, stage, error_type, message, severity="error") -> dict:
    """An `errors` row (the contract's columns; pipeline.document.error_row without
    importing the parsers into a process that parses nothing)."""
    return {
        "source_path": source_path,
        "doc_id": doc_id,
        "stage": stage,
        "error_type": error_type,
        "message": message,
        "severity": severity,
    }


def _error_table(source_path, doc_id, stage, error_type, message, severity="error") -> pa.Table:
    import pyarrow as pa

    from pipeline.write import TABLES

    row = _error_row(source_path, doc_id, stage, error_type, message, severity)
    return pa.Table.from_pylist([row], schema=TABLES["errors"])


def _collect_garbage(cache: Cache, manifest: dict[str, ManifestEntry]) -> None:
    """Drop cache entries no input refers to any more, and other parser versions' entries."""
    live = {entry.doc_id for entry in manifest.values()}
    state = cache.load_state()
    failures = state.get("failures", {})
    if any(doc_id not in live for doc_id in failures):
        state["failures"] = {k: v for k, v in failures.items() if k in live}
        cache.save_state(state)
    for path in cache.entries_dir.glob("*.entry"):
        if path.stem not in live:
            path.unlink(missing_ok=True)
    cache.drop_other_fingerprints()
