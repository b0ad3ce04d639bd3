"""Format-independent layout steps shared by the Word, PDF and OCR readers.

Stages, each a pure function named by its input and output:

- `words_to_lines`: positioned words (a PDF text layer or Tesseract boxes) → text lines;
- `lines_to_paragraphs`: wrapped lines → logical paragraphs (a line that reaches the right
  margin and is followed by a line that starts no new item continues the paragraph);
- `segments_to_grids`: ruling-line segments → table grids, with pdfplumber's table finder
  (`merge_edges → edges_to_intersections → intersections_to_cells → cells_to_tables`);
- `grid_to_rows`: a grid and the words inside it → rows of cells with col/row spans;
- `join_tables`: a table continued on the next page (or in the next Word table) → one
  table, repeated header rows dropped and a row split by the break merged back.

Covered positions of a merged cell are kept as empty cells so columns stay aligned: a
position covered horizontally has ``col_span=0``, one covered vertically ``row_span=0``;
the merged cell itself carries its spans.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from parsers.model import Cell, Line, Row, Table
from parsers.readers.borderless import find_tables
from parsers.readers.text import (
    is_fragment,
    merge_fragment,
    split_inline_numbering,
    starts_new_item,
)

# Geometry settings, in the unit of the input (PDF points or image pixels).
LINE_Y_TOLERANCE = 0.5  # share of the median word height two words' centres may differ
SNAP_TOLERANCE = 3.0
MIN_CELL = 4.0
HEADER_REPEAT_SIMILARITY = 90  # rapidfuzz ratio of a repeated header row to the first one


@dataclass
class WordBox:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    bold: bool = False
    conf: float | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class TextLine:
    words: list[WordBox]
    page: int | None = None

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def bold(self) -> bool:
        """All its words bold: those with letters (a bold line's dash or bullet may be set
        in the body font), or, in a line of numbers only (the `1` of a bold group row),
        all of them."""
        letters = [w for w in self.words if any(c.isalpha() for c in w.text)] or self.words
        return bool(letters) and all(w.bold for w in letters)

    @property
    def conf(self) -> float | None:
        confs = [w.conf for w in self.words if w.conf is not None]
        return sum(confs) / len(confs) if confs else None


@dataclass
class Paragraph:
    lines: list[TextLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.text for line in self.lines).split())


# ---------------------------------------------------------------------------- lines
def words_to_lines(words: list[WordBox]) -> list[TextLine]:
    """Group words whose vertical centres are close into lines, each sorted left to right."""
    if not words:
        return []
    heights = sorted(w.height for w in words if w.height > 0) or [1.0]
    tol = heights[len(heights) // 2] * LINE_Y_TOLERANCE
    lines: list[list[WordBox]] = []
    for w in sorted(words, key=lambda w: (w.cy, w.x0)):
        if lines and abs(w.cy - statistics.fmean(x.cy for x in lines[-1][-3:])) <= tol:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [TextLine(sorted(ws, key=lambda w: w.x0)) for ws in lines]


def lines_to_paragraphs(
    lines: list[TextLine], right_margin: float | None = None
) -> list[Paragraph]:
    """Rejoin lines wrapped at the right margin into paragraphs (lines in reading order)."""
    if not lines:
        return []
    if right_margin is None:  # the text block's right edge: most full lines reach it
        ends = sorted(line.x1 for line in lines)
        right_margin = ends[int(len(ends) * 0.9)]
    heights = sorted(line.bottom - line.top for line in lines)
    h = heights[len(heights) // 2] or 1.0
    paras: list[Paragraph] = []
    for line in lines:
        if paras:
            prev = paras[-1].lines[-1]
            gap = line.top - prev.bottom
            same_page = prev.page == line.page
            reaches_margin = prev.x1 >= right_margin - 3.5 * h
            if (
                reaches_margin
                and (gap < 1.0 * h or not same_page)
                and prev.bold == line.bold
                and not starts_new_item(line.text)
            ):
                paras[-1].lines.append(line)
                continue
        paras.append(Paragraph([line]))
    return paras


# ---------------------------------------------------------------------------- ruled tables
def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def segments_to_grids(
    h_segments: list[tuple[float, float, float]],
    v_segments: list[tuple[float, float, float]],
    tolerance: float = SNAP_TOLERANCE,
) -> list[list[tuple[float, float, float, float]]]:
    """Ruling segments → tables as lists of cell boxes (x0, top, x1, bottom).

    `h_segments` are (y, x0, x1), `v_segments` (x, top, bottom). The grid is pdfplumber's
    lattice algorithm, run on edges that came from any source (PDF paths, image pixels).
    """
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    edges = [_edge(x0, y, x1, y, "h") for y, x0, x1 in h_segments if x1 - x0 > MIN_CELL]
    edges += [_edge(x, t, x, b, "v") for x, t, b in v_segments if b - t > MIN_CELL]
    if not edges:
        return []
    edges = merge_edges(edges, tolerance, tolerance, tolerance, tolerance)
    inter = edges_to_intersections(edges, tolerance, tolerance)
    cells = intersections_to_cells(inter)
    cells = [c for c in cells if c[2] - c[0] > MIN_CELL and c[3] - c[1] > MIN_CELL]
    tables = cells_to_tables(cells)
    return [t for t in tables if len(t) >= 2]


def grid_bbox(cells: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float, tol: float) -> int:
    best = min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))
    return best if abs(bounds[best] - v) <= tol * 2 else -1


def grid_to_rows(
    cells: list[tuple[float, float, float, float]],
    words: list[WordBox],
    tol: float = SNAP_TOLERANCE,
) -> tuple[list[list[Cell]], list[tuple[float, float]]]:
    """Cell boxes + words → rows of `Cell` (spans from the grid) and each row's (top, bottom).

    A word belongs to the cell holding its centre; inside a cell, words are read line by
    line. Positions covered by a merged cell get empty cells (col_span=0 / row_span=0).
    """
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells], tol)
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells], tol)
    ncols, nrows = len(xs) - 1, len(ys) - 1
    grid: list[list[Cell | None]] = [[None] * ncols for _ in range(nrows)]
    placed: list[tuple[int, int, int, int, tuple[float, float, float, float]]] = []
    for c in cells:
        c0, c1 = _index(xs, c[0], tol), _index(xs, c[2], tol)
        r0, r1 = _index(ys, c[1], tol), _index(ys, c[3], tol)
        if min(c0, c1, r0, r1) < 0 or c1 <= c0 or r1 <= r0:
            continue
        placed.append((r0, c0, r1 - r0, c1 - c0, c))
    buckets: dict[int, list[WordBox]] = {i: [] for i in range(len(placed))}
    for w in words:
        for i, (_, _, _, _, c) in enumerate(placed):
            if c[0] <= w.cx <= c[2] and c[1] <= w.cy <= c[3]:
                buckets[i].append(w)
                break
    for i, (r, col, rs, cs, _) in enumerate(placed):
        ws = buckets[i]
        text = " ".join(line.text for line in words_to_lines(ws))
        lines = words_to_lines(ws)
        bold = bool(lines) and all(line.bold for line in lines)
        grid[r][col] = Cell(text=" ".join(text.split()), bold=bold, col_span=cs, row_span=rs)
        for dr in range(rs):
            for dc in range(cs):
                if dr == 0 and dc == 0:
                    continue
                if r + dr < nrows and col + dc < ncols:
                    grid[r + dr][col + dc] = Cell(
                        "", col_span=0 if dc else 1, row_span=0 if dr else 1
                    )
    rows = [[c if c is not None else Cell("") for c in row] for row in grid]
    bounds = [(ys[i], ys[i + 1]) for i in range(nrows)]
    return rows, bounds


# ---------------------------------------------------------------------------- joining
def _key(row: Row) -> str:
    return " | ".join(" ".join(c.text.lower().split()) for c in row.cells)


def _same(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return a == b or (bool(a.strip(" |")) and fuzz.ratio(a, b) >= HEADER_REPEAT_SIMILARITY)


def header_rows(table: Table) -> int:
    """How many leading rows are header: the first row, plus a second one that spans
    (its cells cover row_span=0 positions) or carries no label and no digits."""
    if not table.rows:
        return 0
    n = 1
    if len(table.rows) > 1:
        second = table.rows[1]
        covered = any(c.row_span == 0 for c in second.cells)
        texts = [c.text for c in second.cells]
        no_digits = not any(ch.isdigit() for t in texts for ch in t)
        if covered or (not texts[0] and any(texts) and no_digits):
            n = 2
    return n


def drop_repeated_header(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows without the repeats of the first (header) row: a borderless table printed in
    pieces, each under its header, is one run of lines with the header inside it (a ruled
    one is one grid per piece, and `join_tables` drops the repeats)."""
    if len(rows) < 3:
        return rows
    head = _key(Row(cells=rows[0], line_start=0, line_end=0))
    return [rows[0]] + [
        r for r in rows[1:] if not _same(_key(Row(cells=r, line_start=0, line_end=0)), head)
    ]


