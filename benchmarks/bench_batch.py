"""Batch ingestion benchmark: throughput at 1 and 2 workers, incremental re-run, memory.

Generates a synthetic corpus (benchmarks/make_corpus.py) and runs `chitieu ingest` on it as
a subprocess, the way a scheduled job would, timing it from the outside:

- docs/s and text lines/s at 1 and 2 workers (fresh output folder each), and their ratio;
- the re-run over the same, unchanged documents;
- peak memory of a run over the large corpus: the largest single process (parent, forkserver
  or worker: `RUSAGE_CHILDREN` max RSS) and, when psutil is installed, the sampled peak of
  the whole process tree: the sum of PSS (each shared page split among the processes that
  share it, so pages that workers share with the forkserver they were forked from count
  once) and, as an upper bound, the sum of RSS (shared pages counted in every process).

On a machine shared with other work, wall-clock docs/s understate what a core does:
docs per CPU-second (summed over the process tree by psutil) is printed beside them.

Targets (issue 6): text ≥ 50 docs/s per core; re-run over 1,000 unchanged ≤ 3 s;
peak memory ≤ 400 MB for 10,000 documents; near-linear growth from 1 to 2 workers.

    python benchmarks/bench_batch.py [--docs 1000] [--big 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import reference_seconds  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

try:
    import psutil
except ImportError:  # optional: only the sampled tree total needs it
    psutil = None


class TreeSampler:
    """Samples the summed PSS and RSS of a process and its descendants every `interval` s."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval, self.peak, self.peak_rss = pid, interval, 0, 0
        self.cpu: dict[int, float] = {}  # pid → user + system seconds, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            total = rss_total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        mem = p.memory_full_info()  # pss: Linux only
                        total += getattr(mem, "pss", mem.rss)
                        rss_total += mem.rss
                        t = p.cpu_times()
                        self.cpu[p.pid] = t.user + t.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            self.peak_rss = max(self.peak_rss, rss_total)
            self._stop.wait(self.interval)

    def __enter__(self):
        if psutil is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def ingest(corpus: Path, out: Path, workers: int) -> dict:
    """One `chitieu ingest` run; wall time, its JSON summary and memory figures."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "ingest",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        str(workers),
        "--json",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    with TreeSampler(proc.pid) as sampler:
        stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{stderr[-2000:]}")
    max_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {
        "wall_s": wall,
        "summary": json.loads(stdout),
        "max_process_mb": max_rss / 1024 if max_rss > before else None,
        "tree_peak_mb": sampler.peak / 2**20 if sampler.peak else None,
        "tree_rss_mb": sampler.peak_rss / 2**20 if sampler.peak_rss else None,
        "cpu_s": sum(sampler.cpu.values()) or None,  # sampled: misses each process's last 0.1 s
    }


def text_lines(paths: list[Path]) -> int:
    return sum(p.read_bytes().count(b"\n") + 1 for p in paths if p.suffix != ".docx")


def machine_state() -> str:
    """Load average and the CPU reference loop: docs/s move with both on a shared machine."""
    load = os.getloadavg()
    return (
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"sum(range(1000)) = {reference_seconds() * 1e6:.1f} µs"
    )


def fmt_mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="corpus for throughput/re-run")
    parser.add_argument("--big", type=int, default=10000, help="corpus for memory (0: skip)")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work here and keep it (default: a temp dir)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = work / f"corpus-{args.docs}"
        if not corpus.exists():
            make_corpus(corpus, args.docs, seed=args.seed)
        paths = sorted(p for p in corpus.rglob("*") if p.is_file())
        lines = text_lines(paths)
        print(f"corpus: {len(paths)} text documents, {lines} lines, {os.cpu_count()} cores")
        print(machine_state())

        rates: dict[int, float] = {}
        for workers in (int(w) for w in args.workers.split(",")):
            out = work / f"parsed-{args.docs}-w{workers}"
            shutil.rmtree(out, ignore_errors=True)
            run = ingest(corpus, out, workers)
            s = run["summary"]
            rates[workers] = s["parsed"] / run["wall_s"]
            cpu = f"{s['parsed'] / run['cpu_s']:.1f}" if run["cpu_s"] else "n/a"
            print(
                f"workers={workers}: {s['parsed']} parsed in {run['wall_s']:.1f} s → "
                f"{rates[workers]:.1f} docs/s ({rates[workers] / workers:.1f} per core; "
                f"{cpu} per CPU-second), "
                f"{lines / run['wall_s']:.0f} lines/s; {s['documents']} documents, "
                f"{s['indicators']} indicators, {s['values']} values, {s['failed']} failed; "
                f"max process {fmt_mb(run['max_process_mb'])}, tree {fmt_mb(run['tree_peak_mb'])} PSS"
            )
        if len(rates) >= 2:
            lo, hi = min(rates), max(rates)
            print(
                f"speed-up {lo}→{hi} workers: ×{rates[hi] / rates[lo]:.2f} "
                f"(linear would be ×{hi / lo:.2f}); after: {machine_state()}"
            )

        rerun_out = work / f"parsed-{args.docs}-w{max(rates)}"
        rerun = ingest(corpus, rerun_out, max(rates))
        s = rerun["summary"]
        print(
            f"re-run over {s['skipped']} unchanged documents: {rerun['wall_s']:.2f} s "
            f"wall ({s['elapsed_s']:.2f} s inside ingest), {s['parsed']} parsed, "
            f"tables rewritten: {s['tables_rewritten']}"
        )

        if args.big:
            big = work / f"corpus-{args.big}"
            if not big.exists():
                make_corpus(big, args.big, seed=args.seed + 1)
            out = work / f"parsed-{args.big}"
            shutil.rmtree(out, ignore_errors=True)
            run = ingest(big, out, max(rates))
            s = run["summary"]
            print(
                f"{args.big} documents at {max(rates)} workers: {run['wall_s']:.1f} s "
                f"({s['parsed'] / run['wall_s']:.1f} docs/s), {s['indicators']} indicators, "
                f"{s['values']} values; peak memory: largest process "
                f"{fmt_mb(run['max_process_mb'])}, whole tree {fmt_mb(run['tree_peak_mb'])} PSS "
                f"({fmt_mb(run['tree_rss_mb'])} summed RSS, shared pages counted per process)"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
