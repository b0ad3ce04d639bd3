"""PDF reader → `Document`.

pypdfium2 reads the text layer (characters with their boxes and fonts) and the page's
path objects (ruling lines), one to two orders of magnitude faster than pdfminer; the
table grid is found by pdfplumber's lattice algorithm run on those rulings
(`parsers.readers.layout.segments_to_grids`). Words are rebuilt from characters, marks
that a producer emitted decomposed or before their letter are repaired to NFC, running
headers/footers and page numbers are dropped, wrapped lines are rejoined and a table
continued on the next page is joined to its first part. Pages without a text layer are
rasterised and read by OCR (`parsers.readers.ocr`); the format is then ``pdf-ocr``.
Line numbers count paragraph lines and table rows from 1 in reading order; `page` is the
1-based page.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from parsers.model import Document, ReadError
from parsers.readers.layout import PageLayout, WordBox, layouts_to_blocks

MIN_TEXT_CHARS = 20  # fewer visible characters than this: the page is a scan
RULE_THICKNESS = 2.5  # a path object this thin is a ruling line (points)
OCR_DPI = 200


def read(path: Path) -> Document:
    import pypdfium2 as pdfium

    path = Path(path)
    pdf = _open(path)
    try:
        return _read_pages(pdf, path, pdfium)
    except pdfium.PdfiumError as exc:  # a page object the repair of _open did not save
        raise ReadError(
            "corrupt_pdf", f"{path}: the PDF is damaged and a page cannot be read ({exc})."
        ) from exc
    finally:
        pdf.close()


def _read_pages(pdf, path: Path, pdfium) -> Document:  # noqa: ANN001
    """The pages of an open PDF read into a Document (text layer, else OCR)."""
    layouts: list[PageLayout] = []
    scanned: list[int] = []
    for i in range(len(pdf)):
        page = pdf[i]
        layout, has_text = page_layout(page, i + 1)
        if has_text:
            layouts.append(layout)
        elif _has_images(page, pdfium):
            scanned.append(i)
        page.close()
    n_pages = len(pdf)
    doc = Document(source_path=str(path), format="pdf", n_pages=n_pages)
    if scanned:
        from parsers.readers import ocr

        try:
            images = [render_for_ocr(pdf[i], OCR_DPI) for i in scanned]
            results = ocr.ocr_images(images, pages=[i + 1 for i in scanned], dpi=OCR_DPI)
        except ReadError as exc:
            if not layouts:
                raise ReadError(
                    "no_text",
                    f"{path}: the PDF has no text layer and OCR is not possible ({exc.message})",
                    stage="ocr",
                ) from exc
            doc.warnings.append(
                (
                    "ocr",
                    exc.error_type,
                    f"{path}: pages {[i + 1 for i in scanned]} skipped: {exc.message}",
                )
            )
            results = []
        for res in results:
            layouts.append(res.layout)
            doc.page_quality[res.layout.page] = res.quality
            if res.confidence is not None:
                doc.page_confidence[res.layout.page] = res.confidence
            doc.warnings.extend((s, t, f"{path}: {m}") for s, t, m in res.warnings)
        if results:
            doc.format = "pdf-ocr"
    layouts.sort(key=lambda lay: lay.page)
    doc.blocks = layouts_to_blocks(layouts)
    if not doc.blocks:
        raise ReadError("no_text", f"{path}: the PDF has no text on any of its {n_pages} pages.")
    if doc.page_quality:  # OCR-read pages: their misreadings caught from context
        from parsers.readers.ocr_repair import apply_repairs

        apply_repairs(doc, pages=set(doc.page_quality))
    return doc


def _open(path: Path):  # noqa: ANN202
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ReadError(
                "encrypted_pdf",
                f"{path}: the PDF is password-protected; save it without a password.",
            ) from exc
        raise ReadError(
            "corrupt_pdf", f"{path}: the PDF is damaged or truncated and cannot be opened ({exc})."
        ) from exc


def render_for_ocr(page, dpi: float):  # noqa: ANN001, ANN201
    """A page as a grey PIL image at `dpi`, for OCR.

    Rendered straight into an 8-bit grey bitmap: the FPDF_GRAYSCALE flag gives the same
    pixels but converts colour by colour, ~2x slower. The scale is shrunk by a hair so that
    pypdfium2's ceil() of the bitmap size does not add a row for float noise in the page box
    (595.44 pt at 200 dpi is 1654.00001 px): the scan's image then maps pixel for pixel
    instead of being resampled to one more row, ~2x slower and blurred."""
    import pypdfium2.raw as c

    bitmap = page.render(scale=dpi / 72 * (1 - 1e-6), force_bitmap_format=c.FPDFBitmap_Gray)
    return bitmap.to_pil()


def _has_images(page, pdfium) -> bool:  # noqa: ANN001
    import pypdfium2.raw as c

    return any(True for _ in page.get_objects(filter=[c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


# ---------------------------------------------------------------------------- text layer
def page_layout(page, number: int) -> tuple[PageLayout, bool]:  # noqa: ANN001
    """One page's words (from the text layer) and ruling segments, top-down coordinates."""
    width, height = page.get_size()
    tp = page.get_textpage()
    try:
        words = _words(tp, height)
    finally:
        tp.close()
    visible = sum(len(w.text) for w in words)
    h_segs, v_segs = _rulings(page, height)
    layout = PageLayout(number, width, height, words, h_segs, v_segs)
    return layout, visible >= MIN_TEXT_CHARS


