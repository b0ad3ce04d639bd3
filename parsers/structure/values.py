"""Value cells → value records, through the one quantity normaliser."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from normalizers import parse_quantities
from normalizers.quantities import Quantity
from parsers.structure.records import Indicator, ValueCell


@dataclass
class ValueRecord:
    indicator_id: str
    role: str
    period: str | None
    quantity: Quantity


def cell_to_quantities(cell: ValueCell, name: str) -> list[Quantity]:
    if cell.quantities is not None:
        return cell.quantities
    if cell.as_text:
        text = " ".join(cell.raw.split())
        return [Quantity(kind="text", raw=text, text=text)]
    return parse_quantities(
        cell.raw, unit_hint=cell.unit_hint, name_hint=name if cell.use_name_hint else None
    )


def indicator_values(indicator: Indicator) -> list[ValueRecord]:
    out: list[ValueRecord] = []
    for cell in indicator.cells:
        for q in cell_to_quantities(cell, indicator.name):
            period = q.period or cell.period or indicator.period_hint
            out.append(ValueRecord(indicator.indicator_id, cell.role, period, q))
    return out


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
