"""Values normalised per second on one core, on a mix of real cell strings.

The mix is every `raw` of the hand-written gold (tests/gold/*.json: table cells, prose
targets, milestones, notes) with its indicator name as `name_hint`, in a seeded order.
Target: >= 50,000 strings/s.

Each figure is the median (and best) of several passes:

- fresh: every memoised reading is forgotten before the pass (`quantities.clear_caches`), so
  a pass costs what a first reading of a document costs (cells repeated inside the pass, such
  as `100%` or `Đạt` with the same name, are read once);
- fresh, distinct: the same with each (text, name) pair once, the worst case;
- warm: the memo kept, as in a long run over tables that repeat their cells.

It also reads one long text (a page that came out as one line) at two lengths: the time
should grow about tenfold with a tenfold text, not a hundredfold.

The machine may be shared, so the load average is printed, and each pass is also timed
against a fixed reference loop (`sum(range(1000))`) run just before it: "ref/string" is the
cost of one string in units of that loop, a figure that does not move with the load.

    .venv/bin/python benchmarks/bench_normalizer.py [--passes 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from _timing import reference_seconds  # benchmarks/ is on sys.path when run as a script

from normalizers import parse_quantities
from normalizers.quantities import clear_caches

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "gold"


def real_cells() -> list[tuple[str, str | None]]:
    cells = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        for ind in json.loads(path.read_text(encoding="utf-8"))["indicators"]:
            for val in ind.get("values", []):
                cells.append((val["raw"], None if val["role"] == "score" else ind["name"]))
    return cells


def measure(run: Callable[[], None], n: int, passes: int, before: Callable[[], None]) -> str:
    """`passes` timed runs of `run` (n strings each): median and best strings/s (wall), median
    CPU-time rate, and the median cost of one string in reference-loop units."""
    walls, cpus, refs = [], [], []
    for _ in range(passes):
        ref = reference_seconds()
        before()
        start, cpu = time.perf_counter(), time.process_time()
        run()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        walls.append(wall)
        cpus.append(cpu)
        refs.append(cpu / n / ref)
    return (
        f"median {n / statistics.median(walls):>9,.0f}/s  best {n / min(walls):>9,.0f}/s  "
        f"(CPU time: median {n / statistics.median(cpus):>9,.0f}/s)  "
        f"ref/string {statistics.median(refs):6.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=7, help="timed passes per figure (>= 5)")
    args = parser.parse_args()
    cells = real_cells()
    random.Random(0).shuffle(cells)
    distinct = list(dict.fromkeys(cells))
    quantities = sum(len(parse_quantities(raw, name_hint=name)) for raw, name in cells)

    def read(batch: list[tuple[str, str | None]]) -> Callable[[], None]:
        def run() -> None:
            for raw, name in batch:
                parse_quantities(raw, name_hint=name)

        return run

    load = os.getloadavg()
    ref_us = reference_seconds() * 1e6
    print(
        f"normalizer: {len(cells)} real cell strings ({len(distinct)} distinct), {quantities} "
        f"quantities per pass; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"sum(range(1000)) = {ref_us:.1f} µs; target 50,000/s"
    )
    passes = max(args.passes, 5)
    print(f"  fresh caches       {measure(read(cells), len(cells), passes, clear_caches)}")
    print(f"  fresh, distinct    {measure(read(distinct), len(distinct), passes, clear_caches)}")
    print(f"  warm caches        {measure(read(cells), len(cells), passes, lambda: None)}")
    # One long text (a page read as one line): the cost must stay near-linear in its length.
    for repeats in (100, 1000):
        text = "năm 2025 đạt 5%, " * repeats
        clear_caches()
        start = time.perf_counter()
        found = len(parse_quantities(text))
        took = time.perf_counter() - start
        print(
            f"  one long text      {len(text):>6,} characters, {found:,} quantities: {took * 1e3:,.1f} ms"
        )
    load = os.getloadavg()
    print(f"  load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
