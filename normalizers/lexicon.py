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
# libyaml's loader reads the catalogue ~10x faster than the pure-Python one (same result).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """A YAML data file, parsed with libyaml when PyYAML was built with it."""
    with Path(path).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


@cache
def load(name: str) -> Any:
    """`load("units")` → the parsed `normalizers/data/vi/units.yaml` (cached per process)."""
    return read_yaml(DATA_DIR / f"{name}.yaml")


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


# --- patterns that `re` scans fast ------------------------------------------------------
#
# `re` finds where a pattern can start by scanning for its first letters, but a pattern that
# starts with an assertion (`\b`, `(?<!…)`) is tried at every position of the text, several
# times slower. The same test can be made just after the first letter: `\bhàng năm` matches
# what `h(?<!\w.)àng năm` matches (the `.` is the `h`), and `re` then scans for `h`.


def _scan(pattern: str) -> list[tuple[int, int]]:
    """(index, nesting depth before it) of every `(`, `)` and `|` of a regular expression that
    is not escaped or inside a `[...]` class."""
    out, depth, i = [], 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            i += 1 if pattern[i : i + 1] == "]" else 0
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch in "(|)":
            depth -= ch == ")"
            out.append((i, depth))
            depth += ch == "("
        i += 1
    return out


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression.

    >>> split_alternatives(r"a|(b|c)|[|]|x")
    ['a', '(b|c)', '[|]', 'x']
    """
    cuts = [i for i, depth in _scan(pattern) if depth == 0 and pattern[i] == "|"]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[lo + 1 : hi] for lo, hi in zip(bounds, bounds[1:], strict=False)]


_QUANTIFIERS = ("?", "*", "+", "{")
_GROUP_HEAD_RE = re.compile(r"\((?:\?:|\?P<\w+>|(?!\?))")
_LOOKBEHIND_RE = re.compile(r"\(\?<!(\\[wdsWDS]|\[(?:[^\[\]\\]|\\.)*\]|[^\\()\[\]|.?*+{}^$])\)")


def _check_after_first(pattern: str, behind: str) -> str | None:
    """`pattern` with `(?<!{behind}.)` after its first character, or None unless every match
    starts with a literal letter or digit, or `\\d` (in each alternative of a leading,
    unquantified group)."""
    check = f"(?<!{behind}.)"
    if pattern[:1].isalnum() and not pattern[1:2].startswith(_QUANTIFIERS):
        return pattern[0] + check + pattern[1:]
    if pattern.startswith(r"\d") and not pattern[2:3].startswith(_QUANTIFIERS):
        return r"\d" + check + pattern[2:]
    if pattern.startswith(r"\d+"):  # \d+ = \d\d*
        return r"\d" + check + r"\d*" + pattern[3:]
    head = _GROUP_HEAD_RE.match(pattern)
    if head is None:
        return None
    close = next((i for i, depth in _scan(pattern) if depth == 0 and pattern[i] == ")"), None)
    if close is None or pattern[close + 1 : close + 2].startswith(_QUANTIFIERS):
        return None
    alts = [_check_after_first(a, behind) for a in split_alternatives(pattern[head.end() : close])]
    if any(a is None for a in alts):
        return None
    return head.group() + "|".join(alts) + pattern[close:]  # type: ignore[arg-type]


def fast_form(pattern: str) -> str:
    """An equivalent of `pattern` that `re` searches fast (same matches, same groups).

    Each top-level alternative that starts with `\\b` or a one-character negative lookbehind
    and then a literal letter or digit gets the test moved after that first character;
    anything else is left as written.

    >>> print(fast_form(r"\\bhàng năm\\b|\\b(?:19|20)\\d\\d"))
    h(?<!\\w.)àng năm\\b|(?:1(?<!\\w.)9|2(?<!\\w.)0)\\d\\d
    """
    out = []
    for alt in split_alternatives(pattern):
        lifted = None
        if alt.startswith(r"\b"):
            lifted = _check_after_first(alt[2:], r"\w")
        else:
            behind = _LOOKBEHIND_RE.match(alt)
            if behind is not None:
                lifted = _check_after_first(alt[behind.end() :], behind.group(1))
        out.append(lifted if lifted is not None else alt)
    return "|".join(out)


def contains_any(low: str, words: tuple[str, ...]) -> bool:
    """Whether one of `words` is in `low` (`in` tests are much cheaper than a regex search)."""
    for w in words:
        if w in low:
            return True
    return False
