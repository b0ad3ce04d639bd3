"""`chitieu catalog unmatched`: the report of names that found no catalogue code."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.catalog import format_unmatched, unmatched_report


def _write(tmp_path, rows):
    df = pd.DataFrame(rows, columns=["doc_id", "indicator_id", "name", "catalog_code"])
    df.to_parquet(tmp_path / "indicators.parquet", index=False)
    return tmp_path


def test_unmatched_report_counts_and_orders_names(tmp_path):
    parsed = _write(
        tmp_path,
        [
            ("d1", "i1", "Tỷ lệ hộ nghèo", "XH.POVERTY_RATE"),
            ("d1", "i2", "Quản lý chợ, cửa hàng", None),
            ("d2", "i1", "Quản lý chợ, cửa hàng", None),
            ("d2", "i2", "Quản lý chợ, cửa hàng", None),
            ("d2", "i3", "Tổ chức hội nghị sơ kết", None),
        ],
    )
    report = unmatched_report(parsed, top=2)
    assert list(report["name"]) == ["Quản lý chợ, cửa hàng", "Tổ chức hội nghị sơ kết"]
    assert list(report["count"]) == [3, 1]
    assert list(report["n_docs"]) == [2, 1]
    assert {"code_1", "name_1", "score_1", "code_2", "score_2"} <= set(report.columns)
    assert "code_3" not in report.columns
    # the nearest entry of the market row is the market-management task area
    assert report.loc[0, "code_1"] == "QL.MARKET_MANAGEMENT"
    assert report.loc[0, "score_1"] >= report.loc[0, "score_2"]
    text = format_unmatched(report)
    assert "Quản lý chợ, cửa hàng" in text and "QL.MARKET_MANAGEMENT" in text


def test_unmatched_report_when_everything_matched(tmp_path):
    parsed = _write(tmp_path, [("d1", "i1", "Tỷ lệ hộ nghèo", "XH.POVERTY_RATE")])
    report = unmatched_report(parsed)
    assert report.empty
    assert format_unmatched(report) == "All indicator names have a catalogue code."


def test_unmatched_report_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="indicators.parquet"):
        unmatched_report(tmp_path)


def test_indicators_carry_the_catalogue_entry(parsed_samples):
    """English name, domain and expected unit of the matched entry are on the rows, the
    same as in the catalogue file; unmatched rows have none."""
    from normalizers.names import load_catalog

    indicators = pd.read_parquet(parsed_samples / "indicators.parquet")
    catalog = load_catalog().by_code
    matched = indicators[indicators.catalog_code.notna()]
    assert len(matched) >= 200
    for row in matched.itertuples():
        entry = catalog[row.catalog_code]
        assert (row.catalog_name, row.catalog_name_en, row.catalog_domain) == (
            entry.name,
            entry.en,
            entry.domain,
        )
        assert (None if pd.isna(row.catalog_unit) else row.catalog_unit) == entry.unit
    unmatched = indicators[indicators.catalog_code.isna()]
    assert unmatched[["catalog_name_en", "catalog_domain", "catalog_unit"]].isna().all().all()
    health = matched[matched.catalog_code == "XH.HEALTH_INSURANCE"]
    assert not health.empty and set(health.catalog_unit) == {"%"}
