"""Tables printed without rulings, recovered from the gutters between their columns.

A Word table whose borders were switched off, printed to PDF or scanned, leaves no line
to find: its columns are only the vertical strips that no word of its lines crosses. Prose
never keeps such a strip over several lines (its words fall anywhere), a table keeps every
one of them over all its rows, however its cells wrap. So a table is a run of consecutive
lines whose free strips keep at least two gutters, each with words on both sides in
several lines; a line that crosses an established gutter (a paragraph after the table)
ends it. The same reading serves text PDFs and OCR word boxes: it works on `TextLine`s.

Rows: a cell's wrapped lines sit closer together than the rows do: where the line pitches
come in two sizes, the wider one starts a row. Where they do not (rows set as tight as
their lines), a line continues the row above when it only goes on in cells the row has
started and does not start with a capital; one with something in the first column (the
numbering `TT`) or in a cell the row left empty starts the next.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from parsers.model import Cell

if TYPE_CHECKING:
    from parsers.readers.layout import TextLine, WordBox

# In units of the page's median word height (points or pixels alike).
GUTTER_MIN = 0.3  # narrowest free strip kept as a possible gutter (word spaces ~0.25)
GUTTER_SPACES = 1.3  # ... and at least this many times the page's median word space: a
# space that lines of the same text repeat ('Phòng Kinh tế xã') lines up like a gutter
SPACE_MAX = 0.8  # gaps narrower than this are word spaces
SEED_GAP = 0.6  # a table's first line has two gaps at least this wide
SEED_SPACES = 2.5  # ... and at least this many word spaces (a title's large type spaces wider)
MAX_LINE_GAP = 2.5  # a wider vertical gap ends the table
HEADER_LOOKAHEAD = 6  # lines below a table's first line where a later start is tried
MIN_SUPPORT = 3  # lines with words on both sides of a gutter before a line may not cross it
MIN_COLUMNS = 3
MIN_FULL_LINES = 3  # lines with words in at least MIN_COLUMNS columns
ROW_PITCH_RATIO = 1.25  # the wider of two line pitches is a row break above this ratio
ROW_PITCH_MIN = 0.3  # ... and at least this much wider
WRAP_PITCH_MAX = 1.7  # the widest pitch of a cell's wrapped lines

Interval = tuple[float, float]


@dataclass
class BorderlessTable:
    start: int  # index of its first line in the lines given
    end: int  # one past its last line
    rows: list[list[Cell]]
    row_lines: list[tuple[int, int]]  # (first, last) line index of each row
    gutters: list[Interval]  # the free strips between its columns, left to right

    @property
    def cuts(self) -> list[float]:
        """x of the column edges."""
        return [(a + b) / 2 for a, b in self.gutters]


def find_tables(
    lines: list[TextLine], carry: list[Interval] | None = None
) -> list[BorderlessTable]:
    """The borderless tables among one page's lines (top to bottom), by line ranges.

    A table right below another (or, with `carry`, the gutters of the table that ended the
    previous page, at the top of this one) and with fewer columns is its continuation
    whose rows leave some columns empty (no gutter shows there): it is read with the
    gutters of the table it continues, when each keeps a strip none of its words covers."""
    if len(lines) < MIN_FULL_LINES:
        return []
    h = statistics.median(w.height for line in lines for w in line.words) or 1.0
    space = _word_space(lines, h)
    min_gutter = max(GUTTER_MIN * h, GUTTER_SPACES * space)
    seed_gap = max(SEED_GAP * h, SEED_SPACES * space)
    seeds = [_is_seed(line, seed_gap) for line in lines]
    found: list[BorderlessTable] = []
    i = 0
    while i < len(lines):
        table = _grow(lines, i, h, min_gutter) if seeds[i] else None
        if table is None:
            i += 1
            continue
        # a title or preamble line above the header that leaves the right-hand gutters
        # free starts a table with its left-hand columns merged: a table starts at the
        # line from which it has the most columns
        for j in range(i + 1, min(table.end, i + 1 + HEADER_LOOKAHEAD)):
            later = _grow(lines, j, h, min_gutter) if seeds[j] else None
            if later and len(later.gutters) > len(table.gutters) and later.end >= table.end:
                i, table = j, later
        above = found[-1].gutters if found and found[-1].end == i else carry if i == 0 else None
        if above is not None and len(table.gutters) < len(above):
            table = _reread(lines, table, above, h, min_gutter) or table
        found.append(table)
        i = table.end
    return found


def _reread(
    lines: list[TextLine],
    table: BorderlessTable,
    gutters: list[Interval],
    h: float,
    min_gutter: float,
) -> BorderlessTable | None:
    region = lines[table.start : table.end]
    kept = []
    for g in gutters:
        strips = [g]
        for line in region:
            strips = _intersect(strips, _free(line), min_gutter)
        if not strips:
            return None  # a word of the table crosses this column edge
        kept.append(max(strips, key=lambda s: s[1] - s[0]))
    cuts = [(a + b) / 2 for a, b in kept]
    rows, spans = _rows(region, [_split(line, cuts) for line in region], table.start, h)
    return BorderlessTable(table.start, table.end, rows, spans, kept)


def _word_space(lines: list[TextLine], h: float) -> float:
    """The page's word space: the median of the gaps narrower than SPACE_MAX (on a page of
    number columns most gaps are the columns' own)."""
    gaps = [
        b.x0 - a.x1
        for line in lines
        for a, b in pairwise(line.words)
        if 0 < b.x0 - a.x1 < SPACE_MAX * h
    ]
    return statistics.median(gaps) if gaps else GUTTER_MIN * h


