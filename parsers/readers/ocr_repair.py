"""OCR misreadings caught where the context proves them, before the structure stage.

Tesseract at 200 dpi reads a ``%`` in a narrow table cell as ``9`` (``100%`` → ``1009``,
``140,45%`` → ``140,459``) and a Roman ``I`` as ``1`` (``II.`` → ``1I.``); `../shared/FACTS.md`.
A number is only repaired when its context proves the reading impossible:

- ``%`` as ``9``: the cell is in a percentage context (a row named ``Tỷ lệ …`` or with the
  unit ``%``, or a column headed ``(%)``), carries no ``%`` of its own, ends in ``9``, and
  either exceeds what such a value can be (a share over 100, a ratio over 1000) while the
  number without its last digit does not, or has one decimal more than percentages are
  written with (``140,459``);
- Roman ``I`` as ``1``: a section number mixing Roman letters with ``1``/``l`` (``1I``,
  ``V1``), or a lone ``1.`` before an upper-case heading when the document's next Roman
  section is ``II``;
- the hook accent as acute (``tổng`` → ``tống``, ``chuẩn`` → ``chuấn``): both are
  syllables, so no spelling check can tell; the neighbours can. The hook reading is put
  back when its word pairs with the words beside it (``tổng thu``) are known — from the
  indicator catalogue's names and the document's own other lines — and the acute
  reading's (``tống thu``) are not, the occurrence being judged aside: ``thế giới`` next
  to a known ``có thể`` stays.

Every repair is reported (`Repair`): the pipeline marks the values read from a repaired
number ``ambiguous`` and writes an ``ocr / ocr_repaired`` warning (an accent repair
changes no value: a warning only). The language data is in ``parsers/data/ocr_repair.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from parsers.data import load
from parsers.model import Block, Cell, Document, Line, Table

# a number ending in 9 with no '%' after it, not inside a longer number
_NUMBER_9 = re.compile(r"(?<![\d.,])(?P<num>\d+(?:\.\d{3})*(?:,\d+)?)(?<=9)(?![\d%]|[.,]\d)")
# a numbered line: Roman, Arabic or a mix of Roman letters and their lookalikes
_NUMBERED = re.compile(r"^(?P<num>[IVXLl|\d]{1,5})(?P<sep>[.)]\s+)(?P<rest>\S.*)$")
_REAL_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")


@dataclass(frozen=True)
class Repair:
    line: int  # the repaired row's or line's line_start
    page: int | None
    before: str
    after: str
    reason: str
    doubtful: bool = True  # its values are in doubt (a number was changed)


@cache
def _data() -> dict:
    return load("ocr_repair")


def _starts_with_any(text: str, words: list[str]) -> bool:
    low = " ".join(text.lower().split())
    return any(low.startswith(w) for w in words)


def _number(text: str) -> float | None:
    """A Vietnamese-written number (``1.231,69``), or None."""
    try:
        return float(text.replace(".", "").replace(",", "."))
    except ValueError:
        return None


def percent_as_nine(text: str, *, share: bool) -> str | None:
    """The cell text with each ``9`` that stands for ``%`` put back, or None when every
    number reads plausibly as it is. `share`: the values are shares (at most 100), else
    ratios (TH/KH %)."""
    data = _data()
    limit = data["share_max"] if share else data["ratio_max"]
    after_words = tuple(data["words_after_percent"])
    changed = False

    def fix(m: re.Match) -> str:
        nonlocal changed
        token, rest = m.group("num"), text[m.end() :]
        after = rest.lstrip()
        # a word that is not a percentage's follower is the number's unit (109 tỷ đồng)
        if after[:1].isalpha() and not after.lower().startswith(after_words):
            return token
        decimals = token.partition(",")[2]
        read, fixed = _number(token), _number(token[:-1].rstrip(","))
        if read is None or fixed is None:
            return token
        too_big = read > limit >= fixed
        too_precise = len(decimals) == data["max_percent_decimals"] + 1
        if not (too_big or too_precise):
            return token
        changed = True
        return token[:-1].rstrip(",") + "%"

    out = _NUMBER_9.sub(fix, text)
    return out if changed else None


def _percent_columns(table: Table, n_header: int) -> set[int]:
    words = _data()["percent_headers"]
    cols: set[int] = set()
    for row in table.rows[:n_header]:
        for i, cell in enumerate(row.cells):
            low = cell.text.lower()
            if any(w in low for w in words):
                cols.add(i)
    return cols


def _share_row(cells: list[Cell], name_cols: int) -> bool:
    data = _data()
    names = [c.text for c in cells[:name_cols]]
    if any(_starts_with_any(n, data["share_names"]) for n in names):
        return True
    units = {u.lower() for u in data["percent_units"]}
    return any(c.text.strip().lower() in units for c in cells)


def repair_table(table: Table) -> list[Repair]:
    """Put back the ``%`` of percentage cells read as ``9``; the repairs made."""
    from parsers.readers.layout import header_rows

    n_header = header_rows(table)
    pct_cols = _percent_columns(table, n_header)
    repairs: list[Repair] = []
    for row in table.rows[n_header:]:
        # the name is in one of the first two cells (TT | Chỉ tiêu | …)
        share = _share_row(row.cells, name_cols=2)
        for i, cell in enumerate(row.cells):
            if i < 2 or not (share or i in pct_cols):
                continue
            fixed = percent_as_nine(cell.text, share=share and i not in pct_cols)
            if fixed is None:
                continue
            repairs.append(Repair(row.line_start, row.page, cell.text, fixed, "'%' read as '9'"))
            cell.text = fixed
    return repairs


def _roman_number(token: str, lookalikes: str) -> str | None:
    """`token` with 1/l read for I put back when it then is a Roman number mixing both."""
    if not any(ch in lookalikes for ch in token) or not any(ch in "IVX" for ch in token):
        return None
    fixed = "".join("I" if ch in lookalikes else ch for ch in token)
    return fixed if _REAL_ROMAN.match(fixed) else None


def _is_heading_text(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def repair_section_numbers(blocks: list[Block]) -> list[Repair]:
    """Roman section numbers whose ``I`` was read as ``1``: ``1I.`` → ``II.``, and a lone
    ``1.`` before an upper-case heading when the next Roman heading is ``II``."""
    look = _data()["roman_i_lookalikes"]
    headings: list[tuple[Line, re.Match]] = []
    for b in blocks:
        m = _NUMBERED.match(b.text) if isinstance(b, Line) else None
        if m and _is_heading_text(m.group("rest")):
            headings.append((b, m))

    def as_roman(token: str) -> str | None:
        return _roman_number(token, look) or (token if _REAL_ROMAN.match(token) else None)

    repairs: list[Repair] = []
    for k, (ln, m) in enumerate(headings):
        token = m.group("num")
        fixed = _roman_number(token, look)
        if fixed is None and token in look and k + 1 < len(headings):
            # a lone '1.': an I only if the next numbered heading is II (not 2, not II later)
            fixed = "I" if as_roman(headings[k + 1][1].group("num")) == "II" else None
        if fixed is None:
            continue
        new = fixed + m.group("sep") + m.group("rest")
        repairs.append(Repair(ln.line_start, ln.page, ln.text, new, "Roman 'I' read as '1'"))
        ln.text = new
    return repairs


# ---------------------------------------------------------------------------- accents
_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”]")
_ACUTE, _HOOK = "\u0301", "\u0309"  # combining acute (sắc) and hook above (hỏi)


def hook_reading(word: str) -> str | None:
    """`word` with its acute tone read as the hook (``tống`` → ``tổng``), or None."""
    decomposed = unicodedata.normalize("NFD", word)
    if _ACUTE not in decomposed:
        return None
    return unicodedata.normalize("NFC", decomposed.replace(_ACUTE, _HOOK))


@cache
def _catalog_pairs() -> Counter:
    """Word pairs of the indicator catalogue's names and aliases."""
    from normalizers.names import load_catalog

    pairs: Counter = Counter()
    for e in load_catalog().entries:
        for text in (e.name, *e.aliases, *e.sub_aliases):
            pairs.update(_pairs(text))
    return pairs


