"""Gold scores of the samples read from degraded scans, one row per sample and profile.

    python benchmarks/scan_quality.py [--profiles mild office] [--samples 000 002] [--corpus dev]

Each sample is printed to PDF, rasterised at 200 dpi and degraded by a scan profile of
`tests/formats/builders.py` (seeded: the same pages every run), then ingested and scored
against `tests/gold` (or, with `--corpus dev`, the dev-corpus documents against their gold
in `tests/corpus/dev/gold`): pages, required recall, precision, value accuracy of the
aligned indicators, value accuracy end to end (e2e) and the `structure_crash` errors.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "formats"))

import builders  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", nargs="+", default=list(builders.PROFILES))
    ap.add_argument("--samples", nargs="+", default=None, help="document name prefixes")
    ap.add_argument("--corpus", choices=("samples", "dev"), default="samples")
    args = ap.parse_args()

    import pyarrow.parquet as pq

    from pipeline.evaluate import evaluate
    from pipeline.ingest import ingest_paths

    if args.corpus == "dev":
        sources = sorted(p for p in builders.DEV_DOCS_DIR.iterdir() if p.suffix in (".md", ".txt"))
        gold = builders.DEV_GOLD_DIR
    else:
        sources = sorted(builders.SEEDS_DIR.glob("*.txt"))
        gold = ROOT / "tests" / "gold"
    if args.samples:
        sources = [s for s in sources if any(s.stem.startswith(p) for p in args.samples)]
    print(
        f"{'profile':8} {'document':24} pages {'recall':>7} {'prec':>6} {'value':>7} {'e2e':>7} crash  sec"
    )
    for name in args.profiles:
        fmt = f"scan-{name}"
        for source in sources:
            stem = source.stem
            sample = stem if args.corpus == "samples" else source
            with tempfile.TemporaryDirectory(prefix="chitieu-scanq-") as tmp:
                built = builders.build_all(sample, Path(tmp) / "in", formats=(fmt,))[fmt]
                out = Path(tmp) / "out"
                t = time.perf_counter()
                ingest_paths(built, out, workers=0)
                sec = time.perf_counter() - t
                scores = {Path(s.file).stem: s for s in evaluate(gold, out)}
                pages = pq.read_table(out / "pages.parquet").num_rows
                errors = pq.read_table(out / "errors.parquet").to_pylist()
                crashes = sum(e["error_type"] == "structure_crash" for e in errors)
                s = scores.get(stem)
                if s is None or not s.doc_id:
                    print(f"{name:8} {stem[:24]:24} {pages:5} {'lost':>7}{crashes:30} {sec:4.0f}")
                    continue
                print(
                    f"{name:8} {stem[:24]:24} {pages:5} {s.recall:7.3f} {s.precision:6.3f} {s.value_accuracy:7.3f}"
                    f" {s.e2e_accuracy:7.3f} {crashes:5} {sec:4.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