def join_tables(first: Table, nxt: Table, *, adjacent: bool = True) -> bool:
    """Append `nxt` to `first` when it continues it; return whether it did.

    It continues when it has the same number of columns and either repeats the header
    rows of `first` (dropped) or directly follows it (`adjacent`). A first row that is a
    lone cell without a label is the end of a row split by the page break: merged back.
    """
    if not first.rows or not nxt.rows:
        return False
    if len(first.rows[0].cells) != len(nxt.rows[0].cells):
        return False
    n_head = header_rows(first)
    head_keys = [_key(r) for r in first.rows[:n_head]]
    rows = list(nxt.rows)
    repeated = 0
    while rows and repeated < n_head and _same(_key(rows[0]), head_keys[repeated]):
        rows.pop(0)
        repeated += 1
    if not repeated and not adjacent:
        return False
    if rows and len(first.rows) > n_head and is_fragment(rows[0]):
        merge_fragment(first.rows[-1], rows.pop(0))
    first.rows.extend(rows)
    return True


# ---------------------------------------------------------------------------- pages
@dataclass
class PageLayout:
    """What a paged reader found on one page, in top-down coordinates."""

    page: int
    width: float
    height: float
    words: list[WordBox]
    h_segments: list[tuple[float, float, float]] = field(default_factory=list)
    v_segments: list[tuple[float, float, float]] = field(default_factory=list)


