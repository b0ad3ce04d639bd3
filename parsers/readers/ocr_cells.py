"""A second look at the table cells the page OCR left empty although they hold ink.

On a page read whole, Tesseract drops short isolated tokens in narrow cells (a score
``0,5``, a ``-``, a lone ``1``; `../shared/FACTS.md`). The inked empty cells of a page's
grids are cut out, stacked one under the other with white space between them into one
small strip, and read by a single extra Tesseract call (a process per cell would cost more
than the page itself); each word found goes back to its cell in page coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from parsers.readers.layout import WordBox, segments_to_grids

if TYPE_CHECKING:
    import numpy as np

CELL_MARGIN = 4  # px trimmed inside each cell border (ruling remnants)
MIN_INK_PIXELS = 12  # dark pixels a cell needs to be worth a second look
INK_BELOW_PAPER = 90  # grey levels under the paper's a pixel must be to count as ink
STRIP_GAP = 24  # white rows between two stacked cells
STRIP_PAD = 16  # white border around each cell in the strip
STRIP_SCALE = 2  # the strip is enlarged: 7.5-pt digits at 200 dpi are small for Tesseract


@dataclass
class _Piece:
    x0: int
    top: int
    strip_top: int
    height: int


def empty_inked_cells(
    gray: np.ndarray, words: list[WordBox], h_segs: list, v_segs: list
) -> list[tuple[int, int, int, int]]:
    """(x0, top, x1, bottom) of the grid cells holding no word but some ink."""
    import numpy as np

    cells = [c for g in segments_to_grids(h_segs, v_segs) for c in g]
    if not cells:
        return []
    paper = float(np.median(gray[::8, ::8]))
    found = []
    for x0, top, x1, bottom in cells:
        if any(x0 <= w.cx <= x1 and top <= w.cy <= bottom for w in words):
            continue
        a, b = int(x0) + CELL_MARGIN, int(x1) - CELL_MARGIN
        t, u = int(top) + CELL_MARGIN, int(bottom) - CELL_MARGIN
        if b - a < 4 or u - t < 4:
            continue
        crop = gray[t:u, a:b]
        if np.count_nonzero(crop < paper - INK_BELOW_PAPER) >= MIN_INK_PIXELS:
            found.append((a, t, b, u))
    return found


def read_cells(gray: np.ndarray, boxes: list[tuple[int, int, int, int]], run) -> list[WordBox]:  # noqa: ANN001
    """Words of the `boxes` of `gray`, read as one stacked strip, enlarged `STRIP_SCALE`
    times, by `run(strip, scale) -> words`; returned in page coordinates."""
    import cv2
    import numpy as np

    if not boxes:
        return []
    width = max(b - a for a, _, b, _ in boxes) + 2 * STRIP_PAD
    height = sum(u - t + STRIP_GAP for _, t, _, u in boxes) + 2 * STRIP_PAD
    # the space between the cells is the cells' own paper grey: grey cells on a white strip
    # are dark boxes to Tesseract's global threshold, and it read nothing in them (an office
    # scan's '5' and '< 1')
    paper = int(np.median(np.concatenate([gray[t:u, a:b].ravel() for a, t, b, u in boxes])))
    strip = np.full((height, width), paper, np.uint8)
    pieces: list[_Piece] = []
    y = STRIP_PAD
    for a, t, b, u in boxes:
        strip[y : y + u - t, STRIP_PAD : STRIP_PAD + b - a] = gray[t:u, a:b]
        pieces.append(_Piece(a, t, y, u - t))
        y += u - t + STRIP_GAP
    k = STRIP_SCALE
    big = cv2.resize(strip, (width * k, height * k), interpolation=cv2.INTER_CUBIC)
    found = [
        WordBox(w.text, w.x0 / k, w.top / k, w.x1 / k, w.bottom / k, conf=w.conf)
        for w in run(big, k)
    ]
    out: list[WordBox] = []
    for w in found:
        piece = next(
            (
                p
                for p in pieces
                if p.strip_top - STRIP_GAP / 2 <= w.cy < p.strip_top + p.height + STRIP_GAP / 2
            ),
            None,
        )
        if piece is None:
            continue
        dx, dy = piece.x0 - STRIP_PAD, piece.top - piece.strip_top
        out.append(WordBox(w.text, w.x0 + dx, w.top + dy, w.x1 + dx, w.bottom + dy, conf=w.conf))
    return out
