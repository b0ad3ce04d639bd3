"""Catalogue review: which indicator names found no catalogue code, and what is nearest.

``chitieu catalog unmatched --parsed DIR`` prints ``format_unmatched(unmatched_report(DIR))``:
the names of ``indicators.parquet`` whose ``catalog_code`` is null, most frequent first, with
the nearest catalogue entries, so that a person can add an alias or a new entry to
``normalizers/data/catalog.yaml`` (or confirm that the row is not an indicator).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from normalizers.names import MatchSettings, load_catalog, match_names

REPORT_COLUMNS = ["name", "count", "n_docs", "folded", "best_score"]


def unmatched_report(parsed_dir: Path, top: int = 3) -> pd.DataFrame:
    """Names without a catalogue code in ``<parsed_dir>/indicators.parquet``.

    One row per distinct name: ``name``, ``count`` (mentions), ``n_docs`` (documents),
    ``folded`` (the name as the matcher sees it), ``best_score`` and, for k = 1..top,
    ``code_k``, ``name_k``, ``score_k`` of the k-th nearest catalogue entry. Most frequent
    first, then by name.
    """
    path = Path(parsed_dir) / "indicators.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `chitieu ingest` first")
    df = pd.read_parquet(path, columns=["doc_id", "name", "catalog_code"])
    cand_cols = [f"{kind}_{k}" for k in range(1, top + 1) for kind in ("code", "name", "score")]
    unmatched = df[df["catalog_code"].isna() & df["name"].notna()]
    if unmatched.empty:
        return pd.DataFrame(columns=REPORT_COLUMNS + cand_cols)
    grouped = (
        unmatched.groupby("name", sort=False)
        .agg(count=("name", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["count", "n_docs", "name"], ascending=[False, False, True], kind="stable")
        .reset_index(drop=True)
    )
    matches = match_names(
        grouped["name"].tolist(), catalog=load_catalog(), settings=MatchSettings(top=top)
    )
    grouped["folded"] = [m.folded for m in matches]
    grouped["best_score"] = [m.candidates[0].score if m.candidates else 0.0 for m in matches]
    for k in range(top):
        grouped[f"code_{k + 1}"] = [
            m.candidates[k].code if len(m.candidates) > k else None for m in matches
        ]
        grouped[f"name_{k + 1}"] = [
            m.candidates[k].name if len(m.candidates) > k else None for m in matches
        ]
        grouped[f"score_{k + 1}"] = [
            m.candidates[k].score if len(m.candidates) > k else None for m in matches
        ]
    return grouped[REPORT_COLUMNS + cand_cols]


def format_unmatched(df: pd.DataFrame, width: int = 70) -> str:
    """Plain-text listing of ``unmatched_report`` for the terminal."""
    if df.empty:
        return "All indicator names have a catalogue code."
    n_cand = sum(1 for c in df.columns if c.startswith("code_"))
    lines = [f"{len(df)} unmatched names ({int(df['count'].sum())} mentions)", ""]
    lines.append(f"{'count':>5} {'docs':>4}  name / nearest catalogue entries")
    for row in df.itertuples(index=False):
        rec = row._asdict()
        name = rec["name"] if len(rec["name"]) <= width else rec["name"][: width - 1] + "…"
        lines.append(f"{rec['count']:>5} {rec['n_docs']:>4}  {name}")
        near = [
            f"{rec[f'code_{k}']} {rec[f'score_{k}']:.0f}"
            for k in range(1, n_cand + 1)
            if rec.get(f"code_{k}")
        ]
        if near:
            lines.append(f"{'':>11}→ " + " · ".join(near))
    return "\n".join(lines)
