"""PDF reader: a PDF printed from a sample gives the text sample's tables and prose."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
import builders  # noqa: E402

from parsers.readers import (
    pdf,  # noqa: E402
    read_document,  # noqa: E402
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for s in ("000", "004"):
        stem, blocks = builders.load_sample(s)
        paths[s] = (stem, builders.build_pdf(blocks, out / f"{stem}.pdf"))
    return paths


@pytest.mark.parametrize("sample", ["000", "004"])
def test_tables_equal_text_sample(built, sample):
    stem, path = built[sample]
    got = pdf.read(path)
    want = read_document(builders.SEEDS_DIR / f"{stem}.txt")
    assert got.format == "pdf" and got.n_pages >= 2

    def key(doc):  # a token wrapped inside a narrow cell ('43,3h|a') reads with a space
        return [[[c.replace(" ", "") for c in r.texts()] for r in t.rows] for t in doc.tables()]

    assert key(got) == key(want)
    if sample == "000":  # prose rejoining rules may differ on long titles; 000 has none
        assert [line.text for line in got.lines()] == [line.text for line in want.lines()]


def test_pages_and_line_numbers(built):
    _, path = built["000"]
    doc = pdf.read(path)
    rows = doc.tables()[0].rows
    assert rows[0].page == 1 and rows[-1].page == doc.n_pages
    numbers = [b.line_start for b in doc.lines()] + [r.line_start for r in rows]
    assert sorted(numbers) == sorted(set(numbers)) and min(numbers) == 1
    assert not any("Trang" in line.text for line in doc.lines())  # footers dropped


def test_repair_marks():
    assert pdf.repair_marks("Vie\u0323\u0302t Nam") == "Việt Nam"
    assert pdf.repair_marks("\u0301a") == "á"
