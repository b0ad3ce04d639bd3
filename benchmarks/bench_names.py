"""Benchmark: indicator names matched per second against the catalogue.

Builds a seeded batch of realistic names from the evaluation set (tests/normalizers/data/
name_eval.tsv) by rewriting them the way documents do (targets and years appended,
"Phấn đấu" prefixes, tỉ/tỷ and tone-placement swaps, upper case, missing diacritics) and times
``match_names`` on it with cold caches, workers=1.

    .venv/bin/python benchmarks/bench_names.py [--n 20000] [--seed 0]

Prints three figures: the whole batch (names repeat, as they do across a corpus; each distinct
name is scored once), a batch of distinct names only (the worst case), and the batch again
with the folding cache warm.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalizers import folding  # noqa: E402
from normalizers.names import load_catalog, match_names  # noqa: E402

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
    folding.fold_name.cache_clear()
    folding.match_key.cache_clear()


def _time(names: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (CPU time is steadier on a shared, loaded machine)."""
    _clear_caches()
    start, cpu = time.perf_counter(), time.process_time()
    match_names(names)
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    start = time.perf_counter()
    cat = load_catalog()
    load_s = time.perf_counter() - start
    names = realistic_names(args.n, args.seed)
    distinct = list(dict.fromkeys(names))
    match_names(names[:50])  # warm-up (imports, numpy)

    (batch_s, batch_cpu), (distinct_s, distinct_cpu) = _time(names), _time(distinct)
    start = time.perf_counter()
    match_names(names)  # warm: folded names cached, as in a run over many documents
    warm_s = time.perf_counter() - start
    print(
        f"catalogue {cat.version}: {len(cat.entries)} entries, {len(cat.choice_keys)} names/aliases "
        f"(loaded in {load_s:.2f}s)"
    )
    print(
        f"batch of {len(names)} names ({len(distinct)} distinct): {batch_s:.2f}s "
        f"= {len(names) / batch_s:,.0f} names/s (CPU time: {len(names) / batch_cpu:,.0f}/s)"
    )
    print(
        f"distinct names only: {len(distinct)} in {distinct_s:.2f}s "
        f"= {len(distinct) / distinct_s:,.0f} names/s (CPU time: {len(distinct) / distinct_cpu:,.0f}/s)"
    )
    print(
        f"same batch again, folding cache warm: {warm_s:.2f}s = {len(names) / warm_s:,.0f} names/s"
    )


if __name__ == "__main__":
    main()
