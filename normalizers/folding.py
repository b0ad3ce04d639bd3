"""Vietnamese name folding: the processor applied to indicator names before matching.

``fold_name`` is a pure function (given the data files in ``data/vi/``) that turns an
indicator name as written into a canonical Vietnamese string: NFC, lower case, one tone-mark
placement, one spelling of the y/i syllables, abbreviations expanded, and targets, years and
filler words removed. ``match_key`` further drops the diacritics for scoring, so that names
typed without marks or damaged by OCR still match.

>>> fold_name("Tỉ lệ người dân tham gia BHYT đạt 96%")
'tỷ lệ người dân tham gia bảo hiểm y tế'
>>> fold_name("Phấn đấu đến năm 2030, tỷ lệ hộ nghèo còn dưới 3%")
'tỷ lệ hộ nghèo'
>>> match_key("Tỷ lệ che phủ rừng")
'ty le che phu rung'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import TypeVar

from normalizers.lexicon import fast_form, read_yaml

DATA_DIR = Path(__file__).parent / "data" / "vi"
ABBREVIATIONS_FILE = DATA_DIR / "abbreviations.yaml"
FILLERS_FILE = DATA_DIR / "name_fillers.yaml"

# Vowels with each tone, in the order: none, grave, acute, hook above, tilde, dot below.
_TONED = {
    "a": "aàáảãạ",
    "e": "eèéẻẽẹ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọ",
    "u": "uùúủũụ",
    "y": "yỳýỷỹỵ",
}
# Old-style placement on the second vowel of an open "oa", "oe", "uy" (hoá, khoẻ, thuỷ) moves
# to the first vowel (hóa, khỏe, thủy). Not after "q" (quý, quả) and not when a letter follows
# (hoàn, thuyết), where both styles agree.
_PLACEMENT = {
    first + _TONED[second][t]: _TONED[first][t] + second
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"))
    for t in range(1, 6)
}
# Written as `o[…]|u[…]` with the "not after q" test placed after the first letter
# (`(?<!q..)`), so that `re` can scan for the first letters instead of trying the pattern at
# every position; it matches what `(?<!q)(oà|oá|…|uỵ)(?!\w)` matches.
_TONE_PLACEMENT = re.compile(
    "("
    + "|".join(
        first + "[" + "".join(k[1] for k in _PLACEMENT if k[0] == first) + "]"
        for first in dict.fromkeys(k[0] for k in _PLACEMENT)
    )
    + r")(?<!q..)(?!\w)"
)
# Syllables spelt with either final i or y (tỉ/tỷ, kĩ/kỹ, sĩ/sỹ, lí/lý, mĩ/mỹ, hi/hy, qui/quy):
# one spelling, y.
_I_TO_Y = {_TONED["i"][t]: _TONED["y"][t] for t in range(6)}
# The final vowel of a whole word `(qu|[hklmst])[iìíỉĩị]`; the vowel alone is matched (the
# consonant is checked behind it), so that `re` scans for the vowel letters.
_Y_I = re.compile(r"[iìíỉĩị](?!\w)(?:(?<=(?<!\w)[hklmst].)|(?<=(?<!\w)qu.))")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_QUOTES = re.compile("[\u201c\u201d\u201e\u00ab\u00bb\"'\u2018\u2019`]")
_LEADING_LABEL = re.compile(
    r"^\s*(?:[-+*•–]+|\(?[0-9ivxlc]{1,4}(?:[.,][0-9]{1,2})*[.)]|[a-zđ]\))\s+"
)
_LEADING_ZEROS = re.compile(r"0(?<![\d.,]0)0*(?=\d)")  # = (?<![\d.,])0+(?=\d), scanned fast
_PUNCT = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_UNSUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_HAS_SUBSCRIPT = re.compile("[₀-₉]")
_V = TypeVar("_V")


def _mark_free(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return "d" if ch == "đ" else "D" if ch == "Đ" else base


_STRIP_TABLE = {
    ord(ch): _mark_free(ch)
    for ch in "".join(chr(c) for c in range(0xC0, 0x1EFA))
    if unicodedata.category(ch).startswith("L")
    and _mark_free(ch) != ch
    and _mark_free(ch).isascii()
}


def normalize_tone_marks(text: str) -> str:
    """One tone-mark placement and one y/i spelling (lower-case NFC text).

    >>> normalize_tone_marks("cứng hoá, thuỷ sản, hoà giải, tỉ lệ, kĩ năng, bác sĩ")
    'cứng hóa, thủy sản, hòa giải, tỷ lệ, kỹ năng, bác sỹ'
    >>> normalize_tone_marks("hoàn thành, quý, thuyết minh")
    'hoàn thành, quý, thuyết minh'
    """
    text = _TONE_PLACEMENT.sub(_placement, text)
    return _Y_I.sub(_i_to_y, text)


def _placement(m: re.Match[str]) -> str:
    return _PLACEMENT[m.group(1)]


def _i_to_y(m: re.Match[str]) -> str:
    return _I_TO_Y[m.group()]


def strip_marks(text: str) -> str:
    """Drop Vietnamese diacritics: ``'đường ô tô'`` -> ``'duong o to'``."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text).translate(_STRIP_TABLE)
    if text.isascii():
        return text
    nfd = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def _prepare(text: str) -> str:
    """NFC, lower case, tone marks: the form every pattern of the data files is written in."""
    return normalize_tone_marks(unicodedata.normalize("NFC", text).lower())


