"""The quantity normaliser's test table: raw text (+ hints) → the full expected list.

Grouped by where the examples came from (price-parser's habit): `SAMPLES` from the five
sample documents, `BEYOND` real-shaped forms the samples do not show, `REGRESSIONS` named
after the bug they caught, `KNOWN_FAILURES` (strict xfail) what the rules still get wrong.
Helpers build the expected quantities; any field they leave out must be empty/False.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class E:
    """An expected quantity (value_min/value_max follow from kind and comparator)."""

    kind: str
    value: float | None = None
    comparator: str | None = None
    value_min: float | None = None
    value_max: float | None = None
    denominator: float | None = None
    unit: str | None = None
    change: str | None = None
    period: str | None = None
    approximate: bool = False
    unit_inferred: bool = False
    ambiguous: bool = False


def N(value: float, unit: str | None = None, cmp: str = "=", **kw) -> E:  # noqa: N802
    return E("number", value, cmp, value, value, unit=unit, approximate=cmp == "~", **kw)


def B(cmp: str, value: float, unit: str | None = None, **kw) -> E:  # noqa: N802
    lo = value if cmp in (">", ">=") else None
    hi = value if cmp in ("<", "<=") else None
    return E("bound", value, cmp, lo, hi, unit=unit, **kw)


def R(lo: float, hi: float, unit: str | None = None, **kw) -> E:  # noqa: N802
    return E("range", None, None, lo, hi, unit=unit, **kw)


def F(value: float, den: float, unit: str | None = None, **kw) -> E:  # noqa: N802
    return E("fraction", value, None, denominator=den, unit=unit, **kw)


def YES() -> E:  # noqa: N802
    return E("boolean", 1.0)


def NO() -> E:  # noqa: N802
    return E("boolean", 0.0)


TEXT = [E("text")]


@dataclass(frozen=True)
class Case:
    raw: str
    expected: list[E]
    unit_hint: str | None = None
    name_hint: str | None = None
    note: str = field(default="", compare=False)


def C(raw: str, *expected: E | list[E], unit: str | None = None, name: str | None = None) -> Case:  # noqa: N802
    flat: list[E] = []
    for e in expected:
        flat.extend(e if isinstance(e, list) else [e])
    return Case(raw, flat, unit, name)


# --- from the sample documents --------------------------------------------------------
SAMPLES = [
    C("Tăng từ 7% - 10% trở lên.", R(7, 10, "%", change="increase")),
    C("Rà soát nguồn thu; giao chỉ tiêu thu từng quý của năm 2026", TEXT),
    C("Phân đầu năm 2026 tăng từ 7% trở lên", B(">=", 7, "%", change="increase", period="2026")),
    C("Đánh giá nguồn thu 2026; đưa ra giải pháp, điều chỉnh thu quý I/2027", TEXT),
    C("Bảo đảm kết quả theo dự toán giao thu năm 2027", TEXT),
    C(
        "Duy trì bình quân hàng năm tăng từ 7% - 10% trở lên",
        R(7, 10, "%", change="increase", period="annual"),
    ),
    C("Đạt 12 - 13%.", R(12, 13, "%")),
    C("Xây dựng kịch bản tăng trưởng 12 - 13%", R(12, 13, "%", change="increase")),
    C("Đánh giá 2026; bổ sung giải pháp quý I/2027", TEXT),
    C(
        "Duy trì bình quân hàng năm đạt 12 - 13%",
        R(12, 13, "%", change="maintain", period="annual"),
    ),
    C("Đạt khoảng 125,4 triệu đồng/người/năm.", N(125_400_000, "VND/person/year", cmp="~")),
    C(
        "Đến 2030 đạt khoảng 125,4 triệu đồng/người/năm",
        N(125_400_000, "VND/person/year", cmp="~", period="2030"),
    ),
    C(
        "Không có hộ nghèo",
        N(0, "%", unit_inferred=True, ambiguous=True),
        name="Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2026 - 2030",
    ),
    C("Không có hộ nghèo", N(0, "household", ambiguous=True)),
    C(
        "Duy trì không có hộ nghèo giai đoạn 2026 - 2030",
        N(0, "%", unit_inferred=True, ambiguous=True, change="maintain", period="2026-2030"),
        name="Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2026 - 2030",
    ),
    C("Đạt 100%.", N(100, "%")),
    C("Đến 2030 đạt 100%", N(100, "%", period="2030")),
    C("Đạt trên 96%.", B(">", 96, "%")),
    C("Đến 2030 đạt trên 96%.", B(">", 96, "%", period="2030")),
    C("Hoàn thành chỉ tiêu năm 2026 đạt 100%", N(100, "%", period="2026")),
    C("Hằng năm hoàn thành 100% theo quy định", N(100, "%", period="annual")),
    C("Phấn đấu hoàn thành 100% theo nghị quyết cấp trên giao.", N(100, "%")),
    C("Triển khai phòng, chống tội phạm năm 2026", TEXT),
    C("1.100 tấn trở lên", B(">=", 1100, "tonne")),
    C("440 ha trở lên", B(">=", 440, "ha")),
    C("50,4 triệu đồng", N(50_400_000, "VND")),
    C("162,1 triệu đồng", N(162_100_000, "VND")),
    C("12%", N(12, "%")),
    C("5 ha", N(5, "ha")),
    C("78 triệu đồng", N(78_000_000, "VND")),
    C("Dưới 0,86%", B("<", 0.86, "%")),
    C("02 cửa hàng", N(2, "shop")),
    C("1,89%", N(1.89, "%")),
    C("70,9", N(70.9, "%", unit_inferred=True), name="Tỷ lệ lao động qua đào tạo"),
    C(
        "50",
        N(50, "person", unit_inferred=True),
        name="Số người được giải quyết việc làm mới theo kế hoạch",
    ),
    C("69,5", N(69.5, "%", unit_inferred=True), name="Tỷ lệ nhà ở kiên cố"),
    C(
        "0",
        N(0, "%", unit_inferred=True),
        name="Tỷ lệ thôn, bản, khu phố đạt tiêu chí kiểu mẫu theo lời dạy của Chủ tịch Hồ Chí Minh",
    ),
    C("1", N(1)),
    C("0,5", N(0.5)),
    C(
        "Phấn đấu năm 2023 trồng rừng tập trung đạt 6 ha rừng. Chú trọng phát triển rừng cây gỗ lớn",
        N(6, "ha", period="2023"),
    ),
    C("Đảm bảo đạt chỉ tiêu 100%", N(100, "%")),
    C(
        "Củng cố hệ thống phát thanh cơ sở, đảm bảo mỗi thôn có từ 01 cụm loa trở lên",
        B(">=", 1, "loudspeaker cluster"),
    ),
    C("Thực hiện đạt 100% kế hoạch", N(100, "%")),
    C("Thực hiện đạt 100% Kế hoạch, kịp thời xử lý nghiêm các trường hợp vi phạm", N(100, "%")),
    C("Thực hiện đạt 100% Kế hoạch đã đề ra", N(100, "%")),
    C("Đúng quy định và có nề nếp", TEXT),
    C("- Thực hiện đúng quy định", TEXT),
    C("Đạt tỷ lệ thu hút đầu tư cao", TEXT),
    C("Không để phát sinh hộ nghèo mới", TEXT),  # a policy, text in the gold of sample 000
    C("Đảm bảo an ninh trật tự; không để xảy ra tình trạng mất an ninh trật tự trên địa bàn", TEXT),
    C(
        "Hàng năm, thu ngân sách trên địa bàn tăng bình quân 12,5 (%/năm).",
        N(12.5, "%", change="increase", period="annual"),
    ),
    C(
        "Tổng giá trị sản phẩm trên địa bàn tăng bình quân 12-14(%/năm)",
        R(12, 14, "%", change="increase", period="annual"),
    ),
    C("Khu vực nông, lâm, thủy sản tăng 1,5-2(%)", R(1.5, 2, "%", change="increase")),
    C("Khu vực Công nghiệp - xây dựng tăng 13-15(%)", R(13, 15, "%", change="increase")),
    C("Đất trồng trọt đạt 150 triệu/ha/năm", N(150_000_000, "VND/ha/year")),
    C("đất nuôi trồng thủy sản: 150 - 200 triệu/ha", R(150_000_000, 200_000_000, "VND/ha")),
    C(
        "Hàng năm, tỷ lệ giải ngân vốn đầu tư công cấp xã đạt tối thiểu 100(%).",
        B(">=", 100, "%", period="annual"),
    ),
    C(
        "Số doanh nghiệp đang hoạt động trên địa bàn phấn đấu đạt 23 doanh nghiệp",
        N(23, "enterprise"),
    ),
    C(
        "số cơ sở sản xuất kinh doanh chuyển đổi thành doanh nghiệp cơ sở: phấn đấu 3 doanh nghiệp/1.000 dân.",
        N(3, "enterprise/1000 population"),
    ),
    C(
        "Thu nhập bình quân trên đầu người tăng bình quân 7(%/năm)",
        N(7, "%", change="increase", period="annual"),
    ),
    C(
        "đến năm 2030 đạt 120 triệu đồng/người/năm.",
        N(120_000_000, "VND/person/year", period="2030"),
    ),
    C(
        "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều đến năm 2030 dưới 3(%).",
        B("<", 3, "%", period="2030"),
    ),
    C("Chỉ tiêu gia đình văn hóa đạt 94% trở lên", B(">=", 94, "%")),
    C("thôn văn hóa đạt 100%.", N(100, "%")),
    C("Duy trì 100% các trường học đạt chuẩn Quốc gia mức độ 1", N(100, "%", change="maintain")),
    C(
        "phấn đấu đến năm 2030 đạt tối thiểu 42,9 % trường đạt chuẩn Quốc gia mức độ 2.",
        B(">=", 42.9, "%", period="2030"),
    ),
    C(
        "Đến năm 2030, có ít nhất một nhà đa năng cho mỗi cấp học mầm non, tiểu học, trung học cơ sở",
        B(">=", 1, "building", period="2030"),
    ),
    C(
        "100% cơ sở giáo dục được trang bị ít nhất một phòng học thông minh.",
        N(100, "%"),
        B(">=", 1, "room"),
    ),
    C(
        "Đến năm 2030, tỷ lệ dân số tham gia bảo hiểm y tế đạt 97% trở lên",
        B(">=", 97, "%", period="2030"),
    ),
    C(
        "duy trì tỷ lệ tăng dân số tự nhiên dưới 1%/năm.",
        B("<", 1, "%", change="maintain", period="annual"),
    ),
    C(
        "Tỷ lệ người tham gia bảo hiểm xã hội đến năm 2030 đạt 60% lực lượng lao động trong độ tuổi.",
        N(60, "%", period="2030"),
    ),
    C(
        "Phần đầu đạt và vượt chỉ tiêu về xây dựng nông thôn mới giai đoạn 2026 - 2030 được thành phố giao.",
        TEXT,
    ),
    C("Hằng năm, tỷ lệ thu gom chất thải rắn sinh hoạt đạt 100(%).", N(100, "%", period="annual")),
    C("tỷ lệ hồ sơ trực tuyến đạt trên 60%.", B(">", 60, "%")),
    C(
        "Đến năm 2030, có 40% doanh nghiệp có hoạt động đổi mới sáng tạo.",
        N(40, "%", period="2030"),
    ),
    C("100% chỉ tiêu giao quân.", N(100, "%")),
    C("tỷ lệ phá án đạt trên 80% trở lên.", B(">", 80, "%")),
    C(
        "phấn đấu đến năm 2028 không còn hộ nghèo trên địa bàn (theo chuẩn nghèo đa chiều giai đoạn 2026 - 2030).",
        N(0, "household", ambiguous=True, period="2028"),
    ),
    C(
        "tỷ lệ cán bộ, công chức xã được bồi dưỡng kỹ năng số căn bản đạt 80% vào cuối năm 2025",
        N(80, "%", period="2025"),
    ),
    C("100% vào năm 2026.", N(100, "%", period="2026")),
    C("số câu lạc bộ thể dục thể thao đạt 20 câu lạc bộ.", N(20, "club")),
    C(
        "Tỷ lệ người tham gia BHXH đạt so với lực lượng lao động trong độ tuổi trên địa bàn xã đạt từ 60%.",
        B(">=", 60, "%"),
    ),
    C("Tỷ lệ hồ sơ trực tuyến hằng năm đạt tối thiểu 60%", B(">=", 60, "%", period="annual")),
    C(
        "Phần đầu đến năm 2030 tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 97%",
        B(">", 97, "%", period="2030"),
    ),
    C("12,5", N(12.5, "%", unit_inferred=True), unit="%"),
    C("12-14", R(12, 14, "%", unit_inferred=True), unit="%"),
    C("1,5-2", R(1.5, 2, "%", unit_inferred=True), unit="%"),
    C("150", N(150_000_000, "VND", unit_inferred=True), unit="Triệu/đồng"),
    C("150-200", R(150_000_000, 200_000_000, "VND", unit_inferred=True), unit="Triệu/đồng"),
    C("23", N(23, "enterprise", unit_inferred=True), unit="DN"),
    C("3", N(3, "enterprise/1000 population", unit_inferred=True), unit="Số DN/1000 dân"),
    C(
        "40",
        N(40, "%", unit_inferred=True),
        unit="%",
        name="Số lượng DN có hoạt động đổi mới sáng tạo",
    ),
    C("120", N(120_000_000, "VND/person/year", unit_inferred=True), unit="Triệu đồng/ người/ năm"),
    C("< 3", B("<", 3, "%", unit_inferred=True), unit="%"),
    C("≥ 94", B(">=", 94, "%", unit_inferred=True), unit="%"),
    C("01", N(1, "building", unit_inferred=True), unit="Nhà"),
    C(">97", B(">", 97, "%", unit_inferred=True), unit="%"),
    C("> 90", B(">", 90, "%", unit_inferred=True), unit="%"),
    C("Đạt", YES(), unit="Đạt"),
    C("Tốc độ tăng trưởng kinh tế bình quân từ 10% trở lên.", B(">=", 10, "%")),
    C("Nông, lâm nghiệp, thủy sản 87%", N(87, "%")),
    C(
        "Phấn đấu giá trị sản phẩm nông, lâm nghiệp, thủy sản tăng bình quân đạt 4%.",
        N(4, "%", change="increase"),
    ),
    C("Thu nhập bình quân đầu người trên địa bàn đạt 25,3 triệu đồng.", N(25_300_000, "VND")),
    C("Thu ngân sách Nhà nước 1,6 tỷ đồng.", N(1_600_000_000, "VND")),
    C(
        "Chuyển đổi diện tích canh tác lúa, ngô kém hiệu quả sang trồng các cây trồng khác có giá trị kinh tế năm 2026 đạt 10ha.",
        N(10, "ha", period="2026"),
    ),
    C("Phát triển diện tích cây trồng có giá trị kinh tế đạt trên 35ha.", B(">", 35, "ha")),
    C("Diện tích trồng rừng đạt 40ha trở lên", B(">=", 40, "ha")),
    C("Tổng đàn Trâu, Bò, Ngựa đạt 5.320 con(cả xuất bán và giết mổ)", N(5320, "head")),
    C("Tổng đàn lợn đạt 13.120 con (cả xuất bán và giết mổ)", N(13120, "head")),
    C("Phấn đầu xã hoàn thành 11/19 tiêu chí xây dựng nông thôn mới", F(11, 19, "criterion")),
    C("phấn đầu xây dựng thôn đạt nông thôn mới.", TEXT),
    C("Duy trì 04 hợp tác xã hiện có", N(4, "cooperative", change="maintain")),
    C("thành lập mới từ 01 HTX trở lên.", B(">=", 1, "cooperative")),
    C("Giảm tỷ lệ hộ nghèo trên 8%.", B(">", 8, "%", change="decrease")),
    C("đảm bảo tỷ lệ che phủ rừng đến cuối năm 2026 đạt 52%.", N(52, "%", period="2026")),
    C("xác định tiêu chí phấn đấu phổ cập giáo dục Mầm non 3-5 tuổi", TEXT),
    C("duy trì 03 trường đã đạt chuẩn", N(3, "school", change="maintain")),
    C("phấn đấu xây dựng thêm 01 trường chuẩn Quốc gia.", N(1, "school", change="increase")),
    C(
        "Tỷ lệ trẻ em dưới 01 tuổi được tiêm chủng đầy đủ các loại vắc xin trên 98%",
        B(">", 98, "%"),
    ),
    C(
        "Giảm tỷ lệ trẻ bị suy dinh dưỡng dưới 5 tuổi xuống dưới 15%",
        B("<", 15, "%", change="decrease"),
    ),
    C("Số lao động được giải quyết việc làm là 400", N(400, "person", unit_inferred=True)),
    C("trong đó giải quyết việc làm mới 150 người.", N(150, "person")),
    C("Tốc độ tăng dân số bình quân đạt 1%.", N(1, "%")),
    C(
        "Duy trì 02 câu lạc bộ văn hóa, nghệ thuật, thể thao hoạt động có hiệu quả",
        N(2, "club", change="maintain"),
    ),
    C(
        "ít nhất 45% người dân trong độ tuổi lao động được phổ cập kỹ năng số cơ bản",
        B(">=", 45, "%"),
    ),
    C("phổ cập giáo dục tiểu học mức độ 3", TEXT),
    C("đảm bảo an toàn thông tin cấp độ 2 cho hệ thống mạng nội bộ.", TEXT),
    C(
        "Giữ vững tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đẩy đủ các loại vắc xin đạt trên 98%.",
        B(">", 98, "%", change="maintain"),
    ),
    C("03 lớp dạy nghề ngắn hạn", N(3, "class")),
    C("khoảng 105 học viên lao động nông thôn", N(105, "person", cmp="~")),
    C(
        "Kiện toàn và duy trì hoạt động hiệu quả của 33 Tổ công nghệ số cộng đồng",
        N(33, "team", change="maintain"),
    ),
    C(
        "Hằng năm, kiềm chế và kéo giảm ít nhất 10% số vụ phạm tội về trật tự xã hội so với năm trước",
        B(">=", 10, "%", change="decrease", period="annual"),
    ),
    C(
        "phấn đấu tỷ lệ tái phạm trong diện chấp hành xong án phạt tù tái hòa nhập cộng đồng dưới 1,5%/năm.",
        B("<", 1.5, "%", period="annual"),
    ),
    C("không để xảy ra tai nạn giao thông đặc biệt nghiêm trọng", N(0, "case", ambiguous=True)),
    C("không để xảy ra vụ cháy từ cấp III trở lên.", N(0, "case", ambiguous=True)),
    C("giao quân đủ 100% chỉ tiêu", N(100, "%")),
    C(
        "Dự kiến năm 2024: 06/26 chỉ tiêu không đạt so với kế hoạch",
        F(6, 26, "indicator", period="2024"),
    ),
    C("không đạt", NO()),
    C("Không đạt", NO()),
    C("79.000 lượt người", N(79000, "visit")),
    C("102,32%", N(102.32, "%")),
    C("37 tỷ đồng", N(37_000_000_000, "VND")),
    C("47,4 tỷ đồng", N(47_400_000_000, "VND")),
    C(
        "12,0% (Đạt 15,139 triệu USD/13.517 triệu USD năm 2023)",
        N(12, "%"),
        N(15_139_000, "USD"),
        N(13_517_000_000, "USD", ambiguous=True, period="2023"),
    ),
    C("50,494 tỷ đồng", N(50_494_000_000, "VND")),
    C("73,092 tỷ đồng", N(73_092_000_000, "VND")),
    C("2 xã", N(2, "commune")),
    C(
        "Thêm 01 xã đạt chuẩn NTM; 01 xã đạt chuẩn NTM nâng cao",
        N(1, "commune", change="increase"),
        N(1, "commune"),
    ),
    C("13,52 tiêu chí", N(13.52, "criterion")),
    C("14-16 tiêu chí", R(14, 16, "criterion")),
    C("3 trường", N(3, "school")),
    C("Toàn huyện có 27 trường", N(27, "school")),
    C(
        "20",
        N(20, "commune", unit_inferred=True),
        name="Duy trì và nâng cao chất lượng các xã đạt Bộ tiêu chí Quốc gia về y tế xã",
    ),
    C("8 bác sỹ/vạn dân", N(8, "doctor/10k population")),
    C("Duy trì 42%", N(42, "%", change="maintain")),
    C("21 vụ", N(21, "case")),
    C("Giảm 5% trở lên", B(">=", 5, "%", change="decrease")),
    C(
        "Xây ra 07 vụ TNGT, 05 người chết, 07 người bị thương",
        N(7, "case"),
        N(5, "person"),
        N(7, "person"),
    ),
    C("21 vụ (7 người chết, 18 người bị thương)", N(21, "case"), N(7, "person"), N(18, "person")),
    C("Giảm tai nạn giao thông cả 3 tiêu chí từ 5% trở lên", B(">=", 5, "%", change="decrease")),
    C("1.231,69ha", N(1231.69, "ha")),
    C("1.200ha", N(1200, "ha")),
    C("Hàng năm đạt 1.200ha", N(1200, "ha", period="annual")),
    C("80ha/năm", N(80, "ha", period="annual")),
    C("100", N(100, "%", unit_inferred=True), unit="%"),
    C("Sau sáp nhập, toàn huyện có 19 xã, 01 thị trấn", N(19, "commune"), N(1, "town")),
    C("Tương đương số vụ TNGT trong năm 2025 tối đa 19 vụ", B("<=", 19, "case", period="2025")),
    C(
        "Mục tiêu năm 2025 là 1.260ha theo mục tiêu UBND tỉnh giao huyện",
        N(1260, "ha", period="2025"),
    ),
    C(
        "Gồm 12 xã, thị trấn đạt/tổng 20 xã, thị trấn = 60% (1 Hùng Sơn, 2 Tri Phương, 3 Chi Lăng)",
        N(12, "commune"),
        N(20, "commune"),
        N(60, "%"),
    ),
    C("Dự kiến hết năm 2024 xã Chí Minh đạt chuẩn NTM, xã Chi Lăng đạt chuẩn NTM kiểu mẫu", TEXT),
]

# --- beyond the samples: forms the issue lists that the five documents do not show ---------
BEYOND = [
    # number formats
    C("1.100", N(1100)),
    C("1.231,69", N(1231.69)),
    C("50,494", N(50.494)),
    C("1.200.000 đồng", N(1_200_000, "VND")),
    C("1 200 000 đồng", N(1_200_000, "VND")),
    C("5\u00a0320 con", N(5320, "head")),
    # one group after a plain space is read before a unit, but flagged: it might be two numbers
    C("5 320 người", N(5320, "person", ambiguous=True)),
    C("tổng 5 320 tấn.", N(5320, "tonne", ambiguous=True)),
    C("5 320,5 tấn", N(5320.5, "tonne", ambiguous=True)),
    C("99% 100 100%", N(99, "%"), N(100), N(100, "%")),  # a row of figures stays apart
    C("02 100 vụ", N(2), N(100, "case")),  # a leading zero never starts a group
    C("1,5-2 100 hộ", R(1.5, 2), N(100, "household")),
    # one amount written with two scales
    C("1 tỷ 200 triệu đồng", N(1_200_000_000, "VND")),
    C("2 triệu 500 nghìn đồng", N(2_500_000, "VND")),
    C("khoảng 1 tỷ 500 triệu đồng", N(1_500_000_000, "VND", cmp="~")),
    C("3 tỷ đồng 200 triệu đồng", N(3_000_000_000, "VND"), N(200_000_000, "VND")),
    C("1 tỷ 2.000 triệu đồng", N(1_000_000_000, "VND", ambiguous=True), N(2_000_000_000, "VND")),
    # spoken style: the digits after a scale continue it (`1 tỷ 5` = 1,5 tỷ), flagged
    C("khoảng 1 tỷ 5", N(1_500_000_000, "VND", cmp="~", ambiguous=True)),
    C("2 triệu 250.", N(2_250_000, "VND", ambiguous=True)),
    C("1 tỷ 5 xã", N(1_000_000_000, "VND", ambiguous=True), N(5, "commune")),
    C("1,200,000 USD", N(1_200_000, "USD")),
    C("12.5%", N(12.5, "%")),
    C("1,234.56 tấn", N(1234.56, "tonne")),
    C("0,5 ha", N(0.5, "ha")),
    C("007", N(7)),
    C("12,5 %", N(12.5, "%")),
    C("100%.", N(100, "%")),
    C("-4,13%", N(-4.13, "%", change="decrease")),
    C("Tăng trưởng -4,13% so với cùng kỳ", N(-4.13, "%", change="decrease")),
    C("(+0,6)", N(0.6, change="increase")),
    C("Tốc độ tăng trưởng âm 2,5% so với cùng kỳ", N(-2.5, "%", change="decrease")),
    C("+2,5%", N(2.5, "%", change="increase")),
    C("−1,2%", N(-1.2, "%", change="decrease")),
    C("12.375,3/10.200 triệu đồng", N(12_375_300_000, "VND"), N(10_200_000_000, "VND")),
    C("95%/100%", N(95, "%"), N(100, "%")),
    # scale words and money
    C("1,6 tỷ đồng", N(1_600_000_000, "VND")),
    C("5 nghìn tấn", N(5000, "tonne")),
    C("2,5 ngàn người", N(2500, "person")),
    C("3 vạn người", N(30000, "person")),
    C("1.500 nghìn đồng", N(1_500_000, "VND")),
    C("2 nghìn tỷ đồng", N(2_000_000_000_000, "VND")),
    C("15,139 triệu USD", N(15_139_000, "USD")),
    C("500 USD", N(500, "USD")),
    C("200.000 đ", N(200_000, "VND")),
    C("150 triệu", N(150_000_000, "VND", ambiguous=True)),
    C("150 triệu", N(150_000_000, "VND", unit_inferred=True), unit="Triệu đồng"),
    # `tạ` kept as written, as the gold does (`62,58 tạ/ha` → 62.58 quintal/ha, dev w5)
    C("5 tạ/ha", N(5, "quintal/ha")),
    C("năng suất đạt 55,92 tạ", N(55.92, "quintal")),
    C("60 tấn/ha", N(60, "tonne/ha")),
    C("50 triệu đồng/ha/năm", N(50_000_000, "VND/ha/year")),
    C("70 triệu đồng/người/năm", N(70_000_000, "VND/person/year")),
    C("2 triệu đồng/người/tháng", N(2_000_000, "VND/person/month")),
    C("10 bác sĩ/vạn dân", N(10, "doctor/10k population")),
    C("30 giường bệnh/vạn dân", N(30, "bed/10k population")),
    C("4 doanh nghiệp/1000 dân", N(4, "enterprise/1000 population")),
    C("12,5 (tỷ đồng)", N(12_500_000_000, "VND")),
    # comparators in words and symbols
    C("trên 90%", B(">", 90, "%")),
    C("hơn 500 hộ", B(">", 500, "household")),
    C("> 90%", B(">", 90, "%")),
    C(">= 90%", B(">=", 90, "%")),
    C("≥ 90%", B(">=", 90, "%")),
    C("từ 90% trở lên", B(">=", 90, "%")),
    C("90% trở lên", B(">=", 90, "%")),
    C("tối thiểu 90%", B(">=", 90, "%")),
    C("ít nhất 90%", B(">=", 90, "%")),
    C("không dưới 90%", B(">=", 90, "%")),
    C("dưới 5%", B("<", 5, "%")),
    C("< 5%", B("<", 5, "%")),
    C("tối đa 5%", B("<=", 5, "%")),
    C("không quá 5%", B("<=", 5, "%")),
    C("không vượt quá 5%", B("<=", 5, "%")),
    C("≤ 5%", B("<=", 5, "%")),
    C("5% trở xuống", B("<=", 5, "%")),
    C("khoảng 500 người", N(500, "person", cmp="~")),
    C("gần 500 người", N(500, "person", cmp="~")),
    C("xấp xỉ 500 người", N(500, "person", cmp="~")),
    C("trên dưới 500 người", N(500, "person", cmp="~")),
    C("dưới mức 3%", B("<", 3, "%")),
    C("Đạt từ 85%", B(">=", 85, "%")),
    # ranges
    C("12 - 13%", R(12, 13, "%")),
    C("7% - 10%", R(7, 10, "%")),
    C("từ 7 đến 10%", R(7, 10, "%")),
    C("từ 7% đến 10%", R(7, 10, "%")),
    C("12–14%", R(12, 14, "%")),
    C("2 - 3 lần", R(2, 3, "time")),
    C("1 - 1,5 tỷ đồng", R(1_000_000_000, 1_500_000_000, "VND")),
    C("5-7 người", R(5, 7, "person")),
    C("10 - 5", N(10), N(5)),
    # fractions
    C("11/19 tiêu chí", F(11, 19, "criterion")),
    C("06/26 chỉ tiêu", F(6, 26, "indicator")),
    C("19/19 tiêu chí", F(19, 19, "criterion")),
    C("3/5 xã", F(3, 5, "commune")),
    # direction words
    C("tăng 5%", N(5, "%", change="increase")),
    C("giảm 2%", N(2, "%", change="decrease")),
    C("kéo giảm 2%", N(2, "%", change="decrease")),
    C("duy trì 100%", N(100, "%", change="maintain")),
    C("giữ vững 100%", N(100, "%", change="maintain")),
    C("tăng thêm 3 trường", N(3, "school", change="increase")),
    C("thêm 2 xã", N(2, "commune", change="increase")),
    C("tăng cường 3 tổ công tác", N(3, "team")),
    C("Tỷ lệ tăng dân số 1%", N(1, "%")),
    # report phrasing
    C("đạt 45,2% kế hoạch", N(45.2, "%")),
    C("tăng 4,9% so cùng kỳ", N(4.9, "%", change="increase")),
    C("vượt 21,3% kế hoạch", N(21.3, "%", change="increase")),  # excess over plan (gold README)
    C("vượt 1,5 ha so với KH", N(1.5, "ha", change="increase")),  # dev w5
    # a multiple, not occasions: dev w3 `cao hơn gần gấp 3 lần so với cùng kỳ`, wild Cần Thơ
    C("cao hơn gần gấp 3 lần so với cùng kỳ", N(3, "times", "~")),
    C("tăng gấp 1,5 lần so với năm 2011", N(1.5, "times", change="increase")),
    C("tổ chức 3 lần", N(3, "time")),
    # `867 đàn` are bee colonies (dev w5); `Tổng đàn` before a number stays a name
    C("Tổng đàn ong là 867 đàn", N(867, "colony")),
    C("Tổng đàn lợn 1.450 con", N(1450, "head")),
    C("ước đạt 98%", N(98, "%")),
    C("đạt 45,2% kế hoạch, tăng 4,9% so cùng kỳ", N(45.2, "%"), N(4.9, "%", change="increase")),
    C("Ước thực hiện 1.250 tỷ đồng, đạt 104% kế hoạch", N(1_250_000_000_000, "VND"), N(104, "%")),
    # booleans and zero words
    C("Đạt", YES()),
    C("đạt.", YES()),
    C("Hoàn thành", YES()),
    C("Chưa đạt", NO()),
    C("Không hoàn thành", NO()),
    C("Đạt, vượt kế hoạch", YES()),
    C("Không đạt (do thiếu vốn)", NO()),
    C("không có trường hợp vi phạm", N(0, "case", ambiguous=True)),
    C("không còn hộ nghèo", N(0, "household", ambiguous=True)),
    C("không để xảy ra cháy nổ", N(0, "case", ambiguous=True)),
    # number words
    C("ít nhất một nhà văn hóa", B(">=", 1, "building")),
    C("hai trường", N(2, "school")),
    C("mười hai xã", N(12, "commune")),
    C("hai mươi lăm người", N(25, "person")),
    C("một số xã", TEXT),
    C("xây dựng một phần", TEXT),
    C("mỗi năm 1 lần", N(1, "time", period="annual")),
    # units glued or bracketed
    C("5.320 con(cả xuất bán)", N(5320, "head")),
    C("100(%)", N(100, "%")),
    C("7(%/năm)", N(7, "%", period="annual")),
    C("20 ha/năm", N(20, "ha", period="annual")),
    C("3‰", N(3, "‰")),
    C("500 m2", N(500, "m2")),
    C("12 km", N(12, "km")),
    C("30 kg", N(30, "kg")),
    C("2 dự án", N(2, "project")),
    C("5 mô hình", N(5, "model")),
    C("3 sản phẩm OCOP", N(3, "product")),
    C("15 hộ gia đình", N(15, "household")),
    C("120 lượt khách", N(120, "visit")),
    C("4 HTX", N(4, "cooperative")),
    C("6 DN", N(6, "enterprise")),
    C("9 thôn", N(9, "village")),
    C("2 lớp học", N(2, "class")),
    C("8 điểm", N(8, "point")),
    # units from the name or the header
    C("37", N(37_000_000_000, "VND", unit_inferred=True), name="Thu ngân sách (Tỷ đồng)"),
    C("12,5", N(12_500, "person", unit_inferred=True), name="Dân số trung bình (nghìn người)"),
    C("3,2", N(3.2, "‰", unit_inferred=True), name="Tỷ suất sinh (‰)"),
    C("45", N(45, "household", unit_inferred=True), name="Số hộ thoát nghèo"),
    C("7", N(7, "enterprise", unit_inferred=True), name="Số doanh nghiệp thành lập mới"),
    C("2", N(2, "cooperative", unit_inferred=True), name="Số HTX thành lập mới"),
    C("12", N(12, "%", unit_inferred=True), name="Tốc độ tăng trưởng kinh tế"),
    C("95%", N(95, "%"), name="Số người tham gia BHYT"),
    C("11/19", F(11, 19)),
    C("11/19", F(11, 19), name="Tỷ lệ xã đạt chuẩn"),
    C("Hoàn thành", YES(), unit="%"),
    C("12", N(12, "person", unit_inferred=True), unit="người"),
    C("2", N(2, "point", unit_inferred=True), unit="Điểm"),
    # periods
    C("năm 2026 đạt 5%", N(5, "%", period="2026")),
    C("đến năm 2030 đạt 5%", N(5, "%", period="2030")),
    C("giai đoạn 2026 - 2030 đạt 5%", N(5, "%", period="2026-2030")),
    C("hằng năm tăng 5%", N(5, "%", change="increase", period="annual")),
    C("bình quân/năm tăng 5%", N(5, "%", change="increase", period="annual")),
    C("cuối năm 2025 đạt 80%", N(80, "%", period="2025")),
    C("quý I/2027 đạt 30%", N(30, "%", period="2027-Q1")),
    C("quý IV năm 2026 hoàn thành 100%", N(100, "%", period="2026-Q4")),
    # numbers that are not quantities
    C("Thực hiện Nghị quyết số 09-NQ/ĐU ngày 20/8/2025 của Đại hội lần thứ I", TEXT),
    C("Theo Báo cáo 5596/BC-UBND ngày 15/12/2025", TEXT),
    C("Nghị quyết 57-NQ/TW về phát triển khoa học", TEXT),
    C("Kế hoạch số 109/KH-UBND ngày 06/4/2026", TEXT),
    C("Đại hội khóa XII, nhiệm kỳ 2025-2030", TEXT),
    C("Trường đạt chuẩn Quốc gia mức độ 2", TEXT),
    C("phổ cập giáo dục mầm non cho trẻ em 5 tuổi", TEXT),
    C("trẻ em từ 3 đến 5 tuổi", TEXT),
    C("Kỷ niệm 80 năm ngày thành lập Đảng bộ", TEXT),
    C("80 năm ngày thành lập", TEXT),
    C("(1) Hàng năm, thu ngân sách tăng 12,5%", N(12.5, "%", change="increase", period="annual")),
    C("1. Tỷ lệ hộ nghèo giảm 2%", N(2, "%", change="decrease")),
    C("2.1 Tỷ lệ che phủ rừng đạt 52%", N(52, "%")),
    C("giai đoạn 1 hoàn thành 30%", N(30, "%")),
    C("phòng chống dịch Covid-19 đạt 100%", N(100, "%")),
    C("Chuyển đổi số, công nghiệp 4.0", TEXT),
    C("tăng 3 bậc", N(3, "rank", change="increase")),
    C("tăng 0,6 điểm phần trăm", N(0.6, "%", change="increase")),
    C("Không có", NO()),
    # comparator words before `đạt`, and approximate ranges
    C("tối thiểu đạt 90%", B(">=", 90, "%")),
    C("Phấn đấu đến năm 2030 đạt 100%", N(100, "%", period="2030")),
    C("khoảng 12 - 13%", R(12, 13, "%", approximate=True)),
    C("xấp xỉ 150 - 200 triệu đồng/ha", R(150_000_000, 200_000_000, "VND/ha", approximate=True)),
    C("từ 7 đến 10%", R(7, 10, "%")),
    C("Giá trị sản phẩm trên 1 ha đất trồng trọt đạt 150 triệu đồng", N(150_000_000, "VND")),
    C("(tháng 6/2026)", TEXT),
    C("đợt 2 năm 2026", TEXT),
    # garbage and blanks
    C("-", TEXT),
    C("...", TEXT),
    C("x", TEXT),
    C("N/A", TEXT),
]

# --- regressions: named after the bug they caught ---------------------------------------------
REGRESSIONS = [
    # a sign glued after a unit is an operator, not a sign: `1,92%+2,95%`
    C("(1,92%+2,95%)/5 = 2,36%", N(1.92, "%"), N(2.95, "%"), N(2.36, "%")),
    # a year followed by a unit word is still a year after `năm`
    C("hết năm 2024 xã Chí Minh đạt chuẩn", TEXT),
    # `/năm` inside one quantity's money unit is not the period of the next quantity, and
    # `so với năm 2024` is the baseline of a change, not a period
    C(
        "đạt 50,4 triệu đồng/người/năm, tăng 5,2 triệu đồng so với năm 2024",
        N(50_400_000, "VND/person/year"),
        N(5_200_000, "VND", change="increase"),
    ),
    C("Năm 2026 tăng 10% so với năm 2025", N(10, "%", change="increase", period="2026")),
    # a period opening a later clause belongs to that clause's quantity
    C(
        "Đến cuối năm 2026 giảm còn 2,5%, đến năm 2030 còn dưới 1%",
        N(2.5, "%", change="decrease", period="2026"),
        B("<", 1, "%", period="2030"),
    ),
    C(
        "Năm 2021 đạt 30ha, năm 2022 đạt 131,1ha. Năm 2023 đạt 80,7ha",
        N(30, "ha", period="2021"),
        N(131.1, "ha", period="2022"),
        N(80.7, "ha", period="2023"),
    ),
    C(
        "hằng năm đạt tối thiểu 60%, đến năm 2030 đạt 85% trở lên",
        B(">=", 60, "%", period="annual"),
        B(">=", 85, "%", period="2030"),
    ),
    C(
        "tăng 5% năm 2026, tăng 7% năm 2027",
        N(5, "%", change="increase", period="2026"),
        N(7, "%", change="increase", period="2027"),
    ),
    # `vào năm …` follows the quantity it dates; `và` joins two dated clauses
    C(
        "đạt 80% vào cuối năm 2025 và 100% vào năm 2026.",
        N(80, "%", period="2025"),
        N(100, "%", period="2026"),
    ),
    C(
        "Năm 2025 đạt 80% và năm 2026 đạt 100%",
        N(80, "%", period="2025"),
        N(100, "%", period="2026"),
    ),
    # `/năm` inside a money unit is the unit's year, not the cell's period
    C("Đạt 120 triệu đồng/người/năm", N(120_000_000, "VND/person/year")),
    # a period after another quantity belongs to that one
    C("12% (13.517 triệu USD năm 2023)", N(12, "%"), N(13_517_000_000, "USD", period="2023")),
    # item numbers before proper names in a list are not counts
    C("đạt 3 xã (1 Hùng Sơn, 2 Đội Cấn)", N(3, "commune")),
    # `tốc độ tăng` names the measure, it is not a direction
    C("duy trì tỷ lệ tăng dân số dưới 1%", B("<", 1, "%", change="maintain")),
    # a comparator before a period phrase that sits before the number
    C("ít nhất mỗi năm 1 lần", B(">=", 1, "time", period="annual")),
    C("tối thiểu hằng năm 2%", B(">=", 2, "%", period="annual")),
    # the `5 năm` of a plan's title is its span, not a duration of 5 years
    C("Kế hoạch 5 năm 2026 - 2030", TEXT),
    C("trong 5 năm 2021-2025 tăng 10%", N(10, "%", change="increase", period="2021-2025")),
    # `trên 1 ha` is per hectare
    C("trên 1 ha đất", TEXT),
]

# --- known failures: strict xfail, remove from here when fixed ---------------------------------
KNOWN_FAILURES: list[Case] = [
    # `1 tỷ 5 đồng` (spoken style with the currency after it) is read as two numbers
    C("1 tỷ 5 đồng", N(1_500_000_000, "VND", ambiguous=True)),
]
