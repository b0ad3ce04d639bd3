"""Generate a realistic synthetic corpus from the five samples in data/raw.

Each document is one of the samples with its commune renamed, its percentages and
decimal figures nudged, some adjacent numbered table rows swapped, and a text flavour
(UTF-8 `.txt`, `.md`, or `.txt` with a byte-order mark and CRLF line ends); `--docx`
turns a share of them into Word files (python-docx, via tests/formats/builders.py).
Files land in `<out>/<province>/<commune>/…` like a real collection. Seeded: the same
arguments give the same bytes.

    python benchmarks/make_corpus.py /tmp/corpus -n 2000 [--seed 1] [--docx 0.1]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw"

# the commune each sample is about (004 is a district report: no commune to rename)
SAMPLE_LOCALITY = {"000": "Xuân Quế", "001": "Cẩm Lương", "002": "An Hưng", "003": "Cao Minh"}
FIRST = [
    "Tân",
    "Phú",
    "Bình",
    "Hòa",
    "An",
    "Thạnh",
    "Long",
    "Mỹ",
    "Đông",
    "Tây",
    "Xuân",
    "Thanh",
    "Quảng",
    "Hưng",
    "Vĩnh",
    "Phước",
    "Hiệp",
    "Trung",
    "Nghĩa",
    "Đức",
    "Cẩm",
    "Minh",
    "Yên",
    "Hồng",
    "Kim",
    "Lạc",
    "Sơn",
    "Hải",
    "Thuận",
    "Hợp",
]
SECOND = [
    "Lợi",
    "Thành",
    "Phong",
    "Hưng",
    "Lộc",
    "Sơn",
    "Tiến",
    "Thịnh",
    "Quang",
    "Lâm",
    "Đông",
    "Hà",
    "Xuyên",
    "Khánh",
    "Thủy",
    "Bình",
    "An",
    "Trạch",
    "Mỹ",
    "Định",
    "Hòa",
    "Phú",
    "Long",
    "Tân",
    "Hải",
    "Nam",
    "Bắc",
    "Lương",
    "Quế",
    "Minh",
]
PROVINCES = [
    "thanh-hoa",
    "nghe-an",
    "lang-son",
    "dong-nai",
    "an-giang",
    "quang-nam",
    "thai-binh",
    "dak-lak",
    "ha-tinh",
    "binh-dinh",
]
KINDS = {
    "000": "phu-luc",
    "001": "ke-hoach",
    "002": "ke-hoach",
    "003": "ke-hoach",
    "004": "bao-cao",
}

PERCENT = re.compile(r"(?<![\d.,/])(\d{1,2})(,\d{1,2})?(?=\s?%)")
DECIMAL = re.compile(r"(?<![\d.,/])(\d{1,3}),(\d{1,2})(?![\d.,])")
TABLE_ROW = re.compile(r"^\d{1,2}\t")
YEARISH = re.compile(r"^(19|20)\d\d$")


def load_samples() -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


def commune_names(n: int, rng: random.Random) -> list[str]:
    names = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
    rng.shuffle(names)
    return (
        names[:n]
        if n <= len(names)
        else [f"{names[i % len(names)]} {i // len(names) + 1}" for i in range(n)]
    )


def _nudge(rng: random.Random, whole: str, frac: str | None, cap: int | None) -> str:
    value = int(whole) + (int(frac[1:]) / 10 ** (len(frac) - 1) if frac else 0)
    value *= rng.uniform(0.85, 1.15)
    if cap is not None:
        value = min(value, cap)
    if frac:
        digits = len(frac) - 1
        text = f"{value:.{digits}f}".replace(".", ",")
    else:
        text = str(max(0, round(value)))
    return text


def vary_numbers(text: str, rng: random.Random) -> str:
    def table_line(line: str) -> str:
        if "\t" not in line or rng.random() < 0.3:
            return line
        cells = line.split("\t")
        out = [cells[0]]
        for cell in cells[1:]:
            cell = PERCENT.sub(lambda m: _nudge(rng, m[1], m[2], 100), cell)
            cell = DECIMAL.sub(lambda m: _nudge(rng, m[1], "," + m[2], None), cell)
            out.append(cell)
        return "\t".join(out)

    return "\n".join(table_line(line) for line in text.split("\n"))


def swap_rows(text: str, rng: random.Random, share: float = 0.15) -> str:
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1:
        if (
            TABLE_ROW.match(lines[i])
            and TABLE_ROW.match(lines[i + 1])
            and lines[i].count("\t") == lines[i + 1].count("\t")
            and rng.random() < share
        ):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            i += 2
        else:
            i += 1
    return "\n".join(lines)


def rename(text: str, old: str, new: str) -> str:
    return text.replace(old, new).replace(old.upper(), new.upper())


def make_document(samples: dict[str, str], key: str, commune: str, rng: random.Random) -> str:
    text = samples[key]
    if key in SAMPLE_LOCALITY:
        text = rename(text, SAMPLE_LOCALITY[key], commune)
    text = vary_numbers(text, rng)
    return swap_rows(text, rng)


def make_corpus(out: Path, n: int, *, seed: int = 1, docx_share: float = 0.0) -> list[Path]:
    """Write `n` documents under `out`; returns their paths."""
    rng = random.Random(seed)
    samples = load_samples()
    keys = sorted(samples)
    communes = commune_names(max(1, n // 3 + 1), rng)
    build_docx = parse_sample = None
    if docx_share:
        sys.path.insert(0, str(ROOT / "tests" / "formats"))
        from builders import build_docx, parse_sample  # noqa: F811 (optional helper)
    paths = []
    for i in range(n):
        key = keys[i % len(keys)] if i < len(keys) else rng.choice(keys)
        commune = communes[i // 3 % len(communes)]
        text = make_document(samples, key, commune, rng)
        folder = out / PROVINCES[i % len(PROVINCES)] / commune.lower().replace(" ", "-")
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{KINDS[key]}-{i:05d}"
        flavour = rng.random()
        if build_docx and flavour < docx_share:
            path = build_docx(parse_sample(text), folder / f"{stem}.docx")
        elif flavour < docx_share + 0.10:
            path = folder / f"{stem}.md"
            path.write_text(text, encoding="utf-8")
        elif flavour < docx_share + 0.15:
            path = folder / f"{stem}.txt"
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        else:
            path = folder / f"{stem}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--docx",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="share of documents written as .docx (e.g. 0.1)",
    )
    args = parser.parse_args()
    paths = make_corpus(args.out, args.n, seed=args.seed, docx_share=args.docx)
    lines = sum(p.read_bytes().count(b"\n") + 1 for p in paths if p.suffix != ".docx")
    print(f"{len(paths)} documents ({lines} text lines) → {args.out}")


if __name__ == "__main__":
    main()