def _prepare_pattern(pattern: str) -> str:
    """A data-file regular expression in the same form (already lower case; ``\\W`` kept)."""
    return normalize_tone_marks(unicodedata.normalize("NFC", pattern))


_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_TOKENS = re.compile(r"\w+|\W+")


class _PatternParser:
    """Just enough of a regular-expression parser to tell what every match must contain."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternatives(self) -> list[list[tuple]]:
        alts: list[list[tuple]] = [[]]
        while self.i < len(self.p):
            ch = self.p[self.i]
            if ch == ")":
                break
            if ch == "|":
                self.i += 1
                alts.append([])
                continue
            item = self.atom()
            item = (*item, self.quantifier())
            alts[-1].append(item)
        return alts

    def atom(self) -> tuple:
        p, ch = self.p, self.p[self.i]
        if ch == "\\":
            nxt = p[self.i + 1]
            self.i += 2
            return ("digit",) if nxt == "d" else ("other",)
        if ch == "[":
            j = self.i + 1
            if j < len(p) and p[j] == "^":
                j += 1
            if j < len(p) and p[j] == "]":
                j += 1
            while p[j] != "]":
                j += 2 if p[j] == "\\" else 1
            self.i = j + 1
            return ("other",)
        if ch == "(":
            self.i += 1
            kind = "group"
            if p.startswith("?:", self.i):
                self.i += 2
            elif p.startswith(("?=", "?!"), self.i):
                self.i, kind = self.i + 2, "look"
            elif p.startswith(("?<=", "?<!"), self.i):
                self.i, kind = self.i + 3, "look"
            alts = self.alternatives()
            self.i += 1  # ")"
            return (kind, alts)
        self.i += 1
        return ("char", ch)

    def quantifier(self) -> bool:
        """Consume a quantifier; True when it makes the atom optional."""
        p = self.p
        optional = False
        if self.i < len(p) and p[self.i] in "?*+":
            optional = p[self.i] in "?*"
            self.i += 1
        elif self.i < len(p) and p[self.i] == "{":
            j = p.index("}", self.i)
            optional = p[self.i + 1 : j].split(",")[0].strip() in ("", "0")
            self.i = j + 1
        else:
            return False
        if self.i < len(p) and p[self.i] == "?":  # lazy
            self.i += 1
        return optional


def _requirements(alts: list[list[tuple]]) -> tuple[bool, set[str] | None]:
    """For a disjunction: (every alternative needs a digit, words one of which every match
    contains, or None)."""
    digit_all = True
    words: set[str] = set()
    for seq in alts:
        needs_digit = False
        choice: set[str] | None = None
        run = ""
        for item in [*seq, ("end", False)]:
            kind, optional = item[0], item[-1]
            if kind == "char" and not optional and not item[1].isdigit() and item[1].isalpha():
                run += item[1]
                continue
            if len(run) >= 2 and choice is None:
                choice = {run}
            run = ""
            if optional or kind in ("look", "end"):
                continue
            if kind == "digit" or (kind == "char" and item[1].isdigit()):
                needs_digit = True
            elif kind == "group":
                g_digit, g_words = _requirements(item[1])
                needs_digit = needs_digit or g_digit
                if choice is None and g_words:
                    choice = g_words
        digit_all = digit_all and needs_digit
        if choice is None or words is None:
            words = None  # type: ignore[assignment]
        else:
            words |= choice
    return digit_all, words


def _needs_digit(pattern: str) -> bool:
    """True when every match of ``pattern`` contains a digit (skipped for names without one)."""
    return _requirements(_PatternParser(pattern).alternatives())[0]


def _literal_guard(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` contains, or None when unknown.

    A pattern is tried only on text holding one of its guard words: most data-file patterns
    (``\\bhàng năm\\b``) do not apply to most names, and a substring test is far cheaper
    than a regular-expression pass.
    """
    words = _requirements(_PatternParser(pattern).alternatives())[1]
    return tuple(sorted(words)) if words else None