def _words(tp, height: float) -> list[WordBox]:  # noqa: ANN001
    import pypdfium2.raw as c

    n = tp.count_chars()
    if n <= 0:
        return []
    text = tp.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP: fall back to one call per char
        text = "".join(tp.get_text_range(i, 1) or " " for i in range(n))
    words: list[WordBox] = []
    cur: list[str] = []
    box: list[float] = []
    bold = False

    def close() -> None:
        if cur:
            t = repair_marks("".join(cur))
            if t.strip():
                words.append(WordBox(t, box[0], box[1], box[2], box[3], bold=bold))
        cur.clear()

    soft_break = False  # a space pdfium generated: a break only if the gap is real
    for i, ch in enumerate(text):
        if ch in " \xa0" and cur and c.FPDFText_IsGenerated(tp.raw, i) == 1:
            soft_break = True
            continue
        if ch.isspace() or ch == "\x00":
            close()
            continue
        left, bottom, right, top = tp.get_charbox(i, loose=True)
        t_top, t_bottom = height - top, height - bottom
        if unicodedata.combining(ch) and cur:
            cur.append(ch)
            continue
        if cur:
            h = box[3] - box[1]
            gap = left - box[2]
            if (
                gap > (0.12 if soft_break else 0.4) * h
                or abs(t_bottom - box[3]) > 0.4 * h
                or left < box[0] - h
            ):
                close()
        soft_break = False
        if not cur:
            box = [left, t_top, right, t_bottom]
            bold = _is_bold(tp, i, c)
        else:
            box = [min(box[0], left), min(box[1], t_top), max(box[2], right), max(box[3], t_bottom)]
        cur.append(ch)
    close()
    return words


_FONT_CACHE: dict[int, bool] = {}


def _is_bold(tp, i: int, c) -> bool:  # noqa: ANN001
    import ctypes

    weight = c.FPDFText_GetFontWeight(tp.raw, i)
    if weight >= 600:
        return True
    flags = ctypes.c_int(0)
    size = c.FPDFText_GetFontInfo(tp.raw, i, None, 0, ctypes.byref(flags))
    if size <= 0:
        return False
    buf = ctypes.create_string_buffer(size)
    c.FPDFText_GetFontInfo(tp.raw, i, buf, size, ctypes.byref(flags))
    name = buf.value.decode("utf-8", "replace").lower()
    return "bold" in name or "black" in name or "heavy" in name or bool(flags.value & (1 << 18))


def repair_marks(text: str) -> str:
    """NFC, after moving combining marks that a producer put before their letter.

    >>> repair_marks("Vie\\u0323\\u0302t")
    'Việt'
    >>> repair_marks("\\u0301a")
    'á'
    """
    chars = list(text)
    out: list[str] = []
    pending: list[str] = []
    for ch in chars:
        if unicodedata.combining(ch):
            if out and not out[-1].isspace():
                out.append(ch)
            else:
                pending.append(ch)
        else:
            out.append(ch)
            if pending and ch.isalpha():
                out.extend(pending)
                pending.clear()
    out.extend(pending)
    return unicodedata.normalize("NFC", "".join(out))


# ---------------------------------------------------------------------------- rulings
def _rulings(page, height: float):  # noqa: ANN001, ANN202
    """Thin path objects → horizontal (y, x0, x1) and vertical (x, top, bottom) segments;
    a rectangle path gives its four sides."""
    import pypdfium2.raw as c

    h_segs: list[tuple[float, float, float]] = []
    v_segs: list[tuple[float, float, float]] = []
    for k, obj in enumerate(page.get_objects(filter=[c.FPDF_PAGEOBJ_PATH], max_depth=2)):
        if k > 5000:
            break
        left, bottom, right, top = obj.get_bounds()
        top_y, bottom_y = height - top, height - bottom
        w, h = right - left, bottom_y - top_y
        if h <= RULE_THICKNESS and w > RULE_THICKNESS:
            h_segs.append(((top_y + bottom_y) / 2, left, right))
        elif w <= RULE_THICKNESS and h > RULE_THICKNESS:
            v_segs.append(((left + right) / 2, top_y, bottom_y))
        elif w > RULE_THICKNESS and h > RULE_THICKNESS and c.FPDFPath_CountSegments(obj.raw) <= 5:
            h_segs += [(top_y, left, right), (bottom_y, left, right)]
            v_segs += [(left, top_y, bottom_y), (right, top_y, bottom_y)]
    return h_segs, v_segs
