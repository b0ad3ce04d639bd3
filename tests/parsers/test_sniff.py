"""Files are told apart by content first, extension second (parsers/readers/sniff.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from parsers.model import ReadError
from parsers.readers import read_document
from parsers.readers.sniff import looks_like_html, sniff


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("Kế hoạch phát triển kinh tế - xã hội năm 2025")
    d.save(str(path))
    return path


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Chỉ tiêu", "Kế hoạch"])
    wb.active.append(["Thu ngân sách", 12.5])
    wb.save(str(path))
    return path


def _odt(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _pptx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/ppt/presentation.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
        )
    return path


def _write(data: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


HTML_PAGE = "<!DOCTYPE html><html><body><p>Kế hoạch</p></body></html>".encode()
CASES = [
    # (file name, maker, kind)
    ("plan.docx", _docx, "docx"),
    ("plan.xlsx", _xlsx, "xlsx"),
    ("bieu.docx", _xlsx, "xlsx"),  # a workbook under a Word name
    ("plan.doc", _docx, "docx"),  # a docx saved with the old extension
    ("plan.odt", _odt, "odt"),
    ("slides.docx", _pptx, "pptx"),
    ("page.html", _write(HTML_PAGE), "html"),
    ("page.txt", _write(HTML_PAGE), "html"),
    ("page.htm", _write(b"<p>K\xe1\xba\xbf ho\xe1\xba\xa1ch</p>"), "html"),  # fragment, by name
    ("bold.txt", _write("<b>I. KINH TẾ</b>\nTăng trưởng 8%".encode()), "text"),
    ("plan.pdf.txt", _write(b"%PDF-1.4\n"), "pdf"),
    ("note.rtf", _write(b"{\\rtf1\\ansi hello}"), "rtf"),
    (
        "old.doc",
        _write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")),
        "doc",
    ),
    (
        "old.doc",
        _write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le")),
        "xls",
    ),
]


@pytest.mark.parametrize(("name", "make", "kind"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_sniff_by_content(tmp_path, name, make, kind):
    assert sniff(make(tmp_path / name)) == kind


@pytest.mark.parametrize(
    ("head", "html"),
    [
        (b"<!doctype html><html>", True),
        (b"\xef\xbb\xbf  <html lang='vi'>", True),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", True),
        (b"<!-- saved from url --><head><meta charset='utf-8'>", True),
        (b"<b>I. KINH TE</b>\nTang truong 8%", False),  # inline markup in a text export
        (b"| a | b |\n<br>", False),
    ],
)
def test_html_markup(head, html):
    assert looks_like_html(head) is html


def test_text_renamed_docx_is_read_as_text(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_text("KẾ HOẠCH\nPhát triển kinh tế năm 2025\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "txt"
    assert [line.text for line in doc.lines()][:1] == ["KẾ HOẠCH"]
    assert any(kind == "misnamed_file" for _, kind, _ in doc.warnings)


def test_binary_named_docx_is_not_a_word_document(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.error_type == "not_docx" and "broken.docx" in err.value.message


def test_workbook_named_docx_is_read_as_a_workbook(tmp_path):
    doc = read_document(_xlsx(tmp_path / "bieu.docx"))
    assert doc.format == "xlsx"
    assert doc.tables()[0].rows[1].texts() == ["Thu ngân sách", "12,5"]


@pytest.mark.parametrize(("name", "make"), [("slides.pptx", _pptx), ("notes.zip", None)])
def test_other_packages_are_unknown_formats(tmp_path, name, make):
    path = tmp_path / name
    if make is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("a.txt", "hello")
    else:
        make(path)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.error_type == "unknown_format" and name in err.value.message
