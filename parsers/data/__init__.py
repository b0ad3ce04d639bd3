"""Language data of the structure stage: YAML files in `parsers/data/`, loaded once.

The structure modules spell no Vietnamese word themselves: list markers, name fillers and
clause words live here (the quantity normaliser keeps its own in `normalizers/data/vi/`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from normalizers.lexicon import read_yaml

DATA_DIR = Path(__file__).parent


@cache
def load(name: str) -> Any:
    """`load("prose")` → the parsed `parsers/data/prose.yaml` (cached per process)."""
    return read_yaml(DATA_DIR / f"{name}.yaml")