_PAGE_NUMBER = re.compile(
    r"^\s*(?:trang\s*)?[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—]?\s*$", re.IGNORECASE
)
MARGIN_ZONE = 0.09  # top/bottom share of the page where running headers/footers live


def _margin_lines(layouts: list[PageLayout]) -> set[tuple[int, str]]:
    """(page, text) of running headers/footers: page numbers in the margins, and margin
    lines repeated (digits aside) on at least half of the pages."""
    seen: dict[str, set[int]] = {}
    found: set[tuple[int, str]] = set()
    per_page: list[tuple[int, str, str]] = []
    for lay in layouts:
        for line in words_to_lines(lay.words):
            in_margin = line.bottom < lay.height * MARGIN_ZONE or line.top > lay.height * (
                1 - MARGIN_ZONE
            )
            if not in_margin:
                continue
            if _PAGE_NUMBER.match(line.text):
                found.add((lay.page, line.text))
                continue
            key = re.sub(r"\d+", "#", line.text.lower())
            seen.setdefault(key, set()).add(lay.page)
            per_page.append((lay.page, line.text, key))
    if len(layouts) >= 2:
        for page, text, key in per_page:
            if len(seen[key]) >= max(2, len(layouts) // 2):
                found.add((page, text))
    return found


def layouts_to_blocks(layouts: list[PageLayout]) -> list[Line | Table]:
    """Pages → blocks in reading order: ruled tables and borderless ones (`borderless`)
    become `Table`s, other words lines and paragraphs; running headers/footers go; a table continued on the next page is joined.
    Line numbers count paragraph lines and table rows from 1 through the document."""
    drop = _margin_lines(layouts)
    items: list[tuple[int, float, object]] = []  # (page, top, Table rows | TextLine)
    carry: list[tuple[float, float]] | None = None
    for lay in layouts:
        grids = segments_to_grids(lay.h_segments, lay.v_segments)
        boxes = [grid_bbox(g) for g in grids]
        free: list[WordBox] = []
        inside: list[list[WordBox]] = [[] for _ in grids]
        for w in lay.words:
            for k, b in enumerate(boxes):
                if b[0] - 1 <= w.cx <= b[2] + 1 and b[1] - 1 <= w.cy <= b[3] + 1:
                    inside[k].append(w)
                    break
            else:
                free.append(w)
        for k, g in enumerate(grids):
            rows, _ = grid_to_rows(g, inside[k])
            if rows:
                items.append((lay.page, boxes[k][1], rows))
        lines = [ln for ln in words_to_lines(free) if (lay.page, ln.text) not in drop]
        for ln in lines:
            ln.page = lay.page
        taken: set[int] = set()
        tables = find_tables(lines, carry)  # tables without rulings: columns from gutters
        for found in tables:
            items.append((lay.page, lines[found.start].top, drop_repeated_header(found.rows)))
            taken.update(range(found.start, found.end))
        # a borderless table that ends the page may go on at the top of the next one
        ends_page = (
            tables
            and tables[-1].end == len(lines)
            and not any(b[1] > lines[tables[-1].start].top for b in boxes)
        )
        carry = tables[-1].gutters if ends_page else None
        items.extend((lay.page, ln.top, ln) for i, ln in enumerate(lines) if i not in taken)
    items.sort(key=lambda it: (it[0], it[1]))

    blocks: list[Line | Table] = []
    line_no = 0
    pending: list[TextLine] = []

    def flush() -> None:
        nonlocal line_no
        for para in lines_to_paragraphs(pending):
            first = line_no + 1
            line_no += len(para.lines)
            confs = [c for c in (ln.conf for ln in para.lines) if c is not None]
            for piece in split_inline_numbering(para.text):
                blocks.append(
                    Line(
                        text=piece,
                        line_start=first,
                        line_end=line_no,
                        page=para.lines[0].page,
                        bold=all(ln.bold for ln in para.lines),
                        confidence=round(sum(confs) / len(confs), 1) if confs else None,
                    )
                )
        pending.clear()

    for page, _, item in items:
        if isinstance(item, TextLine):
            pending.append(item)
            continue
        flush()
        rows = []
        for cells in item:
            line_no += 1
            rows.append(Row(cells=cells, line_start=line_no, line_end=line_no, page=page))
        table = Table(rows=rows, page=page)
        prev = blocks[-1] if blocks else None
        if isinstance(prev, Table) and join_tables(prev, table, adjacent=True):
            continue
        blocks.append(table)
    flush()
    return blocks
