"""Values normalised per second on one core, on a mix of real cell strings.

The mix is every `raw` of the hand-written gold (tests/gold/*.json: table cells, prose
targets, milestones, notes) with its indicator name as `name_hint`, in document order.
Seeded and repeatable; prints one line. Target: >= 50,000 strings/s.

    .venv/bin/python benchmarks/bench_normalizer.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from normalizers import parse_quantities

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "gold"


def real_cells() -> list[tuple[str, str | None]]:
    cells = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        for ind in json.loads(path.read_text(encoding="utf-8"))["indicators"]:
            for val in ind.get("values", []):
                cells.append((val["raw"], None if val["role"] == "score" else ind["name"]))
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to measure")
    args = parser.parse_args()
    cells = real_cells()
    random.Random(0).shuffle(cells)
    for raw, name in cells:  # warm the caches (unit hints, names) like a long run would
        parse_quantities(raw, name_hint=name)
    done = 0
    start = time.perf_counter()
    deadline = start + args.seconds
    while time.perf_counter() < deadline:
        for raw, name in cells:
            parse_quantities(raw, name_hint=name)
        done += len(cells)
    elapsed = time.perf_counter() - start
    quantities = sum(len(parse_quantities(raw, name_hint=name)) for raw, name in cells)
    print(
        f"normalizer: {done / elapsed:,.0f} strings/s on one core "
        f"({len(cells)} real cell strings, {quantities} quantities per pass, {elapsed:.1f} s)"
    )


if __name__ == "__main__":
    main()
