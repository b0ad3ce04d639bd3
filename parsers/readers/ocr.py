"""OCR reader for scans (images, and PDF pages without a text layer) → `Document`.

Each page image is deskewed (projection-profile angle search on a reduced copy, then a
rotation by two interpolated shears), its ruling lines are found by OpenCV's morphological
line detection (adaptive threshold, opening with long thin rectangles) and erased, and Tesseract's Vietnamese model reads it with ``--psm 4`` (``--psm 6`` invents
text on blank areas) into TSV, so every word keeps its box and confidence. The page goes
to Tesseract as an uncompressed TIFF file: encoding a PNG (what pytesseract does) cost
~15% of the OCR time on a noisy scan, and Tesseract reads stdin and PGM slowly. The rulings
and word boxes then go through the same layout stages as a text PDF
(`parsers.readers.layout`): tables from the grid, lines, paragraphs. Pages run in
parallel, one single-threaded Tesseract per core (``OMP_THREAD_LIMIT=1``: Tesseract's own
threading is ~10x slower here).

Every page is scored by the share of its words that are valid Vietnamese syllables
(`normalizers.syllables`) and Tesseract's mean word confidence; both go to
`Document.page_quality` / `page_confidence` (the `pages` table) and a page under either gate
(`LOW_QUALITY`, `LOW_CONFIDENCE`) is reported as an ``ocr / low_quality_page`` warning.
Each Tesseract call has its own time limit (`TESSERACT_TIMEOUT_S`): a page over it is
skipped with an ``ocr / ocr_timeout`` warning. Misreadings the context proves (a ``%`` read
as ``9``, a Roman ``I`` as ``1``) are repaired by `parsers.readers.ocr_repair`.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from parsers.model import Document, ReadError
from parsers.readers.layout import PageLayout, WordBox, layouts_to_blocks
from parsers.readers.ocr_bold import mark_bold
from parsers.readers.ocr_cells import empty_inked_cells, read_cells
from parsers.readers.ocr_repair import apply_repairs

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

LANG = "vie"
PSM = 4
CELL_PSM = 6  # the strip of stacked cells is one uniform block (--psm 4 dropped lone digits)
LOW_QUALITY = 0.6  # share of valid syllables below which a page is flagged
LOW_CONFIDENCE = 50.0  # mean Tesseract word confidence (0-100) below which a page is flagged
TESSERACT_TIMEOUT_S = 120.0  # one page's Tesseract call; ~1-3 s a page is normal here
TIMEOUT_ENV = "CHITIEU_OCR_TIMEOUT"  # seconds, overrides TESSERACT_TIMEOUT_S
MIN_WORD_CONF = 10.0  # Tesseract confidence (0-100) under which a "word" is noise
SPECK_CONF = 60.0  # ...and under which a one- or two-letter word is a speck
MAX_SKEW_DEGREES = 3.0
RULE_MIN_FRACTION = 0.04  # a dark run this share of the page width/height is a ruling line
INK_BLOCK = 25  # adaptive threshold window (px at 200 dpi: ~3 mm, wider than a stroke)
INK_OFFSET = 25  # ...and how much darker than the window's mean ink is (grey levels)
RULE_GAP_BRIDGE = 5  # px: a break this short in a ruling (grain, a speck) is bridged; two
# tables 6 pt apart (17 px) stay apart
DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-vie"
WORKERS_ENV = "CHITIEU_OCR_WORKERS"  # Tesseract processes per document (default: the cores)


@dataclass
class OcrPage:
    layout: PageLayout
    quality: float
    skew: float
    confidence: float | None = None  # mean word confidence, 0-100 (None: no words)
    warnings: list[tuple[str, str, str]] = field(default_factory=list)


def read_image(path: Path) -> Document:
    """An image file (PNG, JPEG, TIFF with one or more frames) read by OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    path = Path(path)
    try:
        with Image.open(path) as img:
            frames = [f.convert("L") for f in ImageSequence.Iterator(img)]
            dpi = img.info.get("dpi", (200, 200))[0] or 200
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError("corrupt_image", f"{path}: the image cannot be decoded ({exc}).") from exc
    results = ocr_images(frames, pages=list(range(1, len(frames) + 1)), dpi=float(dpi))
    doc = Document(source_path=str(path), format="image-ocr", n_pages=len(frames))
    for res in results:
        doc.page_quality[res.layout.page] = res.quality
        if res.confidence is not None:
            doc.page_confidence[res.layout.page] = res.confidence
        doc.warnings.extend((s, t, f"{path}: {m}") for s, t, m in res.warnings)
    doc.blocks = layouts_to_blocks([r.layout for r in results])
    if not doc.blocks:
        raise ReadError("no_text", f"{path}: OCR found no text in the image.", stage="ocr")
    apply_repairs(doc)
    return doc


