"""Is a token a well-formed Vietnamese syllable? A rule-based validator and its lexicon.

A Vietnamese syllable is onset + rhyme + tone. The rhymes are built from a nucleus and a
coda under the spelling rules (``ă``/``â`` need a coda, ``iê``/``uô``/``ươ`` need one and
``ia``/``ua``/``ưa`` take none, ``ch``/``nh`` only after ``a``/``ê``/``i``); ``k``, ``gh``
and ``ngh`` only stand before front vowels, ``c``, ``g`` and ``ng`` never do; syllables
closed by ``c``/``ch``/``p``/``t`` carry only the sắc or nặng tone.

`generate_lexicon()` enumerates every toneless syllable these rules allow; the list is kept
as data in ``normalizers/data/vi/syllables.txt`` (regenerate with
``python -m normalizers.syllables``) and `is_syllable` looks tokens up there, ignoring where
the tone mark sits (``hoà`` and ``hòa`` are the same syllable).

>>> is_syllable("Nghị"), is_syllable("quyết"), is_syllable("tống"), is_syllable("chuấn")
(True, True, True, True)
>>> is_syllable("Ph"), is_syllable("tõt"), is_syllable("kà")
(False, False, False)
>>> round(syllable_share("Tỷ lệ hộ nghèo giảm 2%"), 2)
1.0
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).parent / "data" / "vi" / "syllables.txt"

TONE_MARKS = {
    "\u0300": "huyen",
    "\u0301": "sac",
    "\u0303": "nga",
    "\u0309": "hoi",
    "\u0323": "nang",
}
STOP_CODAS = ("c", "ch", "p", "t")

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
FRONT_ONSETS = ("k", "gh", "ngh")  # only before i, e, ê, y
BACK_ONSETS = ("c", "g", "ng")  # never before i, e, ê, y

# nucleus -> codas it can take ("" = open syllable)
NUCLEI: dict[str, tuple[str, ...]] = {
    "a": ("", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "u", "y"),
    "ă": ("c", "m", "n", "ng", "p", "t"),
    "â": ("c", "m", "n", "ng", "p", "t", "u", "y"),
    "e": ("", "c", "m", "n", "ng", "o", "p", "t"),
    "ê": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "i": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "y": ("", "ch", "nh", "t", "u"),
    "o": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "oo": ("c", "ng"),
    "ô": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "ơ": ("", "i", "m", "n", "p", "t", "u"),
    "u": ("", "c", "i", "m", "n", "ng", "p", "t", "y"),
    "ư": ("", "c", "i", "m", "n", "ng", "t", "u"),
    "ia": ("",),
    "iê": ("c", "m", "n", "ng", "p", "t", "u"),
    "yê": ("c", "m", "n", "ng", "p", "t", "u"),
    "ua": ("",),
    "uô": ("c", "i", "m", "n", "ng", "p", "t"),
    "ưa": ("",),
    "ươ": ("c", "i", "m", "n", "ng", "p", "t", "u"),
}
# rounding medial before a nucleus: o before a/ă/e, u before the others
MEDIAL_NUCLEI = {"o": ("a", "ă", "e"), "u": ("â", "ê", "y", "ơ", "yê", "ya", "a", "e", "i")}
EXTRA_NUCLEI = {"ya": ("",)}  # only after the medial u (khuya)


def _rhymes() -> dict[str, bool]:
    """Toneless rhymes -> True when the rhyme starts with a rounding medial."""
    out: dict[str, bool] = {}
    for nucleus, codas in NUCLEI.items():
        for coda in codas:
            out[nucleus + coda] = False
    for medial, nuclei in MEDIAL_NUCLEI.items():
        for nucleus in nuclei:
            codas = NUCLEI.get(nucleus) or EXTRA_NUCLEI[nucleus]
            for coda in codas:
                if medial == "u" and nucleus in ("a", "e", "i") and coda:
                    continue  # qua, que, qui spellings; 'uan' is written 'oan'
                out[medial + nucleus + coda] = True
    return out


def _front(rhyme: str) -> bool:
    return rhyme[:1] in ("i", "e", "ê", "y")


def _allowed(onset: str, rhyme: str, medial: bool) -> bool:
    if onset == "qu":
        return not medial and (not rhyme.startswith(("u", "ư", "o")) or rhyme.startswith("ô"))
    if onset == "gi":
        return not rhyme.startswith(("i", "y")) and rhyme not in ("",)
    if onset in FRONT_ONSETS:
        return _front(rhyme)
    if onset in BACK_ONSETS and _front(rhyme):
        return False
    if rhyme.startswith("yê") and onset not in ("", "qu"):
        return False
    if rhyme.startswith("iê") and not onset:
        return False
    if rhyme.startswith("y") and len(rhyme) > 1 and not rhyme.startswith("yê") and onset != "qu":
        return False  # ynh, yt only after the medial u (huynh, quyt)
    return True


def generate_lexicon() -> list[str]:
    """Every toneless syllable the onset/rhyme rules allow, sorted."""
    rhymes = _rhymes()
    words: set[str] = set()
    for onset in ONSETS:
        for rhyme, medial in rhymes.items():
            if _allowed(onset, rhyme, medial):
                words.add(onset + rhyme)
        if onset == "gi":  # giếng, giữa, gìn: 'gi' absorbs the i of iê / the vowel i
            for rhyme in rhymes:
                if rhyme.startswith("iê"):
                    words.add("gi" + rhyme[1:])
            words.update({"gi", "gin", "gim", "gip", "git", "giu", "gich", "ginh"})
    words.discard("")
    return sorted(unicodedata.normalize("NFC", w) for w in words)


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    words = []
    for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return frozenset(words)


def split_tone(word: str) -> tuple[str, str | None]:
    """('toàn' -> ('toan', 'huyen')); the base keeps â, ê, ô, ơ, ư, ă, đ."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [TONE_MARKS[c] for c in decomposed if c in TONE_MARKS]
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    if len(tones) > 1:
        return base, "invalid"
    return base, tones[0] if tones else None


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    base, tone = split_tone(word)
    if tone == "invalid" or base not in lexicon():
        return False
    if base.endswith(STOP_CODAS):  # closed syllables carry only sắc or nặng
        return tone in ("sac", "nang")
    return True


_TOKEN = re.compile(r"[^\W\d_]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def syllable_share(text: str, default: float = 1.0) -> float:
    """Share of word tokens that are valid syllables; all-caps acronyms (UBND, HĐND) that
    are not syllables are skipped. `default` for text with no word tokens."""
    valid = judged = 0
    for tok in tokens(unicodedata.normalize("NFC", text)):
        if is_syllable(tok):
            valid += 1
        elif len(tok) >= 2 and tok.isupper():
            continue
        judged += 1
    return valid / judged if judged else default


def main() -> None:  # pragma: no cover - regenerates the data file
    words = generate_lexicon()
    header = (
        "# Toneless Vietnamese syllables allowed by the onset + rhyme rules of\n"
        "# normalizers/syllables.py (generated by `python -m normalizers.syllables`;\n"
        "# tests check every syllable of the sample documents is listed). One per line.\n"
    )
    LEXICON_PATH.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} syllables to {LEXICON_PATH}")


if __name__ == "__main__":  # pragma: no cover
    main()
