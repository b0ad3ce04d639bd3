"""Layout recovery: tables that reach the text reader flattened, one cell after another.

Two shapes are recovered into model `Table`s:

- *Piped cells* (legal-site Markdown exports): a line holding only `|` opens every cell,
  the cell's text follows on the next line(s), and a row ends where its closing `|`
  meets the next row's opening `|`. Two `|` lines in a row are therefore either an
  empty cell or a row break: the table's width (the row length that most rows share)
  tells them apart.
- *Stacked cells* (web pages copied to text): a run of column titles (`STT`, `Chỉ tiêu`,
  `ĐVT`, `KH năm 2024` …) gives the column count, then each cell comes on its own line
  (or its own blank-separated paragraph) and a row starts at a row label (`1`, `I`, `-`).
  Blank cells come as a whitespace-only line, as a `-`, or not at all.

Rows shorter than the table (blank cells dropped, merged cells) are aligned to the
columns by plausibility: each column's header and the cells it holds in the full rows
say what kind of text it takes (numbers, units, notes …), and a present cell goes to
the column most likely to hold it, in order, rather than simply to the left.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex as re

from normalizers import lexicon
from normalizers.units import parse_unit_text
from parsers.model import Cell, Row, Table

KINDS = (
    "empty",
    "dash",
    "smallnum",
    "label",
    "number",
    "unit",
    "paren",
    "verdict",
    "word",
    "text",
)
# What each kind of column holds (probabilities; a kind not listed gets FLOOR).
PRIORS: dict[str, dict[str, float]] = {
    "label": {"smallnum": 0.5, "label": 0.3, "dash": 0.1, "empty": 0.05},
    "name": {"text": 0.6, "word": 0.3, "unit": 0.04},
    "unit": {"unit": 0.5, "word": 0.2, "dash": 0.15, "paren": 0.05, "empty": 0.05},
    "value": {
        "number": 0.4,
        "smallnum": 0.15,
        "dash": 0.2,
        "word": 0.1,
        "text": 0.05,
        "paren": 0.03,
        "unit": 0.02,
        "verdict": 0.1,
        "empty": 0.05,
    },
    "note": {
        "text": 0.25,
        "word": 0.25,
        "paren": 0.2,
        "dash": 0.1,
        "number": 0.05,
        "smallnum": 0.03,
        "verdict": 0.05,
        "empty": 0.1,
    },
}
FLOOR = 0.01
# How likely a column's cell is missing from a row altogether (dropped blank cell).
DROP = {"label": 0.03, "name": 0.02, "unit": 0.25, "value": 0.3, "note": 0.5}
PRIOR_WEIGHT = 3.0  # pseudo-rows of the prior mixed into a column's observed profile
ROW_COST = 2.0  # each extra row must pay for itself (fewer, fuller rows are likelier)
LEFTOVER_COST = 3.0  # a cell left outside the table after its last row
MAX_WIDTH = 20
HEADER_RUN = 4  # cells looked at to tell a header run (most of them titles)
HEADER_CELL_CHARS = 40  # a column title is short
TITLE_BOX_CHARS = 80  # a title box before the table is long

_NUMBERISH = re.compile(r"^[\d\s.,%‰<>≤≥=~+\-–—()/:x×]*\d[\d\s.,%‰<>≤≥=~+\-–—()/:x×]*$")
_SMALLNUM = re.compile(r"^\d{1,2}(?:[.,]\d{1,2}){0,3}\.?$")
_STARS = re.compile(r"\*+")


@cache
def _data() -> dict:
    return lexicon.load("table_layout")


@cache
def _rx(key: str) -> re.Pattern:
    return re.compile(_data()[key], re.IGNORECASE)


def plain(text: str) -> str:
    """Cell text without `**`/`*` markup, spaces collapsed."""
    return " ".join(_STARS.sub(" ", text).split())


def kind_of(text: str) -> str:
    t = plain(text)
    if not t:
        return "empty"
    if t in _data()["blank_cells"]:
        return "dash"
    if _SMALLNUM.match(t):
        return "smallnum"
    if _rx("row_label").match(t):
        return "label"
    if _NUMBERISH.match(t):
        return "number"
    if t.startswith("(") and t.endswith(")"):
        return "paren"
    if t.lower().rstrip(" .;,") in _verdicts():
        return "verdict"  # `Hoàn thành`, `Đạt`: a result, never a unit
    if len(t) <= 25 and not any(ch.isdigit() for ch in t) and parse_unit_text(t) is not None:
        return "unit"
    return "word" if len(t.split()) <= 3 else "text"


@cache
def _verdicts() -> frozenset[str]:
    """Whole-cell yes/no results (`Đạt`, `Hoàn thành`, `Không đạt`) of booleans.yaml."""
    data = lexicon.load("booleans")
    return frozenset(w.lower() for w in (*data["true_words"], *data["false_words"]))


def is_header_cell(text: str) -> bool:
    return lexicon.alternation(tuple(_data()["header_words"])).search(plain(text)) is not None


def is_title_cell(text: str) -> bool:
    """A column title, the row-number column's `STT` included."""
    return is_header_cell(text) or _rx("label_header").match(plain(text)) is not None


