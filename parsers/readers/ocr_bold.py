"""Bold words of a scanned page, from the width of their strokes.

Tesseract's LSTM model reports no font attributes, so every OCR word used to be regular
and a scan lost what bold carries in the text readers: an unnumbered heading
(`**Dự kiến kinh phí thực hiện Chương trình …**`), a group row of a table. A bold face is
drawn with strokes about 1.5× as wide as the regular face of the same size, which a scan
keeps however it blurs: the mean stroke width of a word's ink is 2·area/perimeter (a
stroke of length L and width w has area L·w and perimeter ≈ 2L). A larger face has wider
strokes too, so a line's widths are compared in proportion to its height. Measured on
office and mild scans of the dev corpus and samples: bold lines 1.45–1.66× the page's
median word, regular lines 0.84–1.11×, capitals of a larger title 1.21×.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.readers.layout import WordBox, words_to_lines

if TYPE_CHECKING:
    import numpy as np

BOLD_RATIO = 1.32  # a word this much wider in stroke than the page's median word is bold
LINE_BOLD_RATIO = 1.22  # ...and a line whose median word is this much wider is bold whole
# (a heavier blur narrows the gap: bold words at sigma 0.9 measured 1.23-1.44, regular ones
# 0.91-1.11; a line's median is steadier than one word)
MIN_WORDS = 20  # a page with fewer lettered words has no reliable median
HEIGHT_SLACK = 0.15  # a line's median word height varies this much with its diacritics alone
MIN_INK = 12  # px: a box with less ink (a dot, a dash) tells nothing about its face


def stroke_width(ink: np.ndarray) -> float | None:
    """Mean stroke width (px) of a boolean ink patch: 2·area/perimeter, where the
    perimeter counts ink pixels with a paper pixel among their 4 neighbours."""
    import numpy as np

    area = int(ink.sum())
    if area < MIN_INK:
        return None
    p = np.pad(ink, 1)
    inner = p[1:-1, 1:-1] & p[:-2, 1:-1] & p[2:, 1:-1] & p[1:-1, :-2] & p[1:-1, 2:]
    edge = area - int(inner.sum())
    return 2.0 * area / max(edge, 1)


def page_ink(gray: np.ndarray) -> np.ndarray:
    """Ink of a grey page by Otsu's threshold (one global level: within a word the paper
    is even, and a local threshold would thin thick strokes)."""
    import cv2

    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return gray < level


def mark_bold(words: list[WordBox], gray: np.ndarray) -> None:
    """Set `bold` on the lettered words of one page whose strokes are `BOLD_RATIO` times
    the page's median, or whose line's median word is `LINE_BOLD_RATIO` times it, scaled
    by the line's height over the page's median height (in place); a page with too few
    words is left as it is."""
    import numpy as np

    ink = page_ink(gray)
    widths: dict[int, float] = {}
    for word in words:
        if any(ch.isalnum() for ch in word.text):
            sw = stroke_width(_patch(ink, word))
            if sw is not None:
                widths[id(word)] = sw
    lettered = {id(w) for w in words if id(w) in widths and any(c.isalpha() for c in w.text)}
    if len(lettered) < MIN_WORDS:
        return
    # the page's norm from its words (a number's strokes are a letter's, but the norm
    # stays the prose's); numbers are judged against it too (the `1` and `9` of a bold
    # group row `1 | Nhóm tiêu chí về kinh tế | | 9`)
    median_sw = float(np.median([widths[i] for i in lettered]))
    median_h = float(np.median([w.height for w in words if id(w) in lettered]))
    for line in words_to_lines(words):
        measured = [w for w in line.words if id(w) in widths]
        if not measured:
            continue
        # a title set larger is not bold for its wider strokes; smaller print is not
        # scaled up (its thin strokes would pass for bold); a line whose words merely
        # carry more stacked marks than most is not larger (HEIGHT_SLACK)
        sized = [w for w in measured if id(w) in lettered] or measured
        height = float(np.median([w.height for w in sized])) / median_h
        scale = max(1.0, height - HEIGHT_SLACK)
        ratios = [widths[id(w)] / (median_sw * scale) for w in measured]
        judged = [r for w, r in zip(measured, ratios, strict=True) if id(w) in lettered]
        whole = bool(judged) and float(np.median(judged)) >= LINE_BOLD_RATIO
        for word, ratio in zip(measured, ratios, strict=True):
            word.bold = whole or ratio >= BOLD_RATIO


def _patch(ink: np.ndarray, word: WordBox) -> np.ndarray:
    h, w = ink.shape
    x0, y0 = max(0, int(word.x0)), max(0, int(word.top))
    x1, y1 = min(w, int(word.x1) + 1), min(h, int(word.bottom) + 1)
    return ink[y0:y1, x0:x1]
