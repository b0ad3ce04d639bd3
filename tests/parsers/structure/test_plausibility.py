"""The plausibility gate: implausible names and the fragments of regulating documents are
dropped, counted in a note; real indicators (short names included) pass.

Fragments come from the dev corpus (`tests/corpus/dev/docs`) and the wild corpus
(`../shared/corpus/wild`, file ids in the comments)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers.model import Document
from parsers.readers.text import read, text_to_blocks
from parsers.structure import build_structure
from parsers.structure.plausibility import LEGAL_FRAGMENT, is_regulating, name_flaw
from parsers.structure.records import Metadata

ROOT = Path(__file__).resolve().parents[3]
GOLD_DIRS = [ROOT / "tests" / "corpus" / "dev" / "gold", ROOT / "tests" / "gold"]


def doc_of(text: str) -> Document:
    return Document("x.md", "md", text_to_blocks(text))


# --- names --------------------------------------------------------------------------------

# (name as the stages assembled it, where it came from, the reason)
IMPLAUSIBLE = [
    ("68", "wild 39913700: a population table's bare number", "few_letters"),
    ("9X", "wild 001ad30c: an infobox cell", "few_letters"),
    ("1996", "wild 001ad30c: a year column", "few_letters"),
    ("“", "wild 07f6d451: an opening quote", "few_letters"),
    (") |", "wild 09f47189: a table's stray closing", "few_letters"),
    ("2007 – 2017", "wild 001ad30c: a term of office, a range", "few_letters"),
    ("< 5", "a comparator and a number", "few_letters"),
    ("29 tháng 11 năm 1890", "wild 23394691: a timeline row", "date"),
    ("Tháng 5 năm 1924", "wild 41b04abb: a timeline row", "date"),
    ("Ngày 01/09/2012", "wild 0ad4ef51: a dated row", "date"),
    (
        "Thứ Ba, ngày 27 tháng 9 năm 2022",
        "dev w5_huyen-cangio: the page's date line",
        "page_chrome",
    ),
    ("Cập nhật lúc 13:35, 20/08/2011", "wild 8154484e: a citation's update stamp", "page_chrome"),
    ("Lượt xem: 1.234", "a view counter", "page_chrome"),
    ("ISBN 978", "wild 057be100, 12b5cd0e: a book reference", "reference_id"),
    ("ISBN", "wild 01db90c7: a book reference", "reference_id"),
    ("ISSN", "wild 11589070: a journal infobox", "reference_id"),
    ("9 tháng", "wild 2d737276: a column's period as a row", "date"),
    ("Lũy kế 10 tháng đầu năm", "dev w3_tinh-phutho: a period, no metric", "date"),
    (
        "Chương trình Khuyến nông tỉnh Lạng Sơn giai đoạn 2026-2030 thực hiện với những mục tiêu nào?",
        "dev w1_tinh-langson: the Q&A article's heading",
        "question",
    ),
    (
        "Dự án thành phần cao tốc Bắc Nam gồm những dự án nào?",
        "wild baaa6877: a Q&A heading",
        "question",
    ),
    ("Nghị quyết 59-NQ/TW", "dev w2_quocgia-nq59: a cited resolution", "document_reference"),
    ("Số: 2629/QĐ-TTg", "wild 2edf5927: a title block's number", "document_reference"),
    ("Trên đây", "dev w2_quocgia-giaingan, w2_quocgia-nq59: `Trên đây là …`", "no_content_word"),
    ("Như vậy", "wild 5340b61d: a sentence's connective", "no_content_word"),
    ("Theo đó, dưới đây", "wild 1864795d", "no_content_word"),
]


@pytest.mark.parametrize(("name", "origin", "reason"), IMPLAUSIBLE)
def test_implausible_names_are_flagged(name, origin, reason):
    assert name_flaw(name) == reason, origin


# Real indicators that must pass: short names, years, targets with dates in the name.
PLAUSIBLE = [
    ("GRDP", False),
    ("FDI", False),
    ("GDP bình quân đầu người", False),  # wild f3abaf4f
    ("Năm 2026", False),  # dev w1_tinh-langson: a budget table's row by year
    ("Đến năm 2030", False),  # sample 002
    ("Kinh phí năm 2026", False),
    ("Tăng trưởng GRDP 09 tháng đầu năm", False),  # wild 98be6e04
    ("Bò", True),  # dev w5_xa-ducgiang: a sub-row under `Tổng đàn trâu, bò`
    ("Chè", True),  # dev w4_tinh-sonla
    ("**Tỷ lệ hộ nghèo**", False),
    ("Trong đó", False),  # dev w5_xa-ducgiang: the head of a row's parts
    ("Thu ngân sách 10 tháng", False),  # a period with a metric
    ("Số hộ nghèo", False),  # `số` opens a name, not a document number
    ("Kế hoạch vốn năm 2025 (tỷ đồng)", False),
]


@pytest.mark.parametrize(("name", "sub_row"), PLAUSIBLE)
def test_real_indicator_names_pass(name, sub_row):
    assert name_flaw(name, sub_row=sub_row) is None


def test_a_short_word_passes_only_as_a_sub_row():
    assert name_flaw("Bò", sub_row=True) is None
    assert name_flaw("Bò") == "few_letters"
    assert name_flaw("12", sub_row=True) == "few_letters"  # a number is never a word


def gold_names() -> list[tuple[str, bool]]:
    out = []
    for folder in GOLD_DIRS:
        for path in sorted(folder.glob("*.json")):
            for ind in json.loads(path.read_text(encoding="utf-8"))["indicators"]:
                out.append((ind["name"], bool(ind.get("parent"))))
    return out


def test_no_gold_indicator_name_is_flagged():
    names = gold_names()
    assert len(names) > 500  # the dev corpus and the samples were found
    flagged = [(n, name_flaw(n, sub_row=sub)) for n, sub in names]
    assert [f for f in flagged if f[1] is not None] == []


# --- regulating documents ----------------------------------------------------------------

# Wild 70180aec: a joint resolution laying down rules, in articles.
RESOLUTION_OF_RULES = """**NGHỊ QUYẾT LIÊN TỊCH**

