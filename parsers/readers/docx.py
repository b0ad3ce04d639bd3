"""Word reader (`.docx`, python-docx) → `Document`.

The body XML is walked in order, so paragraphs and tables interleave as in the file.
Paragraph style gives heading levels; a paragraph is bold when all its non-space runs are
(direct formatting, character style or paragraph style). Word numbering (numbering.xml)
is rendered as the text prefix Word shows: ``(1) ``, ``1. ``, ``a) ``, ``- ``.
Tables are read from the grid (``w:gridSpan``, ``w:vMerge``) so a merged cell appears once
with its span and its covered positions are empty cells (see `parsers.readers.layout`);
nested tables are flattened into their cell; a table continued in the next Word table
(repeated header) is joined to it. Line numbers are the 1-based index of the body's
paragraphs and table rows in reading order; there are no pages.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from parsers.model import Cell, Document, Line, ReadError, Row, Table
from parsers.readers.layout import join_tables
from parsers.readers.text import split_inline_numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: Path) -> Document:
    path = Path(path)
    d = _open(path)
    try:
        blocks = _BodyReader(d).read()
    except (ValueError, AttributeError) as exc:
        # python-docx reads styles lazily: a damaged styles part (unknown style type, a
        # w:style element of the wrong kind) fails here, not in _open (found by fuzzing)
        raise ReadError("not_docx", f"{path}: damaged Word document ({exc}).") from exc
    return Document(source_path=str(path), format="docx", blocks=blocks)


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(str(path))
    except PackageNotFoundError as exc:
        reason = "it is not a zip package" if not zipfile.is_zipfile(path) else str(exc)
        raise ReadError("not_docx", f"{path}: not a Word document ({reason}).") from exc
    except KeyError as exc:
        raise ReadError(
            "not_docx", f"{path}: a zip file without word/document.xml is not a Word document."
        ) from exc
    except (
        zipfile.BadZipFile,
        ValueError,
        OSError,
        NotImplementedError,  # a zip member in a compression zipfile does not know
        zlib.error,
        etree.XMLSyntaxError,
    ) as exc:
        # a damaged zip member (bad header, bad deflate stream) or malformed XML in a part
        raise ReadError("not_docx", f"{path}: damaged Word document ({exc}).") from exc
    if getattr(document.element, "body", None) is None:  # the main part is not w:document
        raise ReadError("not_docx", f"{path}: damaged Word document (no document body).")
    return document


# ---------------------------------------------------------------------------- numbering
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter in a Word numFmt: decimal 3, lowerLetter c, upperRoman III..."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """numId/ilvl → label, one counter per abstract list and level."""

    def __init__(self, doc) -> None:  # noqa: ANN001
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for an in root.findall(f"{W}abstractNum"):
            lvls = {}
            for lvl in an.findall(f"{W}lvl"):
                ilvl = _int_val(lvl.get(f"{W}ilvl"), 0)
                start = lvl.find(f"{W}start")
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                lvls[ilvl] = (
                    _int_val(start.get(f"{W}val"), 1) if start is not None else 1,
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "",
                )
            abstract[an.get(f"{W}abstractNumId")] = lvls
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                aid = ref.get(f"{W}val")
                self.num_to_abstract[num.get(f"{W}numId")] = aid
                self.levels[num.get(f"{W}numId")] = abstract.get(aid, {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        key = self.num_to_abstract.get(num_id, num_id)
        counters = self.counters.setdefault(key, {})
        start, fmt, text = levels.get(ilvl, (1, "decimal", f"%{ilvl + 1}."))
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "+ " if text.strip() == "+" else "- "
        if fmt == "none":
            return ""
        out = text
        for lv in range(9):
            if f"%{lv + 1}" in out:
                lstart, lfmt, _ = levels.get(lv, (1, "decimal", ""))
                value = counters.get(lv, lstart)
                out = out.replace(f"%{lv + 1}", format_number(value, lfmt))
        return out.strip() + " " if out.strip() else ""


# ---------------------------------------------------------------------------- body
class _BodyReader:
    def __init__(self, doc) -> None:  # noqa: ANN001
        from docx.text.paragraph import Paragraph

        self.doc = doc
        self.Paragraph = Paragraph
        self.numbering = _Numbering(doc)
        self.line_no = 0
        self._style_cache: dict[str, tuple[int | None, bool | None, bool | None, tuple | None]] = {}

    def read(self) -> list[Line | Table]:
        blocks: list[Line | Table] = []
        since_table = False  # only empty paragraphs since the last table
        for el in self._body_elements(self.doc.element.body):
            if el.tag == f"{W}tbl":
                table = self.table(el)
                if not table.rows:
                    continue
                prev = blocks[-1] if blocks else None
                if isinstance(prev, Table) and join_tables(prev, table, adjacent=since_table):
                    continue
                blocks.append(table)
                since_table = True
            elif el.tag == f"{W}p":
                lines = self.paragraph(el)
                if lines:
                    blocks.extend(lines)
                    since_table = False
        return blocks

    def _body_elements(self, parent):  # noqa: ANN001, ANN202
        for el in parent.iterchildren():
            if el.tag in (f"{W}p", f"{W}tbl"):
                yield el
            elif el.tag in (f"{W}sdt", f"{W}customXml"):
                content = el.find(f"{W}sdtContent")
                yield from self._body_elements(content if content is not None else el)

    # -- styles
    def _style_info(self, style) -> tuple[int | None, bool | None, bool | None, tuple | None]:  # noqa: ANN001
        """(heading level, bold, italic, numbering) of a paragraph style, following basedOn."""
        if style is None:
            return None, None, None, None
        cached = self._style_cache.get(style.style_id)
        if cached is not None:
            return cached
        level = None
        name = (style.name or "").lower()
        if name.startswith("heading") and name[7:].strip().isdigit():
            level = int(name[7:].strip())
        elif name == "title":
            level = 1
        bold = style.font.bold if hasattr(style, "font") else None
        italic = style.font.italic if hasattr(style, "font") else None
        num = None
        ppr = style.element.find(f"{W}pPr")
        if ppr is not None:
            num = _num_pr(ppr)
            outline = ppr.find(f"{W}outlineLvl")
            if level is None and outline is not None:
                val = _int_val(outline.get(f"{W}val"), 9)
                level = val + 1 if val < 9 else None
        base = style.base_style
        if base is not None:
            b_level, b_bold, b_italic, b_num = self._style_info(base)
            level = level if level is not None else b_level
            bold = bold if bold is not None else b_bold
            italic = italic if italic is not None else b_italic
            num = num or b_num
        info = (level, bold, italic, num)
        self._style_cache[style.style_id] = info
        return info

    # -- paragraphs
    def paragraph(self, el) -> list[Line]:  # noqa: ANN001
        self.line_no += 1
        p = self.Paragraph(el, self.doc.part)
        text, bold, italic = self._runs(p)
        level, _, _, style_num = self._style_info(p.style)
        ppr = el.find(f"{W}pPr")
        num = _num_pr(ppr) if ppr is not None else None
        num = num or style_num
        label = self.numbering.label(*num) if num else ""
        text = " ".join(text.split())
        if not text:
            return []
        return [
            Line(
                text=piece,
                line_start=self.line_no,
                line_end=self.line_no,
                bold=bold,
                italic=italic,
                heading_level=level,
            )
            for piece in split_inline_numbering(label + text)
        ]

    def _runs(self, p) -> tuple[str, bool, bool]:  # noqa: ANN001
        _, style_bold, style_italic, _ = self._style_info(p.style)
        parts: list[str] = []
        bolds: list[bool] = []
        italics: list[bool] = []
        for item in p.iter_inner_content() if hasattr(p, "iter_inner_content") else p.runs:
            runs = item.runs if hasattr(item, "runs") else [item]
            for run in runs:
                t = run.text
                parts.append(t)
                if t.strip():
                    bolds.append(_flag(run.bold, run.style, "bold", style_bold))
                    italics.append(_flag(run.italic, run.style, "italic", style_italic))
        text = "".join(parts).replace("\t", " ")
        return text, bool(bolds) and all(bolds), bool(italics) and all(italics)

    # -- tables
    def table(self, tbl) -> Table:  # noqa: ANN001
        grid: list[list[Cell]] = []
        origin: dict[int, Cell] = {}  # grid column → cell open for a vertical merge
        rows: list[Row] = []
        for tr in tbl.findall(f"{W}tr"):
            self.line_no += 1
            cells: list[Cell] = []
            col = _int_child(tr.find(f"{W}trPr"), "gridBefore")
            cells.extend(Cell("") for _ in range(col))
            for tc in tr.findall(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = max(1, _int_child(tcpr, "gridSpan", 1))
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"
                if continued and col in origin:
                    origin[col].row_span += 1
                    cells.append(Cell("", col_span=1, row_span=0))
                    cells.extend(Cell("", col_span=0, row_span=0) for _ in range(span - 1))
                else:
                    text, bold, italic = self._cell_text(tc)
                    cell = Cell(text=text, bold=bold, italic=italic, col_span=span)
                    cells.append(cell)
                    cells.extend(Cell("", col_span=0) for _ in range(span - 1))
                    if vmerge is not None:
                        origin[col] = cell
                    else:
                        origin.pop(col, None)
                col += span
            grid.append(cells)
            rows.append(Row(cells=cells, line_start=self.line_no, line_end=self.line_no))
        width = max((len(r.cells) for r in rows), default=0)
        for r in rows:
            r.cells.extend(Cell("") for _ in range(width - len(r.cells)))
        return Table(rows=[r for r in rows if any(c.text for c in r.cells) or r is rows[0]])

    def _cell_text(self, tc) -> tuple[str, bool, bool]:  # noqa: ANN001
        parts: list[str] = []
        bolds: list[bool] = []
        italics: list[bool] = []
        for el in tc.iterchildren():
            if el.tag == f"{W}p":
                p = self.Paragraph(el, self.doc.part)
                text, bold, italic = self._runs(p)
                ppr = el.find(f"{W}pPr")
                num = _num_pr(ppr) if ppr is not None else None
                if text.strip():
                    parts.append((self.numbering.label(*num) if num else "") + text)
                    bolds.append(bold)
                    italics.append(italic)
            elif el.tag == f"{W}tbl":  # nested table: its text, row by row, into this cell
                for tr in el.iter(f"{W}tr"):
                    row_text = " ".join(
                        self._cell_text(inner)[0] for inner in tr.findall(f"{W}tc")
                    ).strip()
                    if row_text:
                        parts.append(row_text)
        text = " ".join(" ".join(parts).split())
        return text, bool(bolds) and all(bolds), bool(italics) and all(italics)


def _flag(direct: bool | None, char_style, attr: str, para_default: bool | None) -> bool:  # noqa: ANN001
    if direct is not None:
        return direct
    if char_style is not None:
        value = getattr(char_style.font, attr, None)
        if value is not None:
            return bool(value)
    return bool(para_default)


def _num_pr(ppr) -> tuple[str, int] | None:  # noqa: ANN001
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{W}val"), _int_val(ilvl.get(f"{W}val"), 0) if ilvl is not None else 0


def _int_child(parent, name: str, default: int = 0) -> int:  # noqa: ANN001
    if parent is None:
        return default
    el = parent.find(f"{W}{name}")
    if el is None:
        return default
    return _int_val(el.get(f"{W}val"), default)


MAX_INT_ATTR = 10_000  # no real level, start or span is larger; a hostile one would cost


def _int_val(text: str | None, default: int) -> int:
    """An integer attribute of Word XML, `default` when absent or malformed, clamped so
    a damaged or hostile value (9999999999) cannot blow up a counter or a table."""
    try:
        return max(-MAX_INT_ATTR, min(int(text), MAX_INT_ATTR)) if text is not None else default
    except ValueError:
        return default
