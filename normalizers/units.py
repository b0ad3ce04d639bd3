"""Units and scale words written after a number, and units inferred from headers and names.

`match_unit(text, pos)` reads what follows a number: scale words (`triệu`, `tỷ`), a unit
alias (`đồng`, `ha`, `lượt người`), compound parts (`/người/năm`, `/vạn dân`) and bracketed
units (`12,5 (%/năm)`), and returns the canonical code of DATA_CONTRACT.md. All aliases
live in `data/vi/units.yaml` and `data/vi/scale_words.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from normalizers.lexicon import fast_form, fold, load, phrase_pattern, split_alternatives
from normalizers.numbers import parse_number


@dataclass(frozen=True, slots=True)
class UnitDef:
    code: str
    exp: int = 0  # power of ten into `code` (tạ → tonne: -1)
    money: bool = False


def _unit_table() -> dict[str, UnitDef]:
    table: dict[str, UnitDef] = {}
    for key, spec in load("units")["units"].items():
        unit = UnitDef(spec.get("code", key), spec.get("exp", 0), spec.get("kind") == "money")
        for alias in spec["aliases"]:
            table[fold(alias)] = unit
    return table


ALIASES: dict[str, UnitDef] = _unit_table()
_SCALES_DATA = load("scale_words")
SCALES: dict[str, int] = {fold(k): v for k, v in _SCALES_DATA["scales"].items()}
_MONEY_DEFAULT_SCALES = {fold(w) for w in _SCALES_DATA["money_default"]}
MONEY_DEFAULT_UNIT: str = _SCALES_DATA["money_default_unit"]

UNIT_PATTERN = phrase_pattern(ALIASES)  # for callers that need a regex (number words)
_POPULATION = {fold(w) for w in load("units")["per_population_words"]}
_MAX_WORDS = max(len(k.split()) for k in [*ALIASES, *_POPULATION])
_VOCAB = frozenset(w for k in [*ALIASES, *_POPULATION, *SCALES] for w in k.split())

# One token after a number: a word, a number, or one of the symbols units are made of.
_TOKEN_RE = re.compile(
    r"\s*(?:([^\W\d_]+(?:[23](?![\d.,]))?)|(\d+(?:[.,]\d+)*)|([%‰$/()]))"
)  # m2, km2
_LOOKAHEAD = 48  # a unit is never longer than this

_UNIT_START = frozenset("%‰$/(")


class UnitMatch(NamedTuple):
    """What was read after a number (or in a header). A NamedTuple: cheap to build."""

    end: int  # where the unit text ends (closing bracket included)
    unit: str | None  # canonical code, e.g. `VND/person/year`
    unit_raw: str | None  # as written, e.g. `triệu đồng/người/năm`
    scale_exp: int = 0  # scale words and unit factor, as a power of ten
    has_scale: bool = False
    period: str | None = None  # `annual` when a `/năm` was read as a period
    money_guess: bool = False  # a bare `triệu`/`tỷ`: money is only a guess


_KINDS = (None, "w", "n", "p")  # token kind by the number of the `_TOKEN_RE` group matched


def _tokens(low: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) for the run of adjacent tokens at the start of `low` that
    can belong to a unit: it stops at the first word no unit is made of (`10% số vụ`)."""
    out: list[tuple[str, str, int, int]] = []
    pos, match = 0, _TOKEN_RE.match
    while True:
        m = match(low, pos)
        if m is None:
            return out
        group = m.lastindex  # 1 word, 2 number, 3 symbol; each group ends the match
        text = m.group(group)
        if group == 1 and text not in _VOCAB:
            return out
        pos = m.end()
        out.append((_KINDS[group], text, m.start(group), pos))


def _key_at(
    toks: list[tuple[str, str, int, int]], i: int, table: dict | set
) -> tuple[str | None, int]:
    """The longest key of `table` that the word tokens from `i` spell (or the symbol token at
    `i`), and how many tokens it takes; (None, 0) when there is none."""
    j = i
    while j < len(toks) and j - i < _MAX_WORDS and toks[j][0] == "w":
        j += 1
    if j - i == 1:  # one word, the usual case
        word = toks[i][1]
        return (word, 1) if word in table else (None, 0)
    for n in range(j - i, 0, -1):
        key = " ".join([t[1] for t in toks[i : i + n]])
        if key in table:
            return key, n
    if i < len(toks) and toks[i][0] == "p" and toks[i][1] in table:
        return toks[i][1], 1
    return None, 0


