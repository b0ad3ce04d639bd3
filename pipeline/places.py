"""Where a document is from: province, (pre-2025) district, commune and their official
codes, resolved against the gazetteer package `vietnamadminunits`.

The names are read from the places of the issuer (`UBND xã Cẩm Lương`), the `Kèm theo … của
UBND xã Xuân Quế` lines and the title block (`ỦY BAN NHÂN DÂN TỈNH SƠN LA`), strongest
source first, and looked up exactly (case-folded, accents kept) in the package's unit
tables: the 34 provinces and 3,321 communes of the 2025 reorganisation, and the 63
provinces, districts and communes before it. An old name is mapped to the 2025 unit that
holds it with the package's `convert_address` (given no street, so no geocoding). A name
that several units share, or several provinces named in one title block, gives no place:
an honest null beats a wrong province.

`method` records how: `<source>:<how>`, source `issuer`, `attachment` or `title_block`;
how `province` (a province named), `commune` (a commune unique in the country, or in the
named province), `legacy_commune` / `legacy_province` (an old unit mapped to its 2025 one).
Level words and settings live in `pipeline/data/places.yaml`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "places.yaml"


@dataclass(frozen=True)
class Place:
    province: str | None = None
    province_code: str | None = None
    district: str | None = None
    district_code: str | None = None
    commune: str | None = None
    commune_code: str | None = None
    method: str | None = None


NO_PLACE = Place()


@dataclass(frozen=True)
class Mention:
    level: str  # province | district | commune
    words: tuple[str, ...]  # the capitalised words after the level word
    source: str  # issuer | attachment | title_block


def fold(name: str) -> str:
    """Case-folded NFC with single spaces; accents kept (`Cẩm Lương` ≠ `Cam Luong`)."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


@functools.cache
def settings() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@functools.cache
def _level_pattern() -> re.Pattern[str]:
    words = [(w, level) for level, ws in settings()["levels"].items() for w in ws]
    words.sort(key=lambda x: -len(x[0]))
    alternatives = "|".join(re.escape(w) for w, _ in words)
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.I)


@functools.cache
def _level_of() -> dict[str, str]:
    return {fold(w): level for level, ws in settings()["levels"].items() for w in ws}


_TOKEN = re.compile(r"[^\W_][\w\-']*", re.U)


def mentions(text: str, source: str) -> list[Mention]:
    """`UBND xã Cẩm Lương` → [Mention('commune', ('Cẩm', 'Lương'), source)]."""
    text = unicodedata.normalize("NFC", text or "")
    found = []
    limit = settings()["max_name_words"]
    for m in _level_pattern().finditer(text):
        words: list[str] = []
        prev_end = m.end()
        for tok in _TOKEN.finditer(text, m.end()):
            gap = text[prev_end : tok.start()]
            if gap.strip(" .") or len(words) == limit or not tok.group(0)[0].isupper():
                break
            words.append(tok.group(0))
            prev_end = tok.end()
        if words:
            found.append(Mention(_level_of()[fold(m.group(1))], tuple(words), source))
    return found


class Gazetteer:
    """Exact-name indexes over the package's 2025 and legacy unit tables."""

    def __init__(self) -> None:
        from vietnamadminunits.database import get_data

        new = get_data(
            fields=["province", "provinceShort", "provinceCode", "ward", "wardShort", "wardCode"],
            table="admin_units",
        )
        old = get_data(
            fields=[
                "province",
                "provinceShort",
                "provinceCode",
                "district",
                "districtShort",
                "districtCode",
                "ward",
                "wardShort",
                "wardCode",
            ],
            table="admin_units_legacy",
        )
        self.provinces: dict[str, tuple[str, str]] = {}
        self.wards: dict[str, list[dict]] = {}
        for r in new:
            self.provinces[fold(r["provinceShort"])] = (r["province"], r["provinceCode"])
            self.wards.setdefault(fold(r["wardShort"]), []).append(r)
        self.old_provinces: dict[str, tuple[str, str]] = {}
        self.old_districts: dict[str, list[dict]] = {}
        self.old_wards: dict[str, list[dict]] = {}
        seen_districts = set()
        for r in old:
            self.old_provinces[fold(r["provinceShort"])] = (r["province"], r["provinceCode"])
            key = (r["provinceCode"], r["districtCode"])
            if key not in seen_districts:
                seen_districts.add(key)
                self.old_districts.setdefault(fold(r["districtShort"]), []).append(r)
            if r["wardShort"]:  # districts without communes (islands) have none
                self.old_wards.setdefault(fold(r["wardShort"]), []).append(r)

    @staticmethod
    def names(words: tuple[str, ...]) -> list[str]:
        """Longest first: `SƠN LA GIAI ĐOẠN` → `sơn la giai đoạn`, …, `sơn la`, `sơn`."""
        return [fold(" ".join(words[:n])) for n in range(len(words), 0, -1)]

    def province(self, words: tuple[str, ...]) -> tuple[str, str, bool] | None:
        """(name, code, legacy?) of the 2025 province a name means."""
        for name in self.names(words):
            if name in self.provinces:
                return (*self.provinces[name], False)
            if name in self.old_provinces:
                new = _convert(self.old_provinces[name][0])
                if new and new.province:
                    return (new.province, new.province_code, True)
        return None


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _convert(address: str):  # -> vietnamadminunits AdminUnit | None
    """An old unit's address (`Xã …, Huyện …, Tỉnh …`, no street: no geocoding) in 2025 units."""
    from vietnamadminunits import convert_address

    try:
        return convert_address(address)
    except Exception:  # the package raises on names it cannot place: no place, not a crash
        return None


