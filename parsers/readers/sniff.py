"""What a file is, judged by its content first and its extension second.

Offices rename files freely (a `.txt` saved as `.docx`, an `.xls` that is really HTML,
a workbook mailed as `.doc`), so the bytes decide: magic numbers for PDF, images, RTF and
the OLE2 container of old Office files; the zip packages of Word, Excel and OpenDocument
by the content types they declare; HTML by its markup; text by decoding. The extension
only settles what the content leaves open (an OLE2 file is a `.doc` or an `.xls`).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

# Content types declared in an OOXML package's [Content_Types].xml (main part).
_OOXML_KINDS = (
    ("wordprocessingml.document", "docx"),
    ("wordprocessingml.template", "docx"),
    ("ms-word.document", "docx"),
    ("ms-word.template", "docx"),
    ("spreadsheetml.sheet", "xlsx"),
    ("spreadsheetml.template", "xlsx"),
    ("ms-excel.sheet", "xlsx"),
    ("ms-excel.template", "xlsx"),
    ("presentationml", "pptx"),
    ("ms-powerpoint", "pptx"),
)
# The `mimetype` member that starts every OpenDocument package.
_ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.text-template": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
MAX_MANIFEST_BYTES = 1 << 20  # a real [Content_Types].xml is a few KB

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php"}
_HTML_STARTS = (b"<!doctype html", b"<html")
_HTML_TAGS = (b"<html", b"<head", b"<body", b"<meta ", b"<title")
SNIFF_BYTES = 4096


def sniff(path: Path) -> str:
    """One of pdf, docx, xlsx, odt, doc, xls, rtf, html, image, text, or (for packages we
    do not read) pptx, ods, odp, zip, ole2; `unknown` when nothing fits."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    ext = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return zip_kind(path)
    if head.startswith(OLE2_MAGIC):
        return ole2_kind(path, ext)
    if head.startswith(IMAGE_MAGIC):
        return "image"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if looks_like_html(head):
        return "html"
    if ext in HTML_EXTENSIONS and b"<" in head:
        return "html"
    return "text"  # decoding decides (binary data fails there with a clear reason)


def zip_kind(path: Path) -> str:
    """docx / xlsx / pptx from [Content_Types].xml, odt / ods / odp from `mimetype`."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "[Content_Types].xml" in names:
                types = _member(z, "[Content_Types].xml").lower()
                for marker, kind in _OOXML_KINDS:
                    if marker in types:
                        return kind
            if "mimetype" in names:
                mimetype = _member(z, "mimetype").strip().lower()
                return _ODF_KINDS.get(mimetype, "zip")
            if "word/document.xml" in names:  # a package without its manifest
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        NotImplementedError,  # a compression method zipfile does not know
        EOFError,
        RuntimeError,  # an encrypted member
        KeyError,
        zlib.error,
    ):
        # a damaged package: the extension names the reader that explains the damage
        return {".xlsx": "xlsx", ".xlsm": "xlsx", ".odt": "odt"}.get(path.suffix.lower(), "docx")
    return "zip"


def _member(z: zipfile.ZipFile, name: str) -> str:
    info = z.getinfo(name)
    if info.file_size > MAX_MANIFEST_BYTES:
        return ""
    return z.read(name).decode("utf-8", errors="replace")


def ole2_kind(path: Path, ext: str) -> str:
    """An old Office file (OLE2 compound document): its stream names tell a Word file
    (`WordDocument`) from a workbook (`Workbook`/`Book`); they are UTF-16 in the directory."""
    data = path.read_bytes()[: 8 << 20]
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return {".xls": "xls", ".doc": "doc"}.get(ext, "ole2")


def looks_like_html(head: bytes) -> bool:
    """Markup at the start (doctype, <html>, an XML prolog or comment before it), or one of
    the document-level tags early on; inline `<b>` in a text file is not HTML."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"\xff\xfe") or start.startswith(b"\xfe\xff"):
        start = start.decode("utf-16", errors="ignore").encode("ascii", errors="ignore").lower()
    if not start.startswith(b"<"):
        return False
    return start.startswith(_HTML_STARTS) or any(tag in start for tag in _HTML_TAGS)
