"""Legacy-font glyphs repaired in read text: `ƣ` (U+01A3) → `ư`, `Ƣ` (U+01A2) → `Ư`.

PDFs typeset with legacy Vietnamese fonts map `ư`/`Ư` to the Latin letter OI, and the
extracted (or copied) text keeps it: `MÔI TRƢỜNG`, `tăng trƣởng`. Left as is, every word
holding it misses the column titles, name fillers and catalogue aliases written with `ư`.
The map is `parsers/data/legacy_glyphs.yaml`; the text is NFC again afterwards, so a
decomposed tone mark after the glyph composes with the repaired letter.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from parsers import data as parser_data
from parsers.model import Document, Table


@cache
def _glyphs() -> tuple[tuple[str, ...], dict[int, str]]:
    data = parser_data.load("legacy_glyphs")
    return tuple(data), {ord(k): v for k, v in data.items()}


def repair_glyphs(text: str) -> str:
    """`text` with legacy glyphs replaced (unchanged, and cheap, when it holds none)."""
    glyphs, table = _glyphs()
    if not any(g in text for g in glyphs):  # substring tests run in C: most text has none
        return text
    return unicodedata.normalize("NFC", text.translate(table))


def repair_document(doc: Document) -> Document:
    """Every line and cell of a read document repaired in place (paged and Word formats,
    whose readers build the text piece by piece)."""
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    cell.text = repair_glyphs(cell.text)
            if block.unit:
                block.unit = repair_glyphs(block.unit)
        else:
            block.text = repair_glyphs(block.text)
    return doc
