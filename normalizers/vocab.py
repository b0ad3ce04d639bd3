"""Loading the language data kept in `normalizers/data/` (YAML), once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import regex as re
import yaml

DATA_DIR = Path(__file__).parent / "data"


@cache
def load(name: str) -> Any:
    """`load("vi/columns")` → the parsed `normalizers/data/vi/columns.yaml`."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def alternation(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
