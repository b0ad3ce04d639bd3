"""OCR reader: deskew, ruling detection, quality scoring and the missing-Tesseract error."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
import builders  # noqa: E402

from parsers.model import ReadError  # noqa: E402
from parsers.readers import ocr  # noqa: E402

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract is not installed (Debian packages tesseract-ocr tesseract-ocr-vie)",
)


@pytest.fixture(scope="module")
def page_000(tmp_path_factory):
    stem, blocks = builders.load_sample("000")
    pdf = builders.build_pdf(blocks, tmp_path_factory.mktemp("ocr") / f"{stem}.pdf")
    return builders.rasterise(pdf, dpi=200)[0]


def test_deskew_finds_the_rotation(page_000):
    from PIL import Image

    tilted = page_000.rotate(1.2, resample=Image.BICUBIC, fillcolor=255)
    assert abs(ocr.estimate_skew(tilted) + 1.2) <= 0.2


def test_rulings_make_a_grid(page_000):
    import numpy as np

    from parsers.readers.layout import segments_to_grids

    h, v, mask = ocr.find_rulings_morph(np.asarray(page_000))
    grids = segments_to_grids(h, v)
    assert grids and sum(len(g) for g in grids) > 50 and mask.any()


@pytest.mark.parametrize("profile", [builders.MILD, builders.OFFICE], ids=lambda p: p.name)
def test_rulings_of_a_degraded_scan_make_the_same_grid(page_000, profile):
    """Sample 000's first page holds two tables (8 x 9 and 6 x 9 cells, 6 pt apart): a
    faint, blurred, noisy scan of it gives the grids of the clean page."""
    import numpy as np

    from parsers.readers.layout import grid_to_rows, segments_to_grids

    def shapes(gray) -> list[tuple[int, int]]:
        h, v, _ = ocr.find_rulings_morph(np.asarray(gray))
        rows = [grid_to_rows(g, [])[0] for g in segments_to_grids(h, v)]
        return [(len(r), len(r[0])) for r in rows]

    clean = shapes(page_000)
    assert clean == [(8, 9), (6, 9)]
    for seed in range(3):
        gray, _ = ocr.deskew(builders.degrade(page_000, profile, seed=seed))
        assert shapes(gray) == clean, f"seed {seed}"


def test_missing_tesseract_names_the_packages(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as err:
        ocr.check_tesseract()
    assert err.value.error_type == "ocr_unavailable" and err.value.stage == "ocr"
    assert "tesseract-ocr" in err.value.message and "tesseract-ocr-vie" in err.value.message


@pytest.mark.slow
@needs_tesseract
def test_scanned_page_reads_table_and_quality(page_000, tmp_path):
    img = builders.degrade(page_000, seed=3)
    path = tmp_path / "page.png"
    img.save(path, dpi=(200, 200))
    doc = ocr.read_image(path)
    assert doc.format == "image-ocr"
    assert doc.page_quality[1] > 0.9 and not doc.warnings
    rows = doc.tables()[0].rows
    assert rows[0].texts()[:3] == ["TT", "Chỉ tiêu", "Mục tiêu"]
    assert all(line.confidence is not None for line in doc.lines())


@needs_tesseract
def test_low_quality_page_is_flagged(tmp_path):
    from PIL import Image, ImageDraw

    img = Image.new("L", (1200, 400), 255)
    d = ImageDraw.Draw(img)
    for i in range(12):
        d.text((40 + 90 * i, 150), "qzxw" if i % 2 else "Brrkt", fill=0)
    res = ocr.ocr_page(img.resize((2400, 800)), 1)
    if res.layout.words:
        assert res.quality < ocr.LOW_QUALITY
        assert res.warnings and res.warnings[0][1] == "low_quality_page"


def test_shear_rotation_matches_a_bilinear_rotation(page_000):
    import numpy as np
    from PIL import Image

    tilted = page_000.rotate(-0.8, resample=Image.BICUBIC, fillcolor=255)
    ours = ocr.rotate_small(np.asarray(tilted), 0.8).astype(int)
    pillow = np.asarray(tilted.rotate(0.8, resample=Image.BILINEAR, fillcolor=255), dtype=int)
    assert np.abs(ours - pillow)[50:-50, 50:-50].mean() < 2.0
    gray, angle = ocr.deskew(tilted)
    assert abs(angle - 0.8) <= 0.1 and abs(ocr.estimate_skew(gray)) <= 0.1


def test_a_ruling_with_one_pixel_steps_is_one_segment():
    import numpy as np

    gray = np.full((200, 1000), 215, np.uint8)  # grey paper
    dark = np.zeros(gray.shape, bool)
    dark[100, :500] = dark[101, 500:] = True  # a residual skew: the line drops a row midway
    gray[dark] = 110  # a faint line
    h, v, mask = ocr.find_rulings_morph(gray)
    assert len(h) == 1 and h[0][1] <= 1 and h[0][2] >= 999 and not v
    assert mask[dark].all()


def test_text_is_not_a_ruling():
    import numpy as np
    from PIL import Image, ImageDraw

    img = Image.new("L", (1200, 300), 230)
    ImageDraw.Draw(img).text((20, 100), "Tỷ lệ hộ nghèo giảm còn dưới 1% " * 3, fill=30)
    h, v, _ = ocr.find_rulings_morph(np.asarray(img.resize((2400, 600))))
    assert not h and not v


def test_parse_tsv_keeps_words_and_drops_specks():
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t100\t30\t96.5\tChỉ\n"
        "5\t1\t1\t1\t1\t2\t120\t20\t20\t30\t40.0\tš\n"
        "5\t1\t1\t1\t1\t3\t150\t20\t20\t30\t40.0\t7\n"
    )
    words = ocr.parse_tsv(tsv)
    assert [(w.text, w.x0, w.top, w.x1, w.bottom, w.conf) for w in words] == [
        ("Chỉ", 10.0, 20.0, 110.0, 50.0, 96.5),
        ("7", 150.0, 20.0, 170.0, 50.0, 40.0),
    ]


def test_render_for_ocr_maps_a_200_dpi_scan_pixel_for_pixel(tmp_path):
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    from parsers.readers import pdf as reader

    rng = np.random.default_rng(0)
    img = Image.fromarray(rng.integers(0, 256, (1654, 1169), dtype=np.uint8))
    img.save(tmp_path / "scan.pdf", resolution=200)  # page box 420.84 x 595.44 pt
    doc = pdfium.PdfDocument(str(tmp_path / "scan.pdf"))
    out = reader.render_for_ocr(doc[0], 200)
    assert out.mode == "L" and out.size == img.size
    ref = doc[0].get_objects().__next__().get_bitmap(render=False).to_pil().convert("L")
    assert np.array_equal(np.asarray(out), np.asarray(ref))
    doc.close()


@needs_tesseract
def test_a_tesseract_call_over_its_time_limit_skips_the_page(page_000, monkeypatch):
    monkeypatch.setenv(ocr.TIMEOUT_ENV, "0.01")
    (res,) = ocr.ocr_images([page_000], pages=[1])
    assert not res.layout.words and res.quality == 0.0
    assert [w[1] for w in res.warnings] == ["ocr_timeout"]
    assert "0.01 s" in res.warnings[0][2]
