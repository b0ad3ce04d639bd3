"""Values normalised per second on one core, on a mix of real cell strings.

The mix is every `raw` of the hand-written gold (tests/gold/*.json: table cells, prose
targets, milestones, notes) with its indicator name as `name_hint`, in document order.
Seeded and repeatable; prints one line. Target: >= 50,000 strings/s. The cold figure clears
the normaliser's memoised unit readings before every pass; the warm one keeps them, as a long
run over real tables (which repeat `%`, `ha`, `Đạt`) would.

    .venv/bin/python benchmarks/bench_normalizer.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to measure")
    args = parser.parse_args()
    cells = real_cells()
    random.Random(0).shuffle(cells)
    quantities = sum(len(parse_quantities(raw, name_hint=name)) for raw, name in cells)
    cold = _rate(cells, args.seconds, clear=True)
    warm = _rate(cells, args.seconds, clear=False)
    print(
        f"normalizer: {cold:,.0f} strings/s on one core, cold caches "
        f"({warm:,.0f} strings/s with warm unit caches; {len(cells)} real cell strings, "
        f"{quantities} quantities per pass)"
    )


def _rate(cells: list[tuple[str, str | None]], seconds: float, *, clear: bool) -> float:
    """Strings per second over repeated passes; with `clear`, the memoised unit readings are
    forgotten before every pass so that a pass costs what a first reading costs."""
    done, spent = 0, 0.0
    while spent < seconds:
        if clear:
            clear_caches()
        start = time.perf_counter()
        for raw, name in cells:
            parse_quantities(raw, name_hint=name)
        spent += time.perf_counter() - start
        done += len(cells)
    return done / spent


if __name__ == "__main__":
    main()