def _population_code(base: int) -> str:
    if base == 1:
        return "population"
    if base >= 10_000 and base % 1000 == 0:
        return f"{base // 1000}k population"
    return f"{base} population"


def _per_part(toks: list[tuple[str, str, int, int]], i: int) -> tuple[str, int] | None:
    """After a `/`: `người`, `ha`, `năm`, `vạn dân`, `1.000 dân` → (code, next token index)."""
    base, j = 1, i
    if j < len(toks) and toks[j][0] == "n":
        base = int(parse_number(toks[j][1]).value)
        j += 1
    if j < len(toks) and toks[j][0] == "w" and toks[j][1] in SCALES:
        base *= 10 ** SCALES[toks[j][1]]
        j += 1
    key, n = _key_at(toks, j, _POPULATION)
    if n:
        return _population_code(base), j + n
    if j != i:
        return None  # `/13.517 triệu USD` is another number, not a denominator
    key, n = _key_at(toks, j, ALIASES)
    if key is not None:
        return ALIASES[key].code, j + n
    return None


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """Read the unit written at `text[pos:]` (spaces first allowed); None when there is none.

    >>> match_unit("125,4 triệu đồng/người/năm.", 5).unit
    'VND/person/year'
    >>> u = match_unit("12,5 (%/năm)", 4); (u.unit, u.period, u.unit_raw)
    ('%', 'annual', '%/năm')
    """
    seg = text[pos : pos + _LOOKAHEAD]
    head = seg.lstrip()
    if not head or not (head[0].isalpha() or head[0] in _UNIT_START):
        return None  # the common case in prose: `,`, `.`, `-` or the end after a number
    found = _match_segment(seg)
    if found is None or not pos:
        return found
    return tuple.__new__(UnitMatch, (pos + found[0], *found[1:]))  # = found._replace(end=…)


@lru_cache(maxsize=16384)
def _match_segment(seg: str) -> UnitMatch | None:
    """match_unit on the text after a number; cached, as cells repeat their units (`%`)."""
    low = seg.lower()
    if len(low) != len(seg):  # a character whose lower case is longer: keep offsets
        low = seg
    toks = _tokens(low)
    if not toks:
        return None
    i, opened = 0, toks[0][1] == "("
    if opened:
        i = 1
    first = i
    exp, scale_words = 0, []
    while i < len(toks) and toks[i][0] == "w" and toks[i][1] in SCALES:
        exp += SCALES[toks[i][1]]
        scale_words.append(toks[i][1])
        i += 1
    udef = None
    key, n = _key_at(toks, i, ALIASES)
    if key is not None:
        udef = ALIASES[key]
        i += n
    elif scale_words and i + 1 < len(toks) and toks[i][1] == "/":
        # `Triệu/đồng` (a header spelling) puts a slash between the scale and the currency.
        key, n = _key_at(toks, i + 1, ALIASES)
        if key is not None and ALIASES[key].money:
            udef = ALIASES[key]
            i += 1 + n
    if udef is None and not scale_words:
        return None  # a bare `/năm` or bracket after a number is not a unit of its own
    last = i
    pers: list[str] = []
    while i + 1 < len(toks) and toks[i][1] == "/":
        part = _per_part(toks, i + 1)
        if part is None:
            break
        pers.append(part[0])
        i = last = part[1]
    if opened:
        if i < len(toks) and toks[i][1] == ")":
            i += 1
        else:
            return None
    code, money = (udef.code, udef.money) if udef is not None else (None, False)
    if udef is not None:
        exp += udef.exp
    money_guess = False
    if code is None and scale_words[-1] in _MONEY_DEFAULT_SCALES:
        # `150 triệu/ha`: a scale word with a per-unit is money; a bare `150 triệu` only maybe.
        if pers:
            code, money = MONEY_DEFAULT_UNIT, True
        else:
            money_guess = True
    period = None
    if pers and pers[-1] == "year" and not money:
        # `%/năm`, `80ha/năm`: a rate per year is the unit with period `annual`.
        pers.pop()
        period = "annual"
    if code is not None and pers:
        code = "/".join([code, *pers])
    return UnitMatch(
        end=toks[i - 1][3],
        unit=code,
        unit_raw=" ".join(seg[toks[first][2] : toks[last - 1][3]].split()),
        scale_exp=exp,
        has_scale=bool(scale_words),
        period=period,
        money_guess=money_guess,
    )


