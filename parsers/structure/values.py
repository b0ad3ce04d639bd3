"""Value cells → value records, through the one quantity normaliser."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from normalizers import parse_quantities
from normalizers.quantities import Quantity
from parsers import data as parser_data
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
    found = parse_quantities(
        cell.raw, unit_hint=cell.unit_hint, name_hint=name if cell.use_name_hint else None
    )
    if cell.role in {"target", "plan"}:
        found = [_state_as_text(q) for q in found]
    return found


@cache
def _target_states() -> frozenset[str]:
    return frozenset(parser_data.load("structure")["target_states"])


def _state_as_text(q: Quantity) -> Quantity:
    """`DK 2010 | hoàn thành`: a state to reach, not a yes/no answer."""
    if q.kind == "boolean" and (q.text or q.raw).strip(" .;:").lower() in _target_states():
        return replace(q, kind="text", value=None, value_min=None, value_max=None)
    return q


def indicator_values(indicator: Indicator, plan_period: str | None = None) -> list[ValueRecord]:
    """`plan_period` (the document's, e.g. `2026` or `2026-2030`) dates targets that name
    no period of their own, so analysts can select targets by year across documents."""
    out: list[ValueRecord] = []
    for cell in indicator.cells:
        for q in cell_to_quantities(cell, indicator.name):
            if cell.role == "milestone":
                period = cell.period or q.period
            elif indicator.source == "prose":
                period = q.period or indicator.period_hint
            elif indicator.period_hint == "annual" and _one_year(cell.period):
                # `tăng bình quân` in the name makes the figure a yearly rate, but a column of
                # one year (`Kết quả thực hiện năm 2023`) still says which year it is; over a
                # span (`Mục tiêu giai đoạn 2026-2030`) the rate stays `annual`
                period = cell.period
            else:  # "… đến năm 2030" in the name dates the row more precisely than its column
                period = indicator.period_hint or cell.period or q.period
            if cell.role == "target" and (
                period is None or (period == "annual" and _one_year(plan_period))
            ):
                period = plan_period  # in a one-year plan, `hằng năm` is that year
            out.append(ValueRecord(indicator.indicator_id, cell.role, period, q))
    return out


def _one_year(period: str | None) -> bool:
    return period is not None and len(period) == 4 and period.isdigit()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
