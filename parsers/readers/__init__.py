"""Format readers: one module per format, each turning a file into a `Document`.

`read_document` picks the reader from the file's content first (magic bytes) and its
extension second, so a misnamed file gets the reader that can actually read it, and an
unknown or unreadable file gets a `ReadError` naming the reason.
"""

from __future__ import annotations

from pathlib import Path

from parsers.model import Document, ReadError

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".csv", ".tsv"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
MAX_FILE_BYTES = 200 * 1024 * 1024


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
    with path.open("rb") as fh:
        head = fh.read(8)
    ext = path.suffix.lower()

    if head.startswith(b"%PDF"):
        from parsers.readers import pdf

        return pdf.read(path)
    if head.startswith(b"PK\x03\x04") or ext == ".docx":
        from parsers.readers import docx

        return docx.read(path)
    if ext in IMAGE_EXTENSIONS or _is_image(head):
        from parsers.readers import ocr

        return ocr.read_image(path)
    if ext == ".pdf":
        raise ReadError("corrupt_pdf", f"{path}: the file has a .pdf name but no PDF header.")
    if ext in TEXT_EXTENSIONS or ext == "":
        from parsers.readers import text

        return text.read(path)
    raise ReadError("unknown_format", f"{path}: unsupported file type '{ext}'.")


def _is_image(head: bytes) -> bool:
    return head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM"))
