"""Decode the bytes of a text document into NFC Unicode, whatever encoding it was saved in.

Vietnamese office files come in UTF-8 (with or without BOM), UTF-16, Windows-1258 (which
spells tones as combining marks) and the 8-bit font encodings TCVN3/ABC (one byte per
letter) and VNI (a base letter followed by mark bytes). Legacy bytes also decode
"successfully" as cp1252 or latin-1 into garbage, so the decoding is chosen by scoring each
candidate on the share of valid Vietnamese syllables it yields, never by a fallback.
The mapping tables are data: ``normalizers/data/vi/tcvn3.tsv`` and ``vni.tsv``.

>>> decode_text("Kế hoạch".encode("utf-8"))
('Kế hoạch', 'utf-8')
>>> decode_text(b"K\\xd5 ho\\xb9ch ph\\xb8t tri\\xd3n")
('Kế hoạch phát triển', 'tcvn3')
>>> decode_text("Keá hoaïch phaùt trieån".encode("cp1252"))
('Kế hoạch phát triển', 'vni')
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

from normalizers.syllables import syllable_share

DATA_DIR = Path(__file__).parent / "data" / "vi"
# a candidate must beat the runner-up by this much to replace a clean UTF-8 reading
GLYPH_MARGIN = 0.15
MIN_PRINTABLE = 0.95


def _read_tsv(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        rows.append((parts[0], parts[1]))
    return rows


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    return {int(code, 16): char for code, char in _read_tsv("tcvn3.tsv")}


@lru_cache(maxsize=1)
def _vni_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(_read_tsv("vni.tsv"))
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


def _bytes_to_glyphs(data: bytes) -> str:
    """Bytes as the glyphs a Windows (cp1252) font shows; undefined bytes as latin-1."""
    return "".join(_CP1252_GLYPHS[b] for b in data)


_CP1252_GLYPHS = [
    bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in range(256)
]


def tcvn3_to_unicode(glyphs: str) -> str:
    """Text whose characters are TCVN3 byte values (latin-1 / cp1252 glyphs) to Unicode."""
    table = _tcvn3_table()
    out = []
    for ch in glyphs:
        code = ord(ch)
        if code > 0xFF:  # cp1252 glyphs above 0xFF: map back to their byte
            try:
                code = ch.encode("cp1252")[0]
            except UnicodeEncodeError:
                out.append(ch)
                continue
        out.append(table.get(code, ch))
    return _restore_caps(unicodedata.normalize("NFC", "".join(out)))


def vni_to_unicode(glyphs: str) -> str:
    """Text whose characters are VNI byte values (as cp1252 glyphs) to Unicode."""
    pattern, table = _vni_pattern()
    return unicodedata.normalize("NFC", pattern.sub(lambda m: table[m.group(0)], glyphs))


_WORD = re.compile(r"[^\W\d_]+")


def _restore_caps(text: str) -> str:
    """TCVN3 has no toned capitals: 'PHụ LụC' (an all-caps title in a .VnTimeH font) -> 'PHỤ LỤC'."""

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        lowers = [c for c in w if c.islower()]
        uppers = sum(1 for c in w if c.isupper())
        if uppers >= 2 and lowers and all(not c.isascii() for c in lowers):
            return w.upper()
        return w

    return _WORD.sub(fix, text)


_UNPRINTABLE = regex.compile(r"[\ufffd\p{Co}\p{Cn}\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _without_layout(text: str) -> str:
    """Drop the layout characters the pattern above allows (str.isprintable() would count
    them); chained replace, as str.translate is slow on non-ASCII text."""
    return text.replace("\n", "").replace("\t", "").replace("\r", "").replace("\f", "")


def _printable_ratio(text: str) -> float:
    if not text:
        return 1.0
    if "\ufffd" not in text and _without_layout(text).isprintable():
        return 1.0  # the usual case, checked in C (~4x faster than the scan)
    # control (but \t \n \r \f), private-use, unassigned and replacement characters
    return 1 - len(_UNPRINTABLE.findall(text)) / len(text)


def _binary(source: str, reason: str) -> Exception:
    from parsers.model import ReadError

    return ReadError(
        "binary_content",
        f"{source}: the file is not text ({reason}); expected a UTF-8, UTF-16, Windows-1258, "
        "TCVN3 or VNI text document.",
        stage="decode",
    )


def _candidates(data: bytes) -> list[tuple[str, str]]:
    glyphs = _bytes_to_glyphs(data)
    cands = [
        ("cp1258", data.decode("cp1258", errors="replace")),
        ("tcvn3", tcvn3_to_unicode(glyphs)),
        ("vni", vni_to_unicode(glyphs)),
    ]
    return [(name, unicodedata.normalize("NFC", text)) for name, text in cands]


def score(text: str) -> float:
    """How Vietnamese a decoding looks: valid-syllable share, penalised for control chars."""
    return syllable_share(text, default=0.0) * _printable_ratio(text)


def decode_text(data: bytes, source: str = "input") -> tuple[str, str]:
    """Decode document bytes to (NFC text, encoding name).

    Names: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-32``, ``cp1258``, ``tcvn3``, ``vni``
    (``utf-8+vni`` / ``utf-8+tcvn3`` for a Unicode file typed in a legacy font, whose
    characters are the legacy glyphs). Raises ``ReadError('binary_content', stage='decode')``
    for binary data (NUL bytes, mostly unprintable).
    """
    if not data:
        return "", "utf-8"
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(name, errors="replace")
            if _printable_ratio(text) < MIN_PRINTABLE:
                raise _binary(source, f"undecodable {name} content")
            return unicodedata.normalize("NFC", text), name

    if b"\x00" in data:
        # UTF-16 without a BOM has a NUL in every other byte; anything else is binary
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _printable_ratio(text) >= MIN_PRINTABLE and score(text) >= 0.5:
                return unicodedata.normalize("NFC", text), "utf-16"
        raise _binary(source, "it contains NUL bytes")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        text = unicodedata.normalize("NFC", text)
        if _printable_ratio(text) < MIN_PRINTABLE:
            raise _binary(source, "most characters are control codes")
        if text.isascii() or not _looks_like_legacy_glyphs(text):
            return text, "utf-8"
        base = score(text)
        best = max(
            (("utf-8+vni", vni_to_unicode(text)), ("utf-8+tcvn3", tcvn3_to_unicode(text))),
            key=lambda c: score(c[1]),
        )
        if score(best[1]) > base + GLYPH_MARGIN:
            return best[1], best[0]
        return text, "utf-8"

    scored = sorted(((score(t), name, t) for name, t in _candidates(data)), reverse=True)
    best_score, name, text = scored[0]
    if _printable_ratio(text) < MIN_PRINTABLE or best_score < 0.2:
        raise _binary(source, "no text encoding gives readable Vietnamese")
    return text, name


_LEGACY_GLYPHS = re.compile(r"[\u00a1-\u00ff]")


def _looks_like_legacy_glyphs(text: str) -> bool:
    """A UTF-8 file with no Vietnamese-only letters but many Latin-1 accented ones."""
    if re.search(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]", text):
        return False
    return len(_LEGACY_GLYPHS.findall(text)) >= 3


def decode_as(data: bytes, name: str) -> str:
    """Decode `data` with an encoding name `decode_text` returned (NFC).

    For a file whose encoding was judged on part of it: a web page's words without its
    markup, the markup (ASCII in every one of these encodings) then decoded alike.
    """
    if name in ("tcvn3", "vni"):
        glyphs = _bytes_to_glyphs(data)
        text = tcvn3_to_unicode(glyphs) if name == "tcvn3" else vni_to_unicode(glyphs)
    elif name.startswith("utf-8+"):
        base = data.decode("utf-8", errors="replace")
        text = tcvn3_to_unicode(base) if name.endswith("tcvn3") else vni_to_unicode(base)
    else:
        text = data.decode(name, errors="replace")
    return unicodedata.normalize("NFC", text)
