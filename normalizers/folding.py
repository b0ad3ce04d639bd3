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

import unicodedata
from functools import lru_cache
from pathlib import Path

import regex
import yaml

DATA_DIR = Path(__file__).parent / "data" / "vi"
ABBREVIATIONS_FILE = DATA_DIR / "abbreviations.yaml"
FILLERS_FILE = DATA_DIR / "name_fillers.yaml"

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# Old-style placement on the second vowel of an open "oa", "oe", "uy" (hoá, khoẻ, thuỷ) is
# moved to the first vowel (hóa, khỏe, thủy). Not after "q" (quý, quả), and not when a final
# consonant follows (hoàn, thuyết), where both styles agree. Works on NFD text.
_TONE_OA_OE = regex.compile(rf"(?<!q)(o)([ae])([{_TONES}])(?!\p{{L}}|\p{{M}})")
_TONE_UY = regex.compile(rf"(?<!q)(u)(y)([{_TONES}])(?!\p{{L}}|\p{{M}})")
# Syllables written with either final i or y (tỉ/tỷ, kĩ/kỹ, sĩ/sỹ, lí/lý, mĩ/mỹ, hi/hy, qui/quy):
# one spelling, y. Works on NFD text: consonant + i + optional tone, whole syllable.
_Y_I = regex.compile(rf"(?<![\p{{L}}\p{{M}}])([hklmst]|qu)i([{_TONES}]?)(?![\p{{L}}\p{{M}}])")
_DASHES = regex.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = regex.compile(r"[\u201c\u201d\u201e\u00ab\u00bb\"'\u2018\u2019`]")
_LEADING_LABEL = regex.compile(
    r"^\s*(?:[-+*•–]+|\(?[0-9ivxlc]{1,4}(?:[.,][0-9]{1,2})*[.)]|[a-zđ]\))\s+"
)
_LEADING_ZEROS = regex.compile(r"(?<![\d.,])0+(?=\d)")
_PUNCT = regex.compile(r"[^\p{L}\p{M}\p{N}]+")
_SPACES = regex.compile(r"\s+")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_UNSUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def normalize_tone_marks(text: str) -> str:
    """One tone-mark placement and one y/i spelling; NFC in, NFC out (lower-case input).

    >>> normalize_tone_marks("cứng hoá, thuỷ sản, hoà giải, tỉ lệ, kĩ năng, bác sĩ")
    'cứng hóa, thủy sản, hòa giải, tỷ lệ, kỹ năng, bác sỹ'
    >>> normalize_tone_marks("hoàn thành, quý, thuyết minh")
    'hoàn thành, quý, thuyết minh'
    """
    nfd = unicodedata.normalize("NFD", text)
    nfd = _TONE_OA_OE.sub(r"\1\3\2", nfd)
    nfd = _TONE_UY.sub(r"\1\3\2", nfd)
    nfd = _Y_I.sub(r"\1y\2", nfd)
    return unicodedata.normalize("NFC", nfd)


def strip_marks(text: str) -> str:
    """Drop Vietnamese diacritics: ``'đường ô tô'`` -> ``'duong o to'``."""
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def _prepare(text: str) -> str:
    """NFC, lower case, tone marks: the form every pattern of the data files is written in."""
    return normalize_tone_marks(unicodedata.normalize("NFC", text).lower())


def _prepare_pattern(pattern: str) -> str:
    """A data-file regular expression in the same form (already lower case; ``\\W`` kept)."""
    return normalize_tone_marks(unicodedata.normalize("NFC", pattern))


class _Folder:
    """Compiled data files; built once (``_folder()``)."""

    def __init__(self) -> None:
        abbr = yaml.safe_load(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
        fill = yaml.safe_load(FILLERS_FILE.read_text(encoding="utf-8"))
        self.contextual = [
            (regex.compile(_prepare_pattern(r["pattern"])), _prepare(r["replace"]))
            for r in abbr.get("contextual", [])
        ]
        table = {_prepare(k): _prepare(v) for k, v in abbr["abbreviations"].items()}
        keys = sorted(table, key=len, reverse=True)
        self.abbr_table = table
        self.abbr_re = regex.compile(
            r"(?<![\p{L}\p{M}\p{N}])("
            + "|".join(regex.escape(k) for k in keys)
            + r")(?![\p{L}\p{M}\p{N}])"
        )
        self.variants = [
            (regex.compile(_prepare_pattern(r["pattern"])), _prepare(r["replace"]))
            for r in abbr.get("variants", [])
        ]
        units = " ".join(fill["target_units"].split()).replace("| ", "|")
        units_alt = "|".join(
            regex.escape(u)
            for u in sorted((_prepare(u) for u in units.split("|")), key=len, reverse=True)
        )
        self.protected = [
            regex.compile(_prepare_pattern(p)) for p in fill.get("protected_numbers", [])
        ]
        self.fillers = [
            regex.compile(_prepare_pattern(p).replace("{units}", units_alt))
            for p in fill["fillers"]
        ]
        self.stopwords = frozenset(_prepare(w) for w in fill.get("stopwords", []))

    def expand(self, text: str) -> str:
        for pattern, repl in self.contextual:
            text = pattern.sub(" " + repl + " ", text)
        text = self.abbr_re.sub(lambda m: " " + self.abbr_table[m.group(1)] + " ", text)
        for pattern, repl in self.variants:
            text = pattern.sub(" " + repl.strip() + " " if repl.strip() else " ", text)
        return _SPACES.sub(" ", text).strip()

    def strip_fillers(self, text: str) -> str:
        text = _LEADING_ZEROS.sub("", text)
        for pattern in self.protected:  # hide the digits that belong to the name
            text = pattern.sub(lambda m: m.group(0).translate(_SUBSCRIPT), text)
        for pattern in self.fillers:
            text = _SPACES.sub(" ", pattern.sub(" ", text)).strip()
        return text.translate(_UNSUBSCRIPT)

    def fold(self, name: str) -> str:
        text = _QUOTES.sub(" ", _DASHES.sub("-", _prepare(name)))
        text = _LEADING_LABEL.sub("", text)
        text = self.expand(text)
        text = self.strip_fillers(text)
        words = [w for w in _PUNCT.sub(" ", text).split() if w not in self.stopwords]
        return " ".join(words)


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
    return strip_marks(fold_name(name))
