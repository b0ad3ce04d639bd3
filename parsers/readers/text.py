"""Plain-text and Markdown reader (`.txt`, `.md`) → `Document`.

Plain-text exports of Word/PDF documents come in a handful of shapes, all handled here:
tab-separated table rows, Markdown pipe tables, Markdown headings and `**bold**`, inline
HTML `<b>`/`<i>`, header rows repeated at page breaks, a cell continued on the next page
as a lone fragment row, stray page numbers, and hard line wraps of PDF-extracted prose.
Line numbers are 1-based lines of the file itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex as re
from rapidfuzz import fuzz

from parsers.model import Cell, Document, Line, ReadError, Row, Table
from parsers.patterns import LIST_MARKER, SECTION_LABEL, is_shouting, is_subheader_row
from parsers.readers.flattened import (
    Region,
    find_piped_tables,
    find_stacked_tables,
    is_lone_pipe,
    stated_unit,
)
from parsers.readers.glyphs import repair_glyphs

# regex keeps a compile cache, but its lookup costs more than the match here.
_rx = cache(re.compile)

_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_BOLD_SPLIT = re.compile(r"\*\*\*\*|\*\*\s*\*\*")  # `**A****B**`: two bold runs run together
_TAG = re.compile(r"</?(?:b|i|u|strong|em|br|span|p)\b[^>]*>", re.IGNORECASE)
_STARS = re.compile(r"\*{2,3}|(?<![\w*])\*(?=\S[^*\n]*\*(?![\w*]))|(?<=\S)\*(?![\w*])")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TERMINAL = re.compile(r"[.:;!?…]\s*[”\")\]]*\s*$")
# A PDF-wrapped line is long; a short line without end punctuation is a heading or a
# list label and does not continue into the next paragraph.
WRAPPED_LINE_MIN_CHARS = 55
HEADER_REPEAT_SIMILARITY = 90


@dataclass
class _Piece:
    text: str
    line_no: int
    bold: bool
    italic: bool
    heading_level: int | None
    raw_len: int
    blank_before: bool


def read(path: Path) -> Document:
    data = Path(path).read_bytes()
    text, _encoding = decode(data, path)
    fmt = "md" if Path(path).suffix.lower() in {".md", ".markdown"} else "txt"
    return Document(source_path=str(path), format=fmt, blocks=text_to_blocks(text))


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Bytes → NFC text; legacy encodings go through `normalizers.encoding`."""
    try:
        from normalizers.encoding import decode_text
    except ImportError:  # pragma: no cover - the encoding module ships with the package
        decode_text = None
    if decode_text is not None:
        try:
            return decode_text(data)
        except ReadError as exc:
            raise ReadError(exc.error_type, f"{path}: {exc.message}", exc.stage) from exc
    if b"\x00" in data[:4096]:
        raise ReadError(
            "binary_content", f"{path}: the file holds binary data, not text.", "decode"
        )
    return unicodedata.normalize("NFC", data.decode("utf-8-sig", errors="replace")), "utf-8"


def text_to_blocks(text: str) -> list[Line | Table]:
    text = repair_glyphs(unicodedata.normalize("NFC", text))  # `ƣ` of legacy fonts → `ư`
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = raw_lines.split("\n")
    recovered = {r.start: r for r in recover_tables(lines)}
    blocks: list[Line | Table] = []
    pieces: list[_Piece] = []
    table_rows: list[tuple[Row, bool]] = []  # (row, came after a blank gap)
    blank = False
    bold_open = False
    skip_to = -1

    def flush_prose() -> None:
        blocks.extend(pieces_to_lines(pieces))
        pieces.clear()

    def flush_table() -> None:
        if table_rows:
            table = rows_to_table(table_rows)
            table.unit = stated_unit(lines, table.line_start - 1)
            blocks.append(table)
            table_rows.clear()

    for number, line in enumerate(lines, start=1):
        if number - 1 <= skip_to:
            continue
        region = recovered.get(number - 1)
        if region is not None:
            flush_table()
            flush_prose()
            region.table.unit = stated_unit(lines, region.start)
            blocks.append(region.table)
            skip_to = region.end
            blank = True
            continue
        if not line.strip() or is_lone_pipe(line) or is_site_chrome(line):
            blank = True  # a lone `|` of a layout box, a view counter: no text
            continue
        if "\t" in line or _is_pipe_row(line):
            if _PIPE_SEPARATOR.match(line):
                continue
            flush_prose()
            table_rows.append((split_row(line, number), blank and bool(table_rows)))
            blank = False
            continue
        if _PAGE_NUMBER.match(line):
            continue  # stray page number between wrapped lines: keep `blank` as it was
        flush_table()
        new_pieces, bold_open = split_markup(line, number, bold_open)
        for i, piece in enumerate(new_pieces):
            piece.blank_before = blank if i == 0 else True
            pieces.append(piece)
        blank = False
    flush_table()
    flush_prose()
    return blocks


