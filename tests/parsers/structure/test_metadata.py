"""Document metadata from title blocks shaped like the samples'."""

from __future__ import annotations

import pytest

from parsers.model import Document
from parsers.readers.text import text_to_blocks
from parsers.structure.metadata import read_metadata


def meta_of(text: str):
    return read_metadata(Document("x.txt", "txt", text_to_blocks(text)))


def test_appendix_attached_to_a_programme():
    m = meta_of(
        "PHỤ LỤC 2 CÁC CHỈ TIÊU CỤ THỂ\n\n"
        "(Kèm theo Chương trình hành động số /CTr-UBND ngày /6/2026 của UBND xã Xuân Quế)\n\n"
        "TT\tChỉ tiêu\tMục tiêu\n4\tTỷ lệ hộ nghèo giai đoạn 2026 - 2030.\tKhông có hộ nghèo\n"
    )
    assert (m.doc_type, m.admin_level, m.locality, m.doc_number) == (
        "phu_luc",
        "xa",
        "Xuân Quế",
        None,
    )
    assert (m.period_start, m.period_end) == (2026, 2030)


def test_report_table_of_a_district():
    m = meta_of(
        "BIỂU ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT NĂM 2024; MỤC TIÊU NĂM 2025\n\n"
        "(Kèm theo Báo cáo số 5596/BC-UBND, ngày 04 tháng 12 năm 2024 của Ủy ban nhân dân huyện)\n"
    )
    assert (m.doc_type, m.doc_number, m.admin_level, m.locality) == (
        "bieu",
        "5596/BC-UBND",
        "huyen",
        None,
    )
    assert (m.period_start, m.period_end, m.issued_date) == (2024, 2025, "2024-12-04")


@pytest.mark.parametrize(
    ("text", "locality", "period"),
    [
        (
            "Số: /KH-UBND\n\nCẩm Lương, ngày tháng 8 năm 2023\n\n**KẾ HOẠCH**\n\n**Thẩm định năm 2023  \n"
            "trên địa bàn xã Cẩm Lương**\n\nThực hiện Công văn số 2096/UBND-NV ngày 24/8/2023 của UBND "
            "huyện Cẩm Thủy. UBND xã Cẩm Lương xây dựng Kế hoạch.\n",
            "Cẩm Lương",
            (2023, 2023),
        ),
        (
            "Số: /KH-UBND\n\nAn Hưng, ngày tháng năm 2026\n\n**KẾ HOẠCH****Phát triển kinh tế - xã hội  \n"
            "của xã An Hưng giai đoạn 2026 - 2030**\n\nThực hiện Kế hoạch số 109/KH-UBND của Ủy ban nhân "
            "dân thành phố Hải Phòng. Ủy ban nhân dân xã An Hưng ban hành Kế hoạch.\n",
            "An Hưng",
            (2026, 2030),
        ),
    ],
)
def test_plan_issuer_is_the_dated_place_not_the_cited_authority(text, locality, period):
    m = meta_of(text)
    assert (m.doc_type, m.admin_level, m.locality) == ("ke_hoach", "xa", locality)
    assert (m.period_start, m.period_end) == period
    assert m.doc_number is None


