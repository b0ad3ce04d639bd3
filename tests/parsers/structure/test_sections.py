"""Headings, levels, domains and responsible units on real sample lines."""

from __future__ import annotations

import pytest

from parsers.model import Document
from parsers.readers.text import text_to_blocks
from parsers.structure import build_structure
from parsers.structure.sections import domain_of, line_heading, parse_label


@pytest.mark.parametrize(
    ("text", "label", "title"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "I", "MỤC ĐÍCH, YÊU CẦU"),
        ("II. MỘT SỐ CHỈ TIÊU VÀ NHIỆM VỤ CHỦ YẾU", "II", "MỘT SỐ CHỈ TIÊU VÀ NHIỆM VỤ CHỦ YẾU"),
        ("IV - TỔ CHỨC THỰC HIỆN", "IV", "TỔ CHỨC THỰC HIỆN"),
        ("1. Mục đích", "1", "Mục đích"),
        ("2.1. Về lĩnh vực kinh tế", "2.1", "Về lĩnh vực kinh tế"),
        ("1,1 Quản lý nhà nước về nông nghiệp", "1,1", "Quản lý nhà nước về nông nghiệp"),
        (
            "a) Nhóm nhiệm vụ về Dịch vụ công trực tuyến",
            "a)",
            "Nhóm nhiệm vụ về Dịch vụ công trực tuyến",
        ),
    ],
)
def test_heading_labels(text, label, title):
    heading = parse_label(text)
    assert (heading.label, heading.title) == (label, title)


@pytest.mark.parametrize(
    "text",
    [
        "1.100 tấn trở lên",
        "Ít nhất 45% người dân",
        "In ấn tài liệu",
        "(1) Hàng năm, thu ngân sách trên địa bàn tăng bình quân 12,5 (%/năm).",
    ],
)
def test_not_headings(text):
    assert line_heading(text, bold=False, heading_level=None) is None


def test_long_numbered_paragraph_is_not_a_heading():
    text = (
        "1. Giao các thành viên Ủy ban nhân dân xã, Thủ trưởng các cơ quan, ban, ngành, đơn vị "
        "trực tiếp chỉ đạo, tổ chức triển khai thực hiện nhiệm vụ, giải pháp theo Kế hoạch."
    )
    assert line_heading(text, bold=False, heading_level=None) is None


@pytest.mark.parametrize(
    ("title", "domain"),
    [
        ("Lĩnh vực kinh tế", "kinh_te"),
        ("Lĩnh vực văn hóa - xã hội", "van_hoa_xa_hoi"),
        ("Lĩnh vực môi trường", "moi_truong"),
        ("Lĩnh vực quốc phòng, an ninh", "quoc_phong_an_ninh"),
        ("Nhóm tiêu chí về an ninh trật tự", "quoc_phong_an_ninh"),
        ("Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội", None),
        ("Kết quả thực hiện cải cách hành chính", "xay_dung_chinh_quyen"),
    ],
)
def test_domains(title, domain):
    assert domain_of(title) == domain


def test_levels_follow_numbering_not_markdown_and_units_come_from_titles():
    text = (
        "## **II. MỘT SỐ CHỈ TIÊU VÀ NHIỆM VỤ CHỦ YẾU**\n\n"
        "### **1. Chỉ tiêu chủ yếu**\n\n"
        "### **III. NHIỆM VỤ VÀ GIẢI PHÁP CỤ THỂ**\n\n"
        "#### **1. Phòng Kinh tế xã chủ trì, phối hợp với các cơ quan liên quan**\n\n"
        "## **2. Phòng Văn hóa - xã hội chủ trì, phối hợp với các cơ quan liên quan**\n"
    )
    doc = Document("x.md", "md", text_to_blocks(text))
    sections = build_structure(doc).sections
    assert [(s.label, s.level) for s in sections] == [
        ("II", 1),
        ("1", 2),
        ("III", 1),
        ("1", 2),
        ("2", 2),
    ]
    assert sections[4].parent_section_id == sections[2].section_id
    assert [s.responsible_unit for s in sections[3:]] == [
        "Phòng Kinh tế xã",
        "Phòng Văn hóa - xã hội",
    ]


def test_unit_in_charge_named_after_the_targets():
    text = (
        "2.3. Về lĩnh vực an ninh\n\n"
        "- Tỷ lệ điều tra, khám phá án đạt trên 80%.\n\n"
        "* Cơ quan thực hiện: Công an xã là cơ quan thường trực, chủ trì tham mưu.\n\n"
        "* Cơ quan phối hợp thực hiện: Ban Chỉ huy Quân sự xã.\n"
    )
    structure = build_structure(Document("x.txt", "txt", text_to_blocks(text)))
    (indicator,) = structure.indicators
    assert indicator.responsible_unit == "Công an xã"
