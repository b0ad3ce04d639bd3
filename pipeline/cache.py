"""The per-document result cache behind incremental batches.

Layout under `<out>/.cache/` (nothing here is a public interface; delete it to force a
full re-parse):

    manifest.json            path → {path, size, mtime_ns, doc_id}: skips hashing unchanged files
    state.json               key of the tables last committed (skip the rebuild when nothing changed)
    commit.json              present only while the five tables are being swapped in (roll-forward)
    lock                     flock'd by the running ingest; a second run into the same folder waits
    <fingerprint>.e<N>/      one folder per parser fingerprint (version + code + data files)
        <doc_id>.entry       the document's five tables (Arrow IPC streams, read memory-mapped)
                             and its catalogue match keys
        matches.json         (name, unit, parent) → catalogue match, filled once per batch

Only data formats that cannot run code are stored (JSON, Arrow IPC): anyone who can write
to the output folder must not run code in the next ingest, so nothing here is unpickled.

Every file is written to a temporary name in the same folder and renamed over the target,
so a run killed at any moment leaves each file either old or new, never half-written.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import PARSER_VERSION
from pipeline.filemode import make_published

CACHE_DIR = ".cache"
ENTRY_FORMAT = 3  # bump when the entry layout changes: entries live in a folder per format
TMP_PREFIX = ".chitieu-"
MATCHES_FILE = "matches.json"
#: what the fingerprint hashes besides PARSER_VERSION: the code and data that shape the rows
FINGERPRINT_PACKAGES = ("parsers", "normalizers")
FINGERPRINT_MODULES = (
    "pipeline/document.py",
    "pipeline/write.py",
    "pipeline/periods.py",
    "pipeline/data/periods.yaml",
    "pipeline/places.py",
    "pipeline/data/places.yaml",
)
FINGERPRINT_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".txt", ".csv", ".tsv"}


GAZETTEER_PACKAGE = "vietnamadminunits"


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


@functools.lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """PARSER_VERSION plus a hash of the parser packages' code and data files.

    Computed once per process (a few hundred kilobytes to hash), so editing a parser or a
    YAML word list re-parses every document on the next run, while a run that is going
    on keeps one consistent fingerprint.
    """
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(PARSER_VERSION.encode())
    # the gazetteer's data shapes documents' places: a new release re-resolves them
    h.update(_package_version(GAZETTEER_PACKAGE).encode())
    files: list[Path] = []
    for package in FINGERPRINT_PACKAGES:
        files.extend(
            f
            for f in (root / package).rglob("*")
            if f.is_file() and f.suffix in FINGERPRINT_SUFFIXES and "__pycache__" not in f.parts
        )
    files.extend(root / m for m in FINGERPRINT_MODULES if (root / m).is_file())
    for f in sorted(files):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return f"{PARSER_VERSION}-{h.hexdigest()[:12]}"


def write_bytes_atomic(path: Path, data: bytes, *, fsync: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        make_published(fd)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass
class ManifestEntry:
    path: str  # as given on the command line (becomes source_path)
    size: int
    mtime_ns: int
    doc_id: str | None


@dataclass
class CacheEntry:
    """One document's parsed tables, as stored in `<fingerprint>.e<N>/<doc_id>.entry`."""

    doc_id: str
    source_path: str  # the path it was parsed under (rows name it)
    tables: dict  # table name → pyarrow.Table (catalogue columns still empty)
    match_keys: list[tuple]  # (name, unit, parent name) per indicator row
    status: str
    worker_failure: str | None = None  # timeout, memory, crash: retried under larger limits
    limits: dict = field(default_factory=dict)
    format: int = ENTRY_FORMAT


