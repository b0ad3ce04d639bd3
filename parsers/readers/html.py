"""Web page reader (`.html`, `.htm`, saved pages; lxml) → `Document`.

The page is decoded as it declares (`<meta charset>`, `http-equiv` content type; UTF-8,
Windows-1258 …) and, when it declares nothing usable, by `normalizers.encoding` (which
also knows TCVN3 and VNI pages). libxml2's HTML parser repairs broken markup the way
browsers do (unclosed cells, stray end tags). Boilerplate is dropped by tag and by
class/id words (`parsers/data/html_boilerplate.yaml`); when the page marks its main
content (`<main>`, `<article>`) and that holds most of the text, only it is read.

Block elements (`p`, `div`, `li`, headings, `br` …) end a line; `h1`–`h6` give heading
levels; list items get the marker a browser shows (`- `, `1. `) unless their text has
one. Real `<table>`s keep their grid: a cell with `colspan`/`rowspan` appears once with
its spans and the positions it covers are empty cells with `col_span=0` / `row_span=0`,
as in the Word reader. A layout table (one column, or cells holding tables) is read as
flowing text. Line numbers count the rendered lines and table rows from 1; no pages.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex as re

from parsers.data import load
from parsers.model import Cell, Document, Line, ReadError, Row, Table
from parsers.patterns import LIST_MARKER, SECTION_LABEL
from parsers.readers.flattened import stated_unit
from parsers.readers.layout import join_tables
from parsers.readers.text import is_site_chrome, split_inline_numbering

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_TAGS = re.compile(rb"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>|&\w+;", re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre address center section "
    "article main header footer figure figcaption caption hr table tr td th body html".split()
)
HEADINGS = {f"h{i}": i for i in range(1, 7)}
BOLD_TAGS = frozenset({"b", "strong"})
ITALIC_TAGS = frozenset({"i", "em"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
MAX_SPAN = 1000  # rows: no real table spans more; a hostile rowspan="99999999" would cost
MAX_COL_SPAN = 100  # columns: a real table has a few dozen at most
MAX_TABLE_CELLS = 500_000  # grid positions of one table, covered ones included
MAIN_CONTENT_SHARE = 0.5
SNIFF_BYTES = 4096


def read(path: Path) -> Document:
    path = Path(path)
    text = decode(path.read_bytes(), path)
    root = parse(text, path)
    try:
        blocks = _Renderer().render(main_content(prune(root)))
    except ReadError as exc:
        raise ReadError(exc.error_type, f"{path}: {exc.message}", exc.stage) from exc
    return Document(source_path=str(path), format="html", blocks=blocks)


# ---------------------------------------------------------------------------- decoding
def declared_charset(data: bytes) -> str | None:
    """The codec the page declares in its first bytes, when Python knows it."""
    m = _META_CHARSET.search(data[:SNIFF_BYTES])
    if m is None:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", errors="ignore")).name
    except LookupError:
        return None


def decode(data: bytes, path: Path) -> str:
    """Bytes → NFC text: a BOM, else the declared charset, else the decoder's best guess.

    A declared Latin-1 is not trusted: pages typed in the TCVN3 and VNI fonts declare it
    and hold legacy glyphs, which `normalizers.encoding` recognises.
    """
    from normalizers.encoding import decode_as, decode_text

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, str(path))[0]  # the byte order mark decides
    declared = declared_charset(data)
    if declared is not None and declared not in ("latin-1", "iso8859-1", "cp1252", "ascii"):
        try:
            return unicodedata.normalize("NFC", data.decode(declared))
        except UnicodeDecodeError:
            pass  # a wrong declaration: guess as for an undeclared page
    # the words decide, not the markup around them (ASCII in every candidate encoding)
    words = _TAGS.sub(b" ", data)
    _, name = decode_text(words if words.strip() else data, str(path))
    return decode_as(data, name)


def parse(text: str, path: Path):  # noqa: ANN201 - an lxml element
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)  # lxml refuses a str with an encoding declaration
    text = _CONTROL.sub("", text)  # and control characters (a damaged or binary page)
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError("not_html", f"{path}: the page holds no readable markup ({exc}).") from exc


# ---------------------------------------------------------------------------- boilerplate
@cache
def _boilerplate() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    data = load("html_boilerplate")
    return (
        frozenset(data["tags"]),
        frozenset(data["page_tags"]),
        frozenset(w.lower() for w in data["class_words"]),
        tuple(data["main_xpaths"]),
    )


_WORD_SPLIT = re.compile(r"[\s_\-]+|(?<=\p{Ll})(?=\p{Lu})")


def _class_words(el) -> set[str]:  # noqa: ANN001
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return {w.lower() for w in _WORD_SPLIT.split(names) if w}


def prune(root):  # noqa: ANN001, ANN201
    """Drop scripts, menus, banners, footers and the like (in place); comments too."""
    tags, page_tags, words, _ = _boilerplate()
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        tag = el.tag.lower()
        if tag in tags or tag == "head":
            doomed.append(el)
        elif tag in page_tags and not _inside_content(el):
            doomed.append(el)
        elif tag not in ("html", "body") and _class_words(el) & words:
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the text after the element (its tail), which belongs to the parent
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
    return root


def _inside_content(el) -> bool:  # noqa: ANN001
    return any(a.tag in ("main", "article") for a in el.iterancestors())


def main_content(root):  # noqa: ANN001, ANN201
    """The element the page marks as its main content, when it holds most of the text."""
    *_, xpaths = _boilerplate()
    total = len(_text_of(root))
    for xpath in xpaths:
        found = root.xpath(xpath)
        if len(found) == 1 and total and len(_text_of(found[0])) >= MAIN_CONTENT_SHARE * total:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _text_of(el) -> str:  # noqa: ANN001
    return "".join(el.itertext()).strip()


# ---------------------------------------------------------------------------- rendering
@dataclass
class _LineBuf:
    parts: list[tuple[str, bool, bool]] = field(default_factory=list)  # (text, bold, italic)
    heading: int | None = None
    marker: str = ""

    def text(self) -> str:
        return " ".join("".join(p for p, _, _ in self.parts).split())


class _Renderer:
    def __init__(self) -> None:
        self.blocks: list[Line | Table] = []
        self.line_no = 0
        self.buf = _LineBuf()
        self.since_table = False  # nothing but blank lines since the last table

    def render(self, root) -> list[Line | Table]:  # noqa: ANN001
        self.walk(root, bold=False, italic=False, heading=None, top=True)
        self.flush()
        return self.blocks

    # -- flow
    def walk(self, el, *, bold: bool, italic: bool, heading: int | None, top: bool = False) -> None:  # noqa: ANN001, E501
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "table" and not is_layout_table(el):
            self.flush()
            self.table(el)
        else:
            if tag in BLOCK_TAGS or tag == "br":
                self.flush()
            bold = bold or tag in BOLD_TAGS or bool(_BOLD_STYLE.search(el.get("style") or ""))
            italic = italic or tag in ITALIC_TAGS
            heading = HEADINGS.get(tag, heading)
            if tag == "li":
                self.buf.marker = _list_marker(el)
            if tag in HEADINGS:
                self.buf.heading = heading
            if el.text:
                self.buf.parts.append((el.text, bold, italic))
            for child in el:
                self.walk(child, bold=bold, italic=italic, heading=heading)
            if tag in BLOCK_TAGS:
                self.flush()
        if el.tail and not top:  # the text after the element belongs to its parent
            self.buf.parts.append((el.tail, *_inherited(el.getparent())))

    def flush(self) -> None:
        buf, self.buf = self.buf, _LineBuf()
        text = buf.text()
        if not text or is_site_chrome(text):
            return
        if buf.marker and not (LIST_MARKER.match(text) or SECTION_LABEL.match(text)):
            text = buf.marker + text
        shown = [(t, b, i) for t, b, i in buf.parts if t.strip()]
        bold = bool(shown) and all(b for _, b, _ in shown)
        italic = bool(shown) and all(i for _, _, i in shown)
        self.line_no += 1
        for piece in split_inline_numbering(unicodedata.normalize("NFC", text)):
            self.blocks.append(
                Line(piece, self.line_no, self.line_no, None, bold, italic, buf.heading)
            )
        self.since_table = False

    # -- tables
    def table(self, el) -> None:  # noqa: ANN001
        rows: list[Row] = []
        # grid column → (origin cell, rows it still covers, its width)
        pending: dict[int, tuple[Cell, int, int]] = {}
        n_cells = 0
        for tr in table_rows(el):
            self.line_no += 1
            cells: list[Cell] = []
            col = 0
            tds = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            k = 0
            while k < len(tds) or col in pending:
                if col in pending:
                    origin, left, width = pending[col]
                    cells.append(Cell("", col_span=1, row_span=0))
                    cells.extend(Cell("", col_span=0, row_span=0) for _ in range(width - 1))
                    if left <= 1:
                        del pending[col]
                    else:
                        pending[col] = (origin, left - 1, width)
                    col += width
                    continue
                td = tds[k]
                k += 1
                col_span = min(_span(td.get("colspan")), MAX_COL_SPAN)
                row_span = _span(td.get("rowspan"))
                text, bold, italic = cell_text(td)
                cell = Cell(text, bold, italic, col_span=col_span, row_span=row_span)
                cells.append(cell)
                cells.extend(Cell("", col_span=0) for _ in range(col_span - 1))
                if row_span > 1:
                    pending[col] = (cell, row_span - 1, col_span)
                col += col_span
            rows.append(Row(cells, self.line_no, self.line_no))
            n_cells += len(cells)
            if n_cells > MAX_TABLE_CELLS:
                raise ReadError(
                    "too_large", f"a table of more than {MAX_TABLE_CELLS} cells (spans included)."
                )
        _clamp_row_spans(rows)
        width = max((len(r.cells) for r in rows), default=0)
        for r in rows:
            r.cells.extend(Cell("") for _ in range(width - len(r.cells)))
        kept = [r for i, r in enumerate(rows) if i == 0 or any(c.text for c in r.cells)]
        if not kept or not any(c.text for r in kept for c in r.cells):
            return
        table = Table(rows=kept)
        prev = self.blocks[-1] if self.blocks else None
        if isinstance(prev, Table) and join_tables(prev, table, adjacent=self.since_table):
            return
        lines = [b.text for b in self.blocks if isinstance(b, Line)]
        table.unit = stated_unit(lines, len(lines))
        self.blocks.append(table)
        self.since_table = True


def _inherited(el) -> tuple[bool, bool]:  # noqa: ANN001
    """Bold and italic of the text directly inside `el` (for a child's tail)."""
    bold = italic = False
    while el is not None and isinstance(el.tag, str):
        tag = el.tag.lower()
        bold = bold or tag in BOLD_TAGS or bool(_BOLD_STYLE.search(el.get("style") or ""))
        italic = italic or tag in ITALIC_TAGS
        el = el.getparent()
    return bold, italic


def _list_marker(li) -> str:  # noqa: ANN001
    parent = li.getparent()
    if parent is None or parent.tag.lower() != "ol":
        return "- "
    items = [c for c in parent if isinstance(c.tag, str) and c.tag.lower() == "li"]
    start = _span(parent.get("start"))
    return f"{start + items.index(li)}. "


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), MAX_SPAN))
    except (TypeError, ValueError):
        return 1


