"""Shared fixtures of the pipeline tests: the samples and the dev corpus ingested once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "raw"
DEV_DOCS = ROOT / "tests" / "corpus" / "dev" / "docs"


@pytest.fixture(scope="session")
def parsed_samples(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parsed-samples")
    summary = ingest_paths([SAMPLES], out, workers=0)
    assert summary.failed == 0, summary.failed_files
    return out


@pytest.fixture(scope="session")
def parsed_dev(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parsed-dev")
    ingest_paths([DEV_DOCS], out, workers=0)
    return out
