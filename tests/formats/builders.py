"""Build Word, PDF and scanned versions of a sample `.txt` document inside a test run.

The samples are plain text with light markup: a line with tabs is a table row, a blank
line between table rows is a page break (the rows after it repeat the header), `**bold**`,
`<b>bold</b>`, `*italic*` / `<i>` mark style and `#` starts a heading. `parse_sample` turns
that into a small neutral model (`Para`, `TableSeg`), and one writer per format prints it:

- `build_docx`  python-docx, real Word tables; a two-row header whose second row splits a
  column gets real merged cells (w:gridSpan / w:vMerge) like the Word originals;
- `build_pdf`   reportlab with the DejaVu font, ruled tables split by the layout engine,
  repeated header rows on each page, paragraphs wrapped to the page width;
- `build_scan`  the PDF rasterised with pypdfium2, then degraded (rotation, blur, noise)
  and saved as an image-only PDF (`.pdf`) or one PNG per page (`.png`).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2] / "data" / "raw"
FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
]


# ---------------------------------------------------------------------------- sample model
@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    runs: list[Run]
    heading_level: int | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class TableSeg:
    """Consecutive table rows of the sample; each cell is a list of runs."""

    rows: list[list[list[Run]]]
    # (row, col) -> (row_span, col_span) for the header cells merged in the originals
    merges: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def texts(self) -> list[list[str]]:
        return [["".join(r.text for r in cell) for cell in row] for row in self.rows]


Block = Para | TableSeg

_MARK = re.compile(r"(\*\*\*|\*\*|\*|</?b>|</?i>|</?strong>|</?em>)")


class _Inline:
    """Markdown-ish inline markup to runs; the state carries over line ends."""

    def __init__(self) -> None:
        self.bold = False
        self.italic = False

    def runs(self, text: str) -> list[Run]:
        out: list[Run] = []
        for part in _MARK.split(text):
            if not part:
                continue
            if part == "***":
                self.bold = not self.bold
                self.italic = not self.italic
            elif part == "**":
                self.bold = not self.bold
            elif part == "*":
                # a lone '*' followed by a space is a bullet ('* Nhiệm vụ'), not markup
                if out or self.italic:
                    self.italic = not self.italic
                else:
                    out.append(Run("*", self.bold, self.italic))
            elif part in ("<b>", "<strong>"):
                self.bold = True
            elif part in ("</b>", "</strong>"):
                self.bold = False
            elif part in ("<i>", "<em>"):
                self.italic = True
            elif part in ("</i>", "</em>"):
                self.italic = False
            else:
                out.append(Run(part, self.bold, self.italic))
        return _merge_runs(out)


def _merge_runs(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for r in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (r.bold, r.italic):
            merged[-1] = Run(merged[-1].text + r.text, r.bold, r.italic)
        else:
            merged.append(r)
    return merged


_TERMINAL = re.compile(r"[.:;!?…]\s*[”\")\]]*\s*$")
_ITEM = re.compile(r"^\s*(?:[-+*•]\s|\(?\d+[.,)]|\(?[a-zđ]\)|[IVX]+\.|\d+(?:\.\d+)+)")
_PAGE_NO = re.compile(r"^\s*\d{1,3}\s*$")
WRAPPED = 55  # a prose line this long without end punctuation was wrapped by the PDF export


def parse_sample(text: str) -> list[Block]:
    """Split a sample into paragraphs and table segments (a blank line ends a segment).

    Prose is unwrapped into real paragraphs as a word processor holds them: a line ending
    in a Markdown hard break (two spaces) or a long line without end punctuation goes on
    into the next line; `**A****B**` is two paragraphs; stray page numbers are dropped.
    """
    blocks: list[Block] = []
    inline = _Inline()
    seg: TableSeg | None = None
    joining = False
    for raw in text.splitlines():
        line = raw.rstrip("\r\n")
        if "\t" in line:
            cells = [inline.runs(c.strip()) for c in line.split("\t")]
            inline.bold = inline.italic = False
            if seg is None:
                seg = TableSeg(rows=[])
                blocks.append(seg)
            seg.rows.append(cells)
            joining = False
            continue
        seg = None
        stripped = line.strip()
        if not stripped or _PAGE_NO.match(stripped):
            continue
        level = None
        m = re.match(r"^(#{1,6})\s+", stripped)
        if m:
            level = len(m.group(1))
            stripped = stripped[m.end() :]
        for k, piece in enumerate(re.split(r"\*\*\*\*", stripped)):
            if k:
                piece = "**" + piece
            if k < stripped.count("****"):
                piece = piece + "**"
            runs = inline.runs(piece)
            text_ = "".join(r.text for r in runs)
            if not text_.strip():
                continue
            prev = blocks[-1] if blocks else None
            if (
                k == 0
                and joining
                and isinstance(prev, Para)
                and not level
                and not _ITEM.match(text_)
                and not _paragraph_break(prev.text, text_)
            ):
                prev.runs = _merge_runs(prev.runs + [Run(" ", runs[0].bold, runs[0].italic)] + runs)
            else:
                blocks.append(Para(runs=runs, heading_level=level))
        hard_break = (
            line.endswith("  ")
            and not line.strip().endswith("**")
            or (line.endswith("  ") and inline.bold)
        )
        joining = bool(
            level is None
            and (hard_break or (len(stripped) >= WRAPPED and not _TERMINAL.search(stripped)))
        )
    for b in blocks:
        if isinstance(b, TableSeg):
            _normalise_widths(b)
            b.merges = header_merges(b.texts())
    return blocks


def _paragraph_break(prev: str, nxt: str) -> bool:
    """A short numbered heading (`c) Nhóm nhiệm vụ về …`) ended by a hard break is a
    paragraph of its own, not the start of the sentence under it."""
    from parsers.patterns import SECTION_LABEL

    return bool(SECTION_LABEL.match(prev.strip())) and len(prev.strip()) < 100


def _normalise_widths(seg: TableSeg) -> None:
    width = max(len(r) for r in seg.rows)
    for r in seg.rows:
        r.extend([] for _ in range(width - len(r)))


def header_merges(rows: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Merged header cells implied by a two-row header whose second row splits a column.

    Row 0 ``[TT, Nội dung, Năm 2024, '', ...]`` over row 1 ``['', '', Kế hoạch, Kết quả, ...]``:
    'Năm 2024' spans two columns and every row-0 cell with nothing under it spans two rows.
    """
    if len(rows) < 2:
        return {}
    top, sub = rows[0], rows[1]
    filled = [i for i, t in enumerate(sub) if t.strip()]
    if len(filled) < 2 or sub[0].strip():
        return {}
    spans = [
        j
        for j in range(1, len(top))
        if not top[j].strip() and sub[j].strip() and sub[j - 1].strip()
    ]
    if not spans:  # no column split under a spanning cell: not a two-row header
        return {}
    merges: dict[tuple[int, int], tuple[int, int]] = {}
    i = 0
    while i < len(top):
        if top[i].strip():
            j = i + 1
            while j < len(top) and not top[j].strip() and sub[j].strip():
                j += 1
            if j - i > 1:
                merges[(0, i)] = (1, j - i)
            elif not sub[i].strip():
                merges[(0, i)] = (2, 1)
            i = j
        else:
            i += 1
    return merges


