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

from normalizers.lexicon import fold, load, phrase_pattern
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
_POPULATION = load("units")["per_population_words"]

UNIT_PATTERN = phrase_pattern(ALIASES)
SCALE_PATTERN = phrase_pattern(SCALES)
MONEY_PATTERN = phrase_pattern(a for a, u in ALIASES.items() if u.money)
_POP_PATTERN = (
    r"(?:(?P<popn>\d{1,3}(?:[.,]?\d{3})*)\s*)?(?:(?P<pops>" + SCALE_PATTERN + r")\s+)?"
    + phrase_pattern(_POPULATION)
)
_PER_PART = r"\s*/\s*(?:" + _POP_PATTERN.replace("?P<popn>", "?:").replace("?P<pops>", "?:") + "|" + UNIT_PATTERN + ")"

# What may follow a number. Every part is optional; an empty match means "no unit".
SUFFIX_RE = re.compile(
    r"(?P<open>[ \t]*\([ \t]*)?"
    r"(?:\s*(?P<scale>" + SCALE_PATTERN + r"(?:\s+" + SCALE_PATTERN + r")*))?"
    # `Triệu/đồng` (a header spelling) puts a slash between the scale and the currency.
    r"(?:\s*(?P<unit>" + UNIT_PATTERN + r")|\s*/\s*(?P<money>" + MONEY_PATTERN + r"))?"
    r"(?P<per>(?:" + _PER_PART + r")*)"
    r"(?(open)\s*\))",
    re.IGNORECASE,
)
_PER_PART_RE = re.compile(r"\s*/\s*(?:(?P<pop>" + _POP_PATTERN + r")|(?P<unit>" + UNIT_PATTERN + "))", re.IGNORECASE)
_SCALE_WORD_RE = re.compile(SCALE_PATTERN, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """What was read after a number (or in a header)."""

    end: int  # where the unit text ends (closing bracket included)
    unit: str | None  # canonical code, e.g. `VND/person/year`
    unit_raw: str | None  # as written, e.g. `triệu đồng/người/năm`
    scale_exp: int = 0  # scale words and unit factor, as a power of ten
    has_scale: bool = False
    period: str | None = None  # `annual` when a `/năm` was read as a period
    money_guess: bool = False  # a bare `triệu`/`tỷ`: money is only a guess


def _population_code(match: re.Match[str]) -> str:
    base = 1
    if match.group("popn"):
        base = int(parse_number(match.group("popn")).value)
    if match.group("pops"):
        base *= 10 ** SCALES[fold(match.group("pops"))]
    if base == 1:
        return "population"
    if base >= 10_000 and base % 1000 == 0:
        return f"{base // 1000}k population"
    return f"{base} population"


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """Read the unit written at `text[pos:]` (spaces first allowed); None when there is none.

    >>> match_unit("125,4 triệu đồng/người/năm.", 5).unit
    'VND/person/year'
    >>> u = match_unit("12,5 (%/năm)", 4); (u.unit, u.period, u.unit_raw)
    ('%', 'annual', '%/năm')
    """
    m = SUFFIX_RE.match(text, pos)
    if m is None or m.end() == pos:
        return None
    scale_text, unit_text, money_text, per_text = m.group("scale", "unit", "money", "per")
    if not (scale_text or unit_text or money_text):
        return None  # a bare `/năm` after a number is not a unit of its own
    exp = 0
    if scale_text:
        exp = sum(SCALES[fold(w.group())] for w in _SCALE_WORD_RE.finditer(scale_text))
    udef = ALIASES.get(fold(unit_text or money_text)) if (unit_text or money_text) else None
    code = None
    money = False
    if udef is not None:
        code, money = udef.code, udef.money
        exp += udef.exp
    pers: list[str] = []
    if per_text:
        for part in _PER_PART_RE.finditer(per_text):
            if part.group("pop"):
                pers.append(_population_code(part))
            else:
                pers.append(ALIASES[fold(part.group("unit"))].code)
    money_guess = False
    if code is None and scale_text and fold(scale_text.split()[-1]) in _MONEY_DEFAULT_SCALES:
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
    starts = [m.start(g) for g in ("scale", "unit", "money") if m.group(g)]
    raw_end = m.end("per") if per_text else max(m.end(g) for g in ("scale", "unit", "money") if m.group(g))
    return UnitMatch(
        end=m.end(),
        unit=code,
        unit_raw=" ".join(text[min(starts) : raw_end].split()),
        scale_exp=exp,
        has_scale=bool(scale_text),
        period=period,
        money_guess=money_guess,
    )


_HINT_PREFIX_RE = re.compile(r"^\s*(?:đơn\s+vị\s+tính|đvt)?\s*[:.]?\s*(?:tổng\s+số|số\s+lượng|số)?\s+", re.IGNORECASE)


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


_NAME_RULES = [(re.compile(r["pattern"], re.IGNORECASE), r["unit"]) for r in load("name_units")["rules"]]
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
    for pattern, unit in _NAME_RULES:
        if pattern.search(name):
            return UnitMatch(end=0, unit=unit, unit_raw=None)
    return None