def _clamp_row_spans(rows: list[Row]) -> None:
    """A rowspan reaching past the table's last row ends at it (as browsers do)."""
    for i, row in enumerate(rows):
        for cell in row.cells:
            if cell.row_span > 1:
                cell.row_span = min(cell.row_span, len(rows) - i)


def table_rows(table) -> list:  # noqa: ANN001
    """The table's own rows (not those of a table nested in a cell), head to foot."""
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def is_layout_table(table) -> bool:  # noqa: ANN001
    """A table used to lay the page out, not to hold data: every row has one cell, or a
    cell holds another table."""
    rows = table_rows(table)
    if not rows:
        return True
    if table.xpath(".//td//table | .//th//table"):
        return True
    return all(len([c for c in r if isinstance(c.tag, str)]) <= 1 for r in rows)


def cell_text(td) -> tuple[str, bool, bool]:  # noqa: ANN001
    """The cell's text on one line (its paragraphs and line breaks joined by spaces)."""
    parts: list[tuple[str, bool, bool]] = []

    def visit(el, bold: bool, italic: bool) -> None:  # noqa: ANN001
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        bold = bold or tag in BOLD_TAGS or bool(_BOLD_STYLE.search(el.get("style") or ""))
        italic = italic or tag in ITALIC_TAGS
        if tag in BLOCK_TAGS or tag == "br":
            parts.append((" ", bold, italic))
        if el.text:
            parts.append((el.text, bold, italic))
        for child in el:
            visit(child, bold, italic)
            if child.tail:
                parts.append((child.tail, bold, italic))
        if tag in BLOCK_TAGS:
            parts.append((" ", bold, italic))

    visit(td, False, False)
    text = unicodedata.normalize("NFC", " ".join("".join(p for p, _, _ in parts).split()))
    shown = [(b, i) for t, b, i in parts if t.strip()]
    return text, bool(shown) and all(b for b, _ in shown), bool(shown) and all(i for _, i in shown)
