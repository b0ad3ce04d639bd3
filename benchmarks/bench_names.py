"""Benchmark: indicator names matched per second against the catalogue.

Builds a seeded batch of realistic names from the evaluation set (tests/normalizers/data/
name_eval.tsv) by rewriting them the way documents do (targets and years appended,
"Phấn đấu" prefixes, tỉ/tỷ and tone-placement swaps, upper case, missing diacritics) and times
``match_names`` on it, workers=1. Target: >= 20,000 names/s.

    .venv/bin/python benchmarks/bench_names.py [--n 20000] [--seed 0] [--passes 5]

Each figure is the median (and best) of several passes:

- fresh batch: folding caches cleared before the pass (names repeat inside the batch, as they
  do across a corpus; each distinct name is folded and scored once);
- fresh, distinct: a batch of distinct names only (the worst case);
- warm batch: the folding caches kept, as in a run over many documents.

The catalogue index is built once (``load_catalog``), as in a run. The load average is
printed, and each pass is also timed against a fixed reference loop (``sum(range(1000))``):
"ref/name" is the cost of one name in units of that loop, a figure that does not move with
the load.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalizers import folding  # noqa: E402
from normalizers.names import load_catalog, match_names  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import reference_seconds  # noqa: E402

EVAL_FILE = ROOT / "tests" / "normalizers" / "data" / "name_eval.tsv"
SUFFIXES = [
    "",
    " đạt 95%",
    " đạt trên 97%",
    " đến năm 2030",
    " giai đoạn 2026 - 2030",
    " hằng năm",
    " đạt từ 5% trở lên",
    " trên địa bàn xã",
    " năm 2026",
]
PREFIXES = ["", "", "Phấn đấu ", "Phấn đấu đến năm 2030, ", "Hằng năm, ", "- "]


def _strip_marks(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in nfd if not unicodedata.combining(c))


def realistic_names(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    with EVAL_FILE.open(encoding="utf-8") as fh:
        base = [r["name"] for r in csv.DictReader(fh, delimiter="\t")]
    out = []
    for _ in range(n):
        name = rng.choice(PREFIXES) + rng.choice(base) + rng.choice(SUFFIXES)
        roll = rng.random()
        if roll < 0.15:
            name = name.replace("Tỷ", "Tỉ").replace("tỷ", "tỉ").replace("hóa", "hoá")
        elif roll < 0.20:
            name = name.upper()
        elif roll < 0.25:
            name = _strip_marks(name)
        out.append(name)
    return out


def _clear_caches() -> None:
    folding.clear_caches()  # every folding cache, the per-token rule masks included


def measure(names: list[str], passes: int, before: Callable[[], None]) -> str:
    """`passes` timed batches: median and best names/s (wall), median CPU-time rate, and the
    median cost of one name in reference-loop units."""
    walls, cpus, refs = [], [], []
    for _ in range(passes):
        ref = reference_seconds()
        before()
        start, cpu = time.perf_counter(), time.process_time()
        match_names(names)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        walls.append(wall)
        cpus.append(cpu)
        refs.append(cpu / len(names) / ref)
    n = len(names)
    return (
        f"median {n / statistics.median(walls):>8,.0f}/s  best {n / min(walls):>8,.0f}/s  "
        f"(CPU time: median {n / statistics.median(cpus):>8,.0f}/s)  "
        f"ref/name {statistics.median(refs):6.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--passes", type=int, default=5, help="timed passes per figure (>= 5)")
    args = parser.parse_args()

    start = time.perf_counter()
    cat = load_catalog()
    load_s = time.perf_counter() - start
    names = realistic_names(args.n, args.seed)
    distinct = list(dict.fromkeys(names))
    match_names(names[:50])  # warm-up (imports, numpy)
    load = os.getloadavg()
    print(
        f"catalogue {cat.version}: {len(cat.entries)} entries, {len(cat.choice_keys)} "
        f"names/aliases (loaded in {load_s:.2f}s); batch of {len(names)} names "
        f"({len(distinct)} distinct); load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"sum(range(1000)) = {reference_seconds() * 1e6:.1f} µs; target 20,000/s"
    )
    passes = max(args.passes, 5)
    print(f"  fresh batch      {measure(names, passes, _clear_caches)}")
    print(f"  fresh, distinct  {measure(distinct, passes, _clear_caches)}")
    match_names(names)
    print(f"  warm batch       {measure(names, passes, lambda: None)}")
    load = os.getloadavg()
    print(f"  load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