class _Lead:
    """Where the first match of a pattern ``\\b W₁? \\s* W₂? \\s* ANCHOR…`` can start.

    Such a pattern begins with optional words, so ``re`` tries it at every position of the
    text. The optional words hold no anchor, so a match starts at most ``widths`` characters
    (each word, right to left) and the runs of white space between them before the first
    anchor after the end of the previous match; each search starts there (``search(text,
    pos)`` still sees the text before ``pos`` for ``\\b``). Only the patterns listed in
    ``_LEADS`` (checked word for word) get one.
    """

    __slots__ = ("anchor", "widths")

    def __init__(self, anchor: str, widths: tuple[int, ...]) -> None:
        self.anchor = re.compile(anchor)
        self.widths = widths

    @staticmethod
    def find(pattern: str) -> _Lead | None:
        for prefix, (anchor, widths) in _LEADS.items():
            if pattern.startswith(prefix + anchor):
                return _Lead(anchor, widths)
        return None

    def start(self, text: str, lo: int) -> int | None:
        """A position (>= ``lo``) at or before the start of the first match at or after
        ``lo``; None when there is none."""
        m = self.anchor.search(text, lo)
        if m is None:
            return None
        pos = m.start()
        for width in self.widths:
            pos = max(len(text[:pos].rstrip()) - width, 0)
        return max(pos, lo)

    def sub(self, regex: re.Pattern[str], repl: str, text: str) -> str:
        """``regex.sub(repl, text)`` for a pattern that never matches the empty string."""
        parts: list[str] = []
        last = 0
        while (pos := self.start(text, last)) is not None:
            m = regex.search(text, pos)
            if m is None:
                break
            parts += (text[last : m.start()], repl)
            last = m.end()
        if not parts:
            return text
        parts.append(text[last:])
        return "".join(parts)


# Filler patterns that begin with optional words: the text up to the anchor, the anchor, and
# the longest of each optional word, right to left (in characters, NFC).
_LEADS: dict[str, tuple[str, tuple[int, ...]]] = {
    # "(đạt) (không dưới) 95%": the number; "không dưới" 10, "đạt được" 8
    r"\b(?:đạt(?: được)?|ở mức|bằng|còn|là)?\s*(?:từ|trên|dưới|tối thiểu|ít nhất|khoảng|hơn|gần"
    r"|không dưới|không quá|tối đa|xấp xỉ|>=|<=|>|<|≥|≤)?\s*": (r"\d", (10, 8)),
    # "(tính đến) (cuối) năm 2030": "năm 2030"; "cuối" 4, "tính đến" 8
    r"\b(?:đến|tới|vào|trong|của|tính đến)?\s*(?:cuối|đầu|hết)?\s*": (r"năm\s+\d{4}", (4, 8)),
}


class _Rule:
    """One data-file rewrite: a pattern, its replacement, and when it can apply at all.

    ``regex`` is the pattern as written (the reference); ``fast`` the same pattern in the form
    ``re`` searches fastest (``lexicon.fast_form``), used by the fast folder.
    """

    __slots__ = ("pattern", "regex", "fast", "repl", "needs_digit", "guard", "lead")

    def __init__(
        self, pattern: str, repl: str | Callable[[re.Match[str]], str], units_alt: str = ""
    ) -> None:
        self.pattern = _prepare_pattern(pattern).replace("{units}", units_alt)
        self.regex = re.compile(self.pattern)
        self.fast = re.compile(fast_form(self.pattern))
        self.repl = repl
        self.needs_digit = _needs_digit(pattern)
        self.guard = _literal_guard(_prepare_pattern(pattern))
        self.lead = _Lead.find(pattern) if isinstance(repl, str) else None

    def apply(self, text: str, has_digit: bool) -> str:
        if self.needs_digit and not has_digit:
            return text
        if self.guard is not None and not any(w in text for w in self.guard):
            return text
        return self.fast.sub(self.repl, text)


