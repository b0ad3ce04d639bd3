"""The second look at inked table cells the page OCR left empty (parsers/readers/ocr_cells)."""

from __future__ import annotations

import numpy as np

from parsers.readers.layout import WordBox
from parsers.readers.ocr_cells import STRIP_PAD, empty_inked_cells, read_cells


def _page() -> tuple[np.ndarray, list, list]:
    """A 3 x 2 grid on grey paper: cells (row, col) (0, 1) and (2, 1) hold a dark blob."""
    gray = np.full((400, 600), 220, np.uint8)
    xs, ys = [50, 350, 550], [50, 150, 250, 350]
    h = [(float(y), 50.0, 550.0) for y in ys]
    v = [(float(x), 50.0, 350.0) for x in xs]
    gray[90:110, 420:440] = 40  # row 0, column 1
    gray[290:310, 430:445] = 40  # row 2, column 1
    gray[190:200, 100:200] = 40  # row 1, column 0: a word already read there
    return gray, h, v


def test_only_inked_cells_without_words_are_looked_at_again():
    gray, h, v = _page()
    read = [WordBox("Tôn giáo", 100, 185, 200, 205)]
    boxes = empty_inked_cells(gray, read, h, v)
    assert len(boxes) == 2
    assert all(350 < a and b < 550 for a, _, b, _ in boxes)
    assert sorted(t for _, t, _, _ in boxes) == [54, 254]


def test_words_of_the_strip_go_back_to_their_cells():
    gray, h, v = _page()
    boxes = empty_inked_cells(gray, [WordBox("Tôn giáo", 100, 185, 200, 205)], h, v)
    seen = {}

    def fake_tesseract(strip: np.ndarray, scale: int) -> list[WordBox]:
        # one word on each blob of the enlarged strip, where the strip put it
        seen["shape"], seen["scale"] = strip.shape, scale
        rows = np.flatnonzero((strip < 128).any(axis=1))
        groups = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
        out = []
        for g, text in zip(groups, ("0,5", "2"), strict=True):
            cols = np.flatnonzero((strip[g[0] : g[-1] + 1] < 128).any(axis=0))
            out.append(WordBox(text, cols[0], g[0], cols[-1] + 1, g[-1] + 1))
        return out

    words = read_cells(gray, boxes, fake_tesseract)
    assert seen["scale"] == 2 and seen["shape"][1] >= 2 * (2 * STRIP_PAD)
    got = {w.text: (round(w.x0), round(w.top), round(w.x1), round(w.bottom)) for w in words}
    # the blobs' page boxes (±1 px of the 2x cubic enlargement)
    for text, want in (("0,5", (420, 90, 440, 110)), ("2", (430, 290, 445, 310))):
        assert all(abs(a - b) <= 1 for a, b in zip(got[text], want, strict=True)), got


def test_the_strip_between_cells_is_the_cells_paper_grey():
    """Grey cells pasted on white were dark boxes to Tesseract's global threshold: an office
    scan's lone `5` came back as nothing. The strip takes the cells' own paper level."""
    gray, h, v = _page()
    boxes = empty_inked_cells(gray, [WordBox("Tôn giáo", 100, 185, 200, 205)], h, v)
    seen = {}

    def looking(strip: np.ndarray, scale: int) -> list[WordBox]:
        seen["strip"] = strip
        return []

    read_cells(gray, boxes, looking)
    strip = seen["strip"]
    assert np.median(strip) == 220  # the cells' paper
    # only the enlargement's overshoot at the blobs' edges is lighter than the paper
    assert np.count_nonzero(strip > 235) < 0.01 * strip.size
