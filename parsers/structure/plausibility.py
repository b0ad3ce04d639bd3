"""The plausibility gate: the last step of the structure stage, run once per document.

The readers and the table/prose stages are generous on purpose (a missed indicator is
worse than a doubtful one), so what they assemble is judged here, as a whole, before it
leaves the structure stage:

- **names** — an indicator is named by words: a name with fewer than 3 letters (`68`,
  `“`, `2007 – 2017`), a line of site chrome (`Lượt xem: 1.234`, `Trang chủ > Tin tức`),
  a date stamp or a bare period (`Thứ Ba, ngày 27 tháng 9 năm 2022`, `Lũy kế 10 tháng
  đầu năm`), a citation identifier (`ISBN 978`), a question (a Q&A heading), a cited
  document's number (`Nghị quyết 59-NQ/TW`) or function words only (`Trên đây`) is not
  one. A sub-row may be one short word under its parent (`Bò`, `Gà`).
- **documents that state no indicators** — a law, decree, circular, procedure, or a
  decision or resolution that issues rules, yields the sentence fragments of its articles
  that happen to hold a number (`Chậm nhất 05 ngày`, `Thời hạn giải quyết 20 ngày`). Such a
  document keeps its indicators only if it *states* some: a section titled like a list of
  targets or results, or a table whose header names plan/target/result columns. One that
  states none and reads as legal clauses (article lines, clause vocabulary around its
  fragments) yields none.

Nothing vanishes silently: every drop is counted in a `plausibility` note (reason, how
many, a few examples), which `pipeline/document.py` writes to the errors table with
severity `info` (the document stays `ok`: the gate worked, nothing failed). Its language
data is `parsers/data/plausibility.yaml`; page chrome is `normalizers/data/vi/page_chrome.yaml`,
the file the text reader drops such lines with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

import regex as re

from normalizers import lexicon
from normalizers.syllables import is_syllable
from parsers import data as parser_data
from parsers.model import Document, Table
from parsers.structure.records import Indicator, Metadata, Section, Structure
from parsers.structure.tables import find_header, header_texts, header_to_columns

STAGE = "plausibility"
# (stage, error_type, message): the shape of `Structure.notes`.
Note = tuple[str, str, str]
EXAMPLES = 3
LEGAL_FRAGMENT = "legal_fragment"  # a sentence of a regulating document, not stated
DESCRIPTIVE_FRAGMENT = "descriptive_fragment"  # a figure of an encyclopedia entry, not stated

_STARS = re.compile(r"[*_]+")
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _data() -> dict:
    return parser_data.load("plausibility")


@cache
def _rx(key: str) -> re.Pattern:
    value = _data()[key]
    if isinstance(value, list):
        return lexicon.alternation(tuple(value))
    return re.compile(value, re.IGNORECASE)


@cache
def _chrome() -> tuple[int, re.Pattern]:
    data = lexicon.load("page_chrome")
    return data["max_chars"], re.compile(
        "^(?:" + "|".join(f"(?:{p})" for p in data["patterns"]) + ")$", re.IGNORECASE
    )


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def plain(name: str) -> str:
    return " ".join(_STARS.sub(" ", name).split())


# --- names --------------------------------------------------------------------------------


def name_flaw(name: str, *, sub_row: bool = False) -> str | None:
    """Why `name` cannot name an indicator (`few_letters`, `page_chrome`, `date`,
    `reference_id`, `question`, `document_reference`, `no_content_word`), or None."""
    text = plain(name)
    if letters(text) < _data()["min_letters"] and not (sub_row and is_short_word(text)):
        return "few_letters"
    limit, chrome = _chrome()
    if len(text) <= limit and chrome.match(text):
        return "page_chrome"
    if is_date_stamp(text):
        return "date"
    if _rx("reference_identifiers").fullmatch(text):
        return "reference_id"
    if text.endswith(tuple(_data()["question_marks"])):
        return "question"
    if _rx("document_reference").fullmatch(text):
        return "document_reference"
    if not has_content_word(text):
        return "no_content_word"
    return None


def has_content_word(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    return any(w not in _function_words() for w in words)


@cache
def _function_words() -> frozenset[str]:
    return frozenset(_data()["function_words"])


def is_short_word(text: str) -> bool:
    """`Bò`, `Gà`: Vietnamese syllables of letters only (no digits, no symbols)."""
    words = text.split()
    return (
        0 < len(words) <= _data()["short_subrow_max_words"]
        and all(w.isalpha() and is_syllable(w) for w in words)
        and letters(text) >= 2
    )


def is_date_stamp(text: str) -> bool:
    """Only date/time words and numbers, naming a day, month or time (`Tháng 11 năm
    2007`, `Thứ Ba, 05/03/2023`); a year alone (`Năm 2026`) is a period, not a stamp."""
    if not any(ch.isdigit() for ch in text):
        return False
    words = {w.lower() for w in _WORD.findall(text)}
    return words <= set(_data()["date_words"]) and bool(words & set(_data()["day_words"]))


# --- documents that state no indicators ---------------------------------------------------


def section_chains(sections: list[Section]) -> dict[str, str]:
    """Each section's title joined with its parents' titles (the context it sits in)."""
    by_id = {s.section_id: s for s in sections}
    chains: dict[str, str] = {}
    for s in sections:
        titles, cur, seen = [], s, set()
        while cur is not None and cur.section_id not in seen:
            seen.add(cur.section_id)
            titles.append(cur.title)
            cur = by_id.get(cur.parent_section_id or "")
        chains[s.section_id] = " / ".join(reversed(titles))
    return chains


def stating_tables(doc: Document) -> list[Table]:
    """Tables whose header names a plan, target or result column."""
    roles = set(_data()["stated_table_roles"])
    out = []
    for table in doc.tables():
        n = find_header(table)
        if n and roles & {c.role for c in header_to_columns(header_texts(table, n))}:
            out.append(table)
    return out


def in_table(ind: Indicator, tables: list[Table]) -> bool:
    return any(t.line_start <= ind.line_start <= t.line_end for t in tables)


def is_stated(ind: Indicator, chains: dict[str, str], tables: list[Table]) -> bool:
    """Stated as an indicator: under a targets/results section, or in a targets table."""
    chain = chains.get(ind.section_id or "", "")
    if chain and _rx("stated_sections").search(chain):
        return True
    return ind.source == "table" and in_table(ind, tables)


def context(ind: Indicator, chains: dict[str, str]) -> str:
    raws = " ".join(c.raw for c in ind.cells)
    return f"{chains.get(ind.section_id or '', '')} {ind.name} {raws}"


def article_count(doc: Document) -> int:
    return sum(bool(_rx("article_line").match(line.text)) for line in doc.lines())


def reads_as_clauses(doc: Document, indicators: list[Indicator], chains: dict[str, str]) -> bool:
    """Article lines, or legal-clause vocabulary around many of its indicators."""
    if article_count(doc) >= _data()["min_articles"]:
        return True
    words = _rx("clause_words")
    hits = sum(bool(words.search(context(i, chains))) for i in indicators)
    return hits >= _data()["min_clause_share"] * len(indicators)


def is_regulating(meta: Metadata) -> bool:
    """A law, decree, circular or procedure; or a decision/resolution issuing rules, not a
    plan (`… BAN HÀNH KẾ HOẠCH …` states targets, `… BAN HÀNH QUY ĐỊNH …` does not)."""
    if meta.doc_type in _data()["regulating_types"]:
        return True
    if meta.doc_type not in _data()["generic_types"]:
        return False
    issues_plan = _rx("plan_titles").search(meta.title) is not None
    return not issues_plan or _rx("rule_titles").search(meta.title) is not None


def legal_fragments(structure: Structure, doc: Document) -> set[str]:
    """Ids of the indicators a regulating document holds without stating them, when the
    document reads as legal clauses (empty for any other document)."""
    if not is_regulating(structure.metadata) or not structure.indicators:
        return set()
    chains = section_chains(structure.sections)
    tables = stating_tables(doc)
    unstated = [i for i in structure.indicators if not is_stated(i, chains, tables)]
    if not unstated or not reads_as_clauses(doc, unstated, chains):
        return set()
    return {i.indicator_id for i in unstated}


# --- the gate -----------------------------------------------------------------------------


@dataclass
class Drops:
    """Indicators dropped, by reason, with a few example names."""

    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, reason: str, ind: Indicator) -> None:
        self.counts[reason] += 1
        if len(self.examples[reason]) < EXAMPLES:
            self.examples[reason].append(plain(ind.name)[:60])

    def notes(self) -> list[Note]:
        out = []
        for reason, n in self.counts.most_common():
            shown = ", ".join(repr(x) for x in self.examples[reason])
            fragment = reason in (LEGAL_FRAGMENT, DESCRIPTIVE_FRAGMENT)
            error_type = reason if fragment else f"implausible_name_{reason}"
            out.append((STAGE, error_type, f"{n} indicators dropped ({reason}): {shown}"))
        return out


def descriptive_fragments(structure: Structure, doc: Document) -> set[str]:
    """Ids of the indicators an encyclopedia entry (`descriptive_types`) holds without
    stating them: its infobox keys and history figures describe, they set no target."""
    if structure.metadata.doc_type not in _data()["descriptive_types"]:
        return set()
    chains = section_chains(structure.sections)
    tables = stating_tables(doc)
    return {i.indicator_id for i in structure.indicators if not is_stated(i, chains, tables)}


def apply_gate(structure: Structure, doc: Document) -> Structure:
    """The structure without implausible indicators, and a note per reason of drop."""
    drops = Drops()
    fragments = legal_fragments(structure, doc)
    described = descriptive_fragments(structure, doc)
    kept: list[Indicator] = []
    for ind in structure.indicators:
        if ind.indicator_id in fragments:
            drops.add(LEGAL_FRAGMENT, ind)
            continue
        if ind.indicator_id in described:
            drops.add(DESCRIPTIVE_FRAGMENT, ind)
            continue
        flaw = name_flaw(ind.name, sub_row=ind.parent_indicator_id is not None)
        if flaw is None:
            kept.append(ind)
        else:
            drops.add(flaw, ind)
    if not drops.counts:
        return structure
    kept_ids = {i.indicator_id for i in kept}
    for ind in kept:  # a sub-row whose parent was dropped now stands alone
        if ind.parent_indicator_id is not None and ind.parent_indicator_id not in kept_ids:
            ind.parent_indicator_id = None
    return replace(structure, indicators=kept, notes=[*structure.notes, *drops.notes()])