def column_kinds(headers: list[str]) -> list[str]:
    """Each column's kind from its title (label, name, unit, note or value)."""
    kinds: list[str] = []
    for j, h in enumerate(headers):
        low = plain(h).lower()
        if j == 0 and (not low or _rx("label_header").match(low)):
            kinds.append("label")
        elif re.search(r"đơn vị tính|^đvt|^đơn vị$|đơn vị đo", low):
            kinds.append("unit")
        elif "ghi chú" in low:
            kinds.append("note")
        elif (
            "name" not in kinds
            and (j <= 1 or re.search(r"chỉ tiêu|nội dung|tiêu chí|danh mục", low))
            and not re.search(r"(?:19|20)\d{2}", low)
        ):
            kinds.append("name")
        else:
            kinds.append("value")
    return kinds


@dataclass
class Piece:
    """One cell as read: its raw text (markup kept) and its 0-based line span."""

    text: str
    start: int
    end: int
    bare: bool = False  # no line at all between two `|`: a row break or an empty cell

    @property
    def empty(self) -> bool:
        return not plain(self.text)

    @property
    def kind(self) -> str:
        return kind_of(self.text)


@dataclass
class Region:
    """Lines `start`..`end` (0-based, inclusive) of the text hold `table`."""

    start: int
    end: int
    table: Table