def _pairs(text: str) -> list[tuple[str, str]]:
    """Adjacent word pairs within each clause (punctuation parts them: 'nhân dân. Chú
    trọng' pairs no 'dân' with 'chú')."""
    out: list[tuple[str, str]] = []
    for clause in _CLAUSE_BREAK.split(text.lower()):
        words = _WORD.findall(clause)
        out.extend(zip(words, words[1:], strict=False))
    return out


def _texts(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Table):
            out.extend(c.text for row in b.rows for c in row.cells if c.text)
        else:
            out.append(b.text)
    return out


def _joined(text: str, a: re.Match, b: re.Match) -> bool:
    return not _CLAUSE_BREAK.search(text[a.end() : b.start()])


def repair_hook_accents(blocks: list[Block], ocr_pages: set[int] | None) -> list[Repair]:
    """Put back hook accents read as acute where the neighbouring words prove them."""
    data = _data()
    weight, margin = data["accent_catalog_weight"], data["accent_min_evidence"]
    known = Counter(_catalog_pairs())
    for pair, n in known.items():
        known[pair] = n * weight
    for text in _texts(blocks):
        known.update(_pairs(text))

    def sides(prev: str | None, word: str, nxt: str | None) -> list[tuple[str, str]]:
        return [(a, b) for a, b in ((prev, word), (word, nxt)) if a and b]

    repairs: list[Repair] = []

    def fix(text: str) -> str:
        tokens = list(_WORD.finditer(text))
        out, last = [], 0
        for k, m in enumerate(tokens):
            hook = hook_reading(m.group())
            if hook is None:
                continue
            prev = tokens[k - 1] if k else None
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            # a neighbour across punctuation is no neighbour
            prev = prev.group().lower() if prev and _joined(text, prev, m) else None
            nxt = nxt.group().lower() if nxt and _joined(text, m, nxt) else None
            # the acute reading stands wherever it is attested beside these neighbours
            # (elsewhere than here: this occurrence counted once in each of its pairs)
            if any(known[pair] > 1 for pair in sides(prev, m.group().lower(), nxt)):
                continue
            # and the hook reading is known beside each neighbour ('và thể' alone does not
            # make 'và thế giới' a 'thể')
            hook_pairs = [known[pair] for pair in sides(prev, hook.lower(), nxt)]
            if hook_pairs and min(hook_pairs) > 0 and sum(hook_pairs) >= margin:
                out.append(text[last : m.start()] + hook)
                last = m.end()
        return "".join(out) + text[last:] if out else text

    for b in blocks:
        if ocr_pages is not None and b.page not in ocr_pages:
            continue
        rows = (
            [(r.line_start, r.cells) for r in b.rows]
            if isinstance(b, Table)
            else [(b.line_start, [b])]
        )
        for line, items in rows:
            for item in items:
                fixed = fix(item.text)
                if fixed != item.text:
                    reason = "hook accent read as acute"
                    repairs.append(Repair(line, b.page, item.text, fixed, reason, doubtful=False))
                    item.text = fixed
    return repairs


def repair_blocks(blocks: list[Block], pages: set[int] | None = None) -> list[Repair]:
    """Every repair of the blocks of OCR-read `pages` (all when None), changed in place."""
    mine = [b for b in blocks if pages is None or b.page in pages]
    repairs = repair_section_numbers(mine)
    for b in mine:
        if isinstance(b, Table):
            repairs.extend(repair_table(b))
    # the document's every line is evidence (a text-layer page reads accents right)
    repairs.extend(repair_hook_accents(blocks, pages))
    return repairs


def apply_repairs(doc: Document, pages: set[int] | None = None) -> None:
    """Repair `doc`'s OCR-read blocks; each repair becomes a warning and a doubtful cell."""
    for r in repair_blocks(doc.blocks, pages):
        if r.doubtful:
            doc.doubtful.append((r.line, r.after))
        where = f"page {r.page}, line {r.line}" if r.page else f"line {r.line}"
        consequence = "its values are marked ambiguous" if r.doubtful else "no value changed"
        doc.warnings.append(
            (
                "ocr",
                "ocr_repaired",
                f"{doc.source_path}: {where}: {r.reason}: {r.before!r} read as {r.after!r}; "
                f"{consequence}.",
            )
        )
