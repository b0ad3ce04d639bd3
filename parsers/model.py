"""The document model every format reader produces.

A reader turns one file into a `Document`: an ordered stream of `Line` and `Table`
blocks, each carrying provenance (page, 1-based line numbers in the text the reader
read) and style hints. The structure stage only ever sees this model, never the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One logical line of prose (hard wraps already rejoined), markup removed, NFC."""

    text: str
    line_start: int
    line_end: int
    page: int | None = None
    bold: bool = False
    italic: bool = False
    heading_level: int | None = None  # from Markdown '#' or a Word heading style
    confidence: float | None = None  # OCR mean word confidence, 0-100


@dataclass
class Cell:
    text: str
    bold: bool = False
    italic: bool = False
    col_span: int = 1
    row_span: int = 1


@dataclass
class Row:
    cells: list[Cell]
    line_start: int
    line_end: int
    page: int | None = None

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    """A table as read; header rows are still in `rows` (the structure stage finds them).

    Readers already join a table continued on the next page, drop header rows repeated
    at the break and merge a cell split across the break back into its row.
    """

    rows: list[Row]
    page: int | None = None
    # The unit stated above the table for its bare numbers (`Đơn vị tính: Triệu đồng`).
    unit: str | None = None

    @property
    def line_start(self) -> int:
        return self.rows[0].line_start if self.rows else 0

    @property
    def line_end(self) -> int:
        return self.rows[-1].line_end if self.rows else 0

    @property
    def n_cols(self) -> int:
        return max((sum(c.col_span for c in r.cells) for r in self.rows), default=0)


Block = Line | Table


@dataclass
class Document:
    source_path: str
    format: str  # txt, md, docx, doc, rtf, odt, html, xlsx, xls, pdf, pdf-ocr, image-ocr
    blocks: list[Block] = field(default_factory=list)
    n_pages: int | None = None
    # Problems met while reading that did not stop it (stage, error_type, message).
    warnings: list[tuple[str, str, str]] = field(default_factory=list)
    # Per-page OCR quality (share of valid Vietnamese syllables), for OCR formats.
    page_quality: dict[int, float] = field(default_factory=dict)
    # Per-page mean Tesseract word confidence (0-100), for OCR formats.
    page_confidence: dict[int, float] = field(default_factory=dict)
    # OCR readings repaired from their context (line number, repaired text): the values
    # read there are doubtful (`values.ambiguous`).
    doubtful: list[tuple[int, str]] = field(default_factory=list)

    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


class ReadError(Exception):
    """A file that cannot be read: carries the errors-table fields."""

    def __init__(self, error_type: str, message: str, stage: str = "read") -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stage = stage