**Quy định chi tiết việc tổ chức tiếp xúc cử tri của đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp**

**QUỐC HỘI**

**Điều 1. Phạm vi điều chỉnh**

Nghị quyết này quy định về hoạt động tiếp xúc cử tri của đại biểu Quốc hội, đại biểu Hội đồng nhân dân các cấp.

**Điều 5. Thông báo kế hoạch tiếp xúc cử tri**

3. Chậm nhất là 07 ngày làm việc, trước ngày tiếp xúc cử tri của đại biểu Quốc hội, Đoàn đại biểu Quốc hội gửi kế hoạch tiếp xúc cử tri đến cơ quan báo chí ở địa phương.

b) Chậm nhất là 05 ngày làm việc, trước ngày tiếp xúc cử tri của đại biểu Hội đồng nhân dân, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp gửi kế hoạch tiếp xúc cử tri đến các cơ quan báo chí ở địa phương.
"""

# Wild fcf5e41b: a decision announcing administrative procedures (no articles quoted).
PROCEDURE_BODY = """**d) Thời gian giải quyết:**

- Thời hạn thẩm định, công nhận kết quả thăm dò khoáng sản đối với khoáng sản nhóm I, nhóm II có quy mô phân tán, nhỏ lẻ tối đa là 60 ngày kể từ ngày nhận đủ hồ sơ đề nghị công nhận kết quả thăm dò khoáng sản hợp lệ;

- Thời hạn thẩm định, công nhận kết quả thăm dò khoáng sản đối với khoáng sản nhóm III tối đa là 45 ngày kể từ ngày nhận đủ hồ sơ đề nghị công nhận kết quả thăm dò khoáng sản hợp lệ.
"""
PROCEDURE = (
    "**QUYẾT ĐỊNH**\n\nVỀ VIỆC CÔNG BỐ BỔ SUNG THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC ĐỊA CHẤT VÀ"
    " KHOÁNG SẢN\n\n**BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG**\n\n" + PROCEDURE_BODY
)


@pytest.mark.parametrize("text", [RESOLUTION_OF_RULES, PROCEDURE], ids=["rules", "procedure"])
def test_a_regulating_document_stating_no_indicators_yields_none(text):
    s = build_structure(doc_of(text))
    assert s.indicators == []
    notes = [n for n in s.notes if n[1] == LEGAL_FRAGMENT]
    assert len(notes) == 1  # counted, not silently lost
    assert int(notes[0][2].split()[0]) >= 2  # the fragments the stages had assembled


# Wild 231323ba: a legal site's Q&A article about a fine, quoting a decree's clauses.
FINE_QA = """# Người điều khiển xe đạp dừng xe đột ngột khi tham gia giao thông bị phạt bao nhiêu tiền? Quy định về người điều khiển xe đạp?
**Người điều khiển xe đạp dừng xe đột ngột khi tham gia giao thông bị phạt bao nhiêu tiền?**

