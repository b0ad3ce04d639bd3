"""Shared by the benchmark scripts: a CPU reference to read timings on a loaded machine."""

from __future__ import annotations

import time

REF_LOOPS = 200


def reference_seconds() -> float:
    """CPU seconds of one `sum(range(1000))`, best of a few tries."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(REF_LOOPS):
            sum(range(1000))
        best = min(best, time.process_time() - start)
    return best / REF_LOOPS
