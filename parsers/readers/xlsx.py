"""Excel reader (`.xlsx` via openpyxl, `.xls` via xlrd) → `Document`.

Each visible sheet gives, in order: its name as a bold line (unless a default name like
`Sheet1`, `parsers/data/spreadsheet.yaml`), the title rows above its table as lines, the
table (from the first to the last row holding two or more filled cells; empty rows
inside dropped), and the note rows under it as lines. Merged ranges become spans as in
the Word reader: the range's first cell carries `col_span`/`row_span` and the positions
it covers are empty cells with `col_span=0` / `row_span=0`.

Numbers are written as the sheet displays them, the Vietnamese way: the cell's number
format (`#,##0.0`, `0%` …) is applied by Babel's pattern formatter in the `vi` locale,
so 1095 under `#,##0` reads `1.095` and 12.5 reads `12,5` — the meaning the text
version of the same table has. Formulas give their cached result.

Provenance: `page` is the sheet's 1-based position in the workbook and `line_start` /
`line_end` the Excel row number (the sheet name line gets row 0), so a value's cell is
(sheet, row) plus its column in the table.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex as re

from parsers.data import load
from parsers.model import Cell, Document, Line, ReadError, Row, Table
from parsers.readers.flattened import stated_unit

MAX_CELLS = 2_000_000  # filled cells per workbook; a real one has a few thousand
MAX_GRID_CELLS = 5_000_000  # positions of one sheet's used range
GENERAL_PATTERN = "0.##########"  # Excel's General: no grouping, up to 10 decimals


@dataclass
class SheetGrid:
    """A sheet as read: filled cells by (row, col), 1-based, and its merged ranges."""

    name: str
    index: int
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1


def read(path: Path, kind: str = "xlsx") -> Document:
    path = Path(path)
    sheets = _read_xls(path) if kind == "xls" else _read_xlsx(path)
    blocks: list[Line | Table] = []
    for sheet in sheets:
        try:
            blocks.extend(sheet_blocks(sheet))
        except ReadError as exc:
            raise ReadError(exc.error_type, f"{path}: {exc.message}", exc.stage) from exc
    return Document(source_path=str(path), format=kind, blocks=blocks, n_pages=len(sheets))


# ---------------------------------------------------------------------------- openpyxl
def _read_xlsx(path: Path) -> list[SheetGrid]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with path.open("rb") as fh:  # a file object: openpyxl refuses a misnamed path
            wb = openpyxl.load_workbook(fh, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError("not_xlsx", f"{path}: damaged Excel workbook ({exc}).") from exc
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl meets a damaged part in many ways
        # (a bad deflate stream, an unknown compression, cells without coordinates…)
        what = f"{type(exc).__name__}: {exc}"[:200]
        raise ReadError("not_xlsx", f"{path}: damaged Excel workbook ({what}).") from exc
    sheets: list[SheetGrid] = []
    n_cells = 0
    for index, ws in enumerate(wb.worksheets, start=1):
        if ws.sheet_state != "visible":
            continue
        grid = SheetGrid(ws.title, index)
        # the stored cells only: iter_rows would create every cell of a range that
        # formatting stretched to a million rows
        for (r, c), xc in ws._cells.items():  # noqa: SLF001
            if xc.value is None or (isinstance(xc.value, str) and not xc.value.strip()):
                continue
            n_cells += 1
            font = xc.font
            text = display_text(xc.value, xc.number_format, xc.is_date)
            grid.cells[(r, c)] = Cell(text, bool(font and font.b), bool(font and font.i))
        if n_cells > MAX_CELLS:
            raise ReadError("too_large", f"{path}: more than {MAX_CELLS} filled cells.")
        grid.merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(grid)
    return sheets


# ---------------------------------------------------------------------------- xlrd
def _read_xls(path: Path) -> list[SheetGrid]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - xlrd reports damage with many exception types
        what = f"{type(exc).__name__}: {exc}"[:200]
        raise ReadError("not_xlsx", f"{path}: damaged Excel workbook ({what}).") from exc
    sheets: list[SheetGrid] = []
    n_cells = 0
    for index in range(book.nsheets):
        sh = book.sheet_by_index(index)
        if sh.visibility:
            continue
        grid = SheetGrid(sh.name, index + 1)
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                xc = sh.cell(r, c)
                if xc.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    continue
                xf = book.xf_list[xc.xf_index]
                fmt = book.format_map.get(xf.format_key)
                pattern = fmt.format_str if fmt is not None else "General"
                value = xc.value
                is_date = xc.ctype == xlrd.XL_CELL_DATE
                if is_date:
                    try:
                        value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                    except (ValueError, OverflowError):
                        is_date = False
                if xc.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                if isinstance(value, str) and not value.strip():
                    continue
                font = book.font_list[xf.font_index]
                grid.cells[(r + 1, c + 1)] = Cell(
                    display_text(value, pattern, is_date), bool(font.bold), bool(font.italic)
                )
                n_cells += 1
        if n_cells > MAX_CELLS:
            raise ReadError("too_large", f"{path}: more than {MAX_CELLS} filled cells.")
        grid.merges = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sh.merged_cells]
        sheets.append(grid)
    return sheets


# ---------------------------------------------------------------------------- values
_SECTION_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def display_text(value: object, number_format: str | None, is_date: bool = False) -> str:
    """The cell as the sheet shows it, in Vietnamese number notation (NFC text)."""
    import unicodedata

    if isinstance(value, str):
        return unicodedata.normalize("NFC", " ".join(value.split()))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime(_date_format())
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value, number_format or "General")
    return str(value)


def format_number(value: float, number_format: str) -> str:
    """A number under an Excel number format, as Babel's `vi` pattern formatter writes it.

    Only the positive section is used (a negative number keeps its minus sign); colours,
    conditions, padding (`_)`), fills, quoted text and escapes are not digits and are
    dropped, so `#,##0.00_);[Red](#,##0.00)` formats like `#,##0.00`.
    """
    from babel.numbers import format_decimal, format_percent

    section = _SECTION_NOISE.sub("", number_format.split(";")[0]).strip()
    digits = "".join(ch for ch in section if ch in "#0,.%")
    if not digits.strip("%,.") or section.lower() == "general" or "0" not in digits + "#":
        pattern = GENERAL_PATTERN
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    else:
        pattern = digits.rstrip(",")  # a trailing comma scales by 1000: not for us
    if "%" in pattern:
        return format_percent(value, pattern, locale="vi")
    if "E" in number_format.upper() and "0E" in number_format.upper().replace("+", ""):
        pattern = GENERAL_PATTERN  # scientific notation: write the number out in full
    return format_decimal(value, pattern, locale="vi")


@cache
def _date_format() -> str:
    return load("spreadsheet")["date_format"]


@cache
def _default_sheet_name() -> re.Pattern:
    names = "|".join(f"(?:{p})" for p in load("spreadsheet")["default_sheet_names"])
    return re.compile(rf"^(?:{names})$", re.IGNORECASE)


# ---------------------------------------------------------------------------- layout
def sheet_blocks(sheet: SheetGrid) -> list[Line | Table]:
    """Title rows, the table, then note rows (see the module docstring)."""
    blocks: list[Line | Table] = []
    if sheet.name.strip() and not _default_sheet_name().match(sheet.name.strip()):
        blocks.append(Line(sheet.name.strip(), 0, 0, sheet.index, bold=True))
    if not sheet.cells:
        return blocks
    rows = grid_rows(sheet)
    filled = {r: sum(1 for c in cells if c.text) for r, cells in rows.items()}
    table_rows = [r for r, n in filled.items() if n >= 2]
    first, last = (table_rows[0], table_rows[-1]) if table_rows else (None, None)

    def line(r: int) -> None:
        texts = [c for c in rows[r] if c.text]
        if texts:
            bold = all(c.bold for c in texts)
            italic = all(c.italic for c in texts)
            text = " ".join(c.text for c in texts)
            blocks.append(Line(text, r, r, sheet.index, bold=bold, italic=italic))

    for r in sorted(rows):
        if first is not None and r == first:
            kept = [
                Row(rows[k], k, k, sheet.index)
                for k in sorted(rows)
                if first <= k <= last and (filled[k] or any(c.row_span == 0 for c in rows[k]))
            ]
            lines = [b.text for b in blocks if isinstance(b, Line)]
            blocks.append(Table(kept, page=sheet.index, unit=stated_unit(lines, len(lines))))
        if first is None or r < first or r > last:
            line(r)
    return blocks


def grid_rows(sheet: SheetGrid) -> dict[int, list[Cell]]:
    """Row number → its cells over the sheet's used columns, merged ranges as spans."""
    # the grid ends at the last filled row and column: a merged range reaching past them
    # (formatting stretched to row 1048576) ends there too
    rows_used = [r for r, _ in sheet.cells]
    cols_used = [c for _, c in sheet.cells]
    c_min, c_max = min(cols_used), max(cols_used)
    r_min, r_max = min(rows_used), max(rows_used)
    if (r_max - r_min + 1) * (c_max - c_min + 1) > MAX_GRID_CELLS:
        raise ReadError(
            "too_large", f"sheet '{sheet.name}' spans more than {MAX_GRID_CELLS} cells."
        )
    covered: dict[tuple[int, int], Cell] = {}
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in sheet.merges:
        if not _live((r0, c0, r1, c1), sheet):
            continue
        c0, c1, r1 = max(c0, c_min), min(c1, c_max), min(r1, r_max)
        if c1 < c0:
            continue
        origins[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) == (r0, c0):
                    continue
                if r == r0:
                    covered[(r, c)] = Cell("", col_span=0)
                elif c == c0:
                    covered[(r, c)] = Cell("", col_span=1, row_span=0)
                else:
                    covered[(r, c)] = Cell("", col_span=0, row_span=0)
    rows: dict[int, list[Cell]] = {}
    for r in range(r_min, r_max + 1):
        cells = []
        for c in range(c_min, c_max + 1):
            if (r, c) in covered:
                cells.append(covered[(r, c)])
                continue
            cell = sheet.cells.get((r, c))
            cell = Cell(cell.text, cell.bold, cell.italic) if cell else Cell("")
            if (r, c) in origins:
                cell.row_span, cell.col_span = origins[(r, c)]
            cells.append(cell)
        if any(c.text for c in cells) or any(c.row_span == 0 for c in cells):
            rows[r] = cells
    return rows


def _live(merge: tuple[int, int, int, int], sheet: SheetGrid) -> bool:
    """A merged range whose first cell holds text (empty merged ranges are formatting)."""
    return (merge[0], merge[1]) in sheet.cells
