"""One failing part must not lose the document: run a table or a line under a guard.

A bug met by one odd table (a one-column layout box, a row wider than its header) or one
odd line used to sink the whole document as `structure_crash`. Under the guard the part
yields nothing, a warning naming it (`table at line 16`, `section II, line 40`) is kept
for the `errors` table, and the rest of the document is read; the document is `partial`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from parsers.structure.records import Section

T = TypeVar("T")

# (stage, error_type, message), the shape of `Document.warnings`.
Warning_ = tuple[str, str, str]
STAGE = "structure"
ERROR_TYPE = "part_failed"


def guarded(
    part: str, warnings: list[Warning_], fn: Callable[..., list[T]], *args, **kwargs
) -> list[T]:
    """`fn(*args, **kwargs)`, or `[]` and a warning naming `part` if it raises."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # any bug in one part: keep the rest of the document
        warnings.append((STAGE, ERROR_TYPE, f"{part}: {type(exc).__name__}: {exc}"))
        return []


def section_part(section: Section | None, line_start: int) -> str:
    """`section II. Kinh tế, line 40` (or `line 40` before any section)."""
    if section is None:
        return f"line {line_start}"
    name = " ".join(x for x in (section.label, section.title[:60]) if x)
    return f"section {name}, line {line_start}"