def check_tesseract() -> None:
    if shutil.which("tesseract") is None:
        raise ReadError(
            "ocr_unavailable",
            f"Tesseract is not installed: install the Debian packages {DEBIAN_PACKAGES} "
            "(`make system-deps`) to read scans.",
            stage="ocr",
        )
    try:
        langs = _languages()
    except (OSError, subprocess.SubprocessError) as exc:  # the binary is there but fails
        raise ReadError("ocr_unavailable", f"Tesseract does not run ({exc}).", stage="ocr") from exc
    if LANG not in langs:
        raise ReadError(
            "ocr_unavailable",
            f"Tesseract has no Vietnamese model: install the Debian package tesseract-ocr-vie "
            f"(installed: {', '.join(langs)}).",
            stage="ocr",
        )


@functools.cache
def _languages() -> tuple[str, ...]:
    """Tesseract's installed models, asked once per process (a process start per document
    otherwise); a failure is not cached."""
    out = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    # first line: 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):'
    return tuple(line.strip() for line in out.splitlines()[1:] if line.strip())


def ocr_images(images: list, pages: list[int], dpi: float = 200.0) -> list[OcrPage]:
    """OCR page images in parallel (one single-threaded Tesseract per core)."""
    check_tesseract()
    cores = int(os.environ.get(WORKERS_ENV, 0) or (os.cpu_count() or 1))
    workers = max(1, min(len(images), cores))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(
            pool.map(lambda a: _ocr_page_bounded(*a, dpi=dpi), zip(images, pages, strict=True))
        )


def _ocr_page_bounded(image: Image.Image, page: int, dpi: float) -> OcrPage:
    """`ocr_page`, with a page whose Tesseract call timed out left out (a warning) instead
    of losing the document's other pages."""
    try:
        return ocr_page(image, page, dpi=dpi)
    except ReadError as exc:
        if exc.error_type != "ocr_timeout":
            raise
        width, height = image.size
        res = OcrPage(PageLayout(page, float(width), float(height), []), quality=0.0, skew=0.0)
        res.warnings.append(("ocr", "ocr_timeout", f"page {page} skipped: {exc.message}"))
        return res


# ---------------------------------------------------------------------------- one page
def ocr_page(image: Image.Image, page: int, dpi: float = 200.0) -> OcrPage:
    gray, angle = deskew(image)
    clean, h_segs, v_segs = erase_rulings(gray)
    words = parse_tsv(run_tesseract(clean, dpi))
    # table cells the page read left empty although they hold ink: one more look
    missed = empty_inked_cells(clean, words, h_segs, v_segs)
    words += read_cells(
        clean, missed, lambda strip, scale: parse_tsv(run_tesseract(strip, dpi * scale, CELL_PSM))
    )
    mark_bold(words, clean)
    return page_result(page, clean.shape, words, h_segs, v_segs, angle)