class Cache:
    """The cache folder of one output folder. Use as a context manager: it holds the lock."""

    def __init__(self, out_dir: Path, fingerprint: str | None = None):
        self.out_dir = Path(out_dir)
        self.root = self.out_dir / CACHE_DIR
        self.fingerprint = fingerprint or parser_fingerprint()
        self.entries_dir = self.root / f"{self.fingerprint}.e{ENTRY_FORMAT}"
        self._lock_fh = None

    # -- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> Cache:
        self.entries_dir.mkdir(parents=True, exist_ok=True)
        self._lock_fh = open(self.root / "lock", "a+b")  # noqa: SIM115 - held for the run
        try:
            fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another ingest into {self.out_dir} to finish…", file=sys.stderr)
            fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_EX)
        self.recover()
        return self

    def __exit__(self, *exc) -> None:
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None

    def recover(self) -> None:
        """Finish a table commit a killed run left half-done, then drop its temporary files."""
        journal = self.root / "commit.json"
        if journal.exists():
            try:
                moves = json.loads(journal.read_text())
            except (OSError, ValueError):
                moves = []  # the journal itself is written atomically; unreadable = absent
            for tmp, final in moves:
                if os.path.exists(tmp):
                    os.replace(tmp, final)
            fsync_dir(self.out_dir)
            journal.unlink()
        for folder in (self.out_dir, self.root, self.entries_dir):
            for stale in folder.glob(f"{TMP_PREFIX}*"):
                with contextlib.suppress(OSError):
                    stale.unlink()

    def commit_tables(self, moves: list[tuple[Path, Path]]) -> None:
        """Rename the finished temporary tables over the published ones, all or (after a
        kill, on the next run) all: a journal lists the renames before the first one."""
        journal = self.root / "commit.json"
        write_bytes_atomic(journal, json.dumps([[str(a), str(b)] for a, b in moves]).encode())
        for tmp, final in moves:
            os.replace(tmp, final)
        fsync_dir(self.out_dir)
        journal.unlink()

    def drop_other_fingerprints(self) -> None:
        """Remove entries written by other parser versions (after a successful run)."""
        for child in self.root.iterdir():
            if child.is_dir() and child != self.entries_dir:
                shutil.rmtree(child, ignore_errors=True)

    # -- manifest and state -----------------------------------------------------------
    def load_manifest(self) -> dict[str, ManifestEntry]:
        try:
            raw = json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {key: ManifestEntry(**value) for key, value in raw.get("files", {}).items()}

    def save_manifest(self, manifest: dict[str, ManifestEntry]) -> None:
        data = {"files": {key: entry.__dict__ for key, entry in sorted(manifest.items())}}
        write_bytes_atomic(
            self.root / "manifest.json", json.dumps(data, ensure_ascii=False).encode("utf-8")
        )

    def load_state(self) -> dict:
        try:
            return json.loads((self.root / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save_state(self, state: dict) -> None:
        write_bytes_atomic(
            self.root / "state.json", json.dumps(state, ensure_ascii=False).encode("utf-8")
        )

    # -- entries ------------------------------------------------------------------------
    def entry_path(self, doc_id: str) -> Path:
        return self.entries_dir / f"{doc_id}.entry"

    def entry_token(self, doc_id: str) -> str | None:
        """Cheap identity of a stored entry (changes when it is rewritten), None if absent."""
        try:
            st = self.entry_path(doc_id).stat()
        except OSError:
            return None
        return f"{st.st_mtime_ns}:{st.st_size}"

    def check_entry(self, doc_id: str) -> bool:
        """Is the stored entry's header readable? One that is not (damaged, foreign, or
        planted) is deleted, with a warning, so the document is parsed again."""
        path = self.entry_path(doc_id)
        try:
            with open(path, "rb") as fh:
                size = int.from_bytes(fh.read(8), "little")
                meta = json.loads(fh.read(size).decode("utf-8")) if 0 < size < 1 << 24 else None
            if isinstance(meta, dict) and meta.get("format") == ENTRY_FORMAT:
                return True
        except (OSError, ValueError):
            pass
        print(f"warning: {path}: unreadable cache entry discarded; parsing again", file=sys.stderr)
        with contextlib.suppress(OSError):
            path.unlink()
        return False

    def read_entry(self, doc_id: str) -> CacheEntry | None:
        """The stored entry; its tables are memory-mapped from the file (no copy, and no
        allocator churn when thousands of entries are streamed through)."""
        import pyarrow as pa

        try:
            source = pa.memory_map(str(self.entry_path(doc_id)))
            data = source.read_buffer()
            source.close()  # the buffer keeps the mapping alive
            size = int.from_bytes(data[:8].to_pybytes(), "little")
            meta = json.loads(data[8 : 8 + size].to_pybytes().decode("utf-8"))
            if not isinstance(meta, dict) or meta.get("format") != ENTRY_FORMAT:
                return None
            tables = {
                name: pa.ipc.open_stream(data.slice(8 + size + start, length)).read_all()
                for name, start, length in meta.pop("streams")
            }
            meta["match_keys"] = [tuple(k) for k in meta["match_keys"]]  # JSON has no tuples
            return CacheEntry(tables=tables, **meta)
        except (OSError, ValueError, KeyError, TypeError, EOFError, pa.ArrowException):
            return None  # unreadable or foreign: the document is simply parsed again

    def write_entry(self, entry: CacheEntry) -> None:
        """One file: 8-byte header length, the small fields as JSON (with each stream's
        offset after the header), then one Arrow IPC stream per table. No fsync per entry:
        one lost in a power cut is simply parsed again."""
        import pyarrow as pa

        streams, chunks, offset = [], [], 0
        for name, table in entry.tables.items():
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
            chunk = sink.getvalue()
            streams.append((name, offset, chunk.size))
            chunks.append(chunk)
            offset += chunk.size
        meta = {k: v for k, v in entry.__dict__.items() if k != "tables"}
        header = json.dumps({**meta, "streams": streams}, ensure_ascii=False).encode("utf-8")
        data = b"".join([len(header).to_bytes(8, "little"), header, *map(memoryview, chunks)])
        write_bytes_atomic(self.entry_path(entry.doc_id), data, fsync=False)

    def load_matches(self) -> dict:
        """(name, unit, parent) → (code, name, score, method) or None; stored as JSON pairs."""
        try:
            pairs = json.loads((self.entries_dir / MATCHES_FILE).read_text(encoding="utf-8"))
            return {tuple(key): (tuple(value) if value else None) for key, value in pairs}
        except (OSError, ValueError, TypeError):
            return {}

    def save_matches(self, matches: dict) -> None:
        pairs = [[list(key), list(value) if value else None] for key, value in matches.items()]
        write_bytes_atomic(
            self.entries_dir / MATCHES_FILE, json.dumps(pairs, ensure_ascii=False).encode("utf-8")
        )
