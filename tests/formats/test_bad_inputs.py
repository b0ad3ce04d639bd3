"""Files the readers cannot read give one `errors.parquet` row (file, stage, reason) and the
rest of the batch is still ingested."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import builders


def _make_encrypted(out: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), pagesize=A4, encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "Ke hoach")
    c.save()
    return out


def _bad_files(tmp: Path, good_pdf: Path) -> dict[str, tuple[Path, str, str]]:
    """name -> (path, error_type, stage)"""
    files: dict[str, tuple[Path, str, str]] = {}
    enc = _make_encrypted(tmp / "encrypted.pdf")
    files["encrypted"] = (enc, "encrypted_pdf", "read")
    data = good_pdf.read_bytes()
    trunc = tmp / "truncated.pdf"
    trunc.write_bytes(data[: len(data) // 3])
    files["truncated"] = (trunc, "corrupt_pdf", "read")
    notdocx = tmp / "not_word.docx"
    with zipfile.ZipFile(notdocx, "w") as z:
        z.writestr("hello.txt", "not a word file")
    files["zip_not_docx"] = (notdocx, "not_docx", "read")
    fake = tmp / "fake.docx"
    fake.write_bytes(bytes(range(256)) * 20)  # neither a zip package nor text
    files["non_zip_docx"] = (fake, "not_docx", "read")
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    files["empty"] = (empty, "empty_file", "read")
    garbage = tmp / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 40)
    files["binary"] = (garbage, "binary_content", "decode")
    unknown = tmp / "table.xyz"
    unknown.write_bytes(b"\x01\x02 not a known format")
    files["unknown"] = (unknown, "unknown_format", "read")
    blank = tmp / "blank.pdf"
    _blank_pdf(blank)
    files["no_text"] = (blank, "no_text", "read")
    slides = tmp / "slides.docx"  # a PowerPoint file under a Word name
    with zipfile.ZipFile(slides, "w") as z:
        z.writestr("[Content_Types].xml", '<Types ContentType="presentationml.presentation"/>')
    files["pptx_as_docx"] = (slides, "unknown_format", "read")
    return files


def _readable_misnamed(tmp: Path, good_txt: Path) -> dict[str, Path]:
    """Files whose name lies about their format and that are read all the same."""
    import openpyxl

    text_as_docx = tmp / "text_as.docx"
    # not the same bytes as the good text file (that would be `duplicate_content`, and the
    # path holding the rows would be whichever the batch met first)
    text_as_docx.write_bytes(good_txt.read_bytes() + b"\n")
    workbook_as_docx = tmp / "workbook_as.docx"
    wb = openpyxl.Workbook()
    wb.active.append(["TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch 2025"])
    wb.active.append([1, "Tỷ lệ hộ nghèo", "%", 1.5])
    wb.save(str(workbook_as_docx))
    page_as_txt = tmp / "page_as.txt"
    page_as_txt.write_text(
        "<!DOCTYPE html><html><body><p>Tỷ lệ che phủ rừng đạt 45%</p></body></html>",
        encoding="utf-8",
    )
    return {"txt": text_as_docx, "xlsx": workbook_as_docx, "html": page_as_txt}


def _blank_pdf(out: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out))
    c.line(72, 72, 300, 72)
    c.showPage()
    c.save()


@pytest.mark.slow
def test_bad_inputs_become_error_rows(build, tmp_path):
    from pipeline.ingest import ingest_paths

    good_txt = builders.SEEDS_DIR / "000_a3da322a374b1dd7.txt"
    good_docx = build("000_a3da322a374b1dd7", "docx")[0]
    good_pdf = build("000_a3da322a374b1dd7", "pdf")[0]
    bad = _bad_files(tmp_path, good_pdf)
    misnamed = _readable_misnamed(tmp_path, good_txt)
    lock = tmp_path / "~$ke-hoach.docx"
    lock.write_bytes(b"\x06nguyen" + b"\x00" * 150)
    out = tmp_path / "out"
    inputs = [good_txt, good_docx, good_pdf, lock, *misnamed.values()]
    summary = ingest_paths(inputs + [p for p, _, _ in bad.values()], out)
    errors = pd.read_parquet(out / "errors.parquet")
    documents = pd.read_parquet(out / "documents.parquet")
    ok = documents[documents.status != "failed"]
    assert {Path(p).suffix for p in ok.source_path} >= {".txt", ".docx", ".pdf"}
    for fmt, path in misnamed.items():  # read by content, whatever the name says
        row = documents[documents.source_path == str(path)]
        assert list(row.status) in (["ok"], ["partial"]), f"{path.name}: {list(row.status)}"
        assert list(row.format) == [fmt], f"{path.name} read as {list(row.format)}"
    assert str(lock) not in set(documents.source_path)  # a lock file: skipped, not failed
    lock_rows = errors[errors.source_path == str(lock)]
    assert list(lock_rows.severity) == ["warning"] and lock.name in lock_rows.message.iloc[0]
    assert str(lock) not in summary.failed_files
    for name, (path, error_type, _stage) in bad.items():
        rows = errors[errors.source_path == str(path)]
        assert len(rows) >= 1, f"{name}: no error row for {path}"
        row = rows.iloc[0]
        assert row.error_type == error_type, f"{name}: {row.error_type} != {error_type}"
        assert path.name in row.message, f"{name}: message does not name the file: {row.message}"
        assert row.message.strip(), name


def test_encrypted_pdf_message_names_the_reason(tmp_path):
    from parsers.model import ReadError
    from parsers.readers import read_document

    enc = _make_encrypted(tmp_path / "locked.pdf")
    with pytest.raises(ReadError) as err:
        read_document(enc)
    assert err.value.error_type == "encrypted_pdf"
    assert "password" in err.value.message and "locked.pdf" in err.value.message