Segments = list[tuple[float, float, float]]  # (y, x0, x1) horizontal, (x, top, bottom) vertical


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """The page in grey with its text rows horizontal, and the rotation applied (degrees)."""
    import numpy as np
    from PIL import Image

    gray = image if image.mode == "L" else image.convert("L")
    angle = estimate_skew(gray)
    if abs(angle) >= 0.05:
        gray = Image.fromarray(rotate_small(np.asarray(gray), angle))
    return gray, angle


def rotate_small(gray: np.ndarray, angle: float) -> np.ndarray:
    """A grey page rotated by a few degrees (counter-clockwise, as `Image.rotate`), white
    fill: a shear along the columns then one along the rows, each linearly interpolated.

    Within a grey level of Pillow's bilinear rotation on average (x is scaled by
    1 - tan²(angle): 0.7 px across a 200-dpi A4 page at 1°) at ~1/5 of its cost: Pillow
    took ~0.1 s a page (bicubic ~0.2 s), 5-10% of the OCR time. Nearest neighbour, cheaper
    still, left jagged accents and ruling remnants that cost words."""
    t = math.tan(math.radians(angle))
    return _shear(_shear(gray, t, axis=0), -t, axis=1)


def _shear(a: np.ndarray, t: float, axis: int) -> np.ndarray:
    """`a` with each line along `axis` shifted by (its index across - centre) * t pixels:
    axis 0 moves each column by its x offset * t, axis 1 each row by its y offset * t.
    Lines sharing the integer part of the shift are done as one block."""
    import numpy as np

    n_along, n_across = (a.shape[0], a.shape[1]) if axis == 0 else (a.shape[1], a.shape[0])
    shift = (np.arange(n_across) - (n_across - 1) / 2) * t
    whole = np.floor(shift).astype(np.intp)
    frac = np.rint((shift - whole) * 256).astype(np.uint16)  # weight of the next pixel, /256
    pad = int(np.abs(whole).max()) + 2
    padded = np.pad(
        a, [(pad, pad), (0, 0)] if axis == 0 else [(0, 0), (pad, pad)], constant_values=255
    )
    out = np.empty_like(a)
    starts = np.flatnonzero(np.diff(whole, prepend=whole[0] - 1)).tolist() + [n_across]
    for c0, c1 in itertools.pairwise(starts):
        k = int(whole[c0]) + pad
        if axis == 0:
            lo, hi = padded[k : k + n_along, c0:c1], padded[k + 1 : k + 1 + n_along, c0:c1]
            w = frac[c0:c1]
        else:
            lo, hi = padded[c0:c1, k : k + n_along], padded[c0:c1, k + 1 : k + 1 + n_along]
            w = frac[c0:c1, None]
        mixed = lo * (256 - w) + hi * w  # uint16: at most 255 * 256
        mixed += 128
        mixed >>= 8
        if axis == 0:
            out[:, c0:c1] = mixed
        else:
            out[c0:c1] = mixed
    return out


def erase_rulings(gray: Image.Image) -> tuple[np.ndarray, Segments, Segments]:
    """The page as a grey array with its ruling lines whitened (Tesseract reads lines
    as letters), and the horizontal and vertical rulings."""
    import numpy as np

    arr = np.asarray(gray)
    h_segs, v_segs, mask = find_rulings_morph(arr)
    return np.where(mask, np.uint8(255), arr), h_segs, v_segs


