"""Language data of the quantity normaliser: YAML files in `normalizers/data/vi/`, loaded once.

The parsing modules never spell a Vietnamese word themselves; they ask for phrase lists
here and turn them into regular expressions with `phrase_pattern`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data" / "vi"


@cache
def load(name: str) -> Any:
    """`load("units")` → the parsed `normalizers/data/vi/units.yaml` (cached per process)."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, any run of spaces matching `\\s+`.

    Phrases ending in a letter or digit must end at a word boundary, so `ha` does not
    match inside `hai` and `đ` not inside `đến`.

    >>> re.fullmatch(phrase_pattern(["ha", "héc ta"]), "héc  ta") is not None
    True
    """
    parts = []
    for phrase in sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        if phrase[-1].isalnum():
            body += r"(?!\w)"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


def fold(text: str) -> str:
    """Lower-case with single spaces: the key under which phrases are looked up."""
    return " ".join(text.lower().split())


@cache
def alternation(patterns: tuple[str, ...]) -> re.Pattern:
    """One compiled, case-insensitive regex from a tuple of regex patterns (data files)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
