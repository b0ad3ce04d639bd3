"""Old Word, RTF and OpenDocument files through LibreOffice (parsers/readers/converted.py)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from parsers.model import ReadError
from parsers.readers import converted, read_document

needs_soffice = pytest.mark.skipif(
    converted.soffice() is None,
    reason=f"LibreOffice is not installed (Debian package {converted.DEBIAN_PACKAGE})",
)
RTF = (
    r"{\rtf1\ansi\ansicpg1258\deff0{\fonttbl{\f0 Times New Roman;}}"
    r"\f0 K\u7871?{} ho\u7841?ch ph\u225?t tri\u7875?n n\u259?m 2025\par "
    r"\trowd\cellx2000\cellx4000 T\u7927? l\u7879? h\u7897? ngh\u232?o\cell 1,5%\cell\row "
    r"\trowd\cellx2000\cellx4000 Thu ng\u226?n s\u225?ch\cell 12.500\cell\row }"
)


def test_without_libreoffice_the_error_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    path = tmp_path / "bao-cao.rtf"
    path.write_text(RTF, encoding="ascii")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.error_type == "converter_unavailable"
    assert converted.DEBIAN_PACKAGE in err.value.message and "bao-cao.rtf" in err.value.message


def test_a_hung_conversion_is_stopped(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\n{shutil.which('sleep')} 30 & wait\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(fake.parent))
    monkeypatch.setattr(converted, "CONVERT_TIMEOUT_S", 0.5)
    path = tmp_path / "old.rtf"
    path.write_text(RTF, encoding="ascii")
    with pytest.raises(ReadError) as err:
        converted.to_docx(path, _work(tmp_path), "rtf", 0.5)
    assert err.value.error_type == "conversion_timeout" and "old.rtf" in err.value.message


def _work(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    return work


@needs_soffice
def test_rtf_is_read_through_word(tmp_path):
    path = tmp_path / "bao-cao.rtf"
    path.write_text(RTF, encoding="ascii")
    doc = read_document(path)
    assert doc.format == "rtf" and doc.source_path == str(path)
    assert doc.lines()[0].text == "Kế hoạch phát triển năm 2025"
    assert [r.texts() for r in doc.tables()[0].rows] == [
        ["Tỷ lệ hộ nghèo", "1,5%"],
        ["Thu ngân sách", "12.500"],
    ]


@needs_soffice
@pytest.mark.parametrize("target", ["odt", "doc"])
def test_opendocument_and_old_word_keep_merged_cells(tmp_path, target):
    import docx

    d = docx.Document()
    d.add_paragraph("Biểu chỉ tiêu")
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    for (r, c), text in {(0, 0): "Chỉ tiêu", (0, 1): "Năm 2025", (1, 1): "KH", (1, 2): "TH",
                         (2, 0): "Thu ngân sách", (2, 1): "120", (2, 2): "130"}.items():  # fmt: skip
        t.cell(r, c).text = text
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(0, 0).merge(t.cell(1, 0))
    src = tmp_path / "src" / "bieu.docx"
    src.parent.mkdir()
    d.save(str(src))
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
    from builders import libreoffice_convert

    (odt,) = libreoffice_convert([src], tmp_path / "odt", "odt")
    path = odt if target == "odt" else libreoffice_convert([odt], tmp_path / "doc", "doc")[0]
    doc = read_document(path)
    assert doc.format == target
    (table,) = doc.tables()
    spans = [[(c.text, c.col_span, c.row_span) for c in r.cells] for r in table.rows]
    assert spans[0][0] == ("Chỉ tiêu", 1, 2) and spans[0][1][:2] == ("Năm 2025", 2)
    assert spans[1][0] == ("", 1, 0)
    assert table.rows[2].texts() == ["Thu ngân sách", "120", "130"]


@needs_soffice
def test_a_damaged_old_word_file_is_a_clear_error(tmp_path):
    path = tmp_path / "hong.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") * 50)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.error_type == "not_doc" and "hong.doc" in err.value.message
