"""OCR reader for scans (images, and PDF pages without a text layer) → `Document`.

Each page image is deskewed (projection-profile angle search), its ruling lines are found
from long dark pixel runs and erased, and Tesseract's Vietnamese model reads it with
``--psm 4`` (``--psm 6`` invents text on blank areas) through ``image_to_data`` so every
word keeps its box and confidence. The rulings and word boxes then go through the same
layout stages as a text PDF (`parsers.readers.layout`): tables from the grid, lines,
paragraphs. Pages run in parallel, one single-threaded Tesseract per core
(``OMP_THREAD_LIMIT=1``: Tesseract's own threading is ~10x slower here).

Every page is scored by the share of its words that are valid Vietnamese syllables
(`normalizers.syllables`); the score goes to `Document.page_quality` and a page below
`LOW_QUALITY` is reported as an ``ocr / low_quality_page`` warning.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from parsers.model import Document, ReadError
from parsers.readers.layout import PageLayout, WordBox, layouts_to_blocks

LANG = "vie"
PSM = 4
LOW_QUALITY = 0.6  # share of valid syllables below which a page is flagged
MIN_WORD_CONF = 10.0  # Tesseract confidence (0-100) under which a "word" is noise
SPECK_CONF = 60.0  # ...and under which a one- or two-letter word is a speck
MAX_SKEW_DEGREES = 3.0
RULE_MIN_FRACTION = 0.04  # a dark run this share of the page width/height is a ruling line
DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-vie"
WORKERS_ENV = "CHITIEU_OCR_WORKERS"  # Tesseract processes per document (default: the cores)


@dataclass
class OcrPage:
    layout: PageLayout
    quality: float
    skew: float
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
        doc.warnings.extend((s, t, f"{path}: {m}") for s, t, m in res.warnings)
    doc.blocks = layouts_to_blocks([r.layout for r in results])
    if not doc.blocks:
        raise ReadError("no_text", f"{path}: OCR found no text in the image.", stage="ocr")
    return doc


def check_tesseract() -> None:
    if shutil.which("tesseract") is None:
        raise ReadError(
            "ocr_unavailable",
            f"Tesseract is not installed: install the Debian packages {DEBIAN_PACKAGES} "
            "(`make system-deps`) to read scans.",
            stage="ocr",
        )
    import pytesseract

    try:
        langs = pytesseract.get_languages(config="")
    except Exception as exc:  # noqa: BLE001 - any failure of the binary means no OCR
        raise ReadError("ocr_unavailable", f"Tesseract does not run ({exc}).", stage="ocr") from exc
    if LANG not in langs:
        raise ReadError(
            "ocr_unavailable",
            f"Tesseract has no Vietnamese model: install the Debian package tesseract-ocr-vie "
            f"(installed: {', '.join(langs)}).",
            stage="ocr",
        )


def ocr_images(images: list, pages: list[int], dpi: float = 200.0) -> list[OcrPage]:
    """OCR page images in parallel (one single-threaded Tesseract per core)."""
    check_tesseract()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by every tesseract process
    cores = int(os.environ.get(WORKERS_ENV, 0) or (os.cpu_count() or 1))
    workers = max(1, min(len(images), cores))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda a: ocr_page(*a, dpi=dpi), zip(images, pages, strict=True)))


# ---------------------------------------------------------------------------- one page
def ocr_page(image, page: int, dpi: float = 200.0) -> OcrPage:  # noqa: ANN001
    import numpy as np
    import pytesseract
    from PIL import Image

    from normalizers.syllables import syllable_share

    gray = image.convert("L")
    angle = estimate_skew(gray)
    if abs(angle) >= 0.05:
        gray = gray.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    arr = np.asarray(gray)
    dark = arr < 140
    h_segs, v_segs, mask = find_rulings(dark)
    clean = arr.copy()
    clean[mask] = 255
    data = pytesseract.image_to_data(
        Image.fromarray(clean),
        lang=LANG,
        config=f"--psm {PSM} --dpi {int(dpi)}",
        output_type=pytesseract.Output.DICT,
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < MIN_WORD_CONF or _specks(text, conf):
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(WordBox(text, float(x), float(y), float(x + w), float(y + h), conf=conf))
    height, width = arr.shape
    layout = PageLayout(page, float(width), float(height), words, h_segs, v_segs)
    quality = round(syllable_share(" ".join(w.text for w in words), default=0.0), 3)
    res = OcrPage(layout=layout, quality=quality, skew=angle)
    if words and quality < LOW_QUALITY:
        res.warnings.append(
            (
                "ocr",
                "low_quality_page",
                f"page {page}: only {quality:.0%} of the OCR words are Vietnamese syllables; "
                "check the scan (resolution, skew) before trusting its values.",
            )
        )
    return res


def _specks(text: str, conf: float) -> bool:
    """A one- or two-character "word" read with low confidence from a leftover of a ruling
    line or a speck ('Đ š' between two cells); digits and common short words are kept."""
    return len(text) <= 2 and conf < SPECK_CONF and not any(ch.isdigit() for ch in text)


def estimate_skew(gray, max_angle: float = MAX_SKEW_DEGREES, step: float = 0.1) -> float:  # noqa: ANN001
    """The rotation (degrees) that makes text rows horizontal: the angle whose row-sum
    profile of dark pixels is sharpest, searched on a reduced image."""
    import numpy as np
    from PIL import Image

    factor = max(1, min(gray.size) // 500)  # ~500 px is plenty to see text rows
    small = gray.reduce(factor) if factor > 1 else gray
    best, best_score = 0.0, -1.0
    for coarse in (True, False):
        if coarse:
            angles = np.arange(-max_angle, max_angle + 1e-9, 0.5)
        else:
            angles = np.arange(best - 0.4, best + 0.4 + 1e-9, step)
        for a in angles:
            rot = small.rotate(float(a), resample=Image.NEAREST, fillcolor=255)
            profile = (np.asarray(rot) < 140).sum(axis=1).astype(np.float64)
            score = float(np.square(np.diff(profile)).sum())
            if score > best_score:
                best, best_score = float(a), score
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


def find_rulings(dark):  # noqa: ANN001, ANN201
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) ruling segments of a binary page,
    and the mask of their pixels (to erase before OCR)."""
    import numpy as np

    h, w = dark.shape
    mask = np.zeros_like(dark)
    h_segs: list[tuple[float, float, float]] = []
    v_segs: list[tuple[float, float, float]] = []
    min_h = max(30, int(w * RULE_MIN_FRACTION))
    min_v = max(30, int(h * RULE_MIN_FRACTION * 0.5))
    rows = _rows_with_run(dark, min_h)
    for y in rows:
        for x0, x1 in _runs(dark[y], min_h):
            h_segs.append((float(y), float(x0), float(x1)))
            mask[max(0, y - 1) : y + 2, x0:x1] = True
    cols = _rows_with_run(dark.T, min_v)
    for x in cols:
        for y0, y1 in _runs(dark[:, x], min_v):
            v_segs.append((float(x), float(y0), float(y1)))
            mask[y0:y1, max(0, x - 1) : x + 2] = True
    return _merge_rows(h_segs), _merge_rows(v_segs), mask


def _rows_with_run(dark, k: int):  # noqa: ANN001, ANN202
    """Indices of the rows of a 2-D bool array holding a run of at least `k` Trues."""
    import numpy as np

    candidates = np.flatnonzero(dark.sum(axis=1) >= k)
    if not len(candidates):
        return candidates
    sub = dark[candidates].astype(np.int32)
    cs = np.concatenate([np.zeros((len(sub), 1), np.int32), np.cumsum(sub, axis=1)], axis=1)
    has_run = ((cs[:, k:] - cs[:, :-k]) == k).any(axis=1)
    return candidates[has_run]


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