class _WordMemo(dict[str, _V]):
    """Results of a word-local step, one per distinct word, computed on first use.

    Steps that never look past a space (case, NFC, tone marks, guard words, diacritics) give
    the same result word by word as on a whole name, and names share their words: each
    distinct white-space-separated word is processed once. A cache like ``fold_name``'s:
    emptied by ``clear_caches``, and when it outgrows ``LIMIT``.
    """

    LIMIT = 1 << 16

    def __init__(self, step: Callable[[str], _V]) -> None:
        super().__init__()
        self.step = step

    def __missing__(self, word: str) -> _V:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = self.step(word)
        return value


class _RuleIndex:
    """Which rules can apply to a text, as a bit mask over the rules (bit ``i``: ``rules[i]``).

    A rule's guard words are runs of letters, so each occurrence lies inside one
    white-space-separated word: the rules a text can trigger are those its words trigger
    (``text_mask``, word by word), plus the unguarded ones. Two more bits: ``digit``, a word
    holding a digit (``\\d``), and ``abbreviation``, a word holding a one-word abbreviation
    (a run of ``\\w`` that is a key).

    While rules rewrite a text, its mask may hold more guard bits than the text needs (a rule
    tried in vain changes nothing), never fewer: a rewrite keeps only pieces of the old words,
    so it only adds the bits of its replacement (``adds``). Rewrites that do not surround
    their replacement with spaces, or replace with a function, have the mask recomputed.
    """

    def __init__(self, rules: list[_Rule], abbr_words: dict[str, str]) -> None:
        self.rules = rules
        self.abbr_words = abbr_words
        self.digit = 1 << len(rules)
        self.abbreviation = 1 << (len(rules) + 1)
        self.guard_bits: dict[str, int] = {}
        self.unguarded = self.digit_rules = 0
        for i, rule in enumerate(rules):
            if rule.guard is None:
                self.unguarded |= 1 << i
            else:
                for word in rule.guard:
                    self.guard_bits[word] = self.guard_bits.get(word, 0) | 1 << i
            if rule.needs_digit:
                self.digit_rules |= 1 << i
        self.word_bits = _WordMemo(self._word_bits)
        # per rule, the bits its replacement brings, or None: recompute the mask
        self.adds: list[int | None] = [
            self._word_bits(rule.repl)
            if isinstance(rule.repl, str) and rule.repl[:1] == rule.repl[-1:] == " "
            else None
            for rule in rules
        ]

    @staticmethod
    def span(first: int, count: int) -> int:
        """The mask of ``count`` consecutive rules from ``first``."""
        return ((1 << count) - 1) << first

    def text_mask(self, text: str) -> int:
        """The bits of the words of ``text``: its guard words, digits and abbreviations."""
        return reduce(or_, map(self.word_bits.__getitem__, text.split()), 0)

    def _word_bits(self, word: str) -> int:
        bits = 0
        for guard, rule_bits in self.guard_bits.items():
            if guard in word:
                bits |= rule_bits
        if _HAS_DIGIT.search(word):
            bits |= self.digit
        if any(w in self.abbr_words for w in _WORD.findall(word)):
            bits |= self.abbreviation
        return bits

    def apply(
        self, span: int, text: str, mask: int, has_digit: bool, *, lstrip: bool = False
    ) -> tuple[str, int]:
        """The rules of ``span`` in order, those the mask and the digits allow; returns the
        text and its mask. With ``lstrip``, leading spaces are dropped after every rewrite
        (the text must not start with one)."""
        allowed = span if has_digit else span & ~self.digit_rules
        pending = (mask | self.unguarded) & allowed
        while pending:
            low = pending & -pending
            i = low.bit_length() - 1
            rule = self.rules[i]
            if rule.lead is not None:
                new = rule.lead.sub(rule.fast, rule.repl, text)  # type: ignore[arg-type]  # str
            else:
                new = rule.fast.sub(rule.repl, text)
            if new == text:
                pending ^= low
                continue
            text = new.lstrip() if lstrip and new[:1] == " " else new
            adds = self.adds[i]
            mask = self.text_mask(text) if adds is None else mask | adds
            pending = (mask | self.unguarded) & allowed & ~((low << 1) - 1)
        return text, mask


