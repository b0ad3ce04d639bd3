"""The long fuzz run, on demand:

    python -m tests.fuzz.run --n 100000 [--seed 1] [--formats txt,docx,pdf] [--seconds S]

Mutates the seeds (see `harness`) with a seeded random generator, reads every input, and
keeps one regression file per distinct crash (exception type and the frame it was raised
in) under `tests/fuzz/regressions/`. Prints the count, the time and the escaped
exceptions; exit code 1 when any escaped.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from tests.fuzz import harness


def signature(f: harness.Finding) -> str:
    last = f.trace.strip().splitlines()
    frames = [line.strip() for line in last if line.strip().startswith("File ")]
    return f"{f.fmt} {f.error.split(':')[0]} {frames[-1] if frames else ''}"


def mutate(rng: random.Random, fmt: str, seeds: dict[str, list[bytes]]) -> bytes:
    seed = rng.choice(seeds[fmt])
    edits = harness.random_edits(rng)
    if fmt == "docx" and rng.random() < 0.5:
        return harness.mutate_docx_inside(seed, edits, rng.getrandbits(8))
    return harness.apply_edits(seed, edits, donor=rng.choice(seeds[fmt]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="inputs to read")
    ap.add_argument("--seed", type=int, default=1, help="random seed (runs are reproducible)")
    ap.add_argument("--formats", default=",".join(harness.FORMATS))
    ap.add_argument("--seconds", type=float, default=None, help="stop after this long")
    ap.add_argument("--no-save", action="store_true", help="do not write regression files")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="chitieu-fuzz-seeds-") as seed_dir:
        seeds = harness.build_seeds(Path(seed_dir))
    print(
        f"seeds: {', '.join(f'{len(seeds[f])} {f}' for f in formats)} "
        f"({time.monotonic() - started:.1f} s)",
        flush=True,
    )
    found: dict[str, harness.Finding] = {}
    counts: Counter[str] = Counter()
    per_format: Counter[str] = Counter()
    done = 0
    t0 = time.monotonic()
    with harness.scratch() as folder:
        for done in range(1, args.n + 1):
            fmt = formats[done % len(formats)]
            data = mutate(rng, fmt, seeds)
            per_format[fmt] += 1
            try:
                finding = harness.read_bytes(data, fmt, folder)
            except KeyboardInterrupt:
                done -= 1
                break
            if finding is not None:
                sig = signature(finding)
                counts[sig] += 1
                if sig not in found:
                    found[sig] = finding
                    where = "" if args.no_save else f" → {harness.save(finding)}"
                    print(f"FOUND {sig}: {finding.error[:200]}{where}", flush=True)
            if done % 1000 == 0:
                rate = done / (time.monotonic() - t0)
                print(f"{done} inputs, {sum(counts.values())} escaped, {rate:.0f}/s", flush=True)
            if args.seconds and time.monotonic() - t0 > args.seconds:
                break
    elapsed = time.monotonic() - t0
    print(
        f"done: {done} inputs ({', '.join(f'{per_format[f]} {f}' for f in formats)}) in "
        f"{elapsed:.0f} s, {sum(counts.values())} escaped exceptions, {len(found)} distinct"
    )
    for sig, n in counts.most_common():
        print(f"  {n:6d}  {sig}")
    return 1 if counts else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # the harness itself broke: say so plainly
        traceback.print_exc()
        sys.exit(2)
