"""Canonical indicator catalogue and batch matching of indicator names against it.

Documents name the same indicator in many ways (``Tỷ lệ dân số tham gia bảo hiểm y tế``,
``Tỉ lệ người dân tham gia BHYT đạt 96%``). ``match_names`` gives each name the code of the
canonical indicator in ``data/catalog.yaml``, or ``None`` when no entry is close enough: an
honest null beats a wrong code.

How a name is matched (all names of a batch at once):

1. ``fold_name`` (``normalizers.folding``) is the processor: NFC, case, tone marks, y/i,
   abbreviations, targets and filler words; scoring uses its unaccented ``match_key``.
2. A folded name equal to a folded canonical name or alias is an ``exact`` / ``alias`` match.
3. Otherwise every name is scored against every name and alias of the catalogue with
   ``rapidfuzz.process.cdist`` (``fuzz.token_sort_ratio``), blended with a token-overlap score
   weighted by how rare each word is in the catalogue (weighted Dice), so that sharing
   ``tỷ lệ`` counts for little and sharing ``bảo hiểm y tế`` for much.
4. The observed unit (optional) is a signal: a unit of another kind than the entry's expected
   unit (``%`` against ``VND``) costs ``unit_penalty`` points; within a group of entries that
   measure one thing in different ways (level, growth, share), the unit picks the member.
5. A sub-row (optional ``parents``) is matched first inside the group of its parent's code
   (``Dịch vụ`` under ``Cơ cấu kinh tế`` is the services share, under ``Tổng giá trị sản
   phẩm tăng bình quân`` the services growth).
6. Below ``threshold`` the name stays unmatched (method ``none``); the nearest candidates are
   still returned for review (``pipeline.catalog.unmatched_report``).

>>> [m.code for m in match_names(["Tỉ lệ người dân tham gia BHYT đạt 96%", "Tổ chức hội nghị sơ kết"])]
['XH.HEALTH_INSURANCE', None]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from normalizers.folding import FILLERS_FILE, fold_name, match_key, strip_marks
from normalizers.lexicon import read_yaml

DEFAULT_CATALOG = Path(__file__).parent / "data" / "catalog.yaml"

METHODS = ("exact", "alias", "fuzzy", "unit", "context", "none")


# ----------------------------------------------------------------------------- value objects
@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    en: str
    domain: str
    unit: str | None
    group: str | None = None
    aliases: tuple[str, ...] = ()
    sub_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    score: float


@dataclass(frozen=True)
class NameMatch:
    """The catalogue entry chosen for one name (``code`` None when unmatched)."""

    code: str | None
    name: str | None
    score: float
    method: str
    folded: str = ""
    candidates: tuple[Candidate, ...] = field(default=(), repr=False)

    @property
    def matched(self) -> bool:
        return self.code is not None


@dataclass(frozen=True)
class MatchSettings:
    """Matching settings; the defaults were chosen on the dev part of the eval set."""

    threshold: float = 70.0  # below: unmatched ...
    margin_threshold: float = 62.0  # ... unless this high and clearly ahead of the runner-up
    min_margin: float = 15.0  # (points ahead of the best other code)
    context_threshold: float = 70.0  # sub-row inside its parent's group; unit switch in a group
    unit_penalty: float = 15.0  # unit of another kind than the entry's expected unit
    unit_bonus: float = 2.0  # exactly the expected unit
    group_margin: float = 30.0  # a same-group entry with the right unit may be this much weaker
    sort_weight: float = 0.5  # blend: sort_weight * token_sort_ratio + rest * weighted Dice
    top: int = 3  # candidates kept on each NameMatch
    chunk: int = 4096  # names scored per cdist call
    workers: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.threshold <= 100 or not 0 <= self.context_threshold <= 100:
            raise ValueError("thresholds are scores between 0 and 100")
        if not 0 <= self.sort_weight <= 1:
            raise ValueError("sort_weight must be between 0 and 1")


DEFAULT_SETTINGS = MatchSettings()


# ----------------------------------------------------------------------------- units
_MONEY = {"VND", "USD"}
_AREA = {"ha", "m2", "km2"}
_MASS = {"tonne", "kg", "quintal", "m3"}


def unit_family(unit: str | None) -> str | None:
    """Kind of a contract unit code: ``%``, ``money``, ``area``, ``mass`` or ``count``.

    >>> unit_family("VND/person/year"), unit_family("%"), unit_family("household")
    ('money', '%', 'count')
    """
    if not unit or not unit.strip():
        return None
    unit = unit.strip()
    if unit.startswith("%"):
        return "%"
    head = unit.split("/")[0].strip()
    if head in _MONEY:
        return "money"
    if head in _AREA:
        return "area"
    if head in _MASS:
        return "mass"
    return "count"


# ----------------------------------------------------------------------------- catalogue
def _sorted_tokens(key: str) -> str:
    """The words of a folded key in sorted order (what ``fuzz.token_sort_ratio`` compares)."""
    return " ".join(sorted(key.split()))


@lru_cache(maxsize=1)
def _word_weights() -> dict[str, float]:
    data = read_yaml(FILLERS_FILE)
    return {strip_marks(w.lower()): float(v) for w, v in (data.get("word_weights") or {}).items()}


class Catalog:
    """The catalogue with its matching index (folded choices, token weights)."""

    def __init__(self, version: str, entries: Sequence[CatalogEntry]) -> None:
        self.version = version
        self.entries: tuple[CatalogEntry, ...] = tuple(entries)
        self.by_code = {e.code: e for e in self.entries}
        if len(self.by_code) != len(self.entries):
            raise ValueError("duplicate catalogue codes")
        self.index = {e.code: i for i, e in enumerate(self.entries)}
        self.groups: dict[str, list[int]] = {}
        for i, e in enumerate(self.entries):
            if e.group:
                self.groups.setdefault(e.group, []).append(i)

        # global choices: canonical name and aliases, ordered by entry (for reduceat)
        keys: list[str] = []
        owner: list[int] = []
        self.exact: dict[str, tuple[int, str]] = {}
        self.collisions: list[tuple[str, str, str]] = []
        for i, e in enumerate(self.entries):
            for kind, text in [("exact", e.name)] + [("alias", a) for a in e.aliases]:
                key = match_key(text)
                if not key:
                    raise ValueError(f"{e.code}: {text!r} folds to nothing")
                seen = self.exact.get(key)
                if seen is not None and seen[0] != i:
                    self.collisions.append((key, self.entries[seen[0]].code, e.code))
                    continue
                if seen is None:
                    self.exact[key] = (i, kind)
                    keys.append(key)
                    owner.append(i)
        self.choice_keys = keys
        self.choice_sorted = [_sorted_tokens(k) for k in keys]
        self.choice_owner = np.asarray(owner, dtype=np.int32)
        self.entry_starts = np.flatnonzero(
            np.r_[True, self.choice_owner[1:] != self.choice_owner[:-1]]
        )

        # token weights: rarer words in the catalogue weigh more (idf over entries)
        df: dict[str, int] = {}
        for e in self.entries:
            words = set()
            for text in (e.name, *e.aliases, *e.sub_aliases):
                words.update(match_key(text).split())
            for w in words:
                df[w] = df.get(w, 0) + 1
        n = len(self.entries)
        self.vocab = {w: j for j, w in enumerate(sorted(df))}
        self.idf = np.array(
            [math.log((n + 1) / (df[w] + 0.5)) for w in sorted(df)], dtype=np.float32
        )
        for word, weight in _word_weights().items():
            if word in self.vocab:
                self.idf[self.vocab[word]] *= weight
        self.unknown_weight = float(math.log((n + 1) / 0.5))
        self.choice_vectors, self.choice_weights = self._vectors(self.choice_keys)

        # units
        self.entry_units = [e.unit for e in self.entries]
        self.entry_families = [unit_family(e.unit) for e in self.entries]

        # context choices per group: names, aliases and sub-aliases of the group's entries
        self.group_choices: dict[str, tuple[list[str], list[int]]] = {}
        for g, members in self.groups.items():
            gkeys: list[str] = []
            gown: list[int] = []
            for i in members:
                e = self.entries[i]
                for text in (e.name, *e.aliases, *e.sub_aliases):
                    key = match_key(text)
                    if key and key not in gkeys:
                        gkeys.append(key)
                        gown.append(i)
            self.group_choices[g] = (gkeys, gown)
        self._group_index: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}

    @classmethod
    def load(cls, path: Path | str | None = None) -> Catalog:
        path = Path(path) if path else DEFAULT_CATALOG
        data = read_yaml(path)
        entries = [
            CatalogEntry(
                code=d["code"],
                name=d["name"],
                en=d.get("en", ""),
                domain=d["domain"],
                unit=d.get("unit"),
                group=d.get("group"),
                aliases=tuple(d.get("aliases") or ()),
                sub_aliases=tuple(d.get("sub_aliases") or ()),
            )
            for d in data["entries"]
        ]
        return cls(str(data["version"]), entries)

    def _vectors(self, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Weighted bag-of-words rows (idf of each distinct known word) and total weights."""
        mat = np.zeros((len(keys), len(self.vocab)), dtype=np.float32)
        weights = np.zeros(len(keys), dtype=np.float32)
        for r, key in enumerate(keys):
            total = 0.0
            for w in set(key.split()):
                j = self.vocab.get(w)
                if j is None:
                    total += self.unknown_weight
                else:
                    mat[r, j] = self.idf[j]
                    total += float(self.idf[j])
            weights[r] = total
        return mat, weights

    # ------------------------------------------------------------------ scoring
    def similarity(self, keys: Sequence[str], settings: MatchSettings) -> np.ndarray:
        """Entry-level similarity (names × entries, 0–100) of folded, unaccented names."""
        out = np.zeros((len(keys), len(self.entries)), dtype=np.float32)
        for lo in range(0, len(keys), settings.chunk):
            block = list(keys[lo : lo + settings.chunk])
            per_choice = self._choice_scores(
                block, self.choice_sorted, self.choice_vectors, self.choice_weights, settings
            )
            out[lo : lo + len(block)] = np.maximum.reduceat(per_choice, self.entry_starts, axis=1)
        return out

    def group_index(self, group: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """A group's choices with their tokens sorted, word vectors and weights (cached)."""
        index = self._group_index.get(group)
        if index is None:
            gkeys = self.group_choices[group][0]
            index = ([_sorted_tokens(k) for k in gkeys], *self._vectors(gkeys))
            self._group_index[group] = index
        return index

    def _choice_scores(
        self,
        block: list[str],
        choice_sorted: Sequence[str],
        choice_vectors: np.ndarray,
        choice_weights: np.ndarray,
        settings: MatchSettings,
    ) -> np.ndarray:
        """Blended scores of folded names against choices given with their tokens sorted.

        ``fuzz.ratio`` of sorted tokens is ``fuzz.token_sort_ratio`` (folded keys are words
        joined by single spaces); sorting the catalogue side once saves most of its cost.
        """
        sort = process.cdist(
            [_sorted_tokens(k) for k in block],
            choice_sorted,
            scorer=fuzz.ratio,
            dtype=np.float32,
            workers=settings.workers,
        )
        qvec, qw = self._vectors(block)
        inter = (qvec > 0).astype(np.float32) @ choice_vectors.T  # idf of the shared words
        # in place: dice = 200 * inter / max(qw + weight, 1e-6); sort_weight * sort + rest * dice
        dice = np.multiply(inter, 200.0, out=inter)
        den = np.add(qw[:, None], choice_weights[None, :])
        dice /= np.maximum(den, 1e-6, out=den)
        dice *= 1.0 - settings.sort_weight
        sort *= settings.sort_weight
        sort += dice
        return sort

    def unit_adjustment(self, unit: str | None, settings: MatchSettings) -> np.ndarray:
        adj = np.zeros(len(self.entries), dtype=np.float32)
        fam = unit_family(unit)
        if fam is None:
            return adj
        for i, (u, f) in enumerate(zip(self.entry_units, self.entry_families, strict=True)):
            if f is None:
                continue
            if u == unit.strip():  # type: ignore[union-attr]
                adj[i] = settings.unit_bonus
            elif f != fam:
                adj[i] = -settings.unit_penalty
        return adj


@lru_cache(maxsize=4)
def load_catalog(path: str | None = None) -> Catalog:
    """The catalogue (cached); ``path`` None is the packaged ``data/catalog.yaml``."""
    return Catalog.load(path)


# ----------------------------------------------------------------------------- matching
def _first_clause(name: str) -> str | None:
    """``A; B`` rows hold several tasks; the first is the indicator a reader would code."""
    if ";" not in name:
        return None
    head = name.split(";", 1)[0].strip()
    return head or None


def match_names(
    names: Sequence[str],
    units: Sequence[str | None] | None = None,
    parents: Sequence[str | None] | None = None,
    *,
    catalog: Catalog | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> list[NameMatch]:
    """Match a batch of indicator names against the catalogue, in order.

    ``units``: per name, the unit observed for its values (contract unit code, None when
    absent or mixed). ``parents``: per name, the name of its parent indicator for sub-rows
    (None at top level). Returns one ``NameMatch`` per name.
    """
    cat = catalog or load_catalog()
    n = len(names)
    units = list(units) if units is not None else [None] * n
    parents = list(parents) if parents is not None else [None] * n
    if len(units) != n or len(parents) != n:
        raise ValueError("units and parents must have one item per name")

    # queries: every name, plus the first clause of "A; B" names; scored once per distinct key
    firsts = [_first_clause(x) for x in names]
    texts = list(names) + [f for f in firsts if f]
    keys = [match_key(t) for t in texts]
    uniq = sorted({k for k in keys if k and k not in cat.exact})
    pos = {k: i for i, k in enumerate(uniq)}
    sims = cat.similarity(uniq, settings) if uniq else np.zeros((0, len(cat.entries)), np.float32)
    # every row ranked at once (best first, ties by entry order): enough for the candidates
    # and the runner-up of a name without a unit
    ranks = _top_columns(sims, max(settings.top, 2))

    cache: dict[tuple[str, str | None], NameMatch] = {}

    def global_match(text: str, unit: str | None) -> NameMatch:
        key = match_key(text)
        hit = cache.get((key, unit))
        if hit is None:
            row = pos.get(key)
            hit = _decide(
                cat,
                key,
                fold_name(text),
                unit,
                None if row is None else sims[row],
                settings,
                None if row is None else ranks[row],
            )
            cache[(key, unit)] = hit
        return hit

    parent_codes: dict[str, NameMatch] = {}
    distinct_parents = sorted({p for p in parents if p})
    if distinct_parents:
        for p, m in zip(
            distinct_parents,
            match_names(distinct_parents, catalog=cat, settings=settings),
            strict=True,
        ):
            parent_codes[p] = m

    results: list[NameMatch] = []
    for i, name in enumerate(names):
        unit = units[i] or None
        result = global_match(name, unit)
        if firsts[i]:
            first = global_match(firsts[i], unit)  # type: ignore[arg-type]
            if first.matched:
                result = first
        parent = parents[i]
        if parent:
            ctx = _context_match(cat, name, unit, parent_codes.get(parent), settings)
            if ctx is not None:
                result = ctx
        results.append(result)
    return results


def _top_columns(scores: np.ndarray, k: int) -> np.ndarray:
    """The first ``k`` columns of each row in descending order of score, ties by column
    (= ``np.argsort(-scores, axis=1, kind="stable")[:, :k]``, by repeated ``argmax``)."""
    k = min(k, scores.shape[1])
    out = np.empty((scores.shape[0], k), dtype=np.intp)
    work = scores.copy()
    rows = np.arange(scores.shape[0])
    for j in range(k):
        out[:, j] = best = np.argmax(work, axis=1)
        work[rows, best] = -np.inf
    return out


def _candidates(
    cat: Catalog, scores: np.ndarray, order: np.ndarray, top: int
) -> tuple[Candidate, ...]:
    """The ``top`` best entries; ``order`` ranks ``scores`` (stable, best first)."""
    if top <= 0 or scores.size == 0:
        return ()
    return tuple(
        Candidate(cat.entries[i].code, cat.entries[i].name, round(float(min(scores[i], 100.0)), 1))
        for i in order[:top]
    )


def _decide(
    cat: Catalog,
    key: str,
    folded: str,
    unit: str | None,
    sim: np.ndarray | None,
    settings: MatchSettings,
    ranked: np.ndarray | None = None,
) -> NameMatch:
    """The match of one folded name. ``ranked``: the first ``max(top, 2)`` entries of ``sim``
    in stable descending order, when known (used while the scores are ``sim`` itself)."""
    if not key:
        return NameMatch(None, None, 0.0, "none", folded)
    adj = cat.unit_adjustment(unit, settings)
    if sim is None:  # the folded name is a canonical name or alias
        i, kind = cat.exact[key]
        sim = np.zeros(len(cat.entries), dtype=np.float32)
        sim[i] = 100.0
    else:
        kind = "fuzzy"
    scores = sim + adj
    best = int(np.argmax(scores))
    method = kind if sim[best] >= 100.0 else "fuzzy"
    # within a group, the unit chooses: level vs growth vs share
    if unit_family(unit) and adj[best] < 0 and cat.entries[best].group:
        members = [m for m in cat.groups[cat.entries[best].group] if adj[m] >= 0]
        if kind != "fuzzy":  # exact hit: score its group members too
            msims = _score_group(cat, key, cat.entries[best].group, settings)
            for m in members:
                sim[m] = max(sim[m], msims.get(m, 0.0))
        if members:
            alt = max(members, key=lambda m: sim[m])
            if (
                sim[alt] >= sim[best] - settings.group_margin
                and sim[alt] + adj[alt] >= settings.context_threshold
            ):
                best, method = alt, "unit"
                scores = sim + adj
                scores[best] = max(scores[best], settings.threshold)
    score = float(min(max(scores[best], 0.0), 100.0))
    if ranked is None or unit_family(unit) is not None:  # the scores are not ``sim``
        ranked = np.argsort(-scores, kind="stable")[: max(settings.top, 2)]
    cands = _candidates(cat, scores, ranked, settings.top)
    # the best other entry: the first ranked, or the second when the first is ``best``
    runner_up = float(scores[ranked[int(ranked[0] == best)]]) if len(scores) > 1 else 0.0
    clear = score >= settings.margin_threshold and score - runner_up >= settings.min_margin
    if score < settings.threshold and not clear:
        return NameMatch(None, None, round(score, 1), "none", folded, cands)
    e = cat.entries[best]
    return NameMatch(e.code, e.name, round(score, 1), method, folded, cands)


def _score_group(cat: Catalog, key: str, group: str, settings: MatchSettings) -> dict[int, float]:
    gown = cat.group_choices[group][1]
    gsorted, vecs, weights = cat.group_index(group)
    per = cat._choice_scores([key], gsorted, vecs, weights, settings)[0]
    out: dict[int, float] = {}
    for s, owner in zip(per, gown, strict=True):
        out[owner] = max(out.get(owner, 0.0), float(s))
    return out


def _context_match(
    cat: Catalog, name: str, unit: str | None, parent: NameMatch | None, settings: MatchSettings
) -> NameMatch | None:
    """A sub-row matched inside its parent's group, or None to keep the global match."""
    if parent is None or parent.code is None:
        return None
    pentry = cat.by_code[parent.code]
    if not pentry.group:
        return None
    members = cat.groups[pentry.group]
    key = match_key(name)
    folded = fold_name(name)
    adj = cat.unit_adjustment(unit, settings)
    if not key:  # "Đến năm 2030" under "Thu nhập ... tăng bình quân": the unit decides
        fam = unit_family(unit)
        if fam is None:
            return None
        fits = [m for m in members if adj[m] >= 0 and cat.entry_families[m] == fam]
        if not fits:
            return None
        pidx = cat.index[parent.code]
        best = max(fits, key=lambda m: (adj[m], m == pidx))
        e = cat.entries[best]
        return NameMatch(e.code, e.name, round(min(parent.score, 100.0), 1), "context", folded)
    sims = _score_group(cat, key, pentry.group, settings)
    scored = {m: sims.get(m, 0.0) + float(adj[m]) for m in members}
    best = max(scored, key=lambda m: scored[m])
    if scored[best] < settings.context_threshold:
        return None
    e = cat.entries[best]
    ranked = sorted(scored, key=lambda m: -scored[m])[: settings.top]
    cands = tuple(
        Candidate(cat.entries[m].code, cat.entries[m].name, round(min(scored[m], 100.0), 1))
        for m in ranked
    )
    return NameMatch(e.code, e.name, round(min(scored[best], 100.0), 1), "context", folded, cands)


def fold(name: str) -> str:
    """Alias of ``normalizers.folding.fold_name`` (the processor), re-exported here."""
    return fold_name(name)


__all__ = [
    "Candidate",
    "Catalog",
    "CatalogEntry",
    "DEFAULT_CATALOG",
    "MatchSettings",
    "NameMatch",
    "fold_name",
    "load_catalog",
    "match_names",
    "unit_family",
]
