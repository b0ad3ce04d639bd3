"""Format readers: one module per format, each turning a file into a `Document`.

`read_document` picks the reader from the file's content first and its extension second
(`parsers.readers.sniff`), so a misnamed file gets the reader that can actually read it,
and an unknown or unreadable file gets a `ReadError` naming the reason.
"""

from __future__ import annotations

from pathlib import Path

from parsers.model import Document, ReadError
from parsers.readers.sniff import IMAGE_EXTENSIONS, sniff

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".csv", ".tsv"}
MAX_FILE_BYTES = 200 * 1024 * 1024
# Extensions of formats whose content did not turn out to be what the name says: a text
# file under such a name is read as text, binary data gets the format's own error.
_NAMED_ERRORS = {
    ".docx": ("not_docx", "not a Word document"),
    ".pdf": ("corrupt_pdf", "the file has a .pdf name but no PDF header"),
    ".xlsx": ("not_xlsx", "not an Excel workbook"),
    ".xls": ("not_xlsx", "not an Excel workbook"),
    ".doc": ("not_doc", "not a Word document"),
    ".odt": ("not_odt", "not an OpenDocument text"),
}
_UNSUPPORTED = {
    "pptx": "a PowerPoint presentation",
    "odp": "an OpenDocument presentation",
    "ods": "an OpenDocument spreadsheet",
    "zip": "a zip archive that is not an office document",
    "ole2": "an old Office file that is neither a Word document nor a workbook",
}


def read_document(path: Path) -> Document:
    """The document the file holds, its legacy-font glyphs repaired (`glyphs.py`)."""
    from parsers.readers.glyphs import repair_document

    return repair_document(_read(Path(path)))


def _read(path: Path) -> Document:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError("unreadable", f"{path}: cannot open the file ({exc.strerror}).") from exc
    if size == 0:
        raise ReadError("empty_file", f"{path}: the file is empty.")
    if size > MAX_FILE_BYTES:
        raise ReadError(
            "too_large", f"{path}: {size} bytes is over the {MAX_FILE_BYTES} byte limit."
        )
    kind = sniff(path)
    ext = path.suffix.lower()
    if kind == "pdf":
        from parsers.readers import pdf

        return pdf.read(path)
    if kind == "docx":
        from parsers.readers import docx

        return docx.read(path)
    if kind in ("xlsx", "xls"):
        from parsers.readers import xlsx

        return xlsx.read(path, kind)
    if kind in ("doc", "rtf", "odt"):
        from parsers.readers import converted

        return converted.read(path, kind)
    if kind == "html":
        from parsers.readers import html

        return html.read(path)
    if kind == "image":
        from parsers.readers import ocr

        return ocr.read_image(path)
    if kind in ("zip", "ole2") and ext in _NAMED_ERRORS:
        error_type, what = _NAMED_ERRORS[ext]
        raise ReadError(error_type, f"{path}: {what} ({_UNSUPPORTED[kind]}).")
    if kind in _UNSUPPORTED:
        raise ReadError("unknown_format", f"{path}: {_UNSUPPORTED[kind]} is not supported.")
    if ext in IMAGE_EXTENSIONS:
        from parsers.readers import ocr

        return ocr.read_image(path)  # the image library explains what is wrong with it
    return _read_as_text(path, ext)


def _read_as_text(path: Path, ext: str) -> Document:
    """Text by decoding: under a text name, no name, or an office name whose content is
    text after all; an unknown name is read only when the bytes decode cleanly."""
    from parsers.readers import text

    try:
        doc = text.read(path)
    except ReadError as exc:
        if ext in _NAMED_ERRORS:
            kind, what = _NAMED_ERRORS[ext]
            raise ReadError(kind, f"{path}: {what} (neither its format nor text).") from exc
        if ext in TEXT_EXTENSIONS or ext == "":
            raise
        raise ReadError("unknown_format", f"{path}: unsupported file type '{ext}'.") from exc
    if ext not in TEXT_EXTENSIONS and ext != "" and not _clean_text(path):
        raise ReadError("unknown_format", f"{path}: unsupported file type '{ext}'.")
    if ext in _NAMED_ERRORS:
        doc.warnings.append(
            ("read", "misnamed_file", f"the file is text, not what its '{ext}' name says")
        )
    return doc


def _clean_text(path: Path) -> bool:
    """No control characters but layout ones: text by content, whatever its name."""
    head = path.read_bytes()[:65536]
    return not any(b < 32 and b not in (9, 10, 12, 13) for b in head)
