"""Fixtures building Word, PDF and scanned versions of the samples (see builders.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import builders  # noqa: E402

HAS_TESSERACT = shutil.which("tesseract") is not None
needs_tesseract = pytest.mark.skipif(
    not HAS_TESSERACT,
    reason="Tesseract is not installed (Debian packages tesseract-ocr tesseract-ocr-vie)",
)


@pytest.fixture(scope="session")
def build():
    """build(sample, formats) -> {format: [paths]}, built once per session."""
    root = Path(__import__("tempfile").mkdtemp(prefix="chitieu-formats-"))
    cache: dict[tuple[str, str], list[Path]] = {}

    def _build(sample: str, fmt: str) -> list[Path]:
        key = (sample, fmt)
        if key not in cache:
            cache[key] = builders.build_all(sample, root / sample, formats=(fmt,))[fmt]
        return cache[key]

    yield _build
    shutil.rmtree(root, ignore_errors=True)
