"""The web page reader (parsers/readers/html.py): tables with spans, headings and lists as
lines, boilerplate dropped, declared encodings honoured."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.model import Line, Table
from parsers.readers import read_document

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>t</title>
<script>var x = "<p>không phải nội dung</p>";</script><style>p {{ color: red }}</style></head>
<body>
<div id="header-top"><a href="/">Trang chủ</a> | <a href="/gt">Giới thiệu</a></div>
<nav><ul><li>Tin tức</li><li>Văn bản</li></ul></nav>
<header><h1>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN</h1></header>
{body}
<div class="box-share">Chia sẻ | In bài</div>
<footer><p>Bản quyền thuộc UBND huyện</p></footer>
</body></html>"""


def _page(tmp_path: Path, body: str, charset: str = "utf-8", name: str = "p.html") -> Path:
    path = tmp_path / name
    text = PAGE.format(charset=charset, body=body)
    if charset.lower() == "windows-1258":
        import sys

        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
        from builders import encode_cp1258

        path.write_bytes(encode_cp1258(text))
    else:
        path.write_bytes(text.encode(charset))
    return path


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Line)]


def test_boilerplate_is_dropped_and_prose_kept(tmp_path):
    body = (
        "<div class='content'><h2>KẾ HOẠCH</h2><p>Phát triển <b>kinh tế</b> năm 2025;</p>"
        "<p><strong>I. MỤC TIÊU</strong></p><p>Tỷ lệ hộ nghèo giảm <i>1,5%</i>.</p></div>"
    )
    doc = read_document(_page(tmp_path, body))
    assert doc.format == "html"
    assert _texts(doc) == [
        "KẾ HOẠCH",
        "Phát triển kinh tế năm 2025;",
        "I. MỤC TIÊU",
        "Tỷ lệ hộ nghèo giảm 1,5%.",
    ]
    lines = doc.lines()
    assert lines[0].heading_level == 2 and lines[2].bold and not lines[1].bold
    assert [ln.line_start for ln in lines] == [1, 2, 3, 4]


def test_header_inside_the_article_is_kept(tmp_path):
    body = (
        "<article><header><h1>Báo cáo kết quả năm 2024</h1></header>"
        "<p>Tổng thu ngân sách đạt 125 tỷ đồng, bằng 104% dự toán.</p>"
        "<div class='box tinlienquan'><p>Tỷ lệ hộ nghèo giảm 2% năm 2023</p></div>"
        "<div class='noi-dung-chinh'>Đạt 95% kế hoạch</div></article>"  # not a boilerplate word
        "<aside><p>Tin liên quan: Hội nghị tổng kết</p></aside>"
    )
    assert _texts(read_document(_page(tmp_path, body))) == [
        "Báo cáo kết quả năm 2024",
        "Tổng thu ngân sách đạt 125 tỷ đồng, bằng 104% dự toán.",
        "Đạt 95% kế hoạch",
    ]


def test_lists_get_the_markers_a_browser_shows(tmp_path):
    body = (
        "<ul><li>Tăng trưởng kinh tế 8%</li><li>- Thu nhập bình quân 60 triệu đồng</li></ul>"
        "<ol start='3'><li>Tỷ lệ che phủ rừng 45%</li><li>(4) Trường đạt chuẩn 80%</li></ol>"
    )
    assert _texts(read_document(_page(tmp_path, body))) == [
        "- Tăng trưởng kinh tế 8%",
        "- Thu nhập bình quân 60 triệu đồng",
        "3. Tỷ lệ che phủ rừng 45%",
        "(4) Trường đạt chuẩn 80%",
    ]


def test_table_spans_follow_the_word_convention(tmp_path):
    body = (
        "<p>Đơn vị tính: triệu đồng</p>"
        "<table><tr><th rowspan='2'>TT</th><th rowspan='2'>Chỉ tiêu</th>"
        "<th colspan='2'>Năm 2025</th></tr><tr><th>KH</th><th>TH</th></tr>"
        "<tr><td>1</td><td><b>Thu ngân sách</b></td><td>12.500</td><td>13.100,5</td></tr>"
        "<tr><td>2<td>Chi ngân sách<td>9.000<td>8.750</table>"  # unclosed cells
    )
    doc = read_document(_page(tmp_path, body))
    (table,) = doc.tables()
    assert table.unit == "triệu đồng"
    spans = [[(c.text, c.col_span, c.row_span) for c in r.cells] for r in table.rows]
    assert spans[0] == [("TT", 1, 2), ("Chỉ tiêu", 1, 2), ("Năm 2025", 2, 1), ("", 0, 1)]
    assert spans[1] == [("", 1, 0), ("", 1, 0), ("KH", 1, 1), ("TH", 1, 1)]
    assert table.rows[2].texts() == ["1", "Thu ngân sách", "12.500", "13.100,5"]
    assert table.rows[2].cells[1].bold and not table.rows[2].cells[2].bold
    assert table.rows[3].texts() == ["2", "Chi ngân sách", "9.000", "8.750"]
    assert [r.line_start for r in table.rows] == [2, 3, 4, 5]