def _is_seed(line: TextLine, gap: float) -> bool:
    ws = line.words
    return sum(b.x0 - a.x1 >= gap for a, b in pairwise(ws)) >= MIN_COLUMNS - 1


def _free(line: TextLine) -> list[Interval]:
    """The x strips no word of the line covers, unbounded at both ends."""
    out: list[Interval] = []
    edge = float("-inf")
    for w in sorted(line.words, key=lambda w: w.x0):
        if w.x0 > edge:
            out.append((edge, w.x0))
        edge = max(edge, w.x1)
    out.append((edge, float("inf")))
    return out


def _intersect(a: list[Interval], b: list[Interval], min_width: float) -> list[Interval]:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi - lo >= min_width:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _supports(line: TextLine, g: Interval) -> bool:
    """Whether the line has words on both sides of the strip (none crosses it, by
    construction)."""
    return line.x0 < g[0] and line.x1 > g[1]


def _grow(lines: list[TextLine], start: int, h: float, min_gutter: float) -> BorderlessTable | None:
    region = [lines[start]]
    gutters = _free(lines[start])
    # lines with words on both sides of each gutter, kept as the gutters narrow: a strip
    # inside a gutter has the same lines on both sides (none has a word within the gutter)
    support = [int(_supports(lines[start], g)) for g in gutters]
    end = start + 1
    while end < len(lines):
        line, prev = lines[end], lines[end - 1]
        if line.page != prev.page or line.top - prev.bottom > MAX_LINE_GAP * h:
            break
        kept = _intersect(gutters, _free(line), min_gutter)
        parent = [bisect.bisect_right(gutters, (k[0], float("inf"))) - 1 for k in kept]
        kept_from = set(parent)
        if any(n >= MIN_SUPPORT and g not in kept_from for g, n in enumerate(support)):
            break  # the line crosses a column the table has kept so far
        counts = [support[g] + _supports(line, k) for g, k in zip(parent, kept, strict=True)]
        if sum(n >= 1 for n in counts) < MIN_COLUMNS - 1:
            break
        region.append(line)
        gutters, support = kept, counts
        end += 1
    # every strip no line of the table crosses is a column edge, even one only its header
    # shows (the columns a plan leaves empty: `Ghi chú`, the results still to come)
    edges = [g for g, n in zip(gutters, support, strict=True) if n >= 1]
    cuts = [(g[0] + g[1]) / 2 for g in edges]
    if len(cuts) < MIN_COLUMNS - 1:
        return None
    cells = [_split(line, cuts) for line in region]
    if sum(sum(bool(c) for c in row) >= MIN_COLUMNS for row in cells) < MIN_FULL_LINES:
        return None
    rows, spans = _rows(region, cells, start, h)
    return BorderlessTable(start, end, rows, spans, edges)


def _split(line: TextLine, cuts: list[float]) -> list[list[WordBox]]:
    """The line's words in the columns between the cuts (by each word's centre)."""
    cols: list[list[WordBox]] = [[] for _ in range(len(cuts) + 1)]
    for w in line.words:
        cols[sum(w.cx > c for c in cuts)].append(w)
    return cols


def _row_break_pitch(region: list[TextLine], h: float) -> float | None:
    """The line pitch (centre to centre: box gaps vary with accents and descenders) above
    which a line starts a row, when the pitches come in two sizes: the first clear jump
    up from the narrowest, if those are as narrow as a cell's wrapped lines (with none,
    every pitch is a row's and a jump is only an outlier)."""
    pitches = sorted(_cy(b) - _cy(a) for a, b in pairwise(region) if b.page == a.page)
    for lo, hi in pairwise(pitches):
        if lo > WRAP_PITCH_MAX * h:
            return None
        if hi - lo >= ROW_PITCH_MIN * h and hi >= ROW_PITCH_RATIO * max(lo, 0.0):
            return (lo + hi) / 2
    return None


def _cy(line: TextLine) -> float:
    return statistics.fmean(w.cy for w in line.words)


def _rows(
    region: list[TextLine], cells: list[list[list[WordBox]]], offset: int, h: float
) -> tuple[list[list[Cell]], list[tuple[int, int]]]:
    """Lines → rows of cells: a row's lines joined per column, bold where all its words are."""
    split = _row_break_pitch(region, h)
    rows: list[list[list[WordBox]]] = []
    spans: list[tuple[int, int]] = []
    for k, cols in enumerate(cells):
        if split is not None:
            starts = k == 0 or _cy(region[k]) - _cy(region[k - 1]) > split
        else:
            starts = k == 0 or not _goes_on(rows[-1], cols)
        if starts:
            rows.append([list(ws) for ws in cols])
            spans.append((offset + k, offset + k))
            continue
        for c, ws in enumerate(cols):
            rows[-1][c].extend(ws)
        spans[-1] = (spans[-1][0], offset + k)
    out = [[_cell(ws) for ws in row] for row in rows]
    return out, spans


def _goes_on(row: list[list[WordBox]], cols: list[list[WordBox]]) -> bool:
    """Whether a line continues the row when pitch cannot tell: a wrapped line goes on in
    cells the row has started, and its first words go on a sentence (no capital: `ngân
    sách trên địa bàn`, not the next item `Sản lượng` whose dash OCR lost)."""
    if cols[0] or any(ws and not row[c] for c, ws in enumerate(cols)):
        return False
    first = next(ws for ws in cols if ws)[0].text
    return not first[:1].isupper()


def _cell(words: list[WordBox]) -> Cell:
    letters = [w for w in words if any(ch.isalpha() for ch in w.text)] or words
    return Cell(
        " ".join(w.text for w in words), bold=bool(letters) and all(w.bold for w in letters)
    )