# Title blocks of wild documents (two of each kind), as the legal-document site exports them.
LEGAL_TITLE_BLOCKS = [
    (
        "luat",
        "QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nLuật số: 60/2024/QH15 |\n|\n"
        "**LUẬT**\n\n**DỮ LIỆU**\n\n*Căn cứ **Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam**;*\n",
    ),
    (
        "luat",
        "**LUẬT**\n\n**CÁN BỘ, CÔNG CHỨC**\n\n*Căn cứ Hiến pháp nước Cộng hòa xã hội"
        " chủ nghĩa Việt Nam;*\n",
    ),
    (
        "nghi_dinh",
        "**NGHỊ ĐỊNH**\nVỀ\nVIỆN TRỢ CỦA VIỆT NAM CHO NƯỚC NGOÀI\n\n*Căn cứ Luật Tổ chức\n"
        "Chính phủ số 63/2025/QH15;*\n",
    ),
    ("nghi_dinh", "**NGHỊ ĐỊNH**\n\nQuy định về đào tạo, bồi dưỡng công chức\n"),
    (
        "thong_tu",
        "|\n**BỘ\nCÔNG THƯƠNG**\n-------\n|\n|\nSố:\n57/VBHN-BCT\n|\n\n**THÔNG TƯ**\n\n"
        "QUY ĐỊNH HỒ SƠ, TRÌNH\nTỰ, THỦ TỤC, PHƯƠNG PHÁP XÁC ĐỊNH, PHÊ DUYỆT KHUNG GIÁ PHÁT ĐIỆN\n",
    ),
    ("thong_tu", "**THÔNG TƯ**\n\nQUY ĐỊNH MỘT SỐ NỘI DUNG KỸ THUẬT TRONG HOẠT ĐỘNG DẦU KHÍ\n"),
    (
        "thu_tuc",
        "Số: 4001/QĐ-BKHCN\n|\n\n**QUYẾT ĐỊNH**\n\nVỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH MỚI"
        " BAN HÀNH VÀ BỊ BÃI BỎ\nLĨNH VỰC HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ\n",
    ),
    (
        "thu_tuc",
        "Số: 3621/QĐ-BYT\n|\n\n**QUYẾT ĐỊNH**\n\nVỀ VIỆC BAN HÀNH QUY TRÌNH GIẢI QUYẾT THỦ"
        " TỤC HÀNH CHÍNH\nLĨNH VỰC THI ĐUA KHEN THƯỞNG THỰC HIỆN THỐNG NHẤT TRÊN TOÀN QUỐC\n",
    ),
    (
        "hoi_dap",
        "# Con có được ủy quyền cho cha mẹ cải chính hộ tịch không? Cải chính hộ tịch được"
        " thực hiện trong những trường hợp nào?\n\n**Cải chính hộ tịch được thực hiện ra sao?**\n",
    ),
    (
        "hoi_dap",
        "# Bị đơn trong vụ án dân sự là ai?\n\nCăn cứ theo Điều 68 Bộ luật tố tụng dân sự"
        " 2015 quy định như sau:\n",
    ),
    # Must not trigger: a decision issuing a plan is a decision (its plan states targets);
    # a plan about procedures is a plan; an encyclopaedia page is no Q&A; a question in
    # the body of a page is not its title.
    (
        "quyet_dinh",
        "**QUYẾT ĐỊNH**\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH"
        " SƠN LA GIAI ĐOẠN 2026 - 2030\n",
    ),
    ("ke_hoach", "**KẾ HOẠCH**\n\nRà soát, đơn giản hóa thủ tục hành chính năm 2025\n"),
    ("other", "# Khu di tích Pác Bó\n\n**Khu di tích Pác Bó** là một khu di tích lịch sử?\n"),
    ("other", "Quà tặng cho thầy cô\n\nNgày 20/11 là dịp gì?\n"),
]


@pytest.mark.parametrize(("doc_type", "text"), LEGAL_TITLE_BLOCKS)
def test_doc_type_from_the_title_block(doc_type, text):
    assert meta_of(text).doc_type == doc_type


def test_the_title_block_stops_at_the_preamble():
    assert meta_of(LEGAL_TITLE_BLOCKS[0][1]).title == "LUẬT DỮ LIỆU"


@pytest.mark.parametrize(
    "text",
    [
        # wild: an airline's article, its infobox then a section with the wiki's edit link
        "# VietJet Air\n\n| Thành lập | 2007 |\n|---|---|\n| Số máy bay | 105 |\n\n"
        "[sửa | sửa mã nguồn]### Bước đầu\n\nNăm 2011 hãng bay chuyến đầu tiên.\n",
        # wild: a ward's article
        "# Trần Hưng Đạo, Quy Nhơn\n\n| Diện tích | 0,32 km² |\n|---|---|\n\n"
        "[sửa | sửa mã nguồn]Phường Trần Hưng Đạo được chia thành 7 khu vực.\n",
    ],
)
def test_a_wiki_article_is_an_encyclopedia_entry(text):
    assert meta_of(text).doc_type == "bach_khoa"


def test_a_plan_quoting_a_source_is_no_encyclopedia_entry():
    text = "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2025\n\n1. Tỷ lệ hộ nghèo giảm còn 2%.\n"
    assert meta_of(text).doc_type == "ke_hoach"
