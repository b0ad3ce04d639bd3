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

    h, v, mask = ocr.find_rulings(np.asarray(page_000) < 140)
    grids = segments_to_grids(h, v)
    assert grids and sum(len(g) for g in grids) > 50 and mask.any()


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
