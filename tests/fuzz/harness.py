"""Fuzzing the format readers: mutated samples must give a `Document` or a `ReadError`.

Seeds are the text samples of `data/raw/` and Word / PDF files built from them by
`tests/formats/builders.py`. A mutation is a short list of edits (`Edit`) applied to a
seed's bytes: bit flips, "interesting" bytes, deleted / duplicated / inserted chunks,
truncation, a splice from another seed of the same format, and numbers made huge (the
counts and offsets of PDF and Word XML). Word files are also mutated inside the package
(the XML parts edited and the zip rebuilt with valid checksums), so the reader gets past
the zip layer and meets broken or hostile XML.

Each input goes through `parsers.readers.read_document` under its format's extension, with
OCR stubbed out (a scanned page would otherwise cost Tesseract seconds and test Tesseract,
not our readers). Anything else escaping it -- an exception other than `ReadError`, or a
read running past `HANG_SECONDS` -- is a finding, saved under `tests/fuzz/regressions/`
(the input, plus a `.trace` with the exception) and replayed by `test_fuzz_readers.py`.

    python -m tests.fuzz.run --n 100000          # the long run (see run.py)
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import signal
import tempfile
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from parsers.model import Document, ReadError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "raw"
REGRESSIONS = Path(__file__).resolve().parent / "regressions"
FORMATS = ("txt", "docx", "pdf", "html", "xlsx")
HANG_SECONDS = 20.0
SEED_CHARS = 2500
INTERESTING = [0, 1, 0x7F, 0x80, 0xFF, ord("\n"), ord("\r"), ord("\t"), ord("<"), ord("%")]
HUGE_NUMBERS = [b"0", b"-1", b"4294967296", b"99999999", b"2147483647", b"1e308", b"-0"]
DOCX_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")


@dataclass(frozen=True)
class Edit:
    """One mutation: `kind` at a fractional `where` in the data, with `size` and `value`."""

    kind: str
    where: float  # 0..1 of the data's length
    size: int = 1
    value: int = 0


EDIT_KINDS = ("flip", "byte", "delete", "duplicate", "insert", "truncate", "splice", "number")


def apply_edits(data: bytes, edits: list[Edit], donor: bytes = b"") -> bytes:
    buf = bytearray(data)
    for e in edits:
        n = len(buf)
        at = min(int(e.where * n), max(n - 1, 0))
        if e.kind == "flip" and n:
            buf[at] ^= 1 << (e.value % 8)
        elif e.kind == "byte" and n:
            buf[at] = INTERESTING[e.value % len(INTERESTING)]
        elif e.kind == "delete":
            del buf[at : at + e.size]
        elif e.kind == "duplicate":
            buf[at:at] = buf[at : at + e.size]
        elif e.kind == "insert":
            rnd = random.Random(e.value)
            buf[at:at] = bytes(rnd.randrange(256) for _ in range(min(e.size, 64)))
        elif e.kind == "truncate":
            del buf[at:]
        elif e.kind == "splice" and donor:
            start = int(e.value / 2**16 * len(donor)) % len(donor)
            buf[at : at + e.size] = donor[start : start + e.size]
        elif e.kind == "number":
            _make_number_huge(buf, at, e.value)
    return bytes(buf)


def _make_number_huge(buf: bytearray, at: int, value: int) -> None:
    """Replace the first run of digits at or after `at` by a huge (or odd) number."""
    i = at
    while i < len(buf) and not chr(buf[i]).isdigit():
        i += 1
    j = i
    while j < len(buf) and chr(buf[j]).isdigit():
        j += 1
    if i < len(buf):
        buf[i:j] = HUGE_NUMBERS[value % len(HUGE_NUMBERS)]


def random_edits(rng: random.Random) -> list[Edit]:
    return [
        Edit(
            rng.choice(EDIT_KINDS),
            rng.random(),
            rng.choice((1, 2, 8, 64, 512)),
            rng.getrandbits(16),
        )
        for _ in range(rng.choice((1, 1, 2, 3, 5, 10)))
    ]


def mutate_docx_inside(data: bytes, edits: list[Edit], part_index: int) -> bytes:
    """Edit one XML part of a Word package and zip it again (valid CRCs)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        names = src.namelist()
    except zipfile.BadZipFile:
        return data
    parts = [p for p in DOCX_PARTS if p in names] or names
    target = parts[part_index % len(parts)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            body = src.read(name)
            dst.writestr(name, apply_edits(body, edits) if name == target else body)
    return out.getvalue()


# ---------------------------------------------------------------------------- seeds
def build_seeds(folder: Path, *, small: bool = False) -> dict[str, list[bytes]]:
    """{format: [seed bytes]}: the text samples, and Word and PDF files built from them."""
    from tests.formats import builders

    samples = sorted(SAMPLES.glob("*.txt"))
    built = samples[:1] if small else samples[:3]
    # Seeds are cut to their first lines (heading, prose and the start of a table): a
    # reader's cost grows with the input, and what breaks a reader is in any few lines.
    texts = {p: _head(p.read_text(encoding="utf-8")) for p in samples}
    seeds: dict[str, list[bytes]] = {"txt": [t.encode() for t in texts.values()]}
    for fmt in FORMATS[1:]:
        seeds[fmt] = []
    for sample in built:
        blocks = builders.parse_sample(texts[sample])
        docx = builders.build_docx(blocks, folder / f"{sample.stem}.docx")
        pdf = builders.build_pdf(blocks, folder / f"{sample.stem}.pdf")
        html = builders.build_html(blocks, folder / f"{sample.stem}.html")
        xlsx = builders.build_xlsx(blocks, folder / f"{sample.stem}.xlsx")
        for fmt, path in (("docx", docx), ("pdf", pdf), ("html", html), ("xlsx", xlsx)):
            seeds[fmt].append(path.read_bytes())
    return seeds


def _head(text: str, max_chars: int = SEED_CHARS) -> str:
    lines, size = [], 0
    for line in text.splitlines():
        if size + len(line) > max_chars and lines:
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- one input
class Hang(Exception):
    """A read that ran past HANG_SECONDS."""


@contextlib.contextmanager
def no_ocr() -> Iterator[None]:
    """OCR stubbed out: a page without a text layer becomes the reader's OCR ReadError."""
    from parsers.readers import ocr

    def unavailable(*_a, **_k):
        raise ReadError("ocr_unavailable", "OCR is disabled while fuzzing.", stage="ocr")

    saved = ocr.ocr_images, ocr.read_image
    ocr.ocr_images = ocr.read_image = unavailable
    try:
        yield
    finally:
        ocr.ocr_images, ocr.read_image = saved


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang once the read has used `seconds` of CPU time. CPU time, not wall time: on
    a loaded machine (the long run is niced beside other work) a read of a 40 kB file once
    sat 20 s in the scheduler and was reported as a hang (d64e9e9e98e5aa13.docx, 0.6 s alone)."""

    def alarm(_sig, _frame):
        raise Hang(f"the read ran past {seconds:g} s of CPU time")

    old = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


@dataclass
class Finding:
    fmt: str
    data: bytes
    error: str  # "Type: message"
    trace: str

    @property
    def key(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:16]


def read_bytes(data: bytes, fmt: str, folder: Path) -> Finding | None:
    """Read `data` as a `.fmt` file; a Finding when something other than ReadError escapes."""
    from parsers.readers import read_document

    path = folder / f"input.{fmt}"
    path.write_bytes(data)
    try:
        with time_limit(HANG_SECONDS):
            doc = read_document(path)
        if not isinstance(doc, Document):
            raise TypeError(f"the reader returned {type(doc).__name__}, not a Document")
    except ReadError as exc:
        if not exc.message or not exc.error_type:
            return Finding(fmt, data, "ReadError without a message", traceback.format_exc())
        return None
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - the point
        return Finding(fmt, data, f"{type(exc).__name__}: {exc}"[:500], traceback.format_exc())
    return None


def save(finding: Finding, folder: Path = REGRESSIONS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{finding.key}.{finding.fmt}"
    path.write_bytes(finding.data)
    path.with_name(path.name + ".trace").write_text(
        finding.error + "\n\n" + finding.trace, encoding="utf-8"
    )
    return path


def regression_files() -> list[Path]:
    return sorted(p for p in REGRESSIONS.glob("*") if p.suffix.lstrip(".") in FORMATS)


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="chitieu-fuzz-") as folder, no_ocr():
        yield Path(folder)
