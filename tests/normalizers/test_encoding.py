"""Legacy Vietnamese encodings are chosen by syllable scoring, never by a latin-1 fallback."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from normalizers import encoding, syllables
from parsers.model import ReadError

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "raw").glob("*.txt"))


def _text(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letter (â, ơ…) + combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in syllables.TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in syllables.TONE_MARKS))
        out += (base + tone).encode("cp1258", errors="replace")
    return bytes(out)


def to_tcvn3(text: str) -> bytes:
    inv = {v: k for k, v in encoding._tcvn3_table().items()}
    out = bytearray()
    for ch in text:
        if ord(ch) < 128:
            out.append(ord(ch))
        else:
            out.append(inv.get(ch, inv.get(ch.lower(), ord("?"))))
    return bytes(out)


def to_vni(text: str) -> bytes:
    _, table = encoding._vni_pattern()
    inv = {v: k for k, v in table.items()}
    return "".join(inv.get(ch, ch) for ch in text).encode("cp1252", errors="replace")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize(
    "name,encode",
    [
        ("utf-8", lambda t: t.encode("utf-8")),
        ("utf-8-sig", lambda t: t.encode("utf-8-sig")),
        ("utf-16", lambda t: t.encode("utf-16")),
        ("cp1258", to_cp1258),
        ("vni", to_vni),
    ],
)
def test_round_trip(sample, name, encode):
    text = _text(sample)
    data = encode(text)
    decoded, got = encoding.decode_text(data)
    assert got == name
    if name in ("cp1258", "vni"):  # characters outside the code page become '?'
        same = sum(a == b for a, b in zip(decoded, text, strict=False)) / len(text)
        assert same > 0.99
    else:
        assert decoded == text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem[:3])
def test_tcvn3_lowercase_capitals(sample):
    text = _text(sample)
    decoded, got = encoding.decode_text(to_tcvn3(text))
    assert got == "tcvn3"
    same = sum(a == b for a, b in zip(decoded.lower(), text.lower(), strict=False)) / len(text)
    assert same > 0.99


def test_tcvn3_all_caps_title_restored():
    assert encoding.decode_text(b"PH\xf4 L\xf4C 2")[0] == "PHỤ LỤC 2"


def test_vni_typed_in_a_unicode_file():
    text = "Keá hoaïch phaùt trieån kinh teá xaõ hoäi"
    decoded, got = encoding.decode_text(text.encode("utf-8"))
    assert (decoded, got) == ("Kế hoạch phát triển kinh tế xã hội", "utf-8+vni")


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02\x03" * 100, bytes(range(256)) * 8, b"PK\x03\x04\x00\x00garbage"]
)
def test_binary_raises(data):
    with pytest.raises(ReadError) as err:
        encoding.decode_text(data, source="x.bin")
    assert err.value.error_type == "binary_content" and err.value.stage == "decode"
    assert "x.bin" in err.value.message


def test_every_sample_syllable_is_in_the_lexicon():
    missing = set()
    for sample in SAMPLES:
        for tok in syllables.tokens(_text(sample)):
            if tok.isupper() or tok.lower() in {"b", "i", "c", "v", "ii"}:
                continue
            if not syllables.is_syllable(tok) and not tok.isascii():
                missing.add(tok)
    assert not missing, sorted(missing)


def test_lexicon_file_is_the_generated_one():
    assert sorted(syllables.lexicon()) == syllables.generate_lexicon()