class Profiles:
    """Per column: how likely each kind of cell is, and how likely the cell is missing."""

    def __init__(self, kinds: list[str], full_rows: list[list[Piece]] | None = None) -> None:
        self.kinds = kinds
        counts = [Counter() for _ in kinds]
        n = 0
        for row in full_rows or []:
            n += 1
            for j, piece in enumerate(row):
                counts[j][piece.kind] += 1
        self.emit: list[dict[str, float]] = []
        for j, k in enumerate(kinds):
            prior = PRIORS[k]
            probs = {
                kd: (counts[j][kd] + PRIOR_WEIGHT * prior.get(kd, FLOOR)) / (n + PRIOR_WEIGHT)
                for kd in KINDS
            }
            self.emit.append({kd: -math.log(max(p, FLOOR / 10)) for kd, p in probs.items()})
        self.drop = [-math.log(DROP[k]) for k in kinds]

    def align(self, row: list[Piece]) -> tuple[float, list[int]]:
        """Cost and column of each piece of a row no longer than the table (in order)."""
        w, n = len(self.kinds), len(row)
        if n > w:
            return math.inf, []
        inf = math.inf
        # best[i][j]: first i pieces placed in the first j columns
        best = [[inf] * (w + 1) for _ in range(n + 1)]
        back: list[list[bool]] = [[False] * (w + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        for j in range(1, w + 1):
            best[0][j] = best[0][j - 1] + self.drop[j - 1]
        for i in range(1, n + 1):
            kd = row[i - 1].kind
            for j in range(i, w + 1):
                skip = best[i][j - 1] + self.drop[j - 1] if j > i else inf
                place = best[i - 1][j - 1] + self.emit[j - 1][kd]
                if place <= skip:
                    best[i][j], back[i][j] = place, True
                else:
                    best[i][j] = skip
        cols: list[int] = []
        i, j = n, w
        while i > 0:
            if back[i][j]:
                cols.append(j - 1)
                i -= 1
            j -= 1
        return best[n][w], cols[::-1]


def _cells(pieces: list[Piece | None], width: int) -> list[Cell]:
    from parsers.readers.text import clean_cell  # the reader's own cell cleaning

    out = [clean_cell(p.text) if p is not None else Cell(text="") for p in pieces]
    return out + [Cell(text="") for _ in range(width - len(out))]


def _row(pieces: list[Piece], cells: list[Cell]) -> Row:
    return Row(cells=cells, line_start=pieces[0].start + 1, line_end=pieces[-1].end + 1)


def _placed(row: list[Piece], cols: list[int], width: int) -> list[Piece | None]:
    slots: list[Piece | None] = [None] * width
    for piece, j in zip(row, cols, strict=True):
        slots[j] = piece
    return slots


def stated_unit(lines: list[str], first: int, reach: int = 3) -> str | None:
    """`Đơn vị tính: Triệu đồng` on one of the few lines just above line `first`."""
    seen = 0
    below: list[str] = []  # the non-blank lines between line k and the table
    k = first - 1
    while k >= 0 and seen < reach:
        text = plain(lines[k]).strip("|").strip()
        k -= 1
        if not text:
            continue
        seen += 1
        # `*Đơn vị tính: Triệu` + `đồng*`: a unit line wrapped by the export is read whole
        # first; alone, `Triệu` would be a scale word, not the unit.
        for candidate in (" ".join([text, *below]), text):
            m = _rx("unit_line").match(candidate)
            if m and parse_unit_text(m.group("unit")) is not None:
                return m.group("unit").strip()
        below.insert(0, text)
    return None


# ---------------------------------------------------------------------------------------
# Piped cells (Markdown exports of legal sites)


def is_lone_pipe(line: str) -> bool:
    return line.strip() == "|"


def find_piped_tables(lines: list[str]) -> list[Region]:
    """Every run of `|`-opened cells that reads as a table of two or more columns."""
    regions: list[Region] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_lone_pipe(lines[i]):
            i += 1
            continue
        j, last = i, i
        while j < n and lines[j].strip() and (is_lone_pipe(lines[j]) or "|" not in lines[j]):
            if is_lone_pipe(lines[j]):
                last = j
            j += 1
        for chunk in split_at_headers(_piped_pieces(lines, i, last)):
            table = piped_to_table(chunk)
            if table is not None:
                regions.append(Region(chunk[0].start, chunk[-1].end, table))
        i = last + 1
    return regions


def _piped_pieces(lines: list[str], first: int, last: int) -> list[Piece]:
    pieces: list[Piece] = []
    k = first
    while k < last:
        m = k + 1
        while m < last and not is_lone_pipe(lines[m]):
            m += 1
        body = [x.strip() for x in lines[k + 1 : m]]
        pieces.append(Piece(" ".join(body), k, m, bare=m == k + 1))
        k = m
    return pieces


def split_at_headers(pieces: list[Piece]) -> list[list[Piece]]:
    """Tables written back to back (a title box, then the table) share one run of `|`
    lines: a new table starts at an `STT`/`TT` cell followed by a short title."""
    cuts = [0] + [
        k
        for k in range(1, len(pieces) - 1)
        if (
            _rx("label_header").match(plain(pieces[k].text))
            and pieces[k + 1].kind in {"word", "text"}
            and len(plain(pieces[k + 1].text)) <= 80
        )
        or starts_header_run(pieces, k)
    ]
    chunks = []
    for a, b in zip(cuts, cuts[1:] + [len(pieces)], strict=True):
        chunk = pieces[a:b]
        while chunk and chunk[-1].bare:
            chunk.pop()
        if chunk:
            chunks.append(chunk)
    return chunks


def starts_header_run(pieces: list[Piece], k: int) -> bool:
    """A table without an `STT` column whose header follows a title box in the same run
    of `|` lines (`PHỤ LỤC … Đơn vị tính: Triệu đồng` | `Chỉ tiêu` | `Mã số` | `Năm 2024`
    …): a long box cell, then short cells, most of them column titles."""
    run = pieces[k : k + HEADER_RUN]
    prev = plain(pieces[k - 1].text)
    return (
        len(run) == HEADER_RUN
        and len(prev) > TITLE_BOX_CHARS  # (it may name `chỉ tiêu` too: it is no title)
        and is_header_cell(pieces[k].text)
        and all(0 < len(plain(p.text)) <= HEADER_CELL_CHARS for p in run)
        and sum(is_header_cell(p.text) for p in run) >= HEADER_RUN - 1
    )


def table_width(pieces: list[Piece]) -> int:
    """The row length most cells sit in: rows of `w` cells each followed by a break."""
    covers: dict[int, int] = {}
    n = len(pieces)
    for w in range(2, min(MAX_WIDTH, n) + 1):
        cover = i = 0
        while i < n:
            if i + w <= n and (i + w == n or pieces[i + w].bare):
                filled = sum(not p.empty for p in pieces[i : i + w])
                if filled:
                    cover += filled
                    i += w + 1
                    continue
            k = i
            while k < n and not pieces[k].bare:
                k += 1
            i = k + 1
        covers[w] = cover
    if not covers:
        return 0
    # Two rows and their break also make a "row" of 2w + 1 cells: take the narrowest
    # width that explains nearly as many cells as the best one.
    top = max(covers.values())
    return min(w for w, c in covers.items() if c >= 0.9 * top) if top else 0


def split_piped_rows(pieces: list[Piece], width: int) -> list[list[Piece]]:
    """Cut the cells into rows: each row ends at a bare piece (the row break) or the end;
    full rows cost nothing, short rows one, and a row longer than the table (a cell the
    export split) is allowed at a high cost so that the rest still reads."""
    n = len(pieces)
    cost = [math.inf] * (n + 2)
    back = [(0, 0)] * (n + 2)  # next row start → (row start, row end)
    cost[0] = 0.0
    for i in range(n + 1):
        if cost[i] == math.inf or i == n:
            continue
        for size in range(0, 2 * width + 1):
            j = i + size
            if j > n:
                break
            nxt = n if j == n else (j + 1 if pieces[j].bare else None)
            if nxt is None:
                continue
            step = 0.0 if size == width else (0.5 if size == 0 else 1.0)
            if size > width:
                step = 3.0 + size - width
            if cost[i] + step < cost[nxt]:
                cost[nxt], back[nxt] = cost[i] + step, (i, j)
    rows: list[list[Piece]] = []
    end = n
    while end > 0:
        start, stop = back[end]
        row = pieces[start:stop]
        if any(not p.empty for p in row):
            rows.append(row)
        end = start
    return rows[::-1]


def piped_to_table(pieces: list[Piece]) -> Table | None:
    if sum(not p.empty for p in pieces) < 4:
        return None
    width = table_width(pieces)
    if width < 2:
        return None
    rows = split_piped_rows(pieces, width)
    labelled = sum(r[0].kind in {"smallnum", "label"} for r in rows)
    titled = sum(is_title_cell(p.text) for p in rows[0]) if rows else 0
    if len(rows) < 2 or (labelled < 2 and titled < 2):
        return None  # a layout box (title block, signature), not a table of rows
    first_data = next(
        (k for k, r in enumerate(rows) if r[0].kind in {"smallnum", "label"}), len(rows)
    )
    header = [plain(p.text) for p in rows[0][:width]] if first_data > 0 else []
    kinds = column_kinds(header + [""] * (width - len(header)))
    full = [r for r in rows[first_data:] if len(r) == width]
    profiles = Profiles(kinds, full)
    out: list[Row] = []
    for k, row in enumerate(rows):
        if len(row) >= width:
            out.append(_row(row, _cells(list(row), width)))
        elif k < first_data and not is_group_title(rows, k):
            out.append(_row(row, _header_cells(rows, k, width)))
        elif sum(not p.empty for p in row) == 1 and not row[0].empty:
            cells = _cells([row[0]], width)
            cells[0].col_span = 1  # a title across the row: kept in its first cell
            out.append(_row(row, cells))
        else:
            _, cols = profiles.align(row)
            out.append(_row(row, _cells(_placed(row, cols, width), width)))
    return Table(rows=out)


def is_group_title(rows: list[list[Piece]], k: int) -> bool:
    """A lone cell under the header, before the first numbered row, that is no column
    title (`Thủ tục hành chính cấp trung ương`): a group row, not a header level."""
    filled = [p for p in rows[k] if not p.empty]
    return k > 0 and len(filled) == 1 and not is_title_cell(filled[0].text)


def _header_cells(rows: list[list[Piece]], k: int, width: int) -> list[Cell]:
    """A header row shorter than the table: under a merged title (`GIAI ĐOẠN 2026-2030`
    over `Năm 2026 … Năm 2030`) the top row's last title spans the sub-titles, which sit
    at the right; any other short header row is read left to right."""
    row = rows[k]
    if k > 0 and len(rows[k - 1]) + len(row) - 1 == width:
        return _cells([None] * (width - len(row)) + list(row), width)
    return _cells(list(row), width)


# ---------------------------------------------------------------------------------------
# Stacked cells (web pages copied to text)


def find_stacked_tables(lines: list[str]) -> list[Region]:
    regions: list[Region] = []
    i, n = 0, len(lines)
    while i < n:
        if not _rx("label_header").match(plain(lines[i])):
            i += 1
            continue
        region = stacked_table_at(lines, i)
        if region is None:
            i += 1
            continue
        regions.append(region)
        i = region.end + 1
    return regions


def _stacked_pieces(lines: list[str], start: int) -> list[Piece]:
    """Cells from `start` on: blank-separated paragraphs when the titles are separated by
    blank lines, else one line each; a whitespace-only line is an empty cell."""
    blank_mode = start + 1 < len(lines) and lines[start + 1] == ""
    pieces: list[Piece] = []
    k = start
    while k < len(lines):
        line = lines[k]
        if line == "":
            k += 1
            continue
        if not line.strip() or not blank_mode:
            pieces.append(Piece(line.strip(), k, k))
            k += 1
            continue
        m = k
        while m + 1 < len(lines) and lines[m + 1].strip():
            m += 1
        pieces.append(Piece(" ".join(x.strip() for x in lines[k : m + 1]), k, m))
        k = m + 1
    return pieces


def stacked_table_at(lines: list[str], start: int) -> Region | None:
    pieces = _stacked_pieces(lines, start)
    limit = _data()["max_cell_chars"]
    width = 1
    while width < len(pieces) and width < MAX_WIDTH:
        p = pieces[width]
        t = plain(p.text)
        if p.empty or p.kind in {"smallnum", "label", "dash"} or len(t) > 80:
            break
        width += 1
    titles = [plain(p.text) for p in pieces[:width]]
    if width < 3 or sum(is_header_cell(t) for t in titles[1:]) < 2:
        return None
    extent = width
    while extent < len(pieces) and len(plain(pieces[extent].text)) <= limit:
        extent += 1
    body = pieces[width:extent]
    kinds = column_kinds(titles)
    rows = split_stacked_rows(body, Profiles(kinds))
    full = [r for r in rows if len(r) == width]
    rows = split_stacked_rows(body, Profiles(kinds, full))
    # One row is a table only when it fills every column (an excerpt cut after its first
    # row); a lone partial row after a few titles is more likely prose.
    if not rows or (len(rows) == 1 and len(rows[0]) < width):
        return None
    profiles = Profiles(kinds, [r for r in rows if len(r) == width])
    out = [_row(pieces[:width], _cells(pieces[:width], width))]
    for row in rows:
        _, cols = profiles.align(row)
        out.append(_row(row, _cells(_placed(row, cols, width), width)))
    return Region(start, rows[-1][-1].end, Table(rows=out))


def _starts_row(body: list[Piece], k: int) -> bool:
    if k + 1 >= len(body) or body[k].kind not in {"smallnum", "label", "dash"}:
        return False
    return body[k + 1].kind in {"text", "word", "unit"}


def _label_number(text: str) -> tuple[int, ...] | None:
    m = re.fullmatch(r"(\d{1,2}(?:[.,]\d{1,2}){0,3})\.?", plain(text))
    return tuple(int(x) for x in re.split(r"[.,]", m.group(1))) if m else None


def _transition(a: Piece, b: Piece) -> float:
    """How natural is row label `b` right after row label `a`: the next number, a first
    sub-number or a sub-row marker are; a number out of sequence is not."""
    na, nb = _label_number(a.text), _label_number(b.text)
    if nb is None:
        return 0.7 if b.kind == "dash" else 0.5
    if na is None:
        return 1.0
    if nb[:-1] == na[:-1] and nb[-1] == na[-1] + 1:
        return 0.0
    if nb[:-1] == na and nb[-1] == 1:
        return 0.0
    if len(nb) < len(na) and nb[-1] == na[len(nb) - 1] + 1:
        return 0.0
    return 5.0


def split_stacked_rows(body: list[Piece], profiles: Profiles) -> list[list[Piece]]:
    """Rows start at row labels; choose the starts that explain the cells best (every
    row aligned to the columns, labels in sequence, few cells left over at the end)."""
    width = len(profiles.kinds)
    n = len(body)
    if not n or not _starts_row(body, 0):
        return []
    starts = [k for k in range(n) if _starts_row(body, k)]
    is_start = set(starts)
    cost = {0: 0.0}
    back: dict[int, int] = {}
    best_end, best_total, best_last = None, math.inf, None
    for s in starts:
        if s not in cost:
            continue
        for e in range(s + 2, min(s + width, n) + 1):
            c, _ = profiles.align(body[s:e])
            if c == math.inf:
                continue
            total = cost[s] + c + ROW_COST
            if e < n and e in is_start:
                step = total + _transition(body[s], body[e])
                if step < cost.get(e, math.inf):
                    cost[e], back[e] = step, s
            final = total + LEFTOVER_COST * (n - e)
            if final < best_total:
                best_total, best_end, best_last = final, e, s
    if best_end is None:
        return []
    rows: list[list[Piece]] = []
    s, e = best_last, best_end
    while True:
        rows.append(body[s:e])
        if s == 0:
            break
        s, e = back[s], s
    return rows[::-1]