def _sources(
    issuer: str | None, locality: str | None, admin_level: str | None, lines: list[str]
) -> list[Mention]:
    cfg = settings()
    found = mentions(issuer or "", "issuer")
    if locality and admin_level in cfg["commune_admin_levels"] and not found:
        found = [Mention("commune", tuple(locality.split()), "issuer")]
    attach = [t for t in lines if any(w in t.lower() for w in cfg["attachment_words"])]
    for text in attach:
        found += mentions(text, "attachment")
    for text in lines[: cfg["title_block_lines"]]:
        if text not in attach:
            found += mentions(text, "title_block")
    return found


def resolve_place(
    *,
    issuer: str | None,
    locality: str | None,
    admin_level: str | None,
    lines: Iterable[str],
    issued: dt.date | None = None,
    period_end: int | None = None,
) -> Place:
    """The document's place, or NO_PLACE when its texts name none the gazetteer knows
    unambiguously."""
    found = _sources(issuer, locality, admin_level, list(lines))
    if not found:
        return NO_PLACE
    gz = gazetteer()
    before = _before_reorganisation(issued, period_end)
    province = _province(found, gz)
    for mention in found:
        # a commune named in the body of the title block (`… xã Yên Khương …` in a
        # provincial report) is not where the document is from: issuer and attachment only
        if mention.level == "commune" and mention.source != "title_block":
            place = _commune(mention, province, gz, before)
            if place:
                return place
    if province:
        name, code, legacy, source = province
        how = "legacy_province" if legacy else "province"
        district = _district(found, province, gz)
        return Place(name, code, *district, method=f"{source}:{how}")
    return NO_PLACE


def _before_reorganisation(issued: dt.date | None, period_end: int | None) -> bool:
    cutoff = settings()["reorganisation_date"]
    if issued is not None:
        return issued < cutoff
    return period_end is not None and period_end < cutoff.year


def _province(found: list[Mention], gz: Gazetteer) -> tuple[str, str, bool, str] | None:
    """The province the strongest source names; a source naming several gives none."""
    for source in ("issuer", "attachment", "title_block"):
        hits = {
            hit[:2]: (*hit, source)
            for m in found
            if m.source == source and m.level == "province"
            for hit in [gz.province(m.words)]
            if hit
        }
        if len(hits) == 1:
            return next(iter(hits.values()))
        if len(hits) > 1:
            return None
    return None


def _commune(
    mention: Mention,
    province: tuple[str, str, bool, str] | None,
    gz: Gazetteer,
    before: bool,
) -> Place | None:
    lookups = (_old_commune, _new_commune) if before else (_new_commune, _old_commune)
    for lookup in lookups:
        place = lookup(mention, province, gz)
        if place:
            return place
    return None


def _new_commune(mention: Mention, province: tuple | None, gz: Gazetteer) -> Place | None:
    for name in gz.names(mention.words):
        rows = gz.wards.get(name, [])
        if province:
            rows = [r for r in rows if r["provinceCode"] == province[1]]
        if len(rows) == 1:
            r = rows[0]
            return Place(
                r["province"],
                r["provinceCode"],
                commune=r["ward"],
                commune_code=r["wardCode"],
                method=f"{mention.source}:commune",
            )
    return None


def _old_commune(mention: Mention, province: tuple | None, gz: Gazetteer) -> Place | None:
    for name in gz.names(mention.words):
        rows = gz.old_wards.get(name, [])
        if province:
            rows = [r for r in rows if _convert_province(r["province"]) == province[1]]
        if len(rows) == 1:
            r = rows[0]
            new = _convert(f"{r['ward']}, {r['district']}, {r['province']}")
            if not (new and new.province):
                continue
            return Place(
                new.province,
                new.province_code,
                r["district"],
                r["districtCode"],
                new.ward,
                new.ward_code,
                method=f"{mention.source}:legacy_commune",
            )
    return None


@functools.cache
def _convert_province(old_province: str) -> str | None:
    new = _convert(old_province)
    return new.province_code if new else None


def _district(
    found: list[Mention], province: tuple, gz: Gazetteer
) -> tuple[str | None, str | None]:
    """A pre-2025 district the texts name inside the province (codes of the legacy list)."""
    for m in found:
        if m.level != "district":
            continue
        for name in gz.names(m.words):
            rows = [
                r
                for r in gz.old_districts.get(name, [])
                if _convert_province(r["province"]) == province[1]
            ]
            if len(rows) == 1:
                return rows[0]["district"], rows[0]["districtCode"]
    return None, None