Căn cứ vào điểm b khoản 1 Điều 9 Nghị định 168/2024/NĐ-CP quy định:

Xử phạt người điều khiển xe đạp, xe đạp máy, người điều khiển xe thô sơ khác vi phạm quy tắc giao thông đường bộ

1. Phạt tiền từ 100.000 đồng đến 200.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:

a) Không đi bên phải theo chiều đi của mình, đi không đúng phần đường quy định;

b) Dừng xe đột ngột; chuyển hướng không báo hiệu trước;

c) Không chấp hành hiệu lệnh hoặc chỉ dẫn của biển báo hiệu, vạch kẻ đường, trừ các hành vi vi phạm quy định tại điểm đ khoản 2, điểm c khoản 3 Điều này;

d) Vượt bên phải trong các trường hợp không được phép;

đ) Dừng xe, đỗ xe trên phần đường xe chạy ở đoạn đường ngoài đô thị nơi có lề đường;

e) Chạy trong hầm đường bộ không bật đèn hoặc không có vật phát sáng báo hiệu; dừng xe, đỗ xe trong hầm đường bộ không đúng nơi quy định; quay đầu xe trong hầm đường bộ;

g) Điều khiển xe đạp, xe đạp máy đi dàn hàng ngang từ 03 xe trở lên, xe thô sơ khác đi dàn hàng ngang từ 02 xe trở lên;

Như vậy, người điều khiển xe đạp dừng xe đột ngột khi tham gia giao thông sẽ bị phạt tiền từ từ 100.000 đồng đến 200.000.

"""


def test_a_q_and_a_article_about_rules_yields_none():
    s = build_structure(doc_of(FINE_QA))
    assert s.metadata.doc_type == "hoi_dap"
    assert s.indicators == []
    assert [n[1] for n in s.notes] == [LEGAL_FRAGMENT]


def test_a_q_and_a_article_about_a_plan_keeps_its_indicators():
    """Dev w1_tinh-langson: a Q&A article quoting a programme's targets."""
    path = (
        ROOT / "tests" / "corpus" / "dev" / "docs" / "w1_tinh-langson-ctr-khuyennong-2026-2030.md"
    )
    s = build_structure(read(path))
    assert s.metadata.doc_type == "hoi_dap"
    assert len(s.indicators) >= 15
    assert [n for n in s.notes if n[1] == LEGAL_FRAGMENT] == []


def test_the_same_clauses_in_a_plan_are_kept():
    """Not a blacklist of sentences: under a plan's title the clauses stay."""
    text = "**KẾ HOẠCH**\n\n**Cải cách thủ tục hành chính năm 2025**\n\n" + PROCEDURE_BODY
    s = build_structure(doc_of(text))
    assert len(s.indicators) >= 2
    assert s.notes == []


# Wild f3abaf4f: a resolution amending a plan, its targets in an article.
PLAN_RESOLUTION = """**NGHỊ QUYẾT**

**Về bổ sung Kế hoạch phát triển kinh tế - xã hội năm 2025 với mục tiêu tăng trưởng đạt 8% trở lên**

**QUỐC HỘI**

**Điều 1. Mục tiêu, chỉ tiêu**

b) Điều chỉnh một số chỉ tiêu chủ yếu:

- Tốc độ tăng tổng sản phẩm trong nước (GDP) đạt 8% trở lên, quy mô GDP năm 2025 đạt khoảng trên 500 tỉ đô la Mỹ (USD).

- GDP bình quân đầu người khoảng trên 5.000 USD.

**Điều 2. Nhiệm vụ và giải pháp chủ yếu**
"""


def test_a_resolution_amending_a_plan_keeps_its_targets():
    s = build_structure(doc_of(PLAN_RESOLUTION))
    names = " | ".join(i.name for i in s.indicators)
    assert "GDP bình quân đầu người" in names
    assert [n for n in s.notes if n[1] == LEGAL_FRAGMENT] == []


