"""Reader speed on the same pages: chitieu vs pdfplumber's extract_words vs pypdfium2's raw
text (the practical floor), and chitieu's OCR vs Tesseract alone, pages in parallel.

    python benchmarks/bench_readers.py [--repeat 5]

Targets (issue 4): chitieu PDF time per page <= 1.5x pdfplumber extract_words; OCR time
per page <= 1.15x Tesseract alone (both one single-threaded Tesseract per core).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "formats"))

import builders  # noqa: E402


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_pdf(pdfs: list[Path], repeat: int) -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    from parsers.readers import pdf as reader

    n_pages = sum(len(pdfium.PdfDocument(str(p))) for p in pdfs)

    def plumber():
        for p in pdfs:
            with pdfplumber.open(p) as doc:
                for page in doc.pages:
                    page.extract_words()

    def pdfium_text():
        for p in pdfs:
            doc = pdfium.PdfDocument(str(p))
            for page in doc:
                page.get_textpage().get_text_range()
            doc.close()

    def chitieu():
        for p in pdfs:
            reader.read(p)

    t_pl, t_pd, t_ch = (timed(f, repeat) for f in (plumber, pdfium_text, chitieu))
    ms = 1000 / n_pages
    print(f"text PDF, {len(pdfs)} files, {n_pages} pages, median of {repeat} runs (ms/page):")
    print(f"  pypdfium2 raw text (floor)  {t_pd * ms:8.1f}")
    print(f"  pdfplumber extract_words    {t_pl * ms:8.1f}")
    print(
        f"  chitieu pdf.read            {t_ch * ms:8.1f}   ratio to extract_words {t_ch / t_pl:.2f} "
        f"(target <= 1.5), to pypdfium2 {t_ch / t_pd:.1f}"
    )


def bench_ocr(scan_pdfs: list[Path], repeat: int) -> None:
    import pypdfium2 as pdfium

    from parsers.readers import pdf as reader

    images = []
    for p in scan_pdfs:
        doc = pdfium.PdfDocument(str(p))
        images += [page.render(scale=reader.OCR_DPI / 72, grayscale=True).to_pil() for page in doc]
    tmp = Path(tempfile.mkdtemp())
    files = []
    for i, img in enumerate(images):
        f = tmp / f"p{i}.png"
        img.save(f, dpi=(reader.OCR_DPI, reader.OCR_DPI))
        files.append(f)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    workers = os.cpu_count() or 1

    def tesseract_alone():
        def one(f):
            subprocess.run(
                ["tesseract", str(f), "stdout", "-l", "vie", "--psm", "4", "tsv"],
                env=env,
                capture_output=True,
                check=True,
            )

        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one, files))

    def chitieu():
        for p in scan_pdfs:
            reader.read(p)

    t_ts, t_ch = (timed(f, repeat) for f in (tesseract_alone, chitieu))
    n = len(images)
    print(
        f"scanned PDF, {n} pages at {reader.OCR_DPI} dpi, {workers} processes, median of {repeat} runs (s/page):"
    )
    print(f"  tesseract alone (tsv, psm 4) {t_ts / n:7.2f}")
    print(
        f"  chitieu pdf.read (pdf-ocr)   {t_ch / n:7.2f}   ratio {t_ch / t_ts:.2f} (target <= 1.15)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--ocr-repeat", type=int, default=1)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-readers-"))
    samples = sorted(p.stem for p in builders.SEEDS_DIR.glob("*.txt"))
    pdfs, scans = [], []
    for s in samples:
        built = builders.build_all(
            s, out / s, formats=("pdf", "scan") if s[:3] in ("000", "004") else ("pdf",)
        )
        pdfs += built["pdf"]
        scans += built.get("scan", [])
    bench_pdf(pdfs, args.repeat)
    import shutil

    if shutil.which("tesseract"):
        bench_ocr(scans, args.ocr_repeat)
    else:
        print("tesseract not installed: OCR benchmark skipped")


if __name__ == "__main__":
    main()
