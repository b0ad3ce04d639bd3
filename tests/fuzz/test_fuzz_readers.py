"""A short fuzz run of the readers inside the test suite, and the crashes kept from longer
runs replayed (see harness.py; `python -m tests.fuzz.run --n 100000` for the long run)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import harness


@pytest.fixture(scope="module")
def seeds():
    with tempfile.TemporaryDirectory(prefix="chitieu-fuzz-seeds-") as folder:
        yield harness.build_seeds(Path(folder), small=True)


edits = st.lists(
    st.builds(
        harness.Edit,
        kind=st.sampled_from(harness.EDIT_KINDS),
        where=st.floats(0, 1),
        size=st.sampled_from((1, 2, 8, 64, 512)),
        value=st.integers(0, 2**16 - 1),
    ),
    min_size=1,
    max_size=6,
)

SHORT = settings(
    max_examples=40,  # a few seconds per format; the long run is on demand
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("fmt", harness.FORMATS)
@SHORT
@given(data=st.data())
def test_mutated_samples_give_a_document_or_a_read_error(seeds, fmt, data):
    seed = data.draw(st.sampled_from(seeds[fmt]))
    mutation = data.draw(edits)
    if fmt == "docx" and data.draw(st.booleans()):
        mutated = harness.mutate_docx_inside(seed, mutation, data.draw(st.integers(0, 7)))
    else:
        mutated = harness.apply_edits(seed, mutation, donor=seed)
    with harness.scratch() as folder:
        finding = harness.read_bytes(mutated, fmt, folder)
    assert finding is None, f"{finding.error}\n{finding.trace}"


@pytest.mark.parametrize("path", harness.regression_files(), ids=lambda p: p.name)
def test_kept_crashes_give_a_read_error(path):
    with harness.scratch() as folder:
        finding = harness.read_bytes(path.read_bytes(), path.suffix.lstrip("."), folder)
    assert finding is None, f"{finding.error}\n{finding.trace}"


def test_the_harness_reports_an_escaped_exception(monkeypatch, seeds):
    # the harness must be able to fail: a reader that raises KeyError is a finding
    from parsers.readers import text

    def broken(_path):
        raise KeyError("boom")

    monkeypatch.setattr(text, "read", broken)
    with harness.scratch() as folder:
        finding = harness.read_bytes(seeds["txt"][0], "txt", folder)
    assert finding is not None and finding.error.startswith("KeyError")


def test_a_read_spinning_past_the_cpu_limit_is_a_hang():
    import pytest

    from tests.fuzz.harness import Hang, time_limit

    with pytest.raises(Hang), time_limit(0.2):
        while True:  # burns CPU: the limit is on CPU time, so load elsewhere cannot trip it
            pass
