"""Places on `documents`: province, district, commune and their codes from the gazetteer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pipeline.places import NO_PLACE, mentions, resolve_place

# Hand-checked: read in each document (issuer, title block, `Kèm theo` lines), the place
# looked up in the 2025 list of units (sample 001 is a 2023 plan of the old xã Cẩm Lương,
# huyện Cẩm Thủy, merged in 2025 into xã Cẩm Tú). Documents that name no place of their
# own (a district report signed `UBND huyện`; national digests; three portal pages whose
# place is only in SOURCES.tsv) must get none.
EXPECTED = [
    ("000_a3da322a374b1dd7.txt", "Tỉnh Đồng Nai", "75", "Xã Xuân Quế", "26332"),
    ("001_c7c1eb2d84aa3c89.txt", "Tỉnh Thanh Hóa", "38", "Xã Cẩm Tú", "15148"),
    ("002_0948419ff3996cfb.txt", "Thành phố Hải Phòng", "31", "Xã An Hưng", "11674"),
    ("003_e7413a6df3771184.txt", "Tỉnh Thái Nguyên", "19", "Xã Cao Minh", "01879"),
    ("004_ca595b78d09ccdc2.txt", None, None, None, None),
    ("w1_tinh-cantho-kh-matuy-2030.md", "Thành phố Cần Thơ", "92", None, None),
    ("w1_tinh-langson-ctr-khuyennong-2026-2030.md", "Tỉnh Lạng Sơn", "20", None, None),
    ("w1_tinh-thanhhoa-tb-ketqua-ktxh-2025.md", "Tỉnh Thanh Hóa", "38", None, None),
    ("w2_quocgia-giaingan-dtc-bc-2025.md", None, None, None, None),
    ("w2_quocgia-nq59-70-71-72-muctieu-2030.md", None, None, None, None),
    ("w2_tinh-hatinh-kh-mamnon-2025-2035.md", "Tỉnh Hà Tĩnh", "42", None, None),
    ("w3_tinh-cantho-kh-danso-2025.md", "Thành phố Cần Thơ", "92", None, None),
    ("w3_tinh-phutho-tb-ketluan-2025.md", "Tỉnh Phú Thọ", "25", None, None),
    ("w4_tinh-dongnai-kh-kinhteso-2026-2030.md", "Tỉnh Đồng Nai", "75", None, None),
    ("w4_tinh-laichau-kh-nhao-2026-2030.md", "Tỉnh Lai Châu", "12", None, None),
    ("w4_tinh-sonla-kh-xuatkhau-2026-2030.md", "Tỉnh Sơn La", "14", None, None),
    ("w5_huyen-cangio-phuluc-2005-2010.txt", None, None, None, None),
    ("w5_phuong-chilang-chitieu-2025.txt", None, None, None, None),
    ("w5_xa-ducgiang-ketqua-2021.txt", None, None, None, None),
]


@pytest.fixture(scope="module")
def documents(parsed_samples, parsed_dev) -> pd.DataFrame:
    docs = pd.concat(
        [pd.read_parquet(p / "documents.parquet") for p in (parsed_samples, parsed_dev)]
    )
    docs["file"] = docs.source_path.map(lambda p: Path(p).name)
    return docs.set_index("file").astype(object).where(docs.set_index("file").notna(), None)


@pytest.mark.parametrize(("file", "province", "code", "commune", "commune_code"), EXPECTED)
def test_documents_get_their_place(documents, file, province, code, commune, commune_code):
    row = documents.loc[file]
    assert (row.province, row.province_code) == (province, code)
    assert (row.commune, row.commune_code) == (commune, commune_code)
    assert (row.place_method is None) == (province is None)


def test_every_document_with_a_locality_gets_its_province(documents):
    """Acceptance (issue 15): the hand-checked table covers every sample and dev document."""
    checked = {e[0] for e in EXPECTED}
    assert set(documents.index) - {"SOURCES.tsv"} == checked
    with_place = [e for e in EXPECTED if e[1]]
    right = sum(documents.loc[f].province_code == code for f, _, code, *_ in with_place)
    assert right == len(with_place) == 13


def test_an_old_commune_is_mapped_to_its_2025_unit_with_its_old_district():
    place = resolve_place(
        issuer="UBND xã Cẩm Lương",
        locality="Cẩm Lương",
        admin_level="xa",
        lines=[],
        issued=dt.date(2023, 1, 10),
    )
    assert (place.province_code, place.commune, place.district) == (
        "38",
        "Xã Cẩm Tú",
        "Huyện Cẩm Thủy",
    )
    assert place.method == "issuer:legacy_commune"


@pytest.mark.parametrize(
    ("lines", "code", "method"),
    [
        (["ỦY BAN NHÂN DÂN TỈNH SƠN LA", "Số: 2954/QĐ-UBND"], "14", "title_block:province"),
        (["THƯỜNG TRỰC TỈNH ỦY THANH HÓA"], "38", "title_block:province"),
        (
            ["(Kèm theo Kế hoạch số /KH-UBND của UBND thành phố Hải Phòng)"],
            "31",
            "attachment:province",
        ),
        # an old province name: Hà Giang merged into Tuyên Quang in 2025
        (["ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"], "08", "title_block:legacy_province"),
    ],
)
def test_provinces_from_the_title_block_and_attachment_lines(lines, code, method):
    place = resolve_place(issuer=None, locality=None, admin_level=None, lines=lines)
    assert (place.province_code, place.method) == (code, method)


@pytest.mark.parametrize(
    "lines",
    [
        # a national digest naming several cities: no province chosen
        ["Thành phố Hà Nội, Thành phố Hải Phòng và Thành phố Huế giải ngân đạt trên 60%"],
        # level words with no name, or a name no unit has
        ["Ủy ban nhân dân tỉnh ban hành kế hoạch", "UBND xã tổ chức thực hiện"],
        ["UBND tỉnh Atlantis"],
    ],
)
def test_no_place_when_the_text_names_none_unambiguously(lines):
    assert resolve_place(issuer=None, locality=None, admin_level=None, lines=lines) == NO_PLACE


def test_a_commune_named_in_the_title_block_is_not_the_documents():
    lines = ["ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Kết quả tại xã Yên Khương, xã biên giới"]
    place = resolve_place(issuer=None, locality=None, admin_level=None, lines=lines)
    assert (place.province_code, place.commune) == ("38", None)


def test_mentions_read_names_after_level_words():
    found = mentions("(Kèm theo Chương trình số /CTr-UBND ngày /6/2026 của UBND xã Xuân Quế)", "x")
    assert [(m.level, m.words) for m in found] == [("commune", ("Xuân", "Quế"))]
    upper = mentions("KẾ HOẠCH XUẤT KHẨU TỈNH SƠN LA GIAI ĐOẠN 2026 - 2030", "x")
    assert [(m.level, m.words[:2]) for m in upper] == [("province", ("SƠN", "LA"))]
    assert mentions("UBND huyện, các xã và thị trấn", "x") == []