def test_rowspan_in_the_body_and_past_the_end(tmp_path):
    body = (
        "<table><tr><td>TT</td><td>Lĩnh vực</td><td>Chỉ tiêu</td></tr>"
        "<tr><td rowspan='2'>1</td><td rowspan='99'>Y tế</td><td>Bác sĩ/vạn dân</td></tr>"
        "<tr><td>Giường bệnh/vạn dân</td></tr></table>"
    )
    (table,) = read_document(_page(tmp_path, body)).tables()
    assert table.rows[1].cells[1].row_span == 2  # clamped to the table's last row
    assert [(c.text, c.col_span, c.row_span) for c in table.rows[2].cells] == [
        ("", 1, 0),
        ("", 1, 0),
        ("Giường bệnh/vạn dân", 1, 1),
    ]


def test_layout_tables_are_read_as_text(tmp_path):
    body = (
        "<table><tr><td><p>ỦY BAN NHÂN DÂN XÃ</p><table><tr><td>a</td><td>b</td></tr></table>"
        "</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr></table>"
        "<table><tr><td>Số: 12/KH-UBND</td></tr><tr><td>Kế hoạch năm 2025</td></tr></table>"
        "<table><tr><td><table><tr><td>c</td><td>d</td></tr></table>Xã Đức Giang</td>"
        "<td>ngày 5 tháng 3 năm 2025</td></tr></table>"
    )
    doc = read_document(_page(tmp_path, body))
    # a cell holding a table, and a one-column table, are layout; the inner table is data
    assert [t.rows[0].texts() for t in doc.tables()] == [["a", "b"], ["c", "d"]]
    texts = _texts(doc)
    assert "ỦY BAN NHÂN DÂN XÃ" in texts and "Số: 12/KH-UBND" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert texts[-2:] == ["Xã Đức Giang", "ngày 5 tháng 3 năm 2025"]  # a line per layout cell


@pytest.mark.parametrize("charset", ["utf-8", "windows-1258", "utf-16"])
def test_declared_encodings(tmp_path, charset):
    body = "<p>Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm còn 18,5%</p>"
    doc = read_document(_page(tmp_path, body, charset))
    assert _texts(doc) == ["Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm còn 18,5%"]


def _tcvn3_bytes(text: str) -> bytes:
    from normalizers.encoding import _tcvn3_table

    back = {ch: byte for byte, ch in _tcvn3_table().items()}
    return bytes(back.get(ch, ord(ch)) for ch in text)


@pytest.mark.parametrize("meta", ["", "<meta charset='iso-8859-1'>"])
def test_legacy_font_pages_are_recognised(tmp_path, meta):
    """A page typed in a TCVN3 (.VnTime) font declares nothing, or Latin-1."""
    words = "Tổng sản phẩm trên địa bàn tăng trưởng bình quân hằng năm đạt từ 8% trở lên"
    path = tmp_path / "vntime.html"
    path.write_bytes(
        f"<html><head>{meta}<title>x</title></head><body><p>".encode()
        + _tcvn3_bytes(words.lower())
        + b"</p></body></html>"
    )
    assert _texts(read_document(path)) == [words.lower()]


def test_html_without_markup_structure_is_still_read(tmp_path):
    path = tmp_path / "fragment.htm"
    path.write_text("<p>Kế hoạch<br>phát triển <b>2025", encoding="utf-8")
    assert _texts(read_document(path)) == ["Kế hoạch", "phát triển 2025"]


def test_a_page_is_one_table_when_the_source_splits_it(tmp_path):
    """Two adjacent tables of one width (a table split at a page break in the Word file
    the page was saved from): joined, the repeated header dropped."""
    head = "<tr><td>TT</td><td>Chỉ tiêu</td><td>KH 2025</td></tr>"
    body = (
        f"<table>{head}<tr><td>1</td><td>Thu ngân sách</td><td>120</td></tr></table>"
        f"<table>{head}<tr><td>2</td><td>Chi ngân sách</td><td>100</td></tr></table>"
        "<p>Ghi chú: số liệu ước</p>"
        f"<table>{head}<tr><td>3</td><td>Vốn đầu tư</td><td>50</td></tr></table>"
    )
    blocks = read_document(_page(tmp_path, body)).blocks
    assert [type(b).__name__ for b in blocks] == ["Table", "Line", "Table"]
    assert [r.texts()[1] for r in blocks[0].rows] == ["Chỉ tiêu", "Thu ngân sách", "Chi ngân sách"]
    assert isinstance(blocks[2], Table) and len(blocks[2].rows) == 2