def test_targets_stated_in_a_regulating_document_are_kept():
    """A resolution of rules that also lists targets under `chỉ tiêu`: those stay, the
    clause fragments go."""
    text = RESOLUTION_OF_RULES + "\n" + PLAN_RESOLUTION.split("**QUỐC HỘI**\n")[1]
    s = build_structure(doc_of(text))
    names = " | ".join(i.name for i in s.indicators)
    assert "GDP bình quân đầu người" in names
    assert "Chậm nhất" not in names
    assert [n for n in s.notes if n[1] == LEGAL_FRAGMENT] != []


def test_a_decision_issuing_a_plan_keeps_its_indicators():
    """Dev w4_tinh-sonla: `QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH …`, with articles."""
    path = ROOT / "tests" / "corpus" / "dev" / "docs" / "w4_tinh-sonla-kh-xuatkhau-2026-2030.md"
    s = build_structure(read(path))
    assert s.metadata.doc_type == "quyet_dinh"
    assert len(s.indicators) >= 50
    assert [n for n in s.notes if n[1] == LEGAL_FRAGMENT] == []


@pytest.mark.parametrize(
    ("doc_type", "title", "regulating"),
    [
        ("nghi_dinh", "NGHỊ ĐỊNH Quy định về đào tạo, bồi dưỡng công chức", True),  # wild e4ddc120
        ("quyet_dinh", "QUYẾT ĐỊNH BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ CHẤT THẢI RẮN", True),  # ac0f18a2
        ("quyet_dinh", "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM", False),
        ("nghi_quyet", "NGHỊ QUYẾT Về bổ sung Kế hoạch phát triển kinh tế - xã hội", False),
        ("ke_hoach", "KẾ HOẠCH Cải cách thủ tục hành chính", False),
        ("thong_bao", "THÔNG BÁO KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ", False),  # dev w1_thanhhoa
        # Q&A articles of a legal site: about a plan (dev w1_tinh-langson) or about rules
        ("hoi_dap", "Chương trình Khuyến nông tỉnh Lạng Sơn giai đoạn 2026-2030?", False),
        (
            "hoi_dap",
            "Tính đến hết 27/11/2025 cả nước có 25 bộ có tỷ lệ giải ngân",
            False,
        ),  # dev w2_quocgia-giaingan
        (
            "hoi_dap",
            "Người điều khiển xe đạp dừng xe đột ngột khi tham gia giao thông bị phạt bao nhiêu tiền?",
            True,
        ),  # wild: a fines Q&A
        ("other", "Kinh tế Việt Nam", False),
    ],
)
def test_which_documents_regulate(doc_type, title, regulating):
    assert is_regulating(Metadata(title=title, doc_type=doc_type)) is regulating


def test_a_dropped_parent_leaves_its_sub_rows_standing():
    text = (
        "KẾ HOẠCH\n\n| TT | Chỉ tiêu | Kế hoạch năm 2025 |\n|---|---|---|\n"
        "| 1 | 68 | 5 |\n| - | Tỷ lệ hộ nghèo | 2% |\n"
    )
    s = build_structure(doc_of(text))
    ids = {i.indicator_id for i in s.indicators}
    assert all(i.parent_indicator_id in ids | {None} for i in s.indicators)


@pytest.mark.parametrize(
    "text",
    [
        # wild: a theatre director's article (infobox keys as a key-value table)
        "# Hoàng Dũng\n\n| Hoàng Dũng | |\n|---|---|\n| Nhiệm kỳ | 2007 – 2017 |\n"
        "| Kế nhiệm | NSND Nguyễn Trung Hiếu |\n\n[sửa | sửa mã nguồn]### Sự nghiệp\n\n"
        "Ông có 40 năm công tác, dàn dựng hơn 30 vở kịch.\n",
        # wild: a ward's article
        "# Trần Hưng Đạo, Quy Nhơn\n\n| Diện tích | 0,32 km² |\n|---|---|\n| Dân số | 9.127 người |\n\n"
        "[sửa | sửa mã nguồn]Phường Trần Hưng Đạo được chia thành 7 khu vực.\n",
    ],
)
def test_an_encyclopedia_entry_states_no_indicators(text):
    from parsers.structure.plausibility import DESCRIPTIVE_FRAGMENT

    s = build_structure(doc_of(text))
    assert s.metadata.doc_type == "bach_khoa"
    assert s.indicators == []
    assert DESCRIPTIVE_FRAGMENT in [n[1] for n in s.notes]