@cache
def _chrome() -> tuple[int, re.Pattern]:
    from normalizers import lexicon

    data = lexicon.load("page_chrome")
    body = "|".join(f"(?:{p})" for p in data["patterns"])
    return data["max_chars"], re.compile(rf"^(?:{body})$", re.IGNORECASE)


def is_site_chrome(line: str) -> bool:
    """A web page's date stamp, view counter, breadcrumb or share bar (never content)."""
    limit, pattern = _chrome()
    text = strip_markup(line).strip()
    return len(text) <= limit and pattern.match(text) is not None


def recover_tables(lines: list[str]) -> list[Region]:
    """Tables flattened one cell per line (piped legal-site exports, stacked web-page
    cells), found before the line-by-line reading; overlapping finds keep the first."""
    found = sorted(find_piped_tables(lines) + find_stacked_tables(lines), key=lambda r: r.start)
    kept: list[Region] = []
    for region in found:
        if not kept or region.start > kept[-1].end:
            kept.append(region)
    return kept


def _is_pipe_row(line: str) -> bool:
    """`| a | b |`, and `a | b |` (a row whose empty leading cell the export dropped)."""
    stripped = line.strip()
    if stripped.count("|") < 2:
        return False
    return stripped.startswith("|") or (stripped.endswith("|") and not stripped.startswith("["))


def split_row(line: str, number: int) -> Row:
    stripped = line.strip("\n")
    if "\t" in stripped:
        parts = stripped.split("\t")
    else:
        parts = stripped.strip().strip("|").split("|")
    return Row(cells=[clean_cell(p) for p in parts], line_start=number, line_end=number)


def clean_cell(raw: str) -> Cell:
    text = raw.strip()
    if not _has_markup(text):  # most cells: no tag, no star
        return Cell(text=" ".join(text.split()))
    bold = _wrapped(text, ("<b>", "</b>")) or _wrapped(text, ("**", "**"))
    italic = _wrapped(text, ("<i>", "</i>")) or (
        bold and bool(_rx(r"<i>.*</i>", re.IGNORECASE).search(text))
    )
    return Cell(text=strip_markup(text), bold=bold, italic=italic)


def _wrapped(text: str, tags: tuple[str, str]) -> bool:
    low = text.lower()
    return low.startswith(tags[0]) and low.endswith(tags[1]) and len(text) > len(tags[0]) + 1


def _has_markup(text: str) -> bool:
    return "<" in text or "*" in text


def strip_markup(text: str) -> str:
    if not _has_markup(text):
        return " ".join(text.split())
    text = _TAG.sub("", text)
    text = _STARS.sub("", text)
    return " ".join(text.split())


# Characters that start Markdown/HTML markup: `#` heading, `*` bold/italic, `<b>`, `_x_`.
_MARKUP_CHARS = frozenset("#*<_")


def split_markup(line: str, number: int, bold_open: bool) -> tuple[list[_Piece], bool]:
    """One physical line → pieces (two bold runs glued by `****` become two pieces)."""
    if not _MARKUP_CHARS.intersection(line):  # plain text (most lines): no markup to read
        text = " ".join(line.split())
        pieces = [
            _Piece(chunk, number, bold_open, False, None, len(line.rstrip()), False)
            for chunk in split_inline_numbering(text)
        ]
        return pieces, bold_open  # inside an open `**` run the line is bold, the run stays open
    heading_level = None
    body = line.rstrip()
    m = _MD_HEADING.match(body.lstrip())
    if m:
        heading_level = len(m.group(1))
        body = body.lstrip()[m.end() :]
    pieces: list[_Piece] = []
    parts = _BOLD_SPLIT.split(body) if "**" in body else [body]
    for part in parts:
        stripped = part.strip()
        if len(parts) > 1:  # `**A****B**`: each piece is a whole bold run
            stripped = "**" + stripped.strip("*") + "**"
        if not stripped.strip("*"):
            continue
        odd = stripped.count("**") % 2 == 1
        if bold_open:
            bold = True
            bold_open = not odd
        else:
            wrapped = stripped.startswith(("**", "<b>", "<B>")) and stripped.endswith(
                ("**", "</b>", "</B>")
            )
            opens = stripped.startswith("**") and odd
            bold = (wrapped and stripped.count("**") <= 2) or opens
            bold_open = opens
        italic = stripped[:1] in "<_*" and bool(_rx(r"^(?:<i>|_|\*(?!\*)\S)").match(stripped))
        text = strip_markup(stripped)
        for chunk in split_inline_numbering(text):
            pieces.append(
                _Piece(chunk, number, bold, italic, heading_level, len(line.rstrip()), False)
            )
    return pieces, bold_open


_INLINE_ITEM = re.compile(r"(?:(?<=^)|(?<=[\s,;:.]))\((\d{1,2})\)\s")