def find_rulings_morph(gray: np.ndarray) -> tuple[Segments, Segments, np.ndarray]:
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) ruling segments of a grey page,
    and the mask of their pixels, by OpenCV's morphological line detection.

    Ink is what is darker than its neighbourhood (an adaptive threshold: grey or unevenly
    lit paper and JPEG haze move the neighbourhood's mean with it); an opening with a long
    thin rectangle keeps only strokes at least that long in its direction, so text and
    grain go and rulings stay however blurred; a short closing bridges breaks that noise
    left in them. On the office-quality sample scans this found every ruling of the
    pages where a fixed threshold (dark < 140) broke the faint ones into pieces and lost
    rows and columns of the grid."""
    import cv2
    import numpy as np

    cv2.setNumThreads(1)  # one Tesseract per core already: no thread pool of its own
    h, w = gray.shape
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, INK_BLOCK, INK_OFFSET
    )
    min_h = max(30, int(w * RULE_MIN_FRACTION))
    min_v = max(30, int(h * RULE_MIN_FRACTION * 0.5))
    rect = cv2.MORPH_RECT
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, (min_h, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, (1, min_v)))
    bridge = RULE_GAP_BRIDGE
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, (bridge, 1)))
    vert = cv2.morphologyEx(vert, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, (1, bridge)))
    h_segs = _mask_segments(horiz > 0, min_h)
    v_segs = _mask_segments((vert > 0).T, min_v)
    # the blurred line's halo too: a grey fringe left beside it reads as 'l' or '|'
    mask = cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8)) > 0
    return h_segs, v_segs, mask


def _mask_segments(mask: np.ndarray, min_len: int) -> Segments:
    """(row, start, end) of the runs of a sparse line mask, a thick line's rows as one."""
    import numpy as np

    segs = []
    for y in np.flatnonzero(np.count_nonzero(mask, axis=1) >= min_len).tolist():
        for a, b in _runs(mask[y], min_len):
            segs.append((float(y), float(a), float(b)))
    return _merge_rows(segs)


def page_result(
    page: int,
    shape: tuple[int, ...],
    words: list[WordBox],
    h_segs: Segments,
    v_segs: Segments,
    angle: float,
) -> OcrPage:
    """The page's layout, quality score (share of valid syllables) and mean word
    confidence, flagged when under the gate."""
    from normalizers.syllables import syllable_share

    height, width = shape[:2]
    layout = PageLayout(page, float(width), float(height), words, h_segs, v_segs)
    quality = round(syllable_share(" ".join(w.text for w in words), default=0.0), 3)
    confs = [w.conf for w in words if w.conf is not None]
    confidence = round(sum(confs) / len(confs), 1) if confs else None
    res = OcrPage(layout=layout, quality=quality, skew=angle, confidence=confidence)
    if words and is_low_quality(quality, confidence):
        res.warnings.append(
            (
                "ocr",
                "low_quality_page",
                f"page {page}: {quality:.0%} of the OCR words are Vietnamese syllables, "
                f"mean confidence {confidence or 0:.0f}/100 (gate: {LOW_QUALITY:.0%}, "
                f"{LOW_CONFIDENCE:.0f}); check the scan (resolution, skew) before trusting "
                "its values.",
            )
        )
    return res


def is_low_quality(quality: float, confidence: float | None) -> bool:
    """Under the quality gate: too few valid syllables, or Tesseract unsure on average."""
    return quality < LOW_QUALITY or (confidence is not None and confidence < LOW_CONFIDENCE)


def run_tesseract(gray: np.ndarray, dpi: float, psm: int = PSM) -> str:
    """Tesseract's TSV for a grey page (2-D uint8 array), single-threaded."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="chitieu-ocr-") as tmp:
        # an uncompressed TIFF costs ~1 ms to write and is the cheapest for Tesseract to read
        # (PNG: ~0.4 s to encode a noisy page; stdin and PGM: read byte by byte)
        path = os.path.join(tmp, "page.tif")
        Image.fromarray(gray).save(path, format="TIFF", dpi=(dpi, dpi))
        cmd = ["tesseract", path, "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(int(dpi))]
        # one thread per Tesseract process (its OpenMP threading is ~10x slower here)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        timeout = tesseract_timeout()
        try:  # on expiry subprocess.run kills the Tesseract process and reaps it
            proc = subprocess.run([*cmd, "tsv"], capture_output=True, env=env, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ReadError(
                "ocr_timeout",
                f"Tesseract took over {timeout:g} s on one page and was stopped.",
                stage="ocr",
            ) from exc
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise ReadError("ocr_failed", f"Tesseract failed ({err or proc.returncode}).", stage="ocr")
    return proc.stdout.decode("utf-8")


def tesseract_timeout() -> float:
    """Seconds one Tesseract call may take (`CHITIEU_OCR_TIMEOUT`, else the default)."""
    try:
        return float(os.environ.get(TIMEOUT_ENV, "") or TESSERACT_TIMEOUT_S)
    except ValueError:
        return TESSERACT_TIMEOUT_S


def parse_tsv(tsv: str) -> list[WordBox]:
    """Word boxes from Tesseract's TSV (level, page, block, par, line, word, left, top,
    width, height, conf, text), noise and specks dropped."""
    words: list[WordBox] = []
    for row in tsv.split("\n")[1:]:
        cols = row.split("\t", 11)
        if len(cols) < 12:
            continue
        text = cols[11].strip()
        if not text:
            continue
        conf = float(cols[10])
        if conf < MIN_WORD_CONF or _specks(text, conf):
            continue
        x, y, w, h = int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9])
        words.append(WordBox(text, float(x), float(y), float(x + w), float(y + h), conf=conf))
    return words


def _specks(text: str, conf: float) -> bool:
    """A one- or two-character "word" read with low confidence from a leftover of a ruling
    line or a speck ('Đ š' between two cells); digits and common short words are kept."""
    return len(text) <= 2 and conf < SPECK_CONF and not any(ch.isdigit() for ch in text)


def estimate_skew(
    gray: Image.Image, max_angle: float = MAX_SKEW_DEGREES, step: float = 0.1
) -> float:
    """The rotation (degrees, counter-clockwise as `Image.rotate` takes it) that makes text
    rows horizontal: the angle whose row profile of dark pixels is sharpest, searched on a
    reduced image. A profile is the histogram of the dark pixels' rows after a shear (the
    rotation's rows to within cos 3°), not of a rotated copy: ~10x cheaper."""
    import numpy as np

    factor = max(1, min(gray.size) // 500)  # ~500 px is plenty to see text rows
    small = gray.reduce(factor) if factor > 1 else gray
    ys, xs = np.nonzero(np.asarray(small) < 140)
    if not len(ys):
        return 0.0
    xs = xs - small.width / 2
    ys = ys + 0.5  # floor(y + 0.5): the nearest row

    def sharpness(angle: float) -> float:
        rows = np.floor(ys - xs * np.tan(np.radians(angle))).astype(np.intp)
        profile = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = 0.0
    for angles in (
        np.arange(-max_angle, max_angle + 1e-9, 0.5),
        np.arange(-0.4, 0.4 + 1e-9, step),  # around the coarse best
    ):
        base = best
        best = max((base + float(a) for a in angles), key=sharpness)
    return round(best, 2)


def _runs(line, min_len: int) -> list[tuple[int, int]]:  # noqa: ANN001
    """(start, end) of runs of True at least `min_len` long in a 1-D bool array."""
    import numpy as np

    padded = np.concatenate(([False], line, [False]))
    diff = np.diff(padded.astype(np.int8))
    starts = np.flatnonzero(diff == 1)
    ends = np.flatnonzero(diff == -1)
    keep = ends - starts >= min_len
    return list(zip(starts[keep].tolist(), ends[keep].tolist(), strict=True))


def _merge_rows(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collapse the pixel rows of one thick line into a single segment."""
    out: list[list[float]] = []
    for pos, a, b in sorted(segs):
        for o in out[-8:]:
            if abs(o[0] - pos) <= 3 and a <= o[2] + 3 and b >= o[1] - 3:
                o[1], o[2] = min(o[1], a), max(o[2], b)
                break
        else:
            out.append([pos, a, b])
    return [(p, a, b) for p, a, b in out]