class _Folder:
    """Compiled data files; built once (``_folder()``).

    ``fast`` skips the rules whose guard words or digits are absent from the text
    (``_RuleIndex``) and does the word-local steps word by word (``_WordMemo``);
    ``fast=False`` applies every rule as written to the whole text (the reference the tests
    compare the fast path with).
    """

    def __init__(self, fast: bool = True) -> None:
        abbr = read_yaml(ABBREVIATIONS_FILE)
        fill = read_yaml(FILLERS_FILE)
        self.fast = fast
        self.contextual = [
            _Rule(r["pattern"], " " + _prepare(r["replace"]).strip() + " ")
            for r in abbr.get("contextual", [])
        ]
        table = {_prepare(k): _prepare(v) for k, v in abbr["abbreviations"].items()}
        keys = sorted(table, key=len, reverse=True)
        self.abbr_table = table
        self.abbr_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
        # fast path: one-word keys by token lookup; keys with "-" or "&" by the regex
        self.abbr_words = {k: v for k, v in table.items() if _WORD.fullmatch(k)}
        multi = [k for k in keys if k not in self.abbr_words]
        self.abbr_multi = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(k) for k in multi) + r")(?!\w)"
        )
        variants = [
            _Rule(r["pattern"], " " + _prepare(r["replace"]).strip() + " ")
            for r in abbr.get("variants", [])
        ]
        units = " ".join(fill["target_units"].split()).replace("| ", "|")
        units_alt = "|".join(
            re.escape(u)
            for u in sorted((_prepare(u) for u in units.split("|")), key=len, reverse=True)
        )
        self.protected = [_Rule(p, _subscript) for p in fill.get("protected_numbers", [])]
        fillers = [_Rule(p, " ", units_alt) for p in fill["fillers"]]
        self.variants = variants
        self.fillers = fillers
        self.stopwords = frozenset(_prepare(w) for w in fill.get("stopwords", []))
        # the fast path: rules looked up by bit mask, in this order; word-local steps by word
        stages = (self.contextual, variants, self.protected, fillers)
        self.index = _RuleIndex([r for stage in stages for r in stage], self.abbr_words)
        firsts = [sum(len(stage) for stage in stages[:k]) for k in range(len(stages))]
        spans = [self.index.span(f, len(stage)) for f, stage in zip(firsts, stages, strict=True)]
        self.contextual_span, self.variants_span, self.protected_span, self.fillers_span = spans
        self.prepared = _WordMemo(_prepare_name)
        self.abbreviated = _WordMemo(self._abbreviate)
        self.kept = _WordMemo(self._kept_words)
        self.unmarked = _WordMemo(strip_marks)
        self.memos = (
            self.index.word_bits,
            self.prepared,
            self.abbreviated,
            self.kept,
            self.unmarked,
        )

    def expand(self, text: str) -> str:
        if not self.fast:
            for rule in self.contextual:
                text = rule.regex.sub(rule.repl, text)
            text = self.abbr_re.sub(lambda m: " " + self.abbr_table[m.group(1)] + " ", text)
            for rule in self.variants:
                text = rule.regex.sub(rule.repl, text)
            return _SPACES.sub(" ", text).strip()
        return self._expand(text)[0]

    def _expand(self, text: str) -> tuple[str, int]:
        """``expand``, fast path; also returns a mask of the result (``_RuleIndex``)."""
        index = self.index
        mask = index.text_mask(text)
        has_digit = bool(mask & index.digit)
        expanded, mask = index.apply(self.contextual_span, text, mask, has_digit)
        if "-" in expanded or "&" in expanded:
            expanded = self.abbr_multi.sub(
                lambda m: " " + self.abbr_table[m.group(1)] + " ", expanded
            )
        if expanded != text:  # a rewrite may have cut a word: the abbreviation bit again
            mask = index.text_mask(expanded)
        if mask & index.abbreviation:  # a run of \w is a one-word key
            expanded = " ".join(map(self.abbreviated.__getitem__, expanded.split(" ")))
            mask = index.text_mask(expanded)
        expanded, mask = index.apply(self.variants_span, expanded, mask, has_digit)
        return " ".join(expanded.split()), mask  # = _SPACES.sub(" ", text).strip()

    def _abbreviate(self, word: str) -> str:
        """One-word abbreviations expanded, in a word (white-space-separated)."""
        words = self.abbr_words
        return "".join(" " + words[t] + " " if t in words else t for t in _TOKENS.findall(word))

    def strip_fillers(self, text: str) -> str:
        if self.fast:
            return " ".join(self._strip(text, self.index.text_mask(text)))
        text = _LEADING_ZEROS.sub("", text)
        for rule in self.protected:  # hide the digits that belong to the name
            text = rule.regex.sub(_subscript, text)
        for rule in self.fillers:
            text = _SPACES.sub(" ", rule.regex.sub(rule.repl, text)).strip()
        text = " ".join(text.split())
        if _HAS_SUBSCRIPT.search(text):
            text = text.translate(_UNSUBSCRIPT)
        return text

    def _strip(self, text: str, mask: int) -> list[str]:
        """``strip_fillers``, fast path, split into words; ``mask``: a mask of ``text``.

        Its digit bit may be set for a text without digits (it only gates rules that need
        one), so the one step that must know, unsubscripting, looks again.
        """
        index = self.index
        has_digit = bool(mask & index.digit)
        before = text
        if has_digit:
            # (drops digits only: the letters, hence the guard words, stay)
            text = _LEADING_ZEROS.sub("", text)
            text, mask = index.apply(self.protected_span, text, mask, has_digit)
        # (the text starts with no space: expand() stripped it)
        text = index.apply(self.fillers_span, text, mask, has_digit, lstrip=True)[0]
        if _HAS_SUBSCRIPT.search(text) and _HAS_DIGIT.search(before):
            text = text.translate(_UNSUBSCRIPT)
        return text.split()

    def fold(self, name: str) -> str:
        if self.fast:  # = the reference's first line, word by word
            text = " ".join(map(self.prepared.__getitem__, name.split(" ")))
        else:
            text = _prepare_name(name)
        text = _LEADING_LABEL.sub("", text)
        if self.fast:
            words = self._strip(*self._expand(text))
            return " ".join(filter(None, map(self.kept.__getitem__, words)))
        text = self.strip_fillers(self.expand(text))
        return " ".join(filter(None, map(self._kept_words, text.split())))

    def _kept_words(self, token: str) -> str:
        """A token's words without punctuation and stopwords (= ``_PUNCT.sub(" ", token)``,
        stopwords dropped), joined by spaces."""
        stop = self.stopwords
        if token.isalnum():
            return "" if token in stop else token
        return " ".join(w for w in _PUNCT.sub(" ", token).split() if w not in stop)

    def unmarked_key(self, folded: str) -> str:
        """``strip_marks(folded)``, word by word (fast path)."""
        if not self.fast:
            return strip_marks(folded)
        return " ".join(map(self.unmarked.__getitem__, folded.split(" ")))

    def clear_memos(self) -> None:
        for memo in self.memos:
            memo.clear()


