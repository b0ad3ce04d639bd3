"""Documents shaped unlike the five samples: the rules must hold beyond them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.document import process_file

REPORT_MD = """\
**BÁO CÁO**

**Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024 của UBND phường Đông Sơn**

| STT | Chỉ tiêu | ĐVT | KH 2024 | TH 2024 | So sánh TH/KH (%) |
|---|---|---|---|---|---|
| I | Kinh tế | | | | |
| 1 | Tổng thu ngân sách trên địa bàn | Tỷ đồng | 12,5 | 13,1 | 104,8 |
| 2 | Diện tích gieo trồng | ha | 1.250 | 1.198,5 | 95,9 |
| II | Văn hóa - Xã hội | | | | |
| 3 | Tỷ lệ hộ nghèo | % | 2,1 | 1,9 | |
| 4 | Số lao động được tạo việc làm mới | Người | 350 | 362 | 103,4 |

Năm 2024, tổng thu ngân sách trên địa bàn ước đạt 13,1 tỷ đồng, đạt 104,8% kế hoạch, tăng 6,2% so với cùng kỳ.
"""

PLAN_TXT = """\
KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2027 của xã Tân Lập

II. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2027
1. Chỉ tiêu kinh tế
- Tốc độ tăng giá trị sản xuất bình quân đạt 9,5%; thu nhập bình quân đầu người đạt 62 triệu đồng/người/năm.
- Tổng sản lượng lương thực có hạt từ 3.200 tấn trở lên.
2. Chỉ tiêu xã hội
(1) Tỷ lệ hộ nghèo giảm còn dưới 1,5%.
(2) Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95% trở lên.
"""


def run(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = process_file(path)
    assert result.ok, result.rows.get("errors")
    frames = {k: pd.DataFrame(v) for k, v in result.rows.items()}
    return frames


def test_report_with_pipe_table_unit_column_and_ratio_column(tmp_path):
    t = run(tmp_path, "bao_cao.md", REPORT_MD)
    doc = t["documents"].iloc[0]
    assert (doc.doc_type, doc.admin_level, doc.locality, doc.format) == (
        "bao_cao",
        "phuong",
        "Đông Sơn",
        "md",
    )
    assert list(t["sections"]["label"]) == ["I", "II"]
    inds = t["indicators"].set_index("indicator_id")
    vals = t["values"]
    revenue = inds[inds.name == "Tổng thu ngân sách trên địa bàn"].index[0]
    got = vals[vals.indicator_id == revenue][["role", "period", "value", "unit"]].values.tolist()
    assert got[:3] == [
        ["plan", "2024", 12_500_000_000.0, "VND"],
        ["actual", "2024", 13_100_000_000.0, "VND"],
        ["ratio_to_plan", "2024", 104.8, "%"],
    ]
    area = inds[inds.name == "Diện tích gieo trồng"].index[0]
    assert vals[vals.indicator_id == area].value.tolist()[:2] == [1250.0, 1198.5]
    jobs = inds[inds.name.str.startswith("Số lao động")].index[0]
    assert vals[(vals.indicator_id == jobs) & (vals.role == "actual")].unit.tolist() == ["person"]
    prose = inds[inds.source == "prose"]
    assert len(prose) == 1
    roles = vals[vals.indicator_id == prose.index[0]][["role", "value"]].values.tolist()
    assert roles == [
        ["actual", 13_100_000_000.0],
        ["ratio_to_plan", 104.8],
        ["ratio_to_previous", 6.2],
    ]


def test_plan_with_bullets_and_numbered_items(tmp_path):
    t = run(tmp_path, "ke_hoach.txt", PLAN_TXT)
    doc = t["documents"].iloc[0]
    assert (doc.doc_type, doc.locality, doc.period_start, doc.period_end) == (
        "ke_hoach",
        "Tân Lập",
        2027,
        2027,
    )
    inds = t["indicators"]
    vals = t["values"].merge(inds[["indicator_id", "name"]], on="indicator_id")
    got = {
        r.name: (r.kind, r.comparator, r.value if r.kind != "range" else None, r.unit)
        for r in vals.itertuples()
    }
    assert got == {
        "Tốc độ tăng giá trị sản xuất bình quân": ("number", "=", 9.5, "%"),
        "Thu nhập bình quân đầu người": ("number", "=", 62_000_000.0, "VND/person/year"),
        "Tổng sản lượng lương thực có hạt": ("bound", ">=", 3200.0, "tonne"),
        "Tỷ lệ hộ nghèo": ("bound", "<", 1.5, "%"),
        "Tỷ lệ dân số tham gia bảo hiểm y tế": ("bound", ">=", 95.0, "%"),
    }
    assert set(vals.role) == {"target"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_other_unicode_encodings_read_the_same(tmp_path, encoding):
    path = tmp_path / f"plan_{encoding}.txt"
    path.write_bytes(PLAN_TXT.encode(encoding))
    result = process_file(path)
    assert [r["name"] for r in result.rows["indicators"]][
        0
    ] == "Tốc độ tăng giá trị sản xuất bình quân"