def load_sample(name_or_path: str | Path) -> tuple[str, list[Block]]:
    path = Path(name_or_path)
    if not path.exists():
        matches = sorted(SEEDS_DIR.glob(f"{name_or_path}*.txt"))
        path = matches[0]
    return path.stem, parse_sample(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------- docx
def build_docx(blocks: list[Block], out: Path, *, split_header_merges: bool = True) -> Path:
    """Write the sample as a Word file with real tables (merged header cells)."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    prev_table = False
    for b in blocks:
        if isinstance(b, Para):
            if b.heading_level:
                p = d.add_heading(level=min(b.heading_level, 9))
            else:
                p = d.add_paragraph()
            for r in b.runs:
                run = p.add_run(r.text)
                run.bold = r.bold or None
                run.italic = r.italic or None
            prev_table = False
            continue
        if prev_table:
            # Word joins two adjacent tables; the originals have an empty paragraph (page break)
            d.add_paragraph()
        rows = b.rows
        ncols = max(len(r) for r in rows)
        t = d.add_table(rows=len(rows), cols=ncols)
        t.style = "Table Grid"
        for ri, row in enumerate(rows):
            for ci in range(ncols):
                runs = row[ci] if ci < len(row) else []
                cell = t.cell(ri, ci)
                p = cell.paragraphs[0]
                for r in runs:
                    run = p.add_run(r.text)
                    run.bold = r.bold or None
                    run.italic = r.italic or None
                    run.font.size = Pt(8)
        if split_header_merges:
            for (ri, ci), (rs, cs) in b.merges.items():
                a = t.cell(ri, ci)
                z = t.cell(ri + rs - 1, ci + cs - 1)
                text_runs = rows[ri][ci]
                merged = a.merge(z)
                # python-docx concatenates the merged cells' paragraphs: keep only the first
                for p in merged.paragraphs[1:]:
                    p._element.getparent().remove(p._element)
                if not text_runs:
                    continue
        prev_table = True
    d.save(str(out))
    return out


# ---------------------------------------------------------------------------- pdf
def _font_path() -> Path:
    for p in FONT_CANDIDATES:
        if p.exists():
            return p
    try:
        import matplotlib

        p = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        if p.exists():
            return p
    except ImportError:
        pass
    raise FileNotFoundError("DejaVuSans.ttf not found (install fonts-dejavu-core)")


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular = _font_path()
    bold = regular.with_name("DejaVuSans-Bold.ttf")
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold if bold.exists() else regular)))
        from reportlab.lib.fonts import addMapping

        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVu", 0, 1, "DejaVu")
        addMapping("DejaVu", 1, 1, "DejaVu-Bold")
    return "DejaVu", "DejaVu-Bold"


def _marked(runs: list[Run], bold_tag: str) -> str:
    """Runs as escaped markup with bold and italic tags (reportlab's `<b>`, HTML's `<strong>`)."""
    from html import escape

    parts = []
    for r in runs:
        t = escape(r.text, quote=False)
        if r.italic:
            t = f"<i>{t}</i>"
        if r.bold:
            t = f"<{bold_tag}>{t}</{bold_tag}>"
        parts.append(t)
    return "".join(parts)


def _xml(runs: list[Run]) -> str:
    return _marked(runs, "b")


def build_pdf(
    blocks: list[Block], out: Path, *, footer: str | None = "Trang {page}", ruled: bool = True
) -> Path:
    """Print the sample to a text PDF: ruled tables (split across pages with the header
    repeated), wrapped paragraphs and a page-number footer. `ruled=False` prints the tables
    without a line, as Word tables whose borders were switched off: their columns are then
    only the gaps between the words."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font, bold_font = _register_fonts()
    widest = max((len(b.rows[0]) for b in blocks if isinstance(b, TableSeg)), default=0)
    pagesize = landscape(A4) if widest > 6 else A4
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=5)
    heading = ParagraphStyle("h", parent=body, fontName=bold_font, fontSize=11, spaceBefore=4)
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5)

    story = []
    first_header: dict[str, list[str]] = {}
    page_w = pagesize[0] - 30 * mm
    # a borderless table's columns are only where its words stand: a table that a blank
    # line of the source split keeps its columns, as in Word (the ruled prints keep their
    # measured per-segment widths; shared, sample 004's mild scan loses the `KH` of the
    # narrow header cell `KH năm 2025` and its plan column with it)
    weights_of = _table_weights(blocks, shared=not ruled)
    for k, b in enumerate(blocks):
        if isinstance(b, Para):
            style = heading if b.heading_level else body
            story.append(Paragraph(_xml(b.runs), style))
            continue
        rows = b.rows
        weights = weights_of[k]
        widths = [page_w * w for w in weights]
        data = [[Paragraph(_xml(cell), cell_style) for cell in row] for row in rows]
        n_header = 2 if b.merges and any(rs == 2 for rs, _ in b.merges.values()) else 1
        if b.texts()[0] != first_header.setdefault("row", b.texts()[0]):
            n_header = 0  # a segment that does not start with the header repeats nothing
        style = [
            *([("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else []),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]
        for (ri, ci), (rs, cs) in b.merges.items():
            style.append(("SPAN", (ci, ri), (ci + cs - 1, ri + rs - 1)))
        story.append(Table(data, colWidths=widths, repeatRows=n_header, style=TableStyle(style)))
        story.append(Spacer(1, 6))

    def _footer(canvas, doc):  # noqa: ANN001
        if footer:
            canvas.saveState()
            canvas.setFont(font, 8)
            canvas.drawCentredString(pagesize[0] / 2, 8 * mm, footer.format(page=doc.page))
            canvas.restoreState()

    doc = SimpleDocTemplate(
        str(out),
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=out.stem,
    )
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return out


def _table_weights(blocks: list[Block], *, shared: bool) -> dict[int, list[float]]:
    """Column weights per table segment; `shared`: one set for directly consecutive segments
    of the same width (one table that a blank line of the source split)."""
    out: dict[int, list[float]] = {}
    run: list[int] = []

    def close() -> None:
        if run:
            texts = [r for i in run for r in blocks[i].texts()]
            weights = _column_weights(texts, len(blocks[run[0]].rows[0]))
            out.update(dict.fromkeys(run, weights))
            run.clear()

    for i, b in enumerate(blocks):
        if not isinstance(b, TableSeg):
            close()
            continue
        if run and (not shared or len(blocks[run[-1]].rows[0]) != len(b.rows[0])):
            close()
        run.append(i)
    close()
    return out


def _column_weights(rows: list[list[str]], ncols: int) -> list[float]:
    """Column widths proportional to (damped) text length, like Word's autofit."""
    longest = [max(len(r[c]) if c < len(r) else 0 for r in rows) for c in range(ncols)]
    w = [max(7.0, min(float(n), 60.0)) ** 0.8 for n in longest]
    total = sum(w)
    return [x / total for x in w]


# ---------------------------------------------------------------------------- scans
def rasterise(pdf: Path, dpi: int = 200) -> list:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


@dataclass(frozen=True)
class ScanProfile:
    """How an office scanner spoils a page. Each page draws its own rotation and blur from
    the ranges (seeded), so a multi-page scan is not rotated the same way on every page."""

    name: str
    angle: tuple[float, float]  # degrees, either direction
    blur: tuple[float, float]  # Gaussian sigma, pixels at 200 dpi
    noise: float  # grain, grey levels (standard deviation)
    paper: tuple[float, float]  # paper grey level range (uneven: a low-frequency wash)
    ink: float  # grey level of full ink
    jpeg_quality: int | None  # the scanner's JPEG compression (None: lossless)


# The scans the format tests always used: slight rotation, blur and grain.
MILD = ScanProfile(
    "mild",
    angle=(0.6, 0.6),
    blur=(0.5, 0.5),
    noise=12.0,
    paper=(243, 243),
    ink=8,
    jpeg_quality=None,
)
# What a commune's office scanner makes (issue 12): 200-dpi grey, rotated 0.3-1.2°, Gaussian
# blur 0.5-0.9, grain, grey uneven paper, JPEG quality 70.
OFFICE = ScanProfile(
    "office",
    angle=(0.3, 1.2),
    blur=(0.5, 0.9),
    noise=10.0,
    paper=(205, 230),
    ink=35,
    jpeg_quality=70,
)
PROFILES = {p.name: p for p in (MILD, OFFICE)}


def degrade(img, profile: ScanProfile = MILD, *, seed: int = 0, compress: bool = True):
    """The page `img` (grey, white paper) as `profile`'s scanner makes it; seeded.
    `compress=False` leaves the JPEG step to the writer (a PDF stores its pages as JPEG)."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    sign = 1 if random.Random(seed).random() < 0.5 else -1
    angle = sign * float(rng.uniform(*profile.angle))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    sigma = float(rng.uniform(*profile.blur))
    if sigma:
        img = img.filter(ImageFilter.GaussianBlur(sigma))
    ink = np.asarray(img, dtype=np.float32) / 255.0  # 1 = paper, 0 = full ink
    h, w = ink.shape
    lo, hi = profile.paper
    # the paper's grey varies slowly across the sheet (a bilinear wash between four corners)
    corners = rng.uniform(lo, hi, size=(2, 2)).astype(np.float32)
    fy = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    fx = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    paper = (
        corners[0, 0] * (1 - fy) * (1 - fx)
        + corners[0, 1] * (1 - fy) * fx
        + corners[1, 0] * fy * (1 - fx)
        + corners[1, 1] * fy * fx
    )
    arr = profile.ink + (paper - profile.ink) * ink + rng.normal(0, profile.noise, ink.shape)
    out = Image.fromarray(np.clip(arr, 0, 255).astype("uint8"), "L")
    if profile.jpeg_quality and compress:
        import io

        buf = io.BytesIO()
        out.save(buf, format="JPEG", quality=profile.jpeg_quality)
        buf.seek(0)
        out = Image.open(buf)
        out.load()
    return out


def build_scan(
    pdf: Path, out: Path, *, dpi: int = 200, seed: int = 0, profile: ScanProfile = MILD
) -> list[Path]:
    """Rasterise and degrade a PDF; `.pdf` out gives one image-only PDF, `.png` one file per
    page (a JPEG-compressed profile keeps its JPEG pages in the PDF, as scanners write them)."""
    as_pdf = out.suffix.lower() == ".pdf"
    pages = [
        degrade(p, profile, seed=seed + i, compress=not as_pdf)
        for i, p in enumerate(rasterise(pdf, dpi))
    ]
    if as_pdf:  # Pillow stores grey pages in a PDF as JPEG (its default quality: 75)
        quality = {"quality": profile.jpeg_quality} if profile.jpeg_quality else {}
        pages[0].save(str(out), save_all=True, append_images=pages[1:], resolution=dpi, **quality)
        return [out]
    paths = []
    for i, p in enumerate(pages, 1):
        target = out if len(pages) == 1 else out.with_name(f"{out.stem}_p{i}{out.suffix}")
        p.save(str(target), dpi=(dpi, dpi))
        paths.append(target)
    return paths


def build_all(
    sample: str | Path, out_dir: Path, formats: tuple[str, ...] = ("docx", "pdf", "scan")
) -> dict[str, list[Path]]:
    """Every requested format of one sample, each in `out_dir/<format>/` under the sample's
    own file stem (so gold files still name it): `docx`, `pdf`, `scan` (image-only PDF),
    `png` (one image per page), `scan-mild` / `scan-office` (image-only PDFs of a profile),
    `html`, `html-1258` (a Windows-1258 page), `xlsx`, `odt` and `doc` (through LibreOffice
    from the Word file; `build_batch` converts many at once); `pdf-borderless` and
    `scan-borderless` (an office-quality scan of it): tables printed without rulings."""
    stem, blocks = load_any(sample)
    built = build_batch([sample], out_dir, tuple(f for f in formats if f in BATCH_FORMATS))
    built = {fmt: paths for fmt, paths in built.items()}
    formats = tuple(f for f in formats if f not in BATCH_FORMATS)
    for fmt in formats:
        (out_dir / fmt).mkdir(parents=True, exist_ok=True)
    pdf_path = out_dir / ("pdf" if "pdf" in formats else "_pdf") / f"{stem}.pdf"
    if "docx" in formats:
        built["docx"] = [build_docx(blocks, out_dir / "docx" / f"{stem}.docx")]
    if any(f in formats for f in ("pdf", "scan", "png", *(f"scan-{n}" for n in PROFILES))):
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        build_pdf(blocks, pdf_path)
        if "pdf" in formats:
            built["pdf"] = [pdf_path]
    if "scan" in formats:
        built["scan"] = build_scan(pdf_path, out_dir / "scan" / f"{stem}.pdf")
    for name, profile in PROFILES.items():  # `scan-mild`, `scan-office`: image-only PDFs
        fmt = f"scan-{name}"
        if fmt in formats:
            built[fmt] = build_scan(pdf_path, out_dir / fmt / f"{stem}.pdf", profile=profile)
    if "png" in formats:
        built["png"] = build_scan(pdf_path, out_dir / "png" / f"{stem}.png")
    if "pdf-borderless" in formats or "scan-borderless" in formats:
        bare = out_dir / "pdf-borderless" / f"{stem}.pdf"
        bare.parent.mkdir(parents=True, exist_ok=True)
        build_pdf(blocks, bare, ruled=False)
        if "pdf-borderless" in formats:
            built["pdf-borderless"] = [bare]
        if "scan-borderless" in formats:
            target = out_dir / "scan-borderless" / f"{stem}.pdf"
            built["scan-borderless"] = build_scan(bare, target, profile=OFFICE)
    return built


# ---------------------------------------------------------------------------- dev corpus
DEV_DOCS_DIR = Path(__file__).resolve().parents[1] / "corpus" / "dev" / "docs"
DEV_GOLD_DIR = DEV_DOCS_DIR.parent / "gold"


def load_document(path: Path) -> list[Block]:
    """A real text document (Markdown, web-page exports) as the builders' blocks, through
    the text reader: its recovered tables (piped and stacked cells, pipe tables) become
    real tables in the built files, its merged cells merges, its lines paragraphs."""
    from parsers.model import Line
    from parsers.readers.text import read

    blocks: list[Block] = []
    for b in read(Path(path)).blocks:
        if isinstance(b, Line):
            blocks.append(Para([Run(b.text, b.bold, b.italic)], b.heading_level))
            continue
        rows = [
            [[Run(c.text, c.bold, c.italic)] if c.text else [] for c in r.cells] for r in b.rows
        ]
        merges = {
            (ri, ci): (max(c.row_span, 1), max(c.col_span, 1))
            for ri, r in enumerate(b.rows)
            for ci, c in enumerate(r.cells)
            if c.col_span > 1 or c.row_span > 1
        }
        seg = TableSeg(rows=rows, merges=merges)
        _normalise_widths(seg)
        blocks.append(seg)
    return blocks


def load_any(source: str | Path, *, as_read: bool = False) -> tuple[str, list[Block]]:
    """A sample (by name or path under data/raw) or a dev-corpus document (by path).

    `as_read`: a sample through the text reader too, so its tables are whole (a table
    split by a page break joined, the repeated header and split cells undone), as a
    workbook holds them."""
    path = Path(source)
    if path.exists() and (as_read or path.parent.resolve() != SEEDS_DIR.resolve()):
        return path.stem, load_document(path)
    if as_read:
        return path.stem, load_document(sorted(SEEDS_DIR.glob(f"{source}*.txt"))[0])
    return load_sample(source)


def has_table(blocks: list[Block]) -> bool:
    return any(isinstance(b, TableSeg) for b in blocks)


# ---------------------------------------------------------------------------- html
PAGE_MENU = ("Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản pháp quy", "Liên hệ")
PAGE_FOOTER = (
    "Bản quyền thuộc Cổng thông tin điện tử. Địa chỉ: số 1 đường Trần Phú. "
    "Điện thoại: 0123 456 789. Ghi rõ nguồn khi phát hành lại thông tin từ trang này."
)


def _html_runs(runs: list[Run]) -> str:
    return _marked(runs, "strong")


def _html_table(seg: TableSeg) -> str:
    covered: set[tuple[int, int]] = set()
    for (ri, ci), (rs, cs) in seg.merges.items():
        covered.update(
            (r, c) for r in range(ri, ri + rs) for c in range(ci, ci + cs) if (r, c) != (ri, ci)
        )
    out = ['<table border="1" cellspacing="0" class="MsoTableGrid">']
    for ri, row in enumerate(seg.rows):
        out.append("<tr>")
        for ci, cell in enumerate(row):
            if (ri, ci) in covered:
                continue
            rs, cs = seg.merges.get((ri, ci), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            out.append(f'<td{attrs}><p style="margin:0">{_html_runs(cell)}</p></td>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese sites write it: base letters precomposed where the code
    page has them (ê, ơ, ư, đ), tone marks as combining characters after them."""
    import unicodedata

    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        letter = base
        rest = []
        for m in marks:
            joined = unicodedata.normalize("NFC", letter + m)
            try:
                joined.encode("cp1258")
                letter = joined
            except UnicodeEncodeError:
                rest.append(m)
        out += (letter + "".join(rest)).encode("cp1258", errors="xmlcharrefreplace")
    return bytes(out)


def build_html(blocks: list[Block], out: Path, *, charset: str = "utf-8") -> Path:
    """A saved web page: banner, menu, script and footer around the document, whose tables
    are real `<table>`s (merged header cells as rowspan/colspan)."""
    from html import escape

    body = []
    for b in blocks:
        if isinstance(b, TableSeg):
            body.append(_html_table(b))
        elif b.heading_level:
            level = min(b.heading_level, 6)
            body.append(f"<h{level}>{_html_runs(b.runs)}</h{level}>")
        else:
            body.append(f"<p>{_html_runs(b.runs)}</p>")
    menu = "".join(f'<li><a href="#">{escape(m)}</a></li>' for m in PAGE_MENU)
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>{escape(out.stem)}</title>
<style>td {{ border: 1px solid #000 }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{}}</script></head>
<body>
<header class="site-banner"><h1>CỔNG THÔNG TIN ĐIỆN TỬ</h1><p>Thứ Hai, 01/12/2025</p></header>
<nav class="main-menu"><ul>{menu}</ul></nav>
<div class="breadcrumb"><a href="#">Trang chủ</a> » <a href="#">Văn bản</a></div>
<div id="main-content" class="noi-dung">
{chr(10).join(body)}
</div>
<div class="share-tools"><a href="#">In bài</a> | <a href="#">Gửi email</a></div>
<footer><p>{escape(PAGE_FOOTER)}</p></footer>
</body></html>
"""
    if charset.lower() in ("windows-1258", "cp1258"):
        out.write_bytes(encode_cp1258(page))
    else:
        out.write_bytes(page.encode(charset))
    return out


# ---------------------------------------------------------------------------- xlsx
_VI_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(%?)$")


def excel_value(text: str) -> tuple[object, str | None]:
    """A cell's text as Excel holds it: a Vietnamese number (`1.095`, `12,5`, `8,5%`)
    becomes a number with the format that shows it the same way; anything else stays text."""
    m = _VI_NUMBER.match(text.strip())
    if not m or len(text.strip()) > 15:
        return text, None
    decimals, percent = m.group(1) or "", m.group(2)
    number = float(text.strip().rstrip("%").replace(".", "").replace(",", "."))
    grouped = "." in text
    pattern = ("#,##0" if grouped else "0") + (("." + "0" * len(decimals)) if decimals else "")
    if percent:
        return number / 100, pattern + "%"
    if not decimals:
        return int(number), pattern
    return number, pattern


def build_xlsx(blocks: list[Block], out: Path) -> Path:
    """A workbook with one sheet per table: the paragraphs before the table as title rows
    in column A, the table (merged cells merged, numbers as numbers), and after the last
    table the closing paragraphs. A table continued after a page break is one sheet table
    (Excel has no pages): the continuation's repeated header rows are not written."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    pending: list[Para] = []
    ws = None
    header: list[list[str]] = []
    row_no = 0
    prev_table = False

    def write_para(p: Para) -> None:
        nonlocal row_no
        row_no += 1
        cell = ws.cell(row=row_no, column=1, value=p.text)
        if all(r.bold for r in p.runs if r.text.strip()):
            cell.font = Font(bold=True)

    last_table = max((i for i, b in enumerate(blocks) if isinstance(b, TableSeg)), default=-1)
    for i, b in enumerate(blocks):
        if isinstance(b, Para):
            if ws is not None and i > last_table:
                write_para(b)  # after the last table: notes under it
            else:
                pending.append(b)
            prev_table = False
            continue
        texts = b.texts()
        rows = b.rows
        if prev_table and ws is not None:
            n = 0
            while n < len(header) and n < len(texts) and texts[n] == header[n]:
                n += 1
            rows, start = rows[n:], n
        else:
            ws = wb.create_sheet(f"Biểu {len(wb.worksheets) + 1}")
            row_no = 0
            for p in pending:
                write_para(p)
            pending = []
            header = texts[:2]
            start = 0
        top = row_no + 1
        for row in rows:
            row_no += 1
            for ci, runs in enumerate(row):
                text = "".join(r.text for r in runs).strip()
                if not text:
                    continue
                value, fmt = excel_value(text)
                cell = ws.cell(row=row_no, column=ci + 1, value=value)
                if fmt:
                    cell.number_format = fmt
                if runs and all(r.bold for r in runs if r.text.strip()):
                    cell.font = Font(bold=True)
        for (ri, ci), (rs, cs) in b.merges.items():
            if ri >= start:
                r0 = top + ri - start
                ws.merge_cells(
                    start_row=r0, start_column=ci + 1, end_row=r0 + rs - 1, end_column=ci + cs
                )
        prev_table = True
    if ws is None:  # no table: the whole text on one sheet
        ws = wb.create_sheet("Sheet1")
        row_no = 0
    for p in pending:
        write_para(p)
    wb.save(str(out))
    return out


# ---------------------------------------------------------------------------- LibreOffice
def libreoffice_convert(sources: list[Path], out_dir: Path, target: str) -> list[Path]:
    """Convert files with LibreOffice headless in one call (`target`: odt, doc)."""
    import shutil
    import subprocess
    import tempfile

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise FileNotFoundError("LibreOffice is not installed (libreoffice-writer-nogui)")
    out_dir.mkdir(parents=True, exist_ok=True)
    filters = {"odt": "odt", "doc": "doc:MS Word 97", "docx": "docx:MS Word 2007 XML"}
    with tempfile.TemporaryDirectory(prefix="chitieu-lo-profile-") as profile:
        subprocess.run(  # noqa: S603
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", filters[target], "--outdir", str(out_dir), *map(str, sources)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return [out_dir / f"{s.stem}.{target}" for s in sources]


BATCH_FORMATS = ("html", "html-1258", "xlsx", "odt", "doc")


def build_batch(
    sources: list[str | Path], out_dir: Path, formats: tuple[str, ...]
) -> dict[str, list[Path]]:
    """The `BATCH_FORMATS` of many documents, in `out_dir/<format>/<stem>.<ext>`; the
    LibreOffice formats in one conversion call for all of them (a start costs seconds)."""
    loaded = [load_any(s) for s in sources]
    built: dict[str, list[Path]] = {}
    for fmt in formats:
        (out_dir / fmt).mkdir(parents=True, exist_ok=True)
    if "html" in formats:
        built["html"] = [build_html(b, out_dir / "html" / f"{stem}.html") for stem, b in loaded]
    if "html-1258" in formats:
        built["html-1258"] = [
            build_html(b, out_dir / "html-1258" / f"{stem}.htm", charset="windows-1258")
            for stem, b in loaded
        ]
    if "xlsx" in formats:
        built["xlsx"] = [
            build_xlsx(load_any(s, as_read=True)[1], out_dir / "xlsx" / f"{stem}.xlsx")
            for s, (stem, _) in zip(sources, loaded, strict=True)
        ]
    if "odt" in formats or "doc" in formats:
        work = out_dir / "_lo-docx"
        work.mkdir(parents=True, exist_ok=True)
        # Word tables written by python-docx carry no widths, which LibreOffice's .doc
        # export drops; through OpenDocument the tables survive, as from a real editor
        docx_paths = [build_docx(b, work / f"{stem}.docx") for stem, b in loaded]
        odt = libreoffice_convert(docx_paths, out_dir / "odt", "odt")
        if "odt" in formats:
            built["odt"] = odt
        if "doc" in formats:
            built["doc"] = libreoffice_convert(odt, out_dir / "doc", "doc")
    return built