def split_inline_numbering(text: str) -> list[str]:
    """`(1) A; (2) B; (3) C` run together on one line → one piece per item.

    Only a run of at least two markers numbered 1, 2, 3… in order is split, so a lone
    `(2)` quoted inside a sentence stays where it is.
    """
    if "(1)" not in text:  # a run starts at (1): most lines have none
        return [text]
    starts: list[int] = []
    expected = 1
    for m in _INLINE_ITEM.finditer(text):
        if int(m.group(1)) == expected:
            starts.append(m.start())
            expected += 1
    if len(starts) < 2:
        return [text]
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(text)]
    parts = [text[a:b].strip(" ,;") for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if p]


def pieces_to_lines(pieces: list[_Piece]) -> list[Line]:
    """Rejoin hard-wrapped prose into logical lines, keeping their line span."""
    out: list[Line] = []
    prev: _Piece | None = None
    for piece in pieces:
        if prev is not None and out and continues(prev, piece):
            last = out[-1]
            last.text = f"{last.text} {piece.text}".strip()
            last.line_end = piece.line_no
        else:
            out.append(
                Line(
                    text=piece.text,
                    line_start=piece.line_no,
                    line_end=piece.line_no,
                    bold=piece.bold,
                    italic=piece.italic,
                    heading_level=piece.heading_level,
                )
            )
        prev = piece
    for line in out:
        line.text = " ".join(line.text.split())
    return out


def continues(prev: _Piece, cur: _Piece) -> bool:
    """Does `cur` continue the paragraph `prev` ended? (hard-wrap and page-break repair)"""
    if cur.heading_level is not None or prev.heading_level is not None:
        return False
    if cur.bold != prev.bold or prev.line_no == cur.line_no:
        return False
    if starts_new_item(cur.text):
        return False
    if cur.text[:1].islower():
        return True
    if cur.blank_before and _rx(r"^[(\[]\p{Lu}").match(cur.text):
        return False  # "(Kèm theo ...)" under a title, an aside in its own paragraph
    if is_shouting(prev.text) != is_shouting(cur.text):
        return False  # an upper-case title line does not run into body text
    if _TERMINAL.search(prev.text):
        return False
    if SECTION_LABEL.match(prev.text) and len(prev.text) < 100:
        return False  # "b) Nhóm nhiệm vụ về …" is a heading, not the start of a paragraph
    return prev.raw_len >= WRAPPED_LINE_MIN_CHARS


def starts_new_item(text: str) -> bool:
    return bool(LIST_MARKER.match(text) or SECTION_LABEL.match(text))


def rows_to_table(rows: list[tuple[Row, bool]]) -> Table:
    """Join the rows of one table, undoing page-break artefacts.

    After a page break (a blank gap inside the table) the header rows are repeated:
    they are dropped; a following row holding one lone cell is the end of a cell split
    by the break and is merged back into the row it continues.
    """
    width = max(len(r.cells) for r, _ in rows)
    kept: list[Row] = []
    header: list[Row] = []
    in_repeated_header = False
    for row, after_gap in rows:
        _pad(row, width)
        if not kept:
            kept.append(row)
            header.append(row)
            continue
        if len(kept) == len(header) < 3 and _looks_like_header_row(row):
            kept.append(row)  # second level of a two-level header
            header.append(row)
            continue
        if after_gap and _same_row(row, header[0]):
            in_repeated_header = True
            continue
        if in_repeated_header and any(_same_row(row, h) for h in header[1:]):
            continue
        if (after_gap or in_repeated_header) and len(kept) > len(header) and is_fragment(row):
            merge_fragment(kept[-1], row)
            in_repeated_header = False
            continue
        in_repeated_header = False
        kept.append(row)
    return Table(rows=kept)


def _pad(row: Row, width: int) -> None:
    while len(row.cells) < width:
        row.cells.append(Cell(text=""))


def _row_key(row: Row) -> str:
    return " | ".join(c.text.lower() for c in row.cells)


def _same_row(a: Row, b: Row) -> bool:
    ka, kb = _row_key(a), _row_key(b)
    return bool(ka.strip(" |")) and fuzz.ratio(ka, kb) >= HEADER_REPEAT_SIMILARITY


def _looks_like_header_row(row: Row) -> bool:
    return is_subheader_row([c.text for c in row.cells])


def is_fragment(row: Row) -> bool:
    """A lone cell continued from the previous page: no label and one non-empty cell."""
    filled = [c for c in row.cells if c.text]
    return not row.cells[0].text and len(filled) == 1


def merge_fragment(target: Row, fragment: Row) -> None:
    for i, cell in enumerate(fragment.cells):
        if cell.text and i < len(target.cells):
            joined = f"{target.cells[i].text} {cell.text}".strip()
            target.cells[i].text = joined
    target.line_end = fragment.line_end