_HINT_PREFIX_RE = re.compile(
    r"^\s*(?:đơn\s+vị\s+tính|đvt)?\s*[:.]?\s*(?:tổng\s+số|số\s+lượng|số)?\s+", re.IGNORECASE
)


def clear_caches() -> None:
    """Forget memoised unit readings (benchmarks measure the cold speed with this)."""
    _match_segment.cache_clear()
    parse_unit_text.cache_clear()
    unit_from_name.cache_clear()


@lru_cache(maxsize=4096)
def parse_unit_text(text: str | None) -> UnitMatch | None:
    """A unit written alone: a column header (`Triệu/đồng`, `Số DN/1000 dân`) or a bracket.

    >>> parse_unit_text("Triệu/đồng").unit, parse_unit_text("Triệu/đồng").scale_exp
    ('VND', 6)
    >>> parse_unit_text("Số DN/1000 dân").unit
    'enterprise/1000 population'
    """
    if not text:
        return None
    hint = " ".join(text.split()).strip(" ()[].:")
    if not hint:
        return None
    hint = _HINT_PREFIX_RE.sub("", " " + hint, count=1).strip() or hint
    found = match_unit(hint, 0)
    if found is None:
        return None
    # Keep the header as written, not only the part that was understood.
    return UnitMatch(
        end=found.end,
        unit=found.unit or (MONEY_DEFAULT_UNIT if found.money_guess else None),
        unit_raw=" ".join(text.split()),
        scale_exp=found.scale_exp,
        has_scale=found.has_scale,
        period=found.period,
    )


_NAME_RULE_DATA: list[tuple[str, str]] = [
    (r["pattern"], r["unit"]) for r in load("name_units")["rules"]
]


def _anchored(pattern: str) -> bool:
    return pattern.startswith("^") and len(split_alternatives(pattern)) == 1


# The leading rules anchored at the start of the name (`^\W*tỷ lệ`) are tried in one match of
# their alternation, in order (the first that matches wins, as when tried one by one); the
# rules after them are searched one by one.
_HEAD_COUNT = next(
    (i for i, (p, _) in enumerate(_NAME_RULE_DATA) if not _anchored(p)), len(_NAME_RULE_DATA)
)
_NAME_HEAD_RE = re.compile(
    "^(?:"
    + "|".join(f"(?P<r{i}>{p[1:]})" for i, (p, _) in enumerate(_NAME_RULE_DATA[:_HEAD_COUNT]))
    + ")",
    re.IGNORECASE,
)
_NAME_HEAD_UNITS = {f"r{i}": unit for i, (_, unit) in enumerate(_NAME_RULE_DATA[:_HEAD_COUNT])}
_NAME_RULES = [
    (re.compile(fast_form(p), re.IGNORECASE), unit) for p, unit in _NAME_RULE_DATA[_HEAD_COUNT:]
]
_NAME_BRACKET_RE = re.compile(r"\(([^()]{1,30})\)\s*[.:]?\s*$")


@lru_cache(maxsize=8192)
def unit_from_name(name: str | None) -> UnitMatch | None:
    """The unit an indicator name implies: `Tỷ lệ …` → `%`, `Số lao động …` → `person`,
    `Thu ngân sách (Tỷ đồng)` → VND × 10⁹.

    >>> unit_from_name("Tỷ lệ lao động qua đào tạo").unit
    '%'
    """
    if not name:
        return None
    bracket = _NAME_BRACKET_RE.search(name)
    if bracket:
        found = parse_unit_text(bracket.group(1))
        if found is not None and found.unit is not None:
            return found
    head = _NAME_HEAD_RE.match(name) if _HEAD_COUNT else None
    if head is not None:
        return UnitMatch(end=0, unit=_NAME_HEAD_UNITS[head.lastgroup], unit_raw=None)  # type: ignore[index]
    for pattern, unit in _NAME_RULES:
        if pattern.search(name):
            return UnitMatch(end=0, unit=unit, unit_raw=None)
    return None
