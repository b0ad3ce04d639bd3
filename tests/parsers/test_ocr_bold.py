"""Bold words of a scanned page from their stroke width (parsers/readers/ocr_bold.py).

Pages are drawn with DejaVu Sans (regular and bold, the builders' fonts), then blurred,
grained and JPEG-compressed as an office scanner does; the word boxes are where the words
were drawn, as Tesseract gives them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
import builders  # noqa: E402

from parsers.readers.layout import WordBox  # noqa: E402
from parsers.readers.ocr_bold import mark_bold, stroke_width  # noqa: E402

BODY = (
    "Tại Tiểu mục 1 mục III Chương trình khuyến nông tỉnh ban hành kèm theo Quyết định có đề "
    "cập đến mục tiêu chung của Chương trình như sau: tập trung thực hiện các hoạt động "
    "khuyến nông theo hướng phát triển nông nghiệp bền vững, nâng cao giá trị gia tăng"
)


def _fonts(size: int) -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont]:
    try:
        regular = builders._font_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    bold = regular.with_name("DejaVuSans-Bold.ttf")
    if not bold.exists():
        pytest.skip("DejaVuSans-Bold.ttf not found")
    return ImageFont.truetype(str(regular), size), ImageFont.truetype(str(bold), size)


def _page(lines: list[tuple[str, bool, int]], *, blur: float, seed: int = 0):
    """A grey page of (text, bold, font size) lines at 200 dpi, degraded; its word boxes."""
    img = Image.new("L", (1650, 120 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    words: list[tuple[WordBox, bool]] = []
    y = 60
    for text, bold, size in lines:
        regular, heavy = _fonts(size)
        font = heavy if bold else regular
        x = 80
        for token in text.split():
            x0, top, x1, bottom = draw.textbbox((x, y), token, font=font)
            draw.text((x, y), token, font=font, fill=0)
            words.append((WordBox(token, x0, top, x1, bottom), bold))
            x = x1 + size // 2
        y += int(size * 1.8)
    img = img.filter(ImageFilter.GaussianBlur(blur))
    rng = np.random.default_rng(seed)
    arr = 35 + (215 - 35) * (np.asarray(img, np.float32) / 255) + rng.normal(0, 10, img.size[::-1])
    buf = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype("uint8")).save(buf, "JPEG", quality=70)
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("L")), words


def _body(n: int) -> list[tuple[str, bool, int]]:
    return [(BODY[i * 40 : i * 40 + 90], False, 30) for i in range(n)]


@pytest.mark.parametrize("blur", [0.5, 0.9])
@pytest.mark.parametrize(
    "heading",
    [
        "Dự kiến kinh phí thực hiện Chương trình Khuyến nông giai đoạn 2026-2030",  # dev langson
        "II. MỘT SỐ CHỈ TIÊU VÀ NHIỆM VỤ CHỦ YẾU",  # sample 002
        "Nhóm tiêu chí về kinh tế",  # sample 001, a group row
    ],
)
def test_a_bold_heading_among_regular_lines_is_bold(heading, blur):
    gray, words = _page([(heading, True, 30), *_body(4)], blur=blur)
    mark_bold([w for w, _ in words], gray)
    for word, drawn_bold in words:
        if any(c.isalpha() for c in word.text):
            assert word.bold == drawn_bold, word.text


def test_a_larger_regular_title_is_not_bold():
    """Sample 000's `PHỤ LỤC 2 CÁC CHỈ TIÊU CỤ THỂ`: set larger, in the regular face."""
    gray, words = _page([("PHỤ LỤC 2 CÁC CHỈ TIÊU CỤ THỂ", False, 42), *_body(4)], blur=0.7)
    mark_bold([w for w, _ in words], gray)
    assert not any(w.bold for w, _ in words)


def test_a_page_with_too_few_words_is_left_alone():
    gray, words = _page(
        [("Tổng kinh phí", True, 30), ("22.123,39 triệu đồng", False, 30)], blur=0.5
    )
    mark_bold([w for w, _ in words], gray)
    assert not any(w.bold for w, _ in words)


@pytest.mark.parametrize("width", [2, 3, 5, 8])
def test_stroke_width_of_a_bar_is_its_width(width):
    bar = np.zeros((40, 60), bool)
    bar[5:35, 10 : 10 + width] = True
    assert stroke_width(bar) == pytest.approx(width, rel=0.25)


def test_a_speck_has_no_stroke_width():
    speck = np.zeros((10, 10), bool)
    speck[4:6, 4:6] = True
    assert stroke_width(speck) is None


@pytest.mark.parametrize("blur", [0.5, 0.9])
def test_the_numbers_of_a_bold_group_row_are_bold_and_a_regular_rows_are_not(blur):
    """Sample 001: `1 | Nhóm tiêu chí về kinh tế | | 9` in bold (the structure stage reads a
    bold numbered row as a group heading), `1,1 | Sản lượng … | 1.100 tấn | 1` regular."""
    rows = [
        ("1 Nhóm tiêu chí về kinh tế 9", True, 30),
        ("1,1 Sản lượng lương thực 1.100 1", False, 30),
    ]
    gray, words = _page([*rows, *_body(4)], blur=blur)
    mark_bold([w for w, _ in words], gray)
    numbers = [(w, drawn) for w, drawn in words[:15] if w.text[0].isdigit()]
    assert len(numbers) == 5
    for word, drawn_bold in numbers:
        assert word.bold == drawn_bold, word.text