def _prepare_name(name: str) -> str:
    """NFC, lower case, tone marks; dashes unified, quotes dropped (every step word-local)."""
    return _QUOTES.sub(" ", _DASHES.sub("-", _prepare(name)))


def _subscript(m: re.Match[str]) -> str:
    return m.group(0).translate(_SUBSCRIPT)


@lru_cache(maxsize=1)
def _folder() -> _Folder:
    return _Folder()


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Canonical form of an indicator name for matching (a pure processor).

    NFC, lower case, one tone placement (``hoá`` = ``hóa``), ``tỉ`` = ``tỷ``, abbreviations from
    ``data/vi/abbreviations.yaml`` expanded, and the targets, years, periods and fillers listed
    in ``data/vi/name_fillers.yaml`` removed; punctuation becomes single spaces.

    >>> fold_name("Tỷ lệ dân số tham gia BHYT")
    'tỷ lệ dân số tham gia bảo hiểm y tế'
    >>> fold_name("Trồng rừng mới đạt 1.200ha")
    'trồng rừng mới'
    >>> fold_name("Tỷ lệ trẻ em dưới 01 tuổi được tiêm chủng đầy đủ")
    'tỷ lệ trẻ em dưới 1 tuổi tiêm chủng đầy đủ'
    """
    return _folder().fold(name)


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """``fold_name`` without diacritics: the string the scorers compare."""
    return _folder().unmarked_key(fold_name(name))


def clear_caches() -> None:
    """Empty every folding cache: ``fold_name``, ``match_key`` and the per-word memos."""
    fold_name.cache_clear()
    match_key.cache_clear()
    _folder().clear_memos()
